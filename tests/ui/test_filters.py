"""Filters that combine, saved views, do-not-contact, backup owners, addresses, hierarchy."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from techzone_crm.db.engine import Database
from techzone_crm.db.models import Helix
from techzone_crm.services import affiliations, organisations, people, team
from techzone_crm.services.affiliations import AffiliationData
from techzone_crm.services.organisations import OrganisationData
from techzone_crm.services.people import PersonData
from techzone_crm.services.team import TeamMemberData
from techzone_crm.ui import prompts
from techzone_crm.ui.dialogs.organisation_dialog import OrganisationDialog
from techzone_crm.ui.dialogs.person_dialog import PersonDialog
from techzone_crm.ui.main_window import ORGANISATIONS, MainWindow
from techzone_crm.ui.models.organisations_model import OrganisationsTableModel
from techzone_crm.ui.models.people_model import PeopleTableModel
from techzone_crm.ui.widgets import saved_views as saved_views_widget

from .helpers import wait_loaded

pytestmark = pytest.mark.gui


@pytest.fixture
def register(db: Database) -> dict[str, int]:
    """Five people at a ministry's directorate, a municipality, a company and nowhere."""
    with db.sessions.begin() as s:
        anna = team.add_team_member(s, TeamMemberData("Anna de Boer")).id
        bart = team.add_team_member(s, TeamMemberData("Bart Mulder")).id
        ministry = organisations.add_organisation(
            s, OrganisationData("Ministerie van EZ", Helix.GOVERNMENT, "national")
        )
        dg = organisations.add_organisation(
            s,
            OrganisationData(
                "DG Bedrijfsleven", Helix.GOVERNMENT, "national", parent_id=ministry.id
            ),
        )
        directorate = organisations.add_organisation(
            s,
            OrganisationData("Directie Regio", Helix.GOVERNMENT, "national", parent_id=dg.id),
        )
        emmen = organisations.add_organisation(
            s,
            OrganisationData(
                "Gemeente Emmen", Helix.GOVERNMENT, "municipality", region="Emmen", is_partner=True
            ),
        )
        chem = organisations.add_organisation(
            s,
            OrganisationData(
                "Polymeer B.V.", Helix.BUSINESS, sectors=["chemistry"], region="Emmen"
            ),
        )
        els = people.add_person(s, PersonData("Els", "Bakker", owner_id=anna, tags=["Board"]))
        piet = people.add_person(s, PersonData("Piet", "Smit", owner_id=bart))
        kees = people.add_person(s, PersonData("Kees", "Dijk", do_not_contact=True))
        joke = people.add_person(s, PersonData("Joke", "Visser", owner_id=anna))
        people.add_person(s, PersonData("Oud", "Gediende"))
        for who, where, role in (
            (els, emmen, "wethouder"),
            (piet, chem, "directeur"),
            (kees, emmen, "beleidsmedewerker"),
            (joke, directorate, "directeur"),
        ):
            affiliations.add_affiliation(
                s, AffiliationData(who.id, where.id, role, date(2022, 1, 1))
            )
        return {
            "anna": anna,
            "bart": bart,
            "ministry": ministry.id,
            "dg": dg.id,
            "directorate": directorate.id,
            "emmen": emmen.id,
            "kees": kees.id,
            "els": els.id,
        }


def names(window: MainWindow) -> list[str]:
    model = window.contacts.model
    wait_loaded_rows(window)
    return [model.index(r, PeopleTableModel.NAME).data() for r in range(model.rowCount())]


def wait_loaded_rows(window: MainWindow) -> None:
    model = window.contacts.model
    for row in range(model.rowCount()):
        model.row_at(row)


def choose(combo: QComboBox, text: str) -> None:
    index = combo.findText(text)
    assert index >= 0, f"{text!r} is not offered"
    combo.setCurrentIndex(index)


def test_filters_narrow_the_list_combine_and_clear(
    qtbot: QtBot, make_window: Callable[[], MainWindow], register: dict[str, int]
) -> None:
    window = make_window()
    view = window.contacts
    filters = view.filters
    assert window.count_label.text() == "5 people"
    assert filters.toggle_button.text() == "Filters"
    assert not filters.clear_button.isVisible()

    filters.toggle_button.click()
    assert filters.isVisible()
    choose(filters.combo("region"), "Emmen")
    wait_loaded(qtbot, view.model)
    assert names(window) == ["Bakker, Els", "Dijk, Kees", "Smit, Piet"]
    assert window.count_label.text() == "Showing 3 of 5 people"

    choose(filters.combo("helix"), "Government")
    wait_loaded(qtbot, view.model)
    assert names(window) == ["Bakker, Els", "Dijk, Kees"]
    filters.check("exclude_do_not_contact").setChecked(True)
    wait_loaded(qtbot, view.model)
    assert names(window) == ["Bakker, Els"]
    assert window.count_label.text() == "Showing 1 of 5 people"
    assert filters.toggle_button.text() == "Filters (3 on)"
    assert filters.clear_button.isVisible()

    choose(filters.combo("owner"), "Bart Mulder")
    assert view.model.count == 0
    assert view.empty_label.isVisible()
    assert view.empty_label.text() == "Nobody matches the search and filters."

    filters.clear_button.click()
    wait_loaded(qtbot, view.model)
    assert len(names(window)) == 5
    assert window.count_label.text() == "5 people"
    assert filters.toggle_button.text() == "Filters"
    assert not filters.clear_button.isVisible()


