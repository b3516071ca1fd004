"""The power/interest grid (Mendelow) with the movement since the previous assessment."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, Rectangle

from techzone_crm.plots.picking import remember_keys
from techzone_crm.plots.placement import LabelRequest, place_labels
from techzone_crm.plots.style import (
    ATTITUDE_COLOUR,
    KIND_MARKER,
    KIND_ORDER,
    LINE_COLOUR,
    MUTED_TEXT_COLOUR,
    NO_ATTITUDE_COLOUR,
    TEXT_COLOUR,
    merged,
    new_figure,
    shorten,
)

#: Scores of 4 and 5 count as high (services.assessment_classes.HIGH_FROM), so the quadrant
#: lines run between 3 and 4; a test checks this against the services.
GRID_SPLIT = 3.5
SCALE = (1, 5)

#: The fixed texts of the grid; pass translated ones as ``labels=``.
LABELS: dict[str, str] = {
    "title": "Power / interest grid",
    "power": "Power",
    "interest": "Interest",
    "key_player": "Key players – manage closely",
    "keep_satisfied": "Keep satisfied",
    "keep_informed": "Keep informed",
    "monitor": "Monitor",
    "legend.attitude": "Attitude",
    "attitude.-2": "−2 Opponent",
    "attitude.-1": "−1 Critical",
    "attitude.0": "0 Neutral",
    "attitude.1": "+1 Sympathetic",
    "attitude.2": "+2 Supporter",
    "attitude.none": "Not assessed",
    "legend.kind": "Kind",
    "kind.person": "Person",
    "kind.organisation": "Organisation",
    "kind.agenda": "Agenda",
    "kind.theme": "Theme",
    "kind.dossier": "Dossier",
    "kind.team_member": "Team member",
    "movement": "Moved since the previous assessment",
    "more": "{count} more stakeholders are plotted without a name.",
    "empty": "No assessed stakeholders.",
}

#: Quadrant backgrounds: the key players stand out, the rest stay quiet.
QUADRANT_COLOUR: dict[str, str] = {
    "key_player": "#fcefe3",
    "keep_satisfied": "#eef3fa",
    "keep_informed": "#eef6f0",
    "monitor": "#f6f6f7",
}

_LIMITS_X = (0.5, 5.5)
_LIMITS_Y = (0.05, 5.95)  # room above 5 and below 1 for the quadrant names
_MARKER_SIZE = 150.0  # points²
_JITTER_RADIUS = 0.36  # data units, the most a point moves away from its spot


@dataclass(frozen=True)
class GridPoint:
    """One stakeholder's latest power and interest (1-5), optionally with the previous
    (power, interest) and their attitude (-2 to +2)."""

    label: str
    power: int
    interest: int
    previous: tuple[int, int] | None = None
    attitude: int | None = None
    kind: str = "person"
    key: str | None = None  # the node key ("person:12"), for picking in the GUI


def power_interest_grid(
    points: Sequence[GridPoint],
    *,
    title: str | None = None,
    subtitle: str = "",
    label_count: int = 25,
    labels: Mapping[str, str] | None = None,
    figsize: tuple[float, float] = (10.5, 7.5),
) -> Figure:
    """The grid with a marker per stakeholder, coloured by attitude, and an arrow from the
    previous assessment where it differs; the ``label_count`` most powerful are named."""
    for point in points:
        _check(point)
    text = merged(LABELS, labels)
    fig = new_figure(*figsize)
    ax = fig.add_subplot()
    fig.suptitle(
        text["title"] if title is None else title,
        fontsize=15,
        fontweight="bold",
        color=TEXT_COLOUR,
        x=0.01,
        ha="left",
    )
    if subtitle:
        ax.set_title(subtitle, loc="left", fontsize=10.5, color=MUTED_TEXT_COLOUR)
    _axes(ax, text)
    if not points:
        ax.text(3, 3, text["empty"], ha="center", va="center", color=MUTED_TEXT_COLOUR)
        return fig
    ordered = sorted(points, key=lambda p: (-p.power, -p.interest, p.label, p.key or ""))
    offsets = _jitter(ordered)
    radius = math.sqrt(_MARKER_SIZE) / 2
    arrows = 0
    for point, (dx, dy) in zip(ordered, offsets, strict=True):
        if point.previous is not None and tuple(point.previous) != (point.power, point.interest):
            start = (point.previous[1] + dx, point.previous[0] + dy)
            end = (point.interest + dx, point.power + dy)
            ax.add_patch(_arrow(start, end, radius))
            ax.plot(*start, marker="o", markersize=4, color=LINE_COLOUR, alpha=0.6, zorder=2)
            arrows += 1
    kinds = _draw_points(ax, ordered, offsets)
    _legend(fig, ordered, kinds, arrows > 0, text)  # before the labels: it changes the layout
    shown = ordered[: max(label_count, 0)]
    requests = [
        LabelRequest(p.interest + dx, p.power + dy, shorten(p.label, 28), radius)
        for p, (dx, dy) in zip(shown, offsets[: len(shown)], strict=True)
    ]
    obstacles = np.array(
        [
            (p.interest + dx, p.power + dy, radius)
            for p, (dx, dy) in zip(ordered, offsets, strict=True)
        ]
    )
    if len(ordered) > len(shown):
        note = ax.text(1.0, -0.09, text["more"].format(count=len(ordered) - len(shown)))
        note.set(transform=ax.transAxes, ha="right", va="top", fontsize=9, color=MUTED_TEXT_COLOUR)
    place_labels(ax, requests, fontsize=8.5, obstacles=obstacles)
    return fig


def _check(point: GridPoint) -> None:
    low, high = SCALE
    scores = [point.power, point.interest, *(point.previous or ())]
    if any(not low <= score <= high for score in scores):
        raise ValueError(f"{point.label}: power and interest run from {low} to {high}")
    if point.attitude is not None and point.attitude not in ATTITUDE_COLOUR:
        raise ValueError(f"{point.label}: attitude runs from -2 to +2")


def _axes(ax: Axes, text: dict[str, str]) -> None:
    ax.set_xlim(*_LIMITS_X)
    ax.set_ylim(*_LIMITS_Y)
    ticks = range(SCALE[0], SCALE[1] + 1)
    ax.set_xticks(list(ticks))
    ax.set_yticks(list(ticks))
    ax.set_xlabel(text["interest"], fontsize=11, color=TEXT_COLOUR)
    ax.set_ylabel(text["power"], fontsize=11, color=TEXT_COLOUR)
    ax.tick_params(colors=MUTED_TEXT_COLOUR, labelsize=9.5, length=0)
    for spine in ax.spines.values():
        spine.set_color("#c9cdd2")
    (x0, x1), (y0, y1), s = _LIMITS_X, _LIMITS_Y, GRID_SPLIT
    corners = {
        # quadrant: (x, y, width, height) of the background; text position and alignment
        "keep_satisfied": ((x0, s, s - x0, y1 - s), (x0 + 0.08, y1 - 0.08, "left", "top")),
        "key_player": ((s, s, x1 - s, y1 - s), (x1 - 0.08, y1 - 0.08, "right", "top")),
        "monitor": ((x0, y0, s - x0, s - y0), (x0 + 0.08, y0 + 0.08, "left", "bottom")),
        "keep_informed": ((s, y0, x1 - s, s - y0), (x1 - 0.08, y0 + 0.08, "right", "bottom")),
    }
    for quadrant, ((x, y, w, h), (tx, ty, ha, va)) in corners.items():
        ax.add_patch(Rectangle((x, y), w, h, facecolor=QUADRANT_COLOUR[quadrant], zorder=0))
        ax.text(
            tx,
            ty,
            text[quadrant],
            ha=ha,
            va=va,
            fontsize=11,
            fontweight="bold",
            color="#8a5a2b" if quadrant == "key_player" else MUTED_TEXT_COLOUR,
            zorder=1,
            gid=f"quadrant-{quadrant}",
        )
    ax.axvline(GRID_SPLIT, color="#9aa0a8", linewidth=1.2, linestyle="--", zorder=1)
    ax.axhline(GRID_SPLIT, color="#9aa0a8", linewidth=1.2, linestyle="--", zorder=1)


def _jitter(points: Sequence[GridPoint]) -> list[tuple[float, float]]:
    """Deterministic offsets that spread points on the same spot on a sunflower spiral."""
    spots: dict[tuple[int, int], list[int]] = defaultdict(list)
    for index, point in enumerate(points):
        spots[(point.power, point.interest)].append(index)
    offsets = [(0.0, 0.0)] * len(points)
    golden = math.pi * (3 - math.sqrt(5))
    for members in spots.values():
        count = len(members)
        if count == 1:
            continue
        step = min(0.14, _JITTER_RADIUS / math.sqrt(count))
        for rank, index in enumerate(members):
            r = step * math.sqrt(rank + 0.7)
            angle = rank * golden + math.pi / 4
            offsets[index] = (r * math.cos(angle), r * math.sin(angle))
    return offsets


def _arrow(start: tuple[float, float], end: tuple[float, float], radius: float) -> FancyArrowPatch:
    return FancyArrowPatch(
        start,
        end,
        arrowstyle="-|>",
        mutation_scale=11,
        color=LINE_COLOUR,
        linewidth=1.1,
        alpha=0.75,
        shrinkA=2,
        shrinkB=radius + 1,
        zorder=2,
        gid="movement",
    )


def _draw_points(
    ax: Axes, points: Sequence[GridPoint], offsets: list[tuple[float, float]]
) -> list[str]:
    """One scatter per kind; returns the kinds drawn."""
    drawn = []
    for kind in KIND_ORDER:
        members = [i for i, p in enumerate(points) if _kind(p) == kind]
        if not members:
            continue
        attitudes = [points[i].attitude for i in members]
        collection = ax.scatter(
            [points[i].interest + offsets[i][0] for i in members],
            [points[i].power + offsets[i][1] for i in members],
            s=_MARKER_SIZE,
            marker=KIND_MARKER[kind],
            c=[NO_ATTITUDE_COLOUR if a is None else ATTITUDE_COLOUR[a] for a in attitudes],
            edgecolors=["#6b7480" if a is None else "white" for a in attitudes],
            linewidths=1.0,
            zorder=3,
            gid=f"points-{kind}",
        )
        remember_keys(collection, [points[i].key for i in members])
        drawn.append(kind)
    return drawn


def _kind(point: GridPoint) -> str:
    return point.kind if point.kind in KIND_MARKER else "person"


def _legend(
    fig: Figure,
    points: Sequence[GridPoint],
    kinds: list[str],
    moved: bool,
    text: dict[str, str],
) -> None:
    handles: list[Any] = [_header(text["legend.attitude"])]
    headers = {0}
    for value, colour in sorted(ATTITUDE_COLOUR.items(), reverse=True):
        handles.append(_swatch("o", colour, "white", text[f"attitude.{value}"]))
    if any(p.attitude is None for p in points):
        handles.append(_swatch("o", NO_ATTITUDE_COLOUR, "#6b7480", text["attitude.none"]))
    if len(kinds) > 1:
        headers.add(len(handles))
        handles.append(_header(text["legend.kind"]))
        for kind in kinds:
            handles.append(_swatch(KIND_MARKER[kind], "#8a8f98", "white", text[f"kind.{kind}"]))
    if moved:
        handles.append(
            Line2D([], [], color=LINE_COLOUR, marker=">", markersize=5, label=text["movement"])
        )
    legend = fig.legend(
        handles=handles,
        loc="outside right upper",
        frameon=False,
        fontsize=9.5,
        handlelength=1.4,
        labelspacing=0.6,
    )
    for index, entry in enumerate(legend.get_texts()):
        if index in headers:
            entry.set_fontweight("bold")


def _header(label: str) -> Line2D:
    return Line2D([], [], linestyle="none", label=label)


def _swatch(marker: str, face: str, edge: str, label: str) -> Line2D:
    return Line2D(
        [],
        [],
        linestyle="none",
        marker=marker,
        markersize=9,
        markerfacecolor=face,
        markeredgecolor=edge,
        label=label,
    )
