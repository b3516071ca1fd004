"""The example data: offered on an empty database, loaded in the background."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMainWindow, QProgressDialog
from sqlalchemy.orm import Session

from techzone_crm.db.engine import Database
from techzone_crm.services import maintenance
from techzone_crm.ui import prompts
from techzone_crm.ui.errors import ErrorReporter
from techzone_crm.ui.tasks import CancelledError, Progress, Task, TaskRunner

DemoFunction = Callable[..., Any]


def demo_loader() -> DemoFunction | None:
    """``services.demo.load_demo`` if this installation has it, else None."""
    try:
        demo = importlib.import_module("techzone_crm.services.demo")
    except ImportError:
        return None
    loader = getattr(demo, "load_demo", None)
    return loader if callable(loader) else None


class DemoLoader(QObject):
    """Offers and loads the example data with a progress dialog; the window stays live.

    Signals:
        loaded(object): the demo summary, after the data was committed.
        ended(): loading finished, failed or was cancelled.
    """

    loaded = Signal(object)
    ended = Signal()

    def __init__(
        self,
        window: QMainWindow,
        db: Database,
        runner: TaskRunner,
        reporter: ErrorReporter,
        on_loaded: Callable[[], None],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._db = db
        self._runner = runner
        self._reporter = reporter
        self._on_loaded = on_loaded
        self.task: Task | None = None
        self.progress: QProgressDialog | None = None

    def offer_if_empty(self) -> bool:
        """On an empty database, ask whether to load the example data; True if loading."""
        if demo_loader() is None:
            return False
        with self._db.read() as session:
            if not maintenance.counts(session).empty:
                return False
        if not prompts.offer_demo(self._window):
            return False
        return self.start()

    def start(self) -> bool:
        """Load the example data now; False if it is unavailable or already loading."""
        if self.task is not None:
            return False
        load = demo_loader()
        if load is None:
            prompts.show_problem(
                self._window,
                self.tr("Example data"),
                self.tr("This version of TechZone CRM has no example data."),
            )
            return False

        def work(session: Session, progress: Progress) -> Any:
            return load(session, progress=progress)

        self.progress = QProgressDialog(
            self.tr("Loading the example data…"), self.tr("Cancel"), 0, 0, self._window
        )
        self.progress.setWindowTitle(self.tr("Example data"))
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.task = self._runner.submit(
            work,
            write=True,
            on_progress=self._progressed,
            on_finished=self._finished,
            on_failed=self._failed,
        )
        self.progress.canceled.connect(self.task.cancel)
        self.progress.show()
        return True

    def _progressed(self, done: int, total: int) -> None:
        if self.progress is not None and not self.progress.wasCanceled():
            self.progress.setMaximum(max(total, 1))
            self.progress.setValue(min(done, total))

    def _close(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        self.task = None
        self.ended.emit()

    def _finished(self, summary: object) -> None:
        self._close()
        self._on_loaded()
        self._window.statusBar().showMessage(self._loaded_text(summary), 10_000)
        self.loaded.emit(summary)

    def _loaded_text(self, summary: object) -> str:
        # Composed here rather than taken from the summary's own sentence, so that it is
        # translated and short enough for the status bar.
        counts = {
            name: getattr(summary, name, None)
            for name in ("people", "organisations", "interactions")
        }
        if any(value is None for value in counts.values()):
            return self.tr("The example data was loaded.")
        return self.tr(
            "Example data loaded: {people} people, {organisations} organisations, "
            "{interactions} interactions."
        ).format(**counts)

    def _failed(self, exc: object) -> None:
        self._close()
        if isinstance(exc, CancelledError):
            self._window.statusBar().showMessage(
                self.tr("Loading the example data was cancelled; nothing was added."), 10_000
            )
        elif isinstance(exc, BaseException):
            self._reporter.report(exc, self._window, self._db, self.tr("Example data not loaded"))
