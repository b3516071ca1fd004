"""The Contacts page as a user meets it: search, sort, add, edit, delete, keyboard."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy.exc import OperationalError

from techzone_crm.db.engine import Database
from techzone_crm.db.models import Helix
from techzone_crm.services import affiliations, organisations, people, team
from techzone_crm.services.affiliations import AffiliationData
from techzone_crm.services.organisations import OrganisationData
from techzone_crm.services.people import EmailData, PersonData, PhoneData
from techzone_crm.services.team import TeamMemberData
from techzone_crm.ui import prompts
from techzone_crm.ui.dialogs.person_dialog import PersonDialog
from techzone_crm.ui.main_window import ORGANISATIONS, MainWindow
from techzone_crm.ui.models.people_model import PeopleTableModel

from .helpers import bulk_people, wait_loaded

pytestmark = pytest.mark.gui


@pytest.fixture
def sample(db: Database) -> dict[str, int]:
    """A few people at two organisations, one with a former role."""
    with db.sessions.begin() as s:
        owner = team.add_team_member(s, TeamMemberData("Sanne de Vries"))
        emmen = organisations.add_organisation(
            s, OrganisationData("Gemeente Emmen", Helix.GOVERNMENT, "municipality")
        )
        nhl = organisations.add_organisation(s, OrganisationData("NHL Stenden", Helix.EDUCATION))
        jan = people.add_person(
            s,
            PersonData(
                "Jan",
                "Berg",
                name_prefix="van der",
                title="dr.",
                owner_id=owner.id,
                emails=[EmailData("jan.vanderberg@emmen.nl")],
                phones=[PhoneData("0591 685 555")],
                tags=["Program Board"],
                notes="Prefers a call in the morning.",
            ),
        )
        els = people.add_person(s, PersonData("Els", "Bakker"))
        people.add_person(s, PersonData("Hélène", "Çelik"))
        affiliations.add_affiliation(
            s, AffiliationData(jan.id, emmen.id, "Wethouder economie", date(2022, 5, 1))
        )
        affiliations.add_affiliation(
            s,
            AffiliationData(jan.id, nhl.id, "Lector", date(2015, 1, 1), date(2021, 12, 31)),
        )
        affiliations.add_affiliation(s, AffiliationData(els.id, nhl.id, "Directeur"))
        return {"jan": jan.id, "els": els.id, "emmen": emmen.id, "nhl": nhl.id}


def table_names(window: MainWindow) -> list[str]:
    model = window.contacts.model
    return [model.index(r, PeopleTableModel.NAME).data() for r in range(model.rowCount())]


def select(qtbot: QtBot, window: MainWindow, name: str) -> None:
    row = table_names(window).index(name)
    window.contacts.table.selectRow(row)
    qtbot.waitUntil(lambda: window.contacts.person_details.person_id is not None)


def test_typing_in_the_search_field_narrows_the_table_and_the_count(
    qtbot: QtBot, make_window: Callable[[], MainWindow], db: Database, sample: dict[str, int]
) -> None:
    bulk_people(db, 40)
    window = make_window()
    assert window.count_label.text() == "43 people"

    window.find_action.trigger()
    assert window.contacts.search.hasFocus()
    qtbot.keyClicks(window.contacts.search, "helene")
    qtbot.waitUntil(lambda: window.contacts.model.count == 1)
    wait_loaded(qtbot, window.contacts.model)
    assert table_names(window) == ["Çelik, Hélène"]
    assert window.count_label.text() == "Showing 1 of 43 people"

    window.contacts.search.clear()
    qtbot.waitUntil(lambda: window.contacts.model.count == 43)
    assert window.count_label.text() == "43 people"


def test_a_search_without_matches_says_so(
    qtbot: QtBot, make_window: Callable[[], MainWindow], sample: dict[str, int]
) -> None:
    window = make_window()
    qtbot.keyClicks(window.contacts.search, "nobody-like-this")
    qtbot.waitUntil(lambda: window.contacts.model.count == 0)
    assert window.contacts.empty_label.isVisible()
    assert "nobody-like-this" in window.contacts.empty_label.text()


def test_clicking_a_column_header_sorts_by_it(
    qtbot: QtBot, make_window: Callable[[], MainWindow], sample: dict[str, int]
) -> None:
    window = make_window()
    assert table_names(window) == ["Bakker, Els", "Berg, Jan van der", "Çelik, Hélène"]
    header = window.contacts.table.horizontalHeader()

    def click(column: int) -> None:
        x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
        with qtbot.waitSignal(window.contacts.model.modelReset):
            qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
        wait_loaded(qtbot, window.contacts.model)

    click(PeopleTableModel.NAME)  # the second click on the sorted column reverses it
    assert table_names(window) == ["Çelik, Hélène", "Berg, Jan van der", "Bakker, Els"]
    click(PeopleTableModel.ROLE)
    assert table_names(window)[:2] == ["Çelik, Hélène", "Bakker, Els"]  # no role, Directeur


def test_selecting_a_person_shows_their_details(
    qtbot: QtBot, make_window: Callable[[], MainWindow], sample: dict[str, int]
) -> None:
    window = make_window()
    select(qtbot, window, "Berg, Jan van der")
    details = window.contacts.person_details
    assert details.title.text() == "dr. Jan van der Berg"
    assert details.subtitle.text() == "Wethouder economie, Gemeente Emmen"
    assert "jan.vanderberg@emmen.nl" in details.emails_label.text()
    assert "0591 685 555" in details.phones_label.text()
    assert details.owner_label.text() == "Sanne de Vries"
    assert details.tags_label.text() == "Program Board"
    assert details.notes_label.text() == "Prefers a call in the morning."
    model = details.roles_model
    groups = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert groups == ["Current (1)", "Former (1)"]
    former = model.index(1, 0)
    assert model.index(0, 0, former).data() == "NHL Stenden"
    assert "2015" in model.index(0, 2, former).data()


def test_grouped_roles_model_keeps_the_qt_model_contract(
    qtbot: QtBot, qtmodeltester, make_window: Callable[[], MainWindow], sample: dict[str, int]
) -> None:
    window = make_window()
    select(qtbot, window, "Berg, Jan van der")
    qtmodeltester.check(window.contacts.person_details.roles_model, force_py=True)


def test_adding_a_person_through_the_dialog_shows_them_in_the_table(
    qtbot: QtBot, make_window: Callable[[], MainWindow], sample: dict[str, int]
) -> None:
    window = make_window()
    window.new_person_action.trigger()
    dialog = window.contacts.dialog
    assert isinstance(dialog, PersonDialog) and dialog.isVisible()
    assert dialog.emails.text_edit(0).isVisible()  # an empty row is ready to type in
    qtbot.keyClicks(dialog.given_edit, "Pieter")
    qtbot.keyClicks(dialog.prefix_edit, "de")
    qtbot.keyClicks(dialog.family_edit, "Boer")
    assert dialog.sorted_preview.text() == "Sorted as: Boer, Pieter de"
    qtbot.keyClicks(dialog.emails.text_edit(0), "p.deboer@example.nl")
    dialog.owner_combo.setCurrentIndex(dialog.owner_combo.findText("Sanne de Vries"))
    qtbot.keyClicks(dialog.tags_edit, "Kerngroep HTSM")

    qtbot.mouseClick(
        dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton
    )

    qtbot.waitUntil(lambda: not dialog.isVisible())
    wait_loaded(qtbot, window.contacts.model)
    assert "Boer, Pieter de" in table_names(window)
    qtbot.waitUntil(lambda: window.contacts.selected_id() is not None)
    assert window.contacts.person_details.title.text() == "Pieter de Boer"
    assert window.count_label.text() == "4 people"
    assert "Saved Pieter de Boer" in window.statusBar().currentMessage()


def test_a_validation_error_shows_at_the_field_and_keeps_the_dialog_open(
    qtbot: QtBot, make_window: Callable[[], MainWindow], sample: dict[str, int]
) -> None:
    window = make_window()
    window.contacts.new_record()
    dialog = window.contacts.dialog
    assert isinstance(dialog, PersonDialog)
    qtbot.keyClicks(dialog.given_edit, "Pieter")
    dialog.emails.add_button.click()
    qtbot.keyClicks(dialog.emails.text_edit(1), "pieter@example.nl")

    assert not dialog.save()  # no family name
    error = dialog.feedback._fields["family_name"][1]
    assert error.isVisible() and error.text() == "Family name is required."
    assert dialog.family_edit.property("invalid") is True
    assert dialog.isVisible()

    qtbot.keyClicks(dialog.family_edit, "Boer")
    dialog.emails.text_edit(1).setText("pieter.at.example")
    assert not dialog.save()
    assert not error.isVisible()
    # The blank first row is skipped, so the service's emails[0] is the second row.
    assert dialog.emails.error_label(1).isVisible()
    assert "not a valid e-mail address" in dialog.emails.error_label(1).text()
    assert dialog.emails.text_edit(1).text() == "pieter.at.example"
    assert dialog.given_edit.text() == "Pieter"
    assert "Boer, Pieter" not in table_names(window)


def test_a_database_error_while_saving_is_explained_and_the_input_kept(
    qtbot: QtBot,
    make_window: Callable[[], MainWindow],
    sample: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = make_window()
    window.contacts.new_record()
    dialog = window.contacts.dialog
    assert isinstance(dialog, PersonDialog)
    dialog.given_edit.setText("Pieter")
    dialog.family_edit.setText("Boer")

    def locked(*_args: object) -> None:
        raise OperationalError("INSERT", {}, Exception("database is locked"))

    shown: list[str] = []
    monkeypatch.setattr(people, "add_person", locked)
    monkeypatch.setattr(prompts, "show_problem", lambda _p, _t, message: shown.append(message))
    assert not dialog.save()
    assert len(shown) == 1 and "busy" in shown[0]
    assert dialog.isVisible() and dialog.family_edit.text() == "Boer"


def test_editing_a_person_that_changed_elsewhere_offers_a_choice(
    qtbot: QtBot,
    make_window: Callable[[], MainWindow],
    db: Database,
    sample: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = make_window()
    select(qtbot, window, "Bakker, Els")
    window.contacts.edit_selected()
    dialog = window.contacts.dialog
    assert isinstance(dialog, PersonDialog)
    dialog.title_edit.setText("ir.")
    with db.sessions.begin() as s:  # another window saves first
        people.update_person(s, sample["els"], PersonData("Els", "Bakker", notes="Moved"))

    monkeypatch.setattr(prompts, "ask_conflict", lambda *_: prompts.ConflictChoice.KEEP_EDITING)
    assert not dialog.save()
    assert dialog.isVisible() and dialog.title_edit.text() == "ir."
    assert dialog.save()  # the user was told that this replaces the other change
    with db.read() as s:
        assert people.get_person(s, sample["els"]).title == "ir."


def test_reloading_after_a_conflict_shows_the_saved_version(
    qtbot: QtBot,
    make_window: Callable[[], MainWindow],
    db: Database,
    sample: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = make_window()
    window.contacts.edit_record(sample["els"])
    dialog = window.contacts.dialog
    assert isinstance(dialog, PersonDialog)
    dialog.title_edit.setText("ir.")
    with db.sessions.begin() as s:
        people.update_person(s, sample["els"], PersonData("Elisabeth", "Bakker"))
    monkeypatch.setattr(prompts, "ask_conflict", lambda *_: prompts.ConflictChoice.RELOAD)
    assert not dialog.save()
    assert dialog.given_edit.text() == "Elisabeth"
    assert dialog.title_edit.text() == ""


def test_delete_removes_the_row_after_confirmation(
    qtbot: QtBot,
    make_window: Callable[[], MainWindow],
    sample: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = make_window()
    select(qtbot, window, "Berg, Jan van der")
    asked: list[str] = []

    def answer(_parent: object, _title: str, text: str, details: str, _accept: str) -> bool:
        asked.append(f"{text} {details}")
        return len(asked) > 1  # cancel the first time, confirm the second

    monkeypatch.setattr(prompts, "confirm", answer)
    window.contacts.table.setFocus()
    qtbot.keyClick(window.contacts.table, Qt.Key.Key_Delete)
    assert "Delete dr. Jan van der Berg?" in asked[0]
    assert "2 roles at organisations (1 current)" in asked[0]
    assert "Berg, Jan van der" in table_names(window)

    window.delete_action.trigger()
    wait_loaded(qtbot, window.contacts.model)
    assert table_names(window) == ["Bakker, Els", "Çelik, Hélène"]
    assert window.count_label.text() == "2 people"
    assert "Deleted dr. Jan van der Berg and 2 role(s)" in window.statusBar().currentMessage()
    assert window.contacts.person_details.person_id is None
    assert not window.delete_action.isEnabled()  # nothing is selected any more


def test_enter_on_the_table_opens_the_edit_dialog(
    qtbot: QtBot, make_window: Callable[[], MainWindow], sample: dict[str, int]
) -> None:
    window = make_window()
    window.contacts.search.setFocus()
    qtbot.keyClick(window.contacts.search, Qt.Key.Key_Down)  # into the results
    assert window.contacts.table.hasFocus()
    qtbot.waitUntil(lambda: window.contacts.selected_id() == sample["els"])
    qtbot.keyClick(window.contacts.table, Qt.Key.Key_Return)
    dialog = window.contacts.dialog
    assert isinstance(dialog, PersonDialog) and dialog.isVisible()
    assert dialog.family_edit.text() == "Bakker"
    dialog.reject()


def test_copy_puts_the_row_on_the_clipboard(
    qtbot: QtBot, make_window: Callable[[], MainWindow], sample: dict[str, int]
) -> None:
    window = make_window()
    select(qtbot, window, "Bakker, Els")
    window.copy_action.trigger()
    # In the order on screen: the last contact comes right after the role.
    assert (
        QApplication.clipboard().text().startswith("Bakker, Els\tNHL Stenden\tDirecteur\tnever\t")
    )


def test_a_prefix_typed_into_the_family_name_is_pointed_out(
    qtbot: QtBot, make_window: Callable[[], MainWindow], sample: dict[str, int]
) -> None:
    window = make_window()
    window.contacts.new_record()
    dialog = window.contacts.dialog
    assert isinstance(dialog, PersonDialog)
    dialog.given_edit.setText("Jan")
    dialog.family_edit.setText("van der Berg")
    assert dialog.sorted_preview.text() == (
        "Sorted as: van der Berg, Jan — put “van der” under Name prefix to sort by Berg"
    )
    dialog.family_edit.setText("Berg")
    dialog.prefix_edit.setText("van der")
    assert dialog.sorted_preview.text() == "Sorted as: Berg, Jan van der"
    dialog.family_edit.setText("Dekker")  # starts with "de" but is no prefix
    dialog.prefix_edit.clear()
    assert dialog.sorted_preview.text() == "Sorted as: Dekker, Jan"
    dialog.reject()


def test_ctrl_n_makes_what_the_page_lists(
    qtbot: QtBot, make_window: Callable[[], MainWindow], sample: dict[str, int]
) -> None:
    window = make_window()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.contacts.table.setFocus()
    qtbot.keyClick(window.contacts.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(window.contacts.dialog, PersonDialog)
    assert window.contacts.dialog.isVisible()
    window.contacts.dialog.reject()

    window.show_page(ORGANISATIONS)
    window.organisations.table.setFocus()
    qtbot.keyClick(window.organisations.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.organisations.dialog is not None and window.organisations.dialog.isVisible()
    window.organisations.dialog.reject()
    assert window.new_person_action.shortcut().toString() == "Ctrl+Shift+N"
