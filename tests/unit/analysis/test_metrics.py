"""Metrics: equal to networkx where networkx is the reference, and the approximations close."""

from __future__ import annotations

import random

import igraph as ig
import networkx as nx
import pytest

from techzone_crm.analysis._igraph import to_igraph
from techzone_crm.analysis.centrality import structural_holes
from techzone_crm.analysis.communities import find_communities
from techzone_crm.analysis.generate import generate_network
from techzone_crm.analysis.graph import build_graph
from techzone_crm.analysis.metrics import MetricsSettings, compute_metrics, cross_helix
from tests.unit.analysis.conftest import NetBuilder, Region


def weighted_graph(seed: int = 1, n: int = 40) -> nx.Graph:
    """A small-world graph with random strengths (no two paths of exactly equal length)."""
    graph = nx.connected_watts_strogatz_graph(n, 4, 0.3, seed=seed)
    graph = nx.relabel_nodes(graph, {i: f"person:{i}" for i in graph})
    rng = random.Random(seed)
    for a, b in graph.edges:
        s = rng.uniform(0.5, 5)
        graph[a][b].update(strength=s, distance=1 / s)
    helices = ("government", "business", "education")
    for i, node in enumerate(graph):
        graph.nodes[node].update(kind="person", label=node, helix=helices[i % 3])
    return graph


def test_exact_betweenness_equals_networkx() -> None:
    graph = weighted_graph()
    result = compute_metrics(graph)
    expected = nx.betweenness_centrality(graph, weight="distance", normalized=True)
    assert result.betweenness_exact
    assert result.pivots == len(graph)
    for key, value in expected.items():
        assert result.rows[key].betweenness == pytest.approx(value, abs=1e-9)


def test_pagerank_and_degrees_equal_networkx() -> None:
    graph = weighted_graph(seed=2)
    result = compute_metrics(graph)
    pagerank = nx.pagerank(graph, weight="strength")
    for key in graph:
        row = result.rows[key]
        assert row.pagerank == pytest.approx(pagerank[key])
        assert row.degree == graph.degree(key)
        assert row.weighted_degree == pytest.approx(graph.degree(key, weight="strength"))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_constraint_and_effective_size_equal_networkx(seed: int) -> None:
    graph = weighted_graph(seed=seed, n=60)
    graph.add_node("person:lonely", kind="person", label="Lonely", helix="")
    constraint, effective = structural_holes(graph)
    nodes = list(graph)
    expected_c = nx.constraint(graph, nodes=nodes, weight="strength")
    expected_e = nx.effective_size(graph, nodes=nodes, weight="strength")
    assert constraint["person:lonely"] is None and effective["person:lonely"] is None
    for key in nodes[:-1]:
        assert constraint[key] == pytest.approx(expected_c[key])
        assert effective[key] == pytest.approx(expected_e[key])


def test_structural_holes_across_row_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    from techzone_crm.analysis import centrality

    graph = weighted_graph(seed=4, n=50)
    whole_c, whole_e = structural_holes(graph)
    monkeypatch.setattr(centrality, "_BLOCK_ROWS", 7)
    blocks_c, blocks_e = structural_holes(graph)
    assert blocks_c == pytest.approx(whole_c)
    assert blocks_e == pytest.approx(whole_e)


def test_approximate_betweenness_finds_the_same_top_brokers() -> None:
    graph = build_graph(generate_network(1000, 5000, seed=1))
    exact = compute_metrics(graph)
    approx = compute_metrics(graph, MetricsSettings(exact_betweenness_limit=0, pivots=300))
    assert exact.betweenness_exact and not approx.betweenness_exact
    assert 290 <= approx.pivots <= 310
    assert approx.method.startswith(f"betweenness: approximate, {approx.pivots} pivots")
    top_exact = {r.key for r in exact.brokers(20)}
    top_approx = {r.key for r in approx.brokers(20)}
    assert len(top_exact & top_approx) >= 18


def test_igraph_and_networkx_communities_agree() -> None:
    graph = build_graph(generate_network(400, 2000, seed=2))
    ig_graph = to_igraph(graph)
    nx_part = find_communities(graph, ig_graph, seed=0, igraph_from=10_000)
    ig_part = find_communities(graph, ig_graph, seed=0, igraph_from=0)
    assert nx_part.method == "Louvain (networkx)"
    assert ig_part.method == "Louvain (igraph multilevel)"
    assert ig_part.modularity == pytest.approx(nx_part.modularity, abs=0.03)
    nx_modularity = nx.community.modularity(
        graph, [set(c.members) for c in nx_part.communities], weight="strength"
    )
    assert nx_part.modularity == pytest.approx(nx_modularity)
    a = [nx_part.membership[k] for k in graph]
    b = [ig_part.membership[k] for k in graph]
    assert ig.compare_communities(a, b, method="nmi") >= 0.85


def test_everything_is_seeded() -> None:
    graph = build_graph(generate_network(600, 3000, seed=3))
    settings = MetricsSettings(exact_betweenness_limit=0, pivots=100, igraph_communities_from=0)
    assert compute_metrics(graph, settings) == compute_metrics(graph, settings)
    small = MetricsSettings(igraph_communities_from=10_000)
    assert compute_metrics(graph, small).communities == compute_metrics(graph, small).communities


def test_communities_know_their_helix(net: NetBuilder) -> None:
    gov = [net.person(i, f"G{i}", helix="government") for i in range(1, 5)]
    biz = [net.person(i, f"B{i}", helix="business") for i in range(5, 9)]
    for group in (gov, biz):
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                net.relationship(a, b, 5)
    net.relationship(gov[0], biz[0], 1)
    result = compute_metrics(build_graph(net.build()))
    assert len(result.communities) == 2
    by_helix = {c.helix: c for c in result.communities}
    assert set(by_helix["government"].members) == set(gov)
    assert by_helix["business"].helix_shares == (("business", 1.0),)
    assert result.rows[gov[1]].community_helix == "government"
    assert result.cross_helix_ties == 1
    assert result.rows[gov[0]].cross_helix_ties == 1 and result.rows[gov[1]].cross_helix_ties == 0


def test_cross_helix_ignores_nodes_without_helix(region: Region) -> None:
    graph = build_graph(region.data)
    per_node, total = cross_helix(graph)
    assert per_node[region.bart] == 0  # the team has no helix
    # Jan Berg (government) used to work at the university (education).
    assert per_node[region.jan] == 1
    assert total == 1


def test_rows_for_the_hand_made_network(region: Region) -> None:
    result = compute_metrics(build_graph(region.data))
    assert set(result.rows) == {n.key for n in region.data.nodes}
    assert result.method == "betweenness: exact; communities: Louvain (networkx)"
    jan = result.rows[region.jan]
    assert jan.label == "Jan Berg" and jan.kind == "person" and jan.helix == "government"
    # Jan is the only way from the team to Els Smit.
    assert jan.betweenness > result.rows[region.els].betweenness
    assert result.top("pagerank", 3)[0].pagerank >= result.top("pagerank", 3)[-1].pagerank
    assert 0 < (jan.constraint or 0) <= 1.5


def test_an_empty_graph(net: NetBuilder) -> None:
    result = compute_metrics(build_graph(net.build()))
    assert result.rows == {} and result.communities == () and result.modularity == 0.0


def test_settings_are_checked() -> None:
    with pytest.raises(ValueError):
        MetricsSettings(pivots=0)
