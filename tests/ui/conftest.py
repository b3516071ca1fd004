"""Fixtures for the GUI tests: a main window on a temporary database, no modal prompts."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from techzone_crm.db.engine import Database
from techzone_crm.ui import prompts
from techzone_crm.ui.app import build_window
from techzone_crm.ui.errors import ErrorReporter
from techzone_crm.ui.main_window import CONTACTS, MainWindow
from techzone_crm.ui.tasks import TaskRunner

from .helpers import wait_loaded


def _unexpected(name: str) -> Callable[..., Any]:
    def fail(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError(f"unexpected modal prompt {name}{args[1:3]}")

    return fail


@pytest.fixture(autouse=True)
def _no_modal_prompts(monkeypatch: pytest.MonkeyPatch) -> None:
    """A modal box would block the test; a test that expects one patches it itself."""
    for name in ("confirm", "ask_conflict", "show_problem", "offer_demo", "second_instance"):
        monkeypatch.setattr(prompts, name, _unexpected(name))


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    """Settings in a file of the test's own."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def reporter() -> ErrorReporter:
    """An error reporter that is not installed as the excepthook."""
    return ErrorReporter(None)


@pytest.fixture
def runner(db: Database) -> Iterator[TaskRunner]:
    """A task runner whose threads are stopped after the test."""
    task_runner = TaskRunner(db)
    yield task_runner
    task_runner.shutdown()


@pytest.fixture
def make_window(
    qtbot: QtBot, db: Database, reporter: ErrorReporter, settings: QSettings
) -> Iterator[Callable[..., MainWindow]]:
    """Build (and show) the main window once the test has put its data in place.

    It opens on ``page`` (Contacts, which most tests are about; None: the page the window
    chooses itself, the Dashboard on a first start).
    """
    built: list[TaskRunner] = []

    def make(page: int | None = CONTACTS) -> MainWindow:
        window, runner, _loader = build_window(db, reporter, settings)
        built.append(runner)
        qtbot.addWidget(window)
        if page is not None:
            window.show_page(page)
        window.show()
        qtbot.waitExposed(window)
        wait_loaded(qtbot, window.contacts.model)
        wait_loaded(qtbot, window.organisations.model)
        return window

    yield make
    for task_runner in built:
        task_runner.shutdown()
