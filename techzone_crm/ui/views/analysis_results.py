"""What the Analysis page makes of one run: its figures, warmest paths and pages to open."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from matplotlib.figure import Figure
from sqlalchemy.orm import Session

from techzone_crm.analysis.filters import NetworkFilter
from techzone_crm.analysis.model import NodeKind, TieKind
from techzone_crm.analysis.paths import warmest_path
from techzone_crm.analysis.pipeline import STEPS, MapView, map_view
from techzone_crm.paths import user_data_dir
from techzone_crm.plots.figures import (
    coverage_figure,
    grid_figure,
    network_figure,
    salience_figure,
)
from techzone_crm.services.environment import EnvironmentAnalysis, GridEntry, analyse, grid_entries
from techzone_crm.ui.i18n import translate
from techzone_crm.ui.tasks import Progress, Work
from techzone_crm.ui.views.analysis_filters import MapOptions
from techzone_crm.ui.views.analysis_render import FigureMaker, Rendering, render
from techzone_crm.ui.views.detail_pane import format_date

MAP, GRID, COVERAGE, SALIENCE = range(4)
#: The tabs whose plot keeps its shape and is scaled to fit.
FITTED = (COVERAGE, SALIENCE)
#: Reading the network, the pipeline's steps, then the grid and the map.
TOTAL_STEPS = len(STEPS) + 2
#: The file names the plots are offered under when exported.
PLOT_STEMS = ("network", "power-interest", "coverage", "salience")
_STAKEHOLDERS = (NodeKind.PERSON.value, NodeKind.ORGANISATION.value)


@dataclass
class AnalysisRun:
    """One finished run: the analysis, the grid's entries, the part the map shows and the
    plots drawn already (by tab)."""

    analysis: EnvironmentAnalysis
    grid: list[GridEntry]
    view: MapView
    drawn: dict[int, Rendering] = field(default_factory=dict)


@dataclass(frozen=True)
class DrawFor:
    """Draw the plot of ``tab`` for a pane of ``room()`` logical pixels (asked once the
    analysis is done, as the page has its size by then) at ``ratio``."""

    tab: int
    room: Callable[[], tuple[int, int]]
    ratio: float


def layout_cache_dir() -> Path:
    """Where the map's layouts are kept between sessions."""
    return user_data_dir() / "layouts"


def analysis_work(
    flt: NetworkFilter,
    today: date,
    options: MapOptions,
    keep: list[str],
    cache: Path | None,
    stop: threading.Event,
    draw: DrawFor | None = None,
) -> Work:
    """The work of one run on a worker: analyse, read the grid, lay out the map and draw the
    plot of ``draw``."""

    def work(session: Session, progress: Progress) -> AnalysisRun:
        progress(0, TOTAL_STEPS)
        analysis = analyse(
            session,
            today,
            flt,
            layout_cache_dir=cache,
            progress=lambda done, _total: progress(done + 1, TOTAL_STEPS),
            cancelled=stop.is_set,
        )
        grid = grid_entries(session, analysis)
        view = view_of(analysis, options, keep, cache)
        run = AnalysisRun(analysis, grid, view)
        if draw is not None:
            make = maker(run, draw.tab, options)
            room = draw.room()
            run.drawn[draw.tab] = render(make, room, draw.ratio, fit=draw.tab in FITTED)
        progress(TOTAL_STEPS, TOTAL_STEPS)
        return run

    return work


def view_of(
    analysis: EnvironmentAnalysis, options: MapOptions, keep: list[str], cache: Path | None
) -> MapView:
    """The part of the analysis the map shows with these options (keeping ``keep``)."""
    return map_view(
        analysis,
        limit=options.limit,
        min_strength=options.min_strength,
        keep=keep,
        layout_cache_dir=cache,
    )


def subtitle(analysis: EnvironmentAnalysis) -> str:
    """The filter and the day of the analysis, under each plot's title."""
    return f"{analysis.graph.graph.get('filter', '')} · {format_date(analysis.today)}"


def figure(run: AnalysisRun, tab: int, options: MapOptions, *, for_export: bool = False) -> Figure:
    """The figure of tab ``tab``: on the page, or at its natural size for a file."""
    analysis = run.analysis
    below = subtitle(analysis)
    if tab == MAP:
        return network_figure(
            analysis,
            colour_by="community" if options.colour_by == "community" else "helix",
            label_count=15 if for_export else 12,
            title=translate("AnalysisView", "Environment analysis"),
            subtitle=below,
            view=run.view,
        )
    if tab == GRID:
        return grid_figure(
            run.grid, below, title=translate("AnalysisView", "Power / interest grid")
        )
    if tab == COVERAGE:
        rows = max(len(analysis.coverage), 3)
        # Wide and low for the page: the agendas' names on two lines beside the cells.
        size = None if for_export else (13.5, 1.7 + 0.34 * rows)
        return coverage_figure(
            analysis,
            title=translate("AnalysisView", "Agenda coverage by helix"),
            subtitle=below,
            figsize=size,
        )
    return salience_figure(
        analysis, title=translate("AnalysisView", "Stakeholder salience"), subtitle=below
    )


def maker(run: AnalysisRun, tab: int, options: MapOptions) -> FigureMaker:
    """What builds the figure of tab ``tab`` for the page (on a worker), as the run is now."""
    view = run.view
    return lambda: figure(AnalysisRun(run.analysis, run.grid, view), tab, options)


def path_text(analysis: EnvironmentAnalysis | None, key: str | None) -> str:
    """The warmest path from the team to ``key``, in a sentence."""
    if analysis is None or key is None or key not in analysis.graph:
        return translate(
            "AnalysisView", "Select a stakeholder on the map or in a table to see the warmest path."
        )
    graph = analysis.graph
    name = analysis.label(key)
    kind = graph.nodes[key].get("kind")
    if kind == NodeKind.TEAM_MEMBER.value:
        return translate("AnalysisView", "{name} is in our team.").format(name=name)
    if kind not in _STAKEHOLDERS:
        return name
    path = warmest_path(graph, key)
    if path is None:
        return translate(
            "AnalysisView", "No path from our team to {name} in this analysis."
        ).format(name=name)
    return translate("AnalysisView", "Warmest path: {path}").format(path=path.sentence())


def open_target(
    analysis: EnvironmentAnalysis | None, key: str | None
) -> tuple[str, int, str] | None:
    """(kind, id, name) of the page that opens for ``key``: a person, an organisation, an
    agenda (a theme opens its agenda) or a dossier; None for anything else (team members)."""
    if analysis is None or key is None or key not in analysis.graph:
        return None
    kind, _, ident = key.partition(":")
    if kind == NodeKind.THEME.value:
        agenda = next(
            (t.target for t in analysis.data.ties if t.kind is TieKind.THEME and t.source == key),
            None,
        )
        if agenda is None:
            return None
        return NodeKind.AGENDA.value, int(agenda.partition(":")[2]), analysis.label(agenda)
    if kind in (*_STAKEHOLDERS, NodeKind.AGENDA.value, NodeKind.DOSSIER.value):
        return kind, int(ident), analysis.label(key)
    return None
