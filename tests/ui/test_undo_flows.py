"""Undo and redo from the Edit menu after adding, editing and deleting through the GUI."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from techzone_crm.db.engine import Database
from techzone_crm.db.models import Helix
from techzone_crm.services import affiliations, organisations, people
from techzone_crm.services.affiliations import AffiliationData
from techzone_crm.services.organisations import OrganisationData
from techzone_crm.services.people import PersonData
from techzone_crm.ui import prompts
from techzone_crm.ui.dialogs.organisation_dialog import OrganisationDialog
from techzone_crm.ui.dialogs.person_dialog import PersonDialog
from techzone_crm.ui.main_window import ORGANISATIONS, MainWindow
from techzone_crm.ui.models.organisations_model import OrganisationsTableModel
from techzone_crm.ui.models.people_model import PeopleTableModel

from .helpers import wait_loaded

pytestmark = pytest.mark.gui


@pytest.fixture
def sample(db: Database) -> dict[str, int]:
    """A province with a municipality under it; two people with roles and tags."""
    with db.sessions.begin() as s:
        drenthe = organisations.add_organisation(
            s, OrganisationData("Provincie Drenthe", Helix.GOVERNMENT, "province")
        )
        emmen = organisations.add_organisation(
            s,
            OrganisationData(
                "Gemeente Emmen",
                Helix.GOVERNMENT,
                "municipality",
                parent_id=drenthe.id,
                tags=["Kerngroep"],
            ),
        )
        jan = people.add_person(
            s, PersonData("Jan", "Jansen", tags=["Program Board", "Energie"], notes="Belt graag.")
        )
        els = people.add_person(s, PersonData("Els", "Bakker"))
        affiliations.add_affiliation(
            s, AffiliationData(jan.id, emmen.id, "Wethouder", date(2022, 5, 1))
        )
        affiliations.add_affiliation(s, AffiliationData(jan.id, drenthe.id, "Gedeputeerde"))
        affiliations.add_affiliation(s, AffiliationData(els.id, emmen.id, "Griffier"))
        return {"drenthe": drenthe.id, "emmen": emmen.id, "jan": jan.id, "els": els.id}


def names(window: MainWindow) -> list[str]:
    model = window.contacts.model
    wait_loaded_rows(model)
    return [model.index(r, PeopleTableModel.NAME).data() for r in range(model.rowCount())]


def org_names(window: MainWindow) -> list[str]:
    model = window.organisations.model
    wait_loaded_rows(model)
    return [model.index(r, OrganisationsTableModel.NAME).data() for r in range(model.rowCount())]


def wait_loaded_rows(model: PeopleTableModel | OrganisationsTableModel) -> None:
    assert not model.loading, "rows are still loading"


def select(qtbot: QtBot, window: MainWindow, name: str) -> None:
    wait_loaded(qtbot, window.contacts.model)
    window.contacts.table.selectRow(names(window).index(name))
    wanted = window.contacts.selected_id()
    qtbot.waitUntil(lambda: window.contacts.person_details.person_id == wanted)


def undo(qtbot: QtBot, window: MainWindow) -> None:
    window.undo_action.trigger()
    wait_loaded(qtbot, window.contacts.model)
    wait_loaded(qtbot, window.organisations.model)


def redo(qtbot: QtBot, window: MainWindow) -> None:
    window.redo_action.trigger()
    wait_loaded(qtbot, window.contacts.model)
    wait_loaded(qtbot, window.organisations.model)


def menu_text(window: MainWindow) -> tuple[str, str]:
    return window.undo_action.text().replace("&", ""), window.redo_action.text().replace("&", "")


def save(qtbot: QtBot, dialog: PersonDialog | OrganisationDialog) -> None:
    qtbot.mouseClick(
        dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_a_new_person_can_be_undone_and_redone(
    qtbot: QtBot, make_window: Callable[[], MainWindow], sample: dict[str, int]
) -> None:
    window = make_window()
    assert not window.undo_action.isEnabled()
    window.new_person_action.trigger()
    dialog = window.contacts.dialog
    assert isinstance(dialog, PersonDialog)
    qtbot.keyClicks(dialog.given_edit, "Pieter")
    qtbot.keyClicks(dialog.prefix_edit, "de")
    qtbot.keyClicks(dialog.family_edit, "Boer")
    save(qtbot, dialog)
    wait_loaded(qtbot, window.contacts.model)
    assert "Boer, Pieter de" in names(window)
    assert menu_text(window)[0] == "Undo New person Pieter de Boer"

    undo(qtbot, window)
    assert names(window) == ["Bakker, Els", "Jansen, Jan"]
    assert window.count_label.text() == "2 people"
    assert menu_text(window) == ("Undo", "Redo New person Pieter de Boer")
    qtbot.waitUntil(lambda: window.contacts.person_details.person_id is None)

    redo(qtbot, window)
    assert names(window) == ["Bakker, Els", "Boer, Pieter de", "Jansen, Jan"]
    assert window.count_label.text() == "3 people"


def test_undoing_an_edit_restores_the_old_values(
    qtbot: QtBot, make_window: Callable[[], MainWindow], sample: dict[str, int]
) -> None:
    window = make_window()
    select(qtbot, window, "Jansen, Jan")
    window.edit_action.trigger()
    dialog = window.contacts.dialog
    assert isinstance(dialog, PersonDialog)
    dialog.given_edit.setText("Johannes")
    dialog.notes_edit.setPlainText("Mailt liever.")
    dialog.tags_edit.set_tags(["Energie"])
    save(qtbot, dialog)
    details = window.contacts.person_details
    qtbot.waitUntil(lambda: details.title.text() == "Johannes Jansen")
    assert menu_text(window)[0] == "Undo Edit Johannes Jansen"

    undo(qtbot, window)
    qtbot.waitUntil(lambda: details.title.text() == "Jan Jansen")
    assert details.notes_label.text() == "Belt graag."
    assert details.tags_label.text() == "Energie, Program Board"
    assert names(window) == ["Bakker, Els", "Jansen, Jan"]


def test_undoing_a_delete_brings_the_person_back_with_roles_and_tags(
    qtbot: QtBot,
    make_window: Callable[[], MainWindow],
    db: Database,
    sample: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = make_window()
    select(qtbot, window, "Jansen, Jan")
    confirmed: list[str] = []
    monkeypatch.setattr(
        prompts, "confirm", lambda _p, _t, _x, details, _a: confirmed.append(details) or True
    )
    window.delete_action.trigger()
    wait_loaded(qtbot, window.contacts.model)
    assert "Undo" in confirmed[0]
    assert names(window) == ["Bakker, Els"]
    assert menu_text(window)[0] == "Undo Delete Jan Jansen"

    undo(qtbot, window)
    window.contacts.search.setText("Jansen")
    window.contacts.search.flush()
    wait_loaded(qtbot, window.contacts.model)
    assert names(window) == ["Jansen, Jan"]
    select(qtbot, window, "Jansen, Jan")
    details = window.contacts.person_details
    assert details.person_id == sample["jan"]
    assert details.tags_label.text() == "Energie, Program Board"
    roles = details.roles_model
    current = roles.index(0, 0)
    assert roles.rowCount(current) == 2
    assert {roles.index(r, 0, current).data() for r in range(2)} == {
        "Gemeente Emmen",
        "Provincie Drenthe",
    }


def test_undoing_an_organisation_delete_restores_its_children_and_people(
    qtbot: QtBot,
    make_window: Callable[[], MainWindow],
    db: Database,
    sample: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = make_window()
    window.show_page(ORGANISATIONS)
    wait_loaded(qtbot, window.organisations.model)
    window.organisations.table.selectRow(org_names(window).index("Provincie Drenthe"))
    qtbot.waitUntil(lambda: window.organisations.org_details.org_id == sample["drenthe"])
    monkeypatch.setattr(prompts, "confirm", lambda *_: True)
    window.delete_action.trigger()
    wait_loaded(qtbot, window.organisations.model)
    assert org_names(window) == ["Gemeente Emmen"]
    assert menu_text(window)[0] == "Undo Delete Provincie Drenthe"

    undo(qtbot, window)
    assert org_names(window) == ["Gemeente Emmen", "Provincie Drenthe"]
    with db.read() as s:
        assert organisations.get_organisation(s, sample["emmen"]).parent_id == sample["drenthe"]
        members = organisations.organisation_people(s, sample["drenthe"])
        assert [(m.person_id, m.role) for m in members] == [(sample["jan"], "Gedeputeerde")]
    window.organisations.table.selectRow(org_names(window).index("Gemeente Emmen"))
    facts = window.organisations.org_details
    qtbot.waitUntil(lambda: facts.org_id == sample["emmen"])
    assert "Provincie Drenthe" in facts.parent_label.text()


def test_removing_a_role_and_undoing_it(
    qtbot: QtBot,
    make_window: Callable[[], MainWindow],
    sample: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = make_window()
    select(qtbot, window, "Bakker, Els")
    details = window.contacts.person_details
    current = details.roles_model.index(0, 0)
    details.roles_view.setCurrentIndex(details.roles_model.index(0, 0, current))
    monkeypatch.setattr(prompts, "confirm", lambda *_: True)
    details.remove_role_button.click()
    qtbot.waitUntil(lambda: details.roles_model.rowCount() == 0)
    assert menu_text(window)[0] == "Undo Remove role Griffier, Gemeente Emmen"

    undo(qtbot, window)
    qtbot.waitUntil(lambda: details.roles_model.rowCount() == 1)
    assert details.subtitle.text() == "Griffier, Gemeente Emmen"


def test_undo_over_a_change_made_elsewhere_is_refused_and_keeps_that_change(
    qtbot: QtBot,
    make_window: Callable[[], MainWindow],
    db: Database,
    sample: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = make_window()
    select(qtbot, window, "Bakker, Els")
    window.edit_action.trigger()
    dialog = window.contacts.dialog
    assert isinstance(dialog, PersonDialog)
    dialog.given_edit.setText("Elske")
    save(qtbot, dialog)
    with db.sessions.begin() as s:  # another window changes her again
        people.update_person(s, sample["els"], PersonData("Elisabeth", "Bakker"))
    shown: list[str] = []
    monkeypatch.setattr(prompts, "show_problem", lambda _p, _t, message: shown.append(message))

    undo(qtbot, window)

    assert len(shown) == 1 and "Edit Elske Bakker" in shown[0]
    window.refresh()
    wait_loaded(qtbot, window.contacts.model)
    assert names(window) == ["Bakker, Elisabeth", "Jansen, Jan"]
    assert menu_text(window) == ("Undo", "Redo")
