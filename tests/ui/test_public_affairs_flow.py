"""The public-affairs day in one window: record a meeting, promise something, re-assess, look
at what is overdue – each step through the pages and dialogs a user has."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from techzone_crm.db.engine import Database
from techzone_crm.db.models import Commitment, Interaction
from techzone_crm.services import people
from techzone_crm.services.agendas import AgendaData, add_agenda
from techzone_crm.services.assessments import AssessmentData, Stakeholder, add_assessment, history
from techzone_crm.services.commitments import CommitmentData, add_commitment
from techzone_crm.services.dossiers import DossierData, add_dossier
from techzone_crm.services.interactions import get_interaction
from techzone_crm.services.team import TeamMemberData, add_team_member
from techzone_crm.ui.dialogs.assessment_dialog import AssessmentDialog
from techzone_crm.ui.dialogs.interaction_dialog import InteractionDialog
from techzone_crm.ui.main_window import ANALYSIS, DASHBOARD, INTERACTIONS, MainWindow
from techzone_crm.ui.widgets.record_picker import RecordPicker

from .helpers import wait_loaded

pytestmark = pytest.mark.gui

ATTENDEES = ["Jan Berg", "Els Dijk", "Piet Smit", "Mia Bos", "Kees Mulder"]


@dataclass
class Seeded:
    jan: int
    agenda: int
    dossier: int


def ago(days: int) -> date:
    return date.today() - timedelta(days=days)


def seed(db: Database) -> Seeded:
    """Five people; Jan is assessed as 'keep informed'; one promise is already overdue."""
    with db.sessions.begin() as s:
        anna = add_team_member(s, TeamMemberData("Anna Smit")).id
        ids = [
            people.add_person(s, people.PersonData(*name.split(), owner_id=anna)).id
            for name in ATTENDEES
        ]
        agenda = add_agenda(s, AgendaData("Regio Deal Zuid- en Oost-Drenthe", "national")).id
        dossier = add_dossier(s, DossierData("Nedersaksenlijn", stage="current")).id
        add_assessment(
            s, AssessmentData(ago(120), power=2, interest=4, person_id=ids[0], assessed_by_id=anna)
        )
        add_commitment(
            s,
            CommitmentData(
                "Cijfers over de instroom sturen",
                team_member_id=anna,
                person_id=ids[1],
                due_on=ago(3),
            ),
        )
    return Seeded(ids[0], agenda, dossier)


def type_into(qtbot: QtBot, picker: RecordPicker, text: str) -> None:
    qtbot.keyClicks(picker, text)
    qtbot.keyClick(picker, Qt.Key.Key_Return)


def cells(model: QAbstractItemModel) -> list[str]:
    """Every row of a table as one line of text, as a user reads it."""
    return [
        " | ".join(str(model.index(r, c).data() or "") for c in range(model.columnCount()))
        for r in range(model.rowCount())
    ]


def test_a_meeting_a_commitment_a_reassessment_and_the_dashboard(
    qtbot: QtBot, make_window: Callable[..., MainWindow], db: Database
) -> None:
    s = seed(db)
    window = make_window(page=INTERACTIONS)

    # Record a meeting (Ctrl+I from anywhere) with five attendees, an agenda and a dossier.
    window.record_interaction_action.trigger()
    dialog = window.interaction_dialog
    assert isinstance(dialog, InteractionDialog) and dialog.isVisible()
    qtbot.keyClicks(dialog.subject_edit, "Voortgangsgesprek Regio Deal")
    for name in ATTENDEES:
        type_into(qtbot, dialog.attendees.picker, name)
    type_into(qtbot, dialog.team_members.picker, "Anna Smit")
    type_into(qtbot, dialog.agendas.picker, "Regio Deal")
    type_into(qtbot, dialog.dossiers.picker, "Nedersaksenlijn")
    # ... and the promise made there, due in two weeks.
    dialog.commitments.add_button.click()
    row = dialog.commitments.rows[0]
    qtbot.keyClicks(row.description, "Notitie over de spoorlijn sturen")
    row.due.set_value(date.today() + timedelta(days=14))
    with qtbot.waitSignal(dialog.saved):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    with db.read() as session:
        meeting_id = session.scalars(select(Interaction.id)).one()
        meeting = get_interaction(session, meeting_id)
        promise = session.scalars(
            select(Commitment).where(Commitment.interaction_id == meeting_id)
        ).one()
        assert len(meeting.attendees) == 5
        assert [a.name for a in meeting.agendas] == ["Regio Deal Zuid- en Oost-Drenthe"]
        assert [d.name for d in meeting.dossiers] == ["Nedersaksenlijn"]
        assert promise.due_on == date.today() + timedelta(days=14)
    # The Interactions page shows it on top.
    model = window.interactions.model
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    wait_loaded(qtbot, model)
    assert "Voortgangsgesprek Regio Deal" in [
        model.index(0, c).data() for c in range(model.columnCount())
    ]

    # Re-assess Jan from his page: the movement shows.
    window.go_to_person(s.jan, "Jan Berg")
    qtbot.waitUntil(lambda: window.contacts.person_details.person_id == s.jan)
    section = window.contacts.person_details.assessment
    assert "Keep informed" in section.classes_label.text()
    section.assess_button.click()
    reassess = section.dialog
    assert isinstance(reassess, AssessmentDialog)
    reassess.power_combo.set_value(5)
    reassess.interest_combo.set_value(5)
    with qtbot.waitSignal(reassess.saved):
        reassess.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert "Key player" in section.classes_label.text()
    assert "Keep informed → Key player" in section.movement_label.text()
    with db.read() as session:
        assert len(history(session, Stakeholder.person(s.jan))) == 2

    # The dashboard: the overdue commitment, the new one due, and the meeting of today.
    window.show_page(DASHBOARD)
    board = window.dashboard
    qtbot.waitUntil(lambda: board.data is not None and not board.loading)
    promises = cells(board.commitments.model)
    assert any("Cijfers over de instroom sturen" in row for row in promises)
    assert any("Notitie over de spoorlijn sturen" in row for row in promises)
    assert any("Voortgangsgesprek Regio Deal" in row for row in cells(board.recent.model))
    # Jan, now a key player, was met today: he is not among the overdue contacts.
    assert not any("Berg, Jan" in row for row in cells(board.overdue.model))


def test_the_analysis_page_opens_a_stakeholder_on_their_page(
    qtbot: QtBot, make_window: Callable[..., MainWindow], db: Database
) -> None:
    s = seed(db)
    window = make_window(page=DASHBOARD)
    window.page_actions[ANALYSIS].trigger()
    assert window.stack.currentWidget() is window.analysis
    qtbot.waitUntil(
        lambda: window.analysis.run_result is not None and not window.analysis.running,
        timeout=30_000,
    )
    assert "nodes" in window.count_label.text()
    window.analysis.open_key(f"person:{s.jan}")
    assert window.stack.currentWidget() is window.contacts
    qtbot.waitUntil(lambda: window.contacts.person_details.person_id == s.jan)
