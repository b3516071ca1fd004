"""The agenda page: who is linked, who of them we have a relationship with, last contact.

**Relationship.** A person: an active team member is their owner or backup owner. An
organisation: at least one of its current people (a role running today) has one. The
``owners`` of a row name those team members; an empty tuple means no relationship.

**Last contact.** A person: the latest interaction they attended. An organisation: the
latest interaction linked to it or attended by one of its current people. Interactions
after ``today`` (planned ones) do not count.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_, select, union_all
from sqlalchemy.orm import Session

from techzone_crm.db.models import (
    Affiliation,
    Agenda,
    AgendaLevel,
    Interaction,
    Organisation,
    Person,
    StakeholderRole,
    TeamMember,
    interaction_attendee,
    interaction_organisation,
)
from techzone_crm.services.affiliations import is_current
from techzone_crm.services.agenda_stakeholders import list_stakeholders
from techzone_crm.services.agendas import WHAT as AGENDA
from techzone_crm.services.common import fetch
from techzone_crm.services.rhythm import (
    DEFAULT_INTERVALS,
    RhythmStatus,
    contact_rhythms,
    last_contacts,
    status_of,
)
from techzone_crm.services.stakeholder_refs import stakeholder_names


@dataclass(frozen=True)
class OverviewRow:
    """One linked stakeholder on the agenda page."""

    link_id: int
    role: StakeholderRole
    person_id: int | None
    organisation_id: int | None
    name: str
    #: For a person: the organisation of their current main role.
    organisation: str
    #: Team members who hold the relationship (see the module docstring).
    owners: tuple[str, ...]
    last_contact: date | None
    days_since: int | None
    note: str

    @property
    def has_relationship(self) -> bool:
        """True if a team member holds a relationship with this stakeholder."""
        return bool(self.owners)


@dataclass(frozen=True)
class OverviewSection:
    """The agenda as a whole (``theme_id`` None) or one theme, with its stakeholders."""

    theme_id: int | None
    name: str
    #: The lead partner and lead person of an own theme, joined with " / ".
    lead: str
    rows: tuple[OverviewRow, ...]

    @property
    def with_relationship(self) -> int:
        """How many of the linked stakeholders we have a relationship with."""
        return sum(1 for r in self.rows if r.has_relationship)


@dataclass(frozen=True)
class AgendaOverview:
    """Everything the agenda page shows: the agenda-wide section, then each theme in order."""

    agenda_id: int
    name: str
    level: AgendaLevel
    starts_on: date | None
    ends_on: date | None
    sections: tuple[OverviewSection, ...]


def agenda_overview(session: Session, agenda_id: int, today: date | None = None) -> AgendaOverview:
    """The agenda page data, read in a fixed handful of queries whatever the number of links."""
    day = today or date.today()
    agenda = fetch(session, Agenda, agenda_id, AGENDA)
    links = list_stakeholders(session, agenda_id)
    person_ids = {r.person_id for r in links if r.person_id is not None}
    org_ids = {r.organisation_id for r in links if r.organisation_id is not None}
    person_owners = _person_owners(session, person_ids)
    org_owners = _organisation_owners(session, org_ids, day)
    person_orgs = _main_organisations(session, person_ids, day)
    person_last = last_contacts(session, day, person_ids) if person_ids else {}
    org_last = _organisation_last_contact(session, org_ids, day)

    by_theme: dict[int | None, list[OverviewRow]] = defaultdict(list)
    for link in links:
        if link.person_id is not None:
            owners = person_owners.get(link.person_id, ())
            last = person_last.get(link.person_id)
            organisation = person_orgs.get(link.person_id, "")
        else:
            owners = org_owners.get(link.organisation_id or 0, ())
            last = org_last.get(link.organisation_id or 0)
            organisation = ""
        by_theme[link.theme_id].append(
            OverviewRow(
                link_id=link.id,
                role=link.role,
                person_id=link.person_id,
                organisation_id=link.organisation_id,
                name=link.name,
                organisation=organisation,
                owners=owners,
                last_contact=last,
                days_since=(day - last).days if last is not None else None,
                note=link.note,
            )
        )
    themes = agenda.themes
    lead_people, lead_orgs = stakeholder_names(
        session,
        [t.lead_person_id for t in themes if t.lead_person_id is not None],
        [t.lead_organisation_id for t in themes if t.lead_organisation_id is not None],
    )
    sections = [OverviewSection(None, agenda.name, "", tuple(by_theme.get(None, ())))]
    for theme in themes:
        lead = " / ".join(
            n
            for n in (
                lead_orgs.get(theme.lead_organisation_id or 0, ""),
                lead_people.get(theme.lead_person_id or 0, ""),
            )
            if n
        )
        sections.append(OverviewSection(theme.id, theme.name, lead, tuple(by_theme[theme.id])))
    return AgendaOverview(
        agenda.id, agenda.name, agenda.level, agenda.starts_on, agenda.ends_on, tuple(sections)
    )


#: The days within which a contact counts as recent in :func:`overview_coverage`.
RECENT_CONTACT_DAYS = 90

#: How often a linked organisation should hear from us: the default for people not assessed.
ORGANISATION_INTERVAL = DEFAULT_INTERVALS[None]


@dataclass(frozen=True)
class OverviewCoverage:
    """Distinct stakeholders of an agenda page: linked, with a relationship, spoken to lately."""

    linked: int
    with_relationship: int
    recent: int
    recent_days: int = RECENT_CONTACT_DAYS


def overview_coverage(
    overview: AgendaOverview, recent_days: int = RECENT_CONTACT_DAYS
) -> OverviewCoverage:
    """Each person or organisation counted once, however many themes and roles link them."""
    seen: dict[tuple[int | None, int | None], OverviewRow] = {}
    for section in overview.sections:
        for row in section.rows:
            seen.setdefault((row.person_id, row.organisation_id), row)
    rows = seen.values()
    return OverviewCoverage(
        linked=len(seen),
        with_relationship=sum(1 for r in rows if r.has_relationship),
        recent=sum(1 for r in rows if r.days_since is not None and r.days_since <= recent_days),
        recent_days=recent_days,
    )


@dataclass(frozen=True)
class LinkRhythm:
    """How a linked stakeholder's last contact stands against the days it should take."""

    status: RhythmStatus
    target_days: int


