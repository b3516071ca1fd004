"""The generated network: seeded, of the asked size, clustered, with hubs and brokers."""

from __future__ import annotations

from collections import Counter

import pytest

from techzone_crm.analysis.generate import generate_network
from techzone_crm.analysis.graph import build_graph
from techzone_crm.analysis.metrics import compute_metrics
from techzone_crm.analysis.model import NodeKind, TieKind


def test_same_seed_same_network_other_seed_other_network() -> None:
    assert generate_network(300, 1500, seed=4) == generate_network(300, 1500, seed=4)
    assert generate_network(300, 1500, seed=4) != generate_network(300, 1500, seed=5)


def test_size_and_shape() -> None:
    data = generate_network(1000, 5000, seed=0)
    assert len(data.nodes) == 1000
    assert 5000 <= len(data.ties) <= 5010
    assert len({n.key for n in data.nodes}) == 1000
    kinds = Counter(n.kind for n in data.nodes)
    assert kinds[NodeKind.TEAM_MEMBER] == 6 and kinds[NodeKind.AGENDA] == 8
    assert kinds[NodeKind.ORGANISATION] > 50 and kinds[NodeKind.PERSON] > 700
    tie_kinds = {t.kind for t in data.ties}
    assert tie_kinds == set(TieKind)
    keys = {n.key for n in data.nodes}
    assert all(t.source in keys and t.target in keys for t in data.ties)


def test_clusters_follow_helix_and_region() -> None:
    graph = build_graph(generate_network(1000, 5000, seed=0))
    result = compute_metrics(graph)
    assert result.modularity > 0.4
    big = [c for c in result.communities if c.size >= 20]
    assert len(big) >= 10
    # Most big communities are dominated by one helix.
    assert sum(1 for c in big if c.helix_shares and c.helix_shares[0][1] > 0.6) >= len(big) // 2
    assert 0 < result.cross_helix_ties < graph.number_of_edges() / 2


def test_too_small() -> None:
    with pytest.raises(ValueError):
        generate_network(10, 10)
