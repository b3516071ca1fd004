"""Bulk edits of the selected rows, from the Edit menu and the context menu, and their undo."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot

from techzone_crm.db.engine import Database
from techzone_crm.db.models import Helix
from techzone_crm.services import organisations, people, team
from techzone_crm.services.organisations import OrganisationData
from techzone_crm.services.people import PersonData, PersonQuery
from techzone_crm.services.team import TeamMemberData
from techzone_crm.ui import prompts
from techzone_crm.ui.dialogs.bulk_dialogs import OwnerDialog, TagDialog
from techzone_crm.ui.main_window import ORGANISATIONS, MainWindow
from techzone_crm.ui.models.organisations_model import OrganisationsTableModel
from techzone_crm.ui.models.people_model import PeopleTableModel
from techzone_crm.ui.views.record_view import RecordView

from .helpers import bulk_people, wait_loaded

pytestmark = pytest.mark.gui


@pytest.fixture
def sample(db: Database) -> dict[str, int]:
    """Four people, three of them with an owner; two organisations."""
    with db.sessions.begin() as s:
        sanne = team.add_team_member(s, TeamMemberData("Sanne de Vries")).id
        pim = team.add_team_member(s, TeamMemberData("Pim Smit")).id
        people.add_person(s, PersonData("Els", "Bakker", owner_id=pim))
        people.add_person(s, PersonData("Jan", "Berg", owner_id=sanne))
        people.add_person(s, PersonData("Kees", "Mulder"))
        people.add_person(s, PersonData("Anna", "Smit", owner_id=pim))
        organisations.add_organisation(s, OrganisationData("Gemeente Emmen", Helix.GOVERNMENT))
        organisations.add_organisation(s, OrganisationData("Bedrijf Noord", Helix.BUSINESS))
        return {"sanne": sanne, "pim": pim}


def column(view: RecordView, col: int) -> list[str]:
    model = view.model
    assert not model.loading
    return [model.index(r, col).data() or "" for r in range(model.rowCount())]


def select_rows(view: RecordView, rows: list[int]) -> None:
    selection = QItemSelection()
    for row in rows:
        selection.select(view.model.index(row, 0), view.model.index(row, 0))
    flags = QItemSelectionModel.SelectionFlag
    view.table.selectionModel().select(selection, flags.ClearAndSelect | flags.Rows)


def bulk_action(window: MainWindow, text: str) -> QAction:
    window.bulk_menu.aboutToShow.emit()
    found = [a for a in window.bulk_menu.actions() if a.text().replace("&", "") == text]
    assert found, [a.text() for a in window.bulk_menu.actions()]
    return found[0]


def undo_text(window: MainWindow) -> str:
    return window.undo_action.text().replace("&", "")


def test_one_undo_restores_each_previous_owner(
    qtbot: QtBot,
    make_window: Callable[[], MainWindow],
    sample: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = make_window()
    view = window.contacts
    owners = PeopleTableModel.OWNER
    assert column(view, owners) == ["Pim Smit", "Sanne de Vries", "", "Pim Smit"]
    assert not bulk_action(window, "Set relationship owner…").isEnabled()
    select_rows(view, [0, 1, 2])
    asked: list[str] = []

    def choose(_parent: object, members: list[tuple[int, str]], prompt: str) -> tuple[int, str]:
        asked.append(prompt)
        return sample["sanne"], "Sanne de Vries"

    monkeypatch.setattr(OwnerDialog, "ask", choose)
    with qtbot.waitSignal(view.bulk.finished, timeout=10_000):
        bulk_action(window, "Set relationship owner…").trigger()
    wait_loaded(qtbot, view.model)

    assert asked == ["Set the relationship owner of the 3 people selected."]
    assert column(view, owners) == [
        "Sanne de Vries",
        "Sanne de Vries",
        "Sanne de Vries",
        "Pim Smit",
    ]
    # Jan already had her: the undo step and the message count the two that changed.
    assert undo_text(window) == "Undo Set owner of 2 people to Sanne de Vries"
    assert "Set owner of 2 people to Sanne de Vries" in window.statusBar().currentMessage()

    window.undo_action.trigger()
    wait_loaded(qtbot, view.model)
    assert column(view, owners) == ["Pim Smit", "Sanne de Vries", "", "Pim Smit"]
    assert window.redo_action.text().replace("&", "") == (
        "Redo Set owner of 2 people to Sanne de Vries"
    )


def test_select_all_of_a_long_list_tags_everyone_and_one_undo_takes_it_off(
    qtbot: QtBot,
    make_window: Callable[[], MainWindow],
    db: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    bulk_people(db, 450)
    window = make_window()
    view = window.contacts
    view.table.setFocus()
    view.table.selectAll()
    assert view.model.cached_row(430) is None  # most rows were never loaded
    monkeypatch.setattr(TagDialog, "ask", lambda *_args, **_kw: "Nieuwsbrief")
    with qtbot.waitSignal(view.bulk.finished, timeout=10_000):
        bulk_action(window, "Add tag…").trigger()
    wait_loaded(qtbot, view.model)

    with db.read() as s:
        assert people.count_people(s, PersonQuery(tag="nieuwsbrief")) == 450
    assert undo_text(window) == "Undo Add tag Nieuwsbrief to 450 people"

    window.undo_action.trigger()
    with db.read() as s:
        assert people.count_people(s, PersonQuery(tag="nieuwsbrief")) == 0


def test_the_context_menu_offers_the_bulk_edits_of_organisations(
    qtbot: QtBot,
    make_window: Callable[[], MainWindow],
    sample: dict[str, int],
) -> None:
    window = make_window()
    window.show_page(ORGANISATIONS)
    view = window.organisations
    wait_loaded(qtbot, view.model)
    select_rows(view, [0, 1])
    rect = view.table.visualRect(view.model.index(0, 0))
    view.table.customContextMenuRequested.emit(rect.center())
    menu = view.context_menu
    assert menu is not None and menu.isVisible()
    texts = [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]
    assert texts[:3] == ["Edit…", "Delete…", "Copy row"]
    assert texts[-4:] == ["Mark as partner", "Mark as not a partner", "Add tag…", "Remove tag…"]

    partner = next(a for a in menu.actions() if a.text() == "Mark as &partner")
    menu.close()
    with qtbot.waitSignal(view.bulk.finished, timeout=10_000):
        partner.trigger()
    wait_loaded(qtbot, view.model)
    assert column(view, OrganisationsTableModel.PARTNER) == ["Yes", "Yes"]
    assert undo_text(window) == "Undo Mark 2 organisations as partner"
    window.undo_action.trigger()
    wait_loaded(qtbot, view.model)
    assert column(view, OrganisationsTableModel.PARTNER) == ["", ""]


def test_a_bulk_edit_of_someone_deleted_elsewhere_is_refused_whole(
    qtbot: QtBot,
    make_window: Callable[[], MainWindow],
    db: Database,
    sample: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = make_window()
    view = window.contacts
    select_rows(view, [0, 2])
    with db.sessions.begin() as s:  # another window deletes Els Bakker
        people.delete_person(s, view.model.cached_row(0).id)
    shown: list[str] = []
    monkeypatch.setattr(prompts, "show_problem", lambda _p, _t, message: shown.append(message))
    with qtbot.waitSignal(view.bulk.finished, timeout=10_000):
        bulk_action(window, "Mark as do not contact").trigger()
    wait_loaded(qtbot, view.model)
    assert len(shown) == 1 and "1 of the selected people no longer exist" in shown[0]
    with db.read() as s:
        assert people.count_people(s, PersonQuery(exclude_do_not_contact=True)) == 3
    assert not window.undo_action.isEnabled()


def test_the_tag_dialog_needs_a_name_and_the_owner_dialog_can_clear(
    qtbot: QtBot,
) -> None:
    tags = TagDialog(["Energie", "Program Board"], "Add tag", "Add a tag.", "Add tag", True)
    qtbot.addWidget(tags)
    assert not tags.ok_button.isEnabled()
    qtbot.keyClicks(tags.combo, "Kerngroep")
    assert tags.ok_button.isEnabled() and tags.tag() == "Kerngroep"

    owner = OwnerDialog([(4, "Sanne de Vries")], "Set the owner.")
    qtbot.addWidget(owner)
    assert owner.owner() == (4, "Sanne de Vries")
    owner.combo.setCurrentIndex(0)
    assert owner.owner() == (None, "")
    assert owner.combo.currentText() == "Nobody (clear the owner)"


def test_right_clicking_keeps_the_selected_rows(
    qtbot: QtBot, make_window: Callable[[], MainWindow], sample: dict[str, int]
) -> None:
    window = make_window()
    view = window.contacts
    select_rows(view, [1, 3])
    rect = view.table.visualRect(view.model.index(3, 0))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.RightButton, pos=rect.center())
    assert sorted(view.bulk.selected_ids()) == sorted(view.model.cached_row(r).id for r in (1, 3))


def test_deleting_several_selected_people_is_one_step_and_one_undo(
    qtbot: QtBot,
    make_window: Callable[[], MainWindow],
    sample: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = make_window()
    view = window.contacts
    names = PeopleTableModel.NAME
    assert column(view, names) == ["Bakker, Els", "Berg, Jan", "Mulder, Kees", "Smit, Anna"]
    select_rows(view, [0, 2, 3])
    asked: list[tuple[str, ...]] = []

    def confirm(_parent: object, *texts: str) -> bool:
        asked.append(texts)
        return True

    monkeypatch.setattr(prompts, "confirm", confirm)
    with qtbot.waitSignal(view.bulk.finished, timeout=10_000):
        window.delete_action.trigger()
    wait_loaded(qtbot, view.model)

    assert asked[0][1] == "Delete the 3 people selected?"
    assert column(view, names) == ["Berg, Jan"]
    assert undo_text(window) == "Undo Delete 3 people"

    window.undo_action.trigger()
    wait_loaded(qtbot, view.model)
    assert column(view, names) == ["Bakker, Els", "Berg, Jan", "Mulder, Kees", "Smit, Anna"]
    assert column(view, PeopleTableModel.OWNER) == ["Pim Smit", "Sanne de Vries", "", "Pim Smit"]
