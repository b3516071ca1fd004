"""The "Import list" wizard: file → columns → check → duplicates → import, as one undo step.

Every read of the whole file and every database step runs on the task runner; the pages
only read the first rows of the file themselves, so the window never waits.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget, QWizard

from techzone_crm.db.engine import Database
from techzone_crm.ui.dialogs.import_check_page import CheckPage
from techzone_crm.ui.dialogs.import_columns_page import ColumnsPage
from techzone_crm.ui.dialogs.import_duplicates_page import DuplicatesPage
from techzone_crm.ui.dialogs.import_file_page import FilePage
from techzone_crm.ui.dialogs.import_run_page import DonePage, RunPage
from techzone_crm.ui.dialogs.import_state import ImportState
from techzone_crm.ui.errors import ErrorReporter
from techzone_crm.ui.icons import app_icon
from techzone_crm.ui.tasks import TaskRunner
from techzone_crm.ui.undoable import UndoRecorder


class ImportWizard(QWizard):
    """Import people (with their organisations) from a CSV, XLSX or vCard file.

    Args:
        db: the database to import into.
        runner: the task runner for reading the file and writing the import.
        undo: where the import goes as one undo step (None: not undoable).
        reporter: shows unexpected errors (None: they are raised).
        path: the file to start with (None: the user chooses).

    Signals:
        imported(object): the :class:`~techzone_crm.services.importing.ImportSummary`, once
            the import is saved (the wizard then shows it until the user closes it).
    """

    imported = Signal(object)

    FILE, COLUMNS, CHECK, DUPLICATES, RUN, DONE = range(6)

    def __init__(
        self,
        db: Database,
        runner: TaskRunner,
        undo: UndoRecorder | None = None,
        reporter: ErrorReporter | None = None,
        parent: QWidget | None = None,
        path: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.runner = runner
        self.reporter = reporter
        self.state = ImportState()
        self.setWindowTitle(self.tr("Import list"))
        self.setWindowIcon(app_icon())
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Close"))

        self.file_page = FilePage(self.state, self)
        self.columns_page = ColumnsPage(self.state, runner, self.report_bug, self)
        self.check_page = CheckPage(self.state, runner, self.report_bug, self)
        self.duplicates_page = DuplicatesPage(self.state, self)
        self.run_page = RunPage(self.state, runner, undo, self.report_bug, self)
        self.done_page = DonePage(self.state, self)
        for page_id, page in (
            (self.FILE, self.file_page),
            (self.COLUMNS, self.columns_page),
            (self.CHECK, self.check_page),
            (self.DUPLICATES, self.duplicates_page),
            (self.RUN, self.run_page),
            (self.DONE, self.done_page),
        ):
            self.setPage(page_id, page)
        self.setStartId(self.FILE)
        self.run_page.imported.connect(self.imported)
        self.resize(980, 700)
        if path is not None:
            self.file_page.set_path(path)

    @property
    def busy(self) -> bool:
        """True while the import is being written (closing then cancels it instead)."""
        return self.run_page.running

    def report_bug(self, exc: BaseException) -> None:
        """Show an unexpected error (raised again without a reporter)."""
        if self.reporter is None:
            raise exc
        self.reporter.report(exc, self, self.db, self.tr("Import failed"))

    def reject(self) -> None:
        """Cancel: stop a running import first (nothing of it is saved), else close."""
        if self.run_page.running:
            self.run_page.cancel()
            return
        if self.check_page.step is not None:
            self.check_page.step.abandon()
        super().reject()
