"""Errors in the GUI: problems the user can act on versus bugs.

A :class:`~techzone_crm.errors.UserError` (or a driver error that :func:`explain` turns into
one) is shown as a plain message. Anything else is a bug: it is logged with its traceback and
shown in a friendly dialog whose details can be expanded; it is never swallowed silently.
"""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm.exc import StaleDataError

from techzone_crm.db.engine import Database, explain
from techzone_crm.errors import ConflictError, UserError
from techzone_crm.ui import prompts

log = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("errors", text)


def as_user_error(exc: BaseException, db: Database | None = None) -> UserError | None:
    """The message for the user if ``exc`` is their problem to fix, else None (a bug)."""
    if isinstance(exc, UserError):
        return exc
    if isinstance(exc, StaleDataError):
        # The version check in the UPDATE itself: someone saved between our read and write.
        return ConflictError(_tr("The record was changed elsewhere while it was being saved."))
    if isinstance(exc, OperationalError):
        return explain(exc, db)
    return None


class ErrorReporter(QObject):
    """Reports unexpected errors: logs them and shows one friendly dialog at a time."""

    def __init__(self, log_file: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log_file = log_file
        self.dialog: QMessageBox | None = None
        self._more = 0
        self._previous_hook = sys.excepthook

    def install(self) -> None:
        """Route uncaught exceptions (including those in Qt slots) to :meth:`hook`."""
        self._previous_hook = sys.excepthook
        sys.excepthook = self.hook

    def uninstall(self) -> None:
        """Restore the previous exception hook."""
        if sys.excepthook == self.hook:
            sys.excepthook = self._previous_hook

    def hook(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        """sys.excepthook: a user error becomes a message, anything else a bug report."""
        if issubclass(exc_type, KeyboardInterrupt):
            QApplication.quit()
            return
        self.report(exc, parent=QApplication.activeWindow(), tb=tb)

    def report(
        self,
        exc: BaseException,
        parent: QWidget | None = None,
        db: Database | None = None,
        title: str | None = None,
        tb: TracebackType | None = None,
    ) -> None:
        """Show ``exc`` the right way: as a problem to fix or as an unexpected error."""
        problem = as_user_error(exc, db)
        if problem is not None:
            log.warning("%s", problem.message)
            prompts.show_problem(parent, title or _tr("TechZone CRM"), problem.message)
            return
        self.report_bug(exc, parent, tb or exc.__traceback__)

    def report_bug(
        self,
        exc: BaseException,
        parent: QWidget | None,
        tb: TracebackType | None,
        modal: bool = False,
    ) -> None:
        """Log a bug with its traceback and show the unexpected-error dialog.

        ``modal`` waits until the user closes it (for errors outside the event loop).
        """
        details = "".join(traceback.format_exception(type(exc), exc, tb))
        log.error("Unexpected error:\n%s", details)
        if self.dialog is not None and self.dialog.isVisible():
            # One dialog at a time: a failing paint or timer would otherwise open dozens.
            self._more += 1
            self.dialog.setInformativeText(self._explanation(self._more))
            return
        self._more = 0
        self.dialog = self._build_dialog(parent, exc, details)
        if modal:
            self.dialog.exec()
        else:
            self.dialog.show()

    def _explanation(self, more: int = 0) -> str:
        text = _tr(
            "TechZone CRM ran into a problem it did not expect. Your data is safe: every "
            "change is saved completely or not at all. You can carry on working; if this "
            "keeps happening, please send the details (under Show Details) to whoever "
            "supports TechZone CRM."
        )
        if self.log_file is not None:
            text += "\n\n" + _tr("The details are also in the log file {path}.").format(
                path=self.log_file
            )
        if more:
            text += "\n\n" + _tr("{count} more problem(s) happened since; see the log.").format(
                count=more
            )
        return text

    def _build_dialog(
        self, parent: QWidget | None, exc: BaseException, details: str
    ) -> QMessageBox:
        box = QMessageBox(parent)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowModality(Qt.WindowModality.ApplicationModal)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(_tr("Unexpected error"))
        message = str(exc).splitlines()[0][:200] if str(exc) else ""
        summary = f"{type(exc).__name__}: {message}" if message else type(exc).__name__
        box.setText(_tr("Something went wrong ({summary}).").format(summary=summary))
        box.setStyleSheet("QLabel#qt_msgbox_informativelabel { min-width: 28em; }")
        box.setInformativeText(self._explanation())
        # QMessageBox keeps the traceback behind "Show Details…", out of the user's face.
        box.setDetailedText(details)
        box.setStandardButtons(QMessageBox.StandardButton.Close)
        return box
