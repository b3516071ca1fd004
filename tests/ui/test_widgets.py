"""Small widgets and helpers: search debounce, optional dates, tags, labels, messages."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from techzone_crm.db.engine import Database
from techzone_crm.db.models import EmailKind, GovernmentLevel, Helix, PhoneKind, Sector
from techzone_crm.services import people
from techzone_crm.ui import labels
from techzone_crm.ui.dialogs.form import sentence
from techzone_crm.ui.widgets.optional_date import OptionalDateEdit
from techzone_crm.ui.widgets.record_picker import RecordListEdit, person_picker
from techzone_crm.ui.widgets.search_field import SearchField
from techzone_crm.ui.widgets.tag_edit import TagEdit

pytestmark = pytest.mark.gui


def test_the_search_field_reports_once_the_user_pauses(qtbot: QtBot) -> None:
    field = SearchField()
    qtbot.addWidget(field)
    received: list[str] = []
    field.search_changed.connect(received.append)
    with qtbot.waitSignal(field.search_changed) as blocker:
        qtbot.keyClicks(field, "berg")
    assert blocker.args == ["berg"]
    assert received == ["berg"]  # one query for four keystrokes

    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert field.text() == ""
    assert received == ["berg", ""]  # clearing shows everything again at once


def test_an_optional_date_is_empty_until_ticked(qtbot: QtBot) -> None:
    edit = OptionalDateEdit("Start date")
    qtbot.addWidget(edit)
    assert edit.value() is None
    assert edit.edit.text() == "not set"
    edit.check.setChecked(True)
    assert edit.value() == date.today()
    edit.set_value(date(2019, 4, 1))
    assert edit.value() == date(2019, 4, 1)
    edit.check.setChecked(False)
    assert edit.value() is None


def test_tags_are_split_and_the_last_one_completed(qtbot: QtBot, qtmodeltester) -> None:
    edit = TagEdit(["Kerngroep HTSM", "Program Board"])
    qtbot.addWidget(edit)
    qtmodeltester.check(edit.completer().model(), force_py=True)
    edit.setText("Program Board,  , kern")
    assert edit.tags() == ["Program Board", "kern"]
    completer = edit.completer()
    assert completer.splitPath(edit.text()) == ["kern"]
    completer.setCompletionPrefix("kern")
    assert completer.pathFromIndex(completer.currentIndex()) == "Program Board, Kerngroep HTSM"


def test_every_vocabulary_value_has_a_label() -> None:
    for enum in (Helix, GovernmentLevel, Sector, EmailKind, PhoneKind):
        for member in enum:
            assert labels.label(member)
    assert [text for _m, text in labels.choices(Helix)] == [
        "Government",
        "Business",
        "Education & knowledge",
        "Civil society",
    ]
    assert labels.label(GovernmentLevel.NATIONAL) == "National (Rijk)"
    assert labels.sectors_text({Sector.OTHER, Sector.HTSM}) == "HTSM, Other"
    assert labels.label(None) == ""


@pytest.mark.parametrize(
    ("name", "problem", "expected"),
    [
        ("Family name", "is required", "Family name is required."),
        ("Website", "'x y' is not a web address", "'x y' is not a web address."),
        (
            "The end date",
            "ends (2020-01-01) before it starts (2021-05-01)",
            "Ends (2020-01-01) before it starts (2021-05-01).",
        ),
    ],
)
def test_service_problems_read_as_sentences(name: str, problem: str, expected: str) -> None:
    assert sentence(name, problem) == expected


def test_record_list_adds_each_picked_person_once_and_removes_by_chip(
    qtbot: QtBot, db: Database
) -> None:
    with db.sessions.begin() as session:
        anna = people.add_person(session, people.PersonData("Anna", "Smit")).id
        people.add_person(session, people.PersonData("Bert", "Smit"))
    edit = RecordListEdit(person_picker(db))
    qtbot.addWidget(edit)
    qtbot.keyClicks(edit.picker, "smit")
    assert edit.picker.suggestions.rowCount() == 2
    edit.picker.setText("Anna Smit")  # typed in full: the one match counts as chosen
    qtbot.keyClick(edit.picker, Qt.Key.Key_Return)
    qtbot.keyClicks(edit.picker, "Anna Smit")
    qtbot.keyClick(edit.picker, Qt.Key.Key_Return)
    assert edit.ids() == [anna]
    assert edit.names() == ["Anna Smit"]
    assert edit.picker.text() == ""
    edit.remove(anna)
    assert edit.ids() == []


def test_wrapped_rows_are_sized_as_they_come_into_view(qtbot: QtBot) -> None:
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QTableView

    from techzone_crm.ui.widgets.row_heights import VisibleRowHeights

    text = "Ask the relationship owner to introduce you to the key player in person. " * 3
    model = QStandardItemModel(3000, 1)
    for row in range(3000):
        model.setItem(row, 0, QStandardItem(text))
    table = QTableView()
    table.setModel(model)
    table.setWordWrap(True)
    table.horizontalHeader().setStretchLastSection(True)
    heights = VisibleRowHeights(table)
    qtbot.addWidget(table)
    table.resize(400, 300)
    table.show()
    qtbot.waitExposed(table)
    header = table.verticalHeader()
    qtbot.waitUntil(lambda: header.sectionSize(0) > header.defaultSectionSize())
    assert header.sectionSize(2999) == header.defaultSectionSize()  # not measured yet

    table.scrollToBottom()
    qtbot.waitUntil(lambda: header.sectionSize(2999) > header.defaultSectionSize())
    assert len(heights._sized) < 100  # only what was on screen, not all 3,000 rows
