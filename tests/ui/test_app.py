"""Start-up and the safety nets: demo offer, second instance, refusing a newer database,
the friendly error dialog, remembered window state."""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLockFile, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session

from techzone_crm.db.engine import Database
from techzone_crm.db.migrate import open_database
from techzone_crm.errors import NotFoundError
from techzone_crm.services import people
from techzone_crm.services.people import PersonData
from techzone_crm.ui import app as app_module
from techzone_crm.ui import first_run, prompts
from techzone_crm.ui.app import build_window, lock_path, run_gui
from techzone_crm.ui.errors import ErrorReporter
from techzone_crm.ui.main_window import CONTACTS, ORGANISATIONS, MainWindow

from .helpers import wait_loaded

pytestmark = pytest.mark.gui


class FakeSummary:
    people = 3
    organisations = 0
    interactions = 0


@pytest.fixture(autouse=True)
def _restore_logging() -> Iterator[None]:
    """run_gui adds a log file handler; take it away again."""
    root = logging.getLogger()
    before = list(root.handlers)
    yield
    for handler in root.handlers[:]:
        if handler not in before:
            root.removeHandler(handler)
            handler.close()


def test_the_example_data_is_offered_on_an_empty_database_and_loads_in_the_background(
    qtbot: QtBot,
    db: Database,
    reporter: ErrorReporter,
    settings: QSettings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    threads: list[int] = []

    def load_demo(session: Session, progress: Callable[[int, int], None] | None = None) -> Any:
        threads.append(threading.get_ident())
        for i, name in enumerate(["Aalders", "Bos", "Cats"]):
            assert progress is not None
            progress(i, 3)
            people.add_person(session, PersonData("Demo", name))
        return FakeSummary()

    offered: list[bool] = []
    monkeypatch.setattr(first_run, "demo_loader", lambda: load_demo)
    monkeypatch.setattr(prompts, "offer_demo", lambda _parent: offered.append(True) or True)
    window, runner, loader = build_window(db, reporter, settings)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(loader.loaded, timeout=10_000):
        assert loader.offer_if_empty()
        assert loader.progress is not None and loader.progress.isVisible()

    assert offered == [True]
    assert threads and threads[0] != threading.get_ident()  # the window stayed responsive
    assert window.stack.currentWidget() is window.dashboard  # the first screen
    window.show_page(CONTACTS)
    wait_loaded(qtbot, window.contacts.model)
    assert window.contacts.model.count == 3
    assert window.count_label.text() == "3 people"
    assert window.statusBar().currentMessage() == (
        "Example data loaded: 3 people, 0 organisations, 0 interactions."
    )
    assert loader.progress is None
    assert not loader.offer_if_empty()  # not empty any more: no second offer
    runner.shutdown()


def test_no_offer_on_a_database_with_data(
    qtbot: QtBot,
    db: Database,
    reporter: ErrorReporter,
    settings: QSettings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with db.sessions.begin() as s:
        people.add_person(s, PersonData("Jan", "Jansen"))
    monkeypatch.setattr(first_run, "demo_loader", lambda: lambda session, progress=None: None)
    window, runner, loader = build_window(db, reporter, settings)
    qtbot.addWidget(window)
    assert not loader.offer_if_empty()  # offer_demo would fail the test if asked
    runner.shutdown()


def test_cancelling_the_example_data_adds_nothing(
    qtbot: QtBot,
    db: Database,
    reporter: ErrorReporter,
    settings: QSettings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cancelled = threading.Event()

    def load_demo(session: Session, progress: Callable[[int, int], None]) -> Any:
        progress(0, 10)
        people.add_person(session, PersonData("Half", "Way"))
        cancelled.wait(5)
        progress(1, 10)  # raises once the user has cancelled
        raise AssertionError("not cancelled")

    monkeypatch.setattr(first_run, "demo_loader", lambda: load_demo)
    window, runner, loader = build_window(db, reporter, settings)
    qtbot.addWidget(window)
    window.show()
    assert loader.start()
    assert loader.task is not None
    with qtbot.waitSignal(loader.ended, timeout=10_000):
        qtbot.waitUntil(lambda: loader.progress is not None and loader.progress.maximum() == 10)
        cancel = loader.progress.findChild(QPushButton)
        assert cancel is not None and cancel.text() == "Cancel"
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
        cancelled.set()
    runner.shutdown()
    assert "cancelled; nothing was added" in window.statusBar().currentMessage()
    with db.read() as s:
        assert people.count_people(s, people.PersonQuery()) == 0


def test_an_unexpected_error_shows_a_friendly_dialog_with_details_and_is_logged(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    reporter = ErrorReporter(tmp_path / "techzone-crm.log")
    try:
        {}["missing"]
    except KeyError as exc:
        reporter.hook(type(exc), exc, exc.__traceback__)
    dialog = reporter.dialog
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    assert dialog.icon() == QMessageBox.Icon.Critical
    assert dialog.text().startswith("Something went wrong")
    assert "Traceback" not in dialog.text() + dialog.informativeText()
    assert "Your data is safe" in dialog.informativeText()
    assert str(tmp_path / "techzone-crm.log") in dialog.informativeText()
    assert "Traceback" in dialog.detailedText() and "KeyError" in dialog.detailedText()
    assert any("KeyError" in r.getMessage() for r in caplog.records if r.levelname == "ERROR")

    reporter.hook(RuntimeError, RuntimeError("again"), None)
    assert reporter.dialog is dialog  # one dialog, not a cascade
    assert "1 more problem(s)" in dialog.informativeText()
    dialog.close()


def test_a_user_error_reaching_the_hook_is_shown_as_a_plain_message(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(prompts, "show_problem", lambda _p, _t, message: shown.append(message))
    reporter = ErrorReporter(None)
    error = NotFoundError("The person #7 does not exist (it may have been deleted).")
    reporter.hook(NotFoundError, error, None)
    assert shown == [error.message]
    assert reporter.dialog is None


def test_a_database_from_a_newer_version_is_refused_with_a_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "newer.sqlite"
    open_database(target).close()
    with sqlite3.connect(target) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(prompts, "show_problem", lambda _p, title, msg: shown.append((title, msg)))

    assert run_gui(str(target)) == 2
    assert shown and shown[0][0] == "Cannot open the database"
    assert "newer version of TechZone CRM" in shown[0][1]
    assert not Path(lock_path(str(target))).exists()  # the lock is given back


def test_a_second_instance_is_told_and_can_quit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = str(tmp_path / "shared.sqlite")
    other = QLockFile(lock_path(target))
    assert other.tryLock(0)
    asked: list[str] = []
    monkeypatch.setattr(
        prompts, "second_instance", lambda _p, database, owner: asked.append(owner) or False
    )
    monkeypatch.setattr(app_module, "open_database", pytest.fail)
    try:
        assert run_gui(target) == 0
    finally:
        other.unlock()
    assert asked and "another TechZone CRM window" in asked[0]


def test_run_gui_shows_the_main_window_and_releases_the_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = str(tmp_path / "crm.sqlite")
    monkeypatch.setattr(first_run, "demo_loader", lambda: None)
    seen: list[str] = []

    def look_and_quit() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible():
                seen.append(widget.windowTitle())
                assert Path(lock_path(target)).exists()
                widget.hide()
                widget.deleteLater()
        # Not close() or quit(): after a quit through the last window closing, this shared
        # QApplication stops delivering queued events to later tests (seen with Qt 6.12).
        QApplication.exit(0)

    QTimer.singleShot(0, look_and_quit)
    assert run_gui(target) == 0
    assert seen == ["TechZone CRM — crm.sqlite"]
    assert not Path(lock_path(target)).exists()


def test_window_layout_is_remembered(
    qtbot: QtBot, qtmodeltester, db: Database, reporter: ErrorReporter, settings: QSettings
) -> None:
    window, runner, _loader = build_window(db, reporter, settings)
    qtbot.addWidget(window)
    qtmodeltester.check(window.navigation.model(), force_py=True)
    window.resize(760, 560)
    window.show()
    qtbot.waitExposed(window)
    window.show_page(CONTACTS)
    splitter = window.contacts.splitter
    # Wait for the layout to settle: the splitter fills the page but for its margins.
    qtbot.waitUntil(lambda: splitter.width() == window.contacts.width() - 16)
    splitter.setSizes([splitter.width() - 320, 300])
    sizes = splitter.sizes()
    window.show_page(ORGANISATIONS)
    window.close()
    runner.shutdown()

    again, runner2, _ = build_window(db, reporter, settings)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert again.size().width() == 760
    assert again.stack.currentWidget() is again.organisations
    again.show_page(CONTACTS)
    qtbot.waitUntil(lambda: again.contacts.splitter.width() == again.contacts.width() - 16)
    assert again.contacts.splitter.sizes() == sizes
    runner2.shutdown()
