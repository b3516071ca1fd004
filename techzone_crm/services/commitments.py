"""Use cases for commitments (toezeggingen): who promised what to whom, by when."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session, aliased

from techzone_crm.db.models import (
    Commitment,
    CommitmentStatus,
    Dossier,
    Interaction,
    Organisation,
    Person,
    TeamMember,
)
from techzone_crm.errors import ValidationError
from techzone_crm.services import validation as v
from techzone_crm.services.common import FIRST_PAGE, Page, check_version, fetch, save
from techzone_crm.text import person_sorted_name

WHAT = "commitment"


class CommitmentState(StrEnum):
    """The status a user sees: the stored one, or overdue for an open one past its date."""

    OPEN = "open"
    OVERDUE = "overdue"
    DONE = "done"
    CANCELLED = "cancelled"


def state_of(status: CommitmentStatus, due_on: date | None, today: date) -> CommitmentState:
    """Overdue means open with a due date before today (due today is not yet overdue)."""
    if status is CommitmentStatus.OPEN and due_on is not None and due_on < today:
        return CommitmentState.OVERDUE
    return CommitmentState(status.value)


@dataclass
class CommitmentData:
    """What a user enters for a commitment."""

    description: str
    by_us: bool = True
    team_member_id: int | None = None
    person_id: int | None = None
    organisation_id: int | None = None
    dossier_id: int | None = None
    interaction_id: int | None = None
    due_on: date | None = None


@dataclass(frozen=True)
class CommitmentRow:
    """One line of a commitment list."""

    id: int
    version: int
    description: str
    by_us: bool
    team_member_id: int | None
    team_member: str
    person_id: int | None
    person: str
    organisation_id: int | None
    organisation: str
    dossier_id: int | None
    dossier: str
    interaction_id: int | None
    interaction: str
    due_on: date | None
    done_on: date | None
    state: CommitmentState
    #: Days past the due date (0 unless overdue).
    days_overdue: int
    #: The date and subject of the interaction it was made in, apart.
    interaction_on: date | None = None
    interaction_subject: str = ""


@dataclass(frozen=True)
class CommitmentQuery:
    """Which commitments to list; every filter given must hold."""

    team_member_id: int | None = None
    person_id: int | None = None
    organisation_id: int | None = None
    dossier_id: int | None = None
    interaction_id: int | None = None
    by_us: bool | None = None
    #: Only these states (empty: all).
    states: frozenset[CommitmentState] = frozenset()


_REFERENCES: tuple[tuple[str, type[Any], str], ...] = (
    ("team_member_id", TeamMember, "team member"),
    ("person_id", Person, "person"),
    ("organisation_id", Organisation, "organisation"),
    ("dossier_id", Dossier, "dossier"),
    ("interaction_id", Interaction, "interaction"),
)


def _apply(session: Session, c: Commitment, data: CommitmentData) -> None:
    c.description = v.required("description", data.description, 2000)
    for field, model, what in _REFERENCES:
        ident = getattr(data, field)
        if ident is not None and session.get(model, ident) is None:
            raise ValidationError(field, f"unknown {what} #{ident}")
    if data.person_id is None and data.organisation_id is None:
        raise ValidationError("person_id", "say to or from whom: a person or an organisation")
    # A promise of ours without a name on it is the one nobody follows up.
    if data.by_us and data.team_member_id is None:
        raise ValidationError("team_member_id", "say which team member made the promise")
    if data.due_on is not None and not isinstance(data.due_on, date):
        raise ValidationError("due_on", "is not a date")
    c.by_us = bool(data.by_us)
    c.team_member_id = data.team_member_id
    c.person_id = data.person_id
    c.organisation_id = data.organisation_id
    c.dossier_id = data.dossier_id
    c.interaction_id = data.interaction_id
    c.due_on = data.due_on


def add_commitment(session: Session, data: CommitmentData) -> Commitment:
    """Record an open commitment."""
    c = Commitment(status=CommitmentStatus.OPEN)
    with session.no_autoflush:
        _apply(session, c, data)
    session.add(c)
    save(session, WHAT)
    return c


def update_commitment(
    session: Session, commitment_id: int, data: CommitmentData, expected_version: int | None = None
) -> Commitment:
    """Change what was promised; the status stays as it is."""
    c = fetch(session, Commitment, commitment_id, WHAT)
    check_version(c, expected_version, WHAT)
    with session.no_autoflush:
        _apply(session, c, data)
    save(session, WHAT)
    return c


def delete_commitment(
    session: Session, commitment_id: int, expected_version: int | None = None
) -> None:
    """Remove a commitment entered by mistake (a withdrawn promise is cancelled instead)."""
    c = fetch(session, Commitment, commitment_id, WHAT)
    check_version(c, expected_version, WHAT)
    session.delete(c)
    save(session, WHAT)


def _set_status(
    session: Session,
    commitment_id: int,
    status: CommitmentStatus,
    done_on: date | None,
    expected_version: int | None,
) -> Commitment:
    c = fetch(session, Commitment, commitment_id, WHAT)
    check_version(c, expected_version, WHAT)
    c.status = status
    c.done_on = done_on
    save(session, WHAT)
    return c


def mark_done(
    session: Session,
    commitment_id: int,
    done_on: date | None = None,
    expected_version: int | None = None,
    today: date | None = None,
) -> Commitment:
    """Mark a commitment as kept on ``done_on`` (default today; not in the future)."""
    day = today or date.today()
    when = done_on or day
    if when > day:
        raise ValidationError("done_on", f"is in the future ({when.isoformat()})")
    return _set_status(session, commitment_id, CommitmentStatus.DONE, when, expected_version)


def cancel(session: Session, commitment_id: int, expected_version: int | None = None) -> Commitment:
    """Mark a commitment as withdrawn or no longer needed."""
    return _set_status(session, commitment_id, CommitmentStatus.CANCELLED, None, expected_version)


def reopen(session: Session, commitment_id: int, expected_version: int | None = None) -> Commitment:
    """Make a done or cancelled commitment open again."""
    return _set_status(session, commitment_id, CommitmentStatus.OPEN, None, expected_version)


def _state_condition(states: frozenset[CommitmentState], today: date) -> ColumnElement[bool]:
    is_open = Commitment.status == CommitmentStatus.OPEN
    # Spelled out for NULL: an undated commitment is open, never overdue.
    late = Commitment.due_on.is_not(None) & (Commitment.due_on < today)
    in_time = Commitment.due_on.is_(None) | (Commitment.due_on >= today)
    parts: list[ColumnElement[bool]] = []
    for state in states:
        if state is CommitmentState.OVERDUE:
            parts.append(is_open & late)
        elif state is CommitmentState.OPEN:
            parts.append(is_open & in_time)
        else:
            parts.append(Commitment.status == CommitmentStatus(state.value))
    return or_(*parts)


def _rows(session: Session, stmt: Select[Commitment], today: date) -> list[CommitmentRow]:
    member, who, org, dossier, meeting = (
        aliased(TeamMember),
        aliased(Person),
        aliased(Organisation),
        aliased(Dossier),
        aliased(Interaction),
    )
    full = (
        stmt.add_columns(
            member.name,
            who.given_name,
            who.name_prefix,
            who.family_name,
            org.name,
            dossier.title,
            meeting.subject,
            meeting.occurred_on,
        )
        .outerjoin(member, member.id == Commitment.team_member_id)
        .outerjoin(who, who.id == Commitment.person_id)
        .outerjoin(org, org.id == Commitment.organisation_id)
        .outerjoin(dossier, dossier.id == Commitment.dossier_id)
        .outerjoin(meeting, meeting.id == Commitment.interaction_id)
    )
    rows = []
    for c, m_name, given, prefix, family, o_name, d_title, subject, held in session.execute(full):
        state = state_of(c.status, c.due_on, today)
        overdue = (today - c.due_on).days if state is CommitmentState.OVERDUE else 0
        rows.append(
            CommitmentRow(
                id=c.id,
                version=c.version,
                description=c.description,
                by_us=c.by_us,
                team_member_id=c.team_member_id,
                team_member=m_name or "",
                person_id=c.person_id,
                person=person_sorted_name(given, prefix, family) if family else "",
                organisation_id=c.organisation_id,
                organisation=o_name or "",
                dossier_id=c.dossier_id,
                dossier=d_title or "",
                interaction_id=c.interaction_id,
                interaction=f"{held.isoformat()} {subject}" if subject else "",
                due_on=c.due_on,
                done_on=c.done_on,
                state=state,
                days_overdue=overdue,
                interaction_on=held,
                interaction_subject=subject or "",
            )
        )
    return rows


_S = TypeVar("_S", bound=Select[*tuple[Any, ...]])


def _filtered(stmt: _S, query: CommitmentQuery, today: date) -> _S:
    """``stmt`` on commitments, narrowed by every filter of ``query``."""
    for field in ("team_member_id", "person_id", "organisation_id", "dossier_id", "interaction_id"):
        wanted = getattr(query, field)
        if wanted is not None:
            stmt = stmt.where(getattr(Commitment, field) == wanted)
    if query.by_us is not None:
        stmt = stmt.where(Commitment.by_us.is_(query.by_us))
    if query.states:
        stmt = stmt.where(_state_condition(query.states, today))
    return stmt


def _matching(query: CommitmentQuery, today: date) -> Select[Commitment]:
    """Matching commitments by due date (undated last), then as entered."""
    stmt = _filtered(select(Commitment), query, today)
    return stmt.order_by(Commitment.due_on.is_(None), Commitment.due_on, Commitment.id)


def list_commitments(
    session: Session, query: CommitmentQuery, today: date | None = None, page: Page = FIRST_PAGE
) -> list[CommitmentRow]:
    """One page of matching commitments by due date (undated last), then as entered."""
    day = today or date.today()
    return _rows(session, _matching(query, day).offset(page.offset).limit(page.limit), day)


def get_commitment(
    session: Session, commitment_id: int, today: date | None = None
) -> CommitmentRow:
    """One commitment with the names of what it links to."""
    fetch(session, Commitment, commitment_id, WHAT)
    day = today or date.today()
    return _rows(session, select(Commitment).where(Commitment.id == commitment_id), day)[0]


def commitment_counts(
    session: Session, query: CommitmentQuery, today: date | None = None
) -> dict[CommitmentState, int]:
    """How many commitments matching ``query`` (its states aside) are in each state."""
    day = today or date.today()
    late = (Commitment.due_on.is_not(None) & (Commitment.due_on < day)).label("late")
    stmt = select(Commitment.status, late, func.count(Commitment.id)).group_by(
        Commitment.status, late
    )
    stmt = _filtered(stmt, replace(query, states=frozenset()), day)
    counts = dict.fromkeys(CommitmentState, 0)
    for status, is_late, n in session.execute(stmt):
        if status is CommitmentStatus.OPEN and is_late:
            counts[CommitmentState.OVERDUE] += n
        else:
            counts[CommitmentState(status.value)] += n
    return counts


def overdue_commitments(
    session: Session, today: date, team_member_id: int | None = None
) -> list[CommitmentRow]:
    """Open commitments past their due date, longest overdue first."""
    query = CommitmentQuery(
        team_member_id=team_member_id, states=frozenset({CommitmentState.OVERDUE})
    )
    return _rows(session, _matching(query, today), today)


def commitments_due(
    session: Session, today: date, days: int = 14, team_member_id: int | None = None
) -> list[CommitmentRow]:
    """Open commitments due from today up to ``days`` days ahead, soonest first."""
    if days < 0:
        raise ValidationError("days", "cannot be negative")
    stmt = select(Commitment).where(
        Commitment.status == CommitmentStatus.OPEN,
        Commitment.due_on >= today,
        Commitment.due_on <= today + timedelta(days=days),
    )
    if team_member_id is not None:
        stmt = stmt.where(Commitment.team_member_id == team_member_id)
    return _rows(session, stmt.order_by(Commitment.due_on, Commitment.id), today)
