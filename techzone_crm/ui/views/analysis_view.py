"""The Analysis page: the environment analysis with its filters, plots, metrics and gaps.

The analysis (:func:`techzone_crm.services.environment.analyse`) runs on a worker with a
progress bar and a Cancel button; a newer run replaces an older one, and the page runs it only
once it is shown. A worker builds and draws the plot of the tab shown for the size of its
pane, the first one with the run; clicking a node or a row selects that stakeholder everywhere.
The page's widgets, with matplotlib and the analysis behind them, are built when it is first
shown, so that the application starts without them.
"""

from __future__ import annotations

import threading
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from techzone_crm.analysis.model import NodeKind
from techzone_crm.db.engine import Database
from techzone_crm.ui.errors import ErrorReporter
from techzone_crm.ui.tasks import CancelledError, Progress, Task, TaskRunner
from techzone_crm.ui.views.analysis_progress import RunBar

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from sqlalchemy.orm import Session

    from techzone_crm.analysis.pipeline import MapView
    from techzone_crm.services.environment import EnvironmentAnalysis
    from techzone_crm.ui.views.analysis_filters import AnalysisFilters
    from techzone_crm.ui.views.analysis_results import GRID, MAP, AnalysisRun

__all__ = ["GRID", "MAP", "AnalysisRun", "AnalysisView"]


