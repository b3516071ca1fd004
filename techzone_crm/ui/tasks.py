"""Work off the GUI thread: a runnable with its own session that reports by signal.

A task runs ``work(session, progress)`` on a thread pool. Write tasks get a session from
``db.sessions.begin()`` (one transaction: all or nothing), read tasks a read-only one.
Results, failures and progress reach the GUI thread through queued signals, so the
event loop never waits for the database.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
from sqlalchemy.orm import Session

from techzone_crm.db.engine import Database

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
Work = Callable[[Session, Progress], Any]


class CancelledError(Exception):
    """Raised inside a task (from its progress callback) once it has been cancelled."""


class TaskSignals(QObject):
    """What a task reports; lives in the GUI thread so that receivers run there.

    Signals:
        progress(int, int): work done so far and the total.
        finished(object): the result of the work.
        failed(object): the exception that stopped the work (:class:`CancelledError` after
            :meth:`Task.cancel`); its ``__traceback__`` is kept for the error report.
    """

    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)


class Task(QRunnable):
    """One piece of background work with its own database session."""

    def __init__(self, db: Database, work: Work, *, write: bool) -> None:
        super().__init__()
        # The runner keeps the Python object alive; Qt must not delete it under us.
        self.setAutoDelete(False)
        self.signals = TaskSignals()
        self._db = db
        self._work = work
        self._write = write
        self._cancel = threading.Event()

    def cancel(self) -> None:
        """Ask the work to stop at its next progress report; a write is rolled back."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        """True once :meth:`cancel` was called."""
        return self._cancel.is_set()

    def _progress(self, done: int, total: int) -> None:
        if self._cancel.is_set():
            raise CancelledError()
        self.signals.progress.emit(done, total)

    def run(self) -> None:
        """Run the work in a session (called on a pool thread)."""
        try:
            if self._cancel.is_set():
                raise CancelledError()
            if self._write:
                with self._db.sessions.begin() as session:
                    result = self._work(session, self._progress)
            else:
                with self._db.read() as session:
                    result = self._work(session, self._progress)
        except BaseException as exc:  # every failure goes to the GUI, which reports it
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)


class TaskRunner(QObject):
    """Starts tasks on its own thread pool and keeps them alive until they report.

    Signals:
        idle(): the last running task has reported.
    """

    idle = Signal()

    def __init__(self, db: Database, max_threads: int = 2, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._tasks: dict[TaskSignals, Task] = {}

    def submit(
        self,
        work: Work,
        *,
        write: bool = False,
        priority: int = 0,
        on_finished: Callable[[Any], None] | None = None,
        on_failed: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> Task:
        """Queue ``work``; higher ``priority`` runs first.

        Pass bound methods of objects living in the GUI thread as callbacks: they are
        connected before the task starts, so no report can be missed.
        """
        task = Task(self._db, work, write=write)
        if on_progress is not None:
            task.signals.progress.connect(on_progress)
        if on_finished is not None:
            task.signals.finished.connect(on_finished)
        if on_failed is not None:
            task.signals.failed.connect(on_failed)
        task.signals.finished.connect(self._forget)
        task.signals.failed.connect(self._forget)
        self._tasks[task.signals] = task
        self._pool.start(task, priority)
        return task

    def discard(self, task: Task) -> bool:
        """Drop a task that has not started yet; False if it is already running or done."""
        if self._pool.tryTake(task):
            self._tasks.pop(task.signals, None)
            return True
        return False

    @property
    def busy(self) -> bool:
        """True while any task has not reported yet."""
        return bool(self._tasks)

    def shutdown(self, msecs: int = 10_000) -> bool:
        """Cancel everything and wait for running work; False if it did not stop in time."""
        for task in list(self._tasks.values()):
            task.cancel()
            self.discard(task)
        return self._pool.waitForDone(msecs)

    @Slot(object)
    def _forget(self, _result: object) -> None:
        sender = self.sender()
        self._tasks.pop(sender, None)  # type: ignore[call-overload]
        if not self._tasks:
            self.idle.emit()
