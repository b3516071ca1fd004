"""The Follow-up page: commitments to keep and contacts due, as a user works with them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session

from techzone_crm.db.engine import Database
from techzone_crm.db.models import Commitment, CommitmentStatus, Person
from techzone_crm.services import people
from techzone_crm.services.assessments import AssessmentData, add_assessment
from techzone_crm.services.commitments import CommitmentData, add_commitment
from techzone_crm.services.interactions import InteractionData, add_interaction
from techzone_crm.services.team import TeamMemberData, add_team_member
from techzone_crm.ui import labels, prompts
from techzone_crm.ui.dialogs.commitment_dialog import CommitmentDialog
from techzone_crm.ui.errors import ErrorReporter
from techzone_crm.ui.models.commitments_model import CommitmentsModel
from techzone_crm.ui.models.overdue_contacts_model import OverdueContactsModel
from techzone_crm.ui.tasks import TaskRunner
from techzone_crm.ui.views.commitments_table import StateFilter
from techzone_crm.ui.views.follow_up_view import FollowUpView

pytestmark = pytest.mark.gui

M = CommitmentsModel
RED = QColor(labels.COMMITMENT_COLOUR[labels.CommitmentState.OVERDUE])


def ago(days: int) -> date:
    return date.today() - timedelta(days=days)


@dataclass
class Seeded:
    anna: int
    bart: int
    kees: int
    lotte: int
    rob: int
    nina: int
    late: int
    soon: int
    barts: int


def _person(session: Session, given: str, family: str, owner: int | None = None) -> Person:
    return people.add_person(session, people.PersonData(given, family, owner_id=owner))


def _meet(session: Session, on: date, who: Person) -> None:
    add_interaction(session, InteractionData(on, "meeting", "Overleg", attendee_ids=[who.id]))


def seed(db: Database) -> Seeded:
    """Anna owns Kees (in time), Lotte (amber) and Rob (red); nobody owns Nina (red)."""
    with db.sessions.begin() as s:
        anna = add_team_member(s, TeamMemberData("Anna Smit")).id
        bart = add_team_member(s, TeamMemberData("Bart Bos")).id
        kees = _person(s, "Kees", "Kern", anna)
        lotte = _person(s, "Lotte", "Laat", anna)
        rob = _person(s, "Rob", "Rood", anna)
        nina = _person(s, "Nina", "Niemand")
        _person(s, "Nooit", "Gezien", bart)
        for who in (kees, lotte):
            add_assessment(s, AssessmentData(ago(100), power=5, interest=5, person_id=who.id))
        _meet(s, ago(10), kees)
        _meet(s, ago(50), lotte)  # key player: 42 days, amber
        _meet(s, ago(300), rob)  # not assessed: 180 days, red after 270
        _meet(s, ago(280), nina)

        def promise(what: str, member: int, who: Person, due: date | None) -> int:
            data = CommitmentData(what, team_member_id=member, person_id=who.id, due_on=due)
            return add_commitment(s, data).id

        late = promise("Notitie sturen", anna, kees, ago(3))
        soon = promise("Terugbellen", anna, lotte, ago(-5))
        barts = promise("Cijfers leveren", bart, rob, None)
        return Seeded(anna, bart, kees.id, lotte.id, rob.id, nina.id, late, soon, barts)


@pytest.fixture
def view(qtbot: QtBot, db: Database, runner: TaskRunner, reporter: ErrorReporter) -> FollowUpView:
    page = FollowUpView(db, runner, reporter)
    qtbot.addWidget(page)
    page.resize(1400, 850)
    return page


def show(qtbot: QtBot, view: FollowUpView) -> None:
    view.show()
    qtbot.waitExposed(view)
    wait(qtbot, view)


def wait(qtbot: QtBot, view: FollowUpView) -> None:
    qtbot.waitUntil(
        lambda: (
            view.commitments.data is not None
            and view.contacts.data is not None
            and not view.loading
        )
    )


def column(view: FollowUpView, col: int) -> list[str]:
    proxy = view.commitments.proxy
    return [proxy.index(r, col).data() for r in range(proxy.rowCount())]


def select(view: FollowUpView, description: str) -> None:
    row = column(view, M.DESCRIPTION).index(description)
    view.commitments.table.selectRow(row)


def choose(qtbot: QtBot, view: FollowUpView, combo_name: str, data: object) -> None:
    combo = getattr(view.commitments, combo_name)
    with qtbot.waitSignal(view.commitments.loaded):
        combo.setCurrentIndex(combo.findData(data))


def test_an_overdue_commitment_shows_in_red_in_the_default_filter(
    qtbot: QtBot, qtmodeltester, db: Database, view: FollowUpView
) -> None:
    seed(db)
    show(qtbot, view)
    qtmodeltester.check(view.commitments.model, force_py=True)
    panel = view.commitments
    assert panel.state_combo.currentData() is StateFilter.OPEN
    assert panel.state_combo.currentText() == "Open (incl. overdue) (3)"
    assert column(view, M.DESCRIPTION) == ["Notitie sturen", "Terugbellen", "Cijfers leveren"]
    assert column(view, M.STATE) == ["3 days overdue", "Open", "Open"]
    state = panel.proxy.index(0, M.STATE)
    assert state.data(Qt.ItemDataRole.ForegroundRole).color() == RED
    assert panel.proxy.index(0, M.DUE).data(Qt.ItemDataRole.ForegroundRole).color() == RED
    assert state.data(Qt.ItemDataRole.DecorationRole) is not None
    assert panel.proxy.index(1, M.STATE).data(Qt.ItemDataRole.ForegroundRole) is None
    assert column(view, M.BY) == ["Anna Smit", "Anna Smit", "Bart Bos"]
    assert column(view, M.TO) == ["Kern, Kees", "Laat, Lotte", "Rood, Rob"]
    assert panel.proxy.index(1, M.DUE).data(Qt.ItemDataRole.ToolTipRole) == "Due in 5 days"
    assert view.current_status() == "1 overdue, 2 open"


def test_mark_done_moves_a_commitment_to_done_with_todays_date(
    qtbot: QtBot, db: Database, view: FollowUpView
) -> None:
    ids = seed(db)
    show(qtbot, view)
    panel = view.commitments
    select(view, "Notitie sturen")
    assert panel.done_button.isEnabled() and not panel.reopen_button.isEnabled()
    with qtbot.waitSignal(panel.loaded), qtbot.waitSignal(view.changed):
        panel.done_button.click()
    assert column(view, M.DESCRIPTION) == ["Terugbellen", "Cijfers leveren"]
    assert view.current_status() == "0 overdue, 2 open"
    with db.read() as s:
        stored = s.get(Commitment, ids.late)
        assert stored is not None
        assert (stored.status, stored.done_on) == (CommitmentStatus.DONE, date.today())

    choose(qtbot, view, "state_combo", StateFilter.DONE)
    assert column(view, M.DESCRIPTION) == ["Notitie sturen"]
    assert column(view, M.STATE) == ["Done"]
    assert column(view, M.DONE)[0] != ""
    assert panel.state_combo.currentText() == "Done (1)"


def test_cancel_and_reopen(qtbot: QtBot, db: Database, view: FollowUpView) -> None:
    ids = seed(db)
    show(qtbot, view)
    panel = view.commitments
    select(view, "Terugbellen")
    with qtbot.waitSignal(panel.loaded):
        panel.cancel_button.click()
    assert "Terugbellen" not in column(view, M.DESCRIPTION)

    choose(qtbot, view, "state_combo", StateFilter.CANCELLED)
    assert column(view, M.DESCRIPTION) == ["Terugbellen"]
    panel.table.selectRow(0)
    assert panel.reopen_button.isEnabled() and not panel.cancel_button.isEnabled()
    with qtbot.waitSignal(panel.loaded):
        panel.reopen_button.click()
    assert column(view, M.DESCRIPTION) == []
    assert panel.empty_label.isVisible()
    assert panel.empty_label.text() == "No commitment was cancelled."
    with db.read() as s:
        stored = s.get(Commitment, ids.soon)
        assert stored is not None and stored.status is CommitmentStatus.OPEN


def test_delete_asks_first(
    qtbot: QtBot, db: Database, view: FollowUpView, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = seed(db)
    show(qtbot, view)
    asked: list[str] = []

    def no(_parent: object, _title: str, text: str, *_rest: object) -> bool:
        asked.append(text)
        return False

    monkeypatch.setattr(prompts, "confirm", no)
    select(view, "Cijfers leveren")
    view.commitments.delete_button.click()
    assert asked == ["Delete the commitment “Cijfers leveren”?"]
    with db.read() as s:
        assert s.get(Commitment, ids.barts) is not None

    monkeypatch.setattr(prompts, "confirm", lambda *_a: True)
    with qtbot.waitSignal(view.commitments.loaded):
        view.commitments.delete_button.click()
    assert "Cijfers leveren" not in column(view, M.DESCRIPTION)
    with db.read() as s:
        assert s.get(Commitment, ids.barts) is None


def test_the_team_member_and_direction_filters_narrow_the_list(
    qtbot: QtBot, db: Database, view: FollowUpView
) -> None:
    ids = seed(db)
    show(qtbot, view)
    choose(qtbot, view, "team_combo", ids.bart)
    assert column(view, M.DESCRIPTION) == ["Cijfers leveren"]
    assert view.current_status() == "0 overdue, 1 open"
    choose(qtbot, view, "team_combo", ids.anna)
    assert column(view, M.DESCRIPTION) == ["Notitie sturen", "Terugbellen"]
    choose(qtbot, view, "direction_combo", False)
    assert column(view, M.DESCRIPTION) == []
    choose(qtbot, view, "direction_combo", True)
    choose(qtbot, view, "state_combo", StateFilter.OVERDUE)
    assert column(view, M.DESCRIPTION) == ["Notitie sturen"]


def test_double_clicking_the_person_opens_them(
    qtbot: QtBot, db: Database, view: FollowUpView
) -> None:
    ids = seed(db)
    show(qtbot, view)
    table = view.commitments.table
    rect = table.visualRect(view.commitments.proxy.index(0, M.TO))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(view.person_activated) as opened:
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [ids.kees, "Kern, Kees"]


def test_the_dialog_refuses_an_empty_description_at_the_field(
    qtbot: QtBot, db: Database, view: FollowUpView
) -> None:
    ids = seed(db)
    dialog = CommitmentDialog(db, None, view, CommitmentData("", team_member_id=ids.anna))
    qtbot.addWidget(dialog)
    dialog.person_picker.set_record(ids.kees, "Kees Kern")
    assert dialog.save() is False
    errors = dialog.description_edit.parentWidget().findChildren(type(dialog.banner))
    shown = [e.text() for e in errors if e.isVisibleTo(dialog)]
    assert shown == ["Commitment is required."]
    assert dialog.description_edit.property("invalid") is True

    dialog.description_edit.setPlainText("Uitnodiging sturen")
    dialog.person_picker.setText("Niemand die bestaat")
    assert dialog.save() is False
    assert dialog.feedback._shown[0][0] is dialog.person_picker

    dialog.person_picker.set_record(ids.kees, "Kees Kern")
    dialog.due_edit.set_value(ago(-7))
    with qtbot.waitSignal(dialog.saved) as saved:
        assert dialog.save() is True
    with db.read() as s:
        stored = s.get(Commitment, saved.args[0])
        assert stored is not None
        assert (stored.description, stored.team_member_id, stored.person_id, stored.due_on) == (
            "Uitnodiging sturen",
            ids.anna,
            ids.kees,
            ago(-7),
        )


def test_editing_a_commitment_can_mark_it_done(
    qtbot: QtBot, db: Database, view: FollowUpView
) -> None:
    ids = seed(db)
    dialog = CommitmentDialog(db, ids.late, view)
    qtbot.addWidget(dialog)
    assert dialog.description_edit.toPlainText() == "Notitie sturen"
    assert dialog.state_label.text() == "3 days overdue"
    assert not dialog.done_edit.isVisibleTo(dialog)
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findData(CommitmentStatus.DONE))
    assert dialog.done_edit.isVisibleTo(dialog)
    assert dialog.save() is True
    with db.read() as s:
        stored = s.get(Commitment, ids.late)
        assert stored is not None
        assert (stored.status, stored.done_on) == (CommitmentStatus.DONE, date.today())


def _people_rows(model: OverdueContactsModel) -> dict[str, list[list[str]]]:
    groups: dict[str, list[list[str]]] = {}
    for g in range(model.rowCount()):
        heading = model.index(g, 0)
        groups[heading.data()] = [
            [model.index(r, c, heading).data() for c in range(model.columnCount())]
            for r in range(model.rowCount(heading))
        ]
    return groups


def test_the_contacts_due_tab_groups_by_owner_with_amber_and_red(
    qtbot: QtBot, qtmodeltester, db: Database, view: FollowUpView
) -> None:
    ids = seed(db)
    show(qtbot, view)
    view.show_tab(view.CONTACTS)
    panel = view.contacts
    qtmodeltester.check(panel.model, force_py=True)
    groups = _people_rows(panel.model)
    assert list(groups) == ["Anna Smit (2)", "No owner (1)"]
    anna = groups["Anna Smit (2)"]
    assert [r[OverdueContactsModel.NAME] for r in anna] == ["Rood, Rob", "Laat, Lotte"]
    assert [r[OverdueContactsModel.DAYS] for r in anna] == ["300", "50"]
    assert [r[OverdueContactsModel.TARGET] for r in anna] == ["every 180 days", "every 6 weeks"]
    assert [r[OverdueContactsModel.QUADRANT] for r in anna] == ["Not assessed", "Key player"]
    heading = panel.model.index(0, 0)
    rob_days = panel.model.index(0, OverdueContactsModel.DAYS, heading)
    lotte_days = panel.model.index(1, OverdueContactsModel.DAYS, heading)
    assert rob_days.data(OverdueContactsModel.STATUS_ROLE) == "red"
    assert lotte_days.data(OverdueContactsModel.STATUS_ROLE) == "amber"
    tip = lotte_days.data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("8 days past the target.")
    assert "every 42 days" in tip and "red after 63 days" in tip
    assert view.current_status() == "3 contacts overdue (2 long overdue)"

    with qtbot.waitSignal(panel.loaded):
        panel.never_check.setChecked(True)
    assert "Bart Bos (1)" in _people_rows(panel.model)
    with qtbot.waitSignal(panel.loaded):
        panel.owner_combo.setCurrentIndex(panel.owner_combo.findData(ids.anna))
    assert list(_people_rows(panel.model)) == ["Anna Smit (2)"]


def test_record_interaction_presets_the_person_and_their_owner(
    qtbot: QtBot, db: Database, view: FollowUpView
) -> None:
    ids = seed(db)
    show(qtbot, view)
    view.show_tab(view.CONTACTS)
    panel = view.contacts
    assert not panel.record_button.isEnabled()
    assert panel.select_person(ids.lotte)
    with qtbot.waitSignal(view.interaction_requested) as asked:
        panel.record_button.click()
    preset = asked.args[0]
    assert isinstance(preset, InteractionData)
    assert list(preset.attendee_ids) == [ids.lotte]
    assert list(preset.team_member_ids) == [ids.anna]
    assert preset.occurred_on == date.today()

    index = panel.model.index(0, 0, panel.model.index(1, 0))  # Nina, under "No owner"
    with qtbot.waitSignal(view.person_activated) as opened:
        panel.tree.doubleClicked.emit(index)
    assert opened.args == [ids.nina, "Niemand, Nina"]


def test_the_page_reads_again_on_refresh(qtbot: QtBot, db: Database, view: FollowUpView) -> None:
    ids = seed(db)
    show(qtbot, view)
    with db.sessions.begin() as s:
        lotte = s.get(Person, ids.lotte)
        assert lotte is not None
        _meet(s, ago(1), lotte)
        add_commitment(s, CommitmentData("Nieuw", team_member_id=ids.anna, person_id=ids.kees))
    view.refresh()
    wait(qtbot, view)
    assert "Nieuw" in column(view, M.DESCRIPTION)
    names = [r[0] for rows in _people_rows(view.contacts.model).values() for r in rows]
    assert "Laat, Lotte" not in names


def test_an_index_outside_the_rows_has_no_data(view: FollowUpView) -> None:
    assert view.commitments.model.data(QModelIndex()) is None