def __getattr__(name: str) -> Any:
    # The tab numbers and the run's type come with the results module (matplotlib, networkx).
    if name in ("GRID", "MAP", "AnalysisRun"):
        from techzone_crm.ui.views import analysis_results

        return getattr(analysis_results, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: How long the filters must rest before the analysis re-runs, in milliseconds.
DEBOUNCE_MS = 450


class AnalysisView(QWidget):
    """The environment analysis of the whole database or a filtered part of it.

    Signals:
        person_activated(int, str): open this person (id, name).
        organisation_activated(int, str): open this organisation.
        agenda_activated(int, str): open this agenda.
        dossier_activated(int, str): open this dossier.
        status_changed(str): the summary for the status bar changed.
        message(str): a short message for the status bar.
        finished(): a run's results are on screen (or it failed or was cancelled).
    """

    person_activated = Signal(int, str)
    organisation_activated = Signal(int, str)
    agenda_activated = Signal(int, str)
    dossier_activated = Signal(int, str)
    status_changed = Signal(str)
    message = Signal(str)
    finished = Signal()

    def __init__(
        self,
        db: Database,
        runner: TaskRunner,
        reporter: ErrorReporter,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.runner = runner
        self.reporter = reporter
        #: The results on screen (None until the first run has finished).
        self.run_result: AnalysisRun | None = None
        self.selected_key: str | None = None
        self._task: Task | None = None
        self._stop = threading.Event()
        self._generation = 0
        self._stale = True
        self._status = ""
        self._drawn: set[int] = set()
        self._plotted: dict[int, AnalysisRun] = {}
        self._built = False
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(8, 8, 8, 4)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.run)

    def _build(self) -> None:
        """Build the filters, plots and tables, with what they import, once."""
        if self._built:
            return
        self._built = True
        from techzone_crm.ui.views.analysis_filters import AnalysisFilters, MapOptionsBar
        from techzone_crm.ui.views.analysis_plots import PlotPane
        from techzone_crm.ui.views.analysis_results import TOTAL_STEPS
        from techzone_crm.ui.views.analysis_tables import AnalysisTables

        self.filters: AnalysisFilters = AnalysisFilters(self.db)
        self.map_options = MapOptionsBar()
        self.run_bar = RunBar(TOTAL_STEPS)
        self.cancel = self.run_bar.cancel
        self.progress_text = self.run_bar.text
        self.export_plot = QPushButton(self.tr("Export plot…"))
        self.export_plot.setToolTip(self.tr("Save the plot of this tab as PNG, SVG or PDF"))
        self.export_gaps = QPushButton(self.tr("Export gaps…"))
        self.export_gaps.setToolTip(self.tr("Save the gaps shown as a CSV file for Excel"))
        exports = QWidget()
        corner = QHBoxLayout(exports)
        corner.setContentsMargins(0, 0, 0, 2)
        corner.addWidget(self.export_plot)
        corner.addWidget(self.export_gaps)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setCornerWidget(exports, Qt.Corner.TopRightCorner)
        waiting = self.tr("The analysis appears here once it has run.")
        self.panes = [
            PlotPane(waiting, options=self.map_options, runner=self.runner),
            PlotPane(waiting, runner=self.runner),
            PlotPane(waiting, fit=True, runner=self.runner),
            PlotPane(waiting, fit=True, runner=self.runner),
        ]
        for pane, title in zip(
            self.panes,
            (
                self.tr("Network map"),
                self.tr("Power–interest grid"),
                self.tr("Agenda coverage"),
                self.tr("Salience"),
            ),
            strict=True,
        ):
            self.tabs.addTab(pane, title)
            pane.picked.connect(self.select)

        self.tables = AnalysisTables()
        self.path = QLabel()
        self.path.setWordWrap(True)
        self.path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open = QPushButton(self.tr("Open"))
        self.open.setToolTip(
            self.tr("Open the page of the selected person, organisation, agenda or dossier")
        )
        self.open.setEnabled(False)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(self.open)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.tables, 1)
        lower_layout.addLayout(path_row)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.tabs)
        self.splitter.addWidget(lower)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([600, 300])
        self._layout.addWidget(self.filters)
        self._layout.addWidget(self.run_bar)
        self._layout.addWidget(self.splitter, 1)

        self.filters.changed.connect(self._debounce.start)
        self.filters.run_requested.connect(self.run)
        self.map_options.changed.connect(self._options_changed)
        self.cancel.clicked.connect(self.cancel_run)
        self.tabs.currentChanged.connect(self._draw_current)
        self.tables.selected.connect(self.select)
        self.tables.activated.connect(self.open_key)
        self.open.clicked.connect(lambda: self.open_key(self.selected_key))
        self.export_plot.clicked.connect(self.export_current_plot)
        self.export_gaps.clicked.connect(self.export_gap_rows)
        self._enable_exports()

    # -- running --------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        """True while an analysis runs."""
        return self._task is not None

    def refresh(self) -> None:
        """The data changed: re-run if the page is on screen, else when it is shown."""
        self._stale = True
        if self.isVisible():
            self.run()

    def run(self) -> None:
        """Analyse with the current filters on a worker; replaces a run in progress."""
        from techzone_crm.ui.views.analysis_results import DrawFor, analysis_work, layout_cache_dir

        self._build()
        self._debounce.stop()
        try:
            flt = self.filters.network_filter()
        except ValueError as exc:
            self._show_problem(str(exc))
            return
        self._stop_task()
        self._stale = False
        self._generation += 1
        generation = self._generation
        stop = self._stop = threading.Event()
        tab = self.tabs.currentIndex()
        pane = self.panes[tab]
        # The progress row goes once the run is done; the plots get their share of its height.
        busy = max(self.cancel.sizeHint().height(), self.run_bar.progress.sizeHint().height())
        freed = (busy + self._layout.spacing()) * 3 // 5

        def room() -> tuple[int, int]:
            width, height = pane.latest_room
            return width, height + (freed if self.run_bar.isVisible() else 0)

        work = analysis_work(
            flt,
            date.today(),
            self.map_options.options(),
            [self.selected_key] if self.selected_key else [],
            layout_cache_dir(),
            stop,
            DrawFor(tab, room, pane.ratio()),
        )
        self.run_bar.set_busy(True, self.tr("Analysing the network…"))
        self._task = self.runner.submit(
            work,
            on_finished=lambda result: self._finished(generation, result),
            on_failed=lambda exc: self._failed(generation, exc),
            on_progress=lambda done, total: self._progressed(generation, done, total),
        )

    def _stop_task(self) -> None:
        if self._task is not None:
            self._stop.set()
            self._task.cancel()
            self.runner.discard(self._task)
            self._task = None

    def cancel_run(self) -> None:
        """Stop the analysis in progress; the results on screen stay."""
        if self._task is None:
            return
        self._stop_task()
        self._generation += 1
        self.run_bar.set_busy(False, self.tr("Analysis cancelled."))
        self.message.emit(self.tr("Analysis cancelled"))
        self.finished.emit()

    def _progressed(self, generation: int, done: int, total: int) -> None:
        if generation == self._generation:
            self.run_bar.step(done, total)

    def _finished(self, generation: int, result: object) -> None:
        if generation != self._generation:
            return
        self._task = None
        self.run_bar.set_busy(False)
        from techzone_crm.ui.views.analysis_results import AnalysisRun

        assert isinstance(result, AnalysisRun)
        first = self.run_result is None
        self.run_result = result
        if first:
            self.filters.set_network(result.analysis.data.nodes, result.analysis.data.ties)
        self._show(result)
        self.finished.emit()

    def _failed(self, generation: int, exc: object) -> None:
        if generation != self._generation:
            return
        self._task = None
        self.run_bar.set_busy(False)
        from techzone_crm.analysis.pipeline import Cancelled

        if isinstance(exc, CancelledError | Cancelled):
            return
        if isinstance(exc, ValueError):
            self._show_problem(str(exc))
        elif isinstance(exc, BaseException):
            self.reporter.report(exc, self, self.db, self.tr("Cannot analyse the network"))
        self.finished.emit()

    def _show_problem(self, text: str) -> None:
        problem = self.tr("Cannot analyse: {problem}").format(problem=text)
        self.run_bar.set_busy(False, problem)
        self.message.emit(problem)

    def _options_changed(self) -> None:
        from techzone_crm.analysis.pipeline import MapView
        from techzone_crm.ui.views.analysis_results import MAP, layout_cache_dir, view_of

        result = self.run_result
        if result is None or self.running:
            return
        options = self.map_options.options()
        keep = [self.selected_key] if self.selected_key else []
        cache = layout_cache_dir()
        generation = self._generation

        def work(_session: Session, _progress: Progress) -> MapView:
            return view_of(result.analysis, options, keep, cache)

        def done(view: object) -> None:
            if generation == self._generation and self.run_result is result:
                assert isinstance(view, MapView)
                result.view = view
                self._drawn.discard(MAP)
                self._draw_current()

        self.runner.submit(work, on_finished=done, on_failed=lambda e: self._failed(-1, e))

    # -- showing --------------------------------------------------------------------------

    def _show(self, result: AnalysisRun) -> None:
        analysis = result.analysis
        self.tables.set_results(
            list(analysis.metrics.rows.values()), analysis.metrics.method, analysis.gaps
        )
        self._drawn.clear()
        self._draw_current()
        self._status = self.tr("{nodes}, {ties} – {gaps}").format(
            nodes=self._count(analysis.nodes, self.tr("%Ln node"), self.tr("%Ln nodes")),
            ties=self._count(analysis.ties, self.tr("%Ln tie"), self.tr("%Ln ties")),
            gaps=self._count(len(analysis.gaps), self.tr("%Ln gap"), self.tr("%Ln gaps")),
        )
        self.status_changed.emit(self._status)
        if self.selected_key is not None and self.selected_key in analysis.graph:
            self.select(self.selected_key)
        else:
            self.select(None)
        self._enable_exports()

    def _analysis(self) -> EnvironmentAnalysis | None:
        return None if self.run_result is None else self.run_result.analysis

    def figure(self, tab: int, *, for_export: bool = False) -> Figure | None:
        """The figure of tab ``tab`` for the results on screen (None before the first run)."""
        if self.run_result is None:
            return None
        from techzone_crm.ui.views.analysis_results import figure

        options = self.map_options.options()
        return figure(self.run_result, tab, options, for_export=for_export)

    def _draw_current(self) -> None:
        from techzone_crm.ui.views.analysis_results import MAP, maker

        tab = self.tabs.currentIndex()
        run = self.run_result
        if run is None or tab in self._drawn:
            return
        pane = self.panes[tab]
        positions = run.view.positions if tab == MAP else None
        make = maker(run, tab, self.map_options.options())
        # The plot of the same run stays on screen until it is drawn again (other map options).
        keep = self._plotted.get(tab) is run
        pane.show_plot(make, positions, run.drawn.pop(tab, None), keep=keep)
        self._plotted[tab] = run
        self._drawn.add(tab)
        if tab == MAP:
            view = run.view
            analysis = run.analysis
            self.map_options.note.setText(
                self.tr("Showing {nodes} of {total} nodes and {ties} of {all_ties} ties").format(
                    nodes=QLocale().toString(view.graph.number_of_nodes()),
                    total=QLocale().toString(analysis.nodes),
                    ties=QLocale().toString(view.graph.number_of_edges()),
                    all_ties=QLocale().toString(analysis.ties),
                )
            )
            pane.highlight(self.selected_key)

    @staticmethod
    def _count(n: int, one: str, many: str) -> str:
        """``one`` or ``many`` (already translated) with %Ln as the number in the locale."""
        return (one if n == 1 else many).replace("%Ln", QLocale().toString(n))

    def current_status(self) -> str:
        """The summary for the status bar (empty until the first run has finished)."""
        return self._status

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._build()
        if self._stale and not self.running:
            self.run()

    # -- selecting and opening ------------------------------------------------------------

    def select(self, key: str | None) -> None:
        """Select the node ``key`` on the map, in both tables and show its warmest path."""
        from techzone_crm.ui.views.analysis_results import MAP, open_target, path_text

        self._build()
        result = self.run_result
        if result is None or (key is not None and key not in result.analysis.graph):
            key = None
        self.selected_key = key
        self.tables.select_key(key)
        self.panes[MAP].highlight(key)
        self.open.setEnabled(open_target(self._analysis(), key) is not None)
        self.path.setText(path_text(result.analysis if result else None, key))

    def open_key(self, key: str | None) -> None:
        """Open the page of the person, organisation, agenda or dossier ``key``."""
        from techzone_crm.ui.views.analysis_results import open_target

        target = open_target(self._analysis(), key)
        if target is None:
            return
        kind, ident, name = target
        signal = {
            NodeKind.PERSON.value: self.person_activated,
            NodeKind.ORGANISATION.value: self.organisation_activated,
            NodeKind.AGENDA.value: self.agenda_activated,
            NodeKind.DOSSIER.value: self.dossier_activated,
        }[kind]
        signal.emit(ident, name)

    # -- exporting ------------------------------------------------------------------------

    def _enable_exports(self) -> None:
        self.export_plot.setEnabled(self.run_result is not None)
        self.export_gaps.setEnabled(self.run_result is not None)

    def export_current_plot(self) -> None:
        """Ask for a file and save the plot of the current tab as PNG, SVG or PDF."""
        from techzone_crm.ui.views import analysis_export
        from techzone_crm.ui.views.analysis_results import PLOT_STEMS

        tab = self.tabs.currentIndex()
        try:
            target = analysis_export.export_figure(
                self, lambda: self.figure(tab, for_export=True), PLOT_STEMS[tab]
            )
        except OSError as exc:
            self.reporter.report(exc, self, self.db, self.tr("Cannot save the plot"))
            return
        if target is not None:
            self.message.emit(self.tr("Plot saved as {path}").format(path=str(target)))

    def export_gap_rows(self) -> None:
        """Ask for a file and save the gaps shown as a CSV file."""
        if self.run_result is None:
            return
        from techzone_crm.ui.views import analysis_export

        header, rows = self.tables.shown_gaps()
        try:
            target = analysis_export.export_table(self, header, rows, "gaps")
        except OSError as exc:
            self.reporter.report(exc, self, self.db, self.tr("Cannot save the gaps"))
            return
        if target is not None:
            self.message.emit(
                self._count(
                    len(rows),
                    self.tr("%Ln gap saved as {path}"),
                    self.tr("%Ln gaps saved as {path}"),
                ).format(path=str(target))
            )
