"""The warmest path from the team to a stakeholder: which colleague should call whom.

"Warmest" is the path with the smallest sum of distances 1 / strength, so strong ties make a
short path. A path runs from a team member through people and organisations only: two people
linked to the same agenda do not know each other because of it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import networkx as nx

from techzone_crm.analysis import wording
from techzone_crm.analysis.model import NodeKind

STAKEHOLDER_KINDS = frozenset({NodeKind.PERSON.value, NodeKind.ORGANISATION.value})


@dataclass(frozen=True)
class Hop:
    """One node on a path and the tie that led there from the node before."""

    key: str
    label: str
    kind: str
    strength: float = 0.0  # of the edge from the previous node; 0 for the start
    relation: str = ""  # what that edge mainly is, in words ("works with", "met")


@dataclass(frozen=True)
class WarmPath:
    """The warmest path from a team member to ``target``."""

    target: str
    hops: tuple[Hop, ...]
    distance: float  # sum of 1 / strength along the path

    @property
    def start(self) -> Hop:
        """The team member to ask."""
        return self.hops[0]

    @property
    def via(self) -> tuple[Hop, ...]:
        """The stakeholders between the team member and the target."""
        return self.hops[1:-1]

    @property
    def weakest(self) -> float:
        """The weakest tie on the path (0 for a team member as target)."""
        return min((h.strength for h in self.hops[1:]), default=0.0)

    def sentence(self) -> str:
        """ "Bart ter Horst → Jan Berg (works with, 4.2) → …"."""
        parts = [self.hops[0].label]
        for hop in self.hops[1:]:
            parts.append(
                wording.say(
                    "path.hop", label=hop.label, relation=hop.relation, strength=hop.strength
                )
            )
        return " → ".join(parts)


def _team(graph: nx.Graph) -> set[str]:
    return {n for n, kind in graph.nodes(data="kind") if kind == NodeKind.TEAM_MEMBER.value}


def _distance(
    graph: nx.Graph, targets: Collection[str]
) -> Callable[[str, str, dict[str, Any]], float | None]:
    kinds = graph.nodes

    def distance(u: str, v: str, edge: dict[str, Any]) -> float | None:
        if kinds[v]["kind"] in STAKEHOLDER_KINDS or v in targets:
            return float(edge["distance"])
        return None  # never step onto an agenda, theme, dossier or another team member

    return distance


def team_paths(
    graph: nx.Graph, team: Iterable[str] | None = None, targets: Collection[str] | None = None
) -> dict[str, list[str]]:
    """Target → node keys of its warmest path from the team (reachable targets only).

    Without ``targets``, the paths to every stakeholder the team reaches.
    """
    # In a fixed order: among paths of equal warmth the first source found wins, so a set's
    # order (which changes from run to run) would change the advice.
    sources = sorted({t for t in (_team(graph) if team is None else team) if t in graph})
    if not sources:
        return {}
    wanted = set() if targets is None else {t for t in targets if t in graph}
    _, paths = nx.multi_source_dijkstra(graph, sources, weight=_distance(graph, wanted))
    if targets is None:
        return {k: p for k, p in paths.items() if graph.nodes[k]["kind"] in STAKEHOLDER_KINDS}
    return {k: paths[k] for k in wanted if k in paths}


def _relation(graph: nx.Graph, a: str, b: str) -> str:
    edge = graph[a][b]
    return wording.relation_label(edge.get("main_kind", ""), edge.get("relation", ""))


def path_of(graph: nx.Graph, keys: list[str]) -> WarmPath:
    """The :class:`WarmPath` along these node keys (the first a team member)."""
    nodes = graph.nodes
    hops = [Hop(keys[0], nodes[keys[0]]["label"], nodes[keys[0]]["kind"])]
    distance = 0.0
    for a, b in pairwise(keys):
        edge = graph[a][b]
        distance += edge["distance"]
        hops.append(
            Hop(b, nodes[b]["label"], nodes[b]["kind"], edge["strength"], _relation(graph, a, b))
        )
    return WarmPath(keys[-1], tuple(hops), distance)


def warmest_paths(
    graph: nx.Graph, targets: Collection[str], team: Iterable[str] | None = None
) -> dict[str, WarmPath]:
    """Target → its warmest path from the team, for the targets the team can reach."""
    return {t: path_of(graph, keys) for t, keys in team_paths(graph, team, targets).items()}


def warmest_path(
    graph: nx.Graph, target: str, team: Iterable[str] | None = None
) -> WarmPath | None:
    """The warmest path from the team to ``target``, or None when there is none."""
    if target not in graph:
        raise ValueError(f"{target} is not in the network")
    return warmest_paths(graph, [target], team).get(target)
