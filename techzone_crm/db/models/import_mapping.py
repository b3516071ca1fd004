"""Saved import mappings: which field each column of a recurring file holds."""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from techzone_crm.db.base import Base, Tracked


class ImportMapping(Tracked, Base):
    """A named mapping from column titles to import fields, e.g. "Outlook (NL)"."""

    __tablename__ = "import_mapping"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    # JSON object: column title → ImportField value.
    columns: Mapped[str] = mapped_column(Text)

    def __repr__(self) -> str:
        return f"ImportMapping({self.id}, {self.name!r})"
