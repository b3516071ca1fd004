"""Adding and editing a strategic agenda."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from sqlalchemy.orm import Session

from techzone_crm.db.engine import Database
from techzone_crm.db.models import AgendaLevel, Organisation, Sector
from techzone_crm.errors import ValidationError
from techzone_crm.services import agendas
from techzone_crm.services.agendas import AgendaData
from techzone_crm.ui import labels
from techzone_crm.ui.dialogs.form import RecordDialog, error_label
from techzone_crm.ui.undoable import RecordKey
from techzone_crm.ui.widgets.optional_date import OptionalDateEdit
from techzone_crm.ui.widgets.record_picker import organisation_picker

#: The order of the level choices: the own agenda, then the external ones from Rijk to EU.
LEVELS = [AgendaLevel.OWN, *[lv for lv in AgendaLevel if lv is not AgendaLevel.OWN]]


def level_combo() -> QComboBox:
    """A combo box of agenda levels (own first), with the level as item data."""
    combo = QComboBox()
    for level in LEVELS:
        combo.addItem(labels.label(level), level.value)
    return combo


class AgendaDialog(RecordDialog):
    """Add an agenda (``agenda_id`` None) or edit one.

    Signals:
        saved(int): inherited; the agenda's id after a successful save.
    """

    def __init__(
        self,
        db: Database,
        agenda_id: int | None = None,
        parent: QWidget | None = None,
        level: AgendaLevel | None = None,
    ) -> None:
        super().__init__(db, agenda_id, parent)
        self.setWindowTitle(self.tr("New agenda") if agenda_id is None else self.tr("Edit agenda"))
        self.setMinimumWidth(580)

        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("e.g. Regio Deal Zuid- en Oost-Drenthe"))
        self.level_combo = level_combo()
        self.start_edit = OptionalDateEdit(self.tr("Start date"))
        self.end_edit = OptionalDateEdit(self.tr("End date"))
        self.owner_picker = organisation_picker(db)
        self.owner_picker.setToolTip(
            self.tr("The body that sets the agenda: a ministry, the province, the EU programme …")
        )
        self.website_edit = QLineEdit()
        self.website_edit.setPlaceholderText(self.tr("e.g. www.regiodeal.nl"))
        self.sector_boxes: dict[Sector, QCheckBox] = {}
        sectors = QWidget()
        row = QHBoxLayout(sectors)
        row.setContentsMargins(0, 0, 0, 0)
        for sector, text in labels.choices(Sector):
            box = QCheckBox(text)
            self.sector_boxes[Sector(sector)] = box
            row.addWidget(box)
        row.addStretch(1)
        self.description_edit = QPlainTextEdit()
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setMinimumHeight(self.fontMetrics().lineSpacing() * 5 + 12)
        self.description_edit.setMaximumHeight(self.fontMetrics().lineSpacing() * 14 + 12)
        self.description_edit.setPlaceholderText(
            self.tr("What the agenda wants to achieve, its budget and how it decides")
        )

        self.field("name", self.tr("Name:"), self.name_edit)
        self.field("level", self.tr("Level:"), self.level_combo)
        period = QWidget()
        period_row = QHBoxLayout(period)
        period_row.setContentsMargins(0, 0, 0, 0)
        period_row.addWidget(self.start_edit, 1)
        period_row.addWidget(QLabel("–"))
        period_row.addWidget(self.end_edit, 1)
        period_errors = error_label()
        self.form.addRow(self.tr("Period:"), period)
        self.form.addRow("", period_errors)
        self.feedback.register(
            "starts_on", self.start_edit.edit, period_errors, self.tr("The start")
        )
        self.feedback.register("ends_on", self.end_edit.edit, period_errors, self.tr("The end"))
        hint = QLabel(self.tr("Leave a date empty if it is not known or the agenda runs on."))
        hint.setWordWrap(True)
        hint.setEnabled(False)
        self.form.addRow("", hint)
        self.field(
            "owner_organisation_id", self.tr("Set by:"), self.owner_picker, self.tr("Set by")
        )
        self.field("website", self.tr("Website:"), self.website_edit)
        sector_errors = error_label()
        self.form.addRow(self.tr("Sectors:"), sectors)
        self.form.addRow("", sector_errors)
        first_box = next(iter(self.sector_boxes.values()))
        self.feedback.register("sectors", first_box, sector_errors, self.tr("Sectors"))
        self.field("description", self.tr("Description:"), self.description_edit)

        if agenda_id is not None:
            self.reload()
        elif level is not None:
            self.level_combo.setCurrentIndex(LEVELS.index(level))
        else:
            self.level_combo.setCurrentIndex(LEVELS.index(AgendaLevel.NATIONAL))
        self.name_edit.setFocus()

    def load(self, session: Session) -> None:
        assert self.record_id is not None
        agenda = agendas.get_agenda(session, self.record_id)
        self.version = agenda.version
        self.name_edit.setText(agenda.name)
        self.level_combo.setCurrentIndex(LEVELS.index(agenda.level))
        self.start_edit.set_value(agenda.starts_on)
        self.end_edit.set_value(agenda.ends_on)
        owner = agenda.owner_organisation_id
        owner_name = ""
        if owner is not None:
            found = session.get(Organisation, owner)
            owner_name = found.name if found is not None else ""
        self.owner_picker.set_record(owner, owner_name)
        self.website_edit.setText(agenda.website)
        chosen = agendas.agenda_sectors(session, self.record_id)
        for sector, box in self.sector_boxes.items():
            box.setChecked(sector in chosen)
        self.description_edit.setPlainText(agenda.description)

    def collect(self) -> AgendaData:
        start, end = self.start_edit.value(), self.end_edit.value()
        if start is not None and end is not None and end < start:
            raise ValidationError("ends_on", self.tr("is before the start"))
        owner_id = self.owner_picker.record_id()
        if self.owner_picker.unresolved:
            raise ValidationError(
                "owner_organisation_id", self.tr("is not known; choose one from the suggestions")
            )
        return AgendaData(
            name=self.name_edit.text(),
            level=str(self.level_combo.currentData()),
            description=self.description_edit.toPlainText(),
            starts_on=start,
            ends_on=end,
            website=self.website_edit.text(),
            owner_organisation_id=owner_id,
            sectors=[s for s, box in self.sector_boxes.items() if box.isChecked()],
        )

    def write(self, session: Session, data: AgendaData) -> int:
        if self.record_id is None:
            return agendas.add_agenda(session, data).id
        return agendas.update_agenda(session, self.record_id, data, self.version).id

    def current_version(self, session: Session) -> int:
        assert self.record_id is not None
        return agendas.get_agenda(session, self.record_id).version

    def undo_keys(self, record_id: int | None) -> list[RecordKey]:
        return []  # agendas are not in the undo history

    def undo_text(self, session: Session, record_id: int) -> str:
        return ""
