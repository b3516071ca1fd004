"""The dossier page: stage and description, agendas, stakeholders' positions and the work done."""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import QLocale, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QLabel, QWidget

from techzone_crm.db.engine import Database
from techzone_crm.db.models import InteractionKind
from techzone_crm.errors import NotFoundError
from techzone_crm.services.commitments import CommitmentRow, CommitmentState
from techzone_crm.services.dossier_positions import PositionRow
from techzone_crm.services.interactions import InteractionData
from techzone_crm.ui.models.dossiers_model import stage_html
from techzone_crm.ui.views.detail_pane import DetailPane, button_row, fact_label, tool_button
from techzone_crm.ui.views.dossier_sections import (
    DossierFacts,
    agenda_model,
    commitments_model,
    compact_list,
    interactions_model,
    position_html,
    positions_model,
    read_dossier,
    row_of,
    summary_html,
)

_OPEN = (CommitmentState.OPEN, CommitmentState.OVERDUE)


class DossierDetails(DetailPane):
    """Shows one dossier; its buttons ask the view to change the dossier or its links.

    Signals:
        edit_requested(int): edit the dossier with this id.
        link_agenda_requested(int): put this dossier under an agenda.
        unlink_agenda_requested(int): remove the agenda link with this id.
        add_position_requested(int): record a new position on this dossier.
        edit_position_requested(int): edit the position with this id.
        remove_position_requested(int): remove the position with this id.
        person_activated(int, str): go to this person (id and sorted name).
        organisation_activated(int, str): go to this organisation (id and name).
        agenda_activated(int, str): go to this agenda (id and name).
        interaction_requested(object): record an interaction, preset with this
            :class:`InteractionData`.
    """

    edit_requested = Signal(int)
    link_agenda_requested = Signal(int)
    unlink_agenda_requested = Signal(int)
    add_position_requested = Signal(int)
    edit_position_requested = Signal(int)
    remove_position_requested = Signal(int)
    person_activated = Signal(int, str)
    organisation_activated = Signal(int, str)
    agenda_activated = Signal(int, str)
    interaction_requested = Signal(object)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Select a dossier to see its details."), parent)
        self._db = db
        self.dossier_id: int | None = None
        self.facts_shown: DossierFacts | None = None
        self.stage_label = self.fact(self.tr("Stage"))
        self.description_label = self.fact(self.tr("Description"))
        self.description_label.setTextFormat(Qt.TextFormat.PlainText)

        self.section(self.tr("Agendas and themes"))
        self.agendas = agenda_model()
        self.agendas_view = compact_list(self.agendas, stretch=1, max_rows=8)
        self.agendas_view.setAccessibleName(self.tr("Agendas and themes"))
        self.agendas_view.setToolTip(self.tr("Double-click an agenda to go to it"))
        self.body.addWidget(self.agendas_view)
        self.agendas_empty = self._empty_note(self.tr("Not linked to any agenda yet."))
        self.link_button = tool_button(self.tr("Link to agenda…"), "add")
        self.unlink_button = tool_button(self.tr("Remove link"), "delete")
        self.unlink_button.setToolTip(self.tr("Take the dossier out of the selected agenda"))
        self.body.addLayout(button_row(self.link_button, self.unlink_button))

        self.positions_heading = self.section(self.tr("Positions of stakeholders"))
        self.summary_label = fact_label()
        self.summary_label.setAccessibleName(self.tr("Balance of positions"))
        self.body.addWidget(self.summary_label)
        self.positions = positions_model()
        self.positions_view = compact_list(self.positions, stretch=2, max_rows=14)
        self.positions_view.setAccessibleName(self.tr("Positions"))
        self.positions_view.setToolTip(
            self.tr("From supporters to opponents; double-click to go to the stakeholder")
        )
        self.body.addWidget(self.positions_view)
        self.position_label = fact_label()
        self.position_label.setAccessibleName(self.tr("Selected position"))
        self.body.addWidget(self.position_label)
        self.add_position_button = tool_button(self.tr("Add position…"), "add")
        self.edit_position_button = tool_button(self.tr("Edit…"), "edit")
        self.remove_position_button = tool_button(self.tr("Remove"), "delete")
        self.body.addLayout(
            button_row(
                self.add_position_button, self.edit_position_button, self.remove_position_button
            )
        )

        self.interactions_heading = self.section(self.tr("Latest interactions"))
        self.interactions = interactions_model()
        self.interactions_view = compact_list(self.interactions, stretch=2, max_rows=8)
        self.interactions_view.setAccessibleName(self.tr("Latest interactions"))
        self.body.addWidget(self.interactions_view)
        self.interactions_empty = self._empty_note(self.tr("No interactions on this dossier yet."))
        self.record_button = tool_button(self.tr("Record interaction…"), "interactions")
        self.record_button.setToolTip(
            self.tr(
                "Record a meeting on this dossier and its agendas (with the selected stakeholder)"
            )
        )
        self.body.addLayout(button_row(self.record_button))

        self.commitments_heading = self.section(self.tr("Commitments (toezeggingen)"))
        self.commitments = commitments_model()
        self.commitments_view = compact_list(self.commitments, stretch=1, max_rows=10)
        self.commitments_view.setAccessibleName(self.tr("Commitments"))
        self.commitments_view.setToolTip(
            self.tr("Double-click to go to the person or organisation")
        )
        self.body.addWidget(self.commitments_view)
        self.commitments_empty = self._empty_note(self.tr("No commitments on this dossier."))
        self.body.addStretch(1)

        self.edit_button.clicked.connect(self._edit)
        self.link_button.clicked.connect(self._link)
        self.unlink_button.clicked.connect(self._unlink)
        self.add_position_button.clicked.connect(self._add_position)
        self.edit_position_button.clicked.connect(self._edit_position)
        self.remove_position_button.clicked.connect(self._remove_position)
        self.record_button.clicked.connect(self.request_interaction)
        self.agendas_view.activated.connect(self._agenda_activated)
        self.positions_view.activated.connect(self._position_activated)
        self.commitments_view.activated.connect(self._commitment_activated)
        self.agendas_view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.positions_view.selectionModel().selectionChanged.connect(self._position_selected)
        self._update_buttons()

    def _empty_note(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setEnabled(False)
        self.body.addWidget(label)
        return label

    # -- showing ----------------------------------------------------------------------

    def show_dossier(self, dossier_id: int | None, today: date | None = None) -> None:
        """Show ``dossier_id`` (None: nothing selected)."""
        self.dossier_id = dossier_id
        if dossier_id is None:
            self.facts_shown = None
            self.show_empty(self.tr("Select a dossier to see its details."))
            return
        try:
            facts = read_dossier(self._db, dossier_id, today)
        except NotFoundError:
            self.dossier_id = None
            self.facts_shown = None
            self.show_empty(self.tr("This dossier no longer exists."))
            return
        selected = self.selected_position()
        self.facts_shown = facts
        self.title.setText(facts.title)
        self.subtitle.hide()
        self.set_fact(self.stage_label, stage_html(facts.stage))
        self.description_label.setText(facts.description.strip() or self.tr("No description."))
        self.description_label.setEnabled(bool(facts.description.strip()))
        self.agendas.set_rows(facts.agendas)
        self.agendas_view.setVisible(bool(facts.agendas))
        self.agendas_empty.setVisible(not facts.agendas)
        self.positions.set_rows(facts.positions)
        self._fill_positions(facts.positions)
        self.interactions.set_rows(facts.interactions)
        self.commitments.set_rows(facts.commitments)
        self._fill_counts(facts)
        if selected is not None:
            self.select_position(selected.id)
        self._position_selected()
        self.show_content()

    def _fill_positions(self, positions: list[PositionRow]) -> None:
        count = len(positions)
        self.positions_heading.setText(
            self.tr("Positions of stakeholders ({count})").format(count=count)
            if count
            else self.tr("Positions of stakeholders")
        )
        self.summary_label.setText(
            summary_html(positions)
            if positions
            else html.escape(self.tr("No positions recorded yet."))
        )
        self.summary_label.setEnabled(bool(positions))
        self.positions_view.setVisible(bool(positions))

    def _fill_counts(self, facts: DossierFacts) -> None:
        shown, total = len(facts.interactions), facts.interaction_count
        locale = QLocale()
        if total > shown:
            heading = self.tr("Latest interactions ({shown} of {total})").format(
                shown=locale.toString(shown), total=locale.toString(total)
            )
        elif total:
            heading = self.tr("Interactions ({count})").format(count=locale.toString(total))
        else:
            heading = self.tr("Interactions")
        self.interactions_heading.setText(heading)
        self.interactions_view.setVisible(bool(total))
        self.interactions_empty.setVisible(not total)
        open_ones = sum(1 for c in facts.commitments if c.state in _OPEN)
        title = self.tr("Commitments (toezeggingen)")
        if facts.commitments:
            title = self.tr("Commitments (toezeggingen) – {open} open of {count}").format(
                open=locale.toString(open_ones), count=locale.toString(len(facts.commitments))
            )
        self.commitments_heading.setText(title)
        self.commitments_view.setVisible(bool(facts.commitments))
        self.commitments_empty.setVisible(not facts.commitments)

    # -- positions --------------------------------------------------------------------

    def selected_position(self) -> PositionRow | None:
        """The position selected in the list, or None."""
        row = row_of(self.positions_view)
        return self.positions.rows[row] if row is not None else None

    def select_position(self, position_id: int) -> bool:
        """Select the position with this id, if it is shown."""
        for row, position in enumerate(self.positions.rows):
            if position.id == position_id:
                self.positions_view.setCurrentIndex(self.positions.index(row, 0))
                return True
        return False

    def _position_selected(self) -> None:
        position = self.selected_position()
        self.position_label.setText(position_html(position) if position else "")
        self.position_label.setVisible(position is not None)
        self._update_buttons()

    def _update_buttons(self) -> None:
        has_position = self.selected_position() is not None
        self.edit_position_button.setEnabled(has_position)
        self.remove_position_button.setEnabled(has_position)
        self.unlink_button.setEnabled(row_of(self.agendas_view) is not None)

    # -- requests ---------------------------------------------------------------------

    def interaction_preset(self, today: date | None = None) -> InteractionData | None:
        """A meeting today on this dossier and its agendas, with the selected stakeholder."""
        facts = self.facts_shown
        if facts is None:
            return None
        position = self.selected_position()
        agenda_ids = list(dict.fromkeys(a.agenda_id for a in facts.agendas))
        return InteractionData(
            today or date.today(),
            InteractionKind.MEETING,
            "",
            dossier_ids=[facts.id],
            agenda_ids=agenda_ids,
            attendee_ids=[position.person_id] if position and position.person_id else [],
            organisation_ids=(
                [position.organisation_id] if position and position.organisation_id else []
            ),
        )

    def request_interaction(self) -> None:
        """Ask for the "Record interaction" dialog, preset for this dossier."""
        preset = self.interaction_preset()
        if preset is not None:
            self.interaction_requested.emit(preset)

    def _edit(self) -> None:
        if self.dossier_id is not None:
            self.edit_requested.emit(self.dossier_id)

    def _link(self) -> None:
        if self.dossier_id is not None:
            self.link_agenda_requested.emit(self.dossier_id)

    def _unlink(self) -> None:
        row = row_of(self.agendas_view)
        if row is not None:
            self.unlink_agenda_requested.emit(self.agendas.rows[row].id)

    def _add_position(self) -> None:
        if self.dossier_id is not None:
            self.add_position_requested.emit(self.dossier_id)

    def _edit_position(self) -> None:
        position = self.selected_position()
        if position is not None:
            self.edit_position_requested.emit(position.id)

    def _remove_position(self) -> None:
        position = self.selected_position()
        if position is not None:
            self.remove_position_requested.emit(position.id)

    def _agenda_activated(self, index: QModelIndex) -> None:
        link = self.agendas.rows[index.row()]
        self.agenda_activated.emit(link.agenda_id, link.agenda)

    def _position_activated(self, index: QModelIndex) -> None:
        self._stakeholder_activated(self.positions.rows[index.row()])

    def _commitment_activated(self, index: QModelIndex) -> None:
        self._stakeholder_activated(self.commitments.rows[index.row()])

    def _stakeholder_activated(self, row: PositionRow | CommitmentRow) -> None:
        if row.person_id is not None:
            name = row.name if isinstance(row, PositionRow) else row.person
            self.person_activated.emit(row.person_id, name)
        elif row.organisation_id is not None:
            name = row.name if isinstance(row, PositionRow) else row.organisation
            self.organisation_activated.emit(row.organisation_id, name)
