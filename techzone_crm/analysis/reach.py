"""How the team reaches each stakeholder: direct ties, recency, contacts at organisations, paths.

A stakeholder is reached *directly* when a team member has a tie to them – or, for an
organisation, to one of its current people. A direct tie is *warm* when its latest interaction
lies within the recent window (180 days unless configured).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property

import networkx as nx

from techzone_crm.analysis.graph import team_keys
from techzone_crm.analysis.model import NetworkData, NodeKind, TieKind
from techzone_crm.analysis.paths import STAKEHOLDER_KINDS, WarmPath, path_of, team_paths

#: Grid quadrants and salience classes that mean high power.
POWER_QUADRANTS = frozenset({"key_player", "keep_satisfied"})
POWER_SALIENCE = frozenset({"definitive", "dominant", "dangerous", "dormant"})
HIGH_POWER = 4


@dataclass(frozen=True)
class GapSettings:
    """What counts as recent, as a key role and as too small a helix share."""

    recent_days: int = 180
    key_roles: tuple[str, ...] = ("decides", "influences", "sets", "leads")
    helix_min_share: float = 0.15
    helix_min_ties: int = 4  # fewer ties than this say nothing about balance


class Reach:
    """The team's reach into one graph (built once, asked many times)."""

    def __init__(self, data: NetworkData, graph: nx.Graph, settings: GapSettings) -> None:
        self.data = data
        self.graph = graph
        self.settings = settings
        self.today = data.today
        self.recent_from = data.today - timedelta(days=settings.recent_days)
        self.team = team_keys(graph)
        self.nodes = graph.nodes
        # Stakeholder → {team member → date of the latest interaction between them or None}.
        self.direct: dict[str, dict[str, date | None]] = defaultdict(dict)
        for member in self.team:
            for other, edge in graph[member].items():
                if self.nodes[other]["kind"] in STAKEHOLDER_KINDS:
                    last = edge.get("last_contact", "")
                    self.direct[other][member] = date.fromisoformat(last) if last else None
        self.people_at: dict[str, set[str]] = defaultdict(set)
        self.orgs_of: dict[str, set[str]] = defaultdict(set)
        self.roles: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        self.theme_agenda: dict[str, str] = {}
        for t in data.ties:
            if t.source not in graph or t.target not in graph:
                continue
            if t.kind is TieKind.AFFILIATION and t.current:
                person, org = self._person_org(t.source, t.target)
                if person and org:
                    self.people_at[org].add(person)
                    self.orgs_of[person].add(org)
            elif t.kind is TieKind.AGENDA_LINK:
                stakeholder, agenda = self._stakeholder_agenda(t.source, t.target)
                if stakeholder and agenda:
                    self.roles[agenda][stakeholder].add(t.relation)
            elif t.kind is TieKind.THEME:
                theme, agenda = sorted((t.source, t.target), reverse=True)
                if self.kind(theme) == NodeKind.THEME and self.kind(agenda) == NodeKind.AGENDA:
                    self.theme_agenda[theme] = agenda

    def kind(self, key: str) -> str:
        """The node kind of ``key``."""
        return str(self.nodes[key]["kind"])

    def _person_org(self, a: str, b: str) -> tuple[str | None, str | None]:
        for p, o in ((a, b), (b, a)):
            if self.kind(p) == NodeKind.PERSON and self.kind(o) == NodeKind.ORGANISATION:
                return p, o
        return None, None

    def _stakeholder_agenda(self, a: str, b: str) -> tuple[str | None, str | None]:
        for s, g in ((a, b), (b, a)):
            if self.kind(s) in STAKEHOLDER_KINDS and self.kind(g) in ("agenda", "theme"):
                return s, g
        return None, None

    def label(self, key: str) -> str:
        """The label of a node."""
        return str(self.nodes[key]["label"])

    def members(self, key: str) -> dict[str, date | None]:
        """Team member → latest contact, for the members with a tie to ``key`` itself."""
        return self.direct.get(key, {})

    def contacts(self, org: str) -> list[str]:
        """The current people of an organisation whom the team reaches directly."""
        return sorted(p for p in self.people_at.get(org, ()) if p in self.direct)

    def last_contact(self, key: str) -> date | None:
        """The latest team contact with ``key`` (for an organisation, also with its people)."""
        keys = [key, *self.contacts(key)] if self.kind(key) == NodeKind.ORGANISATION else [key]
        dates = [d for k in keys for d in self.members(k).values() if d is not None]
        return max(dates, default=None)

    def reached(self, key: str) -> bool:
        """Whether a team member has a tie to ``key`` (or to one of its people)."""
        return bool(self.members(key)) or (
            self.kind(key) == NodeKind.ORGANISATION and bool(self.contacts(key))
        )

    def warm(self, key: str) -> bool:
        """Whether the team's latest contact with ``key`` is recent."""
        last = self.last_contact(key)
        return last is not None and last >= self.recent_from

    @cached_property
    def paths(self) -> dict[str, list[str]]:
        """Stakeholder → node keys of its warmest path from the team."""
        return team_paths(self.graph, self.team)

    def path(self, key: str) -> WarmPath | None:
        """The warmest path from the team to ``key``, if there is one."""
        keys = self.paths.get(key)
        return None if keys is None else path_of(self.graph, keys)

    def power(self, key: str) -> int:
        """The assessed power (0 when not assessed)."""
        return max(int(self.nodes[key].get("power", -1)), 0)

    def is_key_player(self, key: str) -> bool:
        """High power by grid quadrant, by salience class or by score."""
        attrs = self.nodes[key]
        return (
            attrs.get("quadrant", "") in POWER_QUADRANTS
            or attrs.get("salience", "") in POWER_SALIENCE
            or self.power(key) >= HIGH_POWER
        )

    def has_key_role(self, key: str) -> bool:
        """Whether ``key`` decides on or influences (the key roles) any agenda or theme."""
        return any(
            roles.get(key, set()) & set(self.settings.key_roles) for roles in self.roles.values()
        )

    def stakeholders(self) -> list[str]:
        """The people and organisations in the graph, in key order."""
        return sorted(k for k in self.graph if self.kind(k) in STAKEHOLDER_KINDS)

    def days_ago(self, day: date) -> int:
        """How many days before the analysis ``day`` was."""
        return (self.today - day).days
