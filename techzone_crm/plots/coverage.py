"""Agenda × helix coverage: per agenda and helix how many stakeholders we reach, gaps marked."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from matplotlib import colormaps
from matplotlib.axes import Axes
from matplotlib.colors import ListedColormap, Normalize
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle

from techzone_crm.plots.style import (
    MUTED_TEXT_COLOUR,
    TEXT_COLOUR,
    merged,
    new_figure,
    wrap,
)

#: The fixed texts of the heat map; pass translated ones as ``labels=``.
LABELS: dict[str, str] = {
    "title": "Agenda coverage by helix",
    "colourbar": "Linked stakeholders with a warm tie",
    "total": "Total",
    "gap": "gap",
    "legend.gap": "Gap: nobody in this helix we reach on this agenda",
    "empty": "No agendas to show.",
}

#: Light enough at the low end that 1 still reads as "something", dark at the top.
COLOUR_MAP = ListedColormap(colormaps["Blues"](np.linspace(0.18, 0.92, 256)), name="coverage")
GAP_FACE = "#fbeaea"
GAP_EDGE = "#c0392b"


def coverage_heatmap(
    rows: Sequence[str],
    columns: Sequence[str],
    values: Sequence[Sequence[float]],
    *,
    totals: Sequence[float] | None = None,
    title: str | None = None,
    subtitle: str = "",
    labels: Mapping[str, str] | None = None,
    figsize: tuple[float, float] | None = None,
) -> Figure:
    """A heat map with a row per agenda and a column per helix; ``values[row][column]``.

    Zero cells are gaps (hatched, marked "gap"); ``totals`` adds a column per agenda (e.g. all
    linked stakeholders, warm tie or not)."""
    grid = np.asarray(values, dtype=float).reshape(len(rows), len(columns))
    if totals is not None and len(totals) != len(rows):
        raise ValueError("there must be one total per row")
    text = merged(LABELS, labels)
    height = 1.9 + 0.46 * max(len(rows), 3)
    fig = new_figure(*(figsize or (10.0, height)))
    fig.suptitle(
        text["title"] if title is None else title,
        fontsize=15,
        fontweight="bold",
        color=TEXT_COLOUR,
        x=0.01,
        ha="left",
    )
    if not rows or not columns:
        ax = fig.add_subplot()
        ax.set_axis_off()
        ax.text(0.5, 0.5, text["empty"], ha="center", va="center", color=MUTED_TEXT_COLOUR)
        return fig
    if totals is None:
        ax = fig.add_subplot()
        total_ax = None
    else:
        ax, total_ax = fig.subplots(
            1, 2, sharey=True, gridspec_kw={"width_ratios": [len(columns), 0.9]}
        )
    if subtitle:
        ax.set_title(subtitle, loc="left", fontsize=10.5, color=MUTED_TEXT_COLOUR, pad=34)
    norm = Normalize(vmin=0.0, vmax=max(float(np.nanmax(grid)), 1.0))
    masked = np.ma.masked_where(~(grid > 0), grid)
    mesh = ax.pcolormesh(
        masked, cmap=COLOUR_MAP, norm=norm, edgecolors="white", linewidth=2.0, snap=True
    )
    _cells(ax, grid, norm, text)
    _axes(ax, rows, columns)
    if total_ax is not None and totals is not None:
        _totals(total_ax, totals, text)
    colourbar = fig.colorbar(mesh, ax=[a for a in (ax, total_ax) if a is not None], pad=0.02)
    colourbar.set_label(text["colourbar"], fontsize=9.5, color=TEXT_COLOUR)
    colourbar.outline.set_visible(False)
    colourbar.ax.tick_params(labelsize=8.5, colors=MUTED_TEXT_COLOUR, length=0)
    if _integral(grid):
        colourbar.ax.yaxis.get_major_locator().set_params(integer=True)  # type: ignore[call-arg]
    if not (grid > 0).all():
        fig.legend(
            handles=[_gap_patch(text["legend.gap"])],
            loc="outside lower left",
            frameon=False,
            fontsize=9,
        )
    return fig


def _integral(grid: np.ndarray) -> bool:
    finite = grid[np.isfinite(grid)]
    return bool(np.all(finite == np.round(finite)))


def _number(value: float, integral: bool) -> str:
    return f"{value:.0f}" if integral else f"{value:.1f}"


def _cells(ax: Axes, grid: np.ndarray, norm: Normalize, text: dict[str, str]) -> None:
    integral = _integral(grid)
    for (row, column), value in np.ndenumerate(grid):
        if not value > 0:
            ax.add_patch(_gap_patch("", (column + 0.04, row + 0.04)))
            ax.text(
                column + 0.5,
                row + 0.5,
                text["gap"],
                ha="center",
                va="center",
                fontsize=9,
                fontstyle="italic",
                color=GAP_EDGE,
                gid="gap",
            )
            continue
        dark = float(norm(value)) > 0.55
        ax.text(
            column + 0.5,
            row + 0.5,
            _number(float(value), integral),
            ha="center",
            va="center",
            fontsize=11,
            fontweight="bold",
            color="white" if dark else TEXT_COLOUR,
            gid="value",
        )


def _gap_patch(label: str, at: tuple[float, float] | None = None) -> Patch:
    style = {
        "facecolor": GAP_FACE,
        "edgecolor": GAP_EDGE,
        "hatch": "////",
        "linewidth": 0.0,
        "label": label,
    }
    if at is None:
        return Patch(**style)  # type: ignore[arg-type]
    return Rectangle(at, 0.92, 0.92, alpha=0.55, zorder=0.5, **style)  # type: ignore[arg-type]


def _axes(ax: Axes, rows: Sequence[str], columns: Sequence[str]) -> None:
    ax.set_xlim(0, len(columns))
    ax.set_ylim(len(rows), 0)  # the first agenda at the top
    ax.set_xticks(np.arange(len(columns)) + 0.5)
    ax.set_xticklabels([wrap(c, 16) for c in columns], fontsize=10, color=TEXT_COLOUR)
    ax.set_yticks(np.arange(len(rows)) + 0.5)
    ax.set_yticklabels([wrap(r, 40) for r in rows], fontsize=9.5, color=TEXT_COLOUR)
    ax.xaxis.tick_top()
    ax.tick_params(length=0, pad=6)
    for spine in ax.spines.values():
        spine.set_visible(False)


def _totals(ax: Axes, totals: Sequence[float], text: dict[str, str]) -> None:
    integral = all(float(t) == round(float(t)) for t in totals)
    ax.set_xlim(0, 1)
    ax.set_xticks([0.5])
    ax.set_xticklabels([text["total"]], fontsize=10, color=TEXT_COLOUR)
    ax.xaxis.tick_top()
    ax.tick_params(length=0, pad=6, labelleft=False)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_facecolor("#f4f5f7")
    for row, total in enumerate(totals):
        ax.text(
            0.5,
            row + 0.5,
            _number(float(total), integral),
            ha="center",
            va="center",
            fontsize=10.5,
            color=MUTED_TEXT_COLOUR,
            gid="total",
        )
