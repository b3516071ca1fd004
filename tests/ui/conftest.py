"""Fixtures for the GUI tests: a main window on a temporary database, fast test data."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot
from sqlalchemy import insert

from techzone_crm.db.engine import Database
from techzone_crm.db.models import Affiliation, EmailAddress, Organisation, Person
from techzone_crm.text import fold, person_sort_key
from techzone_crm.ui import prompts
from techzone_crm.ui.app import build_window
from techzone_crm.ui.errors import ErrorReporter
from techzone_crm.ui.main_window import MainWindow
from techzone_crm.ui.tasks import TaskRunner

FAMILY_NAMES = ["Berg", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "Mulder", "Bos", "Dijk"]


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
) -> Iterator[Callable[[], MainWindow]]:
    """Build (and show) the main window once the test has put its data in place."""
    built: list[TaskRunner] = []

    def make() -> MainWindow:
        window, runner, _loader = build_window(db, reporter, settings)
        built.append(runner)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        wait_loaded(qtbot, window.contacts.model)
        wait_loaded(qtbot, window.organisations.model)
        return window

    yield make
    for task_runner in built:
        task_runner.shutdown()


def wait_loaded(qtbot: QtBot, model: Any) -> None:
    """Wait until the rows on screen have arrived from the database."""
    if model.rowCount() == 0:
        return
    model.row_at(0)  # ask for the first page in case no view has painted yet
    qtbot.waitUntil(lambda: not model.loading and model.row_at(0) is not None)


def bulk_people(db: Database, count: int, organisations: int = 20, seed: int = 7) -> None:
    """Insert ``count`` people with an e-mail and a role each, quickly (no ORM objects)."""
    rnd = random.Random(seed)
    with db.sessions.begin() as session:
        first_org = (session.query(Organisation).count() or 0) + 1
        session.execute(
            insert(Organisation),
            [
                {
                    "name": f"Bedrijf {i:03d}",
                    "sort_name": fold(f"Bedrijf {i:03d}"),
                    "helix": "business",
                    "version": 1,
                }
                for i in range(organisations)
            ],
        )
        first_person = (session.query(Person).count() or 0) + 1
        rows = []
        for i in range(count):
            family = f"{rnd.choice(FAMILY_NAMES)}{i:05d}"
            rows.append(
                {
                    "given_name": "Jan",
                    "family_name": family,
                    "version": 1,
                    "sort_name": person_sort_key(family, "Jan", ""),
                }
            )
        session.execute(insert(Person), rows)
        session.execute(
            insert(Affiliation),
            [
                {
                    "person_id": first_person + i,
                    "version": 1,
                    "role": "Adviseur",
                    "organisation_id": first_org + rnd.randrange(organisations),
                }
                for i in range(count)
            ],
        )
        session.execute(
            insert(EmailAddress),
            [
                {
                    "person_id": first_person + i,
                    "address": f"p{i:05d}@example.nl",
                    "kind": "work",
                    "position": 0,
                }
                for i in range(count)
            ],
        )
