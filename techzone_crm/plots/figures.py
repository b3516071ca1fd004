"""The figures of one environment analysis, the same for the GUI and the command line."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from matplotlib.figure import Figure

from techzone_crm.analysis.pipeline import (
    EnvironmentAnalysis,
    GridEntry,
    MapView,
    salience_counts,
)
from techzone_crm.plots.coverage import coverage_heatmap
from techzone_crm.plots.grid import GridPoint, power_interest_grid
from techzone_crm.plots.network_map import LABELS as MAP_LABELS
from techzone_crm.plots.network_map import ColourBy, network_map
from techzone_crm.plots.salience import salience_diagram
from techzone_crm.plots.style import HELIX_COLOUR

__all__ = [
    "HELICES",
    "coverage_figure",
    "coverage_values",
    "grid_figure",
    "network_figure",
    "salience_figure",
    "subtitle_of",
]

#: The helix columns of the coverage heat map, in the order of the map's legend.
HELICES: tuple[str, ...] = tuple(HELIX_COLOUR)

#: The title of the network map; pass a translated one as ``title=``.
MAP_TITLE = "Environment analysis"


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def subtitle_of(analysis: EnvironmentAnalysis, day: str | None = None) -> str:
    """ "Whole network · 1 March 2024": the filter and the day of the analysis."""
    return f"{analysis.graph.graph.get('filter', '')} · {day or _day(analysis.today)}"


def network_figure(
    analysis: EnvironmentAnalysis,
    colour_by: ColourBy = "helix",
    label_count: int = 15,
    figsize: tuple[float, float] | None = None,
    *,
    title: str | None = None,
    subtitle: str | None = None,
    labels: Mapping[str, str] | None = None,
    view: MapView | None = None,
) -> Figure:
    """The network map (of ``view`` if given, else of the whole analysis): colour by helix or
    community, size by PageRank."""
    rows = analysis.metrics.rows
    return network_map(
        analysis.graph if view is None else view.graph,
        analysis.positions if view is None else view.positions,
        colour_by=colour_by,
        communities={key: row.community for key, row in rows.items()},
        influence={key: row.pagerank for key, row in rows.items()},
        title=MAP_TITLE if title is None else title,
        subtitle=subtitle_of(analysis) if subtitle is None else subtitle,
        label_count=label_count,
        labels=labels,
        figsize=figsize or (12.0, 8.5),
    )


def grid_points(entries: Sequence[GridEntry]) -> list[GridPoint]:
    """The grid's points for these entries."""
    return [
        GridPoint(
            label=e.label,
            power=e.power,
            interest=e.interest,
            previous=e.previous,
            attitude=e.attitude,
            kind=e.kind,
            key=e.key,
        )
        for e in entries
    ]


def grid_figure(
    entries: Sequence[GridEntry],
    subtitle: str = "",
    *,
    title: str | None = None,
    labels: Mapping[str, str] | None = None,
    figsize: tuple[float, float] | None = None,
) -> Figure:
    """The power/interest grid of the assessed stakeholders, with their movement."""
    return power_interest_grid(
        grid_points(entries),
        title=title,
        subtitle=subtitle,
        labels=labels,
        figsize=figsize or (10.5, 7.5),
    )


def coverage_values(
    analysis: EnvironmentAnalysis,
) -> tuple[list[str], list[list[int]], list[int]]:
    """Per agenda or own theme: its label, per helix the decision-makers and influencers with
    a warm tie to the team, and how many are linked in all."""
    helix = analysis.graph.nodes
    rows, values, totals = [], [], []
    for cov in analysis.coverage:
        rows.append(cov.label)
        warm = [str(helix[s].get("helix", "")) for s in cov.warm if s in helix]
        values.append([warm.count(h) for h in HELICES])
        totals.append(len(cov.linked))
    return rows, values, totals


def coverage_figure(
    analysis: EnvironmentAnalysis,
    *,
    title: str | None = None,
    subtitle: str | None = None,
    columns: Sequence[str] | None = None,
    labels: Mapping[str, str] | None = None,
    figsize: tuple[float, float] | None = None,
) -> Figure:
    """The agenda × helix heat map; ``columns`` are the helix names (default English)."""
    rows, values, totals = coverage_values(analysis)
    names = list(columns or [MAP_LABELS[f"helix.{h}"] for h in HELICES])
    return coverage_heatmap(
        rows,
        names,
        values,
        totals=totals,
        title=title,
        subtitle=subtitle_of(analysis) if subtitle is None else subtitle,
        labels=labels,
        figsize=figsize,
    )


def salience_figure(
    analysis: EnvironmentAnalysis,
    *,
    title: str | None = None,
    subtitle: str | None = None,
    labels: Mapping[str, str] | None = None,
    figsize: tuple[float, float] | None = None,
) -> Figure:
    """The salience diagram of the assessed stakeholders in the analysed graph."""
    return salience_diagram(
        salience_counts(analysis),
        title=title,
        subtitle=subtitle_of(analysis) if subtitle is None else subtitle,
        labels=labels,
        figsize=figsize or (10.0, 7.4),
    )
