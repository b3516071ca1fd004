"""Relationships in the person's and organisation's panes: add, refuse, edit, remove, links."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import event, func, select

from techzone_crm.db.engine import Database
from techzone_crm.db.models import Helix, Relationship, RelationshipKind
from techzone_crm.services import organisations, people
from techzone_crm.services.organisations import OrganisationData
from techzone_crm.services.people import PersonData
from techzone_crm.services.relationships import RelationshipData, add_relationship
from techzone_crm.ui import prompts
from techzone_crm.ui.dialogs.relationship_dialog import RelationshipDialog
from techzone_crm.ui.main_window import MainWindow
from techzone_crm.ui.views.organisation_details import OrganisationDetails
from techzone_crm.ui.views.person_details import PersonDetails, read_person
from techzone_crm.ui.views.relationships_section import (
    KIND_COLUMN,
    OTHER_COLUMN,
    STRENGTH_COLUMN,
    RelationshipsSection,
)

pytestmark = pytest.mark.gui


@dataclass
class Seeded:
    jan: int
    els: int
    piet: int
    dtz: int
    emmen: int


@pytest.fixture
def seeded(db: Database) -> Seeded:
    with db.sessions.begin() as s:
        return Seeded(
            jan=people.add_person(s, PersonData("Jan", "Berg")).id,
            els=people.add_person(s, PersonData("Els", "Dijk")).id,
            piet=people.add_person(s, PersonData("Piet", "Smit")).id,
            dtz=organisations.add_organisation(
                s, OrganisationData("Dutch TechZone", Helix.CIVIL_SOCIETY)
            ).id,
            emmen=organisations.add_organisation(
                s, OrganisationData("Gemeente Emmen", Helix.GOVERNMENT)
            ).id,
        )


def relate(db: Database, data: RelationshipData) -> int:
    with db.sessions.begin() as s:
        return add_relationship(s, data).id


def count(db: Database) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(Relationship)) or 0)


def person_pane(qtbot: QtBot, db: Database, person_id: int) -> PersonDetails:
    pane = PersonDetails(db)
    qtbot.addWidget(pane)
    pane.resize(560, 900)
    pane.show()
    qtbot.waitExposed(pane)
    pane.show_person(person_id)
    return pane


def open_dialog(section: RelationshipsSection) -> RelationshipDialog:
    dialog = section.dialog
    assert isinstance(dialog, RelationshipDialog) and dialog.isVisible()
    return dialog


def click_cell(qtbot: QtBot, section: RelationshipsSection, row: int, column: int) -> None:
    rect = section.table.visualRect(section.model.index(row, column))
    qtbot.mouseClick(section.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_adding_jan_advises_els_reads_from_both_sides(
    qtbot: QtBot, qtmodeltester: Any, db: Database, seeded: Seeded
) -> None:
    pane = person_pane(qtbot, db, seeded.jan)
    section = pane.relationships
    assert section.empty.isVisible() and not section.table.isVisible()
    section.add_button.click()
    dialog = open_dialog(section)
    assert dialog.this_label.text() == "Jan Berg"
    wordings = [dialog.kind_combo.itemText(i) for i in range(dialog.kind_combo.count())]
    assert "advises …" in wordings and "is advised by …" in wordings
    assert wordings.count("works with …") == 1  # a mutual kind is offered once
    dialog.set_direction(RelationshipKind.ADVISES)
    qtbot.keyClicks(dialog.other_picker, "Els Dijk")
    dialog.set_strength(4)
    assert dialog.preview.text() == "<b>Jan Berg</b> advises <b>Els Dijk</b>"
    assert dialog.save()

    assert section.rows_text() == ["advises Els Dijk"]
    assert section.heading.text() == "Relationships (1)"
    assert section.model.index(0, STRENGTH_COLUMN).data() == "●●●●○"
    assert "4 of 5 – strong" in section.model.index(0, STRENGTH_COLUMN).data(
        Qt.ItemDataRole.ToolTipRole
    )
    qtmodeltester.check(section.model)
    with db.read() as s:
        rel = s.scalars(select(Relationship)).one()
        assert (rel.kind, rel.person_a_id, rel.person_b_id, rel.strength) == (
            RelationshipKind.ADVISES,
            seeded.jan,
            seeded.els,
            4,
        )

    pane.show_person(seeded.els)
    assert section.rows_text() == ["is advised by Jan Berg"]


def test_choosing_is_advised_by_stores_the_other_way_round(
    qtbot: QtBot, db: Database, seeded: Seeded
) -> None:
    pane = person_pane(qtbot, db, seeded.els)
    pane.relationships.add_button.click()
    dialog = open_dialog(pane.relationships)
    dialog.set_direction(RelationshipKind.ADVISES, outgoing=False)
    dialog.other_picker.setText("Jan Berg")
    assert dialog.save()
    assert pane.relationships.rows_text() == ["is advised by Jan Berg"]
    with db.read() as s:
        rel = s.scalars(select(Relationship)).one()
        assert (rel.person_a_id, rel.person_b_id) == (seeded.jan, seeded.els)


def test_a_duplicate_oneself_or_bad_date_is_refused_at_the_field(
    qtbot: QtBot, db: Database, seeded: Seeded
) -> None:
    relate(db, RelationshipData.people(RelationshipKind.ADVISES, seeded.jan, seeded.els))
    pane = person_pane(qtbot, db, seeded.els)
    pane.relationships.add_button.click()
    dialog = open_dialog(pane.relationships)

    # The same relationship entered from the other side is a duplicate.
    dialog.set_direction(RelationshipKind.ADVISES, outgoing=False)
    dialog.other_picker.setText("Jan Berg")
    assert not dialog.save()
    assert dialog.isVisible() and not dialog.kind_errors.isHidden()
    assert dialog.kind_errors.text() == (
        "“Els Dijk is advised by Jan Berg” is already recorded; edit that one."
    )
    assert dialog.kind_combo.property("invalid") is True

    dialog.other_picker.setText("Els Dijk")
    assert not dialog.save()
    assert dialog.kind_errors.isHidden()
    assert dialog.other_errors.text() == "A person cannot have a relationship with themselves."
    assert dialog.other_picker.property("invalid") is True

    dialog.other_picker.setText("Nobody Known")
    assert not dialog.save()
    assert "not known" in dialog.other_errors.text()

    dialog.other_picker.setText("Piet Smit")
    dialog.start_edit.set_value(date.today() + timedelta(days=3))
    assert not dialog.save()
    assert dialog.other_errors.isHidden()
    assert dialog.start_edit.property("invalid") is True
    assert count(db) == 1

    dialog.start_edit.set_value(date(2021, 3, 1))
    assert dialog.save()
    assert count(db) == 2
    assert pane.relationships.rows_text() == ["is advised by Jan Berg", "is advised by Piet Smit"]


def test_editing_the_strength_shows_it(qtbot: QtBot, db: Database, seeded: Seeded) -> None:
    relate(db, RelationshipData.people(RelationshipKind.ADVISES, seeded.jan, seeded.els, 2))
    pane = person_pane(qtbot, db, seeded.els)
    section = pane.relationships
    assert section.model.index(0, STRENGTH_COLUMN).data() == "●●○○○"
    assert not section.edit_button.isEnabled()

    rect = section.table.visualRect(section.model.index(0, KIND_COLUMN))
    qtbot.mouseClick(section.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(section.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    dialog = open_dialog(section)
    assert dialog.windowTitle() == "Edit relationship"
    assert dialog.kind_combo.currentText() == "is advised by …"  # read from Els's side
    assert dialog.other_picker.text() == "Jan Berg"
    assert dialog.strength_combo.currentData() == 2
    dialog.set_strength(5)
    assert dialog.save()

    assert section.model.index(0, STRENGTH_COLUMN).data() == "●●●●●"
    assert section.selected_row() is not None  # the edited one stays selected
    with db.read() as s:
        rel = s.scalars(select(Relationship)).one()
        assert (rel.strength, rel.person_a_id, rel.version) == (5, seeded.jan, 2)


def test_removing_asks_and_removes(
    qtbot: QtBot, db: Database, seeded: Seeded, monkeypatch: pytest.MonkeyPatch
) -> None:
    relate(db, RelationshipData.people(RelationshipKind.WORKS_WITH, seeded.jan, seeded.els))
    pane = person_pane(qtbot, db, seeded.jan)
    section = pane.relationships
    asked: list[tuple[str, ...]] = []
    answer = [False]

    def confirm(_parent: Any, title: str, text: str, details: str, accept: str) -> bool:
        asked.append((title, text, details, accept))
        return answer[0]

    monkeypatch.setattr(prompts, "confirm", confirm)
    section.table.selectRow(0)
    section.remove_button.click()
    assert asked[0][:2] == ("Remove relationship", "Remove “Jan Berg works with Els Dijk”?")
    assert "Both people stay" in asked[0][2] and "not on the undo stack" in asked[0][2]
    assert count(db) == 1 and section.rows_text() == ["works with Els Dijk"]

    answer[0] = True
    with qtbot.waitSignal(section.changed):
        section.remove_button.click()
    assert count(db) == 0
    assert section.rows_text() == []
    assert section.empty.isVisible() and section.heading.text() == "Relationships"


def test_the_other_person_is_a_link(qtbot: QtBot, db: Database, seeded: Seeded) -> None:
    relate(db, RelationshipData.people(RelationshipKind.REPORTS_TO, seeded.els, seeded.jan))
    pane = person_pane(qtbot, db, seeded.jan)
    assert pane.relationships.rows_text() == ["has reporting to them Els Dijk"]
    with qtbot.waitSignal(pane.person_activated) as went:
        click_cell(qtbot, pane.relationships, 0, OTHER_COLUMN)
    assert went.args == [seeded.els, "Els Dijk"]
    assert pane.relationships.dialog is None


def test_an_organisations_pane_lists_member_of(
    qtbot: QtBot, qtmodeltester: Any, db: Database, seeded: Seeded
) -> None:
    relate(db, RelationshipData.organisations(RelationshipKind.MEMBER_OF, seeded.emmen, seeded.dtz))
    pane = OrganisationDetails(db)
    qtbot.addWidget(pane)
    pane.resize(560, 900)
    pane.show()
    qtbot.waitExposed(pane)
    pane.show_organisation(seeded.emmen)
    section = pane.relationships
    assert section.rows_text() == ["member of Dutch TechZone"]
    qtmodeltester.check(section.model)
    with qtbot.waitSignal(pane.organisation_activated) as went:
        click_cell(qtbot, section, 0, OTHER_COLUMN)
    assert went.args == [seeded.dtz]

    pane.show_organisation(seeded.dtz)
    assert section.rows_text() == ["has as member Gemeente Emmen"]
    section.add_button.click()
    dialog = open_dialog(section)
    assert dialog.this_label.text() == "Dutch TechZone"
    dialog.set_direction(RelationshipKind.PARTNER_OF)
    dialog.other_picker.setText("Gemeente Emmen")
    assert dialog.save()
    assert sorted(section.rows_text()) == [
        "has as member Gemeente Emmen",
        "partner of Gemeente Emmen",
    ]


def test_the_pane_reads_relationships_in_a_fixed_number_of_queries(
    db: Database, seeded: Seeded
) -> None:
    statements: list[str] = []

    def counted() -> int:
        statements.clear()
        read_person(db, seeded.jan)
        return len(statements)

    event.listen(db.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    relate(db, RelationshipData.people(RelationshipKind.ADVISES, seeded.jan, seeded.els))
    one = counted()
    relate(db, RelationshipData.people(RelationshipKind.WORKS_WITH, seeded.jan, seeded.piet))
    relate(db, RelationshipData.people(RelationshipKind.REPORTS_TO, seeded.els, seeded.jan))
    assert counted() == one


def test_on_the_contacts_page_the_link_opens_the_other_person(
    qtbot: QtBot, make_window: Callable[..., MainWindow], db: Database, seeded: Seeded
) -> None:
    relate(db, RelationshipData.people(RelationshipKind.WORKS_WITH, seeded.jan, seeded.els))
    window = make_window()
    window.go_to_person(seeded.jan, "Jan Berg")
    details = window.contacts.person_details
    qtbot.waitUntil(lambda: details.person_id == seeded.jan)
    click_cell(qtbot, details.relationships, 0, OTHER_COLUMN)
    qtbot.waitUntil(lambda: details.person_id == seeded.els)
    assert details.title.text() == "Els Dijk"
