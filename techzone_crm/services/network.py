"""The whole stakeholder network of one database as plain data for the analysis.

:func:`network_data` reads every person, organisation, agenda, theme, dossier and team member
and every raw tie between them in a fixed number of bulk queries (however big the database),
and builds :class:`~techzone_crm.analysis.model.NetworkData` in Python.

What becomes a tie (see :class:`~techzone_crm.analysis.model.TieKind`):

- a person's roles at organisations (current or not), explicit relationships (strength 1-5),
  the owner and the backup owner of a person (relation "owner" / "backup_owner");
- each interaction up to ``today``: its participants are its attendees, or, when nobody was
  named, the organisations linked to it. Every two participants, every team member and
  participant (``by`` the team member), every attendee and linked organisation, and every
  participant and linked agenda or dossier get a tie with the day and the kind of contact;
- agenda links (relation: the role), the lead person and lead organisation of a theme
  (relation "leads"), the organisation that sets an agenda (relation "sets");
- a theme and its agenda, an own theme and what it serves, a dossier and its agendas, and a
  stakeholder's position on a dossier (relation "+2" … "-2").

Only names and roles leave the database: no contact details, notes or addresses, also not
for people marked do-not-contact. Inactive team members are kept (people may still name them
as owner) with the role "inactive".
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import TypedDict

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from techzone_crm.analysis.model import NetworkData, Node, NodeKind, Tie, TieKind
from techzone_crm.db.models import (
    Affiliation,
    Assessment,
    Organisation,
    OrganisationSector,
    Person,
    Relationship,
    TeamMember,
)
from techzone_crm.services.assessment_classes import grid_quadrant, salience_class
from techzone_crm.services.network_contacts import interaction_ties
from techzone_crm.services.network_links import (
    agenda_network,
    organisation_key,
    person_key,
    rows,
    stakeholder_key,
    team_key,
)
from techzone_crm.services.rhythm import RhythmStatus, last_contacts, status_of, target_interval
from techzone_crm.text import person_display_name

#: The role of a team member node for an officer who is no longer active.
INACTIVE = "inactive"
OWNER = "owner"
BACKUP_OWNER = "backup_owner"

_OVERDUE = frozenset({RhythmStatus.AMBER, RhythmStatus.RED})


@dataclass(frozen=True)
class _Standing:
    """The newest overall assessment of a stakeholder."""

    power: int
    interest: int
    quadrant: str
    salience: str
    attitude: int


@dataclass
class _Org:
    name: str
    helix: str
    level: str | None
    sectors: tuple[str, ...] = ()


@dataclass
class _Reader:
    session: Session
    today: date
    nodes: list[Node] = field(default_factory=list)
    ties: list[Tie] = field(default_factory=list)

    def standings(self) -> dict[str, _Standing]:
        """Node key → newest overall assessment up to today, for people and organisations."""
        ranked = select(
            Assessment.person_id,
            Assessment.organisation_id,
            Assessment.power,
            Assessment.interest,
            Assessment.has_power,
            Assessment.has_legitimacy,
            Assessment.has_urgency,
            Assessment.attitude,
            func.row_number()
            .over(
                partition_by=(Assessment.person_id, Assessment.organisation_id),
                order_by=(Assessment.assessed_on.desc(), Assessment.id.desc()),
            )
            .label("rank"),
        ).where(Assessment.dossier_id.is_(None), Assessment.assessed_on <= self.today)
        sub = ranked.subquery()
        stmt = select(*[c for c in sub.c if c.name != "rank"]).where(sub.c.rank == 1)
        return {
            stakeholder_key(pid, oid): _Standing(
                power,
                interest,
                grid_quadrant(power, interest).value,
                salience_class(has_p, has_l, has_u).value,
                attitude,
            )
            for pid, oid, power, interest, has_p, has_l, has_u, attitude in rows(self.session, stmt)
        }

    def team(self) -> dict[int, str]:
        """Team member nodes; returns id → name."""
        names = {}
        stmt = select(TeamMember.id, TeamMember.name, TeamMember.active).order_by(TeamMember.id)
        for ident, name, active in rows(self.session, stmt):
            names[ident] = name
            self.nodes.append(
                Node(team_key(ident), NodeKind.TEAM_MEMBER, name, role="" if active else INACTIVE)
            )
        return names

    def organisations(self, standings: dict[str, _Standing]) -> dict[int, _Org]:
        """Organisation nodes; returns id → what people inherit from it."""
        sectors: dict[int, list[str]] = defaultdict(list)
        for oid, sector in rows(
            self.session, select(OrganisationSector.organisation_id, OrganisationSector.sector)
        ):
            sectors[oid].append(sector.value)
        orgs = {}
        stmt = select(
            Organisation.id, Organisation.name, Organisation.helix, Organisation.government_level
        ).order_by(Organisation.id)
        for oid, name, helix, level in rows(self.session, stmt):
            org = _Org(
                name, helix.value, level.value if level else None, tuple(sorted(sectors[oid]))
            )
            orgs[oid] = org
            key = organisation_key(oid)
            self.nodes.append(
                Node(
                    key,
                    NodeKind.ORGANISATION,
                    name,
                    helix=org.helix,
                    level=org.level,
                    sectors=org.sectors,
                    **_assessed(standings.get(key)),
                )
            )
        return orgs

    def affiliations(self) -> dict[int, tuple[int, str]]:
        """Affiliation ties; returns person id → (organisation id, role) of the main role.

        The main role is the current one that started last, as in the person list.
        """
        main: dict[int, tuple[date, int, int, str]] = {}
        stmt = select(
            Affiliation.id,
            Affiliation.person_id,
            Affiliation.organisation_id,
            Affiliation.role,
            Affiliation.start_date,
            Affiliation.end_date,
        ).order_by(Affiliation.id)
        for aid, pid, oid, role, start, end in rows(self.session, stmt):
            current = (start is None or start <= self.today) and (end is None or end >= self.today)
            self.ties.append(
                Tie(
                    person_key(pid),
                    organisation_key(oid),
                    TieKind.AFFILIATION,
                    relation=role,
                    current=current,
                )
            )
            if current:
                rank = (start or date.min, aid, oid, role)
                if pid not in main or rank > main[pid]:
                    main[pid] = rank
        return {pid: (oid, role) for pid, (_s, _a, oid, role) in main.items()}

    def people(
        self,
        standings: dict[str, _Standing],
        orgs: dict[int, _Org],
        main: dict[int, tuple[int, str]],
        team: dict[int, str],
    ) -> None:
        """Person nodes with their main role, owner, standing and rhythm; ownership ties."""
        seen = last_contacts(self.session, self.today)
        stmt = select(
            Person.id,
            Person.given_name,
            Person.name_prefix,
            Person.family_name,
            Person.title,
            Person.owner_id,
            Person.backup_owner_id,
            Person.contact_interval_days,
        ).order_by(Person.id)
        for pid, given, prefix, family, title, owner, backup, own in rows(self.session, stmt):
            key = person_key(pid)
            standing = standings.get(key)
            oid, role = main.get(pid, (None, ""))
            org = orgs.get(oid) if oid is not None else None
            last = seen.get(pid)
            days = None if last is None else (self.today - last).days
            quadrant = grid_quadrant(standing.power, standing.interest) if standing else None
            status = status_of(days, target_interval(own, quadrant))
            self.nodes.append(
                Node(
                    key,
                    NodeKind.PERSON,
                    person_display_name(given, prefix, family, title),
                    helix=org.helix if org else None,
                    level=org.level if org else None,
                    sectors=org.sectors if org else (),
                    organisation=org.name if org else "",
                    role=role,
                    owner=team.get(owner, "") if owner is not None else "",
                    owner_key=team_key(owner) if owner is not None else None,
                    days_since_contact=days,
                    overdue=status in _OVERDUE,
                    **_assessed(standing),
                )
            )
            for member, relation in ((owner, OWNER), (backup, BACKUP_OWNER)):
                if member is not None:
                    tkey = team_key(member)
                    self.ties.append(Tie(tkey, key, TieKind.OWNERSHIP, relation=relation, by=tkey))

    def relationships(self) -> None:
        """Explicit relationships, "a <kind> b", with their strength."""
        r = Relationship
        stmt = select(
            r.person_a_id,
            r.person_b_id,
            r.organisation_a_id,
            r.organisation_b_id,
            r.kind,
            r.strength,
        ).order_by(r.id)
        for pa, pb, oa, ob, kind, strength in rows(self.session, stmt):
            self.ties.append(
                Tie(
                    stakeholder_key(pa, oa),
                    stakeholder_key(pb, ob),
                    TieKind.RELATIONSHIP,
                    strength=float(strength),
                    relation=kind.value,
                )
            )


class _Assessed(TypedDict, total=False):
    power: int
    interest: int
    quadrant: str
    salience: str
    attitude: int


def _assessed(standing: _Standing | None) -> _Assessed:
    if standing is None:
        return {}
    return {
        "power": standing.power,
        "interest": standing.interest,
        "quadrant": standing.quadrant,
        "salience": standing.salience,
        "attitude": standing.attitude,
    }


def network_data(session: Session, today: date) -> NetworkData:
    """Every node and raw tie of the database as of ``today``, in a fixed number of queries."""
    reader = _Reader(session, today)
    standings = reader.standings()
    team = reader.team()
    orgs = reader.organisations(standings)
    main = reader.affiliations()
    reader.people(standings, orgs, main, team)
    reader.relationships()
    agendas = agenda_network(session)
    nodes = reader.nodes + agendas.nodes
    return NetworkData(today, nodes, reader.ties + agendas.ties + interaction_ties(session, today))
