"""The plain data the analysis works on: nodes and the raw ties between them.

The services read these from the database (:mod:`techzone_crm.services.network`); the analysis
never touches the database, so it can be tested and benchmarked on generated data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class NodeKind(StrEnum):
    """What a node stands for."""

    PERSON = "person"
    ORGANISATION = "organisation"
    AGENDA = "agenda"
    THEME = "theme"
    DOSSIER = "dossier"
    TEAM_MEMBER = "team_member"


class TieKind(StrEnum):
    """Where a raw tie comes from."""

    AFFILIATION = "affiliation"  # a person's role at an organisation
    RELATIONSHIP = "relationship"  # an explicit relationship, strength 1–5
    OWNERSHIP = "ownership"  # a team member owns (or backs up) the relationship with a person
    INTERACTION = "interaction"  # met at one interaction (attendee–attendee, team–attendee …)
    AGENDA_LINK = "agenda_link"  # a stakeholder decides on, influences … an agenda or theme
    ALIGNMENT = "alignment"  # an own theme serves an external agenda or theme
    THEME = "theme"  # a theme belongs to its agenda
    POSITION = "position"  # a stakeholder's position on a dossier
    DOSSIER_AGENDA = "dossier_agenda"  # a dossier is linked to an agenda or theme


def node_key(kind: NodeKind, ident: int) -> str:
    """The key of a node: "person:12", "organisation:3", "team_member:1" …"""
    return f"{kind.value}:{ident}"


@dataclass(frozen=True)
class Node:
    """A stakeholder, an agenda, a theme, a dossier or a team member, with what the analysis
    filters, colours and explains by. Only names and roles: no contact details."""

    key: str
    kind: NodeKind
    label: str
    helix: str | None = None  # organisations; people through their main current organisation
    level: str | None = None  # government level (organisations) or agenda level (agendas)
    sectors: tuple[str, ...] = ()
    organisation: str = ""  # a person's main current organisation
    role: str = ""  # a person's main current role
    owner: str = ""  # the team member who holds the relationship ("" for nobody)
    owner_key: str | None = None
    # From the latest overall assessment, if any.
    power: int | None = None
    interest: int | None = None
    quadrant: str | None = None
    salience: str | None = None
    attitude: int | None = None
    # Contact rhythm (people): days since the last contact and whether that is overdue.
    days_since_contact: int | None = None
    overdue: bool = False


@dataclass(frozen=True)
class Tie:
    """One raw tie; the graph adds the ties between two nodes into one edge strength."""

    source: str
    target: str
    kind: TieKind
    strength: float = 1.0  # explicit relationships: 1–5; others: see analysis.strength
    relation: str = ""  # relationship type, stakeholder role (decides …) or interaction kind
    on: date | None = None  # interactions: the day (for the recency decay)
    current: bool = True  # affiliations: still in this role
    by: str | None = None  # ownership and interactions: the team member's key, if any


@dataclass
class NetworkData:
    """Everything the analysis of one database reads, as of ``today``."""

    today: date
    nodes: list[Node] = field(default_factory=list)
    ties: list[Tie] = field(default_factory=list)
