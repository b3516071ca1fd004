"""Adding, editing and ending a person's role at an organisation."""

from __future__ import annotations

from datetime import date
from enum import Enum

from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QWidget
from sqlalchemy.orm import Session

from techzone_crm.db.engine import Database
from techzone_crm.errors import ValidationError
from techzone_crm.services import affiliations, people
from techzone_crm.services.affiliations import AffiliationData
from techzone_crm.ui.dialogs.form import RecordDialog
from techzone_crm.ui.undoable import RecordKey, person_key
from techzone_crm.ui.widgets.optional_date import OptionalDateEdit
from techzone_crm.ui.widgets.record_picker import organisation_picker


class AffiliationMode(Enum):
    """What the dialog is opened for."""

    ADD = "add"
    EDIT = "edit"
    END = "end"  # edit, starting at the end date (someone left)


class AffiliationDialog(RecordDialog):
    """A role of ``person_id``: a new one, or ``affiliation_id`` to edit or end.

    Signals:
        saved(int): inherited; the affiliation's id after a successful save.
    """

    def __init__(
        self,
        db: Database,
        person_id: int,
        affiliation_id: int | None = None,
        mode: AffiliationMode = AffiliationMode.ADD,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(db, affiliation_id, parent)
        self.person_id = person_id
        self.mode = mode
        self.setMinimumWidth(500)
        titles = {
            AffiliationMode.ADD: self.tr("New role"),
            AffiliationMode.EDIT: self.tr("Edit role"),
            AffiliationMode.END: self.tr("End role"),
        }
        self.setWindowTitle(titles[mode])

        with db.read() as session:
            person_name = people.get_person(session, person_id).display_name
        self.person_label = QLabel(person_name)
        self.organisation_picker = organisation_picker(db)
        self.role_edit = QLineEdit()
        self.role_edit.setPlaceholderText(self.tr("e.g. alderman for economic affairs"))
        self.start_edit = OptionalDateEdit(self.tr("Start date"))
        self.end_edit = OptionalDateEdit(self.tr("End date"))
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setMinimumHeight(60)

        self.form.addRow(self.tr("Person:"), self.person_label)
        self.field("organisation_id", self.tr("Organisation:"), self.organisation_picker)
        self.field("role", self.tr("Role:"), self.role_edit)
        self.field("start_date", self.tr("Since:"), self.start_edit, self.tr("The start date"))
        self.field("end_date", self.tr("Until:"), self.end_edit, self.tr("The end date"))
        hint = QLabel(
            self.tr("Leave the dates empty if unknown. A role without an end date is current.")
        )
        hint.setWordWrap(True)
        hint.setEnabled(False)
        self.form.addRow("", hint)
        self.field("notes", self.tr("Notes:"), self.notes_edit)

        if affiliation_id is not None:
            self.reload()
        if mode is AffiliationMode.END:
            if self.end_edit.value() is None:
                self.end_edit.set_value(date.today())
            self.end_edit.edit.setFocus()
        elif affiliation_id is None:
            self.organisation_picker.setFocus()

    def load(self, session: Session) -> None:
        assert self.record_id is not None
        aff = affiliations.get_affiliation(session, self.record_id)
        self.version = aff.version
        self.organisation_picker.set_record(aff.organisation_id, aff.organisation.name)
        self.role_edit.setText(aff.role)
        self.start_edit.set_value(aff.start_date)
        self.end_edit.set_value(aff.end_date)
        self.notes_edit.setPlainText(aff.notes)

    def collect(self) -> AffiliationData:
        if not self.organisation_picker.text().strip():
            raise ValidationError("organisation_id", self.tr("is required"))
        org_id = self.organisation_picker.record_id()
        if org_id is None:
            raise ValidationError(
                "organisation_id", self.tr("is not known; choose one from the suggestions")
            )
        return AffiliationData(
            person_id=self.person_id,
            organisation_id=org_id,
            role=self.role_edit.text(),
            start_date=self.start_edit.value(),
            end_date=self.end_edit.value(),
            notes=self.notes_edit.toPlainText(),
        )

    def write(self, session: Session, data: AffiliationData) -> int:
        if self.record_id is None:
            return affiliations.add_affiliation(session, data).id
        return affiliations.update_affiliation(session, self.record_id, data, self.version).id

    def current_version(self, session: Session) -> int:
        assert self.record_id is not None
        return affiliations.get_affiliation(session, self.record_id).version

    def undo_keys(self, record_id: int | None) -> list[RecordKey]:
        # A person's snapshot holds their roles.
        return [person_key(self.person_id)]

    def undo_text(self, session: Session, record_id: int) -> str:
        aff = affiliations.get_affiliation(session, record_id)
        where = aff.organisation.name
        if self.record_id is None:
            return self.tr("New role at {organisation} for {name}").format(
                organisation=where, name=aff.person.display_name
            )
        if self.mode is AffiliationMode.END:
            return self.tr("End role at {organisation}").format(organisation=where)
        return self.tr("Edit role at {organisation}").format(organisation=where)
