"""Dossiers: the public-affairs issues the collaboration works on."""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from techzone_crm.db.base import Base, Tracked
from techzone_crm.db.models.enums import IssueStage, enum_column
from techzone_crm.db.models.stakeholder import StakeholderRef


class Dossier(Tracked, Base):
    """An issue with a life-cycle stage, e.g. "Spoorverbinding Emmen–Groningen"."""

    __tablename__ = "dossier"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    stage: Mapped[IssueStage] = mapped_column(
        enum_column(IssueStage, "issue_stage"), default=IssueStage.EMERGING
    )


class DossierAgenda(Base):
    """An agenda (or one of its themes) a dossier belongs to."""

    __tablename__ = "dossier_agenda"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(
        ForeignKey("dossier.id", ondelete="CASCADE"), index=True
    )
    agenda_id: Mapped[int] = mapped_column(ForeignKey("agenda.id", ondelete="CASCADE"), index=True)
    theme_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_theme.id", ondelete="CASCADE"), index=True, default=None
    )


class DossierStakeholder(StakeholderRef, Tracked, Base):
    """A stakeholder's position on a dossier, with the public statement it rests on."""

    __tablename__ = "dossier_stakeholder"
    __table_args__ = (
        CheckConstraint("(person_id IS NULL) <> (organisation_id IS NULL)", name="one_stakeholder"),
        CheckConstraint("position BETWEEN -2 AND 2", name="position_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(
        ForeignKey("dossier.id", ondelete="CASCADE"), index=True
    )
    #: From -2 (opposes) to +2 (supports).
    position: Mapped[int] = mapped_column(default=0)
    source: Mapped[str] = mapped_column(String(300), default="")  # e.g. "Statendebat"
    source_date: Mapped[date | None] = mapped_column(default=None)
    source_reference: Mapped[str] = mapped_column(String(500), default="")  # URL or citation
    note: Mapped[str] = mapped_column(Text, default="")
