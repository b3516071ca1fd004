"""The assessment block of a person's or organisation's pane: latest, movement, history."""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from techzone_crm.db.engine import Database
from techzone_crm.services import assessments
from techzone_crm.services.assessments import HistoryEntry, Movement, Stakeholder
from techzone_crm.services.rhythm import RhythmStatus
from techzone_crm.ui import labels, prompts
from techzone_crm.ui.dialogs.assessment_dialog import AssessmentDialog
from techzone_crm.ui.errors import as_user_error
from techzone_crm.ui.models.rows_model import RowsModel
from techzone_crm.ui.views.assessment_history import BY_COLUMN, FOR_COLUMN, history_columns
from techzone_crm.ui.views.assessment_texts import (
    ARROW,
    SEPARATOR,
    movement_parts,
    row_classes_text,
    short_engagement,
)
from techzone_crm.ui.views.detail_pane import button_row, fact_label, format_date, tool_button

#: The history shows this many rows before it scrolls.
VISIBLE_ROWS = 8
#: The widest the assessor's column starts, in average characters.
MAX_NAME_CHARS = 16


@dataclass(frozen=True)
class AssessmentFacts:
    """What the section shows of a stakeholder, read in one short session."""

    history: list[HistoryEntry]
    movement: Movement | None

    @property
    def latest_overall(self) -> HistoryEntry | None:
        """The newest assessment that is not for one dossier."""
        return next((e for e in self.history if e.row.dossier_id is None), None)


def read_assessments(db: Database, stakeholder: Stakeholder) -> AssessmentFacts:
    """The stakeholder's assessment history and their overall movement."""
    with db.read() as session:
        return AssessmentFacts(
            assessments.all_history(session, stakeholder),
            assessments.movement(session, stakeholder),
        )


