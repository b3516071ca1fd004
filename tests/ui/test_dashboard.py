"""The dashboard: the first screen, its panels, their empty texts and going to a person."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session

from techzone_crm.db.engine import Database
from techzone_crm.db.models import Person, StakeholderRole
from techzone_crm.services import people
from techzone_crm.services.agenda_stakeholders import StakeholderLinkData, link_stakeholder
from techzone_crm.services.agendas import AgendaData, add_agenda
from techzone_crm.services.assessments import AssessmentData, add_assessment
from techzone_crm.services.commitments import CommitmentData, add_commitment
from techzone_crm.services.interactions import InteractionData, add_interaction
from techzone_crm.services.team import TeamMemberData, add_team_member
from techzone_crm.ui.main_window import CONTACTS, DASHBOARD, MainWindow
from techzone_crm.ui.models.rows_model import RowsModel
from techzone_crm.ui.views.dashboard_view import DashboardView, Panel

pytestmark = pytest.mark.gui

MakeWindow = Callable[..., MainWindow]


def ago(days: int) -> date:
    return date.today() - timedelta(days=days)


@dataclass
class Seeded:
    kees: int
    lotte: int
    rob: int
    nina: int


def _person(session: Session, given: str, family: str, owner: int | None = None) -> Person:
    return people.add_person(session, people.PersonData(given, family, owner_id=owner))


def _meet(session: Session, on: date, who: Person, subject: str) -> None:
    add_interaction(session, InteractionData(on, "meeting", subject, attendee_ids=[who.id]))


def seed(db: Database) -> Seeded:
    """Kees is in time, Lotte amber, Rob red; Nina is a key player nobody owns."""
    with db.sessions.begin() as session:
        anna = add_team_member(session, TeamMemberData("Anna Smit")).id
        kees = _person(session, "Kees", "Kern", anna)
        lotte = _person(session, "Lotte", "Laat", anna)
        rob = _person(session, "Rob", "Rood", anna)
        nina = _person(session, "Nina", "Niemand")
        for who in (kees, lotte, nina):
            add_assessment(session, AssessmentData(ago(100), power=5, interest=5, person_id=who.id))
        _meet(session, ago(10), kees, "Kennismaking")
        _meet(session, ago(50), lotte, "Lunch")
        _meet(session, ago(300), rob, "Beurs")
        for what, due, to in (
            ("Notitie sturen", ago(3), kees),
            ("Terugbellen", ago(-5), lotte),
            ("Later", ago(-30), lotte),
        ):
            add_commitment(
                session, CommitmentData(what, team_member_id=anna, person_id=to.id, due_on=due)
            )
        agenda = add_agenda(session, AgendaData("Chips Act", "eu")).id
        for who in (kees, lotte, nina):
            link_stakeholder(
                session, agenda, StakeholderLinkData(StakeholderRole.DECIDES, person_id=who.id)
            )
        return Seeded(kees.id, lotte.id, rob.id, nina.id)


def wait_dashboard(qtbot: QtBot, view: DashboardView) -> None:
    """Wait until the figures read last are on screen."""
    qtbot.waitUntil(lambda: view.data is not None and not view.loading)


def column(panel: Panel, col: int) -> list[str]:
    model = panel.model
    return [model.index(r, col).data() for r in range(model.rowCount())]


def test_a_first_start_opens_on_the_dashboard_with_the_figures(
    qtbot: QtBot, qtmodeltester, db: Database, make_window: MakeWindow
) -> None:
    ids = seed(db)
    window = make_window(page=None)
    view = window.dashboard
    assert window.stack.currentWidget() is view
    assert window.navigation.currentRow() == DASHBOARD
    wait_dashboard(qtbot, view)
    for panel in view.panels:
        model: RowsModel[object] = panel.model
        qtmodeltester.check(model, force_py=True)

    assert column(view.overdue, 0) == ["Rood, Rob", "Laat, Lotte"]
    assert column(view.overdue, 1) == ["Anna Smit", "Anna Smit"]
    assert column(view.overdue, 2) == ["300", "50"]
    assert column(view.overdue, 3) == ["180 days", "42 days"]
    tip = view.overdue.model.index(1, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert "every 42 days" in tip and "red after 63 days" in tip
    assert view.overdue.model.index(0, 2).data(Qt.ItemDataRole.DecorationRole) is not None
    assert view.overdue.title.text() == "Overdue contacts (2)"
    assert view.overdue.note.text() == "Never contacted (not listed): 1."

    assert column(view.commitments, 1) == ["Notitie sturen", "Terugbellen"]
    assert column(view.commitments, 2) == ["Anna Smit", "Anna Smit"]
    assert column(view.commitments, 3) == ["Kern, Kees", "Laat, Lotte"]
    due_tip = view.commitments.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert due_tip == "Overdue by 3 days"

    assert column(view.key_players, 0) == ["Niemand, Nina"]
    assert column(view.key_players, 2) == ["Never"]
    assert view.key_players.model.person_at(0) == (ids.nina, "Niemand, Nina")

    assert column(view.recent, 2) == ["Kennismaking"]
    assert column(view.recent, 3) == ["Kern, Kees"]

    assert column(view.coverage, 0) == ["Chips Act"]
    assert column(view.coverage, 1) == ["EU"]
    assert column(view.coverage, 2) == ["3"]
    assert column(view.coverage, 3) == ["1"]
    cover_tip = view.coverage.model.index(0, 3).data(Qt.ItemDataRole.ToolTipRole)
    assert "Laat, Lotte; Niemand, Nina" in cover_tip

    for panel in view.panels:
        assert panel.table.isVisible() and not panel.empty.isVisible()
    assert window.count_label.text() == "2 overdue contacts, 1 overdue commitments"


def test_an_empty_database_says_so_in_every_panel(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window(page=DASHBOARD)
    view = window.dashboard
    wait_dashboard(qtbot, view)
    texts = {panel.base_title: panel.empty.text() for panel in view.panels}
    assert texts == {
        "Overdue contacts": "Nobody is overdue.",
        "Commitments overdue and due in the next 14 days": (
            "No commitments are overdue or due in the next 14 days."
        ),
        "Key players without an owner": "Every key player has an owner.",
        "Interactions in the last 14 days": "No interactions in the last 14 days.",
        "Agenda coverage": "No agendas yet.",
    }
    for panel in view.panels:
        assert panel.empty.isVisible() and not panel.table.isVisible()
        assert not panel.note.isVisible()
    assert not window.edit_action.isEnabled() and not window.delete_action.isEnabled()


def test_double_clicking_a_person_opens_them_on_the_contacts_page(
    qtbot: QtBot, db: Database, make_window: MakeWindow
) -> None:
    ids = seed(db)
    window = make_window(page=None)
    view = window.dashboard
    wait_dashboard(qtbot, view)
    table = view.key_players.table
    rect = table.visualRect(view.key_players.model.index(0, 0))
    # A double-click acts on the row pressed first, as with a real mouse.
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.stack.currentWidget() is window.contacts
    assert window.navigation.currentRow() == CONTACTS
    qtbot.waitUntil(lambda: window.contacts.shown_id() == ids.nina)


def test_the_dashboard_reads_again_after_a_change_and_when_shown(
    qtbot: QtBot, db: Database, make_window: MakeWindow
) -> None:
    ids = seed(db)
    window = make_window(page=None)
    view = window.dashboard
    wait_dashboard(qtbot, view)
    assert column(view.overdue, 0) == ["Rood, Rob", "Laat, Lotte"]

    with db.sessions.begin() as session:
        lotte = session.get(Person, ids.lotte)
        assert lotte is not None
        _meet(session, ago(1), lotte, "Koffie")
    with qtbot.waitSignal(view.loaded):
        window.refresh()
    assert column(view.overdue, 0) == ["Rood, Rob"]
    assert column(view.recent, 2) == ["Koffie", "Kennismaking"]

    window.show_page(CONTACTS)
    with db.sessions.begin() as session:
        rob = session.get(Person, ids.rob)
        assert rob is not None
        _meet(session, ago(0), rob, "Bellen")
    with qtbot.waitSignal(view.loaded):
        window.show_page(DASHBOARD)
    assert column(view.overdue, 0) == []
    assert view.overdue.empty.isVisible()


def test_find_on_the_dashboard_goes_to_the_contacts_search(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window(page=DASHBOARD)
    window.find_action.trigger()
    assert window.stack.currentWidget() is window.contacts


def test_an_empty_index_has_no_person(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window(page=DASHBOARD)
    wait_dashboard(qtbot, window.dashboard)
    model = window.dashboard.overdue.model
    assert model.data(QModelIndex(), RowsModel.PERSON_ROLE) is None
    assert model.person_at(0) is None
