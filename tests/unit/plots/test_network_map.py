"""The network map: shapes by kind, colours by helix or community, sizes, edges, labels."""

from __future__ import annotations

from collections import Counter

import networkx as nx
import numpy as np
import pytest
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.text import Annotation

from techzone_crm.plots import network_map, picked_key, save_figure
from techzone_crm.plots.network_map import LABELS
from techzone_crm.plots.style import HELIX_COLOUR, KIND_MARKER, TEAM_COLOUR, UNKNOWN_COLOUR

from .generated import legend_texts, stakeholder_graph, texts

Positions = dict[str, tuple[float, float]]


def scatters(fig: Figure) -> dict[str, PathCollection]:
    """The node scatter of each kind."""
    found = {}
    for collection in fig.axes[0].collections:
        gid = collection.get_gid() or ""
        if isinstance(collection, PathCollection) and gid.startswith("nodes-"):
            found[gid.removeprefix("nodes-")] = collection
    return found


def node_sizes(fig: Figure) -> dict[str, float]:
    sizes = {}
    for collection in scatters(fig).values():
        for index, size in enumerate(collection.get_sizes()):
            key = picked_key(collection, index)
            assert key is not None
            sizes[key] = float(size)
    return sizes


def node_colours(fig: Figure) -> dict[str, str]:
    colours = {}
    for collection in scatters(fig).values():
        for index, colour in enumerate(collection.get_facecolors()):
            key = picked_key(collection, index)
            assert key is not None
            colours[key] = to_hex(colour)
    return colours


def labels_of(fig: Figure) -> list[Annotation]:
    return [a for a in fig.axes[0].texts if isinstance(a, Annotation)]


def test_one_scatter_per_kind_with_a_point_per_node(
    small_graph: nx.Graph, small_positions: Positions
) -> None:
    fig = network_map(small_graph, small_positions, title="Network")

    kinds = Counter(data["kind"] for _, data in small_graph.nodes(data=True))
    drawn = scatters(fig)
    assert set(drawn) == set(kinds)
    for kind, collection in drawn.items():
        assert len(collection.get_offsets()) == kinds[kind]
    # Each kind has its own marker shape.
    shapes = {kind: c.get_paths()[0].vertices.round(3).tobytes() for kind, c in drawn.items()}
    assert len(set(shapes.values())) == len(drawn) == len(set(KIND_MARKER) & set(drawn))


def test_colours_follow_the_helix_and_team_members_stand_out(
    small_graph: nx.Graph, small_positions: Positions
) -> None:
    colours = node_colours(network_map(small_graph, small_positions))

    for node, data in small_graph.nodes(data=True):
        if data["kind"] == "team_member":
            assert colours[node] == TEAM_COLOUR
        elif data["helix"]:
            assert colours[node] == HELIX_COLOUR[data["helix"]]
        else:
            assert colours[node] == UNKNOWN_COLOUR


def test_legend_names_the_helices_and_kinds_present(
    small_graph: nx.Graph, small_positions: Positions
) -> None:
    entries = legend_texts(network_map(small_graph, small_positions))

    assert entries[0] == "Helix"
    for name in ("Government", "Business", "Education & knowledge", "Civil society"):
        assert name in entries
    assert "No helix" in entries and "Our team" in entries
    kind_part = entries[entries.index("Kind") + 1 :]
    assert kind_part == ["Person", "Organisation", "Agenda", "Theme", "Dossier", "Team member"]


def test_legend_leaves_out_what_is_not_drawn(small_positions: Positions) -> None:
    graph = nx.Graph()
    graph.add_node("person:1", kind="person", label="Anna", helix="government")
    graph.add_node("organisation:2", kind="organisation", label="Gasunie", helix="business")
    graph.add_edge("person:1", "organisation:2", strength=2.0)
    positions = {"person:1": (0.0, 0.0), "organisation:2": (1.0, 1.0)}

    entries = legend_texts(network_map(graph, positions))

    assert entries == ["Helix", "Government", "Business", "Kind", "Person", "Organisation"]


def test_colour_by_community(small_graph: nx.Graph, small_positions: Positions) -> None:
    communities = {
        node: index
        for index, group in enumerate(
            nx.community.louvain_communities(small_graph, weight="strength", seed=1)
        )
        for node in group
    }
    fig = network_map(small_graph, small_positions, colour_by="community", communities=communities)

    entries = legend_texts(fig)
    assert entries[0] == "Community"
    sizes = Counter(communities.values())
    biggest = max(sizes, key=lambda c: (sizes[c], -c))
    assert entries[1] == f"Community {biggest} ({sizes[biggest]})"
    colours = node_colours(fig)
    members = [n for n, c in communities.items() if c == biggest and not n.startswith("team")]
    assert len({colours[node] for node in members}) == 1


