"""The Organisations page: organisations by helix, with their people beside them."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from techzone_crm.db.engine import Database
from techzone_crm.db.models import ViewKind
from techzone_crm.services import organisations, stakeholder_links
from techzone_crm.services.bulk import RecordKind
from techzone_crm.services.organisations import OrganisationQuery
from techzone_crm.ui.dialogs.organisation_dialog import OrganisationDialog
from techzone_crm.ui.errors import ErrorReporter
from techzone_crm.ui.models.organisations_model import OrganisationsTableModel
from techzone_crm.ui.tasks import TaskRunner
from techzone_crm.ui.undoable import organisation_key
from techzone_crm.ui.views.bulk_edit import BulkEditor
from techzone_crm.ui.views.delete_texts import organisation_delete_text
from techzone_crm.ui.views.deleting import DeletePlan
from techzone_crm.ui.views.exporting import ORGANISATIONS, ListExporter
from techzone_crm.ui.views.list_filters import ListFilters
from techzone_crm.ui.views.organisation_details import OrganisationDetails
from techzone_crm.ui.views.record_view import RecordView


class OrganisationsView(RecordView):
    """Organisations in the register, with filters that combine and saved views.

    Signals:
        person_activated(int, str): the user wants to go to this person (id, sorted name).
        changed(): data that other pages show was written (an assessment).
        interaction_requested(object): record an interaction; the InteractionData preset.
        interactions_requested(object): show interactions (an InteractionsFocus).
        (inherited) status_changed(str), message(str), current_changed().
    """

    person_activated = Signal(int, str)
    interaction_requested = Signal(object)
    interactions_requested = Signal(object)

    def __init__(
        self,
        db: Database,
        runner: TaskRunner,
        reporter: ErrorReporter,
        parent: QWidget | None = None,
    ) -> None:
        model = OrganisationsTableModel(db, runner, OrganisationQuery())
        details = OrganisationDetails(db)
        super().__init__(db, model, details, reporter, "organisations", parent)
        model.setParent(self)
        self.org_model = model
        self.org_details = details
        self.dialog: OrganisationDialog | None = None
        self.search.setPlaceholderText(
            self.tr("Search organisations by name, short name or region (Ctrl+F)")
        )
        self.search.setAccessibleName(self.tr("Search organisations"))
        self.table.setAccessibleName(self.tr("Organisations"))

        self.list_filters = ListFilters(self, ViewKind.ORGANISATIONS)
        self.filters = self.list_filters.bar

        self.bulk = BulkEditor(self, RecordKind.ORGANISATION)
        self.exporter = ListExporter(self, ORGANISATIONS)
        details.edit_requested.connect(self.edit_record)
        details.person_activated.connect(self.person_activated)
        for section in (details.assessment, details.relationships):
            section.changed.connect(self.changed)
            section.message.connect(self.message)
        details.interactions.interaction_requested.connect(self.interaction_requested)
        details.interactions.interactions_requested.connect(self.interactions_requested)
        details.organisation_activated.connect(self.open_record)
        model.reset()

    def filters_active(self) -> int:
        return self.filters.active_count()

    def status_text(self, shown: int, total: int, filtered: bool) -> str:
        if filtered:
            return self.tr("Showing %1 of %Ln organisations", "", total).replace(
                "%1", self.locale().toString(shown)
            )
        return self.tr("%Ln organisations", "", total)

    def empty_text(self, filtered: bool) -> str:
        if filtered:
            return self.tr("No organisation matches the search and filters.")
        return self.tr(
            "No organisations yet.\nUse File › New organisation to add one, or load the "
            "example data from the Help menu."
        )

    def export_list(self) -> None:
        """Open the dialog to export the organisations listed (or the selected ones)."""
        self.exporter.open_dialog()

    def show_details(self, record_id: int | None) -> None:
        self.org_details.show_organisation(record_id)

    def details_id(self) -> int | None:
        return self.org_details.org_id

    # -- organisations ----------------------------------------------------------------

    def new_record(self) -> None:
        self._open(OrganisationDialog(self.db, None, self))

    def edit_record(self, record_id: int) -> None:
        self._open(OrganisationDialog(self.db, record_id, self))

    def _open(self, dialog: OrganisationDialog) -> None:
        self.dialog = dialog
        dialog.undo = self.undo
        dialog.saved.connect(self._saved)
        dialog.open()

    def _saved(self, org_id: int) -> None:
        self.refresh(select_id=org_id)
        facts = self.org_details.facts_shown
        if facts is not None:
            self.message.emit(self.tr("Saved {name}.").format(name=facts.name))

    def plan_delete(self, session: Session, record_id: int) -> DeletePlan:
        org = organisations.get_organisation(session, record_id)
        links = stakeholder_links.organisations_links(session, [record_id])
        return DeletePlan(
            organisation_key(record_id),
            org.name,
            org.version,
            self.tr("Delete organisation"),
            organisation_delete_text(links),
        )

    def perform_delete(self, session: Session, record_id: int, plan: DeletePlan) -> str:
        organisations.delete_organisation(session, record_id, expected_version=plan.version)
        return self.tr("Deleted {name}.").format(name=plan.name)
