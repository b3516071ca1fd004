"""The Organisations page: details with people, the organisation dialog, delete."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from techzone_crm.db.engine import Database
from techzone_crm.db.models import Helix, Sector
from techzone_crm.services import affiliations, organisations, people
from techzone_crm.services.affiliations import AffiliationData
from techzone_crm.services.organisations import OrganisationData
from techzone_crm.services.people import PersonData
from techzone_crm.ui import prompts
from techzone_crm.ui.dialogs.organisation_dialog import OrganisationDialog
from techzone_crm.ui.main_window import ORGANISATIONS, MainWindow
from techzone_crm.ui.models.organisations_model import OrganisationsTableModel

from .helpers import wait_loaded

pytestmark = pytest.mark.gui


@pytest.fixture
def sample(db: Database) -> dict[str, int]:
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
                sectors=[Sector.LOGISTICS],
                website="www.emmen.nl",
                parent_id=drenthe.id,
                is_partner=True,
                region="Zuidoost-Drenthe",
            ),
        )
        organisations.add_organisation(s, OrganisationData("Bedrijf Noord", Helix.BUSINESS))
        anna = people.add_person(s, PersonData("Anna", "Smit"))
        kees = people.add_person(s, PersonData("Kees", "Mulder"))
        affiliations.add_affiliation(s, AffiliationData(anna.id, emmen.id, "Burgemeester"))
        affiliations.add_affiliation(
            s, AffiliationData(kees.id, emmen.id, "Wethouder", date(2014, 1, 1), date(2018, 3, 1))
        )
        return {"drenthe": drenthe.id, "emmen": emmen.id, "anna": anna.id, "kees": kees.id}


def org_names(window: MainWindow) -> list[str]:
    model = window.organisations.model
    return [model.index(r, OrganisationsTableModel.NAME).data() for r in range(model.rowCount())]


def open_page(qtbot: QtBot, window: MainWindow, name: str | None = None) -> None:
    window.show_page(ORGANISATIONS)
    wait_loaded(qtbot, window.organisations.model)
    if name is not None:
        window.organisations.table.selectRow(org_names(window).index(name))
        qtbot.waitUntil(lambda: window.organisations.org_details.org_id is not None)


def test_the_details_show_facts_and_current_and_former_people(
    qtbot: QtBot, qtmodeltester, make_window: Callable[[], MainWindow], sample: dict[str, int]
) -> None:
    window = make_window()
    open_page(qtbot, window, "Gemeente Emmen")
    assert window.count_label.text() == "3 organisations"
    details = window.organisations.org_details
    assert details.title.text() == "Gemeente Emmen"
    assert "Government" in details.helix_label.text()
    assert details.level_label.text() == "Municipality"
    assert details.sectors_label.text() == "Logistics"
    assert details.parent_label.text() == "Provincie Drenthe"
    assert details.partner_label.text() == "Yes"
    assert 'href="https://www.emmen.nl"' in details.website_label.text()
    model = details.people_model
    qtmodeltester.check(model, force_py=True)
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == [
        "Current (1)",
        "Former (1)",
    ]
    assert model.index(0, 0, model.index(0, 0)).data() == "Smit, Anna"
    assert model.index(0, 0, model.index(1, 0)).data() == "Mulder, Kees"


def test_double_clicking_a_person_goes_to_them_on_the_contacts_page(
    qtbot: QtBot, make_window: Callable[[], MainWindow], sample: dict[str, int]
) -> None:
    window = make_window()
    open_page(qtbot, window, "Gemeente Emmen")
    model = window.organisations.org_details.people_model
    window.organisations.org_details.people_view.activated.emit(
        model.index(0, 0, model.index(1, 0))
    )
    assert window.stack.currentWidget() is window.contacts
    qtbot.waitUntil(lambda: window.contacts.selected_id() == sample["kees"])
    assert window.contacts.person_details.title.text() == "Kees Mulder"


def test_the_helix_filter_narrows_the_list(
    qtbot: QtBot, make_window: Callable[[], MainWindow], sample: dict[str, int]
) -> None:
    window = make_window()
    open_page(qtbot, window)
    view = window.organisations
    helix = view.filters.combo("helix")
    helix.setCurrentIndex(helix.findText("Business"))
    wait_loaded(qtbot, view.model)
    assert org_names(window) == ["Bedrijf Noord"]
    assert window.count_label.text() == "Showing 1 of 3 organisations"
    view.filters.check("partners_only").setChecked(True)
    assert view.model.count == 0
    assert view.empty_label.isVisible()


def test_government_level_is_only_for_government(
    qtbot: QtBot, make_window: Callable[[], MainWindow], sample: dict[str, int]
) -> None:
    window = make_window()
    window.new_org_action.trigger()
    dialog = window.organisations.dialog
    assert isinstance(dialog, OrganisationDialog) and dialog.isVisible()
    dialog.helix_combo.setCurrentIndex(dialog.helix_combo.findData(Helix.GOVERNMENT.value))
    assert dialog.level_combo.isEnabled()
    dialog.level_combo.setCurrentIndex(dialog.level_combo.findData("province"))
    dialog.helix_combo.setCurrentIndex(dialog.helix_combo.findData(Helix.BUSINESS.value))
    assert not dialog.level_combo.isEnabled()
    assert dialog.level_combo.currentData() is None
    dialog.reject()


def test_adding_an_organisation_with_a_bad_website_then_fixing_it(
    qtbot: QtBot, make_window: Callable[[], MainWindow], db: Database, sample: dict[str, int]
) -> None:
    window = make_window()
    window.new_org_action.trigger()
    dialog = window.organisations.dialog
    assert isinstance(dialog, OrganisationDialog)
    qtbot.keyClicks(dialog.name_edit, "Drenthe College")
    dialog.helix_combo.setCurrentIndex(dialog.helix_combo.findData(Helix.EDUCATION.value))
    dialog.sector_boxes[Sector.HTSM].setChecked(True)
    qtbot.keyClicks(dialog.website_edit, "drenthe college")
    # Typed in full, the name counts as chosen (its children also match the words).
    qtbot.keyClicks(dialog.parent_picker, "Provincie Drenthe")
    assert dialog.parent_picker.suggestions.rowCount() == 2

    qtbot.mouseClick(
        dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    error = dialog.feedback._fields["website"][1]
    assert dialog.isVisible()
    assert error.isVisible() and "not a web address" in error.text()
    assert dialog.focusWidget() is dialog.website_edit

    dialog.website_edit.setText("www.drenthecollege.nl")
    assert dialog.save()
    wait_loaded(qtbot, window.organisations.model)
    assert "Drenthe College" in org_names(window)
    details = window.organisations.org_details
    assert details.title.text() == "Drenthe College"
    assert details.parent_label.text() == "Provincie Drenthe"
    assert details.sectors_label.text() == "HTSM"


def test_an_unknown_parent_organisation_is_refused_at_the_field(
    qtbot: QtBot, make_window: Callable[[], MainWindow], sample: dict[str, int]
) -> None:
    window = make_window()
    window.organisations.new_record()
    dialog = window.organisations.dialog
    assert isinstance(dialog, OrganisationDialog)
    dialog.name_edit.setText("Nieuw")
    dialog.parent_picker.setText("Does not exist")
    assert not dialog.save()
    error = dialog.feedback._fields["parent_id"][1]
    assert error.isVisible() and error.text().startswith("Part of is not an organisation")


def test_delete_explains_what_happens_to_the_links(
    qtbot: QtBot,
    make_window: Callable[[], MainWindow],
    sample: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = make_window()
    open_page(qtbot, window, "Provincie Drenthe")
    asked: list[str] = []
    monkeypatch.setattr(
        prompts, "confirm", lambda _p, _t, text, details, _a: asked.append(details) or True
    )
    window.delete_action.trigger()
    assert "Kept, without it: 1 organisation that is part of it." in asked[0]
    wait_loaded(qtbot, window.organisations.model)
    assert org_names(window) == ["Bedrijf Noord", "Gemeente Emmen"]

    window.organisations.table.selectRow(1)
    qtbot.waitUntil(lambda: window.organisations.org_details.org_id == sample["emmen"])
    window.delete_action.trigger()
    assert "Deleted with it: 2 roles of people here (1 current)." in asked[1]
    wait_loaded(qtbot, window.organisations.model)
    assert org_names(window) == ["Bedrijf Noord"]


def test_deleting_a_record_changed_elsewhere_is_refused_and_the_list_refreshed(
    qtbot: QtBot,
    make_window: Callable[[], MainWindow],
    db: Database,
    sample: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = make_window()
    open_page(qtbot, window, "Bedrijf Noord")
    shown: list[str] = []
    monkeypatch.setattr(prompts, "confirm", lambda *_: True)
    monkeypatch.setattr(prompts, "show_problem", lambda _p, _t, message: shown.append(message))
    real_get = organisations.get_organisation

    def get_then_someone_edits(session, org_id):
        org = real_get(session, org_id)
        with db.sessions.begin() as other:
            organisations.update_organisation(
                other, org_id, OrganisationData("Bedrijf Noord BV", Helix.BUSINESS)
            )
        return org

    monkeypatch.setattr(organisations, "get_organisation", get_then_someone_edits)
    window.delete_action.trigger()
    assert len(shown) == 1
    assert shown[0].startswith("Bedrijf Noord was changed elsewhere")
    assert "not deleted" in shown[0]
    monkeypatch.setattr(organisations, "get_organisation", real_get)
    wait_loaded(qtbot, window.organisations.model)
    assert "Bedrijf Noord BV" in org_names(window)
