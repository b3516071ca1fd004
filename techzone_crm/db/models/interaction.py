"""Interactions (meetings, calls, e-mails, events, working visits) and commitments."""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, Column, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column

from techzone_crm.db.base import Base, Tracked
from techzone_crm.db.models.enums import CommitmentStatus, InteractionKind, enum_column


def _link(name: str, other: str) -> Table:
    """An association of interactions with ``other`` rows."""
    return Table(
        name,
        Base.metadata,
        Column(
            "interaction_id", ForeignKey("interaction.id", ondelete="CASCADE"), primary_key=True
        ),
        Column(
            f"{other}_id",
            ForeignKey(f"{other}.id", ondelete="CASCADE"),
            primary_key=True,
            index=True,
        ),
    )


interaction_attendee = _link("interaction_attendee", "person")
interaction_team_member = _link("interaction_team_member", "team_member")
interaction_organisation = _link("interaction_organisation", "organisation")
interaction_agenda = _link("interaction_agenda", "agenda")
interaction_dossier = _link("interaction_dossier", "dossier")


class Interaction(Tracked, Base):
    """A contact with stakeholders on a date: who attended, from our side and theirs."""

    __tablename__ = "interaction"

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_on: Mapped[date] = mapped_column(index=True)
    kind: Mapped[InteractionKind] = mapped_column(enum_column(InteractionKind, "interaction_kind"))
    subject: Mapped[str] = mapped_column(String(300))
    notes: Mapped[str] = mapped_column(Text, default="")


class Commitment(Tracked, Base):
    """A toezegging: who promised what to whom, by when.

    ``by_us`` tells whether a team member promised it (a follow-up action of ours) or a
    stakeholder promised it to us.
    """

    __tablename__ = "commitment"
    __table_args__ = (
        CheckConstraint("done_on IS NULL OR status = 'done'", name="done_on_only_when_done"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    interaction_id: Mapped[int | None] = mapped_column(
        ForeignKey("interaction.id", ondelete="SET NULL"), index=True, default=None
    )
    description: Mapped[str] = mapped_column(Text)
    by_us: Mapped[bool] = mapped_column(default=True)
    team_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("team_member.id", ondelete="SET NULL"), index=True, default=None
    )
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), index=True, default=None
    )
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True, default=None
    )
    dossier_id: Mapped[int | None] = mapped_column(
        ForeignKey("dossier.id", ondelete="SET NULL"), index=True, default=None
    )
    due_on: Mapped[date | None] = mapped_column(index=True, default=None)
    status: Mapped[CommitmentStatus] = mapped_column(
        enum_column(CommitmentStatus, "commitment_status"), default=CommitmentStatus.OPEN
    )
    done_on: Mapped[date | None] = mapped_column(default=None)
