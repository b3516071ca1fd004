"""People who may be entered twice: the list of candidate pairs, and merging one of them.

The search runs on the task runner (it compares many names), shows its progress and can
be cancelled; the window stays responsive throughout.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from techzone_crm.db.engine import Database
from techzone_crm.services import duplicates
from techzone_crm.services.duplicates import DuplicatePair, find_duplicate_people
from techzone_crm.ui import prompts
from techzone_crm.ui.dialogs.merge_dialog import MergeDialog
from techzone_crm.ui.errors import as_user_error
from techzone_crm.ui.i18n import translate
from techzone_crm.ui.models.duplicates_model import DuplicatesModel
from techzone_crm.ui.tasks import CancelledError, Progress, Task, TaskRunner


def _search(session: Session, progress: Progress) -> list[DuplicatePair]:
    return find_duplicate_people(session, progress=progress)


class DuplicatesDialog(QDialog):
    """Candidate duplicate people with their score and reasons; "Merge…" merges a pair.

    Signals:
        searched(): a search has finished and the list shows its result.
        merged(int, int): a pair was merged (the survivor's id, the deleted person's id).
    """

    searched = Signal()
    merged = Signal(int, int)

    def __init__(
        self,
        db: Database,
        runner: TaskRunner,
        undo_stack: QUndoStack | None = None,
        on_changed: Callable[[], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.runner = runner
        self.undo_stack = undo_stack
        self._commands: list[DistinctCommand] = []
        self.on_changed = on_changed
        self.task: Task | None = None
        #: The merge preview while it is open.
        self.merge_dialog: MergeDialog | None = None
        self.setWindowTitle(self.tr("Find duplicates"))
        self.resize(980, 560)

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setMaximumWidth(220)
        self.cancel_button = QPushButton(self.tr("Stop"))
        self.cancel_button.clicked.connect(self.cancel_search)
        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.progress)
        top.addWidget(self.cancel_button)

        self.model = DuplicatesModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(DuplicatesModel.REASONS, QHeaderView.ResizeMode.Stretch)
        chars = self.fontMetrics().averageCharWidth()
        self.table.setColumnWidth(DuplicatesModel.NAME_A, 26 * chars)
        self.table.setColumnWidth(DuplicatesModel.NAME_B, 26 * chars)
        self.table.setColumnWidth(DuplicatesModel.SCORE, 8 * chars)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(self.merge_selected)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.merge_button = buttons.addButton(
            self.tr("&Merge…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.merge_button.clicked.connect(self.merge_selected)
        self.distinct_button = buttons.addButton(
            self.tr("&Not the same person"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.distinct_button.setToolTip(
            self.tr("Remember that these are two different people; they will not be paired again.")
        )
        self.distinct_button.clicked.connect(self.mark_selected_distinct)
        self.search_button = buttons.addButton(
            self.tr("&Search again"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.search_button.clicked.connect(self.search)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self._update_buttons()

    # -- searching --------------------------------------------------------------------

    def search(self) -> None:
        """Look for candidate pairs in the background."""
        self.cancel_search()
        self.model.set_pairs([])
        self.status.setText(self.tr("Comparing people…"))
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.search_button.setEnabled(False)
        self.task = self.runner.submit(
            _search,
            on_finished=self._found,
            on_failed=self._search_failed,
            on_progress=self._progressed,
        )

    def cancel_search(self) -> None:
        """Stop a running search (its result is ignored)."""
        if self.task is None:
            return
        self.task.cancel()
        self.runner.discard(self.task)
        self.task = None
        self._search_over(self.tr("Search stopped."))

    @property
    def searching(self) -> bool:
        """True while a search runs."""
        return self.task is not None

    def _is_current(self) -> bool:
        return self.task is not None and self.sender() is self.task.signals

    def _progressed(self, done: int, total: int) -> None:
        if self._is_current() and total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _found(self, pairs: list[DuplicatePair]) -> None:
        if not self._is_current():
            return
        self.task = None
        self.model.set_pairs(pairs)
        self._search_over(self._count_text())
        if pairs:
            self.table.selectRow(0)
        self.searched.emit()

    def _search_failed(self, exc: BaseException) -> None:
        if not self._is_current():
            return
        self.task = None
        if isinstance(exc, CancelledError):
            self._search_over(self.tr("Search stopped."))
            return
        problem = as_user_error(exc, self.db)
        self._search_over(self.tr("The search failed."))
        if problem is None:
            raise exc
        prompts.show_problem(self, self.tr("Search failed"), problem.message)

    def _search_over(self, text: str) -> None:
        self.status.setText(text)
        self.progress.hide()
        self.cancel_button.hide()
        self.search_button.setEnabled(True)
        self._update_buttons()

    def _count_text(self) -> str:
        count = self.model.rowCount()
        if count == 0:
            return self.tr("No likely duplicates found.")
        if count == 1:
            return self.tr(
                "One pair of people who may be the same person. "
                "Select it and press Merge… to compare them."
            )
        return self.tr(
            "{count} pairs of people who may be the same person, the most likely first. "
            "Select one and press Merge… to compare them."
        ).format(count=count)

    # -- merging ----------------------------------------------------------------------

    def selected_pair(self) -> DuplicatePair | None:
        """The pair selected in the list."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.pair_at(rows[0].row()) if rows else None

    def _update_buttons(self, *_args: object) -> None:
        chosen = self.selected_pair() is not None and not self.searching
        self.merge_button.setEnabled(chosen)
        self.distinct_button.setEnabled(chosen)

    def mark_selected_distinct(self) -> None:
        """Remember that the selected pair are two people (undoable) and drop it from the list."""
        pair = self.selected_pair()
        if pair is None or self.searching:
            return
        command = DistinctCommand(self.db, pair, self)
        if not command.apply(distinct=True):
            return
        if self.undo_stack is not None:
            self._commands.append(command)
            self.undo_stack.push(command)

    def merge_selected(self) -> None:
        """Open the merge preview for the selected pair."""
        pair = self.selected_pair()
        if pair is None or self.searching:
            return
        try:
            dialog = MergeDialog(
                self.db,
                pair.person_a.id,
                pair.person_b.id,
                self.undo_stack,
                self.on_changed,
                self,
            )
        except Exception as exc:  # one of them went away since the search
            problem = as_user_error(exc, self.db)
            if problem is None:
                raise
            prompts.show_problem(self, self.tr("Merge not possible"), problem.message)
            self.search()
            return
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.merged.connect(self._merged)
        dialog.rejected.connect(self._merge_closed)
        dialog.refused.connect(self.search)  # the list is out of date
        self.merge_dialog = dialog
        dialog.open()

    def _merge_closed(self) -> None:
        self.merge_dialog = None

    def _merged(self, survivor_id: int, loser_id: int) -> None:
        self.merge_dialog = None
        self.model.remove_involving(loser_id)
        self.status.setText(self._count_text())
        if self.on_changed is not None:
            self.on_changed()
        self.merged.emit(survivor_id, loser_id)

    def done(self, result: int) -> None:
        self.cancel_search()
        # The undo stack outlives this dialog: its commands must not reach back into it.
        for command in self._commands:
            command.dialog = None
        super().done(result)

    def pair_marked(self, first_id: int, second_id: int, distinct: bool) -> None:
        """A pair was marked as two people (or unmarked by undo): update the list."""
        if distinct:
            self.model.remove_pair(first_id, second_id)
            self.status.setText(self._count_text())
        else:
            self.search()  # the pair may be listed again


