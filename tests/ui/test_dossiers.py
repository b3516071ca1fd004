"""The Dossiers page: the list by stage, the dossier page, agendas, deleting, Record interaction."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from techzone_crm.db.engine import Database
from techzone_crm.db.models import Dossier, DossierStakeholder, InteractionKind, IssueStage
from techzone_crm.services import dossiers
from techzone_crm.services.interactions import InteractionData
from techzone_crm.ui import prompts
from techzone_crm.ui.dialogs.dossier_dialogs import AgendaLinkDialog, DossierDialog
from techzone_crm.ui.errors import ErrorReporter
from techzone_crm.ui.models.dossiers_model import STAGE_COLOUR, DossiersTableModel
from techzone_crm.ui.tasks import TaskRunner
from techzone_crm.ui.views.detail_pane import format_date
from techzone_crm.ui.views.dossiers_view import DossiersView

from . import dossier_seed
from .dossier_seed import TODAY, Seeded, position_rows, rows, show
from .helpers import wait_loaded

pytestmark = pytest.mark.gui

# The shared fixtures: pytest finds them by these names in the test module.
seeded = dossier_seed.seeded
view = dossier_seed.view


def test_the_list_shows_each_stage_most_pressing_first_and_filters_by_stage(
    qtbot: QtBot, qtmodeltester: Any, view: DossiersView, seeded: Seeded
) -> None:
    qtmodeltester.check(view.model, force_py=True)
    assert rows(view) == [
        ("Tekort aan technici", "Critical", "", ""),
        ("Nedersaksenlijn", "Current", "2", "Regio Deal"),
        ("Kunststoffenlab", "Dormant / closed", "", ""),
    ]
    model = view.model
    critical = model.index(0, DossiersTableModel.STAGE)
    assert (
        critical.data(Qt.ItemDataRole.ForegroundRole).color().name()
        == STAGE_COLOUR[IssueStage.CRITICAL]
    )
    font = model.index(0, DossiersTableModel.TITLE).data(Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont) and font.bold()
    assert model.index(1, DossiersTableModel.TITLE).data(Qt.ItemDataRole.FontRole) is None
    assert not critical.data(Qt.ItemDataRole.DecorationRole).isNull()
    assert view.current_status() == "3 dossiers"

    view.set_stage_filter("open")
    wait_loaded(qtbot, model)
    assert [r[0] for r in rows(view)] == ["Tekort aan technici", "Nedersaksenlijn"]
    assert view.current_status() == "Showing 2 of 3 dossiers"
    view.set_stage_filter(IssueStage.DORMANT.value)
    wait_loaded(qtbot, model)
    assert [r[0] for r in rows(view)] == ["Kunststoffenlab"]
    view.set_stage_filter(IssueStage.LATENT.value)
    assert model.rowCount() == 0
    assert view.empty_label.isVisible()
    assert "stage filter" in view.empty_label.text()
    view.set_stage_filter("all")
    wait_loaded(qtbot, model)
    assert model.rowCount() == 3


def test_the_dossier_page_shows_stage_agendas_positions_and_work(
    qtbot: QtBot, qtmodeltester: Any, view: DossiersView, seeded: Seeded
) -> None:
    show(qtbot, view, seeded.rail)
    pane = view.dossier_details
    assert pane.title.text() == "Nedersaksenlijn"
    assert "Current" in pane.stage_label.text()
    assert pane.description_label.text() == "Spoor Groningen–Enschede"
    assert [(r.agenda, r.theme) for r in pane.agendas.rows] == [("Regio Deal", "Bereikbaarheid")]
    assert position_rows(view) == [
        ("Berg, Jan", "+1 Sympathetic", "Statendebat"),
        ("Gemeente Emmen", "-1 Critical", format_date(TODAY - timedelta(days=30))),
    ]
    assert "1 in favour" in pane.summary_label.text() and "1 against" in pane.summary_label.text()
    assert [r.subject for r in pane.interactions.rows] == ["Overleg spoor"]
    assert [r.description for r in pane.commitments.rows] == ["Notitie sturen"]
    assert "(overdue)" in pane.commitments.index(0, 0).data()
    for model in (pane.agendas, pane.positions, pane.interactions, pane.commitments):
        qtmodeltester.check(model, force_py=True)


def test_changing_the_stage_in_the_dialog_is_saved_and_shown(
    qtbot: QtBot, db: Database, view: DossiersView, seeded: Seeded
) -> None:
    show(qtbot, view, seeded.rail)
    qtbot.mouseClick(view.dossier_details.edit_button, Qt.MouseButton.LeftButton)
    dialog = view.dialog
    assert isinstance(dialog, DossierDialog)
    assert dialog.title_edit.text() == "Nedersaksenlijn"
    assert dialog.stage_combo.currentData() == "current"
    dialog.stage_combo.setCurrentIndex(dialog.stage_combo.findData("critical"))
    assert "decision is near" in dialog.stage_hint.text()
    assert dialog.save()
    with db.read() as s:
        assert dossiers.get_dossier(s, seeded.rail).stage is IssueStage.CRITICAL
    assert "Critical" in view.dossier_details.stage_label.text()
    wait_loaded(qtbot, view.model)
    assert ("Nedersaksenlijn", "Critical") in [r[:2] for r in rows(view)]
    qtbot.waitUntil(lambda: view.selected_id() == seeded.rail)


def test_a_new_dossier_needs_a_title(
    qtbot: QtBot, db: Database, view: DossiersView, seeded: Seeded
) -> None:
    qtbot.mouseClick(view.new_button, Qt.MouseButton.LeftButton)
    dialog = view.dialog
    assert isinstance(dialog, DossierDialog)
    assert not dialog.save()
    error = dialog.feedback._fields["title"][1]
    assert error.isVisible() and error.text().startswith("Title is required")
    dialog.title_edit.setText("Zonneparken")
    assert dialog.save()
    assert view.dossier_details.title.text() == "Zonneparken"
    assert "Emerging" in view.dossier_details.stage_label.text()


def test_deleting_a_dossier_asks_explains_and_deletes_only_after_yes(
    qtbot: QtBot, db: Database, view: DossiersView, seeded: Seeded, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    answer = [False]

    def confirm(_parent: Any, _title: str, text: str, details: str, _accept: str) -> bool:
        asked.append(f"{text}\n{details}")
        return answer[0]

    monkeypatch.setattr(prompts, "confirm", confirm)
    show(qtbot, view, seeded.rail)
    view.delete_selected()
    assert "Delete Nedersaksenlijn?" in asked[0]
    for sentence in (
        "2 stakeholder position(s) are deleted with it.",
        "1 assessment(s) made for this dossier are deleted.",
        "1 link(s) to agendas are removed.",
        "1 interaction(s) stay but lose their link to it.",
        "1 commitment(s) stay but lose their link to it.",
    ):
        assert sentence in asked[0]
    with db.read() as s:
        assert s.get(Dossier, seeded.rail) is not None

    answer[0] = True
    with qtbot.waitSignal(view.changed):
        view.delete_selected()
    with db.read() as s:
        assert s.get(Dossier, seeded.rail) is None
        assert s.scalar(select(func.count()).select_from(DossierStakeholder)) == 0
    wait_loaded(qtbot, view.model)
    assert "Nedersaksenlijn" not in [r[0] for r in rows(view)]
    assert view.dossier_details.dossier_id is None


def test_linking_an_agenda_shows_it_and_removing_the_link_takes_it_away(
    qtbot: QtBot, db: Database, view: DossiersView, seeded: Seeded
) -> None:
    show(qtbot, view, seeded.jobs)
    pane = view.dossier_details
    qtbot.mouseClick(pane.link_button, Qt.MouseButton.LeftButton)
    dialog = view.dialog
    assert isinstance(dialog, AgendaLinkDialog)
    assert not dialog.save()
    assert "Agenda is required" in dialog.feedback._fields["agenda_id"][1].text()
    dialog.agenda_combo.setCurrentIndex(dialog.agenda_combo.findData(seeded.deal))
    assert [dialog.theme_combo.itemText(i) for i in range(dialog.theme_combo.count())] == [
        "The agenda as a whole",
        "Bereikbaarheid",
    ]
    dialog.theme_combo.setCurrentIndex(1)
    assert dialog.save()
    assert [(r.agenda, r.theme) for r in pane.agendas.rows] == [("Regio Deal", "Bereikbaarheid")]
    wait_loaded(qtbot, view.model)
    assert rows(view)[0][3] == "Regio Deal"

    again = AgendaLinkDialog(db, seeded.jobs, view)
    qtbot.addWidget(again)
    again.agenda_combo.setCurrentIndex(again.agenda_combo.findData(seeded.deal))
    again.theme_combo.setCurrentIndex(1)
    assert not again.save()
    assert again.feedback._fields["theme_id"][1].text() == "Theme is already linked."

    pane.agendas_view.setCurrentIndex(pane.agendas.index(0, 0))
    assert pane.unlink_button.isEnabled()
    qtbot.mouseClick(pane.unlink_button, Qt.MouseButton.LeftButton)
    assert pane.agendas.rows == []


def test_record_interaction_emits_a_preset_with_the_dossier_and_its_agendas(
    qtbot: QtBot, view: DossiersView, seeded: Seeded
) -> None:
    show(qtbot, view, seeded.rail)
    pane = view.dossier_details
    pane.select_position(pane.positions.rows[0].id)  # Jan Berg
    with qtbot.waitSignal(view.interaction_requested) as caught:
        qtbot.mouseClick(pane.record_button, Qt.MouseButton.LeftButton)
    preset = caught.args[0]
    assert isinstance(preset, InteractionData)
    assert (preset.occurred_on, preset.kind, preset.subject) == (
        date.today(),
        InteractionKind.MEETING,
        "",
    )
    assert list(preset.dossier_ids) == [seeded.rail]
    assert list(preset.agenda_ids) == [seeded.deal]
    assert list(preset.attendee_ids) == [seeded.jan]

    pane.positions_view.clearSelection()
    with qtbot.waitSignal(view.interaction_requested) as caught:
        pane.request_interaction()
    assert list(caught.args[0].attendee_ids) == []


def test_the_stage_filter_is_remembered(
    qtbot: QtBot,
    db: Database,
    runner: TaskRunner,
    reporter: ErrorReporter,
    view: DossiersView,
    settings: Any,
) -> None:
    view.set_stage_filter("critical")
    view.save_state(settings)
    again = DossiersView(db, runner, reporter)
    qtbot.addWidget(again)
    again.restore_state(settings)
    wait_loaded(qtbot, again.model)
    assert [r[0] for r in rows(again)] == ["Tekort aan technici"]
    assert again.stage_filter.currentText() == "Critical"
