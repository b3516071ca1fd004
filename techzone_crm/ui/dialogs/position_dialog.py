"""Recording a stakeholder's position on a dossier, with the public statement it rests on."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QWidget
from sqlalchemy.orm import Session

from techzone_crm.db.engine import Database
from techzone_crm.errors import ValidationError
from techzone_crm.services import dossier_positions, dossiers
from techzone_crm.services.dossier_positions import HIGHEST, LOWEST, PositionData
from techzone_crm.ui import labels
from techzone_crm.ui.dialogs.form import RecordDialog, error_label, with_error
from techzone_crm.ui.undoable import RecordKey
from techzone_crm.ui.widgets.optional_date import OptionalDateEdit
from techzone_crm.ui.widgets.record_picker import StakeholderPicker


def position_combo() -> QComboBox:
    """The positions from +2 (supporter) down to −2 (opponent), each with its marker."""
    combo = QComboBox()
    for value in range(HIGHEST, LOWEST - 1, -1):
        combo.addItem(labels.attitude_marker(value), labels.attitude(value), value)
    return combo


class PositionDialog(RecordDialog):
    """A new position on ``dossier_id``, or ``position_id`` to edit.

    Signals:
        saved(int): inherited; the position's id after a successful save.
    """

    def __init__(
        self,
        db: Database,
        dossier_id: int,
        position_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(db, position_id, parent)
        self.dossier_id = dossier_id
        self.setWindowTitle(
            self.tr("New position") if position_id is None else self.tr("Edit position")
        )
        self.setMinimumWidth(580)
        with db.read() as session:
            title = dossiers.get_dossier(session, dossier_id).title
        self.dossier_label = QLabel(title)
        self.dossier_label.setWordWrap(True)
        self.stakeholder = StakeholderPicker(db)
        self.stakeholder.setAccessibleName(self.tr("Stakeholder"))
        self.position_combo = position_combo()
        self.position_combo.setAccessibleName(self.tr("Position"))
        self.position_combo.setPlaceholderText(self.tr("Choose a position"))
        self.position_combo.setCurrentIndex(-1)
        self.source_edit = QLineEdit()
        self.source_edit.setMaxLength(300)
        self.source_edit.setPlaceholderText(
            self.tr("e.g. Interview Dagblad van het Noorden, debate in the States")
        )
        self.source_date = OptionalDateEdit(self.tr("Date of the statement"))
        self.source_date.edit.setMaximumDate(QDate.currentDate())
        self.reference_edit = QLineEdit()
        self.reference_edit.setMaxLength(500)
        self.reference_edit.setPlaceholderText(self.tr("a link, page or minutes reference"))
        self.note_edit = QPlainTextEdit()
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setMinimumHeight(70)
        self.note_edit.setPlaceholderText(
            self.tr("What exactly was said, and what it means for us")
        )

        self.form.addRow(self.tr("Dossier:"), self.dossier_label)
        stakeholder_errors = error_label()
        self.form.addRow(self.tr("Stakeholder:"), with_error(self.stakeholder, stakeholder_errors))
        name = self.tr("Stakeholder")
        self.feedback.register("person_id", self.stakeholder.person, stakeholder_errors, name)
        self.feedback.register(
            "organisation_id", self.stakeholder.organisation, stakeholder_errors, name
        )
        self.field("position", self.tr("Position:"), self.position_combo)
        self.section(self.tr("Source"))
        self.field("source", self.tr("Statement:"), self.source_edit, self.tr("The statement"))
        self.field(
            "source_date", self.tr("Date:"), self.source_date, self.tr("The date of the statement")
        )
        self.field(
            "source_reference", self.tr("Reference:"), self.reference_edit, self.tr("The reference")
        )
        hint = QLabel(
            self.tr(
                "Say where the position was stated in public, so that others can check it "
                "and see how old it is."
            )
        )
        hint.setWordWrap(True)
        hint.setEnabled(False)
        self.form.addRow("", hint)
        self.field("note", self.tr("Note:"), self.note_edit)

        if position_id is not None:
            self.reload()
            self.position_combo.setFocus()
        else:
            self.stakeholder.current_picker().setFocus()

    def preset_person(self, person_id: int, name: str) -> None:
        """Start a new position with this person as the stakeholder."""
        self.stakeholder.set_stakeholder(person_id, None, name)

    def load(self, session: Session) -> None:
        assert self.record_id is not None
        row = dossier_positions.get_position(session, self.record_id)
        self.version = row.version
        self.stakeholder.set_stakeholder(row.person_id, row.organisation_id, row.name)
        self.position_combo.setCurrentIndex(self.position_combo.findData(row.position))
        self.source_edit.setText(row.source)
        self.source_date.set_value(row.source_date)
        self.reference_edit.setText(row.source_reference)
        self.note_edit.setPlainText(row.note)

    def collect(self) -> PositionData:
        picker = self.stakeholder.current_picker()
        field = "person_id" if picker is self.stakeholder.person else "organisation_id"
        if not picker.text().strip():
            raise ValidationError(field, self.tr("is required; choose a person or an organisation"))
        person_id, organisation_id = self.stakeholder.stakeholder()
        if person_id is None and organisation_id is None:
            raise ValidationError(field, self.tr("is not known; choose one from the suggestions"))
        value = self.position_combo.currentData()
        if value is None:
            raise ValidationError(
                "position", self.tr("is required; choose from +2 (supporter) to −2 (opponent)")
            )
        return PositionData(
            position=int(value),
            person_id=person_id,
            organisation_id=organisation_id,
            source=self.source_edit.text().strip(),
            source_date=self.source_date.value(),
            source_reference=self.reference_edit.text().strip(),
            note=self.note_edit.toPlainText(),
        )

    def write(self, session: Session, data: PositionData) -> int:
        if self.record_id is None:
            return dossier_positions.add_position(session, self.dossier_id, data).id
        return dossier_positions.update_position(session, self.record_id, data, self.version).id

    def current_version(self, session: Session) -> int:
        assert self.record_id is not None
        return dossier_positions.get_position(session, self.record_id).version

    def undo_keys(self, record_id: int | None) -> list[RecordKey]:
        return []

    def undo_text(self, session: Session, record_id: int) -> str:
        return ""
