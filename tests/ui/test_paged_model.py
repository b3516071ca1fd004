"""The paged table models: lazy loading, caching, sorting, and Qt's model contract."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from techzone_crm.db.engine import Database
from techzone_crm.db.models import Helix
from techzone_crm.services import organisations, people
from techzone_crm.services.organisations import OrganisationData, OrganisationQuery
from techzone_crm.services.people import EmailData, PersonData, PersonQuery, PersonSort
from techzone_crm.ui.models.organisations_model import OrganisationsTableModel
from techzone_crm.ui.models.people_model import PeopleTableModel
from techzone_crm.ui.tasks import TaskRunner

from .helpers import bulk_people, wait_loaded

pytestmark = pytest.mark.gui


def names(model: PeopleTableModel, count: int) -> list[str]:
    return [model.index(r, PeopleTableModel.NAME).data() for r in range(count)]


def test_people_model_keeps_the_qt_model_contract(
    qtbot: QtBot, qtmodeltester, db: Database, runner: TaskRunner
) -> None:
    bulk_people(db, 450)
    model = PeopleTableModel(db, runner, PersonQuery(), page_size=200)
    model.reset()
    wait_loaded(qtbot, model)
    # The Python tester asserts; Qt's C++ tester would only log warnings.
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 450
    assert model.columnCount() == 7
    assert model.headerData(PeopleTableModel.EMAIL, Qt.Orientation.Horizontal) == "E-mail"


def test_rows_arrive_page_by_page_and_only_the_pages_on_screen_are_queried(
    qtbot: QtBot, db: Database, runner: TaskRunner
) -> None:
    bulk_people(db, 3000)
    model = PeopleTableModel(db, runner, PersonQuery(), page_size=200)
    model.reset()
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(800, 600)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: model.index(0, 0).data() is not None)

    assert model.rowCount() == 3000
    assert model.pages_requested <= 2
    assert model.index(2999, 0).data() is None  # not loaded until someone looks

    view.scrollToBottom()
    qtbot.waitUntil(lambda: model.index(2999, PeopleTableModel.NAME).data() is not None)
    assert model.pages_requested <= 4
    assert names(model, 1)[0].startswith(("Bakker", "Berg", "Bos"))


def test_the_page_cache_is_bounded(qtbot: QtBot, db: Database, runner: TaskRunner) -> None:
    bulk_people(db, 1000)
    model = PeopleTableModel(db, runner, PersonQuery(), page_size=50, max_pages=3)
    model.reset()
    for row in range(0, 1000, 50):
        model.row_at(row)
        qtbot.waitUntil(lambda row=row: model.row_at(row) is not None)
    assert len(model._pages) == 3
    # The oldest page was dropped and comes back on demand.
    assert model.row_at(0) is None
    qtbot.waitUntil(lambda: model.row_at(0) is not None)


def test_a_new_query_discards_pages_of_the_old_one(
    qtbot: QtBot, db: Database, runner: TaskRunner
) -> None:
    bulk_people(db, 300)
    with db.sessions.begin() as session:
        people.add_person(session, PersonData("Hélène", "Zwart"))
    model = PeopleTableModel(db, runner, PersonQuery())
    model.reset()
    model.row_at(0)  # a page load in flight for the unfiltered list …
    model.set_text("helene")  # … is overtaken by the search
    wait_loaded(qtbot, model)
    assert model.count == 1
    assert names(model, 1) == ["Zwart, Hélène"]


def test_typing_counts_the_matches_but_not_every_record_again(
    qtbot: QtBot, db: Database, runner: TaskRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    bulk_people(db, 30)
    model = PeopleTableModel(db, runner, PersonQuery())
    counted: list[int] = []
    count_all = model.count_all
    monkeypatch.setattr(model, "count_all", lambda s: counted.append(1) or count_all(s))
    model.reset()
    for typed in ("v", "vi", "visser"):
        model.set_text(typed)
    model.set_query(PersonQuery(text="visser", sort=PersonSort.EMAIL))
    assert counted == [1]  # searching and sorting leave the number of records alone
    assert model.total == 30 and 0 < model.count < 30
    with db.sessions.begin() as session:
        people.add_person(session, PersonData("Anna", "Zwart"))
    model.reset()  # the data changed
    assert counted == [1, 1] and model.total == 31


def test_sorting_happens_in_sql_and_resets_the_rows(
    qtbot: QtBot, db: Database, runner: TaskRunner
) -> None:
    with db.sessions.begin() as session:
        for given, family, mail in [
            ("Anna", "Aalders", "z@example.nl"),
            ("Bert", "Bakker", "a@example.nl"),
            ("Cor", "Cats", "m@example.nl"),
        ]:
            people.add_person(session, PersonData(given, family, emails=[EmailData(mail)]))
    model = PeopleTableModel(db, runner, PersonQuery())
    model.reset()
    wait_loaded(qtbot, model)
    assert names(model, 3) == ["Aalders, Anna", "Bakker, Bert", "Cats, Cor"]

    with qtbot.waitSignal(model.modelReset):
        model.sort(PeopleTableModel.EMAIL, Qt.SortOrder.AscendingOrder)
    wait_loaded(qtbot, model)
    assert model.query.sort is PersonSort.EMAIL
    assert names(model, 3) == ["Bakker, Bert", "Cats, Cor", "Aalders, Anna"]
    assert model.sort_column() == (PeopleTableModel.EMAIL, Qt.SortOrder.AscendingOrder)

    model.sort(PeopleTableModel.NAME, Qt.SortOrder.DescendingOrder)
    wait_loaded(qtbot, model)
    assert names(model, 3) == ["Cats, Cor", "Bakker, Bert", "Aalders, Anna"]


def test_organisations_model_shows_translated_labels_and_helix_colours(
    qtbot: QtBot, qtmodeltester, db: Database, runner: TaskRunner
) -> None:
    with db.sessions.begin() as session:
        organisations.add_organisation(
            session,
            OrganisationData(
                "Gemeente Emmen", Helix.GOVERNMENT, "municipality", ["logistics", "htsm"]
            ),
        )
        organisations.add_organisation(
            session, OrganisationData("NHL Stenden", Helix.EDUCATION, is_partner=True)
        )
    model = OrganisationsTableModel(db, runner, OrganisationQuery())
    model.reset()
    wait_loaded(qtbot, model)
    qtmodeltester.check(model, force_py=True)

    def cell(row: int, column: int, role: Qt.ItemDataRole = Qt.ItemDataRole.DisplayRole):
        return model.index(row, column).data(role)

    assert cell(0, model.NAME) == "Gemeente Emmen"
    assert cell(0, model.HELIX) == "Government"
    assert cell(0, model.LEVEL) == "Municipality"
    assert cell(0, model.SECTORS) == "HTSM, Logistics"
    assert cell(1, model.HELIX) == "Education & knowledge"
    assert cell(1, model.PARTNER) == "Yes"
    assert isinstance(cell(0, model.HELIX, Qt.ItemDataRole.DecorationRole), QColor)


def test_a_failing_page_is_reported_once(
    qtbot: QtBot, db: Database, runner: TaskRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    bulk_people(db, 500)
    model = PeopleTableModel(db, runner, PersonQuery(), page_size=100)
    model.reset()

    def broken(*_args: object) -> list:
        raise RuntimeError("query failed")

    monkeypatch.setattr(model, "fetch_rows", broken)
    failures: list[object] = []
    model.load_failed.connect(failures.append)
    with qtbot.waitSignal(model.load_failed):
        model.row_at(0)
    model.row_at(150)
    qtbot.waitUntil(lambda: not model.loading)
    assert len(failures) == 1
    assert isinstance(failures[0], RuntimeError)
    assert model.index(0, 0).data() is None  # no endless retries while painting
