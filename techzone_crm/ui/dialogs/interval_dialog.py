"""How often a person should hear from us: their own interval or the default for their quadrant."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QSpinBox,
    QWidget,
)
from sqlalchemy.orm import Session

from techzone_crm.db.engine import Database
from techzone_crm.services import people, rhythm
from techzone_crm.services.rhythm import (
    MAX_INTERVAL,
    MIN_INTERVAL,
    RED_FACTOR,
    ContactRhythm,
    status_of,
)
from techzone_crm.ui import labels
from techzone_crm.ui.dialogs.form import RecordDialog, error_label, with_error
from techzone_crm.ui.undoable import RecordKey
from techzone_crm.ui.views.rhythm_text import interval_text, last_contact_text

_DAYS, _WEEKS = "days", "weeks"


class IntervalDialog(RecordDialog):
    """The contact interval of ``person_id``.

    Signals:
        saved(int): inherited; the person's id after the interval was saved.
    """

    def __init__(self, db: Database, person_id: int, parent: QWidget | None = None) -> None:
        super().__init__(db, person_id, parent)
        self.setMinimumWidth(480)
        self.today = date.today()
        self.rhythm: ContactRhythm | None = None
        self.default_days = rhythm.DEFAULT_INTERVALS[None]

        self.person_label = QLabel()
        self.last_label = QLabel()
        self.default_radio = QRadioButton()
        self.own_radio = QRadioButton(self.tr("Own interval:"))
        self.choice = QButtonGroup(self)
        self.choice.addButton(self.default_radio)
        self.choice.addButton(self.own_radio)
        self.amount_spin = QSpinBox()
        self.amount_spin.setAccessibleName(self.tr("Interval"))
        self.unit_combo = QComboBox()
        self.unit_combo.addItem(self.tr("weeks"), _WEEKS)
        self.unit_combo.addItem(self.tr("days"), _DAYS)
        self.unit_combo.setAccessibleName(self.tr("Unit"))
        own_row = QWidget()
        row = QHBoxLayout(own_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.own_radio)
        row.addWidget(self.amount_spin)
        row.addWidget(self.unit_combo)
        row.addStretch(1)
        self.preview = QLabel()
        self.preview.setWordWrap(True)

        self.form.addRow(self.tr("Person:"), self.person_label)
        self.form.addRow(self.tr("Last contact:"), self.last_label)
        self.form.addRow(self.tr("Target:"), self.default_radio)
        errors = error_label()
        self.form.addRow("", with_error(own_row, errors))
        # The error names the interval and puts the cursor in its number.
        self.feedback.register(
            "contact_interval_days", self.amount_spin, errors, self.tr("The interval")
        )
        self.form.addRow("", self.preview)

        self.reload()
        self.choice.buttonToggled.connect(lambda *_: self._update())
        self.amount_spin.valueChanged.connect(lambda _v: self._update())
        self.unit_combo.currentIndexChanged.connect(self._unit_changed)
        self._update()

    # -- the form -----------------------------------------------------------------------

    def _set_days(self, days: int) -> None:
        weeks = days % 7 == 0
        self.unit_combo.blockSignals(True)
        self.unit_combo.setCurrentIndex(self.unit_combo.findData(_WEEKS if weeks else _DAYS))
        self.unit_combo.blockSignals(False)
        self._set_range()
        self.amount_spin.setValue(days // 7 if weeks else days)

    def _set_range(self) -> None:
        if self.unit_combo.currentData() == _WEEKS:
            self.amount_spin.setRange(1, MAX_INTERVAL // 7)
        else:
            self.amount_spin.setRange(MIN_INTERVAL, MAX_INTERVAL)

    def _unit_changed(self) -> None:
        # Keep the length as close as the unit allows: 6 weeks become 42 days and back.
        value = self.amount_spin.value()
        weeks = self.unit_combo.currentData() == _WEEKS
        self._set_range()
        self.amount_spin.setValue(max(1, round(value / 7)) if weeks else value * 7)
        self._update()

    def chosen_days(self) -> int | None:
        """The interval the form says, in days; None for the default."""
        if self.default_radio.isChecked():
            return None
        factor = 7 if self.unit_combo.currentData() == _WEEKS else 1
        return self.amount_spin.value() * factor

    def _update(self) -> None:
        own = self.own_radio.isChecked()
        self.amount_spin.setEnabled(own)
        self.unit_combo.setEnabled(own)
        days = self.chosen_days() or self.default_days
        if self.rhythm is None:
            return
        status = status_of(self.rhythm.days_since, days)
        colour = labels.RHYTHM_COLOUR[status]
        red = int(days * RED_FACTOR)
        self.preview.setText(
            self.tr(
                '<span style="color:{colour}">●</span> With this target: <b>{status}</b>.'
                "<br><small>Amber after {target} days, red after {red} days.</small>"
            ).format(colour=colour, status=labels.label(status), target=days, red=red)
        )

    # -- loading and saving -------------------------------------------------------------

    def load(self, session: Session) -> None:
        assert self.record_id is not None
        person = people.get_person(session, self.record_id)
        self.version = person.version
        found = rhythm.contact_rhythm(session, self.record_id, self.today)
        self.rhythm = found
        self.setWindowTitle(self.tr("Contact rhythm of {name}").format(name=person.display_name))
        self.person_label.setText(person.display_name)
        self.last_label.setText(last_contact_text(found))
        self.default_days = rhythm.target_interval(None, found.quadrant)
        reason = (
            labels.label(found.quadrant).lower()
            if found.quadrant is not None
            else self.tr("not assessed")
        )
        self.default_radio.setText(
            self.tr("Default for their quadrant: {interval} ({reason})").format(
                interval=interval_text(self.default_days), reason=reason
            )
        )
        if found.own_interval is None:
            self.default_radio.setChecked(True)
            self._set_days(self.default_days)
        else:
            self.own_radio.setChecked(True)
            self._set_days(found.own_interval)

    def collect(self) -> int | None:
        return self.chosen_days()

    def write(self, session: Session, data: int | None) -> int:
        assert self.record_id is not None
        rhythm.set_contact_interval(session, self.record_id, data, self.version)
        return self.record_id

    def current_version(self, session: Session) -> int:
        assert self.record_id is not None
        return people.get_person(session, self.record_id).version

    def undo_keys(self, record_id: int | None) -> list[RecordKey]:
        return []

    def undo_text(self, session: Session, record_id: int) -> str:
        return self.tr("Change contact rhythm")
