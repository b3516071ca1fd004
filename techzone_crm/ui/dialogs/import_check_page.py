"""Step 3 of the import: the whole file read and checked on a worker, rejected rows listed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)
from sqlalchemy.orm import Session

from techzone_crm.io.readers import read_table
from techzone_crm.services.importing import ImportCancelled, ImportPlan, RowProblem, plan_import
from techzone_crm.ui.dialogs import import_state
from techzone_crm.ui.dialogs.import_state import ERROR_STYLE, BackgroundStep, ImportState
from techzone_crm.ui.errors import as_user_error
from techzone_crm.ui.models.rows_model import Column, RowsModel
from techzone_crm.ui.tasks import Progress, TaskRunner


def problems_model(parent: QWidget) -> RowsModel[RowProblem]:
    """Rejected rows: where in the file, which column, and what is wrong."""
    tr = import_state.tr
    return RowsModel(
        [
            Column(tr("Row"), lambda p: str(p.row), right_aligned=True),
            Column(tr("Column"), lambda p: p.column),
            Column(tr("Problem"), lambda p: p.message),
        ],
        parent=parent,
    )


class CheckPage(QWizardPage):
    """Reads the whole file and checks every row against the rules and the database."""

    def __init__(
        self,
        state: ImportState,
        runner: TaskRunner,
        report_bug: Callable[[BaseException], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.runner = runner
        self.report_bug = report_bug
        self.step: BackgroundStep | None = None
        self.plan: ImportPlan | None = None
        self.setTitle(self.tr("Check the rows"))
        self.setSubTitle(
            self.tr(
                "Every row is read and checked (names, e-mail addresses, phone numbers) and "
                "compared with the people already in the database."
            )
        )

        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.clicked.connect(self.cancel)
        self.again_button = QPushButton(self.tr("Check &again"))
        self.again_button.clicked.connect(self.start)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.stop_button)
        progress_row.addWidget(self.again_button)

        self.problems = problems_model(self)
        self.table = QTableView()
        self.table.setModel(self.problems)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        chars = self.fontMetrics().averageCharWidth()
        self.table.setColumnWidth(0, 8 * chars)
        self.table.setColumnWidth(1, 22 * chars)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

        self.skip_check = QCheckBox()
        self.skip_check.toggled.connect(self._skip_toggled)
        self.skip_note = QLabel(
            self.tr(
                "Otherwise nothing is imported: correct the rows in the file and check it again."
            )
        )
        self.skip_note.setWordWrap(True)
        self.skip_note.setEnabled(False)
        self.report_button = QPushButton(self.tr("Save &report…"))
        self.report_button.setToolTip(self.tr("Save the list of rejected rows and matches as text"))
        self.report_button.clicked.connect(self.save_report)
        self.report_label = QLabel()
        self.report_label.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.report_label, 1)
        bottom.addWidget(self.report_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.status_label)
        layout.addLayout(progress_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.skip_check)
        layout.addWidget(self.skip_note)
        # Without rejected rows the table is hidden: keep the result at the top, not centred.
        self._stretch = layout.count()
        layout.addStretch(0)
        layout.addLayout(bottom)
        self._layout = layout

    # -- the check --------------------------------------------------------------------

    def initializePage(self) -> None:
        self.start()

    def cleanupPage(self) -> None:
        if self.step is not None:
            self.step.abandon()
            self.step = None
        self.state.plan = self.plan = None

    def start(self) -> None:
        """Read the whole file and check it on the task runner."""
        state = self.state
        path = state.path
        if path is None:
            return
        if self.step is not None:
            self.step.abandon()
        self.plan = state.plan = None
        self._show_plan()
        encoding, delimiter, sheet = state.encoding, state.delimiter, state.sheet
        mapping, helix = dict(state.mapping), state.default_helix

        def work(session: Session, progress: Progress, cancelled: Callable[[], bool]) -> object:
            table = read_table(path, encoding=encoding, delimiter=delimiter, sheet=sheet)
            if cancelled():
                raise ImportCancelled()
            return plan_import(
                session,
                table,
                mapping,
                default_helix=helix,
                source_name=path.name,
                progress=progress,
                cancelled=cancelled,
            )

        step = BackgroundStep(self.runner, self)
        step.progressed.connect(self._progressed)
        step.succeeded.connect(self._checked)
        step.failed.connect(self._failed)
        step.cancelled.connect(self._cancelled)
        self.step = step
        self._running(self.tr("Reading and checking {name}…").format(name=path.name))
        step.start(work, write=False)

    @property
    def running(self) -> bool:
        """True while the file is being read and checked."""
        return self.step is not None and self.step.running

    def cancel(self) -> None:
        """Stop the check."""
        if self.running:
            assert self.step is not None
            self.step.cancel()
            self.status_label.setText(self.tr("Stopping…"))

    def _running(self, text: str) -> None:
        self.status_label.setStyleSheet("")
        self.status_label.setText(text)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.stop_button.show()
        self.again_button.hide()

    def _stopped(self, text: str, error: bool) -> None:
        self.step = None
        self.status_label.setStyleSheet(ERROR_STYLE if error else "")
        self.status_label.setText(text)
        self.progress.hide()
        self.stop_button.hide()
        self.again_button.show()
        self.completeChanged.emit()

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, total))

    def _cancelled(self) -> None:
        self._stopped(self.tr("The check was stopped. Check again, or go back."), error=False)

    def _failed(self, exc: BaseException) -> None:
        problem = as_user_error(exc)
        if problem is None:
            self._stopped(self.tr("The file could not be checked."), error=True)
            self.report_bug(exc)
            return
        self._stopped(problem.message, error=True)

    def _checked(self, plan: ImportPlan) -> None:
        self.step = None
        self.plan = self.state.plan = plan
        self.progress.hide()
        self.stop_button.hide()
        self.again_button.hide()
        self._show_plan()

    # -- the outcome ------------------------------------------------------------------

    def _show_plan(self) -> None:
        plan = self.plan
        self.skip_check.blockSignals(True)
        self.skip_check.setChecked(False)
        self.skip_check.blockSignals(False)
        self.state.skip_invalid = False
        self.report_label.clear()
        self.report_label.setStyleSheet("")
        rejected = len(plan.rejected_rows) if plan is not None else 0
        self.problems.set_rows(plan.problems if plan is not None else [])
        self.table.setVisible(plan is not None and bool(plan.problems))
        self._layout.setStretch(self._stretch, 0 if self.table.isVisibleTo(self) else 1)
        self.skip_check.setVisible(rejected > 0)
        self.skip_note.setVisible(rejected > 0)
        self.report_button.setVisible(plan is not None)
        if plan is None:
            self.completeChanged.emit()
            return
        ready = len(plan.candidates)
        if ready == 1:
            text = self.tr("1 row ready to import")
        else:
            text = self.tr("%n rows ready to import", "", ready)
        if rejected:
            text += ", " + self.tr("%n rejected", "", rejected)
        text = f"<b>{text}.</b>"
        if not ready:
            text += " " + self.tr("No row can be imported: correct the file and check again.")
        elif not rejected:
            text += " " + self.tr("Every row can be imported.")
        self.status_label.setStyleSheet("")
        self.status_label.setText(text)
        if rejected == 1:
            self.skip_check.setText(self.tr("Import the valid rows and leave the rejected row out"))
        else:
            self.skip_check.setText(
                self.tr("Import the valid rows and leave the %n rejected rows out", "", rejected)
            )
        self.skip_check.setEnabled(ready > 0)
        if ready and rejected:
            self.table.setFocus()
        self.completeChanged.emit()

    def _skip_toggled(self, checked: bool) -> None:
        self.state.skip_invalid = checked
        self.completeChanged.emit()

    def save_report(self) -> None:
        """Write the check's report to a text file the user chooses."""
        plan, path = self.plan, self.state.path
        if plan is None or path is None:
            return
        target = import_state.ask_save_path(
            self,
            self.tr("Save report"),
            str(path.with_name(self.tr("{name} – import report.txt").format(name=path.stem))),
            self.tr("Text file (*.txt);;All files (*)"),
        )
        if target is None:
            return
        try:
            target.write_text(plan.report(), encoding="utf-8")
        except OSError as exc:
            self.report_label.setStyleSheet(ERROR_STYLE)
            self.report_label.setText(
                self.tr("Cannot write {file}: {reason}.").format(
                    file=target, reason=exc.strerror or str(exc)
                )
            )
            return
        self.report_label.setStyleSheet("")
        self.report_label.setText(self.tr("Report saved to {file}.").format(file=target.name))

    # -- the wizard -------------------------------------------------------------------

    def isComplete(self) -> bool:
        plan = self.plan
        if plan is None or not plan.candidates:
            return False
        return not plan.rejected_rows or self.skip_check.isChecked()
