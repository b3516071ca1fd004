"""The Agendas page: the list, an agenda's themes and stakeholders, its dialogs and deletes."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QIcon
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session

from techzone_crm.db.engine import Database
from techzone_crm.db.models import (
    Agenda,
    AgendaLevel,
    AgendaStakeholder,
    InteractionKind,
    Person,
    StakeholderRole,
    ThemeAlignment,
)
from techzone_crm.services import organisations, people
from techzone_crm.services.agenda_stakeholders import StakeholderLinkData, link_stakeholder
from techzone_crm.services.agenda_themes import ThemeData, add_theme
from techzone_crm.services.agendas import AgendaData, add_agenda, update_agenda
from techzone_crm.services.assessments import AssessmentData, add_assessment
from techzone_crm.services.interactions import InteractionData, add_interaction
from techzone_crm.services.rhythm import RhythmStatus
from techzone_crm.services.team import TeamMemberData, add_team_member
from techzone_crm.ui import labels, prompts
from techzone_crm.ui.dialogs.agenda_dialog import AgendaDialog
from techzone_crm.ui.dialogs.agenda_link_dialogs import (
    AlignmentDialog,
    StakeholderLinkDialog,
    ThemeDialog,
)
from techzone_crm.ui.errors import ErrorReporter
from techzone_crm.ui.models.agendas_model import StakeholdersModel
from techzone_crm.ui.tasks import TaskRunner
from techzone_crm.ui.views.agendas_view import AgendasView
from techzone_crm.ui.views.detail_pane import format_date, format_period

from .helpers import wait_loaded

pytestmark = pytest.mark.gui


def ago(days: int) -> date:
    return date.today() - timedelta(days=days)


@dataclass
class Seeded:
    own: int
    deal: int
    jtf: int
    economy: int
    htsm: int
    kees: int
    lotte: int
    rob: int
    nina: int
    province: int


def _person(session: Session, given: str, family: str, owner: int | None = None) -> Person:
    return people.add_person(session, people.PersonData(given, family, owner_id=owner))


def seed(db: Database) -> Seeded:
    """Regio Deal: Kees (in time) and the province agenda-wide; Lotte (amber) and Rob (red,
    nobody's) under its theme "Economie". Nina is linked nowhere."""
    with db.sessions.begin() as session:
        anna = add_team_member(session, TeamMemberData("Anna Smit")).id
        kees = _person(session, "Kees", "Kern", anna)
        lotte = _person(session, "Lotte", "Laat", anna)
        rob = _person(session, "Rob", "Rood")
        nina = _person(session, "Nina", "Niemand")
        # A key player: every 42 days, so 50 days is amber; Rob (180 days) is red at 300.
        add_assessment(session, AssessmentData(ago(100), power=5, interest=5, person_id=lotte.id))
        for who, days in ((kees, 10), (lotte, 50), (rob, 300)):
            add_interaction(
                session, InteractionData(ago(days), "meeting", "Overleg", attendee_ids=[who.id])
            )
        province = organisations.add_organisation(
            session, organisations.OrganisationData("Provincie Drenthe", "government")
        ).id
        own = add_agenda(
            session,
            AgendaData("Eigen agenda", AgendaLevel.OWN, starts_on=date(2021, 1, 1)),
        ).id
        htsm = add_theme(session, own, ThemeData("HTSM")).id
        deal = add_agenda(
            session,
            AgendaData(
                "Regio Deal",
                AgendaLevel.NATIONAL,
                starts_on=date(2021, 1, 1),
                ends_on=date(2026, 12, 31),
                owner_organisation_id=province,
            ),
        ).id
        economy = add_theme(session, deal, ThemeData("Economie")).id
        jtf = add_agenda(session, AgendaData("Just Transition Fund", AgendaLevel.EU)).id
        for role, who, theme in (
            (StakeholderRole.DECIDES, kees, None),
            (StakeholderRole.INFLUENCES, lotte, economy),
            (StakeholderRole.IMPLEMENTS, rob, economy),
        ):
            link_stakeholder(
                session, deal, StakeholderLinkData(role, person_id=who.id, theme_id=theme)
            )
        link_stakeholder(
            session, deal, StakeholderLinkData(StakeholderRole.FUNDS, organisation_id=province)
        )
        return Seeded(own, deal, jtf, economy, htsm, kees.id, lotte.id, rob.id, nina.id, province)


@pytest.fixture
def ids(db: Database) -> Seeded:
    return seed(db)


@pytest.fixture
def view(
    qtbot: QtBot, db: Database, runner: TaskRunner, reporter: ErrorReporter, ids: Seeded
) -> Iterator[AgendasView]:
    page = AgendasView(db, runner, reporter)
    qtbot.addWidget(page)
    page.resize(1400, 850)
    page.show()
    qtbot.waitExposed(page)
    wait_loaded(qtbot, page.model)
    yield page


def show(qtbot: QtBot, view: AgendasView, agenda_id: int) -> None:
    assert view.select_record(agenda_id)
    qtbot.waitUntil(lambda: view.agenda_details.agenda_id == agenda_id)


def column(view: AgendasView, col: int) -> list[str]:
    model = view.model
    return [model.index(r, col).data() for r in range(model.rowCount())]


def tree(model: Any) -> list[tuple[str, list[list[str]]]]:
    """Each heading with the cells of the rows under it."""
    found = []
    for r in range(model.rowCount()):
        head = model.index(r, 0)
        rows = [
            [model.index(c, col, head).data() for col in range(model.columnCount())]
            for c in range(model.rowCount(head))
        ]
        found.append((head.data(), rows))
    return found


def colour(icon: QIcon) -> QColor:
    image = icon.pixmap(24, 24).toImage()
    return image.pixelColor(image.width() // 2, image.height() // 2)


def find(model: Any, text: str) -> QModelIndex:
    matches = model.match(
        model.index(0, 0), Qt.ItemDataRole.DisplayRole, text, 1, Qt.MatchFlag.MatchRecursive
    )
    assert matches, text
    index: QModelIndex = matches[0]
    return index


def test_the_list_shows_agendas_with_level_and_period_and_filters_by_level(
    qtbot: QtBot, qtmodeltester: Any, view: AgendasView
) -> None:
    qtmodeltester.check(view.model, force_py=True)
    assert column(view, 0) == ["Eigen agenda", "Regio Deal", "Just Transition Fund"]
    assert column(view, 1) == ["Own strategic agenda", "National (Rijk)", "EU"]
    assert column(view, 2) == [
        format_period(date(2021, 1, 1), None),
        format_period(date(2021, 1, 1), date(2026, 12, 31)),
        "",
    ]
    assert column(view, 4) == ["1", "1", "0"]
    assert column(view, 5) == ["0", "4", "0"]
    assert view.current_status() == "3 agendas"

    view.set_level(AgendaLevel.EU)
    wait_loaded(qtbot, view.model)
    assert column(view, 0) == ["Just Transition Fund"]
    assert view.current_status() == "Showing 1 of 3 agendas"
    view.level_filter.setCurrentIndex(view.level_filter.findData(AgendaLevel.OWN.value))
    wait_loaded(qtbot, view.model)
    assert column(view, 0) == ["Eigen agenda"]
    view.set_level(AgendaLevel.PROVINCE)
    assert view.model.rowCount() == 0
    assert view.empty_label.text() == "No agenda matches the search and level."
    view.set_level(None)
    wait_loaded(qtbot, view.model)
    assert view.model.rowCount() == 3


def test_the_page_shows_stakeholders_by_theme_with_owner_and_rhythm(
    qtbot: QtBot, qtmodeltester: Any, view: AgendasView, ids: Seeded
) -> None:
    show(qtbot, view, ids.deal)
    pane = view.agenda_details
    qtmodeltester.check(pane.stakeholders_model, force_py=True)
    qtmodeltester.check(pane.themes_model, force_py=True)
    assert pane.title.text() == "Regio Deal"
    assert pane.owner_label.text().endswith(">Provincie Drenthe</a>")
    assert pane.coverage_label.text() == (
        "4 stakeholders linked, 2 with a relationship, 2 spoken to in the last 90 days"
    )
    assert tree(pane.stakeholders_model) == [
        (
            "The agenda as a whole (2)",
            [
                ["Kern, Kees", "", "Decides", "Anna Smit", format_date(ago(10)), "10"],
                ["Provincie Drenthe", "", "Funds", "No relationship", "Never", ""],
            ],
        ),
        (
            "Economie (2)",
            [
                ["Laat, Lotte", "", "Influences", "Anna Smit", format_date(ago(50)), "50"],
                ["Rood, Rob", "", "Implements", "No relationship", format_date(ago(300)), "300"],
            ],
        ),
    ]
    model = pane.stakeholders_model
    expected = {
        "Kern, Kees": RhythmStatus.OK,
        "Laat, Lotte": RhythmStatus.AMBER,
        "Rood, Rob": RhythmStatus.RED,
        "Provincie Drenthe": RhythmStatus.NEVER,
    }
    for name, status in expected.items():
        days = find(model, name).siblingAtColumn(StakeholdersModel.DAYS)
        assert colour(days.data(Qt.ItemDataRole.DecorationRole)) == QColor(
            labels.RHYTHM_COLOUR[status]
        ), name
    lotte_tip = find(model, "Laat, Lotte").siblingAtColumn(StakeholdersModel.DAYS)
    assert "Target for this person: every 42 days." in lotte_tip.data(Qt.ItemDataRole.ToolTipRole)
    rob = find(model, "Rood, Rob").siblingAtColumn(StakeholdersModel.RELATIONSHIP)
    assert QColor(rob.data(Qt.ItemDataRole.ForegroundRole).color()) == QColor(
        labels.RHYTHM_COLOUR[RhythmStatus.RED]
    )
    # An external agenda's themes have no lead column and no alignment buttons.
    assert pane.themes_view.isColumnHidden(1)
    assert not pane.align_button.isVisible()


def test_linking_a_stakeholder_through_the_dialog_shows_them_on_the_page(
    qtbot: QtBot, db: Database, view: AgendasView, ids: Seeded
) -> None:
    show(qtbot, view, ids.deal)
    pane = view.agenda_details
    # With a row of the theme selected, the new link starts under that theme.
    pane.stakeholders_view.setCurrentIndex(find(pane.stakeholders_model, "Laat, Lotte"))
    pane.link_button.click()
    dialog = view.dialog
    assert isinstance(dialog, StakeholderLinkDialog)
    assert dialog.theme_combo.currentText() == "Economie"
    dialog.stakeholder.person.set_record(ids.nina, "Nina Niemand")
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData("benefits"))
    dialog.note_edit.setPlainText("Ondernemer in Emmen")
    with qtbot.waitSignal(view.changed):
        assert dialog.save()
    headings = dict(tree(pane.stakeholders_model))
    assert ["Niemand, Nina", "", "Benefits", "No relationship", "Never", ""] in headings[
        "Economie (3)"
    ]
    assert view.message  # the status bar is told
    with db.read() as session:
        link = session.query(AgendaStakeholder).filter_by(person_id=ids.nina).one()
        assert (link.theme_id, link.role, link.note) == (
            ids.economy,
            StakeholderRole.BENEFITS,
            "Ondernemer in Emmen",
        )

    # The same person in the same role and place again is refused at the role.
    pane.link_button.click()
    again = view.dialog
    assert isinstance(again, StakeholderLinkDialog)
    again.stakeholder.person.set_record(ids.nina, "Nina Niemand")
    again.role_combo.setCurrentIndex(again.role_combo.findData("benefits"))
    again.theme_combo.setCurrentIndex(again.theme_combo.findData(ids.economy))
    assert not again.save()
    assert "already linked here in this role" in again.role_combo.accessibleDescription()
    again.reject()

    # Nobody chosen: the error is at the stakeholder field.
    pane.link_button.click()
    empty = view.dialog
    assert isinstance(empty, StakeholderLinkDialog)
    assert not empty.save()
    assert empty.stakeholder.person.accessibleDescription() == (
        "Choose a person or an organisation."
    )
    empty.reject()


def test_a_required_name_left_empty_is_shown_at_the_name_field(
    qtbot: QtBot, db: Database, view: AgendasView
) -> None:
    view.new_button.click()
    dialog = view.dialog
    assert isinstance(dialog, AgendaDialog)
    assert not dialog.save()
    assert dialog.name_edit.accessibleDescription() == "Name is required."
    assert dialog.name_edit.property("invalid") is True
    assert dialog.isVisible()

    dialog.name_edit.setText("Interreg")
    dialog.level_combo.setCurrentIndex(dialog.level_combo.findData("eu"))
    dialog.start_edit.set_value(date(2027, 1, 1))
    dialog.end_edit.set_value(date(2021, 1, 1))
    assert not dialog.save()
    assert dialog.end_edit.edit.accessibleDescription() == "The end is before the start."
    dialog.end_edit.set_value(None)
    dialog.sector_boxes[next(iter(dialog.sector_boxes))].setChecked(True)
    with qtbot.waitSignal(view.changed):
        assert dialog.save()
    qtbot.waitUntil(lambda: view.agenda_details.title.text() == "Interreg")
    assert view.agenda_details.sectors_label.text() == "HTSM"
    with db.read() as session:
        assert session.query(Agenda).filter_by(name="Interreg").one().level is AgendaLevel.EU


def test_deleting_an_agenda_with_links_asks_with_the_counts_and_deletes_after_yes(
    qtbot: QtBot, db: Database, view: AgendasView, ids: Seeded, monkeypatch: pytest.MonkeyPatch
) -> None:
    with db.sessions.begin() as session:
        session.add(ThemeAlignment(own_theme_id=ids.htsm, agenda_id=ids.deal))
        add_interaction(session, InteractionData(ago(3), "call", "Bellen", agenda_ids=[ids.deal]))
    show(qtbot, view, ids.deal)
    asked: list[tuple[str, ...]] = []
    answer = [False]

    def confirm(_parent: object, title: str, text: str, details: str, accept: str) -> bool:
        asked.append((title, text, details, accept))
        return answer[0]

    monkeypatch.setattr(prompts, "confirm", confirm)
    view.delete_selected()
    title, text, details, accept = asked[0]
    assert (title, text, accept) == ("Delete agenda", "Delete Regio Deal?", "Delete")
    assert details.split("\n\n") == [
        "Its theme is deleted with it.",
        "4 stakeholder links are removed; the people and organisations are kept.",
        "1 alignment with an own theme is removed.",
        "1 interaction is kept but no longer mentions it.",
        "This cannot be undone.",
    ]
    with db.read() as session:
        assert session.get(Agenda, ids.deal) is not None

    answer[0] = True
    with qtbot.waitSignal(view.changed):
        view.delete_selected()
    with db.read() as session:
        assert session.get(Agenda, ids.deal) is None
        assert session.get(Person, ids.kees) is not None
    wait_loaded(qtbot, view.model)
    assert column(view, 0) == ["Eigen agenda", "Just Transition Fund"]
    assert view.agenda_details.agenda_id is None


def test_themes_leads_and_alignments_of_the_own_agenda(
    qtbot: QtBot,
    qtmodeltester: Any,
    db: Database,
    view: AgendasView,
    ids: Seeded,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    show(qtbot, view, ids.own)
    pane = view.agenda_details
    assert not pane.themes_view.isColumnHidden(1)
    pane.themes_view.setCurrentIndex(find(pane.themes_model, "HTSM"))
    pane.edit_theme_button.click()
    dialog = view.dialog
    assert isinstance(dialog, ThemeDialog)
    assert dialog.lead_org_picker.isVisibleTo(dialog)
    dialog.lead_org_picker.set_record(ids.province, "Provincie Drenthe")
    dialog.lead_person_picker.set_record(ids.kees, "Kees Kern")
    assert dialog.save()
    assert find(pane.themes_model, "HTSM").siblingAtColumn(1).data() == (
        "Provincie Drenthe / Kees Kern"
    )

    pane.themes_view.setCurrentIndex(find(pane.themes_model, "HTSM"))
    pane.align_button.click()
    align = view.dialog
    assert isinstance(align, AlignmentDialog)
    assert align.own_combo.currentText() == "HTSM"
    assert not align.save()
    assert align.agenda_combo.accessibleDescription() == "The agenda is required."
    align.agenda_combo.setCurrentIndex(align.agenda_combo.findData(ids.deal))
    align.theme_combo.setCurrentIndex(align.theme_combo.findData(ids.economy))
    assert align.save()
    served = find(pane.themes_model, "Serves: Regio Deal › Economie")
    assert served.parent().data() == "HTSM"
    qtmodeltester.check(pane.themes_model, force_py=True)

    monkeypatch.setattr(prompts, "confirm", lambda *a: True)
    pane.themes_view.setCurrentIndex(served)
    assert pane.unalign_button.isEnabled() and not pane.edit_theme_button.isEnabled()
    pane.unalign_button.click()
    assert pane.themes_model.item(0).rowCount() == 0
    with db.read() as session:
        assert session.query(ThemeAlignment).count() == 0


def test_a_lead_on_an_external_agendas_theme_is_refused_at_the_field(
    qtbot: QtBot, db: Database, view: AgendasView, ids: Seeded
) -> None:
    show(qtbot, view, ids.deal)
    view.agenda_details.add_theme_button.click()
    external = view.dialog
    assert isinstance(external, ThemeDialog)
    assert not external.lead_org_picker.isVisibleTo(external)  # only own themes have a lead
    external.reject()

    show(qtbot, view, ids.own)
    pane = view.agenda_details
    pane.themes_view.setCurrentIndex(find(pane.themes_model, "HTSM"))
    pane.edit_theme_button.click()
    dialog = view.dialog
    assert isinstance(dialog, ThemeDialog)
    dialog.lead_org_picker.set_record(ids.province, "Provincie Drenthe")
    # Meanwhile the agenda became an external one (in another window).
    with db.sessions.begin() as session:
        update_agenda(session, ids.own, AgendaData("Eigen agenda", AgendaLevel.PROVINCE))
    assert not dialog.save()
    assert dialog.lead_org_picker.accessibleDescription() == (
        "A lead can only be set on the own agenda's themes."
    )
    assert dialog.lead_org_picker.isVisibleTo(dialog)


def test_double_click_goes_to_the_person_or_organisation(
    qtbot: QtBot, view: AgendasView, ids: Seeded
) -> None:
    show(qtbot, view, ids.deal)
    pane = view.agenda_details
    tree_view = pane.stakeholders_view
    for name, signal, expected in (
        ("Laat, Lotte", view.person_activated, [ids.lotte, "Laat, Lotte"]),
        ("Provincie Drenthe", view.organisation_activated, [ids.province, "Provincie Drenthe"]),
    ):
        index = find(pane.stakeholders_model, name)
        tree_view.scrollTo(index)
        rect = tree_view.visualRect(index)
        qtbot.mouseClick(tree_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        with qtbot.waitSignal(signal) as blocker:
            qtbot.mouseDClick(tree_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert blocker.args == expected


def test_record_interaction_emits_the_preset_with_the_agenda_and_person(
    qtbot: QtBot, view: AgendasView, ids: Seeded
) -> None:
    show(qtbot, view, ids.deal)
    pane = view.agenda_details
    pane.stakeholders_view.setCurrentIndex(find(pane.stakeholders_model, "Kern, Kees"))
    with qtbot.waitSignal(view.interaction_requested) as blocker:
        pane.interaction_button.click()
    preset = blocker.args[0]
    assert isinstance(preset, InteractionData)
    assert preset.occurred_on == date.today()
    assert preset.kind is InteractionKind.MEETING
    assert preset.subject == ""
    assert list(preset.agenda_ids) == [ids.deal]
    assert list(preset.attendee_ids) == [ids.kees]


def test_unlinking_and_removing_a_theme_ask_first(
    qtbot: QtBot, db: Database, view: AgendasView, ids: Seeded, monkeypatch: pytest.MonkeyPatch
) -> None:
    show(qtbot, view, ids.deal)
    pane = view.agenda_details
    asked: list[str] = []

    def confirm(_parent: object, _title: str, text: str, details: str, _accept: str) -> bool:
        asked.append(f"{text} {details}")
        return True

    monkeypatch.setattr(prompts, "confirm", confirm)
    pane.stakeholders_view.setCurrentIndex(find(pane.stakeholders_model, "Kern, Kees"))
    pane.unlink_button.click()
    assert asked[-1].startswith("Unlink Kern, Kees from Regio Deal?")
    assert tree(pane.stakeholders_model)[0][0] == "The agenda as a whole (1)"

    pane.themes_view.setCurrentIndex(find(pane.themes_model, "Economie"))
    pane.remove_theme_button.click()
    assert "2 stakeholder links are removed" in asked[-1]
    assert pane.themes_model.rowCount() == 0
    with db.read() as session:
        assert session.query(AgendaStakeholder).count() == 1


def test_editing_a_link_moves_it_and_the_context_menu_offers_the_actions(
    qtbot: QtBot, view: AgendasView, ids: Seeded
) -> None:
    show(qtbot, view, ids.deal)
    pane = view.agenda_details
    tree_view = pane.stakeholders_view
    index = find(pane.stakeholders_model, "Laat, Lotte")
    tree_view.scrollTo(index)
    tree_view.customContextMenuRequested.emit(tree_view.visualRect(index).center())
    menu = view.agenda_actions.menu
    assert menu is not None
    assert [a.text() for a in menu.actions()] == ["Edit link…", "Unlink", "Record interaction…"]
    menu.close()

    pane.edit_link_button.click()
    dialog = view.dialog
    assert isinstance(dialog, StakeholderLinkDialog)
    assert dialog.stakeholder.person.text() == "Lotte Laat"
    assert dialog.role_combo.currentText() == "Influences"
    assert dialog.theme_combo.currentText() == "Economie"
    dialog.theme_combo.setCurrentIndex(0)
    assert dialog.save()
    headings = dict(tree(pane.stakeholders_model))
    assert [r[0] for r in headings["The agenda as a whole (3)"]] == [
        "Kern, Kees",
        "Laat, Lotte",
        "Provincie Drenthe",
    ]
