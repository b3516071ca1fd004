"""The import wizard: a Dutch-Excel list through every step, saved mappings, bad files, Cancel."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from techzone_crm.db.engine import Database
from techzone_crm.db.models import Affiliation, Helix, Organisation, Person
from techzone_crm.errors import UserError
from techzone_crm.io.import_fields import ImportField
from techzone_crm.services import organisations, people
from techzone_crm.services.affiliations import AffiliationData, add_affiliation
from techzone_crm.services.importing import DuplicateAction, ImportCancelled
from techzone_crm.services.organisations import OrganisationData
from techzone_crm.services.people import EmailData, PersonData
from techzone_crm.ui import prompts
from techzone_crm.ui.dialogs import import_run_page, import_state
from techzone_crm.ui.dialogs.import_duplicates_page import MatchesModel
from techzone_crm.ui.dialogs.import_wizard import ImportWizard
from techzone_crm.ui.tasks import TaskRunner
from techzone_crm.ui.undoable import UndoRecorder
from techzone_crm.ui.views.importing import import_message, start_import

pytestmark = pytest.mark.gui

HEADER = "Aanhef;Voornaam;Tussenvoegsel;Achternaam;E-mailadres;Organisatie;Functie"
ROWS = [
    "Mévrouw;Anneke;van 't;Hul;anneke.hul@emmen.nl;Gemeente Emmen;Beleidsadviseur",
    "Heer;Jan;;Bakker;jan@bakkertechniek.nl;Bakker Techniek B.V.;Directeur",
    "Mevrouw;Els;de;Vries;geen adres;Gemeente Emmen;Griffier",
    "Heer;Pieter;;Mulder;p.mulder@emmen.nl;Gemeente Emmen;Wethouder",
    "Mevrouw;Renée;;Dijkstra;renee@bakkertechniek.nl;Bakker Techniek B.V.;Inkoper",
]


def write_csv(path: Path, rows: list[str] = ROWS, header: str = HEADER) -> Path:
    """A list as Dutch Excel saves "CSV": Windows-1252, ";" between cells, CRLF."""
    path.write_bytes("\r\n".join([header, *rows, ""]).encode("cp1252"))
    return path


@pytest.fixture
def known(db: Database) -> dict[str, int]:
    """Gemeente Emmen with Pieter Mulder, who is in the file under the same e-mail address."""
    with db.sessions.begin() as s:
        emmen = organisations.add_organisation(
            s, OrganisationData("Gemeente Emmen", Helix.GOVERNMENT)
        ).id
        pieter = people.add_person(
            s, PersonData("Pieter", "Mulder", emails=[EmailData("p.mulder@emmen.nl")])
        ).id
        return {"emmen": emmen, "pieter": pieter}


@pytest.fixture
def undo(db: Database) -> UndoRecorder:
    return UndoRecorder(db, QUndoStack(), None, lambda: None)


def open_wizard(
    qtbot: QtBot,
    db: Database,
    runner: TaskRunner,
    path: Path | None,
    undo: UndoRecorder | None = None,
    done: list[Any] | None = None,
) -> ImportWizard:
    wizard = start_import(None, db, runner, undo, (done if done is not None else []).append, path)
    assert wizard.isVisible() and wizard.testAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)  # qtbot closes it
    qtbot.addWidget(wizard)
    return wizard


def next_enabled(wizard: ImportWizard) -> bool:
    return wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def to_columns(qtbot: QtBot, wizard: ImportWizard) -> None:
    assert wizard.currentId() == ImportWizard.FILE and next_enabled(wizard)
    wizard.next()
    assert wizard.currentId() == ImportWizard.COLUMNS
    qtbot.waitUntil(lambda: not wizard.columns_page.busy)


def to_check(qtbot: QtBot, wizard: ImportWizard) -> None:
    wizard.next()
    assert wizard.currentId() == ImportWizard.CHECK
    qtbot.waitUntil(lambda: wizard.check_page.plan is not None, timeout=10_000)


def people_named(db: Database) -> list[str]:
    with db.read() as s:
        return sorted(f"{p.given_name} {p.family_name}" for p in s.scalars(select(Person)))


def organisation_names(db: Database) -> list[str]:
    with db.read() as s:
        return sorted(o.name for o in s.scalars(select(Organisation)))


def test_dutch_excel_list_through_every_step(
    qtbot: QtBot,
    qtmodeltester: Any,
    db: Database,
    runner: TaskRunner,
    known: dict[str, int],
    undo: UndoRecorder,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    done: list[Any] = []
    wizard = open_wizard(qtbot, db, runner, write_csv(tmp_path / "relaties.csv"), undo, done)

    # 1. The file: what was detected, and the accents read right.
    page = wizard.file_page
    assert page.format_label.text() == "CSV text file"
    assert page.encoding_combo.currentText() == "Automatic (detected: Windows-1252)"
    assert page.delimiter_combo.currentText() == "Automatic (detected: Semicolon ( ; ))"
    assert "UTF-8" in [page.encoding_combo.itemText(i) for i in range(page.encoding_combo.count())]
    preview = page.preview.model()
    assert preview.headerData(1, Qt.Orientation.Horizontal) == "Voornaam"
    assert preview.index(0, 0).data() == "Mévrouw"
    assert not page.error_label.isVisibleTo(page)
    to_columns(qtbot, wizard)

    # 2. The columns, suggested from the Dutch titles.
    columns = wizard.columns_page
    mapping = columns.mapping()
    assert mapping[1] is ImportField.GIVEN_NAME
    assert mapping[2] is ImportField.NAME_PREFIX
    assert mapping[3] is ImportField.FAMILY_NAME
    assert mapping[4] is ImportField.EMAIL
    assert mapping[5] is ImportField.ORGANISATION
    assert mapping[6] is ImportField.ROLE
    assert columns.field_combos[1].currentText() == "Given name (voornaam)"
    assert columns.mapping_combo.currentText() == "Suggested from the column titles"
    assert columns.helix_combo.currentText() == "Guess from the name"
    assert not columns.error_label.isVisibleTo(columns)
    assert next_enabled(wizard)
    to_check(qtbot, wizard)

    # 3. The check: the row without a valid e-mail address is rejected, with its reason.
    check = wizard.check_page
    qtmodeltester.check(check.problems)
    assert "4 rows ready to import, 1 rejected" in check.status_label.text()
    assert check.problems.rowCount() == 1
    assert check.problems.index(0, 0).data() == "4"  # line 4 of the file
    assert check.problems.index(0, 1).data() == "E-mailadres"
    assert check.problems.index(0, 2).data()
    assert check.skip_check.isVisibleTo(check)
    assert check.skip_check.text() == "Import the valid rows and leave the rejected row out"
    assert not next_enabled(wizard)  # all or nothing unless the user says otherwise
    check.skip_check.setChecked(True)
    assert next_enabled(wizard)

    report = tmp_path / "report.txt"
    monkeypatch.setattr(import_state, "ask_save_path", lambda *_a: report)
    check.report_button.click()
    assert "row 4" in report.read_text(encoding="utf-8")

    # 4. Duplicates: Pieter Mulder has the same e-mail address and is merged by default.
    wizard.next()
    assert wizard.currentId() == ImportWizard.DUPLICATES
    matches = wizard.duplicates_page.model
    qtmodeltester.check(matches)
    assert matches.rowCount() == 1
    row = [matches.index(0, c).data() for c in range(matches.columnCount())]
    assert row[MatchesModel.ROW] == "5"
    assert row[MatchesModel.NAME] == "Pieter Mulder"
    assert row[MatchesModel.ORGANISATION] == "Gemeente Emmen"
    assert row[MatchesModel.MATCHES] == "Pieter Mulder"
    assert row[MatchesModel.WHY] == "same e-mail"
    assert row[MatchesModel.ACTION] == "Merge"
    wizard.duplicates_page.skip_all.click()
    assert matches.index(0, MatchesModel.ACTION).data() == "Skip"
    wizard.duplicates_page.merge_all.click()
    assert wizard.state.chosen_actions() == {5: DuplicateAction.MERGE}
    new_orgs = wizard.duplicates_page.new_list
    assert [new_orgs.item(i).text() for i in range(new_orgs.count())] == ["Bakker Techniek B.V."]

    # 5. The import: what will happen, then one transaction.
    wizard.next()
    assert wizard.currentId() == ImportWizard.RUN
    summary = wizard.run_page.summary_label.text()
    assert "3 new people" in summary
    assert "1 merged into existing people" in summary
    assert "1 new organisation" in summary
    assert wizard.run_page.left_out_label.text() == "The rejected row is left out."
    commit = wizard.button(QWizard.WizardButton.CommitButton)
    assert commit.text() == "&Import" and commit.isEnabled()
    with qtbot.waitSignal(wizard.imported, timeout=10_000):
        commit.click()
    qtbot.waitUntil(lambda: wizard.currentId() == ImportWizard.DONE)
    assert "3 new people created" in wizard.done_page.summary_label.text()
    assert len(done) == 1 and len(done[0].created) == 3
    assert import_message(done[0]).startswith("Imported 3 new people, 1 merged")

    assert people_named(db) == ["Anneke Hul", "Jan Bakker", "Pieter Mulder", "Renée Dijkstra"]
    assert organisation_names(db) == ["Bakker Techniek B.V.", "Gemeente Emmen"]
    with db.read() as s:
        anneke = s.scalars(select(Person).where(Person.given_name == "Anneke")).one()
        assert anneke.name_prefix == "van 't"
        assert [e.address for e in anneke.emails] == ["anneke.hul@emmen.nl"]
        roles = {(a.organisation.name, a.role) for a in s.scalars(select(Affiliation))}
    assert ("Gemeente Emmen", "Beleidsadviseur") in roles
    assert ("Gemeente Emmen", "Wethouder") in roles  # merged into Pieter Mulder
    assert ("Bakker Techniek B.V.", "Inkoper") in roles

    # Ctrl+Z takes the whole import back: people, the new organisation and Pieter's role.
    stack = undo.stack
    assert stack.count() == 1 and stack.undoText() == "Import of relaties.csv"
    stack.undo()
    assert people_named(db) == ["Pieter Mulder"]
    assert organisation_names(db) == ["Gemeente Emmen"]
    with db.read() as s:
        assert s.scalars(select(Affiliation)).all() == []

    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert not wizard.isVisible()


def test_saved_mapping_is_offered_for_the_next_file(
    qtbot: QtBot,
    db: Database,
    runner: TaskRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    wizard = open_wizard(qtbot, db, runner, write_csv(tmp_path / "januari.csv"))
    to_columns(qtbot, wizard)
    columns = wizard.columns_page
    assert columns.saved_names() == []
    assert not columns.delete_button.isEnabled()
    columns.set_field(0, ImportField.TITLE)  # "Aanhef" as the title
    columns.set_field(6, None)  # leave the role out
    monkeypatch.setattr(import_state, "ask_mapping_name", lambda *_a: "Relatielijst gemeente")
    columns.save_button.click()
    qtbot.waitUntil(lambda: columns.saved_names() == ["Relatielijst gemeente"])
    assert columns.mapping_note.text() == "Saved as “Relatielijst gemeente”."
    wizard.reject()

    rows = ["Heer;Kees;;Smit;kees@smit.nl;Smit Advies;Adviseur"]
    second = open_wizard(qtbot, db, runner, write_csv(tmp_path / "februari.csv", rows))
    to_columns(qtbot, second)
    columns = second.columns_page
    qtbot.waitUntil(lambda: columns.mapping_combo.currentText() == "Relatielijst gemeente")
    assert "fits these columns" in columns.mapping_note.text()
    mapping = columns.mapping()
    assert mapping[0] is ImportField.TITLE and 6 not in mapping
    columns.choose_mapping(None)
    assert columns.mapping()[6] is ImportField.ROLE

    columns.choose_mapping("Relatielijst gemeente")
    monkeypatch.setattr(prompts, "confirm", lambda *_a: True)
    columns.delete_button.click()
    qtbot.waitUntil(lambda: columns.saved_names() == [])
    assert columns.mapping_combo.currentText() == "Suggested from the column titles"


def test_broken_files_keep_next_disabled(
    qtbot: QtBot, db: Database, runner: TaskRunner, tmp_path: Path
) -> None:
    garbage = tmp_path / "lijst.csv"
    garbage.write_bytes(bytes(range(256)) * 40)
    wizard = open_wizard(qtbot, db, runner, garbage)
    page = wizard.file_page
    assert page.error_label.isVisibleTo(page) and page.error_label.text()
    assert not next_enabled(wizard)

    page.set_path(tmp_path / "missing.csv")
    assert "There is no file" in page.error_label.text()
    assert not next_enabled(wizard)

    # A file with no name column: the columns step says so and does not go on.
    only_mail = write_csv(tmp_path / "adressen.csv", ["a@b.nl", "c@d.nl"], "E-mailadres")
    page.set_path(only_mail)
    assert not page.error_label.isVisibleTo(page) and next_enabled(wizard)
    to_columns(qtbot, wizard)
    columns = wizard.columns_page
    assert columns.error_label.isVisibleTo(columns) and "name" in columns.error_label.text()
    assert not next_enabled(wizard)


def test_encoding_chosen_by_hand_reads_again(
    qtbot: QtBot,
    db: Database,
    runner: TaskRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    wizard = open_wizard(qtbot, db, runner, None)
    page = wizard.file_page
    assert not next_enabled(wizard)
    offered: list[str] = []
    path = write_csv(tmp_path / "relaties.csv")
    monkeypatch.setattr(
        import_state, "ask_open_path", lambda _p, _t, _s, filters: offered.append(filters) or path
    )
    page.browse_button.click()
    assert offered == ["Lists (*.csv *.txt *.xlsx *.vcf);;All files (*)"]
    assert page.path_edit.text() == str(path) and next_enabled(wizard)
    page.choose_encoding("utf-8")
    # Windows-1252 bytes are no UTF-8: refused, or read with replacement characters.
    if page.table is not None:
        assert page.table.rows[0][0] != "Mévrouw"
    page.choose_encoding(None)
    assert page.table is not None and page.table.rows[0][0] == "Mévrouw"
    assert page.encoding_combo.currentIndex() == 0
    page.choose_delimiter(",")
    assert page.table is not None and len(page.table.headers) == 1


def test_cancel_during_the_import_writes_nothing(
    qtbot: QtBot,
    db: Database,
    runner: TaskRunner,
    known: dict[str, int],
    undo: UndoRecorder,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = import_run_page.run_import
    written = threading.Event()

    def slow(session: Any, plan: Any, **kwargs: Any) -> Any:
        real(session, plan, **kwargs)
        written.set()  # everything is written in the transaction, not yet committed
        while not kwargs["cancelled"]():
            threading.Event().wait(0.01)
        raise ImportCancelled()

    monkeypatch.setattr(import_run_page, "run_import", slow)
    rows = [r for r in ROWS if "geen adres" not in r]
    wizard = open_wizard(qtbot, db, runner, write_csv(tmp_path / "relaties.csv", rows), undo)
    to_columns(qtbot, wizard)
    to_check(qtbot, wizard)
    assert next_enabled(wizard) and not wizard.check_page.skip_check.isVisibleTo(wizard)
    wizard.next()
    wizard.next()
    assert wizard.currentId() == ImportWizard.RUN
    wizard.button(QWizard.WizardButton.CommitButton).click()
    qtbot.waitUntil(written.is_set, timeout=10_000)
    assert wizard.busy
    assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()
    wizard.button(QWizard.WizardButton.CancelButton).click()
    assert wizard.isVisible()  # Cancel stops the import first
    qtbot.waitUntil(lambda: not wizard.busy, timeout=10_000)
    assert wizard.run_page.status_label.text() == "The import was cancelled: nothing was saved."
    assert wizard.currentId() == ImportWizard.RUN
    assert people_named(db) == ["Pieter Mulder"]
    assert organisation_names(db) == ["Gemeente Emmen"]
    assert undo.stack.count() == 0


def test_failed_import_is_shown_and_writes_nothing(
    qtbot: QtBot,
    db: Database,
    runner: TaskRunner,
    known: dict[str, int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = import_run_page.run_import

    def failing(session: Any, plan: Any, **kwargs: Any) -> Any:
        real(session, plan, **kwargs)
        raise UserError("The database is locked by another program.")

    monkeypatch.setattr(import_run_page, "run_import", failing)
    rows = [r for r in ROWS if "geen adres" not in r]
    done: list[Any] = []
    wizard = open_wizard(qtbot, db, runner, write_csv(tmp_path / "l.csv", rows), None, done)
    to_columns(qtbot, wizard)
    to_check(qtbot, wizard)
    wizard.next()
    wizard.next()
    wizard.button(QWizard.WizardButton.CommitButton).click()
    qtbot.waitUntil(lambda: not wizard.busy and bool(wizard.run_page.status_label.text()))
    status = wizard.run_page.status_label.text()
    assert status.startswith("The import failed and nothing was saved")
    assert "locked by another program" in status
    assert done == [] and people_named(db) == ["Pieter Mulder"]


def test_roles_at_an_existing_organisation_are_kept(
    qtbot: QtBot,
    db: Database,
    runner: TaskRunner,
    known: dict[str, int],
    undo: UndoRecorder,
    tmp_path: Path,
) -> None:
    with db.sessions.begin() as s:
        add_affiliation(s, AffiliationData(known["pieter"], known["emmen"], "Wethouder"))
    rows = ["Heer;Pieter;;Mulder;p.mulder@emmen.nl;Gemeente Emmen;Burgemeester"]
    wizard = open_wizard(qtbot, db, runner, write_csv(tmp_path / "l.csv", rows), undo)
    to_columns(qtbot, wizard)
    to_check(qtbot, wizard)
    wizard.next()
    assert wizard.duplicates_page.model.rowCount() == 1
    wizard.next()
    assert "1 merged into existing people" in wizard.run_page.summary_label.text()
    with qtbot.waitSignal(wizard.imported, timeout=10_000):
        wizard.button(QWizard.WizardButton.CommitButton).click()
    with db.read() as s:
        assert [a.role for a in s.scalars(select(Affiliation))] == ["Wethouder"]
    assert people_named(db) == ["Pieter Mulder"]


def test_vcard_columns_are_fixed(
    qtbot: QtBot, db: Database, runner: TaskRunner, tmp_path: Path
) -> None:
    cards = tmp_path / "telefoon.vcf"
    cards.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Berg;Jan;van den;;\r\nFN:Jan van den Berg\r\n"
        "ORG:Gemeente Assen\r\nEMAIL;TYPE=WORK:jan@assen.example\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    wizard = open_wizard(qtbot, db, runner, cards)
    page = wizard.file_page
    assert page.format_label.text() == "vCard address book"
    assert not page.encoding_combo.isVisibleTo(page)
    to_columns(qtbot, wizard)
    columns = wizard.columns_page
    assert columns.fixed_note.isVisibleTo(columns)
    assert not columns.mapping_bar.isVisibleTo(columns)
    assert ImportField.FAMILY_NAME in columns.mapping().values()
    assert ImportField.EMAIL in columns.mapping().values()
    assert next_enabled(wizard)


def test_workbook_sheet_can_be_chosen(
    qtbot: QtBot, db: Database, runner: TaskRunner, tmp_path: Path
) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    first = book.active
    first.title = "Relaties"
    first.append(["Voornaam", "Achternaam"])
    first.append(["Anneke", "Hul"])
    archive = book.create_sheet("Archief")
    archive.append(["Naam", "Organisatie"])
    archive.append(["dr. Jan van der Berg", "Provincie Drenthe"])
    book.save(tmp_path / "lijst.xlsx")
    wizard = open_wizard(qtbot, db, runner, tmp_path / "lijst.xlsx")
    page = wizard.file_page
    assert page.format_label.text() == "Excel workbook (XLSX)"
    combo = page.sheet_combo
    assert [combo.itemText(i) for i in range(combo.count())] == ["Relaties", "Archief"]
    assert page.table is not None and page.table.headers == ["Voornaam", "Achternaam"]
    page.choose_sheet("Archief")
    assert page.table is not None and page.table.headers == ["Naam", "Organisatie"]
    assert combo.currentText() == "Archief"
    to_columns(qtbot, wizard)
    assert wizard.columns_page.mapping() == {0: ImportField.FULL_NAME, 1: ImportField.ORGANISATION}


def test_a_very_large_import_is_not_undoable(
    qtbot: QtBot,
    db: Database,
    runner: TaskRunner,
    undo: UndoRecorder,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(import_run_page, "UNDO_LIMIT", 2)
    rows = [r for r in ROWS if "geen adres" not in r]
    wizard = open_wizard(qtbot, db, runner, write_csv(tmp_path / "groot.csv", rows), undo)
    to_columns(qtbot, wizard)
    to_check(qtbot, wizard)
    wizard.next()
    wizard.next()
    assert "cannot be taken back with Edit › Undo" in wizard.run_page.subTitle()
    with qtbot.waitSignal(wizard.imported, timeout=10_000):
        wizard.button(QWizard.WizardButton.CommitButton).click()
    qtbot.waitUntil(lambda: wizard.currentId() == ImportWizard.DONE)
    assert not wizard.done_page.undo_label.isVisibleTo(wizard.done_page)
    assert undo.stack.count() == 0
    assert len(people_named(db)) == 4
    assert wizard.state.summary is not None
    assert import_message(wizard.state.summary, undoable=False) == (
        "Imported 4 new people, 2 new organisations."
    )


def test_file_menu_imports_a_list_into_the_window_and_undo_takes_it_back(
    qtbot: QtBot, make_window: Any, db: Database, tmp_path: Path
) -> None:
    window = make_window()
    file_menu = window.menuBar().actions()[0].menu()
    assert window.import_action in file_menu.actions()
    assert window.import_action.shortcut().toString() == "Ctrl+Shift+I"
    rows = [r for r in ROWS if "geen adres" not in r]
    window.import_list(write_csv(tmp_path / "relaties.csv", rows))
    wizard = window.import_wizard
    assert wizard is not None and wizard.isVisible()
    window.import_list()  # a second request shows the open wizard instead of another one
    assert window.import_wizard is wizard
    to_columns(qtbot, wizard)
    to_check(qtbot, wizard)
    while wizard.currentId() != ImportWizard.RUN:
        wizard.next()
    wizard.button(QWizard.WizardButton.CommitButton).click()
    qtbot.waitUntil(lambda: wizard.currentId() == ImportWizard.DONE, timeout=10_000)

    assert window.statusBar().currentMessage().startswith("Imported 4 new people")
    qtbot.waitUntil(lambda: window.contacts.model.rowCount() == 4)
    assert window.undo_action.isEnabled()
    assert window.undo_action.text() == "&Undo Import of relaties.csv"
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: window.contacts.model.rowCount() == 0)
    assert people_named(db) == []
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: window.import_wizard is None)


def test_a_list_dropped_on_the_window_opens_the_wizard_with_it(
    qtbot: QtBot, make_window: Any, tmp_path: Path
) -> None:
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    window = make_window()
    listed = write_csv(tmp_path / "relaties.csv")
    picture = tmp_path / "foto.png"
    picture.write_bytes(b"\x89PNG")

    def drop(*paths: Path) -> None:
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
        event = QDropEvent(
            QPointF(10, 10),
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
        )
        window.dropEvent(event)

    drop(picture)
    drop(listed, listed)
    assert window.import_wizard is None  # not a list, or more than one file
    drop(listed)
    wizard = window.import_wizard
    assert wizard is not None and wizard.isVisible()
    assert wizard.file_page.path_edit.text() == str(listed)
    assert wizard.file_page.format_label.text() == "CSV text file"
    wizard.reject()
