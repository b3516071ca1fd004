"""Small hand-made networks for the analysis tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest

from techzone_crm.analysis.model import NetworkData, Node, NodeKind, Tie, TieKind, node_key

TODAY = date(2025, 6, 2)


class NetBuilder:
    """Builds a :class:`NetworkData` one node and one tie at a time."""

    def __init__(self, today: date = TODAY) -> None:
        self.today = today
        self.nodes: dict[str, Node] = {}
        self.ties: list[Tie] = []

    def _node(self, kind: NodeKind, ident: int, label: str, **attrs: Any) -> str:
        key = node_key(kind, ident)
        self.nodes[key] = Node(key, kind, label, **attrs)
        return key

    def team(self, ident: int, label: str) -> str:
        return self._node(NodeKind.TEAM_MEMBER, ident, label)

    def person(self, ident: int, label: str, **attrs: Any) -> str:
        return self._node(NodeKind.PERSON, ident, label, **attrs)

    def organisation(self, ident: int, label: str, **attrs: Any) -> str:
        return self._node(NodeKind.ORGANISATION, ident, label, **attrs)

    def agenda(self, ident: int, label: str, level: str = "province") -> str:
        return self._node(NodeKind.AGENDA, ident, label, level=level)

    def theme(self, ident: int, label: str, agenda: str) -> str:
        key = self._node(NodeKind.THEME, ident, label)
        self.ties.append(Tie(key, agenda, TieKind.THEME))
        return key

    def dossier(self, ident: int, label: str) -> str:
        return self._node(NodeKind.DOSSIER, ident, label)

    def works_at(self, person: str, org: str, *, current: bool = True) -> None:
        self.ties.append(Tie(person, org, TieKind.AFFILIATION, current=current))

    def relationship(
        self, a: str, b: str, strength: float = 3, relation: str = "works_with"
    ) -> None:
        self.ties.append(Tie(a, b, TieKind.RELATIONSHIP, strength=strength, relation=relation))

    def owns(self, member: str, person: str) -> None:
        self.ties.append(Tie(member, person, TieKind.OWNERSHIP, by=member))

    def meeting(self, *attendees: str, days_ago: int = 0, kind: str = "meeting") -> None:
        """An interaction: a tie between every two attendees."""
        on = self.today - timedelta(days=days_ago)
        by = next((a for a in attendees if a.startswith("team_member:")), None)
        for i, a in enumerate(attendees):
            for b in attendees[i + 1 :]:
                self.ties.append(Tie(a, b, TieKind.INTERACTION, relation=kind, on=on, by=by))

    def link(self, stakeholder: str, agenda: str, role: str = "decides") -> None:
        self.ties.append(Tie(stakeholder, agenda, TieKind.AGENDA_LINK, relation=role))

    def align(self, own_theme: str, other: str) -> None:
        self.ties.append(Tie(own_theme, other, TieKind.ALIGNMENT))

    def position(self, stakeholder: str, dossier: str, position: int) -> None:
        self.ties.append(Tie(stakeholder, dossier, TieKind.POSITION, strength=position))

    def dossier_agenda(self, dossier: str, agenda: str) -> None:
        self.ties.append(Tie(dossier, agenda, TieKind.DOSSIER_AGENDA))

    def build(self) -> NetworkData:
        return NetworkData(today=self.today, nodes=list(self.nodes.values()), ties=list(self.ties))


@pytest.fixture
def net() -> NetBuilder:
    """An empty builder."""
    return NetBuilder()


@dataclass
class Region:
    """The keys of :func:`region`'s network."""

    data: NetworkData
    bart: str
    anna: str
    provincie: str
    ministerie: str
    rug: str
    chemiepark: str
    jan: str
    els: str
    piet: str
    lies: str
    kees: str
    regio_deal: str
    waterstof: str
    own: str
    talent: str
    energie: str
    dossier: str


@pytest.fixture
def region() -> Region:
    """Two team members, four organisations, five people, an external agenda with a theme and
    an own agenda with two themes, one dossier."""
    b = NetBuilder()
    bart = b.team(1, "Bart ter Horst")
    anna = b.team(2, "Anna de Vries")
    provincie = b.organisation(
        1, "Provincie Groningen", helix="government", level="province", sectors=("other",)
    )
    ministerie = b.organisation(2, "Ministerie van EZK", helix="government", level="national")
    rug = b.organisation(3, "Rijksuniversiteit Groningen", helix="education")
    chemiepark = b.organisation(4, "Chemiepark BV", helix="business", sectors=("chemistry",))
    jan = b.person(
        1,
        "Jan Berg",
        helix="government",
        role="Beleidsadviseur",
        owner="Bart ter Horst",
        owner_key=bart,
        power=3,
        interest=4,
        quadrant="keep_informed",
    )
    els = b.person(
        2,
        "Els Smit",
        helix="government",
        role="Gedeputeerde",
        power=5,
        interest=5,
        quadrant="key_player",
        salience="definitive",
        attitude=1,
    )
    piet = b.person(
        3,
        "Piet Kok",
        helix="government",
        role="Directeur",
        owner="Anna de Vries",
        owner_key=anna,
        power=4,
        interest=2,
        quadrant="keep_satisfied",
        days_since_contact=400,
        overdue=True,
    )
    lies = b.person(4, "Lies Bos", helix="education", role="Hoogleraar")
    kees = b.person(5, "Kees Dijk", helix="business", role="Directeur")
    b.works_at(jan, provincie)
    b.works_at(els, provincie)
    b.works_at(piet, ministerie)
    b.works_at(lies, rug)
    b.works_at(kees, chemiepark)
    b.works_at(jan, rug, current=False)
    b.owns(bart, jan)
    b.owns(anna, piet)
    b.meeting(bart, jan, days_ago=10)
    b.relationship(jan, els, 4)
    b.meeting(anna, piet, days_ago=400)
    b.meeting(anna, lies, days_ago=30, kind="call")
    b.meeting(bart, kees, days_ago=20, kind="call")
    regio_deal = b.agenda(1, "Regio Deal", level="national")
    waterstof = b.theme(1, "Waterstof", regio_deal)
    own = b.agenda(2, "Eigen agenda", level="own")
    talent = b.theme(2, "Talent", own)
    energie = b.theme(3, "Energie", own)
    b.align(energie, waterstof)
    b.link(els, regio_deal, "decides")
    b.link(piet, waterstof, "decides")
    b.link(provincie, regio_deal, "funds")
    b.link(lies, talent, "influences")
    dossier = b.dossier(1, "Stikstof")
    b.position(kees, dossier, -2)
    b.dossier_agenda(dossier, waterstof)
    return Region(
        b.build(),
        bart,
        anna,
        provincie,
        ministerie,
        rug,
        chemiepark,
        jan,
        els,
        piet,
        lies,
        kees,
        regio_deal,
        waterstof,
        own,
        talent,
        energie,
        dossier,
    )
