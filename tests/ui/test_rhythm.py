"""The contact rhythm where a person is shown: the person pane, its dialog, the Contacts list."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from techzone_crm.db.engine import Database
from techzone_crm.db.models import Person
from techzone_crm.services import people
from techzone_crm.services.assessments import AssessmentData, add_assessment
from techzone_crm.services.interactions import InteractionData, add_interaction
from techzone_crm.services.rhythm import RhythmStatus, set_contact_interval
from techzone_crm.ui import labels, prompts
from techzone_crm.ui.dialogs.interval_dialog import IntervalDialog
from techzone_crm.ui.errors import ErrorReporter
from techzone_crm.ui.models.people_model import PeopleTableModel
from techzone_crm.ui.tasks import TaskRunner
from techzone_crm.ui.views.contacts_view import ContactsView
from techzone_crm.ui.views.detail_pane import format_date

from .helpers import wait_loaded

pytestmark = pytest.mark.gui

AMBER = labels.RHYTHM_COLOUR[RhythmStatus.AMBER]
GREEN = labels.RHYTHM_COLOUR[RhythmStatus.OK]
GREY = labels.RHYTHM_COLOUR[RhythmStatus.NEVER]


def ago(days: int) -> date:
    return date.today() - timedelta(days=days)


def seed(db: Database) -> dict[str, int]:
    """Lotte is a key player last seen 50 days ago (amber); Nooit was never contacted."""
    with db.sessions.begin() as s:
        lotte = people.add_person(s, people.PersonData("Lotte", "Laat"))
        nooit = people.add_person(s, people.PersonData("Nooit", "Gezien"))
        add_assessment(s, AssessmentData(ago(100), power=5, interest=5, person_id=lotte.id))
        add_interaction(s, InteractionData(ago(50), "call", "Bellen", attendee_ids=[lotte.id]))
        return {"lotte": lotte.id, "nooit": nooit.id}


@pytest.fixture
def contacts(
    qtbot: QtBot, db: Database, runner: TaskRunner, reporter: ErrorReporter
) -> ContactsView:
    seed_ids = seed(db)
    view = ContactsView(db, runner, reporter)
    qtbot.addWidget(view)
    view.resize(1400, 850)
    view.show()
    qtbot.waitExposed(view)
    wait_loaded(qtbot, view.model)
    view.ids = seed_ids  # type: ignore[attr-defined]
    return view


def show_person(qtbot: QtBot, view: ContactsView, person_id: int) -> None:
    row = view.model.find_row(person_id)
    assert row is not None
    view.table.selectRow(row)
    qtbot.waitUntil(lambda: view.person_details.person_id == person_id)


def test_the_person_pane_shows_the_days_since_in_the_rhythms_colour(
    qtbot: QtBot, contacts: ContactsView
) -> None:
    ids = contacts.ids  # type: ignore[attr-defined]
    pane = contacts.person_details
    show_person(qtbot, contacts, ids["lotte"])
    text = pane.last_contact_label.text()
    assert f"{format_date(ago(50))} – 50 days ago" in text
    assert AMBER in text and "(overdue)" in text
    assert "target: every 6 weeks (key player)" in text
    assert "Change…" in text
    assert pane.facts.isRowVisible(pane.last_contact_label)
    tip = pane.last_contact_label.toolTip()
    assert "every 42 days" in tip and "red after 63 days" in tip

    show_person(qtbot, contacts, ids["nooit"])
    text = pane.last_contact_label.text()
    assert "never" in text and GREY in text
    assert "every 180 days (not assessed)" in text


def test_changing_the_interval_in_the_dialog_changes_the_status(
    qtbot: QtBot, db: Database, contacts: ContactsView
) -> None:
    ids = contacts.ids  # type: ignore[attr-defined]
    pane = contacts.person_details
    show_person(qtbot, contacts, ids["lotte"])
    with qtbot.waitSignal(pane.interval_requested) as asked:
        pane.last_contact_label.linkActivated.emit("#interval")
    assert asked.args == [ids["lotte"]]
    dialog = contacts.interval_dialog
    assert dialog.default_radio.isChecked()
    assert "every 6 weeks (key player)" in dialog.default_radio.text()
    assert "Overdue" in dialog.preview.text()

    dialog.own_radio.setChecked(True)
    dialog.unit_combo.setCurrentIndex(dialog.unit_combo.findData("weeks"))
    dialog.amount_spin.setValue(8)
    assert dialog.chosen_days() == 56
    assert "In time" in dialog.preview.text()
    with qtbot.waitSignal(dialog.saved):
        assert dialog.save() is True
    with db.read() as s:
        stored = s.get(Person, ids["lotte"])
        assert stored is not None and stored.contact_interval_days == 56

    qtbot.waitUntil(lambda: GREEN in pane.last_contact_label.text())
    text = pane.last_contact_label.text()
    assert "(in time)" in text and "every 8 weeks (set for this person)" in text
    wait_loaded(qtbot, contacts.model)
    row = contacts.model.find_row(ids["lotte"])
    assert row is not None
    cell = contacts.model.index(row, PeopleTableModel.LAST_CONTACT)
    assert cell.data() == "50 days ago"
    assert "In time" in cell.data(Qt.ItemDataRole.ToolTipRole)
    assert "set for this person" in cell.data(Qt.ItemDataRole.ToolTipRole)

    # Back to the default for the quadrant.
    again = IntervalDialog(db, ids["lotte"], contacts)
    qtbot.addWidget(again)
    assert again.own_radio.isChecked() and again.amount_spin.value() == 8
    again.default_radio.setChecked(True)
    assert again.save() is True
    with db.read() as s:
        stored = s.get(Person, ids["lotte"])
        assert stored is not None and stored.contact_interval_days is None


def test_the_interval_dialog_checks_the_version(
    qtbot: QtBot, db: Database, contacts: ContactsView, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = contacts.ids  # type: ignore[attr-defined]
    dialog = IntervalDialog(db, ids["lotte"], contacts)
    qtbot.addWidget(dialog)
    with db.sessions.begin() as s:
        set_contact_interval(s, ids["lotte"], 14)
    conflicts: list[str] = []

    def keep_editing(_parent: object, message: str) -> prompts.ConflictChoice:
        conflicts.append(message)
        return prompts.ConflictChoice.KEEP_EDITING

    monkeypatch.setattr(prompts, "ask_conflict", keep_editing)
    dialog.own_radio.setChecked(True)
    dialog.unit_combo.setCurrentIndex(dialog.unit_combo.findData("days"))
    dialog.amount_spin.setValue(30)
    assert dialog.save() is False
    assert conflicts and "changed elsewhere" in conflicts[0]
    assert dialog.save() is True  # saving again deliberately replaces the other change
    with db.read() as s:
        stored = s.get(Person, ids["lotte"])
        assert stored is not None and stored.contact_interval_days == 30


def test_the_contacts_list_shows_the_days_and_the_marker(
    qtbot: QtBot, contacts: ContactsView
) -> None:
    ids = contacts.ids  # type: ignore[attr-defined]
    model = contacts.model
    assert model.headerData(PeopleTableModel.LAST_CONTACT, Qt.Orientation.Horizontal) == (
        "Last contact"
    )
    lotte = model.index(model.find_row(ids["lotte"]), PeopleTableModel.LAST_CONTACT)
    nooit = model.index(model.find_row(ids["nooit"]), PeopleTableModel.LAST_CONTACT)
    assert lotte.data() == "50 days ago"
    assert lotte.data(Qt.ItemDataRole.DecorationRole) is not None
    assert "Overdue: last contact" in lotte.data(Qt.ItemDataRole.ToolTipRole)
    assert nooit.data() == "never"
    assert "no contact recorded yet" in nooit.data(Qt.ItemDataRole.ToolTipRole)
