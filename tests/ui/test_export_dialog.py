"""Exporting the people or organisations listed: the dialog, the file, Cancel, the entry points."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from techzone_crm.db.engine import Database
from techzone_crm.db.models import Helix
from techzone_crm.db.models.export_log import ExportLog
from techzone_crm.services import organisations, people
from techzone_crm.services.organisations import OrganisationData, OrganisationQuery
from techzone_crm.services.people import PersonData, PersonQuery
from techzone_crm.services.stakeholder_export import (
    DEFAULT_ORGANISATION_COLUMNS,
    DEFAULT_PEOPLE_COLUMNS,
    PEOPLE_COLUMNS,
    ExportFormat,
)
from techzone_crm.ui import prompts
from techzone_crm.ui.dialogs import export_dialog
from techzone_crm.ui.dialogs.export_dialog import ExportDialog
from techzone_crm.ui.main_window import AGENDAS, CONTACTS, DASHBOARD, ORGANISATIONS, MainWindow
from techzone_crm.ui.views.exporting import ORGANISATIONS as ORGANISATION_LIST
from techzone_crm.ui.views.exporting import PEOPLE, ExportRun
from techzone_crm.ui.views.record_view import RecordView

from .helpers import bulk_people, wait_loaded

pytestmark = pytest.mark.gui


@pytest.fixture
def sample(db: Database) -> dict[str, int]:
    """Four people and two organisations."""
    with db.sessions.begin() as s:
        ids = {
            "els": people.add_person(s, PersonData("Els", "Bakker")).id,
            "jan": people.add_person(s, PersonData("Jan", "Berg")).id,
            "kees": people.add_person(s, PersonData("Kees", "Mulder")).id,
            "anna": people.add_person(s, PersonData("Anna", "Bergsma")).id,
        }
        organisations.add_organisation(s, OrganisationData("Gemeente Emmen", Helix.GOVERNMENT))
        organisations.add_organisation(s, OrganisationData("Bedrijf Noord", Helix.BUSINESS))
        return ids


def save_to(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[str]:
    """Answer the file dialog with ``path``; returns the filters it was offered."""
    offered: list[str] = []

    def ask(_parent: object, _title: str, _start: str, filters: str) -> Path:
        offered.append(filters)
        return path

    monkeypatch.setattr(export_dialog, "ask_save_path", ask)
    return offered


def select_rows(view: RecordView, rows: list[int]) -> None:
    selection = QItemSelection()
    for row in rows:
        selection.select(view.model.index(row, 0), view.model.index(row, 0))
    flags = QItemSelectionModel.SelectionFlag
    view.table.selectionModel().select(selection, flags.ClearAndSelect | flags.Rows)


def open_export(window: MainWindow, view: RecordView) -> ExportDialog:
    window.export_action.trigger()
    dialog = view.exporter.dialog  # type: ignore[attr-defined]
    assert isinstance(dialog, ExportDialog) and dialog.isVisible()
    return dialog


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def test_defaults_for_people(qtbot: QtBot, db: Database, sample: dict[str, int]) -> None:
    dialog = ExportDialog(db, PEOPLE, PersonQuery())
    qtbot.addWidget(dialog)
    assert dialog.chosen_format() is ExportFormat.XLSX
    assert dialog.format_combo.itemText(0) == "Excel workbook (.xlsx)"
    assert dialog.chosen_columns() == DEFAULT_PEOPLE_COLUMNS
    # Every column is offered, in the standard order.
    assert dialog.columns.shown_order() == [c.key for c in PEOPLE_COLUMNS]
    assert dialog.all_radio.isChecked() and dialog.all_radio.text() == "All 4 people"
    assert not dialog.selected_radio.isEnabled()
    assert dialog.chosen_ids() is None
    assert "privacy log" in dialog.privacy_label.text()
    assert not dialog.notes_check.isVisibleTo(dialog)

    dialog.columns.all_button.click()
    assert dialog.chosen_columns() == tuple(c.key for c in PEOPLE_COLUMNS)
    dialog.columns.default_button.click()
    assert dialog.chosen_columns() == DEFAULT_PEOPLE_COLUMNS
    # Unchecking every column leaves nothing to export.
    for row in range(dialog.columns.list.count()):
        dialog.columns.list.item(row).setCheckState(
            dialog.columns.list.item(row).checkState().Unchecked
        )
    assert not dialog.export_button.isEnabled()


def test_columns_move(qtbot: QtBot, db: Database, sample: dict[str, int]) -> None:
    dialog = ExportDialog(db, PEOPLE, PersonQuery())
    qtbot.addWidget(dialog)
    first, second = DEFAULT_PEOPLE_COLUMNS[:2]
    dialog.columns.list.setCurrentRow(dialog.columns.shown_order().index(second))
    for _ in range(dialog.columns.shown_order().index(second)):
        dialog.columns.up_button.click()
    assert dialog.chosen_columns()[:2] == (second, first)
    assert not dialog.columns.up_button.isEnabled()


def test_filtered_list_and_selection(qtbot: QtBot, db: Database, sample: dict[str, int]) -> None:
    dialog = ExportDialog(db, PEOPLE, PersonQuery(text="berg"), [sample["jan"], sample["kees"]])
    qtbot.addWidget(dialog)
    assert dialog.all_radio.text() == "All 2 in the list (with the search and filters)"
    # With several rows selected, the selection is what the user most likely means.
    assert dialog.selected_radio.isChecked()
    assert dialog.selected_radio.text() == "The 2 selected"
    request = dialog.request(Path("/tmp/out"))
    assert request.ids == (sample["jan"], sample["kees"])
    assert request.path == Path("/tmp/out.xlsx")
    dialog.all_radio.setChecked(True)
    assert dialog.request(Path("/tmp/out.xlsx")).ids is None


def test_vcard_hides_columns_and_is_only_for_people(
    qtbot: QtBot, db: Database, sample: dict[str, int]
) -> None:
    dialog = ExportDialog(db, PEOPLE, PersonQuery())
    qtbot.addWidget(dialog)
    dialog.set_format(ExportFormat.VCARD)
    assert not dialog.columns_box.isVisibleTo(dialog)
    assert dialog.notes_check.isVisibleTo(dialog) and not dialog.notes_check.isChecked()
    assert dialog.request(Path("cards")).path.name == "cards.vcf"
    assert dialog.request(Path("cards")).include_notes is False
    dialog.notes_check.setChecked(True)
    assert dialog.request(Path("cards.vcf")).include_notes is True

    orgs = ExportDialog(db, ORGANISATION_LIST, OrganisationQuery())
    qtbot.addWidget(orgs)
    formats = [orgs.format_combo.itemData(i) for i in range(orgs.format_combo.count())]
    assert ExportFormat.VCARD not in formats and ExportFormat.CSV_NL in formats
    assert orgs.chosen_columns() == DEFAULT_ORGANISATION_COLUMNS
    assert orgs.all_radio.text() == "All 2 organisations"


def test_export_writes_the_people_listed(
    qtbot: QtBot,
    make_window: Callable[..., MainWindow],
    db: Database,
    sample: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    window = make_window(CONTACTS)
    view = window.contacts
    view.search.setText("berg")
    view.search.flush()
    qtbot.waitUntil(lambda: view.model.count == 2)
    dialog = open_export(window, view)
    dialog.set_format(ExportFormat.CSV)
    offered = save_to(monkeypatch, tmp_path / "list")
    with qtbot.waitSignal(view.message, timeout=10_000) as message:
        dialog.export_button.click()
    assert message.args == ["Exported 2 people to list.csv"]
    assert offered == ["CSV file (*.csv)"]
    rows = read_csv(tmp_path / "list.csv")
    family = rows[0].index("Family name")
    assert sorted(row[family] for row in rows[1:]) == ["Berg", "Bergsma"]
    with db.read() as s:
        logged = s.query(ExportLog).one()
        assert logged.count == 2 and "berg" in logged.filter


def test_export_of_selected_organisations(
    qtbot: QtBot,
    make_window: Callable[..., MainWindow],
    db: Database,
    sample: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    window = make_window(ORGANISATIONS)
    view = window.organisations
    wait_loaded(qtbot, view.model)
    select_rows(view, [0, 1])
    assert window.export_action in view.table.actions()  # in the context menu too
    dialog = open_export(window, view)
    assert dialog.chosen_ids() is not None and len(dialog.chosen_ids() or ()) == 2
    dialog.set_format(ExportFormat.CSV_NL)
    save_to(monkeypatch, tmp_path / "orgs.csv")
    with qtbot.waitSignal(view.message, timeout=10_000) as message:
        dialog.export_button.click()
    assert message.args == ["Exported 2 organisations to orgs.csv"]
    with (tmp_path / "orgs.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f, delimiter=";"))
    assert sorted(row[0] for row in rows[1:]) == ["Bedrijf Noord", "Gemeente Emmen"]


def test_cancel_leaves_no_file(
    qtbot: QtBot,
    make_window: Callable[..., MainWindow],
    db: Database,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    bulk_people(db, 3000)
    window = make_window(CONTACTS)
    view = window.contacts
    dialog = open_export(window, view)
    dialog.set_format(ExportFormat.CSV)
    save_to(monkeypatch, tmp_path / "many.csv")
    messages: list[str] = []
    view.message.connect(messages.append)
    dialog.export_button.click()
    run = view.exporter.run
    assert isinstance(run, ExportRun) and run.running and run.progress is not None
    cancel = run.progress.findChild(QPushButton)
    assert cancel is not None and cancel.text() == "Cancel"
    with qtbot.waitSignal(run.cancelled, timeout=20_000):
        cancel.click()
    assert not run.running
    assert not (tmp_path / "many.csv").exists()
    assert messages == []
    with db.read() as s:
        assert s.query(ExportLog).count() == 0


def test_failure_is_shown(
    qtbot: QtBot,
    make_window: Callable[..., MainWindow],
    sample: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    window = make_window(CONTACTS)
    view = window.contacts
    dialog = open_export(window, view)
    dialog.set_format(ExportFormat.CSV)
    folder = tmp_path / "taken.csv"
    folder.mkdir()  # a folder where the file should go: cannot be written
    save_to(monkeypatch, folder)
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        prompts, "show_problem", lambda _p, title, text: shown.append((title, text))
    )
    dialog.export_button.click()
    run = view.exporter.run
    assert run is not None
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert shown[0][0] == "Export failed"
    assert "taken.csv" in shown[0][1]


def test_action_only_on_list_pages(
    qtbot: QtBot, make_window: Callable[..., MainWindow], sample: dict[str, int]
) -> None:
    window = make_window(DASHBOARD)
    assert not window.export_action.isEnabled()
    assert window.export_action.shortcut().toString() == "Ctrl+E"
    window.show_page(CONTACTS)
    assert window.export_action.isEnabled()
    assert window.export_action in window.contacts.table.actions()
    window.show_page(AGENDAS)
    assert not window.export_action.isEnabled()
    window.show_page(ORGANISATIONS)
    assert window.export_action.isEnabled()
