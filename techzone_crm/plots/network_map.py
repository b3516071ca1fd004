"""The environment-analysis network map: who matters and how they are connected.

Colour by helix or community, size by influence, shape by node kind, edge width and opacity by
tie strength, labels for the most important nodes only. Readable from 30 to 1,500+ nodes.
The map keeps its proportions in any canvas, and its labels are placed again whenever the
canvas is resized, so they keep clear of each other at every size.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from typing import Any, Literal

import networkx as nx
import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.text import Annotation

from techzone_crm.plots.picking import remember_keys
from techzone_crm.plots.placement import LabelRequest, place_labels
from techzone_crm.plots.style import (
    COMMUNITY_PALETTE,
    HELIX_COLOUR,
    KIND_MARKER,
    KIND_ORDER,
    LINE_COLOUR,
    MUTED_TEXT_COLOUR,
    SMALL_COMMUNITY_COLOUR,
    TEAM_COLOUR,
    TEXT_COLOUR,
    UNKNOWN_COLOUR,
    merged,
    new_figure,
    shorten,
)

#: The fixed texts of the map; pass translated ones as ``labels=``.
LABELS: dict[str, str] = {
    "legend.helix": "Helix",
    "legend.community": "Community",
    "legend.kind": "Kind",
    "helix.government": "Government",
    "helix.business": "Business",
    "helix.education": "Education & knowledge",
    "helix.civil_society": "Civil society",
    "helix.unknown": "No helix",
    "team": "Our team",
    "community": "Community {id} ({count})",
    "community.small": "Smaller communities",
    "kind.person": "Person",
    "kind.organisation": "Organisation",
    "kind.agenda": "Agenda",
    "kind.theme": "Theme",
    "kind.dossier": "Dossier",
    "kind.team_member": "Team member",
    "note": "Node size: influence. Line width: tie strength.",
    "empty": "No stakeholders match the filter.",
}

ColourBy = Literal["helix", "community"]

# The sizes are tuned for networks from 30 nodes and 60 ties to 1,500 nodes and 8,000 ties.
_NODES = (30, 1500)
_EDGES = (60, 8000)
_LABEL_LIMIT = 28  # characters; the tables and the tooltips have the full names


def network_map(
    graph: nx.Graph,
    positions: Mapping[str, tuple[float, float]],
    *,
    colour_by: ColourBy = "helix",
    communities: Mapping[str, int] | None = None,
    influence: Mapping[str, float] | None = None,
    title: str = "",
    subtitle: str = "",
    label_count: int = 15,
    labels: Mapping[str, str] | None = None,
    figsize: tuple[float, float] = (12.0, 8.5),
) -> Figure:
    """The map of ``graph`` at ``positions``; nodes without a position are left out.

    ``influence`` (e.g. PageRank) sizes the nodes and picks the ``label_count`` labelled ones
    (team members are always labelled); without it the weighted degree does.
    """
    if colour_by not in ("helix", "community"):
        raise ValueError(f"colour_by must be 'helix' or 'community', not {colour_by!r}")
    if colour_by == "community" and communities is None:
        raise ValueError("colouring by community needs the communities")
    text = merged(LABELS, labels)
    fig = new_figure(*figsize)
    ax = fig.add_subplot()
    ax.set_axis_off()
    if title:
        fig.suptitle(title, fontsize=15, fontweight="bold", color=TEXT_COLOUR, x=0.01, ha="left")
    if subtitle:
        ax.set_title(subtitle, loc="left", fontsize=10.5, color=MUTED_TEXT_COLOUR)
    nodes = [node for node in graph.nodes if node in positions]
    if not nodes:
        ax.text(0.5, 0.5, text["empty"], ha="center", va="center", color=MUTED_TEXT_COLOUR)
        return fig
    scale = _scale(len(nodes), graph.number_of_edges())
    xy = {node: (float(positions[node][0]), float(positions[node][1])) for node in nodes}
    weight = _influence(graph, nodes, influence)
    sizes = _sizes(nodes, weight, scale)
    colours, colour_entries = _colours(graph, nodes, colour_by, communities or {}, text)

    _frame(ax, xy)
    _draw_edges(ax, graph, xy, scale)
    kinds = _draw_nodes(ax, graph, nodes, xy, sizes, colours, scale)
    _legend(fig, colour_by, colour_entries, kinds, text)
    note = ax.text(0.0, -0.01, text["note"], transform=ax.transAxes, ha="left", va="top")
    note.set(fontsize=9, color=MUTED_TEXT_COLOUR)

    chosen = _labelled(graph, nodes, weight, label_count)
    requests = [
        LabelRequest(*xy[node], shorten(_label(graph, node), _LABEL_LIMIT), _radius(sizes[node]))
        for node in chosen
    ]
    obstacles = np.array([(*xy[node], _radius(sizes[node])) for node in nodes])
    bold = [_kind(graph, node) == "team_member" for node in chosen]
    shown: list[Annotation] = []

    def place(_event: object = None) -> None:
        for annotation in shown:
            annotation.remove()
        shown[:] = place_labels(ax, requests, fontsize=scale["font"], obstacles=obstacles)
        for annotation, is_team in zip(shown, bold, strict=True):
            if is_team:
                annotation.set_fontweight("bold")

    place()
    # The callbacks belong to the figure, so they hold on any canvas that shows it.
    fig.canvas.mpl_connect("resize_event", place)
    return fig


def _scale(nodes: int, edges: int) -> dict[str, float]:
    """Marker, edge and font sizes between those tuned for a small and for a large network.

    Markers follow the number of nodes, lines the number of ties: a dense network needs
    thinner, fainter lines to stay readable."""

    def between(count: int, small: int, large: int) -> float:
        t = (math.log(max(count, 1)) - math.log(small)) / (math.log(large) - math.log(small))
        return min(max(t, 0.0), 1.0)

    t_nodes = between(nodes, *_NODES)
    t_edges = between(edges, *_EDGES)

    def by_nodes(small: float, large: float) -> float:
        return small + (large - small) * t_nodes

    def by_edges(small: float, large: float) -> float:
        return small + (large - small) * t_edges

    return {
        "size_min": by_nodes(80, 6),
        "size_max": by_nodes(1000, 320),
        "outline": by_nodes(0.9, 0.25),
        "font": by_nodes(9.5, 8.0),
        "width_min": by_edges(0.6, 0.1),
        "width_max": by_edges(4.0, 1.1),
        "alpha_min": by_edges(0.25, 0.03),
        "alpha_max": by_edges(0.7, 0.3),
    }


def _kind(graph: nx.Graph, node: str) -> str:
    return str(graph.nodes[node].get("kind") or "person")


def _label(graph: nx.Graph, node: str) -> str:
    return str(graph.nodes[node].get("label") or node)


def _influence(
    graph: nx.Graph, nodes: list[str], influence: Mapping[str, float] | None
) -> dict[str, float]:
    if influence is not None:
        return {node: max(float(influence.get(node, 0.0)), 0.0) for node in nodes}
    degree = graph.degree(nodes, weight="strength")
    return {node: float(value) for node, value in degree}


def _sizes(nodes: list[str], weight: dict[str, float], scale: dict[str, float]) -> dict[str, float]:
    top = max(weight.values(), default=0.0) or 1.0
    low, high = scale["size_min"], scale["size_max"]
    # Marker area grows with influence, so a node twice as influential looks twice as big.
    return {node: low + (high - low) * weight[node] / top for node in nodes}


def _radius(size: float) -> float:
    """The radius in points of a marker of area ``size`` (points²)."""
    return math.sqrt(size) / 2.0


def _colours(
    graph: nx.Graph,
    nodes: list[str],
    colour_by: ColourBy,
    communities: Mapping[str, int],
    text: dict[str, str],
) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Each node's colour, and the (colour, label) entries of the legend."""
    colours: dict[str, str] = {}
    entries: list[tuple[str, str]] = []
    has_team = any(_kind(graph, node) == "team_member" for node in nodes)
    if colour_by == "helix":
        seen: set[str] = set()
        for node in nodes:
            helix = str(graph.nodes[node].get("helix") or "")
            if _kind(graph, node) == "team_member":
                colours[node] = TEAM_COLOUR
                continue
            known = helix if helix in HELIX_COLOUR else "unknown"
            seen.add(known)
            colours[node] = HELIX_COLOUR.get(helix, UNKNOWN_COLOUR)
        for helix, colour in (*HELIX_COLOUR.items(), ("unknown", UNKNOWN_COLOUR)):
            if helix in seen:
                entries.append((colour, text[f"helix.{helix}"]))
    else:
        counts = Counter(communities[node] for node in nodes if node in communities)
        ranked = sorted(counts, key=lambda c: (-counts[c], c))
        palette = dict(zip(ranked, COMMUNITY_PALETTE, strict=False))
        for node in nodes:
            if _kind(graph, node) == "team_member":
                colours[node] = TEAM_COLOUR
            else:
                community = communities.get(node)
                colours[node] = palette.get(community, SMALL_COMMUNITY_COLOUR)  # type: ignore[arg-type]
        for community, colour in palette.items():
            label = text["community"].format(id=community, count=counts[community])
            entries.append((colour, label))
        if len(ranked) > len(palette) or any(node not in communities for node in nodes):
            entries.append((SMALL_COMMUNITY_COLOUR, text["community.small"]))
    if has_team:
        entries.append((TEAM_COLOUR, text["team"]))
    return colours, entries


