"""Dated stakeholder assessments: every assessment is kept, so movement shows."""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column

from techzone_crm.db.base import Base, Tracked
from techzone_crm.db.models.enums import EngagementLevel, enum_column
from techzone_crm.db.models.stakeholder import StakeholderRef


class Assessment(StakeholderRef, Tracked, Base):
    """How a person or organisation stood on a date, overall or for one dossier.

    The derived classes (grid quadrant, salience class, krachtenveld type) are computed
    from these values in one place in the services, never stored.
    """

    __tablename__ = "assessment"
    __table_args__ = (
        CheckConstraint("(person_id IS NULL) <> (organisation_id IS NULL)", name="one_stakeholder"),
        CheckConstraint("power BETWEEN 1 AND 5", name="power_range"),
        CheckConstraint("interest BETWEEN 1 AND 5", name="interest_range"),
        CheckConstraint("attitude BETWEEN -2 AND 2", name="attitude_range"),
        CheckConstraint("agreement BETWEEN 1 AND 5", name="agreement_range"),
        CheckConstraint("trust BETWEEN 1 AND 5", name="trust_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    assessed_on: Mapped[date] = mapped_column(index=True)
    dossier_id: Mapped[int | None] = mapped_column(
        ForeignKey("dossier.id", ondelete="CASCADE"), index=True, default=None
    )
    assessed_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("team_member.id", ondelete="SET NULL"), default=None
    )
    power: Mapped[int] = mapped_column()
    interest: Mapped[int] = mapped_column()
    # Salience (Mitchell, Agle & Wood): three yes/no attributes.
    has_power: Mapped[bool] = mapped_column(default=False)
    has_legitimacy: Mapped[bool] = mapped_column(default=False)
    has_urgency: Mapped[bool] = mapped_column(default=False)
    #: From -2 (opponent) to +2 (supporter).
    attitude: Mapped[int] = mapped_column(default=0)
    #: Krachtenveld axes: agreement on content and trust in the relationship, 1 to 5.
    agreement: Mapped[int] = mapped_column(default=3)
    trust: Mapped[int] = mapped_column(default=3)
    engagement_current: Mapped[EngagementLevel] = mapped_column(
        enum_column(EngagementLevel, "engagement_current"), default=EngagementLevel.INFORM
    )
    engagement_desired: Mapped[EngagementLevel] = mapped_column(
        enum_column(EngagementLevel, "engagement_desired"), default=EngagementLevel.INFORM
    )
    note: Mapped[str] = mapped_column(Text, default="")
