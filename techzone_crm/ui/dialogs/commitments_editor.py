"""The commitments (toezeggingen) made at an interaction, as rows inside its dialog.

Each row says what was promised, in which direction (we promise, or they promise), which team
member and which stakeholder it is between, and by when. The rows are only written when the
interaction is saved, in the same transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from techzone_crm.db.engine import Database
from techzone_crm.errors import ValidationError
from techzone_crm.services.commitments import CommitmentData, CommitmentRow
from techzone_crm.ui import labels
from techzone_crm.ui.dialogs.form import error_label
from techzone_crm.ui.icons import icon
from techzone_crm.ui.views.detail_pane import format_date
from techzone_crm.ui.widgets.optional_date import OptionalDateEdit
from techzone_crm.ui.widgets.record_picker import RecordPicker, person_picker

_PERSON, _ORGANISATION, _OTHER = "person", "organisation", "other"

# Which widget of a row shows the service's problem with a field.
_PARTS = {
    "description": "description",
    "team_member_id": "team",
    "person_id": "party",
    "organisation_id": "party",
    "due_on": "due",
}


@dataclass(frozen=True)
class Party:
    """Someone a commitment can be between: an attendee or an organisation of the meeting."""

    kind: str  # "person" or "organisation"
    id: int
    name: str


class CommitmentRowEdit(QFrame):
    """One new commitment: what, which way, between whom, and by when."""

    def __init__(
        self, db: Database, team: Sequence[tuple[int, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.description = QLineEdit()
        self.description.setPlaceholderText(self.tr("What was promised, e.g. send the memo"))
        self.description.setAccessibleName(self.tr("Commitment"))
        self.direction = QComboBox()
        self.direction.addItem(self.tr("We promise"), True)
        self.direction.addItem(self.tr("They promise"), False)
        self.direction.setAccessibleName(self.tr("Who promised"))
        self.direction.setToolTip(
            self.tr("We promise: a follow-up action of ours. They promise: we wait for them.")
        )
        self.team = QComboBox()
        self.team.setAccessibleName(self.tr("Team member"))
        # 0 stands for "nobody".
        self.team.addItem(self.tr("(nobody in particular)"), 0)
        for member_id, name in team:
            self.team.addItem(name, member_id)
        self.party = QComboBox()
        self.party.setAccessibleName(self.tr("Stakeholder"))
        self.party.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.party.setMinimumContentsLength(16)
        self.other: RecordPicker = person_picker(db)
        self.other.setAccessibleName(self.tr("Another person"))
        self.other.hide()
        self.due = OptionalDateEdit(self.tr("Due date"))
        self.due.setToolTip(self.tr("Tick to set the date it is due by"))
        self.remove = QToolButton()
        self.remove.setIcon(icon("delete"))
        self.remove.setAutoRaise(True)
        self.remove.setToolTip(self.tr("Remove this commitment"))
        self.remove.setAccessibleName(self.tr("Remove this commitment"))
        self.errors = error_label()

        grid = QGridLayout(self)
        grid.setContentsMargins(8, 6, 4, 6)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        grid.addWidget(self.direction, 0, 0)
        grid.addWidget(self.description, 0, 1, 1, 3)
        grid.addWidget(self._caption(self.tr("Due:")), 0, 4, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.due, 0, 5)
        grid.addWidget(self.remove, 0, 6)
        grid.addWidget(self._caption(self.tr("Team member:")), 1, 0, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.team, 1, 1)
        grid.addWidget(self._caption(self.tr("Stakeholder:")), 1, 2, Qt.AlignmentFlag.AlignRight)
        party = QHBoxLayout()
        party.setSpacing(4)
        party.addWidget(self.party, 1)
        party.addWidget(self.other, 1)
        grid.addLayout(party, 1, 3, 1, 4)
        grid.addWidget(self.errors, 2, 0, 1, 7)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(3, 3)
        self.party.currentIndexChanged.connect(self._party_changed)
        self._previous: list[Party] = []
        self.set_parties([])

    @staticmethod
    def _caption(text: str) -> QLabel:
        label = QLabel(text)
        label.setEnabled(False)
        return label

    # -- the choices ------------------------------------------------------------------

    def set_parties(self, parties: Sequence[Party]) -> None:
        """Offer the attendees and organisations of the meeting, keeping the current choice.

        A chosen attendee who was taken off the meeting moves to "another person", so the
        choice is not lost.
        """
        current = self.party.currentData()
        self.party.blockSignals(True)
        self.party.clear()
        for p in parties:
            kind_icon = icon("contacts" if p.kind == _PERSON else "organisations")
            self.party.addItem(kind_icon, p.name, (p.kind, p.id))
        self.party.addItem(self.tr("Another person…"), (_OTHER, None))
        index = self.party.findData(current) if current is not None else 0
        if current == (_OTHER, None) and not self.other.text().strip():
            index = 0  # nobody typed yet: the first attendee is the likely one
        elif index < 0:
            kind, ident = current
            if kind == _PERSON:
                name = next((p.name for p in self._previous if p.id == ident), "")
                self.other.set_record(ident, name)
            index = self.party.count() - 1
        self.party.setCurrentIndex(index)
        self.party.blockSignals(False)
        self._previous = [p for p in parties if p.kind == _PERSON]
        self._party_changed()

    def set_team_default(self, member_id: int | None) -> None:
        """Choose ``member_id`` for a row where no team member is chosen yet."""
        if member_id is not None and not self.team.currentData():
            index = self.team.findData(member_id)
            if index >= 0:
                self.team.setCurrentIndex(index)

    def _party_changed(self) -> None:
        data = self.party.currentData()
        self.other.setVisible(data is not None and data[0] == _OTHER)

    # -- values -----------------------------------------------------------------------

    def is_blank(self) -> bool:
        """Nothing typed: the row is left out rather than refused."""
        return not self.description.text().strip() and self.due.value() is None

    def data(self, dossier_id: int | None) -> CommitmentData:
        """The commitment as entered; a typed person that names nobody is refused."""
        kind, ident = self.party.currentData() or (_OTHER, None)
        person_id = organisation_id = None
        if kind == _PERSON:
            person_id = ident
        elif kind == _ORGANISATION:
            organisation_id = ident
        elif self.other.unresolved:
            raise ValidationError(
                "person_id", self.tr("is not known; choose one from the suggestions")
            )
        else:
            person_id = self.other.record_id()
        due: date | None = self.due.value()
        return CommitmentData(
            description=self.description.text(),
            by_us=bool(self.direction.currentData()),
            team_member_id=self.team.currentData() or None,
            person_id=person_id,
            organisation_id=organisation_id,
            dossier_id=dossier_id,
            due_on=due,
        )

    def target(self, part: str | None) -> tuple[QWidget, QLabel, str]:
        """The widget, error label and name that show a problem with ``part``."""
        which = _PARTS.get(part or "", "description")
        if which == "team":
            return self.team, self.errors, self.tr("The team member")
        if which == "party":
            other = self.party.currentData() == (_OTHER, None)
            return (self.other if other else self.party), self.errors, self.tr("The stakeholder")
        if which == "due":
            return self.due.edit, self.errors, self.tr("The due date")
        return self.description, self.errors, self.tr("The commitment")


class CommitmentsEditor(QWidget):
    """The commitments already made at the interaction (read-only) and new ones to add."""

    def __init__(
        self, db: Database, team: Sequence[tuple[int, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._team = list(team)
        self._parties: list[Party] = []
        self._team_default: int | None = None
        self.rows: list[CommitmentRowEdit] = []

        self.existing = QTreeWidget()
        self.existing.setRootIsDecorated(False)
        self.existing.setHeaderLabels(
            [self.tr("State"), self.tr("What"), self.tr("Due"), self.tr("Between")]
        )
        self.existing.setAccessibleName(self.tr("Commitments already made"))
        self.existing.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.existing.hide()
        self.hint = QLabel(self.tr("None yet. Add what was promised, by us or to us."))
        self.hint.setEnabled(False)
        self.add_button = QPushButton(icon("add"), self.tr("Add commitment"))
        self.add_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self._rows_box = QVBoxLayout()
        self._rows_box.setSpacing(6)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.existing)
        layout.addWidget(self.hint)
        layout.addLayout(self._rows_box)
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.add_button.clicked.connect(lambda: self.add_row().description.setFocus())

    def set_existing(self, rows: Sequence[CommitmentRow]) -> None:
        """List the commitments already stored for the interaction."""
        self.existing.clear()
        for c in rows:
            between = " → ".join(
                (c.team_member, c.person or c.organisation)
                if c.by_us
                else (c.person or c.organisation, c.team_member or self.tr("us"))
            )
            item = QTreeWidgetItem(
                [labels.label(c.state), c.description, format_date(c.due_on), between]
            )
            item.setIcon(0, labels.commitment_marker(c.state))
            item.setToolTip(1, c.description)
            item.setToolTip(3, between)
            self.existing.addTopLevelItem(item)
        for column in (0, 2):
            self.existing.resizeColumnToContents(column)
        self.existing.setColumnWidth(1, max(self.existing.columnWidth(1), 220))
        lines = max(len(rows), 1)
        height = self.existing.sizeHintForRow(0) if rows else self.fontMetrics().height() + 6
        self.existing.setFixedHeight(
            self.existing.header().sizeHint().height() + min(lines, 6) * height + 6
        )
        self.existing.setVisible(bool(rows))
        self._update_hint()

    def add_row(self) -> CommitmentRowEdit:
        """A new, empty row (between the first attendee and the first team member present)."""
        row = CommitmentRowEdit(self._db, self._team)
        row.set_parties(self._parties)
        row.set_team_default(self._team_default)
        row.remove.clicked.connect(lambda: self.remove_row(row))
        self.rows.append(row)
        self._rows_box.addWidget(row)
        self._update_hint()
        return row

    def remove_row(self, row: CommitmentRowEdit) -> None:
        """Take a new row out again."""
        if row in self.rows:
            self.rows.remove(row)
            self._rows_box.removeWidget(row)
            row.deleteLater()
        self._update_hint()

    def _update_hint(self) -> None:
        self.hint.setVisible(not self.rows and self.existing.topLevelItemCount() == 0)

    def set_parties(self, parties: Sequence[Party]) -> None:
        """The attendees and organisations the rows offer."""
        self._parties = list(parties)
        for row in self.rows:
            row.set_parties(self._parties)

    def set_team_present(self, member_ids: Sequence[int]) -> None:
        """Rows without a team member get the first one present."""
        self._team_default = member_ids[0] if member_ids else None
        for row in self.rows:
            row.set_team_default(self._team_default)

    def collect(self, dossier_id: int | None) -> list[tuple[int, CommitmentData]]:
        """(row index, data) of every row that is not blank; refuses a bad row by its index."""
        found = []
        for index, row in enumerate(self.rows):
            if row.is_blank():
                continue
            try:
                found.append((index, row.data(dossier_id)))
            except ValidationError as exc:
                raise ValidationError(f"commitments[{index}].{exc.field}", exc.problem) from exc
        return found

    def resolve(self, index: int, part: str | None) -> tuple[QWidget, QLabel, str] | None:
        """For FieldFeedback: where the problem of row ``index`` is shown."""
        return self.rows[index].target(part) if 0 <= index < len(self.rows) else None
