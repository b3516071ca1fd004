"""The salience diagram (Mitchell, Agle & Wood 1997): three overlapping attributes, seven
classes, and who falls in each."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyBboxPatch

from techzone_crm.plots.style import (
    MUTED_TEXT_COLOUR,
    TEXT_COLOUR,
    halo,
    merged,
    new_figure,
    shorten,
)

#: The salience classes by the attributes they have (power, legitimacy, urgency); the keys are
#: the values of services.assessment_classes.SalienceClass (a test checks they agree).
CLASS_ATTRIBUTES: dict[str, tuple[bool, bool, bool]] = {
    "definitive": (True, True, True),
    "dominant": (True, True, False),
    "dangerous": (True, False, True),
    "dependent": (False, True, True),
    "dormant": (True, False, False),
    "discretionary": (False, True, False),
    "demanding": (False, False, True),
    "non_stakeholder": (False, False, False),
}

#: The fixed texts of the diagram; pass translated ones as ``labels=``.
LABELS: dict[str, str] = {
    "title": "Stakeholder salience",
    "power": "Power",
    "legitimacy": "Legitimacy",
    "urgency": "Urgency",
    "power.help": "can impose its will",
    "legitimacy.help": "has a legitimate claim",
    "urgency.help": "needs attention now",
    "definitive": "Definitive",
    "dominant": "Dominant",
    "dangerous": "Dangerous",
    "dependent": "Dependent",
    "dormant": "Dormant",
    "discretionary": "Discretionary",
    "demanding": "Demanding",
    "non_stakeholder": "Non-stakeholder",
    "more": "+ {count} more",
    "source": "After Mitchell, Agle & Wood (1997).",
}

ATTRIBUTE_COLOUR: dict[str, str] = {
    "power": "#4e79a7",
    "legitimacy": "#59a14f",
    "urgency": "#e15759",
}

_RADIUS = 1.5
_CENTRE_DISTANCE = 0.86  # from the middle of the diagram to each circle's centre
# The direction of each circle's centre from the middle, in degrees.
_ANGLE = {"power": 150.0, "legitimacy": 30.0, "urgency": 270.0}
# How far from the middle each kind of region's text sits.
_SINGLE_DISTANCE = 1.68
_PAIR_DISTANCE = 1.16
_TRIPLE_POINT = (0.0, 0.04)
#: The longest name shown in a region with one, two or three attributes.
_NAME_LIMIT = {1: 24, 2: 18, 3: 18}
_LIMITS_X = (-3.45, 3.45)
_LIMITS_Y = (-2.95, 2.15)


def salience_diagram(
    counts: Mapping[str, Sequence[str]],
    *,
    title: str | None = None,
    subtitle: str = "",
    max_names: int = 3,
    labels: Mapping[str, str] | None = None,
    figsize: tuple[float, float] = (10.0, 7.4),
) -> Figure:
    """The three circles with each class named in its region, the number of stakeholders in
    it and the first ``max_names`` of their names; ``counts`` maps a class to the names."""
    unknown = set(counts) - set(CLASS_ATTRIBUTES)
    if unknown:
        raise ValueError(f"unknown salience classes: {', '.join(sorted(unknown))}")
    text = merged(LABELS, labels)
    fig = new_figure(*figsize)
    ax = fig.add_subplot()
    ax.set_axis_off()
    ax.set_aspect("equal")
    ax.set_xlim(*_LIMITS_X)
    ax.set_ylim(*_LIMITS_Y)
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
    _circles(ax, text)
    for salience, attributes in CLASS_ATTRIBUTES.items():
        names = list(counts.get(salience, ()))
        if salience == "non_stakeholder":
            _outside(ax, text[salience], names, max_names, text)
            continue
        x, y = _region_point(attributes)
        _region(ax, x, y, salience, text[salience], names, max_names, text)
    source = ax.text(_LIMITS_X[1], _LIMITS_Y[0], text["source"], ha="right", va="bottom")
    source.set(fontsize=8.5, color=MUTED_TEXT_COLOUR, fontstyle="italic")
    return fig


def _unit(angle: float) -> tuple[float, float]:
    return math.cos(math.radians(angle)), math.sin(math.radians(angle))


def _circles(ax: Axes, text: dict[str, str]) -> None:
    for attribute, angle in _ANGLE.items():
        ux, uy = _unit(angle)
        centre = (ux * _CENTRE_DISTANCE, uy * _CENTRE_DISTANCE)
        colour = ATTRIBUTE_COLOUR[attribute]
        ax.add_patch(Circle(centre, _RADIUS, facecolor=colour, alpha=0.13, linewidth=0))
        ax.add_patch(Circle(centre, _RADIUS, fill=False, edgecolor=colour, linewidth=2.0))
        # The attribute's name just outside its circle, on the side away from the others.
        reach = _CENTRE_DISTANCE + _RADIUS + 0.12
        x, y = ux * reach, uy * reach
        ha = "center" if abs(ux) < 0.1 else ("left" if ux > 0 else "right")
        va = "top" if uy < -0.5 else "bottom"
        name = ax.text(x, y, text[attribute], ha=ha, va=va, gid=f"attr-{attribute}")
        name.set(fontsize=12, color=colour, fontweight="bold")
        if va == "bottom":  # above the diagram: move the name up to make room for its help
            name.set_y(y + 0.2)
        explanation = ax.annotate(
            text[attribute + ".help"],
            xy=({"left": 0.0, "right": 1.0, "center": 0.5}[ha], 0.0),
            xycoords=name,
            xytext=(0, -3),
            textcoords="offset points",
            ha=ha,
            va="top",
        )
        explanation.set(fontsize=9.5, color=colour, fontstyle="italic")


def _region_point(attributes: tuple[bool, bool, bool]) -> tuple[float, float]:
    """The middle of the region of the circles with these attributes."""
    chosen = [name for name, has in zip(_ANGLE, attributes, strict=True) if has]
    if len(chosen) == 3:
        return _TRIPLE_POINT
    if len(chosen) == 1:
        ux, uy = _unit(_ANGLE[chosen[0]])
        return ux * _SINGLE_DISTANCE, uy * _SINGLE_DISTANCE
    (other,) = set(_ANGLE) - set(chosen)
    ux, uy = _unit(_ANGLE[other] + 180.0)
    return ux * _PAIR_DISTANCE, uy * _PAIR_DISTANCE


def _names(names: list[str], max_names: int, limit: int, text: dict[str, str]) -> str:
    shown = [shorten(name, limit) for name in names[: max(max_names, 0)]]
    if len(names) > len(shown):
        shown.append(text["more"].format(count=len(names) - len(shown)))
    return "\n".join(shown)


def _region(
    ax: Axes,
    x: float,
    y: float,
    salience: str,
    name: str,
    names: list[str],
    max_names: int,
    text: dict[str, str],
) -> None:
    limit = _NAME_LIMIT[sum(CLASS_ATTRIBUTES[salience])]
    listed = _names(names, max_names, limit, text)
    # Class name above the count; the names below, so the block is centred on the count.
    title = ax.text(x, y + 0.2, name, ha="center", va="bottom", gid=f"class-{salience}")
    title.set(fontsize=11, fontweight="bold", color=TEXT_COLOUR, path_effects=halo(2.5))
    count = ax.text(x, y + 0.02, str(len(names)), ha="center", va="center")
    count.set(
        fontsize=16,
        fontweight="bold",
        color=TEXT_COLOUR if names else MUTED_TEXT_COLOUR,
        gid=f"count-{salience}",
    )
    if listed:
        members = ax.text(x, y - 0.2, listed, ha="center", va="top", linespacing=1.25)
        members.set(fontsize=8.5, color=MUTED_TEXT_COLOUR, path_effects=halo(2.0))
        members.set_gid(f"names-{salience}")


def _outside(ax: Axes, name: str, names: list[str], max_names: int, text: dict[str, str]) -> None:
    """Non-stakeholders sit outside every circle, in a box in the lower left corner."""
    x, y = _LIMITS_X[0] + 0.05, _LIMITS_Y[0] + 0.08
    box = FancyBboxPatch(
        (x, y),
        1.6,
        1.0,
        boxstyle="round,pad=0.02,rounding_size=0.08",
        facecolor="#f4f5f7",
        edgecolor="#c9cdd2",
        linewidth=1.0,
    )
    ax.add_patch(box)
    title = ax.text(x + 0.1, y + 0.9, name, ha="left", va="top", gid="class-non_stakeholder")
    title.set(fontsize=10.5, fontweight="bold", color=TEXT_COLOUR)
    count = ax.text(x + 1.5, y + 0.9, str(len(names)), ha="right", va="top")
    count.set(fontsize=12, fontweight="bold", color=TEXT_COLOUR, gid="count-non_stakeholder")
    listed = _names(names, min(max_names, 2), 24, text)
    if listed:
        members = ax.text(x + 0.1, y + 0.6, listed, ha="left", va="top", linespacing=1.25)
        members.set(fontsize=8.5, color=MUTED_TEXT_COLOUR, gid="names-non_stakeholder")
