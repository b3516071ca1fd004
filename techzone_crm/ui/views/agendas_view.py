"""The Agendas page: strategic agendas of Rijk, province, Noord-Nederland, EU and the own one."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QPushButton, QWidget
from sqlalchemy.orm import Session

from techzone_crm.db.engine import Database
from techzone_crm.db.models import AgendaLevel
from techzone_crm.services import agendas
from techzone_crm.services.agendas import AgendaQuery
from techzone_crm.ui import labels
from techzone_crm.ui.dialogs.agenda_dialog import LEVELS, AgendaDialog
from techzone_crm.ui.dialogs.form import RecordDialog
from techzone_crm.ui.errors import ErrorReporter
from techzone_crm.ui.icons import icon
from techzone_crm.ui.models.agendas_model import AgendasTableModel
from techzone_crm.ui.tasks import TaskRunner
from techzone_crm.ui.views.agenda_actions import AgendaActions, links_text
from techzone_crm.ui.views.agenda_details import AgendaDetails
from techzone_crm.ui.views.deleting import DeletePlan
from techzone_crm.ui.views.record_view import RecordView


class AgendasView(RecordView):
    """Strategic agendas with their themes and linked stakeholders.

    Signals:
        person_activated(int, str): go to this person (id, sorted name) on the Contacts page.
        organisation_activated(int, str): go to this organisation (id, name).
        interaction_requested(object): record an interaction; the object is an
            :class:`~techzone_crm.services.interactions.InteractionData` preset.
        changed(): an agenda, theme, link or alignment was written (other pages show them).
        (inherited) status_changed(str), message(str), current_changed().
    """

    person_activated = Signal(int, str)
    organisation_activated = Signal(int, str)
    interaction_requested = Signal(object)

    # The agenda's page is the main content here: it gets the larger part.
    DETAILS_SHARE = 11 / 20

    def __init__(
        self,
        db: Database,
        runner: TaskRunner,
        reporter: ErrorReporter,
        parent: QWidget | None = None,
    ) -> None:
        model = AgendasTableModel(db, runner, AgendaQuery())
        details = AgendaDetails(db)
        super().__init__(db, model, details, reporter, "agendas", parent)
        model.setParent(self)
        self.agenda_model = model
        self.agenda_details = details
        self.dialog: RecordDialog | None = None
        self.search.setPlaceholderText(self.tr("Search agendas by name or description (Ctrl+F)"))
        self.search.setAccessibleName(self.tr("Search agendas"))
        self.table.setAccessibleName(self.tr("Agendas"))

        self.level_filter = QComboBox()
        self.level_filter.setAccessibleName(self.tr("Level"))
        self.level_filter.setToolTip(self.tr("Show the agendas of one level"))
        self.level_filter.addItem(self.tr("All levels"), None)
        for level in LEVELS:
            self.level_filter.addItem(labels.label(level), level.value)
        self.new_button = QPushButton(icon("add"), self.tr("New agenda…"))
        self.filter_bar.addWidget(self.level_filter)
        self.filter_bar.addWidget(self.new_button)

        self.agenda_actions = AgendaActions(self)
        self.level_filter.currentIndexChanged.connect(self._level_changed)
        self.new_button.clicked.connect(self.new_record)
        details.edit_requested.connect(self.edit_record)
        details.person_activated.connect(self.person_activated)
        details.organisation_activated.connect(self.organisation_activated)
        model.reset()

    # -- the list ---------------------------------------------------------------------------

    def _level_changed(self) -> None:
        value = self.level_filter.currentData()
        level = AgendaLevel(value) if value is not None else None
        self.model.set_query(dataclasses.replace(self.agenda_model.query, level=level))

    def set_level(self, level: AgendaLevel | None) -> None:
        """Show only the agendas of ``level`` (None: all)."""
        self.level_filter.setCurrentIndex(max(self.level_filter.findData(level), 0))

    def filters_active(self) -> int:
        return 1 if self.agenda_model.query.level is not None else 0

    def status_text(self, shown: int, total: int, filtered: bool) -> str:
        if filtered:
            return self.tr("Showing %1 of %Ln agendas", "", total).replace(
                "%1", self.locale().toString(shown)
            )
        return self.tr("%Ln agendas", "", total)

    def empty_text(self, filtered: bool) -> str:
        if filtered:
            return self.tr("No agenda matches the search and level.")
        return self.tr(
            "No agendas yet.\nUse New agenda to add the own strategic agenda and the agendas "
            "of Rijk, province, Noord-Nederland and the EU."
        )

    def show_details(self, record_id: int | None) -> None:
        self.agenda_details.show_agenda(record_id)

    def details_id(self) -> int | None:
        return self.agenda_details.agenda_id

    # -- agendas ----------------------------------------------------------------------------

    def new_record(self) -> None:
        # A new agenda starts at the level the list shows.
        self._open(AgendaDialog(self.db, None, self, self.agenda_model.query.level))

    def edit_record(self, record_id: int) -> None:
        self._open(AgendaDialog(self.db, record_id, self))

    def _open(self, dialog: AgendaDialog) -> None:
        self.dialog = dialog
        dialog.saved.connect(self._saved)
        dialog.open()

    def _saved(self, agenda_id: int) -> None:
        self.refresh(select_id=agenda_id)
        facts = self.agenda_details.facts_shown
        if facts is not None:
            self.message.emit(self.tr("Saved {name}.").format(name=facts.name))
        self.changed.emit()

    def after_write(self, message: str) -> None:
        """Show the outcome of a write on the agenda's page (its themes, links, alignments)."""
        shown = self.agenda_details.agenda_id
        self.refresh(select_id=shown)
        self.message.emit(message)
        self.changed.emit()

    def plan_delete(self, session: Session, record_id: int) -> DeletePlan:
        agenda = agendas.get_agenda(session, record_id)
        links = agendas.agenda_links(session, record_id)
        return DeletePlan(
            None, agenda.name, agenda.version, self.tr("Delete agenda"), links_text(links)
        )

    def perform_delete(self, session: Session, record_id: int, plan: DeletePlan) -> str:
        agendas.delete_agenda(session, record_id, expected_version=plan.version, confirm=True)
        return self.tr("Deleted {name}.").format(name=plan.name)