def overview_rhythms(
    session: Session, overview: AgendaOverview, today: date | None = None
) -> dict[int, LinkRhythm]:
    """Link id → rhythm: a person's own target (as on the dashboard), an organisation's
    :data:`ORGANISATION_INTERVAL`."""
    day = today or date.today()
    rows = [r for s in overview.sections for r in s.rows]
    person_ids = {r.person_id for r in rows if r.person_id is not None}
    people = (
        {c.person_id: c for c in contact_rhythms(session, day, person_ids)} if person_ids else {}
    )
    found: dict[int, LinkRhythm] = {}
    for row in rows:
        rhythm = people.get(row.person_id) if row.person_id is not None else None
        if rhythm is not None:
            found[row.link_id] = LinkRhythm(rhythm.status, rhythm.target_days)
        else:
            target = ORGANISATION_INTERVAL
            found[row.link_id] = LinkRhythm(status_of(row.days_since, target), target)
    return found


def _person_owners(session: Session, ids: set[int]) -> dict[int, tuple[str, ...]]:
    if not ids:
        return {}
    found: dict[int, list[str]] = defaultdict(list)
    stmt = (
        select(Person.id, TeamMember.name)
        .join(
            TeamMember,
            or_(TeamMember.id == Person.owner_id, TeamMember.id == Person.backup_owner_id),
        )
        .where(Person.id.in_(ids), TeamMember.active.is_(True))
        # The owner before the backup owner.
        .order_by(Person.id, (TeamMember.id == Person.backup_owner_id).asc())
    )
    for pid, name in session.execute(stmt):
        found[pid].append(name)
    return {pid: tuple(names) for pid, names in found.items()}


def _organisation_owners(session: Session, ids: set[int], day: date) -> dict[int, tuple[str, ...]]:
    if not ids:
        return {}
    found: dict[int, set[str]] = defaultdict(set)
    stmt = (
        select(Affiliation.organisation_id, TeamMember.name)
        .join(Person, Person.id == Affiliation.person_id)
        .join(
            TeamMember,
            or_(TeamMember.id == Person.owner_id, TeamMember.id == Person.backup_owner_id),
        )
        .where(Affiliation.organisation_id.in_(ids), is_current(day), TeamMember.active.is_(True))
    )
    for oid, name in session.execute(stmt):
        found[oid].add(name)
    return {oid: tuple(sorted(names, key=str.casefold)) for oid, names in found.items()}


def _main_organisations(session: Session, ids: set[int], day: date) -> dict[int, str]:
    """The organisation of each person's current role that started last."""
    if not ids:
        return {}
    stmt = (
        select(Affiliation.person_id, Organisation.name)
        .join(Organisation, Organisation.id == Affiliation.organisation_id)
        .where(Affiliation.person_id.in_(ids), is_current(day))
        .order_by(Affiliation.start_date.nulls_first(), Affiliation.id)
    )
    # Later rows overwrite earlier ones: the last started role wins.
    return {pid: name for pid, name in session.execute(stmt)}


def _organisation_last_contact(session: Session, ids: set[int], day: date) -> dict[int, date]:
    if not ids:
        return {}
    linked = select(
        interaction_organisation.c.organisation_id.label("org_id"),
        interaction_organisation.c.interaction_id.label("interaction_id"),
    ).where(interaction_organisation.c.organisation_id.in_(ids))
    attended = (
        select(
            Affiliation.organisation_id.label("org_id"),
            interaction_attendee.c.interaction_id.label("interaction_id"),
        )
        .join(interaction_attendee, interaction_attendee.c.person_id == Affiliation.person_id)
        .where(Affiliation.organisation_id.in_(ids), is_current(day))
    )
    both = union_all(linked, attended).subquery()
    stmt = (
        select(both.c.org_id, func.max(Interaction.occurred_on))
        .join(Interaction, Interaction.id == both.c.interaction_id)
        .where(Interaction.occurred_on <= day)
        .group_by(both.c.org_id)
    )
    return {oid: last for oid, last in session.execute(stmt)}
