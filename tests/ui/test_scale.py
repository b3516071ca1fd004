"""The Contacts view on 100,000 people and 20,000 organisations: rows load a page at a time.

The window must stay responsive while the user opens the list, jumps to the end, sorts and
searches. What is asserted is what keeps it so: only the pages on screen are ever queried,
the page cache stays bounded, and the GUI thread is never held up for long.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QElapsedTimer, QSettings, Qt, QTimer
from pytestqt.qtbot import QtBot

from techzone_crm.db.engine import Database
from techzone_crm.db.migrate import open_database
from techzone_crm.ui.app import build_window
from techzone_crm.ui.errors import ErrorReporter
from techzone_crm.ui.main_window import CONTACTS, MainWindow
from techzone_crm.ui.models.people_model import PeopleTableModel

from .bigdata import build
from .helpers import wait_loaded

pytestmark = pytest.mark.gui

PEOPLE = 100_000


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "big.sqlite"
    build(path, people=PEOPLE, organisations=20_000)
    return path


@pytest.fixture
def window(
    qtbot: QtBot, big_file: Path, reporter: ErrorReporter, settings: QSettings
) -> Iterator[MainWindow]:
    db: Database = open_database(big_file)
    main, runner, _loader = build_window(db, reporter, settings)
    qtbot.addWidget(main)
    main.resize(1400, 900)
    main.show_page(CONTACTS)
    main.show()
    qtbot.waitExposed(main)
    wait_loaded(qtbot, main.contacts.model)
    yield main
    runner.shutdown()
    db.close()


class Heartbeat:
    """A 10 ms timer on the GUI thread; the longest gap between ticks is the longest freeze."""

    def __init__(self) -> None:
        self.clock = QElapsedTimer()
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.longest_ms = 0
        self.clock.start()
        self.timer.start()

    def _tick(self) -> None:
        self.longest_ms = max(self.longest_ms, self.clock.restart())


def test_contacts_on_100000_people_load_only_what_is_on_screen(
    qtbot: QtBot, window: MainWindow
) -> None:
    contacts = window.contacts
    model = contacts.model
    assert isinstance(model, PeopleTableModel)
    heartbeat = Heartbeat()

    assert model.rowCount() == PEOPLE
    assert model.pages_requested <= 2
    assert "100" in window.count_label.text()

    contacts.table.scrollToBottom()
    last = PEOPLE - 1
    qtbot.waitUntil(lambda: model.index(last, PeopleTableModel.NAME).data() is not None)
    assert model.pages_requested <= 5
    assert model.index(PEOPLE // 2, PeopleTableModel.NAME).data() is None  # never looked at

    contacts.table.horizontalHeader().setSortIndicator(
        PeopleTableModel.ORGANISATION, Qt.SortOrder.DescendingOrder
    )
    contacts.table.scrollToTop()
    qtbot.waitUntil(lambda: model.index(0, PeopleTableModel.ORGANISATION).data() is not None)
    assert model.index(0, PeopleTableModel.ORGANISATION).data().startswith("Organisatie 2")
    # Further pages of that order are slices of it: the end holds the lowest numbers.
    contacts.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.index(last, PeopleTableModel.ORGANISATION).data() is not None)
    assert (
        model.index(last, PeopleTableModel.ORGANISATION).data()
        < model.index(0, PeopleTableModel.ORGANISATION).data()
    )
    contacts.table.scrollToTop()

    before = model.pages_requested
    qtbot.keyClicks(contacts.search, "helene berg1")
    qtbot.waitUntil(lambda: 0 < model.rowCount() < PEOPLE, timeout=5000)
    wait_loaded(qtbot, model)
    assert all(
        "Hélène" in model.index(r, PeopleTableModel.NAME).data()
        for r in range(min(model.rowCount(), 20))
    )
    assert model.pages_requested - before <= 4
    # Pages are kept in a bounded cache, whatever was visited.
    assert len(model._pages) <= model.max_pages

    heartbeat.timer.stop()
    # A generous bound: loading rows on the GUI thread would stall it for seconds here.
    assert heartbeat.longest_ms < 1500, f"GUI thread blocked for {heartbeat.longest_ms} ms"
