"""Pairs of people the user confirmed are not the same person."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from techzone_crm.db.base import Base, utcnow


class DistinctPeople(Base):
    """Two people who look alike but are different; the duplicate finder skips them.

    Stored once per pair, with the lower id first.
    """

    __tablename__ = "distinct_people"
    __table_args__ = (CheckConstraint("person_a_id < person_b_id", name="ordered"),)

    person_a_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True
    )
    person_b_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