class DistinctCommand(QUndoCommand):
    """Undoable "these two are not the same person"."""

    def __init__(self, db: Database, pair: DuplicatePair, dialog: DuplicatesDialog) -> None:
        super().__init__(
            translate("duplicates", "Not the same person: {a} and {b}").format(
                a=pair.person_a.name, b=pair.person_b.name
            )
        )
        self.db = db
        self.ids = (pair.person_a.id, pair.person_b.id)
        self.dialog: DuplicatesDialog | None = dialog
        self._first = True

    def apply(self, distinct: bool) -> bool:
        """Store or forget the pair; False (with a message) if that failed."""
        try:
            with self.db.sessions.begin() as session:
                if distinct:
                    duplicates.mark_distinct(session, *self.ids)
                else:
                    duplicates.unmark_distinct(session, *self.ids)
        except Exception as exc:
            problem = as_user_error(exc, self.db)
            if problem is None:
                raise
            prompts.show_problem(self.dialog, self.text(), problem.message)
            return False
        if self.dialog is not None:
            self.dialog.pair_marked(*self.ids, distinct)
        return True

    def redo(self) -> None:
        if self._first:
            self._first = False  # applied before it was pushed
            return
        self.apply(distinct=True)

    def undo(self) -> None:
        self.apply(distinct=False)