def test_no_owner_current_role_and_tag_filters(
    qtbot: QtBot, make_window: Callable[[], MainWindow], register: dict[str, int]
) -> None:
    window = make_window()
    filters = window.contacts.filters
    choose(filters.combo("owner"), "No relationship owner")
    wait_loaded(qtbot, window.contacts.model)
    assert names(window) == ["Dijk, Kees", "Gediende, Oud"]
    choose(filters.combo("role"), "Without a current role")
    wait_loaded(qtbot, window.contacts.model)
    assert names(window) == ["Gediende, Oud"]
    filters.clear()
    choose(filters.combo("tag"), "Board")
    wait_loaded(qtbot, window.contacts.model)
    assert names(window) == ["Bakker, Els"]


def test_organisation_filters_combine(
    qtbot: QtBot, make_window: Callable[[], MainWindow], register: dict[str, int]
) -> None:
    window = make_window()
    window.show_page(ORGANISATIONS)
    view = window.organisations
    choose(view.filters.combo("region"), "Emmen")
    choose(view.filters.combo("level"), "Municipality")
    wait_loaded(qtbot, view.model)
    model = view.model
    shown = [model.index(r, OrganisationsTableModel.NAME).data() for r in range(model.rowCount())]
    assert shown == ["Gemeente Emmen"]
    assert window.count_label.text() == "Showing 1 of 5 organisations"


