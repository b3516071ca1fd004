"""Layouts: the same graph gives the same picture, from memory, from disk or computed anew."""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest

from techzone_crm.analysis import layout
from techzone_crm.analysis.graph import build_graph
from techzone_crm.analysis.layout import clear_memory_cache, compute_layout, layout_key
from tests.unit.analysis.conftest import Region


@pytest.fixture(autouse=True)
def fresh_memory() -> Iterator[None]:
    clear_memory_cache()
    yield
    clear_memory_cache()


def test_same_graph_same_positions_even_without_cache(region: Region) -> None:
    graph = build_graph(region.data)
    first = compute_layout(graph)
    clear_memory_cache()
    again = compute_layout(build_graph(region.data))
    assert first == again
    assert set(first) == set(graph)
    assert all(-1 <= x <= 1 and -1 <= y <= 1 for x, y in first.values())


def test_a_changed_graph_gets_a_new_layout(region: Region) -> None:
    graph = build_graph(region.data)
    before = compute_layout(graph)
    changed = graph.copy()
    changed.add_edge(region.els, region.kees, strength=3.0, distance=1 / 3)
    assert layout_key(changed) != layout_key(graph)
    after = compute_layout(changed)
    assert after != before
    stronger = graph.copy()
    stronger[region.jan][region.els]["strength"] = 1.0
    assert layout_key(stronger) != layout_key(graph)
    assert layout_key(graph, seed=1) != layout_key(graph)


def test_the_disk_cache_is_used_and_survives_damage(
    region: Region, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    graph = build_graph(region.data)
    first = compute_layout(graph, cache_dir=tmp_path)
    files = list(tmp_path.glob("layout-*.json"))
    assert len(files) == 1
    clear_memory_cache()

    def fail(*args: object) -> None:
        raise AssertionError("computed again")

    monkeypatch.setattr(layout, "_compute", fail)
    assert compute_layout(graph, cache_dir=tmp_path) == first
    monkeypatch.undo()
    clear_memory_cache()
    files[0].write_text("{not json", encoding="utf-8")
    assert compute_layout(graph, cache_dir=tmp_path) == first


def test_memory_cache_returns_copies(region: Region) -> None:
    graph = build_graph(region.data)
    positions = compute_layout(graph)
    positions.clear()
    assert compute_layout(graph)


def test_tiny_graphs() -> None:
    assert compute_layout(nx.Graph()) == {}
    one = nx.Graph()
    one.add_node("person:1")
    assert compute_layout(one) == {"person:1": (0.0, 0.0)}
    two = nx.Graph()
    two.add_nodes_from(["person:1", "person:2"])
    assert len(set(compute_layout(two).values())) == 2


def _hub(graph: nx.Graph, prefix: str, size: int) -> list[str]:
    """A connected group of ``size`` nodes: a ring with a few chords."""
    keys = [f"{prefix}:{i}" for i in range(size)]
    for i, key in enumerate(keys):
        graph.add_edge(key, keys[(i + 1) % size], strength=2.0, distance=0.5)
        graph.add_edge(key, keys[(i + 5) % size], strength=1.0, distance=1.0)
    return keys


def test_isolated_nodes_and_small_groups_sit_close_to_the_main_component() -> None:
    graph = nx.Graph()
    main = _hub(graph, "person", 60)
    graph.add_node("organisation:1")  # no tie at all
    graph.add_edge("organisation:2", "organisation:3", strength=1.0, distance=1.0)
    small = _hub(graph, "agenda", 8)

    positions = compute_layout(graph)

    assert set(positions) == set(graph)
    assert all(-1 <= x <= 1 and -1 <= y <= 1 for x, y in positions.values())
    xs = [positions[k][0] for k in main]
    ys = [positions[k][1] for k in main]
    centre = (sum(xs) / len(xs), sum(ys) / len(ys))
    spread = max(math.dist(centre, positions[k]) for k in main)
    others = ["organisation:1", "organisation:2", "organisation:3", *small]
    for key in others:
        distance = math.dist(centre, positions[key])
        # Outside the main component, but next to it rather than far away.
        assert spread < distance < 2.0 * spread
    small_centre = tuple(sum(positions[k][i] for k in small) / len(small) for i in (0, 1))
    assert min(math.dist(small_centre, positions[k]) for k in main) > 0.05
    clear_memory_cache()
    assert compute_layout(graph.copy()) == positions
