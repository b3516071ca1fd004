"""Running a stakeholder-list export off the GUI thread, with progress and Cancel."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget
from sqlalchemy.orm import Session

from techzone_crm.db.engine import Database
from techzone_crm.errors import ValidationError
from techzone_crm.services import stakeholder_export
from techzone_crm.services.organisations import OrganisationQuery
from techzone_crm.services.people import PersonQuery
from techzone_crm.services.stakeholder_export import ExportFormat, ExportResult
from techzone_crm.ui import prompts
from techzone_crm.ui.errors import ErrorReporter, as_user_error
from techzone_crm.ui.tasks import CancelledError, Progress, Task, TaskRunner

if TYPE_CHECKING:
    from techzone_crm.ui.dialogs.export_dialog import ExportDialog
    from techzone_crm.ui.views.record_view import RecordView

PEOPLE = "people"
ORGANISATIONS = "organisations"


@dataclass(frozen=True)
class ExportRequest:
    """Everything one export needs: what to export, how, and where to."""

    kind: str  # PEOPLE or ORGANISATIONS
    path: Path
    fmt: ExportFormat
    query: PersonQuery | OrganisationQuery
    #: The selected records; None: everything the query lists.
    ids: tuple[int, ...] | None
    columns: tuple[str, ...]
    include_notes: bool = False
    filter_text: str = ""
    exported_by: str = ""


def run_export(
    session: Session,
    request: ExportRequest,
    progress: Progress,
    cancelled: threading.Event,
) -> ExportResult:
    """Write the file of ``request`` (in the worker's session, which records the export)."""
    if request.kind == PEOPLE:
        assert isinstance(request.query, PersonQuery)
        return stakeholder_export.export_people(
            session,
            request.path,
            request.fmt,
            query=request.query,
            ids=request.ids,
            columns=request.columns,
            include_notes=request.include_notes,
            exported_by=request.exported_by,
            filter_text=request.filter_text,
            progress=progress,
            cancelled=cancelled.is_set,
        )
    assert isinstance(request.query, OrganisationQuery)
    return stakeholder_export.export_organisations(
        session,
        request.path,
        request.fmt,
        query=request.query,
        ids=request.ids,
        columns=request.columns,
        exported_by=request.exported_by,
        filter_text=request.filter_text,
        progress=progress,
        cancelled=cancelled.is_set,
    )


class ExportRun(QObject):
    """One export on the task runner; a progress dialog with Cancel is shown meanwhile.

    Signals:
        succeeded(object): the :class:`ExportResult`.
        cancelled(): the user cancelled; no file was left behind.
        failed(str): the reason the export could not be written (already shown to the user).
    """

    succeeded = Signal(object)
    cancelled = Signal()
    failed = Signal(str)

    def __init__(
        self,
        db: Database,
        runner: TaskRunner,
        reporter: ErrorReporter | None,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.runner = runner
        self.reporter = reporter
        self.parent_widget = parent
        self.task: Task | None = None
        self.progress: QProgressDialog | None = None
        self._stop = threading.Event()
        self._path = Path()

    @property
    def running(self) -> bool:
        """True until the export has reported."""
        return self.task is not None

    def start(self, request: ExportRequest) -> None:
        """Start writing ``request`` in the background."""
        stop = self._stop
        self._path = request.path

        def work(session: Session, progress: Progress) -> ExportResult:
            def report(done: int, total: int) -> None:
                try:
                    progress(done, total)
                except CancelledError:
                    # The runner is shutting down: let the export stop and clean up itself.
                    stop.set()

            return run_export(session, request, report, stop)

        dialog = QProgressDialog(
            self.tr("Exporting to {name}…").format(name=request.path.name),
            self.tr("Cancel"),
            0,
            0,
            self.parent_widget,
        )
        dialog.setWindowTitle(self.tr("Export list"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(self.cancel)
        self.progress = dialog
        self.task = self.runner.submit(
            work,
            write=True,  # the export is recorded in the privacy log
            on_finished=self._finished,
            on_failed=self._failed,
            on_progress=self._progressed,
        )

    def cancel(self) -> None:
        """Stop the export; the service removes what it had written."""
        if self.task is None:
            return
        self._stop.set()
        if self.progress is not None:
            self.progress.setLabelText(self.tr("Cancelling…"))

    def _progressed(self, done: int, total: int) -> None:
        if self.progress is not None and not self._stop.is_set():
            self.progress.setMaximum(max(total, 1))
            self.progress.setValue(min(done, total))

    def _close(self) -> None:
        self.task = None
        if self.progress is not None:
            self.progress.canceled.disconnect(self.cancel)
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _finished(self, result: ExportResult) -> None:
        self._close()
        self.succeeded.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self._close()
        if isinstance(exc, stakeholder_export.ExportCancelled | CancelledError):
            self.cancelled.emit()
            return
        reason = failure_reason(exc, self._path, self.db)
        if reason is None:
            if self.reporter is None:
                raise exc
            self.reporter.report(exc, self.parent_widget, self.db, self.tr("Export failed"))
            self.failed.emit(str(exc))
            return
        prompts.show_problem(self.parent_widget, self.tr("Export failed"), reason)
        self.failed.emit(reason)


def failure_reason(exc: BaseException, path: Path, db: Database | None = None) -> str | None:
    """What to tell the user when the export to ``path`` failed; None for a bug."""
    if isinstance(exc, OSError):
        # Named by the file the user chose, not the temporary file it was written to first.
        reason = exc.strerror or str(exc)
        return _tr("Cannot write {file}: {reason}.").format(file=path, reason=reason)
    if isinstance(exc, ValidationError):
        # The field is a code name ("path: …"); the user needs only the problem.
        problem_text = exc.problem.rstrip(".")
        return problem_text[:1].upper() + problem_text[1:] + "."
    problem = as_user_error(exc, db)
    return problem.message if problem is not None else None


class ListExporter(QObject):
    """The "Export list…" command of a list page: the dialog, then the run.

    The page's ``message`` signal gets "Exported 451 people to list.xlsx" on success.
    """

    def __init__(self, view: RecordView, kind: str) -> None:
        super().__init__(view)
        self.view = view
        self.kind = kind
        self.dialog: ExportDialog | None = None
        self.run: ExportRun | None = None

    def open_dialog(self) -> ExportDialog | None:
        """Show the export dialog for the list on the page (None while an export runs)."""
        from techzone_crm.ui.dialogs.export_dialog import ExportDialog

        view = self.view
        if self.run is not None and self.run.running:
            view.message.emit(self.tr("An export is still running."))
            return None
        view.search.flush()
        ids = view.bulk.selected_ids() if view.bulk is not None else []
        dialog = ExportDialog(
            view.db,
            self.kind,
            view.model.query,
            ids if len(ids) > 1 else (),
            view,
            count=view.model.count,
            filter_text=filter_words(view.search.text(), view.filters_active()),
        )
        dialog.export_requested.connect(self.start)
        self.dialog = dialog
        dialog.open()
        return dialog

    def start(self, request: ExportRequest) -> ExportRun:
        """Run ``request`` and report its outcome on the page."""
        view = self.view
        run = ExportRun(view.db, view.model.runner, view.reporter, view)
        run.succeeded.connect(self._succeeded)
        self.run = run
        run.start(request)
        return run

    def _succeeded(self, result: ExportResult) -> None:
        if self.kind == PEOPLE:
            text = self.tr("Exported %n people to {name}", "", result.count)
        else:
            text = self.tr("Exported %n organisations to {name}", "", result.count)
        self.view.message.emit(text.format(name=result.path.name))


def filter_words(text: str, filters: int) -> str:
    """The search and filters of a list in words, for the privacy log."""
    text = text.strip()
    if text and filters:
        return _tr("Search “{text}” and %n filter(s)", filters).format(text=text)
    if text:
        return _tr("Search “{text}”").format(text=text)
    if filters:
        return _tr("%n filter(s)", filters)
    return _tr("The whole list, no search or filters")


def _tr(source: str, n: int = -1) -> str:
    return QCoreApplication.translate("ListExporter", source, "", n)
