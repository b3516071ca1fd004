"""Affiliations: a person's role at an organisation over a period."""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from techzone_crm.db.base import Base, Tracked
from techzone_crm.db.models.organisation import Organisation
from techzone_crm.db.models.person import Person


class Affiliation(Tracked, Base):
    """A person's role at an organisation from ``start_date`` until ``end_date`` (open if None)."""

    __tablename__ = "affiliation"
    __table_args__ = (
        CheckConstraint(
            "end_date IS NULL OR start_date IS NULL OR end_date >= start_date",
            name="period",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(200), default="")
    start_date: Mapped[date | None] = mapped_column(default=None)
    end_date: Mapped[date | None] = mapped_column(default=None)
    notes: Mapped[str] = mapped_column(Text, default="")

    person: Mapped[Person] = relationship(back_populates="affiliations")
    organisation: Mapped[Organisation] = relationship(back_populates="affiliations")

    def is_current(self, on: date | None = None) -> bool:
        """True if the affiliation runs on ``on`` (today by default)."""
        day = on or date.today()
        started = self.start_date is None or self.start_date <= day
        return started and (self.end_date is None or self.end_date >= day)
