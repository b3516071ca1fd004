"""Agendas, themes and dossiers with the ties around them, for :mod:`.network`.

Node keys of people, organisations and team members are made here too, so that every part of
the network names a node the same way.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TypeVarTuple

from sqlalchemy import Row, Select, select
from sqlalchemy.orm import Session

from techzone_crm.analysis.model import Node, NodeKind, Tie, TieKind, node_key
from techzone_crm.db.models import (
    Agenda,
    AgendaStakeholder,
    AgendaTheme,
    Dossier,
    DossierAgenda,
    DossierStakeholder,
    ThemeAlignment,
    agenda_sector,
)

#: The relation of the lead person or organisation of a theme to the theme.
LEADS = "leads"
#: The relation of the organisation that sets an agenda (a ministry, the province) to it.
SETS = "sets"


_Ts = TypeVarTuple("_Ts")

# Key prefixes, so that building a million keys does not look up an enum value each time.
_PERSON = node_key(NodeKind.PERSON, 0)[:-1]
_ORGANISATION = node_key(NodeKind.ORGANISATION, 0)[:-1]
_TEAM = node_key(NodeKind.TEAM_MEMBER, 0)[:-1]


def person_key(ident: int) -> str:
    """ "person:12"."""
    return f"{_PERSON}{ident}"


def organisation_key(ident: int) -> str:
    """ "organisation:3"."""
    return f"{_ORGANISATION}{ident}"


def team_key(ident: int) -> str:
    """ "team_member:1"."""
    return f"{_TEAM}{ident}"


def rows(session: Session, stmt: Select[*_Ts]) -> Sequence[Row[*_Ts]]:
    """All rows of a plain column select at once, without the ORM's per-row work."""
    return session.connection().execute(stmt).all()


def stakeholder_key(person_id: int | None, organisation_id: int | None) -> str:
    """The key of a person, or else of an organisation."""
    if person_id is not None:
        return person_key(person_id)
    assert organisation_id is not None
    return organisation_key(organisation_id)


def agenda_or_theme_key(agenda_id: int, theme_id: int | None) -> str:
    """The key of the theme if there is one, else of the agenda."""
    if theme_id is not None:
        return node_key(NodeKind.THEME, theme_id)
    return node_key(NodeKind.AGENDA, agenda_id)


def position_relation(position: int) -> str:
    """A position on a dossier as a tie's relation: "+2", "+1", "0", "-1", "-2"."""
    return f"{position:+d}" if position else "0"


@dataclass
class AgendaNetwork:
    """The agenda, theme and dossier nodes and the ties that involve them."""

    nodes: list[Node] = field(default_factory=list)
    ties: list[Tie] = field(default_factory=list)


def agenda_network(session: Session) -> AgendaNetwork:
    """Agendas, themes and dossiers with every tie to them, in nine queries."""
    found = AgendaNetwork()
    _agendas(session, found)
    _links(session, found.ties)
    return found


def _agendas(session: Session, found: AgendaNetwork) -> None:
    sectors: dict[int, list[str]] = defaultdict(list)
    for aid, sector in rows(session, select(agenda_sector.c.agenda_id, agenda_sector.c.sector)):
        sectors[aid].append(sector.value)
    levels: dict[int, str] = {}
    stmt = select(Agenda.id, Agenda.name, Agenda.level, Agenda.owner_organisation_id)
    for aid, name, level, owner in rows(session, stmt.order_by(Agenda.id)):
        levels[aid] = level.value
        key = node_key(NodeKind.AGENDA, aid)
        found.nodes.append(
            Node(key, NodeKind.AGENDA, name, level=level.value, sectors=tuple(sorted(sectors[aid])))
        )
        if owner is not None:
            found.ties.append(Tie(organisation_key(owner), key, TieKind.AGENDA_LINK, relation=SETS))
    themes = select(
        AgendaTheme.id,
        AgendaTheme.agenda_id,
        AgendaTheme.name,
        AgendaTheme.lead_person_id,
        AgendaTheme.lead_organisation_id,
    ).order_by(AgendaTheme.agenda_id, AgendaTheme.position, AgendaTheme.id)
    for tid, aid, name, lead_person, lead_org in rows(session, themes):
        key = node_key(NodeKind.THEME, tid)
        # A theme is on its agenda's level and sectors, so filters by level find it.
        found.nodes.append(
            Node(key, NodeKind.THEME, name, level=levels[aid], sectors=tuple(sorted(sectors[aid])))
        )
        found.ties.append(Tie(key, node_key(NodeKind.AGENDA, aid), TieKind.THEME))
        if lead_person is not None:
            found.ties.append(
                Tie(person_key(lead_person), key, TieKind.AGENDA_LINK, relation=LEADS)
            )
        if lead_org is not None:
            found.ties.append(
                Tie(organisation_key(lead_org), key, TieKind.AGENDA_LINK, relation=LEADS)
            )
    for dossier_id, title in rows(session, select(Dossier.id, Dossier.title).order_by(Dossier.id)):
        found.nodes.append(Node(node_key(NodeKind.DOSSIER, dossier_id), NodeKind.DOSSIER, title))


def _links(session: Session, ties: list[Tie]) -> None:
    """Agenda links, alignments, positions on dossiers and dossiers' agendas."""
    link = AgendaStakeholder
    stmt = select(
        link.person_id, link.organisation_id, link.agenda_id, link.theme_id, link.role
    ).order_by(link.id)
    for pid, oid, aid, tid, role in rows(session, stmt):
        ties.append(
            Tie(
                stakeholder_key(pid, oid),
                agenda_or_theme_key(aid, tid),
                TieKind.AGENDA_LINK,
                relation=role.value,
            )
        )
    align = ThemeAlignment
    stmt_a = select(align.own_theme_id, align.agenda_id, align.theme_id).order_by(align.id)
    for own, aid, tid in rows(session, stmt_a):
        ties.append(
            Tie(node_key(NodeKind.THEME, own), agenda_or_theme_key(aid, tid), TieKind.ALIGNMENT)
        )
    pos = DossierStakeholder
    stmt_p = select(pos.person_id, pos.organisation_id, pos.dossier_id, pos.position)
    for pid, oid, did, position in rows(session, stmt_p.order_by(pos.id)):
        ties.append(
            Tie(
                stakeholder_key(pid, oid),
                node_key(NodeKind.DOSSIER, did),
                TieKind.POSITION,
                relation=position_relation(position),
            )
        )
    da = DossierAgenda
    stmt_d = select(da.dossier_id, da.agenda_id, da.theme_id).order_by(da.id)
    for did, aid, tid in rows(session, stmt_d):
        ties.append(
            Tie(
                node_key(NodeKind.DOSSIER, did),
                agenda_or_theme_key(aid, tid),
                TieKind.DOSSIER_AGENDA,
            )
        )
