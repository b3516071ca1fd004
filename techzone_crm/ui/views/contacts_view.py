"""The Contacts page: people, searchable and sortable, with their details beside them."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from techzone_crm.db.engine import Database
from techzone_crm.db.models import ViewKind
from techzone_crm.services import affiliations, people, stakeholder_links
from techzone_crm.services.bulk import RecordKind
from techzone_crm.services.people import PersonQuery
from techzone_crm.ui import prompts
from techzone_crm.ui.dialogs.affiliation_dialog import AffiliationDialog, AffiliationMode
from techzone_crm.ui.dialogs.interval_dialog import IntervalDialog
from techzone_crm.ui.dialogs.person_dialog import PersonDialog
from techzone_crm.ui.errors import ErrorReporter
from techzone_crm.ui.models.people_model import PeopleTableModel
from techzone_crm.ui.tasks import TaskRunner
from techzone_crm.ui.undoable import person_key
from techzone_crm.ui.views.bulk_edit import BulkEditor
from techzone_crm.ui.views.delete_texts import person_delete_text
from techzone_crm.ui.views.deleting import DeletePlan
from techzone_crm.ui.views.exporting import PEOPLE, ListExporter
from techzone_crm.ui.views.list_filters import ListFilters
from techzone_crm.ui.views.person_details import PersonDetails
from techzone_crm.ui.views.record_view import RecordView


class ContactsView(RecordView):
    """People in the register.

    Signals:
        changed(): data that other pages show was written (an assessment).
        interaction_requested(object): record an interaction; the InteractionData preset.
        interactions_requested(object): show interactions (an InteractionsFocus).
        (inherited) status_changed(str), message(str), current_changed().
    """

    interaction_requested = Signal(object)
    interactions_requested = Signal(object)

    def __init__(
        self,
        db: Database,
        runner: TaskRunner,
        reporter: ErrorReporter,
        parent: QWidget | None = None,
    ) -> None:
        model = PeopleTableModel(db, runner, PersonQuery())
        details = PersonDetails(db)
        super().__init__(db, model, details, reporter, "contacts", parent)
        model.setParent(self)
        self.person_details = details
        self.people_model = model
        self.dialog: PersonDialog | AffiliationDialog | None = None
        self.search.setPlaceholderText(
            self.tr("Search people by name, organisation, role or e-mail (Ctrl+F)")
        )
        self.search.setAccessibleName(self.tr("Search people"))
        self.table.setAccessibleName(self.tr("People"))
        # Days since the last contact sit beside the role, in sight without scrolling; the user
        # can still move the column (the order is remembered).
        self.table.horizontalHeader().moveSection(model.LAST_CONTACT, model.ROLE + 1)
        self.list_filters = ListFilters(self, ViewKind.PEOPLE)
        self.filters = self.list_filters.bar
        self.person_details.edit_requested.connect(self.edit_record)
        self.person_details.add_role_requested.connect(self.add_role)
        self.person_details.role_requested.connect(self._role_action)
        for section in (self.person_details.assessment, self.person_details.relationships):
            section.changed.connect(self.changed)
            section.message.connect(self.message)
        self.person_details.person_activated.connect(self.show_record)
        self.person_details.interval_requested.connect(self.change_interval)
        self.person_details.interactions.interaction_requested.connect(self.interaction_requested)
        self.person_details.interactions.interactions_requested.connect(self.interactions_requested)
        self.bulk = BulkEditor(self, RecordKind.PERSON)
        self.exporter = ListExporter(self, PEOPLE)
        model.reset()

    def status_text(self, shown: int, total: int, filtered: bool) -> str:
        if filtered:
            return self.tr("Showing %1 of %Ln people", "", total).replace(
                "%1", self.locale().toString(shown)
            )
        return self.tr("%Ln people", "", total)

    def filters_active(self) -> int:
        return self.filters.active_count()

    def empty_text(self, filtered: bool) -> str:
        if self.filters_active():
            return self.tr("Nobody matches the search and filters.")
        if filtered:
            return self.tr("Nobody matches “{text}”.").format(text=self.search.text().strip())
        return self.tr(
            "No people yet.\nPress Ctrl+N to add someone, or load the example data "
            "from the Help menu."
        )

    def export_list(self) -> None:
        """Open the dialog to export the people listed (or the selected ones)."""
        self.exporter.open_dialog()

    def show_details(self, record_id: int | None) -> None:
        self.person_details.show_person(record_id)

    def details_id(self) -> int | None:
        return self.person_details.person_id

    def show_record(self, person_id: int, name: str) -> None:
        """Find ``person_id`` by name and show them (used to jump from an organisation)."""
        self.search.setText(name)
        self.search.flush()
        self.refresh(select_id=person_id)

    # -- people -----------------------------------------------------------------------

    def new_record(self) -> None:
        self._open(PersonDialog(self.db, None, self))

    def edit_record(self, record_id: int) -> None:
        self._open(PersonDialog(self.db, record_id, self))

    def _open(self, dialog: PersonDialog | AffiliationDialog) -> None:
        self.dialog = dialog
        dialog.undo = self.undo
        if isinstance(dialog, PersonDialog):
            dialog.saved.connect(self._person_saved)
        else:
            dialog.saved.connect(self._role_saved)
        dialog.open()

    def _person_saved(self, person_id: int) -> None:
        self.refresh(select_id=person_id)
        facts = self.person_details.facts_shown
        if facts is not None:
            self.message.emit(self.tr("Saved {name}.").format(name=facts.display_name))

    def plan_delete(self, session: Session, record_id: int) -> DeletePlan:
        person = people.get_person(session, record_id)
        return DeletePlan(
            person_key(record_id),
            person.display_name,
            person.version,
            self.tr("Delete person"),
            person_delete_text(stakeholder_links.people_links(session, [record_id])),
        )

    def perform_delete(self, session: Session, record_id: int, plan: DeletePlan) -> str:
        removed = people.delete_person(session, record_id, expected_version=plan.version)
        if removed:
            return self.tr("Deleted {name} and %n role(s).", "", removed).format(name=plan.name)
        return self.tr("Deleted {name}.").format(name=plan.name)

    def change_interval(self, person_id: int) -> None:
        """Open the contact-rhythm dialog of ``person_id``."""
        self.interval_dialog = IntervalDialog(self.db, person_id, self)
        self.interval_dialog.saved.connect(self._interval_saved)
        self.interval_dialog.open()

    def _interval_saved(self, person_id: int) -> None:
        self.refresh(select_id=person_id)
        self.message.emit(self.tr("Contact rhythm saved."))

    # -- roles ------------------------------------------------------------------------

    def add_role(self, person_id: int) -> None:
        """Open the dialog for a new role of ``person_id``."""
        self._open(AffiliationDialog(self.db, person_id, None, AffiliationMode.ADD, self))

    def _role_action(self, person_id: int, affiliation_id: int, action: str) -> None:
        if action == "remove":
            self._remove_role(person_id, affiliation_id)
            return
        mode = AffiliationMode.END if action == "end" else AffiliationMode.EDIT
        self._open(AffiliationDialog(self.db, person_id, affiliation_id, mode, self))

    def _role_saved(self, _affiliation_id: int) -> None:
        # The list shows each person's main role, so the table changes too.
        self.refresh(select_id=self.person_details.person_id)
        self.message.emit(self.tr("Role saved."))

    def _remove_role(self, person_id: int, affiliation_id: int) -> None:
        facts = self.person_details.facts_shown
        role = next((r for r in facts.roles if r.id == affiliation_id), None) if facts else None
        if role is None:
            return
        what = ", ".join(x for x in (role.role, role.organisation_name) if x)
        if not prompts.confirm(
            self,
            self.tr("Remove role"),
            self.tr("Remove the role “{role}”?").format(role=what),
            self.tr(
                "Only remove a role that was entered by mistake. If the person left, "
                "use End role instead, so that the history is kept."
            ),
            self.tr("Remove"),
        ):
            return
        recording = None
        try:
            with self.db.sessions.begin() as session:
                if self.undo is not None:
                    recording = self.undo.start(session, [person_key(person_id)])
                affiliations.delete_affiliation(session, affiliation_id, role.version)
                if recording is not None:
                    recording.finish(session)
        except Exception as exc:
            self.report_problem(exc, self.tr("Contacts"))
            return
        if self.undo is not None and recording is not None:
            self.undo.push(self.tr("Remove role {role}").format(role=what), recording.changes)
        self.refresh(select_id=person_id)
        self.message.emit(self.tr("Role removed."))
