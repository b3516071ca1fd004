"""What part of the network to look at: the filter and the node sets it selects."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import networkx as nx

from techzone_crm.analysis import wording
from techzone_crm.analysis.model import Node, NodeKind, Tie, TieKind
from techzone_crm.analysis.paths import STAKEHOLDER_KINDS, team_paths


@dataclass(frozen=True)
class NetworkFilter:
    """A view on the network; every field left at its default selects everything.

    - ``agenda``: an agenda or theme key. Keeps the agenda (with its themes) or the theme, the
      agendas and themes aligned with it, the stakeholders linked to any of them, the current
      organisations of those people and the current people of those organisations, the team,
      and the warmest path from the team to each of these stakeholders.
    - ``dossier``: a dossier key; likewise with the stakeholders tied to the dossier (their
      positions) and the agendas and themes the dossier is linked to.
    - ``helix``, ``level``, ``sector``: stakeholders with that value; a person also matches
      through a current organisation. ``level`` also selects agendas (and keeps themes, dossiers).
    - ``min_strength``: edges weaker than this are dropped (their nodes stay).
    - ``window_days``: interactions older than this many days do not count at all.
    - ``ego`` with ``ego_steps``: only what lies within that many steps of this node.

    Team members are always kept.
    """

    agenda: str | None = None
    dossier: str | None = None
    helix: str | None = None
    level: str | None = None
    sector: str | None = None
    min_strength: float = 0.0
    window_days: int | None = None
    ego: str | None = None
    ego_steps: int = 1

    def __post_init__(self) -> None:
        if self.agenda is not None and not self.agenda.startswith(("agenda:", "theme:")):
            raise ValueError(f"{self.agenda} is not an agenda or a theme")
        if self.dossier is not None and not self.dossier.startswith("dossier:"):
            raise ValueError(f"{self.dossier} is not a dossier")
        if self.ego_steps < 1:
            raise ValueError(f"an ego network needs at least one step, not {self.ego_steps}")
        if self.window_days is not None and self.window_days < 0:
            raise ValueError(f"a time window cannot be {self.window_days} days")
        if self.min_strength < 0:
            raise ValueError(f"a minimum strength cannot be {self.min_strength}")

    @property
    def is_empty(self) -> bool:
        """True when the filter selects the whole network."""
        return self == NetworkFilter()

    def describe(self, labels: Mapping[str, str] | None = None) -> str:
        """The filter in a few words, for a plot title ("Regio Deal · helix: government")."""
        labels = labels or {}

        def name(key: str) -> str:
            return labels.get(key, key)

        parts: list[str] = []
        if self.agenda is not None:
            parts.append(wording.say("filter.agenda", name=name(self.agenda)))
        if self.dossier is not None:
            parts.append(wording.say("filter.dossier", name=name(self.dossier)))
        for field, value in (("helix", self.helix), ("level", self.level), ("sector", self.sector)):
            if value is not None:
                parts.append(wording.say(f"filter.{field}", value=wording.value_label(value)))
        if self.min_strength > 0:
            parts.append(wording.say("filter.min_strength", value=f"{self.min_strength:g}"))
        if self.window_days is not None:
            parts.append(wording.say("filter.window", n=self.window_days))
        if self.ego is not None:
            key = "filter.ego.one" if self.ego_steps == 1 else "filter.ego.other"
            parts.append(wording.say(key, n=self.ego_steps, name=name(self.ego)))
        return " · ".join(parts) if parts else wording.say("filter.none")


def current_affiliations(ties: Iterable[Tie]) -> dict[str, set[str]]:
    """Person → current organisations and organisation → current people."""
    links: dict[str, set[str]] = defaultdict(set)
    for t in ties:
        if t.kind is TieKind.AFFILIATION and t.current:
            links[t.source].add(t.target)
            links[t.target].add(t.source)
    return links


def _has(node: Node, field: str, value: str) -> bool:
    if field == "sector":
        return value in node.sectors
    return (node.helix if field == "helix" else node.level) == value


def _applies(field: str, kind: NodeKind) -> bool:
    return kind is NodeKind.ORGANISATION or (field == "level" and kind is NodeKind.AGENDA)


def matches(
    flt: NetworkFilter,
    node: Node,
    nodes: Mapping[str, Node],
    affiliations: Mapping[str, set[str]],
) -> bool:
    """Whether ``node`` passes the helix, level and sector parts of the filter."""
    for field, value in (("helix", flt.helix), ("level", flt.level), ("sector", flt.sector)):
        if value is None:
            continue
        if node.kind is NodeKind.PERSON:
            orgs = (nodes[o] for o in affiliations.get(node.key, ()) if o in nodes)
            if not _has(node, field, value) and not any(_has(o, field, value) for o in orgs):
                return False
        elif _applies(field, node.kind) and not _has(node, field, value):
            return False
    return True


def focus_nodes(
    graph: nx.Graph, key: str, team: set[str], affiliations: Mapping[str, set[str]]
) -> set[str]:
    """The nodes an agenda, theme or dossier filter keeps (see :class:`NetworkFilter`)."""
    kind = graph.nodes[key]["kind"]
    family = {key}
    if kind == NodeKind.AGENDA.value:
        family |= {
            n
            for n, e in graph[key].items()
            if graph.nodes[n]["kind"] == NodeKind.THEME.value and "theme" in e["kinds"].split(",")
        }
    context = {
        n
        for f in family
        for n in graph[f]
        if graph.nodes[n]["kind"] in (NodeKind.AGENDA.value, NodeKind.THEME.value)
    }
    linked = {n for f in family for n in graph[f] if graph.nodes[n]["kind"] in STAKEHOLDER_KINDS}
    linked |= {a for s in linked for a in affiliations.get(s, ()) if a in graph}
    paths = team_paths(graph, team, linked)
    on_paths = {n for path in paths.values() for n in path}
    return family | context | linked | on_paths
