"""Roles (affiliations) from the person's detail pane: add, end, remove."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import QModelIndex
from pytestqt.qtbot import QtBot

from techzone_crm.db.engine import Database
from techzone_crm.db.models import Helix
from techzone_crm.services import affiliations, organisations, people
from techzone_crm.services.affiliations import AffiliationData
from techzone_crm.services.organisations import OrganisationData
from techzone_crm.services.people import PersonData
from techzone_crm.ui import prompts
from techzone_crm.ui.dialogs.affiliation_dialog import AffiliationDialog, AffiliationMode
from techzone_crm.ui.main_window import MainWindow

from .helpers import wait_loaded

pytestmark = pytest.mark.gui


@pytest.fixture
def person(db: Database) -> int:
    with db.sessions.begin() as s:
        organisations.add_organisation(s, OrganisationData("Gemeente Coevorden", Helix.GOVERNMENT))
        organisations.add_organisation(s, OrganisationData("Gemeente Hoogeveen", Helix.GOVERNMENT))
        return people.add_person(s, PersonData("Ria", "Wolters")).id


def shown_window(qtbot: QtBot, make_window: Callable[[], MainWindow]) -> MainWindow:
    window = make_window()
    window.contacts.table.selectRow(0)
    qtbot.waitUntil(lambda: window.contacts.person_details.person_id is not None)
    return window


def role_rows(window: MainWindow) -> dict[str, list[str]]:
    model = window.contacts.person_details.roles_model
    result = {}
    for g in range(model.rowCount()):
        group = model.index(g, 0)
        result[str(group.data()).split(" (")[0]] = [
            model.index(r, 0, group).data() for r in range(model.rowCount(group))
        ]
    return result


def test_adding_a_role_with_the_organisation_picker(
    qtbot: QtBot, qtmodeltester, make_window: Callable[[], MainWindow], person: int
) -> None:
    window = shown_window(qtbot, make_window)
    window.contacts.person_details.add_role_button.click()
    dialog = window.contacts.dialog
    assert isinstance(dialog, AffiliationDialog) and dialog.isVisible()
    picker = dialog.organisation_picker
    qtbot.keyClicks(picker, "hoog")  # a prefix of a word, not of the name
    assert picker.suggestions.rowCount() == 1
    qtmodeltester.check(picker.suggestions, force_py=True)
    picker._completer.activated[QModelIndex].emit(picker.suggestions.index(0, 0))
    assert picker.text() == "Gemeente Hoogeveen"
    dialog.role_edit.setText("Beleidsadviseur")
    dialog.start_edit.set_value(date(2020, 2, 1))
    assert dialog.save()

    wait_loaded(qtbot, window.contacts.model)
    assert role_rows(window) == {"Current": ["Gemeente Hoogeveen"]}
    assert window.contacts.person_details.subtitle.text() == "Beleidsadviseur, Gemeente Hoogeveen"
    assert window.contacts.model.index(0, 1).data() == "Gemeente Hoogeveen"


def test_a_role_needs_a_known_organisation_and_a_sensible_period(
    qtbot: QtBot, make_window: Callable[[], MainWindow], person: int
) -> None:
    window = shown_window(qtbot, make_window)
    window.contacts.add_role(person)
    dialog = window.contacts.dialog
    assert isinstance(dialog, AffiliationDialog)
    assert not dialog.save()
    assert dialog.feedback._fields["organisation_id"][1].text() == "Organisation is required."

    dialog.organisation_picker.setText("Gemeente Coevorden")  # typed in full: found
    dialog.start_edit.set_value(date(2021, 5, 1))
    dialog.end_edit.set_value(date(2020, 1, 1))
    assert not dialog.save()
    end_error = dialog.feedback._fields["end_date"][1]
    assert end_error.isVisible() and "before it starts" in end_error.text()
    assert dialog.feedback._fields["organisation_id"][1].isHidden()


def test_ending_a_role_moves_it_to_former(
    qtbot: QtBot, make_window: Callable[[], MainWindow], db: Database, person: int
) -> None:
    with db.sessions.begin() as s:
        org_id = organisations.find_organisations(s, "Coevorden")[0][0]
        affiliations.add_affiliation(s, AffiliationData(person, org_id, "Raadslid"))
    window = shown_window(qtbot, make_window)
    details = window.contacts.person_details
    assert role_rows(window) == {"Current": ["Gemeente Coevorden"]}
    assert not details.end_role_button.isEnabled()
    group = details.roles_model.index(0, 0)
    details.roles_view.setCurrentIndex(details.roles_model.index(0, 0, group))
    assert details.end_role_button.isEnabled()
    details.end_role_button.click()
    dialog = window.contacts.dialog
    assert isinstance(dialog, AffiliationDialog) and dialog.mode is AffiliationMode.END
    assert dialog.end_edit.value() == date.today()
    dialog.end_edit.set_value(date(2023, 12, 31))
    assert dialog.save()
    qtbot.waitUntil(lambda: "Former" in role_rows(window))
    assert role_rows(window) == {"Former": ["Gemeente Coevorden"]}


def test_removing_a_role_asks_first(
    qtbot: QtBot,
    make_window: Callable[[], MainWindow],
    db: Database,
    person: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with db.sessions.begin() as s:
        org_id = organisations.find_organisations(s, "Coevorden")[0][0]
        affiliations.add_affiliation(s, AffiliationData(person, org_id, "Raadslid"))
    window = shown_window(qtbot, make_window)
    details = window.contacts.person_details
    group = details.roles_model.index(0, 0)
    details.roles_view.setCurrentIndex(details.roles_model.index(0, 0, group))
    asked: list[str] = []
    monkeypatch.setattr(prompts, "confirm", lambda _p, _t, text, _d, _a: asked.append(text) or True)
    details.remove_role_button.click()
    assert asked == ["Remove the role “Raadslid, Gemeente Coevorden”?"]
    qtbot.waitUntil(lambda: role_rows(window) == {})
