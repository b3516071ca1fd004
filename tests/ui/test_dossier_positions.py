"""Stakeholders' positions on the dossier page: adding, editing, removing, going to them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from techzone_crm.db.engine import Database
from techzone_crm.db.models import DossierStakeholder
from techzone_crm.ui import labels, prompts
from techzone_crm.ui.dialogs.position_dialog import PositionDialog
from techzone_crm.ui.views.detail_pane import format_date
from techzone_crm.ui.views.dossiers_view import DossiersView

from . import dossier_seed
from .dossier_seed import TODAY, Seeded, position_rows, rows, show
from .helpers import wait_loaded

pytestmark = pytest.mark.gui

# The shared fixtures: pytest finds them by these names in the test module.
seeded = dossier_seed.seeded
view = dossier_seed.view


def test_a_position_added_through_the_dialog_is_shown_in_order_with_its_source(
    qtbot: QtBot, db: Database, view: DossiersView, seeded: Seeded
) -> None:
    show(qtbot, view, seeded.rail)
    pane = view.dossier_details
    qtbot.mouseClick(pane.add_position_button, Qt.MouseButton.LeftButton)
    dialog = view.dialog
    assert isinstance(dialog, PositionDialog)
    dialog.stakeholder.person.set_record(seeded.piet, "Smit, Piet")
    dialog.position_combo.setCurrentIndex(dialog.position_combo.findData(2))
    dialog.source_edit.setText("Interview Dagblad van het Noorden")
    said = date(2026, 3, 12) if date(2026, 3, 12) <= TODAY else TODAY
    dialog.source_date.set_value(said)
    dialog.reference_edit.setText("dvhn.nl/regio/123")
    dialog.note_edit.setPlainText("Wil snelheid")
    assert dialog.save()

    expected_source = f"Interview Dagblad van het Noorden, {format_date(said)} (dvhn.nl/regio/123)"
    assert position_rows(view) == [
        ("Smit, Piet", "+2 Supporter", expected_source),
        ("Berg, Jan", "+1 Sympathetic", "Statendebat"),
        ("Gemeente Emmen", "-1 Critical", format_date(TODAY - timedelta(days=30))),
    ]
    marker = pane.positions.index(0, 1).data(Qt.ItemDataRole.DecorationRole)
    colour = marker.pixmap(24, 24).toImage().pixelColor(12, 12).name()
    assert colour == labels.ATTITUDE_COLOUR[2]
    # The saved position is selected, with its full source and note under the list.
    assert pane.selected_position() is not None
    assert pane.selected_position().name == "Smit, Piet"
    assert "Wil snelheid" in pane.position_label.text()
    assert "https://dvhn.nl/regio/123" in pane.position_label.text()
    assert "2 in favour" in pane.summary_label.text()
    wait_loaded(qtbot, view.model)
    assert rows(view)[1][2] == "3"
    qtbot.waitUntil(lambda: view.selected_id() == seeded.rail)
    assert pane.selected_position() is not None
    assert pane.selected_position().name == "Smit, Piet"
    with db.read() as s:
        stored = s.scalars(
            select(DossierStakeholder).where(DossierStakeholder.person_id == seeded.piet)
        ).one()
        assert (stored.position, stored.source_date) == (2, said)


def test_a_position_without_stakeholder_or_position_is_refused_at_the_field(
    qtbot: QtBot, db: Database, view: DossiersView, seeded: Seeded
) -> None:
    dialog = PositionDialog(db, seeded.jobs, None, view)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.position_combo.setCurrentIndex(dialog.position_combo.findData(-2))
    assert not dialog.save()
    error = dialog.feedback._fields["person_id"][1]
    assert error.isVisible()
    assert error.text() == "Stakeholder is required; choose a person or an organisation."
    assert dialog.stakeholder.person.property("invalid") is True

    dialog.stakeholder.person.setText("Nobody Known")
    assert not dialog.save()
    assert error.text() == "Stakeholder is not known; choose one from the suggestions."

    dialog.stakeholder.kind.setCurrentIndex(1)
    dialog.stakeholder.organisation.set_record(seeded.gemeente, "Gemeente Emmen")
    dialog.position_combo.setCurrentIndex(-1)
    assert not dialog.save()
    position_error = dialog.feedback._fields["position"][1]
    assert position_error.isVisible() and "Position is required" in position_error.text()
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(DossierStakeholder)) == 2


def test_a_second_position_of_the_same_stakeholder_is_refused_at_the_field(
    qtbot: QtBot, db: Database, view: DossiersView, seeded: Seeded
) -> None:
    dialog = PositionDialog(db, seeded.rail, None, view)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.stakeholder.person.set_record(seeded.jan, "Berg, Jan")
    dialog.position_combo.setCurrentIndex(dialog.position_combo.findData(0))
    assert not dialog.save()
    error = dialog.feedback._fields["person_id"][1]
    assert error.text() == "Already has a position on this dossier."


def test_double_clicking_a_stakeholder_goes_to_the_person_or_organisation(
    qtbot: QtBot, view: DossiersView, seeded: Seeded
) -> None:
    show(qtbot, view, seeded.rail)
    pane = view.dossier_details
    with qtbot.waitSignal(view.person_activated) as person:
        pane.positions_view.activated.emit(pane.positions.index(0, 0))
    assert person.args == [seeded.jan, "Berg, Jan"]
    with qtbot.waitSignal(view.organisation_activated) as organisation:
        pane.positions_view.activated.emit(pane.positions.index(1, 0))
    assert organisation.args == [seeded.gemeente, "Gemeente Emmen"]


def test_removing_a_position_asks_first(
    qtbot: QtBot, db: Database, view: DossiersView, seeded: Seeded, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(prompts, "confirm", lambda _p, _t, text, *_a: asked.append(text) or True)
    show(qtbot, view, seeded.rail)
    pane = view.dossier_details
    pane.select_position(pane.positions.rows[1].id)
    qtbot.mouseClick(pane.remove_position_button, Qt.MouseButton.LeftButton)
    assert asked == ["Remove the position of Gemeente Emmen on Nedersaksenlijn?"]
    assert [r.name for r in pane.positions.rows] == ["Berg, Jan"]


def test_editing_a_position_moves_it_among_supporters_and_opponents(
    qtbot: QtBot, view: DossiersView, seeded: Seeded
) -> None:
    show(qtbot, view, seeded.rail)
    pane = view.dossier_details
    pane.select_position(pane.positions.rows[0].id)  # Jan Berg, +1
    qtbot.mouseClick(pane.edit_position_button, Qt.MouseButton.LeftButton)
    dialog = view.dialog
    assert isinstance(dialog, PositionDialog)
    assert dialog.stakeholder.person.text() == "Berg, Jan"
    assert dialog.source_edit.text() == "Statendebat"
    dialog.position_combo.setCurrentIndex(dialog.position_combo.findData(-2))
    assert dialog.save()
    assert [(r[0], r[1]) for r in position_rows(view)] == [
        ("Gemeente Emmen", "-1 Critical"),
        ("Berg, Jan", "-2 Opponent"),
    ]
    assert "2 against" in pane.summary_label.text()
