"""Assessments in the GUI: re-assess through the dialog, the live result, movement, history."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from techzone_crm.db.engine import Database
from techzone_crm.db.models import Assessment, EngagementLevel
from techzone_crm.services import organisations, people
from techzone_crm.services.assessments import (
    AssessmentData,
    Stakeholder,
    add_assessment,
    history,
    movement,
)
from techzone_crm.services.dossiers import DossierData, add_dossier
from techzone_crm.services.team import TeamMemberData, add_team_member
from techzone_crm.ui import prompts
from techzone_crm.ui.dialogs.assessment_dialog import AssessmentDialog
from techzone_crm.ui.errors import ErrorReporter
from techzone_crm.ui.tasks import TaskRunner
from techzone_crm.ui.views.assessment_section import AssessmentSection
from techzone_crm.ui.views.assessment_texts import gap_text, movement_text
from techzone_crm.ui.views.contacts_view import ContactsView
from techzone_crm.ui.views.detail_pane import format_date
from techzone_crm.ui.views.organisations_view import OrganisationsView

from .helpers import wait_loaded

pytestmark = pytest.mark.gui


def ago(days: int) -> date:
    return date.today() - timedelta(days=days)


@dataclass
class Seeded:
    person: int
    organisation: int
    dossier: int
    anna: int


def seed(db: Database) -> Seeded:
    """Jan was assessed once, 90 days ago: power 2, interest 4 (keep informed)."""
    with db.sessions.begin() as session:
        anna = add_team_member(session, TeamMemberData("Anna Smit")).id
        jan = people.add_person(session, people.PersonData("Jan", "Jansen")).id
        org = organisations.add_organisation(
            session, organisations.OrganisationData("Gemeente Emmen", helix="government")
        ).id
        dossier = add_dossier(session, DossierData("Nedersaksenlijn")).id
        add_assessment(
            session,
            AssessmentData(
                ago(90), power=2, interest=4, person_id=jan, assessed_by_id=anna, attitude=0
            ),
        )
    return Seeded(jan, org, dossier, anna)


def _assess(db: Database, **values: Any) -> int:
    with db.sessions.begin() as session:
        return add_assessment(session, AssessmentData(**values)).id


def _count(db: Database) -> int:
    with db.read() as session:
        return session.scalar(select(func.count(Assessment.id))) or 0


@pytest.fixture
def contacts(
    qtbot: QtBot, db: Database, runner: TaskRunner, reporter: ErrorReporter
) -> Iterator[ContactsView]:
    view = ContactsView(db, runner, reporter)
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    qtbot.waitExposed(view)
    yield view


def _show_person(qtbot: QtBot, view: ContactsView, person_id: int) -> AssessmentSection:
    view.refresh(select_id=person_id)
    wait_loaded(qtbot, view.model)
    assert view.person_details.person_id == person_id
    return view.person_details.assessment


def _save(qtbot: QtBot, dialog: AssessmentDialog) -> None:
    with qtbot.waitSignal(dialog.saved):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def _select(section: AssessmentSection, row: int) -> None:
    section.table.selectRow(row)
    assert section.selected_entry() is section.model.rows[row]


def test_reassessing_keeps_the_first_and_shows_the_movement(
    qtbot: QtBot, db: Database, contacts: ContactsView, qtmodeltester: Any
) -> None:
    s = seed(db)
    section = _show_person(qtbot, contacts, s.person)
    qtmodeltester.check(section.model)
    assert "Keep informed" in section.classes_label.text()
    assert section.assess_button.text() == "Re-assess…"

    section.assess_button.click()
    dialog = section.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == "Re-assess Jan Jansen"
    # Pre-filled from the latest assessment, dated today.
    assert (dialog.power_combo.value(), dialog.interest_combo.value()) == (2, 4)
    assert dialog.team_combo.currentText() == "Anna Smit"
    assert dialog.date_edit.date().toPython() == date.today()
    assert "Keep informed" in dialog.result_box.result.text()

    dialog.power_combo.set_value(4)
    dialog.interest_combo.set_value(5)
    dialog.attitude_combo.set_value(1)
    assert "Key player" in dialog.result_box.result.text()
    with qtbot.waitSignal(contacts.changed):
        _save(qtbot, dialog)

    with db.read() as session:
        rows = history(session, Stakeholder.person(s.person))
    assert [(r.power, r.interest) for r in rows] == [(4, 5), (2, 4)]
    assert rows[1].assessed_on == ago(90)
    assert "Key player" in section.classes_label.text()
    assert "+1 Sympathetic" in section.attitude_label.text()
    movement = section.movement_label.text()
    assert "Keep informed → Key player" in movement
    assert "power 2 → 4" in movement and "interest 4 → 5" in movement
    assert "attitude 0 → +1 Sympathetic" in movement
    assert section.model.rowCount() == 2
    assert section.model.index(0, 2).data() == "4↑ / 5↑"
    assert section.model.index(0, 3).data() == "Key player"
    assert section.model.index(1, 5).data() == "Anna Smit"


def test_live_result_names_the_classes_while_typing(qtbot: QtBot, db: Database) -> None:
    s = seed(db)
    dialog = AssessmentDialog(db, organisation_id=s.organisation)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == "Assess Gemeente Emmen"
    result = dialog.result_box.result
    assert "Monitor" in result.text() and "Non-stakeholder" in result.text()

    for check in (dialog.power_check, dialog.legitimacy_check, dialog.urgency_check):
        qtbot.mouseClick(check, Qt.MouseButton.LeftButton)
    assert "Definitive" in result.text()
    dialog.agreement_combo.set_value(5)
    dialog.trust_combo.set_value(4)
    assert "Partner / ally" in result.text()
    dialog.engagement_now_combo.set_value(EngagementLevel.CONSULT)
    dialog.engagement_desired_combo.set_value(EngagementLevel.COLLABORATE)
    assert "engagement gap: 2 steps (Consult → Collaborate)" in result.text()
    dialog.power_combo.set_value(5)
    dialog.interest_combo.set_value(4)
    assert "Key player · Definitive · Partner / ally · engagement gap: 2 steps" in result.text()


def test_a_dossier_assessment_shows_with_the_dossier_and_prefills_its_own(
    qtbot: QtBot, db: Database, contacts: ContactsView
) -> None:
    s = seed(db)
    _assess(db, assessed_on=ago(10), power=5, interest=5, person_id=s.person, dossier_id=s.dossier)
    section = _show_person(qtbot, contacts, s.person)

    assert [section.model.index(r, 1).data() for r in range(2)] == ["Nedersaksenlijn", "Overall"]
    # The summary stays the overall one; the dossier's movement is its own.
    assert "Keep informed" in section.classes_label.text()
    assert not section.movement_label.isVisible()

    _select(section, 0)
    section.assess_button.click()
    dialog = section.dialog
    assert dialog is not None
    assert dialog.dossier_combo.currentText() == "Nedersaksenlijn"
    assert (dialog.power_combo.value(), dialog.interest_combo.value()) == (5, 5)
    dialog.interest_combo.set_value(2)
    _save(qtbot, dialog)
    with db.read() as session:
        on_dossier = history(session, Stakeholder.person(s.person), s.dossier)
    assert [(r.power, r.interest) for r in on_dossier] == [(5, 2), (5, 5)]


def test_a_new_assessment_for_another_dossier_starts_from_that_dossiers_latest(
    qtbot: QtBot, db: Database
) -> None:
    s = seed(db)
    _assess(db, assessed_on=ago(5), power=5, interest=1, person_id=s.person, dossier_id=s.dossier)
    dialog = AssessmentDialog(db, person_id=s.person)
    qtbot.addWidget(dialog)
    assert (dialog.power_combo.value(), dialog.interest_combo.value()) == (2, 4)
    dialog.dossier_combo.setCurrentIndex(dialog.dossier_combo.findData(s.dossier))
    assert (dialog.power_combo.value(), dialog.interest_combo.value()) == (5, 1)
    # A dossier without an assessment of its own starts from how they stand overall.
    with db.sessions.begin() as session:
        other = add_dossier(session, DossierData("Netcongestie")).id
    dialog = AssessmentDialog(db, person_id=s.person, dossier_id=other)
    qtbot.addWidget(dialog)
    assert dialog.dossier_combo.currentText() == "Netcongestie"
    assert (dialog.power_combo.value(), dialog.interest_combo.value()) == (2, 4)
    assert "first assessment for this dossier" in dialog.hint.text()
    dialog.dossier_combo.setCurrentIndex(dialog.dossier_combo.findData(s.dossier))
    assert (dialog.power_combo.value(), dialog.interest_combo.value()) == (5, 1)
    # Once the user changed a value, choosing a dossier keeps what they entered.
    dialog.trust_combo.set_value(5)
    dialog.dossier_combo.setCurrentIndex(0)
    assert (dialog.power_combo.value(), dialog.trust_combo.value()) == (5, 5)


def test_editing_corrects_one_assessment_in_place(
    qtbot: QtBot, db: Database, contacts: ContactsView
) -> None:
    s = seed(db)
    section = _show_person(qtbot, contacts, s.person)
    _select(section, 0)
    section.edit_button.click()
    dialog = section.dialog
    assert dialog is not None and dialog.windowTitle().startswith("Edit assessment of")
    assert dialog.date_edit.date().toPython() == ago(90)
    dialog.power_combo.set_value(3)
    _save(qtbot, dialog)
    assert _count(db) == 1
    assert section.model.index(0, 2).data() == "3 / 4"


def test_bad_input_is_shown_at_the_field_and_nothing_is_saved(qtbot: QtBot, db: Database) -> None:
    s = seed(db)
    dialog = AssessmentDialog(db, person_id=s.person)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.note_edit.setPlainText("x" * 20_001)
    assert dialog.save() is False
    assert dialog.isVisible()
    errors = dialog.feedback._fields["note"][1]
    assert errors.isVisible() and errors.text().startswith("Note is too long")
    assert _count(db) == 1


def test_deleting_a_history_row_asks_and_keeps_the_others(
    qtbot: QtBot, db: Database, contacts: ContactsView, monkeypatch: pytest.MonkeyPatch
) -> None:
    s = seed(db)
    _assess(db, assessed_on=ago(30), power=4, interest=4, person_id=s.person)
    _assess(db, assessed_on=ago(20), power=1, interest=1, person_id=s.person, dossier_id=s.dossier)
    section = _show_person(qtbot, contacts, s.person)
    assert section.model.rowCount() == 3
    asked: list[str] = []

    def answer(reply: bool) -> Any:
        def confirm(_parent: Any, _title: str, text: str, details: str, _accept: str) -> bool:
            asked.append(f"{text} {details}")
            return reply

        return confirm

    monkeypatch.setattr(prompts, "confirm", answer(False))
    _select(section, 1)  # the overall one of 30 days ago
    section.delete_button.click()
    assert _count(db) == 3
    assert "overall assessment" in asked[0] and "other assessments are kept" in asked[0]

    monkeypatch.setattr(prompts, "confirm", answer(True))
    _select(section, 1)
    with qtbot.waitSignal(section.changed):
        section.delete_button.click()
    assert _count(db) == 2
    assert [section.model.index(r, 1).data() for r in range(2)] == ["Nedersaksenlijn", "Overall"]
    assert "Keep informed" in section.classes_label.text()


def test_not_assessed_yet_offers_to_assess(
    qtbot: QtBot, db: Database, contacts: ContactsView
) -> None:
    with db.sessions.begin() as session:
        piet = people.add_person(session, people.PersonData("Piet", "Pot")).id
    section = _show_person(qtbot, contacts, piet)
    assert section.empty.isVisible() and section.empty.text() == "Not assessed yet."
    assert not section.table.isVisible() and not section.summary.isVisible()
    assert section.assess_button.text() == "Assess…"
    assert not section.edit_button.isVisible()
    section.assess_button.click()
    assert section.dialog is not None and section.dialog.windowTitle() == "Assess Piet Pot"


def test_an_organisations_pane_shows_its_assessment(
    qtbot: QtBot, db: Database, runner: TaskRunner, reporter: ErrorReporter
) -> None:
    s = seed(db)
    _assess(
        db,
        assessed_on=ago(3),
        power=5,
        interest=2,
        organisation_id=s.organisation,
        has_power=True,
        has_legitimacy=True,
        assessed_by_id=s.anna,
    )
    view = OrganisationsView(db, runner, reporter)
    qtbot.addWidget(view)
    view.show()
    wait_loaded(qtbot, view.model)
    view.open_record(s.organisation)
    qtbot.waitUntil(lambda: view.org_details.org_id == s.organisation)
    section = view.org_details.assessment
    assert section.isVisible()
    assert "Keep satisfied" in section.classes_label.text()
    assert "Dominant" in section.classes_label.text()
    assert "Anna Smit" in section.assessed_label.text()
    assert section.model.rowCount() == 1


def test_texts_of_a_gap_down_and_of_no_movement(db: Database) -> None:
    s = seed(db)
    _assess(db, assessed_on=ago(1), power=2, interest=4, person_id=s.person, assessed_by_id=s.anna)
    with db.read() as session:
        move = movement(session, Stakeholder.person(s.person))
    assert move is not None
    assert movement_text(move) == f"Since {format_date(ago(90))}: no change"
    assert gap_text(EngagementLevel.COLLABORATE, EngagementLevel.CONSULT, -2) == (
        "engagement: 2 steps down (Collaborate → Consult)"
    )
    assert gap_text(EngagementLevel.INFORM, EngagementLevel.CONSULT, 1) == (
        "engagement gap: 1 step (Inform → Consult)"
    )
