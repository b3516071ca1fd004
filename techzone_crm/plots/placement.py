"""Greedy label placement: each label goes to the spot around its point, as near as it can,
that overlaps no label already placed and as few markers as possible."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.text import Annotation
from matplotlib.transforms import Bbox

from techzone_crm.plots.style import TEXT_COLOUR, halo

# (direction x, direction y, horizontal alignment, vertical alignment), preferred first.
_DIRECTIONS: tuple[tuple[float, float, str, str], ...] = (
    (1, 0, "left", "center"),
    (-1, 0, "right", "center"),
    (0, 1, "center", "bottom"),
    (0, -1, "center", "top"),
    (0.75, 0.75, "left", "bottom"),
    (-0.75, 0.75, "right", "bottom"),
    (0.75, -0.75, "left", "top"),
    (-0.75, -0.75, "right", "top"),
    (0.9, 0.45, "left", "bottom"),
    (-0.9, 0.45, "right", "bottom"),
    (0.9, -0.45, "left", "top"),
    (-0.9, -0.45, "right", "top"),
)
_DISTANCES = (1.0, 1.8, 2.8, 4.0, 5.5, 7.5)  # multiples of (marker radius + gap)
#: Penalties per square pixel: overlapping another label is all but forbidden, covering a
#: marker is tolerated, and each step further from the point costs as much as some overlap.
_LABEL_OVERLAP = 400.0
_MARKER_OVERLAP = 1.0
_OUTSIDE = 40.0
_PER_DISTANCE = 250.0
_GAP_POINTS = 2.5
_LEADER_COLOUR = "#8a8f98"


@dataclass(frozen=True)
class LabelRequest:
    """A label for the point at (x, y) in data coordinates, whose marker has this radius."""

    x: float
    y: float
    text: str
    radius: float  # points


def place_labels(
    ax: Axes,
    requests: Sequence[LabelRequest],
    *,
    fontsize: float,
    obstacles: np.ndarray | None = None,
    weight: str = "normal",
    colour: str = TEXT_COLOUR,
) -> list[Annotation]:
    """Add the labels to ``ax`` in the order given (most important first).

    ``obstacles`` are (x, y, radius in points) rows of markers the labels should avoid. The
    figure's layout must be final for the placement to hold, so this draws the figure once
    without rendering first.
    """
    fig = ax.get_figure()
    if fig is None or not requests:
        return []
    fig.draw_without_rendering()  # type: ignore[union-attr]
    px_per_pt = fig.dpi / 72.0
    to_display = ax.transData.transform
    axes_box = ax.get_window_extent()
    obstacle_boxes = _marker_boxes(ax, obstacles, px_per_pt)
    placed: list[tuple[float, float, float, float]] = []
    annotations: list[Annotation] = []
    for request in requests:
        style: dict[str, Any] = {
            "fontsize": fontsize,
            "fontweight": weight,
            "color": colour,
            "zorder": 6,
            "path_effects": halo(),
            "annotation_clip": False,
        }
        probe = ax.annotate(request.text, xy=(request.x, request.y), **style)
        extent = probe.get_window_extent()
        probe.remove()
        width, height = extent.width + 2, extent.height + 1
        ax_px, ay_px = to_display((request.x, request.y))
        best: tuple[float, float, float, float, str, str] | None = None
        reach = (request.radius + _GAP_POINTS) * px_per_pt
        clear = False
        for distance in _DISTANCES:
            for dx, dy, ha, va in _DIRECTIONS:
                ox, oy = dx * reach * distance, dy * reach * distance
                box = _box(ax_px + ox, ay_px + oy, width, height, ha, va)
                overlap = _overlap(box, placed) * _LABEL_OVERLAP
                overlap += _overlap_array(box, obstacle_boxes) * _MARKER_OVERLAP
                overlap += _outside(box, axes_box) * _OUTSIDE
                score = overlap + (distance - 1.0) * _PER_DISTANCE
                if best is None or score < best[0]:
                    best = (score, distance, ox, oy, ha, va)
                    clear = overlap == 0
            if clear:  # further away can only be worse
                break
        assert best is not None
        _, distance, ox, oy, ha, va = best
        if distance > 1.0:  # a label away from its point gets a leader line
            style["arrowprops"] = {
                "arrowstyle": "-",
                "color": _LEADER_COLOUR,
                "linewidth": 0.6,
                "shrinkA": 0,
                "shrinkB": request.radius,
            }
        annotation = ax.annotate(
            request.text,
            xy=(request.x, request.y),
            xytext=(ox / px_per_pt, oy / px_per_pt),
            textcoords="offset points",
            ha=ha,
            va=va,
            **style,
        )
        annotation.set_in_layout(False)
        placed.append(_box(ax_px + ox, ay_px + oy, width, height, ha, va))
        annotations.append(annotation)
    return annotations


def _box(
    x: float, y: float, width: float, height: float, ha: str, va: str
) -> tuple[float, float, float, float]:
    x0 = {"left": x, "right": x - width, "center": x - width / 2}[ha]
    y0 = {"bottom": y, "top": y - height, "center": y - height / 2}[va]
    return (x0, y0, x0 + width, y0 + height)


def _overlap(
    box: tuple[float, float, float, float], others: list[tuple[float, float, float, float]]
) -> float:
    if not others:
        return 0.0
    return _overlap_array(box, np.asarray(others))


def _overlap_array(box: tuple[float, float, float, float], others: np.ndarray) -> float:
    if others.size == 0:
        return 0.0
    w = np.clip(np.minimum(box[2], others[:, 2]) - np.maximum(box[0], others[:, 0]), 0, None)
    h = np.clip(np.minimum(box[3], others[:, 3]) - np.maximum(box[1], others[:, 1]), 0, None)
    return float((w * h).sum())


def _outside(box: tuple[float, float, float, float], axes_box: Bbox) -> float:
    x0, y0, x1, y1 = (float(v) for v in (axes_box.x0, axes_box.y0, axes_box.x1, axes_box.y1))
    inside_w = max(0.0, min(box[2], x1) - max(box[0], x0))
    inside_h = max(0.0, min(box[3], y1) - max(box[1], y0))
    return (box[2] - box[0]) * (box[3] - box[1]) - inside_w * inside_h


def _marker_boxes(ax: Axes, obstacles: np.ndarray | None, px_per_pt: float) -> np.ndarray:
    if obstacles is None or len(obstacles) == 0:
        return np.empty((0, 4))
    centres = ax.transData.transform(obstacles[:, :2])
    radius = obstacles[:, 2] * px_per_pt
    return np.column_stack(
        (
            centres[:, 0] - radius,
            centres[:, 1] - radius,
            centres[:, 0] + radius,
            centres[:, 1] + radius,
        )
    )