def test_a_saved_view_brings_back_the_same_rows(
    qtbot: QtBot,
    make_window: Callable[[], MainWindow],
    register: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = make_window()
    view = window.contacts
    choose(view.filters.combo("region"), "Emmen")
    view.filters.check("exclude_do_not_contact").setChecked(True)
    view.table.sortByColumn(PeopleTableModel.NAME, Qt.SortOrder.DescendingOrder)
    wait_loaded(qtbot, view.model)
    wanted = names(window)
    assert wanted == ["Smit, Piet", "Bakker, Els"]

    monkeypatch.setattr(saved_views_widget, "ask_view_name", lambda *_a: "Emmen, contactable")
    view.list_filters.saved.save_action.trigger()
    assert view.list_filters.saved.view_names() == ["Emmen, contactable"]
    assert view.list_filters.saved.combo.currentText() == "Emmen, contactable"

    view.filters.clear_button.click()
    view.table.sortByColumn(PeopleTableModel.NAME, Qt.SortOrder.AscendingOrder)
    wait_loaded(qtbot, view.model)
    assert len(names(window)) == 5
    assert view.list_filters.saved.combo.currentIndex() == 0  # no longer that view

    view.list_filters.saved.pick("Emmen, contactable")
    wait_loaded(qtbot, view.model)
    assert names(window) == wanted
    assert window.count_label.text() == "Showing 2 of 5 people"
    assert view.filters.combo("region").currentText() == "Emmen"
    assert view.filters.check("exclude_do_not_contact").isChecked()
    header = view.table.horizontalHeader()
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder

    monkeypatch.setattr(saved_views_widget, "ask_view_name", lambda *_a: "Emmen")
    view.list_filters.saved.rename_action.trigger()
    assert view.list_filters.saved.view_names() == ["Emmen"]
    monkeypatch.setattr(prompts, "confirm", lambda *_a: True)
    view.list_filters.saved.delete_action.trigger()
    assert view.list_filters.saved.view_names() == []
    assert names(window) == wanted  # deleting a view leaves the list alone


def test_do_not_contact_shows_in_the_table_the_pane_and_the_organisation(
    qtbot: QtBot,
    qtmodeltester,
    make_window: Callable[[], MainWindow],
    register: dict[str, int],
) -> None:
    window = make_window()
    view = window.contacts
    model = view.model
    row = names(window).index("Dijk, Kees")
    flagged = model.index(row, PeopleTableModel.NAME)
    other = model.index(names(window).index("Bakker, Els"), PeopleTableModel.NAME)
    qtmodeltester.check(model, force_py=True)
    assert flagged.data(Qt.ItemDataRole.DecorationRole) is not None
    assert "Do not contact" in flagged.data(Qt.ItemDataRole.ToolTipRole)
    assert other.data(Qt.ItemDataRole.DecorationRole) is None

    view.table.selectRow(row)
    qtbot.waitUntil(lambda: view.person_details.person_id == register["kees"])
    assert view.person_details.do_not_contact_badge.isVisible()
    assert view.person_details.do_not_contact_badge.text() == "Do not contact"
    view.table.selectRow(names(window).index("Bakker, Els"))
    qtbot.waitUntil(lambda: view.person_details.person_id == register["els"])
    assert not view.person_details.do_not_contact_badge.isVisible()

    window.show_page(ORGANISATIONS)
    window.organisations.open_record(register["emmen"])
    qtbot.waitUntil(lambda: window.organisations.org_details.org_id == register["emmen"])
    members = window.organisations.org_details.people_model
    qtmodeltester.check(members, force_py=True)
    current = members.index(0, 0)
    marked = {
        members.index(r, 0, current).data(): members.index(r, 0, current).data(
            Qt.ItemDataRole.DecorationRole
        )
        for r in range(members.rowCount(current))
    }
    assert marked["Dijk, Kees"] is not None
    assert marked["Bakker, Els"] is None


def test_backup_owner_is_saved_and_shown_and_may_not_be_the_owner(
    qtbot: QtBot, make_window: Callable[[], MainWindow], register: dict[str, int]
) -> None:
    window = make_window()
    view = window.contacts
    view.table.selectRow(names(window).index("Bakker, Els"))
    qtbot.waitUntil(lambda: view.person_details.person_id == register["els"])
    view.edit_selected()
    dialog = view.dialog
    assert isinstance(dialog, PersonDialog) and dialog.isVisible()
    assert dialog.owner_combo.currentText() == "Anna de Boer"
    choose(dialog.backup_combo, "Anna de Boer")
    assert not dialog.save()
    assert dialog.isVisible()
    errors = dialog.feedback._shown
    assert [w for w, _label in errors] == [dialog.backup_combo]
    assert errors[0][1].text() == "Backup owner is the same as the relationship owner."
    assert errors[0][1].isVisible()

    choose(dialog.backup_combo, "Bart Mulder")
    dialog.do_not_contact_check.setChecked(True)
    assert dialog.save()
    qtbot.waitUntil(lambda: view.person_details.backup_owner_label.text() == "Bart Mulder")
    assert view.person_details.do_not_contact_badge.isVisible()


def test_the_breadcrumb_shows_the_parents_and_a_part_opens_on_a_click(
    qtbot: QtBot, make_window: Callable[[], MainWindow], register: dict[str, int]
) -> None:
    window = make_window()
    window.show_page(ORGANISATIONS)
    view = window.organisations
    details = view.org_details
    view.open_record(register["directorate"])
    qtbot.waitUntil(lambda: details.org_id == register["directorate"])
    crumb = details.breadcrumb
    assert crumb.isVisible()
    assert crumb.text().index("Ministerie van EZ") < crumb.text().index("DG Bedrijfsleven")
    assert "Directie Regio" not in crumb.text()  # the heading says that
    assert not details.children_label.isVisible()

    crumb.linkActivated.emit(f"organisation:{register['dg']}")
    qtbot.waitUntil(lambda: details.org_id == register["dg"])
    assert details.title.text() == "DG Bedrijfsleven"
    assert view.selected_id() == register["dg"]
    assert details.children_label.isVisible()
    assert "Directie Regio" in details.children_label.text()

    details.children_label.linkActivated.emit(f"organisation:{register['directorate']}")
    qtbot.waitUntil(lambda: details.title.text() == "Directie Regio")

    view.open_record(register["ministry"])
    qtbot.waitUntil(lambda: details.org_id == register["ministry"])
    assert not details.breadcrumb.isVisible()


def test_address_and_tags_are_saved_and_shown(
    qtbot: QtBot, make_window: Callable[[], MainWindow], register: dict[str, int]
) -> None:
    window = make_window()
    window.show_page(ORGANISATIONS)
    view = window.organisations
    view.open_record(register["emmen"])
    qtbot.waitUntil(lambda: view.org_details.org_id == register["emmen"])
    view.edit_selected()
    dialog = view.dialog
    assert isinstance(dialog, OrganisationDialog) and dialog.isVisible()
    dialog.street_edit.setText("Raadhuisplein 1")
    dialog.postal_edit.setText("7811ap")
    dialog.city_edit.setText("Emmen")
    dialog.tags_edit.setText("Kerngroep, Regio Deal")
    assert dialog.save()
    details = view.org_details
    qtbot.waitUntil(lambda: "Raadhuisplein 1" in details.address_label.text())
    assert details.address_label.text() == "Raadhuisplein 1<br>7811 AP Emmen"
    assert details.tags_label.text() == "Kerngroep, Regio Deal"

    view.edit_selected()
    again = view.dialog
    assert isinstance(again, OrganisationDialog)
    assert again.postal_edit.text() == "7811 AP"
    assert again.tags_edit.tags() == ["Kerngroep", "Regio Deal"]
    again.reject()
    choose(view.filters.combo("tag"), "Kerngroep")
    wait_loaded(qtbot, view.model)
    assert view.model.count == 1