def _frame(ax: Axes, xy: dict[str, tuple[float, float]]) -> None:
    """Room around the nodes for markers and labels; one unit is as long across as up, so a
    wide, low canvas widens the view instead of flattening the network."""
    ax.update_datalim(np.array(list(xy.values())))
    ax.margins(0.08)
    ax.set_aspect("equal", adjustable="datalim")
    ax.autoscale_view()


def _draw_edges(
    ax: Axes, graph: nx.Graph, xy: dict[str, tuple[float, float]], scale: dict[str, float]
) -> None:
    edges = [
        (u, v, float(data.get("strength", 1.0) or 0.0))
        for u, v, data in graph.edges(data=True)
        if u in xy and v in xy and u != v
    ]
    if not edges:
        return
    strengths = np.array([s for _, _, s in edges])
    # The 95th percentile as "full strength", so one very strong tie does not fade the rest.
    full = float(np.quantile(strengths, 0.95)) or float(strengths.max()) or 1.0
    t = np.clip(strengths / full, 0.0, 1.0)
    order = np.argsort(t, kind="stable")  # strong ties on top
    segments = [(xy[edges[i][0]], xy[edges[i][1]]) for i in order]
    widths = scale["width_min"] + (scale["width_max"] - scale["width_min"]) * t[order]
    alphas = scale["alpha_min"] + (scale["alpha_max"] - scale["alpha_min"]) * t[order]
    base = to_rgba(LINE_COLOUR)
    rgba = np.tile(base, (len(order), 1))
    rgba[:, 3] = alphas
    collection = LineCollection(segments, linewidths=widths, colors=rgba, zorder=1)
    collection.set_capstyle("round")
    ax.add_collection(collection, autolim=False)


