"""The export log: every export of personal data (who, when, what, how many, where)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from techzone_crm.db.base import Base, utcnow
from techzone_crm.db.models.enums import enum_column


class ExportKind(StrEnum):
    """What was exported."""

    PEOPLE = "people"
    ORGANISATIONS = "organisations"


class ExportLog(Base):
    """One export, written in the same transaction that read the exported rows."""

    __tablename__ = "export_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    exported_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    exported_by: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[ExportKind] = mapped_column(enum_column(ExportKind, "export_kind"))
    format: Mapped[str] = mapped_column(String(16))
    filter: Mapped[str] = mapped_column(Text, default="")
    count: Mapped[int] = mapped_column(default=0)
    path: Mapped[str] = mapped_column(Text, default="")

    def __repr__(self) -> str:
        return f"ExportLog({self.id}, {self.kind.value}, {self.format}, {self.count})"
