"""Reading a page's figures on a worker thread, one read at a time, the newest request last."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from techzone_crm.db.engine import Database
from techzone_crm.ui.errors import ErrorReporter
from techzone_crm.ui.tasks import CancelledError, Task, TaskRunner, Work


class BackgroundRead(QObject):
    """Runs read work on the task runner; a request during a read runs once it is done.

    Signals:
        loaded(object): the result of the latest read.
    """

    loaded = Signal(object)

    def __init__(
        self,
        db: Database,
        runner: TaskRunner,
        reporter: ErrorReporter,
        widget: QWidget,
        failure_title: str,
    ) -> None:
        super().__init__(widget)
        self._db = db
        self._runner = runner
        self._reporter = reporter
        self._widget = widget
        self._title = failure_title
        self._task: Task | None = None
        self._next: Work | None = None

    @property
    def loading(self) -> bool:
        """True while a read is under way or waiting."""
        return self._task is not None or self._next is not None

    def start(self, work: Work) -> None:
        """Read with ``work``; during a read, only the latest request is kept for after it."""
        if self._task is not None:
            self._next = work
            return
        self._task = self._runner.submit(work, on_finished=self._finished, on_failed=self._failed)

    def _done(self) -> None:
        self._task = None
        if self._next is not None:
            work, self._next = self._next, None
            self.start(work)

    def _finished(self, result: object) -> None:
        stale = self._next is not None
        self._done()
        if not stale:  # a newer request is on its way: skip showing what it replaces
            self.loaded.emit(result)

    def _failed(self, exc: object) -> None:
        self._done()
        if isinstance(exc, BaseException) and not isinstance(exc, CancelledError):
            self._reporter.report(exc, self._widget, self._db, self._title)
