"""Recording and editing a commitment (toezegging): what, by whom, to whom, by when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QWidget,
)
from sqlalchemy.orm import Session

from techzone_crm.db.engine import Database
from techzone_crm.db.models import CommitmentStatus
from techzone_crm.errors import ValidationError
from techzone_crm.services import commitments, dossiers, interactions, organisations, people, team
from techzone_crm.services.commitments import CommitmentData, CommitmentState
from techzone_crm.ui import labels
from techzone_crm.ui.dialogs.form import RecordDialog
from techzone_crm.ui.models.commitments_model import state_text
from techzone_crm.ui.undoable import RecordKey
from techzone_crm.ui.views.detail_pane import format_date
from techzone_crm.ui.widgets.optional_date import OptionalDateEdit, date_edit, to_qdate
from techzone_crm.ui.widgets.record_picker import (
    RecordPicker,
    dossier_picker,
    organisation_picker,
    person_picker,
)


@dataclass(frozen=True)
class _Status:
    """The status chosen in the form, with the day it was kept."""

    status: CommitmentStatus
    done_on: date | None


class CommitmentDialog(RecordDialog):
    """A new commitment (optionally from ``preset``) or ``commitment_id`` to edit.

    Signals:
        saved(int): inherited; the commitment's id after a successful save.
    """

    def __init__(
        self,
        db: Database,
        commitment_id: int | None = None,
        parent: QWidget | None = None,
        preset: CommitmentData | None = None,
    ) -> None:
        super().__init__(db, commitment_id, parent)
        self.setWindowTitle(
            self.tr("New commitment") if commitment_id is None else self.tr("Edit commitment")
        )
        self.setMinimumWidth(560)
        self.interaction_id: int | None = None
        self._stored: _Status | None = None

        self.description_edit = QPlainTextEdit()
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setPlaceholderText(
            self.tr("e.g. send the memo on the rail link before the council meeting")
        )
        self.description_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.by_us_radio = QRadioButton(self.tr("By us"))
        self.by_them_radio = QRadioButton(self.tr("By them (the stakeholder)"))
        self.by_us_radio.setChecked(True)
        self.direction = QButtonGroup(self)
        self.direction.addButton(self.by_us_radio)
        self.direction.addButton(self.by_them_radio)
        direction_row = QWidget()
        row = QHBoxLayout(direction_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.by_us_radio)
        row.addWidget(self.by_them_radio)
        row.addStretch(1)
        self.team_combo = QComboBox()
        self.team_hint = self._hint()
        self.person_picker = person_picker(db)
        self.organisation_picker = organisation_picker(db)
        self.dossier_picker = dossier_picker(db)
        self.interaction_label = QLabel()
        self.interaction_label.setWordWrap(True)
        self.due_edit = OptionalDateEdit(self.tr("Due date"))
        with db.read() as session:
            members = team.list_team_members(session, active_only=False)
        self.team_combo.addItem(self.tr("Nobody in particular"), None)
        for member_id, name in members:
            self.team_combo.addItem(name, member_id)

        self.field("description", self.tr("Commitment:"), self.description_edit)
        self.form.addRow(self.tr("Promised:"), direction_row)
        self._below(
            self.field("team_member_id", self.tr("Team member:"), self.team_combo), self.team_hint
        )
        self.field("person_id", self.tr("Person:"), self.person_picker)
        self._below(
            self.field("organisation_id", self.tr("Organisation:"), self.organisation_picker),
            self._hint(self.tr("To or from whom: a person, an organisation, or both.")),
        )
        self.field("dossier_id", self.tr("Dossier:"), self.dossier_picker)
        self.form.addRow(self.tr("Made in:"), self.interaction_label)
        self.form.setRowVisible(self.interaction_label, False)
        self.field("due_on", self.tr("Due date:"), self.due_edit, self.tr("The due date"))

        self.state_label = QLabel()
        self.status_combo = QComboBox()
        for status in (CommitmentStatus.OPEN, CommitmentStatus.DONE, CommitmentStatus.CANCELLED):
            state = CommitmentState(status.value)
            self.status_combo.addItem(labels.commitment_marker(state), labels.label(state), status)
        self.done_edit = date_edit()
        self.done_edit.setMaximumDate(QDate.currentDate())
        self.done_edit.setDate(QDate.currentDate())
        self.done_edit.setAccessibleName(self.tr("Done on"))
        if commitment_id is not None:
            self.section(self.tr("Status"))
            self.form.addRow(self.tr("Now:"), self.state_label)
            self.field("status", self.tr("Status:"), self.status_combo)
            self.field("done_on", self.tr("Done on:"), self.done_edit, self.tr("The done date"))
            self.status_combo.currentIndexChanged.connect(self._status_changed)

        self.direction.buttonToggled.connect(lambda *_: self._direction_changed())
        if commitment_id is not None:
            self.reload()
        elif preset is not None:
            with db.read() as session:
                self._show(session, preset)
        self._direction_changed()
        self._status_changed()
        self.description_edit.setFocus()

    @staticmethod
    def _below(errors: QLabel, hint: QLabel) -> None:
        """Put ``hint`` under a field, in the box that holds the field and its error label."""
        box = errors.parentWidget()
        layout = box.layout() if box is not None else None
        if layout is not None:
            layout.addWidget(hint)

    def _hint(self, text: str = "") -> QLabel:
        hint = QLabel(text)
        hint.setWordWrap(True)
        hint.setEnabled(False)
        return hint

    def _direction_changed(self) -> None:
        if self.by_us_radio.isChecked():
            self.team_hint.setText(self.tr("Who made the promise."))
        else:
            self.team_hint.setText(self.tr("Who it was promised to (may be left open)."))

    def _status_changed(self) -> None:
        done = self.chosen_status() is CommitmentStatus.DONE
        box = self.done_edit.parentWidget()
        if self.record_id is not None and box is not None:
            # The date edit sits in a box with its error label: that box is the form's field.
            self.form.setRowVisible(box, done)

    def chosen_status(self) -> CommitmentStatus:
        """The status chosen in the form (Qt hands the enum back as its text)."""
        return CommitmentStatus(self.status_combo.currentData())

    # -- loading ----------------------------------------------------------------------

    def _show(self, session: Session, data: CommitmentData) -> None:
        """Fill the fields from ``data``, reading the names of what it links to."""
        self.description_edit.setPlainText(data.description)
        (self.by_us_radio if data.by_us else self.by_them_radio).setChecked(True)
        self.team_combo.setCurrentIndex(max(0, self.team_combo.findData(data.team_member_id)))
        person = people.get_person(session, data.person_id) if data.person_id else None
        self.person_picker.set_record(data.person_id, person.display_name if person else "")
        org = (
            organisations.get_organisation(session, data.organisation_id)
            if data.organisation_id
            else None
        )
        self.organisation_picker.set_record(data.organisation_id, org.name if org else "")
        dossier = dossiers.get_dossier(session, data.dossier_id) if data.dossier_id else None
        self.dossier_picker.set_record(data.dossier_id, dossier.title if dossier else "")
        self.interaction_id = data.interaction_id
        if data.interaction_id is not None:
            meeting = interactions.get_interaction(session, data.interaction_id)
            self.interaction_label.setText(
                f"{format_date(meeting.occurred_on)} {meeting.subject}".strip()
            )
        self.form.setRowVisible(self.interaction_label, data.interaction_id is not None)
        self.due_edit.set_value(data.due_on)

    def load(self, session: Session) -> None:
        assert self.record_id is not None
        row = commitments.get_commitment(session, self.record_id)
        self.version = row.version
        self._show(
            session,
            CommitmentData(
                description=row.description,
                by_us=row.by_us,
                team_member_id=row.team_member_id,
                person_id=row.person_id,
                organisation_id=row.organisation_id,
                dossier_id=row.dossier_id,
                interaction_id=row.interaction_id,
                due_on=row.due_on,
            ),
        )
        status = (
            CommitmentStatus.OPEN
            if row.state in (CommitmentState.OPEN, CommitmentState.OVERDUE)
            else CommitmentStatus(row.state.value)
        )
        self._stored = _Status(status, row.done_on)
        self.status_combo.setCurrentIndex(self.status_combo.findData(status))
        self.done_edit.setDate(to_qdate(row.done_on) if row.done_on else QDate.currentDate())
        now = state_text(row)
        if row.done_on is not None:
            now = self.tr("{state} on {date}").format(state=now, date=format_date(row.done_on))
        self.state_label.setText(now)

    # -- saving -----------------------------------------------------------------------

    def _chosen(self, field: str, picker: RecordPicker) -> int | None:
        record_id = picker.record_id()
        if picker.text().strip() and record_id is None:
            raise ValidationError(field, self.tr("is not known; choose one from the suggestions"))
        return record_id

    def collect(self) -> tuple[CommitmentData, _Status | None]:
        # Top to bottom: the first field in the form with a problem is the one named.
        if not self.description_edit.toPlainText().strip():
            raise ValidationError("description", self.tr("is required"))
        data = CommitmentData(
            description=self.description_edit.toPlainText(),
            by_us=self.by_us_radio.isChecked(),
            team_member_id=self.team_combo.currentData(),
            person_id=self._chosen("person_id", self.person_picker),
            organisation_id=self._chosen("organisation_id", self.organisation_picker),
            dossier_id=self._chosen("dossier_id", self.dossier_picker),
            interaction_id=self.interaction_id,
            due_on=self.due_edit.value(),
        )
        if self.record_id is None:
            return data, None
        status = self.chosen_status()
        day = self.done_edit.date()
        done_on = (
            date(day.year(), day.month(), day.day()) if status is CommitmentStatus.DONE else None
        )
        return data, _Status(status, done_on)

    def write(self, session: Session, data: tuple[CommitmentData, _Status | None]) -> int:
        values, status = data
        if self.record_id is None:
            return commitments.add_commitment(session, values).id
        commitment_id = commitments.update_commitment(
            session, self.record_id, values, self.version
        ).id
        if status is not None and status != self._stored:
            if status.status is CommitmentStatus.DONE:
                commitments.mark_done(session, commitment_id, status.done_on)
            elif status.status is CommitmentStatus.CANCELLED:
                commitments.cancel(session, commitment_id)
            else:
                commitments.reopen(session, commitment_id)
        return commitment_id

    def current_version(self, session: Session) -> int:
        assert self.record_id is not None
        return commitments.get_commitment(session, self.record_id).version

    def undo_keys(self, record_id: int | None) -> list[RecordKey]:
        return []

    def undo_text(self, session: Session, record_id: int) -> str:
        return self.tr("Save commitment")
