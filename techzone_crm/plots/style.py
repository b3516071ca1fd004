"""Colours, markers and text helpers shared by every plot, so they match the app's lists."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

from matplotlib import patheffects
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine

#: Helix colours, the same as the swatches in the app's lists.
HELIX_COLOUR: dict[str, str] = {
    "government": "#3b73b9",
    "business": "#d9822b",
    "education": "#3f9b5a",
    "civil_society": "#8e5ba8",
}
#: Nodes without a helix (agendas, themes, dossiers, people without an organisation).
UNKNOWN_COLOUR = "#a3a8b0"
#: Team members stand out from every helix.
TEAM_COLOUR = "#1f2a36"

#: Attitude or position from -2 (opponent) to +2 (supporter), red to green.
ATTITUDE_COLOUR: dict[int, str] = {
    -2: "#c0392b",
    -1: "#e67e22",
    0: "#8a8f98",
    1: "#7cb342",
    2: "#2e7d32",
}
#: Stakeholders without an assessed attitude: hollow.
NO_ATTITUDE_COLOUR = "#ffffff"

#: Marker shape by node kind.
KIND_MARKER: dict[str, str] = {
    "person": "o",
    "organisation": "s",
    "agenda": "^",
    "theme": "v",
    "dossier": "D",
    "team_member": "*",
}
KIND_ORDER: tuple[str, ...] = tuple(KIND_MARKER)

#: A qualitative palette for communities (Tableau 10 with indigo for its grey, so no community
#: looks like the grey of the smaller ones); smaller communities share SMALL_COMMUNITY_COLOUR.
COMMUNITY_PALETTE: tuple[str, ...] = (
    "#4e79a7",
    "#f28e2b",
    "#e15759",
    "#76b7b2",
    "#59a14f",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#4b4b8f",
)
SMALL_COMMUNITY_COLOUR = "#d5d8dc"

TEXT_COLOUR = "#1f2328"
MUTED_TEXT_COLOUR = "#5f6670"
LINE_COLOUR = "#6b7480"


def new_figure(width: float, height: float) -> Figure:
    """A white figure with constrained layout, not attached to pyplot."""
    layout = ConstrainedLayoutEngine(w_pad=0.08, h_pad=0.08)
    return Figure(figsize=(width, height), layout=layout, facecolor="white")


def halo(width: float = 3.0) -> list[patheffects.AbstractPathEffect]:
    """A white outline that keeps text readable on top of lines and markers."""
    return [patheffects.withStroke(linewidth=width, foreground="white", alpha=0.9)]


def shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def wrap(text: str, width: int, lines: int = 2) -> str:
    """``text`` wrapped at ``width`` characters on at most ``lines`` lines, the rest cut off."""
    parts = textwrap.wrap(" ".join(text.split()), width) or [""]
    if len(parts) > lines:
        parts = [*parts[: lines - 1], shorten(" ".join(parts[lines - 1 :]), width)]
    return "\n".join(parts)


def merged(defaults: Mapping[str, str], labels: Mapping[str, str] | None) -> dict[str, str]:
    """The fixed texts of a plot with the caller's (translated) ones over them."""
    unknown = set(labels or {}) - set(defaults)
    if unknown:
        raise KeyError(f"unknown label keys: {', '.join(sorted(unknown))}")
    return {**defaults, **(labels or {})}
