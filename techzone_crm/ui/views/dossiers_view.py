"""The Dossiers page: the public-affairs issues, by stage, with their stakeholders beside them."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QPushButton, QWidget
from sqlalchemy.orm import Session

from techzone_crm.db.engine import Database
from techzone_crm.db.models import IssueStage
from techzone_crm.services import dossier_positions, dossiers
from techzone_crm.services.dossiers import OPEN_STAGES, DossierLinks, DossierQuery
from techzone_crm.ui import labels, prompts
from techzone_crm.ui.dialogs.dossier_dialogs import AgendaLinkDialog, DossierDialog
from techzone_crm.ui.dialogs.form import RecordDialog
from techzone_crm.ui.dialogs.position_dialog import PositionDialog
from techzone_crm.ui.errors import ErrorReporter
from techzone_crm.ui.icons import icon
from techzone_crm.ui.models.dossiers_model import DossiersTableModel, stage_marker
from techzone_crm.ui.tasks import TaskRunner
from techzone_crm.ui.views.deleting import DeletePlan
from techzone_crm.ui.views.dossier_details import DossierDetails
from techzone_crm.ui.views.record_view import RecordView

#: The stage filter's choices besides the single stages.
ALL_STAGES, OPEN = "all", "open"


class DossiersView(RecordView):
    """Dossiers (public-affairs issues) with their stage, agendas and stakeholders' positions.

    Signals:
        person_activated(int, str): go to this person on the Contacts page (id, sorted name).
        organisation_activated(int, str): go to this organisation (id, name).
        agenda_activated(int, str): go to this agenda (id, name).
        interaction_requested(object): open "Record interaction" preset with this
            :class:`~techzone_crm.services.interactions.InteractionData`.
        changed(): dossiers, positions or agenda links were written.
        (inherited) status_changed(str), message(str), current_changed().
    """

    person_activated = Signal(int, str)
    organisation_activated = Signal(int, str)
    agenda_activated = Signal(int, str)
    interaction_requested = Signal(object)

    # The dossier page has as much to show as the list.
    DETAILS_SHARE = 1 / 2

    def __init__(
        self,
        db: Database,
        runner: TaskRunner,
        reporter: ErrorReporter,
        parent: QWidget | None = None,
    ) -> None:
        model = DossiersTableModel(db, runner, DossierQuery())
        details = DossierDetails(db)
        super().__init__(db, model, details, reporter, "dossiers", parent)
        model.setParent(self)
        self.dossier_model = model
        self.dossier_details = details
        self.dialog: RecordDialog | None = None
        self.search.setPlaceholderText(self.tr("Search dossiers by title or description (Ctrl+F)"))
        self.search.setAccessibleName(self.tr("Search dossiers"))
        self.table.setAccessibleName(self.tr("Dossiers"))
        # No bulk edits on dossiers: one row at a time.
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)

        self.stage_filter = QComboBox()
        self.stage_filter.setAccessibleName(self.tr("Stage"))
        self.stage_filter.setToolTip(self.tr("Show dossiers in this stage of the issue life cycle"))
        self.stage_filter.addItem(self.tr("All stages"), ALL_STAGES)
        self.stage_filter.addItem(self.tr("Open stages (not dormant)"), OPEN)
        for stage, text in labels.choices(IssueStage):
            self.stage_filter.addItem(stage_marker(IssueStage(stage)), text, stage.value)
        self.stage_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.new_button = QPushButton(icon("add"), self.tr("New dossier…"))
        self.filter_bar.addWidget(self.stage_filter)
        self.filter_bar.addWidget(self.new_button)

        self.stage_filter.currentIndexChanged.connect(self._stage_filter_changed)
        self.new_button.clicked.connect(self.new_record)
        details.edit_requested.connect(self.edit_record)
        details.link_agenda_requested.connect(self.link_agenda)
        details.unlink_agenda_requested.connect(self.unlink_agenda)
        details.add_position_requested.connect(self.add_position)
        details.edit_position_requested.connect(self.edit_position)
        details.remove_position_requested.connect(self.remove_position)
        details.person_activated.connect(self.person_activated)
        details.organisation_activated.connect(self.organisation_activated)
        details.agenda_activated.connect(self.agenda_activated)
        details.interaction_requested.connect(self.interaction_requested)
        model.reset()

    # -- the list -----------------------------------------------------------------------

    def set_stage_filter(self, choice: str) -> None:
        """Show ``"all"`` stages, the ``"open"`` ones, or one stage (its value)."""
        index = self.stage_filter.findData(choice)
        self.stage_filter.setCurrentIndex(max(index, 0))

    def _stage_filter_changed(self) -> None:
        choice = self.stage_filter.currentData()
        stages: frozenset[IssueStage] = frozenset()
        if choice == OPEN:
            stages = OPEN_STAGES
        elif choice != ALL_STAGES:
            stages = frozenset({IssueStage(choice)})
        self.model.set_query(dataclasses.replace(self.dossier_model.query, stages=stages))

    def filters_active(self) -> int:
        return 0 if self.stage_filter.currentData() == ALL_STAGES else 1

    def status_text(self, shown: int, total: int, filtered: bool) -> str:
        if filtered:
            return self.tr("Showing %1 of %Ln dossiers", "", total).replace(
                "%1", self.locale().toString(shown)
            )
        return self.tr("%Ln dossiers", "", total)

    def empty_text(self, filtered: bool) -> str:
        if filtered:
            return self.tr("No dossier matches the search and the stage filter.")
        return self.tr(
            "No dossiers yet.\nUse New dossier… to add the first issue you work on, or load "
            "the example data from the Help menu."
        )

    def show_details(self, record_id: int | None) -> None:
        self.dossier_details.show_dossier(record_id)

    def details_id(self) -> int | None:
        return self.dossier_details.dossier_id

    def save_state(self, settings: QSettings) -> None:
        super().save_state(settings)
        settings.setValue(f"{self.settings_group}/stage", self.stage_filter.currentData())

    def restore_state(self, settings: QSettings) -> None:
        super().restore_state(settings)
        choice = settings.value(f"{self.settings_group}/stage")
        if isinstance(choice, str):
            self.set_stage_filter(choice)

    # -- dossiers -----------------------------------------------------------------------

    def new_record(self) -> None:
        self._open(DossierDialog(self.db, None, self), self._saved)

    def edit_record(self, record_id: int) -> None:
        self._open(DossierDialog(self.db, record_id, self), self._saved)

    def _open(self, dialog: RecordDialog, on_saved: Callable[[int], None]) -> None:
        # Dossiers have no undo snapshots, so the dialogs are opened without an undo recorder.
        self.dialog = dialog
        dialog.saved.connect(on_saved)
        dialog.open()

    def _saved(self, dossier_id: int) -> None:
        self.refresh(select_id=dossier_id)
        self.changed.emit()
        facts = self.dossier_details.facts_shown
        if facts is not None:
            self.message.emit(self.tr("Saved {name}.").format(name=facts.title))

    def consequences(self, links: DossierLinks) -> list[str]:
        """What deleting a dossier does to what refers to it, one sentence each."""
        lines = []
        if links.positions:
            lines.append(
                self.tr("%n stakeholder position(s) are deleted with it.", "", links.positions)
            )
        if links.assessments:
            lines.append(
                self.tr(
                    "%n assessment(s) made for this dossier are deleted.", "", links.assessments
                )
            )
        if links.agendas:
            lines.append(self.tr("%n link(s) to agendas are removed.", "", links.agendas))
        if links.interactions:
            lines.append(
                self.tr("%n interaction(s) stay but lose their link to it.", "", links.interactions)
            )
        if links.commitments:
            lines.append(
                self.tr("%n commitment(s) stay but lose their link to it.", "", links.commitments)
            )
        return lines

    def plan_delete(self, session: Session, record_id: int) -> DeletePlan:
        dossier = dossiers.get_dossier(session, record_id)
        links = dossiers.dossier_links(session, record_id)
        details = [*self.consequences(links), self.tr("This cannot be undone.")]
        return DeletePlan(
            None, dossier.title, dossier.version, self.tr("Delete dossier"), "\n\n".join(details)
        )

    def perform_delete(self, session: Session, record_id: int, plan: DeletePlan) -> str:
        dossiers.delete_dossier(session, record_id, expected_version=plan.version, confirm=True)
        return self.tr("Deleted {name}.").format(name=plan.name)

    # -- agendas and positions ------------------------------------------------------------

    def link_agenda(self, dossier_id: int) -> None:
        """Open the dialog that puts ``dossier_id`` under an agenda or theme."""
        self._open(AgendaLinkDialog(self.db, dossier_id, self), self._linked)

    def _linked(self, _link_id: int) -> None:
        self._links_changed(self.tr("Linked to the agenda."))

    def unlink_agenda(self, link_id: int) -> None:
        """Take the shown dossier out of an agenda (or theme)."""
        facts = self.dossier_details.facts_shown
        link = next((a for a in facts.agendas if a.id == link_id), None) if facts else None
        if link is None:
            return
        try:
            with self.db.sessions.begin() as session:
                dossiers.unlink_agenda(session, link_id)
        except Exception as exc:
            self.report_problem(exc, self.tr("Link not removed"))
            return
        name = f"{link.agenda} › {link.theme}" if link.theme else link.agenda
        self._links_changed(self.tr("Removed from {agenda}.").format(agenda=name))

    def add_position(self, dossier_id: int) -> None:
        """Open the dialog for a new position on ``dossier_id``."""
        self._open(PositionDialog(self.db, dossier_id, None, self), self._position_saved)

    def edit_position(self, position_id: int) -> None:
        """Open the dialog to edit a position on the shown dossier."""
        dossier_id = self.dossier_details.dossier_id
        if dossier_id is not None:
            dialog = PositionDialog(self.db, dossier_id, position_id, self)
            self._open(dialog, self._position_saved)

    def _position_saved(self, position_id: int) -> None:
        self._links_changed(self.tr("Position saved."))
        self.dossier_details.select_position(position_id)

    def remove_position(self, position_id: int) -> None:
        """Remove a stakeholder's position from the shown dossier, after asking."""
        facts = self.dossier_details.facts_shown
        row = next((p for p in facts.positions if p.id == position_id), None) if facts else None
        if facts is None or row is None:
            return
        if not prompts.confirm(
            self,
            self.tr("Remove position"),
            self.tr("Remove the position of {name} on {dossier}?").format(
                name=row.name, dossier=facts.title
            ),
            self.tr(
                "Only remove a position that was entered by mistake or no longer applies. "
                "If the stakeholder changed their mind, edit the position and its source "
                "instead. This cannot be undone."
            ),
            self.tr("Remove"),
        ):
            return
        try:
            with self.db.sessions.begin() as session:
                dossier_positions.remove_position(session, position_id, row.version)
        except Exception as exc:
            self.report_problem(exc, self.tr("Position not removed"))
            return
        self._links_changed(self.tr("Removed the position of {name}.").format(name=row.name))

    def _links_changed(self, message: str) -> None:
        # The list counts positions and names agendas, so it is re-read with the pane.
        self.refresh(select_id=self.dossier_details.dossier_id)
        self.changed.emit()
        self.message.emit(message)
