"""Contact rhythm: how often each person should hear from us, and who is overdue.

The target interval is the person's own, else a default by the grid quadrant of their
latest overall assessment (:data:`DEFAULT_INTERVALS`). Days since the last contact turn
amber past the target and red past 1.5 × the target.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from techzone_crm.db.models import Interaction, Person, TeamMember, interaction_attendee
from techzone_crm.errors import ValidationError
from techzone_crm.services.assessments import GridQuadrant, latest_quadrants
from techzone_crm.services.common import check_version, fetch, save
from techzone_crm.text import person_sorted_name

#: Days between contacts by the quadrant of the latest overall assessment; None: not assessed.
DEFAULT_INTERVALS: dict[GridQuadrant | None, int] = {
    GridQuadrant.KEY_PLAYER: 42,  # every six weeks
    GridQuadrant.KEEP_SATISFIED: 90,
    GridQuadrant.KEEP_INFORMED: 90,
    GridQuadrant.MONITOR: 180,
    None: 180,
}

#: Past this multiple of the target an overdue contact turns from amber to red.
RED_FACTOR = 1.5

#: The range a person's own interval may take, in days.
MIN_INTERVAL = 1
MAX_INTERVAL = 730


class RhythmStatus(StrEnum):
    """How a contact stands against its rhythm."""

    OK = "ok"
    AMBER = "amber"  # past the target
    RED = "red"  # past 1.5 × the target
    NEVER = "never"  # no recorded contact yet


def status_of(days_since: int | None, target: int) -> RhythmStatus:
    """The status after ``days_since`` days; exactly on the target or 1.5 × is not yet past."""
    if days_since is None:
        return RhythmStatus.NEVER
    if days_since > target * RED_FACTOR:
        return RhythmStatus.RED
    if days_since > target:
        return RhythmStatus.AMBER
    return RhythmStatus.OK


@dataclass(frozen=True)
class ContactRhythm:
    """One person's rhythm on a day."""

    person_id: int
    name: str
    owner_id: int | None
    owner: str
    do_not_contact: bool
    quadrant: GridQuadrant | None
    #: The person's own interval; None when the default applies.
    own_interval: int | None
    target_days: int
    last_contact: date | None
    days_since: int | None
    status: RhythmStatus

    @property
    def days_overdue(self) -> int:
        """Days past the target (0 when in time or never contacted)."""
        if self.days_since is None:
            return 0
        return max(0, self.days_since - self.target_days)

    @property
    def next_due(self) -> date | None:
        """The day the target is reached, or None if never contacted."""
        if self.last_contact is None:
            return None
        return self.last_contact + timedelta(days=self.target_days)


def target_interval(own: int | None, quadrant: GridQuadrant | None) -> int:
    """The person's own interval if set, else the default for the quadrant."""
    return own if own is not None else DEFAULT_INTERVALS[quadrant]


def last_contacts(
    session: Session, today: date, person_ids: Collection[int] | None = None
) -> dict[int, date]:
    """person id → date of the latest interaction they attended, up to ``today``."""
    stmt = (
        select(interaction_attendee.c.person_id, func.max(Interaction.occurred_on))
        .join(Interaction, Interaction.id == interaction_attendee.c.interaction_id)
        .where(Interaction.occurred_on <= today)
        .group_by(interaction_attendee.c.person_id)
    )
    if person_ids is not None:
        stmt = stmt.where(interaction_attendee.c.person_id.in_(list(person_ids)))
    return {pid: day for pid, day in session.execute(stmt)}


def contact_rhythms(
    session: Session,
    today: date,
    person_ids: Collection[int] | None = None,
    owner_id: int | None = None,
) -> list[ContactRhythm]:
    """The rhythm of the given people (default: everyone), by name, in three queries."""
    owner = aliased(TeamMember)
    stmt = (
        select(
            Person.id,
            Person.given_name,
            Person.name_prefix,
            Person.family_name,
            Person.owner_id,
            owner.name,
            Person.do_not_contact,
            Person.contact_interval_days,
        )
        .outerjoin(owner, owner.id == Person.owner_id)
        .order_by(Person.sort_name, Person.id)
    )
    if person_ids is not None:
        stmt = stmt.where(Person.id.in_(list(person_ids)))
    if owner_id is not None:
        stmt = stmt.where(Person.owner_id == owner_id)
    # Past interactions and assessments only: a meeting planned for next week is no contact.
    last = last_contacts(session, today, person_ids)
    quadrants = latest_quadrants(session, person_ids, today)
    rhythms = []
    for pid, given, prefix, family, oid, oname, dnc, own in session.execute(stmt):
        quadrant = quadrants.get(pid)
        target = target_interval(own, quadrant)
        seen = last.get(pid)
        days = None if seen is None else (today - seen).days
        rhythms.append(
            ContactRhythm(
                person_id=pid,
                name=person_sorted_name(given, prefix, family),
                owner_id=oid,
                owner=oname or "",
                do_not_contact=dnc,
                quadrant=quadrant,
                own_interval=own,
                target_days=target,
                last_contact=seen,
                days_since=days,
                status=status_of(days, target),
            )
        )
    return rhythms


def contact_rhythm(session: Session, person_id: int, today: date) -> ContactRhythm:
    """One person's rhythm, for their page."""
    fetch(session, Person, person_id, "person")
    return contact_rhythms(session, today, [person_id])[0]


def _urgency(r: ContactRhythm) -> tuple[int, float, int, str]:
    # Contacted people come first, by how far past the target they are relative to it
    # (so a key player six weeks late outranks a monitored contact six weeks late);
    # never-contacted people follow, shortest target (most important) first.
    if r.days_since is None:
        return (1, 0.0, r.target_days, r.name)
    return (0, -r.days_since / r.target_days, -r.days_overdue, r.name)


def overdue_contacts(
    session: Session, today: date, owner_id: int | None = None, include_never: bool = True
) -> list[ContactRhythm]:
    """The follow-up list: people past their target (amber or red), most overdue first.

    People marked do-not-contact are left out: the list is a list of people to contact.
    """
    wanted = {RhythmStatus.AMBER, RhythmStatus.RED}
    if include_never:
        wanted.add(RhythmStatus.NEVER)
    due = [
        r
        for r in contact_rhythms(session, today, owner_id=owner_id)
        if r.status in wanted and not r.do_not_contact
    ]
    return sorted(due, key=_urgency)


def set_contact_interval(
    session: Session, person_id: int, days: int | None, expected_version: int | None = None
) -> Person:
    """Give a person their own interval in days, or None for the default by quadrant."""
    if days is not None:
        if isinstance(days, bool) or not isinstance(days, int):
            raise ValidationError("contact_interval_days", "must be a whole number of days")
        if not MIN_INTERVAL <= days <= MAX_INTERVAL:
            raise ValidationError(
                "contact_interval_days",
                f"must be from {MIN_INTERVAL} to {MAX_INTERVAL} days (got {days})",
            )
    person = fetch(session, Person, person_id, "person")
    check_version(person, expected_version, "person")
    person.contact_interval_days = days
    save(session, "person")
    return person