class AssessmentSection(QWidget):
    """Heading "Assessment", the latest overall assessment, the movement and the history.

    It opens the assessment dialog itself and re-reads after a save or delete.

    Signals:
        changed(): an assessment was added, corrected or deleted.
        message(str): a short confirmation for the status bar.
    """

    changed = Signal()
    message = Signal(str)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.stakeholder: Stakeholder | None = None
        self.name = ""
        self.facts: AssessmentFacts | None = None
        self.dialog: AssessmentDialog | None = None

        self.heading = QLabel(self.tr("Assessment"))
        font = QFont(self.heading.font())
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setContentsMargins(0, 10, 0, 0)
        self.empty = QLabel(self.tr("Not assessed yet."))
        self.empty.setEnabled(False)

        self.summary = QWidget()
        form = QFormLayout(self.summary)
        form.setContentsMargins(0, 0, 0, 0)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setHorizontalSpacing(16)
        self.summary_form = form
        self.classes_label = self._fact(self.tr("Position"))
        self.classes_label.setToolTip(
            self.tr("Power/interest quadrant · salience class · krachtenveld type")
        )
        self.attitude_label = self._fact(self.tr("Attitude"))
        self.engagement_label = self._fact(self.tr("Engagement"))
        self.assessed_label = self._fact(self.tr("Assessed"))
        self.movement_label = QLabel()
        self.movement_label.setWordWrap(True)
        self.movement_label.setTextFormat(Qt.TextFormat.RichText)
        self.movement_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.movement_label.setAccessibleName(self.tr("Movement"))

        self.model: RowsModel[HistoryEntry] = RowsModel(history_columns(), parent=self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Assessment history"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.setCornerButtonEnabled(False)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The dossier's title takes the room left and the assessor's name is kept short,
        # both elided with the full text in the tooltip.
        header.setSectionResizeMode(FOR_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(BY_COLUMN, QHeaderView.ResizeMode.Interactive)

        self.assess_button = tool_button(self.tr("Re-assess…"), "add")
        self.edit_button = tool_button(self.tr("Edit…"), "edit")
        self.edit_button.setToolTip(self.tr("Correct the selected assessment"))
        self.delete_button = tool_button(self.tr("Delete"), "delete")
        self.delete_button.setToolTip(self.tr("Delete the selected assessment from the history"))
        buttons = button_row(self.assess_button, self.edit_button, self.delete_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.heading)
        layout.addWidget(self.empty)
        layout.addWidget(self.summary)
        layout.addWidget(self.movement_label)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

        self.assess_button.clicked.connect(self.reassess)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self._update_buttons()

    def _fact(self, title: str) -> QLabel:
        heading = QLabel(title)
        heading.setEnabled(False)
        value = fact_label()
        self.summary_form.addRow(heading, value)
        return value

    # -- showing ----------------------------------------------------------------------

    def show_stakeholder(self, stakeholder: Stakeholder, name: str) -> None:
        """Show the assessments of ``stakeholder`` (a person or organisation called ``name``)."""
        self.stakeholder, self.name = stakeholder, name
        self.refresh()

    def refresh(self) -> None:
        """Re-read the assessments of the stakeholder shown."""
        if self.stakeholder is None:
            return
        self.facts = facts = read_assessments(self._db, self.stakeholder)
        self.model.set_rows(facts.history)
        latest = facts.latest_overall
        self._show_latest(latest)
        self.movement_label.setText(self._movement_html(facts.movement))
        self.movement_label.setVisible(facts.movement is not None)
        self.empty.setText(
            self.tr("Not assessed yet.")
            if not facts.history
            else self.tr("No overall assessment yet; only for dossiers.")
        )
        self.empty.setVisible(latest is None)
        self.table.setVisible(bool(facts.history))
        self.assess_button.setText(self.tr("Re-assess…") if facts.history else self.tr("Assess…"))
        self.assess_button.setToolTip(
            self.tr(
                "Record how they stand today, starting from the latest assessment "
                "(of the selected row's dossier, if one is selected); the history keeps "
                "the earlier ones"
            )
            if facts.history
            else self.tr("Record how they stand: power, interest, salience, attitude")
        )
        self._fit_table()

    @staticmethod
    def _movement_html(move: Movement | None) -> str:
        if move is None:
            return ""
        since, moved = movement_parts(move)
        return f"<b>{html.escape(since)}</b> {html.escape(moved)}"

    def _show_latest(self, latest: HistoryEntry | None) -> None:
        self.summary.setVisible(latest is not None)
        if latest is None:
            return
        row = latest.row
        quadrant, salience, krachtenveld = (
            labels.label(v) for v in (row.quadrant, row.salience, row.krachtenveld)
        )
        self.classes_label.setText(
            f"<b>{html.escape(quadrant)}</b>"
            + html.escape(SEPARATOR + salience + SEPARATOR + krachtenveld)
        )
        self.classes_label.setToolTip(row_classes_text(row))
        colour = labels.ATTITUDE_COLOUR[row.attitude]
        self.attitude_label.setText(
            f'<span style="color:{colour}">●</span> {html.escape(labels.attitude(row.attitude))}'
        )
        ladder = short_engagement(row.engagement_current)
        if row.engagement_desired != row.engagement_current:
            ladder += ARROW + short_engagement(row.engagement_desired)
        self.engagement_label.setText(html.escape(ladder) + self._gap(row.engagement_gap))
        when = format_date(row.assessed_on)
        assessed = (
            self.tr("{date} by {name}").format(date=when, name=latest.assessed_by)
            if latest.assessed_by
            else when
        )
        self.assessed_label.setText(html.escape(assessed))

    def _gap(self, gap: int) -> str:
        if gap <= 0:
            return ""
        text = self.tr("1 step to go") if gap == 1 else self.tr("%n steps to go", "", gap)
        colour = labels.RHYTHM_COLOUR[RhythmStatus.AMBER]
        return f' <span style="color:{colour}">({html.escape(text)})</span>'

    def _fit_table(self) -> None:
        by_width = max(self.table.sizeHintForColumn(BY_COLUMN), 0)
        header_width = self.table.horizontalHeader().sectionSizeFromContents(BY_COLUMN).width()
        widest = self.fontMetrics().averageCharWidth() * MAX_NAME_CHARS
        self.table.setColumnWidth(BY_COLUMN, min(max(by_width, header_width), widest))
        # As tall as its rows (up to a limit), so that the pane scrolls as one page.
        lines = min(max(self.model.rowCount(), 1), VISIBLE_ROWS)
        row_height = self.table.verticalHeader().defaultSectionSize()
        frame = 2 * self.table.frameWidth()
        header = self.table.horizontalHeader().sizeHint().height()
        self.table.setFixedHeight(header + lines * row_height + frame)

    # -- actions ----------------------------------------------------------------------

    def selected_entry(self) -> HistoryEntry | None:
        """The history row selected, if any."""
        index: QModelIndex = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row()):
            return None
        return self.model.rows[index.row()]

    def _update_buttons(self, *_args: object) -> None:
        chosen = self.selected_entry() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)
        has_history = bool(self.facts and self.facts.history)
        self.edit_button.setVisible(has_history)
        self.delete_button.setVisible(has_history)

    def reassess(self) -> None:
        """Open the dialog for a new assessment, starting from the latest one."""
        if self.stakeholder is None:
            return
        entry = self.selected_entry()
        self._open(
            AssessmentDialog(
                self._db,
                self.stakeholder.person_id,
                self.stakeholder.organisation_id,
                dossier_id=entry.row.dossier_id if entry else None,
                parent=self,
            )
        )

    def edit_selected(self) -> None:
        """Open the selected assessment to correct it."""
        entry = self.selected_entry()
        if entry is not None:
            self._open(AssessmentDialog(self._db, assessment_id=entry.row.id, parent=self))

    def _open(self, dialog: AssessmentDialog) -> None:
        self.dialog = dialog
        dialog.saved.connect(self._saved)
        dialog.open()

    def _saved(self, _assessment_id: int) -> None:
        self.refresh()
        self.message.emit(self.tr("Assessment of {name} saved.").format(name=self.name))
        self.changed.emit()

    def delete_selected(self) -> None:
        """Delete the selected assessment after asking; the rest of the history stays."""
        entry = self.selected_entry()
        if entry is None:
            return
        when = format_date(entry.row.assessed_on)
        what = (
            self.tr("the assessment of {date} for {dossier}").format(
                date=when, dossier=entry.dossier_title
            )
            if entry.dossier_title
            else self.tr("the overall assessment of {date}").format(date=when)
        )
        if not prompts.confirm(
            self,
            self.tr("Delete assessment"),
            self.tr("Delete {what}?").format(what=what),
            self.tr(
                "It is one dated record in the history of {name}; the other assessments "
                "are kept, and the movement is then shown from the one before it. "
                "This cannot be undone."
            ).format(name=self.name),
            self.tr("Delete"),
        ):
            return
        try:
            with self._db.sessions.begin() as session:
                assessments.delete_assessment(session, entry.row.id, entry.row.version)
        except Exception as exc:
            problem = as_user_error(exc, self._db)
            if problem is None:
                raise
            prompts.show_problem(self, self.tr("Not deleted"), problem.message)
            self.refresh()
            return
        self.refresh()
        self.message.emit(self.tr("Assessment of {date} deleted.").format(date=when))
        self.changed.emit()
