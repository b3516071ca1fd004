"""Adding and editing an organisation."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from sqlalchemy.orm import Session

from techzone_crm.db.engine import Database
from techzone_crm.db.models import GovernmentLevel, Helix, Sector
from techzone_crm.errors import ValidationError
from techzone_crm.services import organisations, tags
from techzone_crm.services.organisations import OrganisationData
from techzone_crm.ui import labels
from techzone_crm.ui.dialogs.form import RecordDialog, error_label
from techzone_crm.ui.undoable import RecordKey, organisation_key
from techzone_crm.ui.widgets.record_picker import organisation_picker
from techzone_crm.ui.widgets.tag_edit import TagEdit


class OrganisationDialog(RecordDialog):
    """Add an organisation (``org_id`` None) or edit one.

    Signals:
        saved(int): inherited; the organisation's id after a successful save.
    """

    def __init__(
        self, db: Database, org_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(db, org_id, parent)
        self.setWindowTitle(
            self.tr("New organisation") if org_id is None else self.tr("Edit organisation")
        )
        self.setMinimumWidth(560)

        self.name_edit = QLineEdit()
        self.short_edit = QLineEdit()
        self.short_edit.setPlaceholderText(self.tr("e.g. EZK or RUG"))
        self.helix_combo = QComboBox()
        for helix, text in labels.choices(Helix):
            self.helix_combo.addItem(labels.helix_swatch(Helix(helix)), text, helix.value)
        self.level_combo = QComboBox()
        self.level_combo.addItem(self.tr("Not set"), None)
        for level, text in labels.choices(GovernmentLevel):
            self.level_combo.addItem(text, level.value)
        self.sector_boxes: dict[Sector, QCheckBox] = {}
        sectors = QWidget()
        row = QHBoxLayout(sectors)
        row.setContentsMargins(0, 0, 0, 0)
        for sector, text in labels.choices(Sector):
            box = QCheckBox(text)
            self.sector_boxes[Sector(sector)] = box
            row.addWidget(box)
        row.addStretch(1)
        self.region_edit = QLineEdit()
        self.region_edit.setPlaceholderText(self.tr("e.g. Zuidoost-Drenthe"))
        self.website_edit = QLineEdit()
        self.website_edit.setPlaceholderText(self.tr("e.g. www.example.nl"))
        self.parent_picker = organisation_picker(db, exclude_id=org_id)
        self.partner_check = QCheckBox(self.tr("Partner in the collaboration"))
        self.street_edit = QLineEdit()
        self.street_edit.setPlaceholderText(self.tr("street and number, e.g. Sluisdijk 1"))
        self.postal_edit = QLineEdit()
        self.postal_edit.setPlaceholderText(self.tr("e.g. 7811 AP"))
        self.postal_edit.setMaximumWidth(self.fontMetrics().averageCharWidth() * 14 + 16)
        self.city_edit = QLineEdit()
        self.city_edit.setPlaceholderText(self.tr("e.g. Emmen"))
        with db.read() as session:
            self.tags_edit = TagEdit(tags.list_tags(session))
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setMinimumHeight(70)

        self.field("name", self.tr("Name:"), self.name_edit)
        self.field("short_name", self.tr("Short name:"), self.short_edit)
        self.field("helix", self.tr("Helix:"), self.helix_combo)
        self.field("government_level", self.tr("Government level:"), self.level_combo)
        sector_errors = error_label()
        self.form.addRow(self.tr("Sectors:"), sectors)
        self.form.addRow("", sector_errors)
        first_box = next(iter(self.sector_boxes.values()))
        self.feedback.register("sectors", first_box, sector_errors, self.tr("Sectors"))
        self.field("region", self.tr("Region:"), self.region_edit)
        self.field("website", self.tr("Website:"), self.website_edit)
        self.field("parent_id", self.tr("Part of:"), self.parent_picker, self.tr("Part of"))
        self.form.addRow("", self.partner_check)
        self.section(self.tr("Address"))
        self.field("street", self.tr("Street:"), self.street_edit)
        place = QWidget()
        place_row = QHBoxLayout(place)
        place_row.setContentsMargins(0, 0, 0, 0)
        place_row.addWidget(self.postal_edit)
        place_row.addWidget(self.city_edit, 1)
        place_errors = error_label()
        self.form.addRow(self.tr("Postal code, city:"), place)
        self.form.addRow("", place_errors)
        self.feedback.register(
            "postal_code", self.postal_edit, place_errors, self.tr("Postal code")
        )
        self.feedback.register("city", self.city_edit, place_errors, self.tr("City"))
        self.section(self.tr("More"))
        self.field("tags", self.tr("Tags:"), self.tags_edit)
        self.field("notes", self.tr("Notes:"), self.notes_edit)

        self.helix_combo.currentIndexChanged.connect(self._helix_changed)
        if org_id is None:
            self._helix_changed()
        else:
            self.reload()
        self.name_edit.setFocus()

    def _helix_changed(self) -> None:
        # A government level only means something for a government body.
        government = self.helix_combo.currentData() == Helix.GOVERNMENT.value
        self.level_combo.setEnabled(government)
        if not government:
            self.level_combo.setCurrentIndex(0)

    def load(self, session: Session) -> None:
        assert self.record_id is not None
        org = organisations.get_organisation(session, self.record_id)
        self.version = org.version
        self.name_edit.setText(org.name)
        self.short_edit.setText(org.short_name)
        self.helix_combo.setCurrentIndex(max(0, self.helix_combo.findData(org.helix.value)))
        level = org.government_level.value if org.government_level else None
        self.level_combo.setCurrentIndex(max(0, self.level_combo.findData(level)))
        self._helix_changed()
        for sector, box in self.sector_boxes.items():
            box.setChecked(sector in org.sectors)
        self.region_edit.setText(org.region)
        self.website_edit.setText(org.website)
        if org.parent is not None:
            self.parent_picker.set_record(org.parent.id, org.parent.name)
        else:
            self.parent_picker.set_record(None)
        self.partner_check.setChecked(org.is_partner)
        self.notes_edit.setPlainText(org.notes)
        self.street_edit.setText(org.street)
        self.postal_edit.setText(org.postal_code)
        self.city_edit.setText(org.city)
        self.tags_edit.set_tags(sorted((t.name for t in org.tags), key=str.casefold))
        self.setWindowTitle(self.tr("Edit {name}").format(name=org.name))

    def collect(self) -> OrganisationData:
        if self.parent_picker.unresolved:
            raise ValidationError(
                "parent_id", self.tr("is not an organisation; choose one from the suggestions")
            )
        return OrganisationData(
            name=self.name_edit.text(),
            helix=str(self.helix_combo.currentData()),
            government_level=self.level_combo.currentData(),
            sectors=[s for s, box in self.sector_boxes.items() if box.isChecked()],
            short_name=self.short_edit.text(),
            region=self.region_edit.text(),
            website=self.website_edit.text(),
            parent_id=self.parent_picker.record_id(),
            is_partner=self.partner_check.isChecked(),
            notes=self.notes_edit.toPlainText(),
            street=self.street_edit.text(),
            postal_code=self.postal_edit.text(),
            city=self.city_edit.text(),
            tags=self.tags_edit.tags(),
        )

    def write(self, session: Session, data: OrganisationData) -> int:
        if self.record_id is None:
            return organisations.add_organisation(session, data).id
        return organisations.update_organisation(session, self.record_id, data, self.version).id

    def current_version(self, session: Session) -> int:
        assert self.record_id is not None
        return organisations.get_organisation(session, self.record_id).version

    def undo_keys(self, record_id: int | None) -> list[RecordKey]:
        return [] if record_id is None else [organisation_key(record_id)]

    def undo_text(self, session: Session, record_id: int) -> str:
        name = organisations.get_organisation(session, record_id).name
        if self.record_id is None:
            return self.tr("New organisation {name}").format(name=name)
        return self.tr("Edit {name}").format(name=name)
