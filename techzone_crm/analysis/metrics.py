"""Network metrics per node: hubs, brokers, influence, structural holes, communities, silos.

- degree and weighted degree (the sum of the strengths of a node's ties);
- betweenness with distance = 1 / strength, exact up to a size limit, else from sampled pivots
  (see :mod:`techzone_crm.analysis.centrality`; the result says which);
- PageRank with weight = strength;
- Burt's constraint (low: a bridge between groups) and effective size;
- communities (Louvain) with the dominant helix of each;
- cross-helix ties: ties between two stakeholders of different helices, per node and in total.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from techzone_crm.analysis._igraph import to_igraph
from techzone_crm.analysis.centrality import betweenness, structural_holes
from techzone_crm.analysis.communities import Community, find_communities


@dataclass(frozen=True)
class MetricsSettings:
    """Where the exact methods stop and how the approximations are drawn."""

    exact_betweenness_limit: int = 1500  # nodes; above it betweenness comes from pivots
    pivots: int = 1500  # the top-20 brokers at 5,000 nodes then agree on 19–20 of 20
    igraph_communities_from: int = 2000  # nodes; above it igraph's multilevel finds communities
    seed: int = 0

    def __post_init__(self) -> None:
        if self.pivots < 1:
            raise ValueError(f"betweenness needs at least one pivot, not {self.pivots}")


@dataclass(frozen=True)
class NodeMetrics:
    """Every metric of one node (constraint and effective size are None without ties)."""

    key: str
    label: str
    kind: str
    helix: str
    degree: int
    weighted_degree: float
    betweenness: float
    pagerank: float
    constraint: float | None
    effective_size: float | None
    community: int
    community_helix: str
    cross_helix_ties: int


@dataclass(frozen=True)
class MetricsResult:
    """The metrics of every node, the communities and how it was all computed."""

    rows: dict[str, NodeMetrics]
    communities: tuple[Community, ...]
    modularity: float
    cross_helix_ties: int  # in the whole graph
    betweenness_exact: bool
    pivots: int
    community_method: str

    @property
    def method(self) -> str:
        """ "betweenness: exact; communities: Louvain (networkx)" or with the pivots."""
        how = "exact" if self.betweenness_exact else f"approximate, {self.pivots} pivots"
        return f"betweenness: {how}; communities: {self.community_method}"

    def top(self, metric: str, n: int = 20) -> list[NodeMetrics]:
        """The ``n`` nodes with the highest value of ``metric`` ("betweenness", "pagerank" …)."""
        rows = [r for r in self.rows.values() if getattr(r, metric) is not None]
        return sorted(rows, key=lambda r: (-getattr(r, metric), r.key))[:n]

    def brokers(self, n: int = 20) -> list[NodeMetrics]:
        """The ``n`` nodes with the highest betweenness."""
        return self.top("betweenness", n)


def cross_helix(graph: nx.Graph) -> tuple[dict[str, int], int]:
    """Per node, its ties to stakeholders of another helix; and how many such ties there are."""
    helix = dict(graph.nodes(data="helix", default=""))
    per_node = dict.fromkeys(graph, 0)
    total = 0
    for a, b in graph.edges():
        if helix[a] and helix[b] and helix[a] != helix[b]:
            per_node[a] += 1
            per_node[b] += 1
            total += 1
    return per_node, total


def compute_metrics(graph: nx.Graph, settings: MetricsSettings | None = None) -> MetricsResult:
    """All metrics of ``graph`` (as built by :func:`techzone_crm.analysis.graph.build_graph`)."""
    settings = settings or MetricsSettings()
    ig_graph = to_igraph(graph)
    partition = find_communities(
        graph, ig_graph, seed=settings.seed, igraph_from=settings.igraph_communities_from
    )
    between = betweenness(
        ig_graph,
        [partition.membership[k] for k in ig_graph.keys],
        exact_limit=settings.exact_betweenness_limit,
        pivots=settings.pivots,
        seed=settings.seed,
    )
    pagerank = nx.pagerank(graph, weight="strength") if len(graph) else {}
    constraint, effective = structural_holes(graph)
    crossing, crossing_total = cross_helix(graph)
    helix_of = {c.id: c.helix for c in partition.communities}
    rows = {}
    for key, attrs in graph.nodes(data=True):
        community = partition.membership[key]
        rows[key] = NodeMetrics(
            key=key,
            label=attrs.get("label", key),
            kind=attrs.get("kind", ""),
            helix=attrs.get("helix", ""),
            degree=graph.degree(key),
            weighted_degree=float(graph.degree(key, weight="strength")),
            betweenness=between.values[key],
            pagerank=float(pagerank[key]),
            constraint=constraint[key],
            effective_size=effective[key],
            community=community,
            community_helix=helix_of[community],
            cross_helix_ties=crossing[key],
        )
    return MetricsResult(
        rows=rows,
        communities=partition.communities,
        modularity=partition.modularity,
        cross_helix_ties=crossing_total,
        betweenness_exact=between.exact,
        pivots=between.pivots,
        community_method=partition.method,
    )
