"""The Analysis page on the example data: running, filtering, cancelling, exporting, opening."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from matplotlib.backend_bases import MouseEvent, PickEvent
from matplotlib.collections import PathCollection
from matplotlib.text import Annotation, Text
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from techzone_crm.analysis import wording
from techzone_crm.analysis.gaps import GapKind, GapRow
from techzone_crm.db.engine import Database
from techzone_crm.db.migrate import open_database
from techzone_crm.plots import picked_key
from techzone_crm.services.demo import load_demo
from techzone_crm.ui.errors import ErrorReporter
from techzone_crm.ui.main_window import MainWindow
from techzone_crm.ui.models.analysis_rows import KEY_ROLE
from techzone_crm.ui.tasks import TaskRunner
from techzone_crm.ui.views import analysis_export, analysis_wording
from techzone_crm.ui.views.analysis_filters import strength_help
from techzone_crm.ui.views.analysis_view import GRID, MAP, AnalysisView

pytestmark = pytest.mark.gui

TIMEOUT = 60_000


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """One database with the example data for the whole module (the page only reads)."""
    database = open_database(tmp_path_factory.mktemp("analysis") / "demo.sqlite")
    with database.sessions.begin() as s:
        load_demo(s, seed=2021, today=date.today())
    yield database
    database.close()


def make_view(
    qtbot: QtBot, db: Database, runner: TaskRunner, reporter: ErrorReporter
) -> AnalysisView:
    view = AnalysisView(db, runner, reporter)
    qtbot.addWidget(view)
    view.resize(1400, 880)
    return view


def wait_done(qtbot: QtBot, view: AnalysisView) -> None:
    qtbot.waitUntil(lambda: view.run_result is not None and not view.running, timeout=TIMEOUT)


@pytest.fixture
def view(qtbot: QtBot, db: Database, runner: TaskRunner, reporter: ErrorReporter) -> AnalysisView:
    page = make_view(qtbot, db, runner, reporter)
    page.show()
    qtbot.waitExposed(page)
    wait_done(qtbot, page)
    return page


def map_keys(view: AnalysisView) -> set[str]:
    figure = view.panes[MAP].figure
    assert figure is not None
    keys = set()
    for collection in figure.axes[0].collections:
        if isinstance(collection, PathCollection):
            for index in range(len(collection.get_offsets())):  # type: ignore[arg-type]
                if (key := picked_key(collection, index)) is not None:
                    keys.add(key)
    return keys


def test_the_page_runs_only_once_shown(
    qtbot: QtBot, db: Database, runner: TaskRunner, reporter: ErrorReporter
) -> None:
    page = make_view(qtbot, db, runner, reporter)
    page.refresh()

    assert page.run_result is None and not page.running
    page.show()
    wait_done(qtbot, page)
    assert page.run_result is not None


def test_the_analysis_fills_the_map_and_both_tables(view: AnalysisView, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    assert view.run_result is not None
    analysis = view.run_result.analysis
    tables = view.tables

    keys = map_keys(view)
    assert 100 <= len(keys) < analysis.nodes  # the 150 most influential and the team
    assert {k for k, kind in analysis.graph.nodes(data="kind") if kind == "team_member"} <= keys
    assert tables.metrics.rowCount() == analysis.nodes
    assert tables.gaps.rowCount() == len(analysis.gaps) > 0
    assert tables.gaps_title.text() == f"Gaps ({len(analysis.gaps)})"
    assert "betweenness:" in tables.method.text()
    assert view.current_status().endswith(f"{len(analysis.gaps)} gaps")
    for model in (tables.metrics, tables.gaps, tables.metrics_proxy, tables.gaps_proxy):
        qtmodeltester.check(model)
    first = tables.gaps.rows[0]
    assert tables.gaps.index(0, 2).data() == first.reason
    assert tables.gaps.index(0, 2).data(Qt.ItemDataRole.ToolTipRole) == first.reason


def test_every_plot_tab_shows_a_figure(view: AnalysisView, qtbot: QtBot) -> None:
    for tab in range(view.tabs.count()):
        view.tabs.setCurrentIndex(tab)
        qtbot.waitUntil(lambda tab=tab: view.panes[tab].figure is not None, timeout=TIMEOUT)
        assert view.panes[tab].canvas is not None
    grid = view.panes[GRID].figure
    assert grid is not None and grid.get_suptitle() == "Power / interest grid"


def test_a_helix_filter_narrows_the_network(view: AnalysisView, qtbot: QtBot) -> None:
    assert view.run_result is not None
    everything = view.run_result.analysis.nodes

    with qtbot.waitSignal(view.finished, timeout=TIMEOUT):
        view.filters.set_value(view.filters.helix, "government")

    assert view.run_result.analysis.nodes < everything
    assert view.run_result.analysis.filter.helix == "government"
    assert view.tables.metrics.rowCount() == view.run_result.analysis.nodes
    helices = {
        view.run_result.analysis.graph.nodes[k]["helix"]
        for k in view.run_result.analysis.graph
        if k.startswith("organisation:")
    }
    assert helices == {"government"}


def test_cancel_stops_a_run_and_keeps_the_results(
    view: AnalysisView, qtbot: QtBot, runner: TaskRunner
) -> None:
    before = view.run_result

    view.run()
    assert view.running and view.cancel.isVisibleTo(view)
    view.cancel.click()

    assert not view.running and not view.cancel.isVisibleTo(view)
    assert view.progress_text.text() == "Analysis cancelled."
    qtbot.waitUntil(lambda: not runner.busy, timeout=TIMEOUT)
    assert view.run_result is before


def test_a_newer_run_replaces_an_older_one(view: AnalysisView, qtbot: QtBot) -> None:
    view.filters.set_value(view.filters.helix, "business")
    view.run()
    with qtbot.waitSignal(view.finished, timeout=TIMEOUT):
        view.filters.set_value(view.filters.helix, "education")
        view.run()

    assert view.run_result is not None
    assert view.run_result.analysis.filter.helix == "education"


def test_exporting_the_plot_writes_png_svg_and_pdf(
    view: AnalysisView, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    targets = iter([tmp_path / "map.png", tmp_path / "map.svg", tmp_path / "map.pdf"])
    monkeypatch.setattr(analysis_export, "ask_save_path", lambda *_a: next(targets))

    for _ in range(3):
        view.export_current_plot()

    assert (tmp_path / "map.png").read_bytes().startswith(b"\x89PNG")
    assert b"<svg" in (tmp_path / "map.svg").read_bytes()[:500]
    assert (tmp_path / "map.pdf").read_bytes().startswith(b"%PDF")


def test_exporting_a_plot_without_a_suffix_saves_a_png(
    view: AnalysisView, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(analysis_export, "ask_save_path", lambda *_a: tmp_path / "grid")
    view.tabs.setCurrentIndex(GRID)

    view.export_current_plot()

    assert (tmp_path / "grid.png").read_bytes().startswith(b"\x89PNG")


def test_exporting_gaps_writes_a_csv_for_dutch_excel(
    view: AnalysisView, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert view.run_result is not None
    gaps = view.run_result.analysis.gaps
    risky = GapRow(GapKind.KEY_PLAYER_NOT_REACHED, '=HYPERLINK("x")', "person:1", "-1", "@a")
    view.tables.gaps.set_rows([*gaps, risky])
    monkeypatch.setattr(analysis_export, "ask_save_path", lambda *_a: tmp_path / "gaps.csv")

    view.export_gap_rows()

    raw = (tmp_path / "gaps.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0] == ["Kind", "Subject", "Reason", "Suggested action", "Owner"]
    assert len(rows) == len(gaps) + 2
    assert rows[1][1] == gaps[0].subject and rows[1][2] == gaps[0].reason
    assert rows[-1][1:4] == ['\'=HYPERLINK("x")', "'-1", "'@a"]
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_the_kind_filter_shows_one_kind_of_gap(view: AnalysisView) -> None:
    tables = view.tables
    tables.kind.setCurrentIndex(tables.kind.findData(GapKind.HELIX_IMBALANCE.value))

    shown = [tables.gaps_proxy.index(r, 0).data() for r in range(tables.gaps_proxy.rowCount())]
    assert shown and set(shown) == {"Helix imbalance"}
    assert tables.gaps_title.text().startswith(f"Gaps ({len(shown)} of ")


def test_selecting_a_gap_about_a_person_shows_the_path_and_opens_them(
    view: AnalysisView, qtbot: QtBot
) -> None:
    tables = view.tables
    row = next(i for i, g in enumerate(tables.gaps.rows) if g.subject_key.startswith("person:"))
    gap = tables.gaps.rows[row]
    index = tables.gaps_proxy.mapFromSource(tables.gaps.index(row, 1))

    tables.gaps_table.setCurrentIndex(index)

    assert view.selected_key == gap.subject_key
    metrics_index = tables.metrics_table.currentIndex()
    assert metrics_index.siblingAtColumn(0).data(KEY_ROLE) == gap.subject_key
    assert view.path.text().startswith(("Warmest path: ", "No path from our team"))
    tables.gaps_table.scrollTo(index)
    centre = tables.gaps_table.visualRect(index).center()
    viewport = tables.gaps_table.viewport()
    with qtbot.waitSignal(view.person_activated) as opened:
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=centre)
        qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=centre)
    assert opened.args == [int(gap.subject_key.split(":")[1]), gap.subject]


def test_the_open_button_opens_an_organisation(view: AnalysisView, qtbot: QtBot) -> None:
    assert view.run_result is not None
    key = next(k for k in view.run_result.analysis.graph if k.startswith("organisation:"))
    view.select(key)

    assert view.open.isEnabled()
    with qtbot.waitSignal(view.organisation_activated) as opened:
        view.open.click()
    assert opened.args == [int(key.split(":")[1]), view.run_result.analysis.label(key)]


def test_clicking_a_node_on_the_map_selects_it_everywhere(view: AnalysisView) -> None:
    pane = view.panes[MAP]
    assert pane.figure is not None and pane.canvas is not None
    people = next(c for c in pane.figure.axes[0].collections if c.get_gid() == "nodes-person")
    mouse = MouseEvent("button_press_event", pane.canvas, 10, 10)
    pane.canvas.callbacks.process(
        "pick_event", PickEvent("pick_event", pane.canvas, mouse, people, ind=[0])
    )

    key = picked_key(people, 0)
    assert key is not None and view.selected_key == key
    current = view.tables.metrics_table.currentIndex()
    assert current.siblingAtColumn(0).data(KEY_ROLE) == key
    assert pane._highlight is not None  # the ring around the node


def test_a_warmest_path_starts_at_a_team_member(view: AnalysisView) -> None:
    assert view.run_result is not None
    graph = view.run_result.analysis.graph
    team = {str(graph.nodes[k]["label"]) for k in graph if k.startswith("team_member:")}
    person = next(k for k in graph if k.startswith("person:") and graph.nodes[k].get("owner"))

    view.select(person)

    text = view.path.text()
    assert text.startswith("Warmest path: ")
    assert text.removeprefix("Warmest path: ").split(" → ")[0] in team


def test_the_map_shows_fewer_nodes_when_asked(view: AnalysisView, qtbot: QtBot) -> None:
    bar = view.map_options
    before = len(map_keys(view))

    bar.limit.setCurrentIndex(bar.limit.findData(50))
    qtbot.waitUntil(lambda: len(map_keys(view)) < before, timeout=TIMEOUT)

    assert len(map_keys(view)) <= 50 + 5  # the team is always shown
    assert bar.note.text().startswith("Showing ")


def test_the_gap_texts_are_translatable_in_the_analysis_wording() -> None:
    assert analysis_wording.TEMPLATES == wording.TEMPLATES
    phrase = wording.phrase("key.overdue", days=12)
    assert analysis_wording.phrase_text(phrase) == phrase.text()


def test_the_strength_help_names_the_formula() -> None:
    text = strength_help()

    assert "decides 3" in text and "meeting 1" in text and "/ 180" in text


def test_the_page_fits_a_narrow_window(make_window: Callable[..., MainWindow]) -> None:
    window = make_window()

    assert window.analysis.minimumSizeHint().width() <= 600
    assert window.minimumSizeHint().width() <= 760


def test_the_map_note_is_whole_in_its_tooltip(view: AnalysisView) -> None:
    note = view.map_options.note
    text = note.text()
    assert text.startswith("Showing ") and note.toolTip() == text

    note.resize(note.fontMetrics().averageCharWidth() * 10, note.height())

    assert note.text() == text
    assert QLabel.text(note).endswith("…")


def test_the_main_measures_fit_without_scrolling(view: AnalysisView) -> None:
    table = view.tables.metrics_table
    header = table.horizontalHeader()
    model = view.tables.metrics_proxy
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)]
    assert titles == ["Name", "Kind", "Helix", "Weighted degree", "Betweenness", "PageRank"]
    assert header.sectionViewportPosition(5) + header.sectionSize(5) <= table.viewport().width()
    for column in (3, 4, 5):
        index = model.index(0, column)
        assert re.fullmatch(r"[\d,.]+[.,]\d{3}", str(index.data()))
        alignment = Qt.AlignmentFlag(int(index.data(Qt.ItemDataRole.TextAlignmentRole)))
        assert alignment & Qt.AlignmentFlag.AlignRight


def test_the_map_keeps_its_proportions_and_its_labels_apart(view: AnalysisView) -> None:
    pane = view.panes[MAP]
    assert pane.figure is not None and pane.canvas is not None
    axes = pane.figure.axes[0]
    assert axes.get_aspect() == 1.0
    pane.canvas.draw()
    labels = [a for a in axes.texts if isinstance(a, Annotation)]
    assert labels and all(len(a.get_text()) <= 28 for a in labels)
    boxes = [Text.get_window_extent(a) for a in labels]  # the texts, without leader lines
    assert not [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :] if a.overlaps(b)]


def test_the_open_button_opens_a_dossier_but_not_a_team_member(
    view: AnalysisView, qtbot: QtBot
) -> None:
    assert view.run_result is not None
    graph = view.run_result.analysis.graph
    dossier = next(k for k in graph if k.startswith("dossier:"))
    view.select(dossier)

    assert view.open.isEnabled()
    with qtbot.waitSignal(view.dossier_activated) as opened:
        view.open.click()
    assert opened.args == [int(dossier.split(":")[1]), view.run_result.analysis.label(dossier)]

    view.select(next(k for k in graph if k.startswith("team_member:")))
    assert not view.open.isEnabled()


def test_a_zoomed_map_keeps_the_users_view_when_the_pane_is_resized(
    view: AnalysisView, qtbot: QtBot
) -> None:
    pane = view.panes[MAP]
    assert pane.figure is not None and pane.canvas is not None
    axes = pane.figure.axes[0]
    left, right = axes.get_xlim()
    axes.set_xlim(left, (left + right) / 2)  # what the toolbar's zoom does
    zoomed = pane.canvas
    view.resize(view.width() - 120, view.height() - 80)
    qtbot.wait(400)  # longer than the pause after which a resized plot is drawn again
    assert pane.canvas is zoomed
    assert pane.figure.axes[0].get_xlim() == (left, (left + right) / 2)
