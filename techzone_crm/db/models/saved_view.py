"""Saved views: a named set of filters and a sort order for a list."""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from techzone_crm.db.base import Base, Tracked
from techzone_crm.db.models.enums import enum_column


class ViewKind(StrEnum):
    """Which list a saved view belongs to."""

    PEOPLE = "people"
    ORGANISATIONS = "organisations"


class SavedView(Tracked, Base):
    """A named query the user can come back to, e.g. "Key players without owner"."""

    __tablename__ = "saved_view"
    __table_args__ = (UniqueConstraint("kind", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[ViewKind] = mapped_column(enum_column(ViewKind, "view_kind"))
    name: Mapped[str] = mapped_column(String(100))
    # The query as JSON (field names of PersonQuery / OrganisationQuery, enum values).
    query: Mapped[str] = mapped_column(Text)

    def __repr__(self) -> str:
        return f"SavedView({self.id}, {self.kind.value}, {self.name!r})"
