"""Steps 5 and 6 of the import: what will happen, the import itself on a worker, the outcome."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget, QWizard, QWizardPage
from sqlalchemy.orm import Session

from techzone_crm.services.importing import (
    DuplicateAction,
    ImportPlan,
    ImportSummary,
    MatchReason,
    run_import,
)
from techzone_crm.ui.dialogs import import_state
from techzone_crm.ui.dialogs.import_state import ERROR_STYLE, BackgroundStep, ImportState, StepWork
from techzone_crm.ui.errors import as_user_error
from techzone_crm.ui.tasks import Progress, TaskRunner
from techzone_crm.ui.undoable import Recording, UndoRecorder, organisation_key, person_key

#: Above this many rows an import is not recorded for undo: undoing it would hold the window
#: for minutes (about 3 ms per person), and recording it would triple the import's time.
UNDO_LIMIT = 2000


@dataclass
class ImportOutcome:
    """What the import worker returns: the summary and the changes to undo it."""

    summary: ImportSummary
    recording: Recording | None


def import_work(
    plan: ImportPlan,
    actions: dict[int, DuplicateAction],
    skip_invalid: bool,
    undo: UndoRecorder | None,
) -> StepWork:
    """The import as work for a write task: one transaction, recorded for undo."""

    def work(session: Session, progress: Progress, cancelled: Callable[[], bool]) -> ImportOutcome:
        merged_into = sorted(
            {
                dup.person_id
                for row, dup in plan.duplicates.items()
                if dup.person_id is not None
                and actions.get(row, dup.default_action) is DuplicateAction.MERGE
            }
        )
        recording = undo.start(session, [person_key(i) for i in merged_into]) if undo else None
        summary = run_import(
            session,
            plan,
            actions=actions,
            skip_invalid=skip_invalid,
            progress=progress,
            cancelled=cancelled,
        )
        if recording is not None:
            recording.finish(
                session,
                [person_key(i) for i in summary.created]
                + [organisation_key(i) for i in summary.organisations_created],
            )
        return ImportOutcome(summary, recording)

    return work


def push_import(undo: UndoRecorder, text: str, recording: Recording) -> None:
    """Put the import on the undo stack as one step: new records deleted, merged ones restored."""
    undo.push(text, recording.changes)


def done_phrases(summary: ImportSummary) -> list[str]:
    """What the import did, one phrase per kind: "45 new people created", "3 updated" …"""
    tr = import_state.tr
    created = len(summary.created)
    phrases = [tr("1 new person created") if created == 1 else tr("%n new people created", created)]
    if summary.merged:
        phrases.append(tr("%n people already known got new details", len(summary.merged)))
    if summary.unchanged:
        phrases.append(tr("%n people already known and up to date", len(summary.unchanged)))
    if summary.skipped:
        phrases.append(tr("%n rows skipped", summary.skipped))
    if summary.rejected:
        phrases.append(tr("%n rejected rows left out", summary.rejected))
    organisations = len(summary.organisations_created)
    if organisations == 1:
        phrases.append(tr("1 new organisation created"))
    elif organisations:
        phrases.append(tr("%n new organisations created", organisations))
    return phrases


def plan_summary(state: ImportState) -> list[str]:
    """What the import will do, one phrase per kind: "45 new people", "3 merged …"."""
    tr = import_state.tr
    plan = state.plan
    if plan is None:
        return []
    new = merged = joined = skipped = 0
    for candidate in plan.candidates:
        action = state.action(candidate.row)
        if action is DuplicateAction.MERGE:
            if plan.duplicates[candidate.row].reason is MatchReason.IN_FILE:
                joined += 1
            else:
                merged += 1
        elif action is DuplicateAction.SKIP:
            skipped += 1
        else:
            new += 1
    phrases = []
    if new or not (merged or joined or skipped):
        phrases.append(tr("1 new person") if new == 1 else tr("%n new people", new))
    if merged:
        phrases.append(tr("%n merged into existing people", merged))
    if joined:
        phrases.append(tr("%n merged with another row of the file", joined))
    if skipped:
        phrases.append(tr("%n skipped", skipped))
    organisations = len(plan.organisations_new)
    if organisations == 1:
        phrases.append(tr("1 new organisation"))
    elif organisations:
        phrases.append(tr("%n new organisations", organisations))
    return phrases


class RunPage(QWizardPage):
    """The summary of what will happen; Import runs it with progress and Cancel.

    Signals:
        imported(object): the :class:`ImportSummary`, once the import is saved.
    """

    imported = Signal(object)

    def __init__(
        self,
        state: ImportState,
        runner: TaskRunner,
        undo: UndoRecorder | None,
        report_bug: Callable[[BaseException], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.runner = runner
        self.undo = undo
        self.report_bug = report_bug
        self.step: BackgroundStep | None = None
        self.setTitle(self.tr("Import"))
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Import"))

        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextFormat(Qt.TextFormat.RichText)
        self.left_out_label = QLabel()
        self.left_out_label.setWordWrap(True)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar()
        self.progress.hide()

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.left_out_label)
        layout.addSpacing(12)
        layout.addWidget(self.status_label)
        layout.addWidget(self.progress)
        layout.addStretch(1)

    def initializePage(self) -> None:
        state = self.state
        phrases = plan_summary(state)
        name = state.path.name if state.path is not None else ""
        self.summary_label.setText(
            self.tr("The import of <b>{name}</b>:").format(name=name)
            + "<ul>"
            + "".join(f"<li>{p}</li>" for p in phrases)
            + "</ul>"
        )
        rejected = len(state.plan.rejected_rows) if state.plan is not None else 0
        if rejected == 1:
            self.left_out_label.setText(self.tr("The rejected row is left out."))
        else:
            self.left_out_label.setText(self.tr("The %n rejected rows are left out.", "", rejected))
        self.left_out_label.setVisible(rejected > 0)
        if self.undoable():
            self.setSubTitle(
                self.tr(
                    "The import is saved as one step: if anything goes wrong nothing is saved, "
                    "and Edit › Undo takes the whole import back."
                )
            )
        else:
            self.setSubTitle(
                self.tr(
                    "The import is saved as one step: if anything goes wrong nothing is saved. "
                    "An import of more than {limit} rows cannot be taken back with Edit › Undo."
                ).format(limit=f"{UNDO_LIMIT:,}")
            )
        self.status_label.clear()
        self.progress.hide()

    # -- the import -------------------------------------------------------------------

    def undoable(self) -> bool:
        """True if the import goes onto the undo stack."""
        plan = self.state.plan
        return self.undo is not None and plan is not None and len(plan.candidates) <= UNDO_LIMIT

    @property
    def running(self) -> bool:
        """True while the import is being written."""
        return self.step is not None and self.step.running

    def start(self) -> None:
        """Write the import on the task runner, in one transaction."""
        plan = self.state.plan
        if plan is None or self.running:
            return
        step = BackgroundStep(self.runner, self)
        step.progressed.connect(self._progressed)
        step.succeeded.connect(self._imported)
        step.failed.connect(self._failed)
        step.cancelled.connect(self._cancelled)
        self.step = step
        self._set_status(self.tr("Importing…"), error=False)
        self.progress.setRange(0, 0)
        self.progress.show()
        undo = self.undo if self.undoable() else None
        work = import_work(plan, self.state.chosen_actions(), self.state.skip_invalid, undo)
        step.start(work, write=True)
        self._busy_changed()

    def cancel(self) -> None:
        """Stop the import; nothing of it is saved."""
        if self.running:
            assert self.step is not None
            self.step.cancel()
            self._set_status(self.tr("Cancelling…"), error=False)

    def _busy_changed(self) -> None:
        self.completeChanged.emit()
        wizard = self.wizard()
        if wizard is not None:
            wizard.button(QWizard.WizardButton.BackButton).setEnabled(not self.running)

    def _set_status(self, text: str, *, error: bool) -> None:
        self.status_label.setStyleSheet(ERROR_STYLE if error else "")
        self.status_label.setText(text)

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, total))

    def _stopped(self, text: str, error: bool) -> None:
        self.step = None
        self.progress.hide()
        self._set_status(text, error=error)
        self._busy_changed()

    def _cancelled(self) -> None:
        self._stopped(self.tr("The import was cancelled: nothing was saved."), error=False)

    def _failed(self, exc: BaseException) -> None:
        problem = as_user_error(exc)
        if problem is None:
            self._stopped(self.tr("The import failed: nothing was saved."), error=True)
            self.report_bug(exc)
            return
        # A rejected import carries the whole report; the check step showed it already.
        why = problem.message.split("\n", 1)[0]
        self._stopped(
            self.tr("The import failed and nothing was saved: {why}").format(why=why),
            error=True,
        )

    def _imported(self, outcome: ImportOutcome) -> None:
        # The write task has committed: now the import can go onto the undo stack.
        self.step = None
        self.progress.hide()
        self.state.summary = outcome.summary
        self.state.undoable = outcome.recording is not None
        if self.undo is not None and outcome.recording is not None:
            name = self.state.path.name if self.state.path is not None else ""
            push_import(self.undo, self.tr("Import of {name}").format(name=name), outcome.recording)
        self._busy_changed()
        self.imported.emit(outcome.summary)
        wizard = self.wizard()
        if wizard is not None:
            wizard.next()

    # -- the wizard -------------------------------------------------------------------

    def isComplete(self) -> bool:
        return self.state.plan is not None and not self.running

    def validatePage(self) -> bool:
        if self.state.summary is not None:
            return True
        self.start()
        return False


class DonePage(QWizardPage):
    """What the import did."""

    def __init__(self, state: ImportState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setTitle(self.tr("Imported"))
        self.setSubTitle(self.tr("The list is in the database."))
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.undo_label = QLabel(
            self.tr("Edit › Undo (Ctrl+Z) takes the whole import back in one step.")
        )
        self.undo_label.setWordWrap(True)
        self.undo_label.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addSpacing(12)
        layout.addWidget(self.undo_label)
        layout.addStretch(1)

    def initializePage(self) -> None:
        summary = self.state.summary
        phrases = done_phrases(summary) if summary is not None else []
        self.summary_label.setText(
            "<ul style='margin-left: 0'>"
            + "".join(f"<li>{html.escape(p)}</li>" for p in phrases)
            + "</ul>"
        )
        self.undo_label.setVisible(self.state.undoable)
        self.setFinalPage(True)