def _draw_nodes(
    ax: Axes,
    graph: nx.Graph,
    nodes: list[str],
    xy: dict[str, tuple[float, float]],
    sizes: dict[str, float],
    colours: dict[str, str],
    scale: dict[str, float],
) -> list[str]:
    """One scatter per node kind; returns the kinds drawn, in legend order."""
    by_kind: dict[str, list[str]] = {}
    for node in nodes:
        kind = _kind(graph, node)
        by_kind.setdefault(kind if kind in KIND_MARKER else "person", []).append(node)
    drawn = []
    for z, kind in enumerate(KIND_ORDER):
        members = by_kind.get(kind)
        if not members:
            continue
        members.sort(key=lambda node: -sizes[node])  # small markers on top of large ones
        star = kind == "team_member"
        collection = ax.scatter(
            [xy[node][0] for node in members],
            [xy[node][1] for node in members],
            s=[sizes[node] * (1.7 if star else 1.0) for node in members],
            c=[colours[node] for node in members],
            marker=KIND_MARKER[kind],
            edgecolors="white",
            linewidths=scale["outline"],
            zorder=2 + z * 0.1 + (1 if star else 0),
            label=kind,
            gid=f"nodes-{kind}",
        )
        remember_keys(collection, members)
        drawn.append(kind)
    return drawn


def _labelled(graph: nx.Graph, nodes: list[str], weight: dict[str, float], count: int) -> list[str]:
    """The nodes to label, most important first: the top ``count`` and every team member."""
    ranked = sorted(nodes, key=lambda node: (-weight[node], _label(graph, node), node))
    top = ranked[: max(count, 0)]
    team = [node for node in ranked if _kind(graph, node) == "team_member" and node not in top]
    return top + team


def _legend(
    fig: Figure,
    colour_by: ColourBy,
    colour_entries: list[tuple[str, str]],
    kinds: list[str],
    text: dict[str, str],
) -> Legend:
    handles: list[Any] = []
    headers: set[int] = set()

    def header(label: str) -> None:
        headers.add(len(handles))
        handles.append(Line2D([], [], linestyle="none", label=label))

    header(text["legend.helix" if colour_by == "helix" else "legend.community"])
    for colour, label in colour_entries:
        handles.append(_swatch("o", colour, label))
    header(text["legend.kind"])
    for kind in kinds:
        handles.append(_swatch(KIND_MARKER[kind], "#8a8f98", text[f"kind.{kind}"]))
    legend = fig.legend(
        handles=handles,
        loc="outside right upper",
        frameon=False,
        fontsize=9.5,
        handlelength=1.2,
        handletextpad=0.6,
        labelspacing=0.55,
    )
    for index, entry in enumerate(legend.get_texts()):
        if index in headers:
            entry.set_fontweight("bold")
            entry.set_color(TEXT_COLOUR)
    return legend


def _swatch(marker: str, colour: str, label: str) -> Line2D:
    return Line2D(
        [],
        [],
        linestyle="none",
        marker=marker,
        markersize=11 if marker == "*" else 8,
        markerfacecolor=colour,
        markeredgecolor="white",
        markeredgewidth=0.5,
        label=label,
    )
