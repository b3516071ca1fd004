"""The power/interest grid: quadrants as the app derives them, arrows, jitter, labels."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.collections import PathCollection
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch
from matplotlib.text import Annotation

from techzone_crm.plots import GridPoint, picked_key, power_interest_grid
from techzone_crm.plots.grid import GRID_SPLIT
from techzone_crm.plots.style import ATTITUDE_COLOUR, NO_ATTITUDE_COLOUR
from techzone_crm.services import assessment_classes
from techzone_crm.services.assessment_classes import GridQuadrant, grid_quadrant

from .generated import legend_texts, texts


def points_of(fig: Figure) -> dict[str, tuple[float, float, str]]:
    """Key → (interest, power, face colour) of every plotted marker."""
    found = {}
    for collection in fig.axes[0].collections:
        if not isinstance(collection, PathCollection):
            continue
        for index, ((x, y), colour) in enumerate(
            zip(collection.get_offsets(), collection.get_facecolors(), strict=True)
        ):
            key = picked_key(collection, index)
            assert key is not None
            found[key] = (float(x), float(y), to_hex(colour))
    return found


def arrows_of(fig: Figure) -> list[FancyArrowPatch]:
    return [p for p in fig.axes[0].patches if p.get_gid() == "movement"]


def names_of(fig: Figure) -> list[str]:
    return [a.get_text() for a in fig.axes[0].texts if isinstance(a, Annotation)]


def point(label: str, power: int, interest: int, **kwargs: object) -> GridPoint:
    return GridPoint(label, power, interest, key=label, **kwargs)  # type: ignore[arg-type]


def test_quadrant_lines_match_how_the_app_derives_the_quadrant() -> None:
    assert GRID_SPLIT == assessment_classes.GRID_SPLIT
    fig = power_interest_grid([point("A", 4, 4)])

    ax = fig.axes[0]
    lines = [line.get_xdata()[0] for line in ax.lines if line.get_linestyle() == "--"]
    lines += [line.get_ydata()[0] for line in ax.lines if line.get_linestyle() == "--"]
    assert GRID_SPLIT in lines
    for power in range(1, 6):
        for interest in range(1, 6):
            high_power, high_interest = power > GRID_SPLIT, interest > GRID_SPLIT
            expected = {
                (True, True): GridQuadrant.KEY_PLAYER,
                (True, False): GridQuadrant.KEEP_SATISFIED,
                (False, True): GridQuadrant.KEEP_INFORMED,
                (False, False): GridQuadrant.MONITOR,
            }[(high_power, high_interest)]
            assert grid_quadrant(power, interest) == expected


def test_quadrants_are_named() -> None:
    shown = texts(power_interest_grid([point("A", 2, 2)]))

    for name in ("Key players – manage closely", "Keep satisfied", "Keep informed", "Monitor"):
        assert name in shown
    assert "Power" in shown and "Interest" in shown


def test_each_quadrant_name_sits_in_its_quadrant() -> None:
    fig = power_interest_grid([point("A", 2, 2)])

    for text in fig.axes[0].texts:
        gid = text.get_gid() or ""
        if not gid.startswith("quadrant-"):
            continue
        interest, power = text.get_position()
        assert grid_quadrant(round(power), round(interest)) == gid.removeprefix("quadrant-")


def test_quadrant_names_can_be_translated() -> None:
    fig = power_interest_grid([point("A", 2, 2)], labels={"monitor": "Monitoren"})

    assert "Monitoren" in texts(fig)


def test_points_are_coloured_by_attitude() -> None:
    fig = power_interest_grid(
        [point("Against", 5, 1, attitude=-2), point("For", 1, 5, attitude=2), point("?", 3, 3)]
    )

    drawn = points_of(fig)
    assert drawn["Against"] == (1.0, 5.0, ATTITUDE_COLOUR[-2])
    assert drawn["For"] == (5.0, 1.0, ATTITUDE_COLOUR[2])
    assert drawn["?"][2] == NO_ATTITUDE_COLOUR


def test_an_arrow_per_stakeholder_that_moved() -> None:
    fig = power_interest_grid(
        [
            point("Moved", 5, 4, previous=(3, 2)),
            point("Moved too", 2, 2, previous=(2, 4)),
            point("Stayed", 4, 4, previous=(4, 4)),
            point("New", 1, 1),
        ]
    )

    arrows = arrows_of(fig)
    assert len(arrows) == 2
    assert "Moved since the previous assessment" in legend_texts(fig)


def test_points_on_the_same_spot_are_spread_the_same_way_every_time() -> None:
    same = [point(f"P{i}", 4, 5, attitude=1) for i in range(6)]

    first = points_of(power_interest_grid(same))
    second = points_of(power_interest_grid(list(reversed(same))))

    assert first == second
    spots = {(x, y) for x, y, _ in first.values()}
    assert len(spots) == 6
    for x, y, _ in first.values():
        assert abs(x - 5) < 0.4 and abs(y - 4) < 0.4


def test_the_most_powerful_are_labelled() -> None:
    many = [point(f"S{i:02d}", 1 + i % 5, 1 + (i // 5) % 5) for i in range(40)]

    fig = power_interest_grid(many, label_count=25)

    labelled = names_of(fig)
    assert len(labelled) == 25
    powers = sorted((p.power for p in many), reverse=True)
    assert min(p.power for p in many if p.label in labelled) >= powers[24]
    assert "15 more stakeholders are plotted without a name." in texts(fig)


def test_legend_explains_the_attitude_colours() -> None:
    entries = legend_texts(power_interest_grid([point("A", 2, 2, attitude=0), point("B", 3, 3)]))

    assert entries[:6] == [
        "Attitude",
        "+2 Supporter",
        "+1 Sympathetic",
        "0 Neutral",
        "−1 Critical",
        "−2 Opponent",
    ]
    assert "Not assessed" in entries


def test_kinds_get_their_own_markers_and_legend() -> None:
    fig = power_interest_grid(
        [point("Anna", 4, 4), GridPoint("Gasunie", 5, 2, kind="organisation", key="o")]
    )

    gids = {c.get_gid() for c in fig.axes[0].collections}
    assert {"points-person", "points-organisation"} <= gids
    assert {"Kind", "Person", "Organisation"} <= set(legend_texts(fig))


def test_scores_outside_the_scale_are_refused() -> None:
    with pytest.raises(ValueError, match="1 to 5"):
        power_interest_grid([point("A", 6, 2)])
    with pytest.raises(ValueError, match="1 to 5"):
        power_interest_grid([point("A", 2, 2, previous=(0, 2))])
    with pytest.raises(ValueError, match="attitude"):
        power_interest_grid([point("A", 2, 2, attitude=3)])


def test_no_points_says_so() -> None:
    assert "No assessed stakeholders." in texts(power_interest_grid([]))


def test_markers_stay_inside_the_axes() -> None:
    corner = [point(f"C{i}", 5, 5) for i in range(12)] + [point(f"L{i}", 1, 1) for i in range(12)]

    fig = power_interest_grid(corner)

    ax = fig.axes[0]
    xs, ys = np.array([(x, y) for x, y, _ in points_of(fig).values()]).T
    assert ax.get_xlim()[0] < xs.min() and xs.max() < ax.get_xlim()[1]
    assert ax.get_ylim()[0] < ys.min() and ys.max() < ax.get_ylim()[1]
