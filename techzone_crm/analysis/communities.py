"""Communities by modularity (Louvain), seeded: networkx on small graphs, igraph's C
implementation of the same method (multilevel) on big ones."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import networkx as nx

from techzone_crm.analysis._igraph import IGraph, seeded

HELIX_ORDER = ("government", "business", "education", "civil_society")


@dataclass(frozen=True)
class Community:
    """One community: its members, its dominant helix and the share of every helix in it."""

    id: int
    members: tuple[str, ...]
    helix: str  # the most common helix among its stakeholders ("" when none has one)
    helix_shares: tuple[tuple[str, float], ...]

    @property
    def size(self) -> int:
        """How many nodes it has."""
        return len(self.members)


@dataclass(frozen=True)
class Partition:
    """The communities (largest first) and how they were found."""

    communities: tuple[Community, ...]
    membership: dict[str, int]  # node key → community id
    modularity: float
    method: str  # "Louvain (networkx)" or "Louvain (igraph multilevel)"


def _helix_of(
    members: Sequence[str], helices: Mapping[str, str]
) -> tuple[str, tuple[tuple[str, float], ...]]:
    counts = Counter(helices[m] for m in members if helices.get(m))
    total = sum(counts.values())
    if not total:
        return "", ()
    order = {h: i for i, h in enumerate(HELIX_ORDER)}
    ranked = sorted(counts.items(), key=lambda hc: (-hc[1], order.get(hc[0], 99), hc[0]))
    return ranked[0][0], tuple((h, c / total) for h, c in ranked)


def _groups(
    graph: nx.Graph, ig_graph: IGraph, seed: int, igraph_from: int
) -> tuple[list[set[str]], str]:
    if graph.number_of_nodes() <= igraph_from:
        found = nx.community.louvain_communities(graph, weight="strength", seed=seed)
        return [set(c) for c in found], "Louvain (networkx)"
    with seeded(seed):
        clustering = ig_graph.graph.community_multilevel(weights="strength")
    keys = ig_graph.keys
    return [{keys[v] for v in c} for c in clustering], "Louvain (igraph multilevel)"


def find_communities(
    graph: nx.Graph, ig_graph: IGraph, *, seed: int, igraph_from: int
) -> Partition:
    """The communities of ``graph`` (networkx Louvain up to ``igraph_from`` nodes)."""
    if graph.number_of_nodes() == 0:
        return Partition((), {}, 0.0, "Louvain (networkx)")
    groups, method = _groups(graph, ig_graph, seed, igraph_from)
    groups.sort(key=lambda c: (-len(c), min(c)))
    helices = {n: h for n, h in graph.nodes(data="helix") if h}
    communities = []
    membership: dict[str, int] = {}
    for i, members in enumerate(groups):
        ordered = tuple(sorted(members))
        helix, shares = _helix_of(ordered, helices)
        communities.append(Community(i, ordered, helix, shares))
        membership.update(dict.fromkeys(ordered, i))
    vertex_membership = [membership[k] for k in ig_graph.keys]
    modularity = (
        float(ig_graph.graph.modularity(vertex_membership, weights="strength"))
        if graph.number_of_edges()
        else 0.0
    )
    return Partition(tuple(communities), membership, modularity, method)
