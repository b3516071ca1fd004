"""Explicit relationships between two people or between two organisations."""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column

from techzone_crm.db.base import Base, Tracked
from techzone_crm.db.models.enums import RelationshipKind, enum_column


class Relationship(Tracked, Base):
    """A relationship "a <kind> b" of strength 1 (weak) to 5 (strong) between two people or
    two organisations: exactly one of the pairs is filled, and no side is related to itself.

    Deleting either side deletes the relationship (the delete question says so).
    """

    __tablename__ = "relationship"
    __table_args__ = (
        CheckConstraint(
            "(person_a_id IS NOT NULL AND person_b_id IS NOT NULL"
            " AND organisation_a_id IS NULL AND organisation_b_id IS NULL)"
            " OR (person_a_id IS NULL AND person_b_id IS NULL"
            " AND organisation_a_id IS NOT NULL AND organisation_b_id IS NOT NULL)",
            name="one_pair",
        ),
        CheckConstraint(
            "(person_a_id IS NULL OR person_a_id <> person_b_id)"
            " AND (organisation_a_id IS NULL OR organisation_a_id <> organisation_b_id)",
            name="not_self",
        ),
        CheckConstraint("strength BETWEEN 1 AND 5", name="strength_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[RelationshipKind] = mapped_column(
        enum_column(RelationshipKind, "relationship_kind")
    )
    person_a_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), index=True, default=None
    )
    person_b_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), index=True, default=None
    )
    organisation_a_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True, default=None
    )
    organisation_b_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True, default=None
    )
    strength: Mapped[int] = mapped_column(default=3)
    note: Mapped[str] = mapped_column(Text, default="")
    started_on: Mapped[date | None] = mapped_column(default=None)