def test_colour_by_community_needs_the_communities(
    small_graph: nx.Graph, small_positions: Positions
) -> None:
    with pytest.raises(ValueError, match="communities"):
        network_map(small_graph, small_positions, colour_by="community")
    with pytest.raises(ValueError, match="colour_by"):
        network_map(small_graph, small_positions, colour_by="sector")  # type: ignore[arg-type]


def test_size_follows_influence(small_graph: nx.Graph, small_positions: Positions) -> None:
    influence = nx.pagerank(small_graph, weight="strength")
    sizes = node_sizes(network_map(small_graph, small_positions, influence=influence))

    ranked = sorted(influence, key=influence.__getitem__)
    plain = [n for n in ranked if not n.startswith("team_member")]  # stars are drawn larger
    assert sizes[plain[-1]] == max(sizes[n] for n in plain)
    assert sizes[plain[0]] == min(sizes[n] for n in plain)


def test_edges_are_one_collection_wider_for_stronger_ties(
    small_graph: nx.Graph, small_positions: Positions
) -> None:
    fig = network_map(small_graph, small_positions)

    (edges,) = [c for c in fig.axes[0].collections if isinstance(c, LineCollection)]
    assert len(edges.get_segments()) == small_graph.number_of_edges()
    widths = np.asarray(edges.get_linewidths())
    alphas = edges.get_colors()[:, 3]
    # Drawn weakest first, so the strong ties lie on top and are the widest and darkest.
    assert np.all(np.diff(widths) >= -1e-9)
    assert np.all(np.diff(alphas) >= -1e-9)
    assert widths[-1] > widths[0]


def test_labels_only_the_most_influential_and_the_team(
    small_graph: nx.Graph, small_positions: Positions
) -> None:
    influence = nx.pagerank(small_graph, weight="strength")
    fig = network_map(small_graph, small_positions, influence=influence, label_count=5)

    labelled = {a.get_text(): a for a in labels_of(fig)}
    top = sorted(influence, key=lambda n: -influence[n])[:5]
    team = [n for n, d in small_graph.nodes(data=True) if d["kind"] == "team_member"]
    expected = {small_graph.nodes[n]["label"] for n in [*top, *team]}
    assert set(labelled) == expected
    for node in team:
        assert labelled[small_graph.nodes[node]["label"]].get_fontweight() == "bold"


def test_labels_keep_apart(small_graph: nx.Graph, small_positions: Positions) -> None:
    fig = network_map(small_graph, small_positions, label_count=12)

    fig.draw_without_rendering()
    boxes = [a.get_window_extent() for a in labels_of(fig)]
    overlapping = sum(1 for i, a in enumerate(boxes) for b in boxes[i + 1 :] if a.overlaps(b))
    assert overlapping <= 1


def test_title_and_subtitle_are_shown(small_graph: nx.Graph, small_positions: Positions) -> None:
    fig = network_map(
        small_graph,
        small_positions,
        title="Stakeholder network",
        subtitle="Agenda: Regio Deal · 1 June 2024",
    )

    shown = texts(fig)
    assert "Stakeholder network" in shown
    assert "Agenda: Regio Deal · 1 June 2024" in shown
    assert LABELS["note"] in shown


def test_nodes_without_a_position_are_left_out(
    small_graph: nx.Graph, small_positions: Positions
) -> None:
    some = dict(list(small_positions.items())[:10])
    fig = network_map(small_graph, some)

    assert sum(len(c.get_offsets()) for c in scatters(fig).values()) == 10


def test_an_empty_network_says_so() -> None:
    fig = network_map(nx.Graph(), {}, title="Network")

    assert "No stakeholders match the filter." in texts(fig)


def test_fixed_texts_can_be_translated(small_graph: nx.Graph, small_positions: Positions) -> None:
    fig = network_map(small_graph, small_positions, labels={"legend.kind": "Soort"})

    assert "Soort" in legend_texts(fig)
    with pytest.raises(KeyError, match="nonsense"):
        network_map(small_graph, small_positions, labels={"nonsense": "x"})


def test_a_large_network_renders_with_few_labels(tmp_path: object) -> None:
    graph = stakeholder_graph(1500)
    rng = np.random.default_rng(1)
    # A random layout is enough here: the map does not care how the positions were made.
    positions = {
        node: (float(x), float(y))
        for node, (x, y) in zip(graph, rng.random((1500, 2)), strict=True)
    }
    influence = nx.pagerank(graph, weight="strength")

    fig = network_map(graph, positions, influence=influence, label_count=15)

    team = sum(1 for _, d in graph.nodes(data=True) if d["kind"] == "team_member")
    assert len(labels_of(fig)) <= 15 + team
    assert sum(len(c.get_offsets()) for c in scatters(fig).values()) == 1500
    assert max(node_sizes(fig).values()) < 600  # small markers at this size
    path = save_figure(fig, tmp_path / "network.png")  # type: ignore[operator]
    assert path.stat().st_size > 10_000
