"""The dashboard: what needs attention today, gathered in one call.

**Key player.** A person whose latest overall assessment (up to today) falls in the
key-player quadrant of the power/interest grid.

**Owner.** An active team member set as the person's owner; an inactive one counts as none.

**Warm tie.** A team member holds the relationship (an active owner or backup owner, as on
the agenda page) and the last contact is within the person's rhythm (status ok).

**Agenda coverage.** Per agenda, the people linked to it or to one of its themes who are
key players, and how many of those we have a warm tie with. Linked organisations are not
counted: the rhythm and the key-player test are about people.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from techzone_crm.db.models import (
    Affiliation,
    AgendaLevel,
    AgendaStakeholder,
    Organisation,
    Person,
    TeamMember,
)
from techzone_crm.services.affiliations import is_current
from techzone_crm.services.agendas import AgendaQuery, list_agendas
from techzone_crm.services.assessments import GridQuadrant, latest_quadrants
from techzone_crm.services.commitments import (
    CommitmentRow,
    commitments_due,
    overdue_commitments,
)
from techzone_crm.services.common import MAX_PAGE, Page
from techzone_crm.services.interactions import (
    InteractionQuery,
    InteractionRow,
    count_interactions,
    list_interactions,
)
from techzone_crm.services.rhythm import (
    ContactRhythm,
    RhythmStatus,
    contact_rhythms,
    overdue_contacts,
)

#: How far back "recent" interactions go and how far ahead commitments count as due soon.
RECENT_DAYS = 14
DUE_DAYS = 14

#: At most this many rows per list; the totals count everything.
LIMIT = 200


@dataclass(frozen=True)
class KeyPlayerRow:
    """A key player nobody in the team owns."""

    person_id: int
    name: str
    #: The organisation of their current role that started last.
    organisation: str
    last_contact: date | None
    days_since: int | None


@dataclass(frozen=True)
class CoverageRow:
    """One agenda: its linked key players and how many of them we have a warm tie with."""

    agenda_id: int
    name: str
    level: AgendaLevel
    key_players: int
    warm: int
    #: The key players without a warm tie, by name.
    cold: tuple[str, ...]

    @property
    def is_gap(self) -> bool:
        """True if no linked key player has a warm tie (the plan's gap)."""
        return self.warm == 0


@dataclass(frozen=True)
class Dashboard:
    """Everything the dashboard shows on ``today``."""

    today: date
    #: Past their target (amber or red), most overdue first.
    overdue_contacts: tuple[ContactRhythm, ...]
    overdue_contacts_total: int
    #: People with no recorded contact at all (not listed, counted).
    never_contacted: int
    overdue_commitments: tuple[CommitmentRow, ...]
    due_commitments: tuple[CommitmentRow, ...]
    unowned_key_players: tuple[KeyPlayerRow, ...]
    recent_interactions: tuple[InteractionRow, ...]
    recent_interactions_total: int
    coverage: tuple[CoverageRow, ...]


def dashboard(
    session: Session,
    today: date,
    recent_days: int = RECENT_DAYS,
    due_days: int = DUE_DAYS,
    limit: int = LIMIT,
) -> Dashboard:
    """The dashboard's figures, read in a fixed number of queries."""
    due = overdue_contacts(session, today, include_never=True)
    late = [r for r in due if r.status is not RhythmStatus.NEVER]
    quadrants = latest_quadrants(session, None, today)
    key_ids = {pid for pid, q in quadrants.items() if q is GridQuadrant.KEY_PLAYER}
    recent = InteractionQuery(since=today - timedelta(days=recent_days), until=today)
    return Dashboard(
        today=today,
        overdue_contacts=tuple(late[:limit]),
        overdue_contacts_total=len(late),
        never_contacted=len(due) - len(late),
        overdue_commitments=tuple(overdue_commitments(session, today)[:limit]),
        due_commitments=tuple(commitments_due(session, today, due_days)[:limit]),
        unowned_key_players=tuple(_unowned(session, key_ids, today)[:limit]),
        recent_interactions=tuple(
            list_interactions(session, recent, Page(0, min(limit, MAX_PAGE)))
        ),
        recent_interactions_total=count_interactions(session, recent),
        coverage=tuple(_coverage(session, key_ids, today)),
    )


def _unowned(session: Session, key_ids: set[int], today: date) -> list[KeyPlayerRow]:
    if not key_ids:
        return []
    owner = select(TeamMember.id).where(TeamMember.active.is_(True))
    stmt = (
        select(Person.id)
        .where(
            Person.id.in_(key_ids),
            or_(Person.owner_id.is_(None), Person.owner_id.not_in(owner)),
        )
        .order_by(Person.sort_name, Person.id)
    )
    ids = list(session.scalars(stmt))
    if not ids:
        return []
    organisations = _main_organisations(session, ids, today)
    rhythms = {r.person_id: r for r in contact_rhythms(session, today, ids)}
    return [
        KeyPlayerRow(
            person_id=pid,
            name=rhythms[pid].name,
            organisation=organisations.get(pid, ""),
            last_contact=rhythms[pid].last_contact,
            days_since=rhythms[pid].days_since,
        )
        for pid in ids
    ]


def _main_organisations(session: Session, ids: list[int], day: date) -> dict[int, str]:
    stmt = (
        select(Affiliation.person_id, Organisation.name)
        .join(Organisation, Organisation.id == Affiliation.organisation_id)
        .where(Affiliation.person_id.in_(ids), is_current(day))
        .order_by(Affiliation.start_date.nulls_first(), Affiliation.id)
    )
    # Later rows overwrite earlier ones: the last started role wins.
    return {pid: name for pid, name in session.execute(stmt)}


def _with_relationship(session: Session, ids: set[int]) -> set[int]:
    stmt = (
        select(Person.id)
        .join(
            TeamMember,
            or_(TeamMember.id == Person.owner_id, TeamMember.id == Person.backup_owner_id),
        )
        .where(Person.id.in_(ids), TeamMember.active.is_(True))
    )
    return set(session.scalars(stmt))


def _coverage(session: Session, key_ids: set[int], today: date) -> list[CoverageRow]:
    agendas = list_agendas(session, AgendaQuery(), Page(0, MAX_PAGE))
    linked: dict[int, set[int]] = defaultdict(set)
    stmt = select(AgendaStakeholder.agenda_id, AgendaStakeholder.person_id).where(
        AgendaStakeholder.person_id.is_not(None)
    )
    for agenda_id, person_id in session.execute(stmt):
        if person_id in key_ids:
            linked[agenda_id].add(person_id)
    people = set().union(*linked.values()) if linked else set()
    warm: set[int] = set()
    names: dict[int, str] = {}
    if people:
        tied = _with_relationship(session, people)
        for r in contact_rhythms(session, today, people):
            names[r.person_id] = r.name
            if r.person_id in tied and r.status is RhythmStatus.OK:
                warm.add(r.person_id)
    rows = []
    for agenda in agendas:
        members = linked.get(agenda.id, set())
        cold = sorted((p for p in members if p not in warm), key=lambda p: names[p].casefold())
        rows.append(
            CoverageRow(
                agenda_id=agenda.id,
                name=agenda.name,
                level=agenda.level,
                key_players=len(members),
                warm=len(members) - len(cold),
                cold=tuple(names[p] for p in cold),
            )
        )
    return rows
