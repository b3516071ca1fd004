"""What the pages of the import wizard share: the choices so far, the texts, the worker step."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QWidget
from sqlalchemy.orm import Session

from techzone_crm.db.models import Helix
from techzone_crm.io.import_fields import ImportField
from techzone_crm.io.table import ImportTable, SourceFormat
from techzone_crm.services.importing import (
    DuplicateAction,
    ImportCancelled,
    ImportPlan,
    ImportSummary,
    MatchReason,
    SavedMapping,
    mapping_for,
)
from techzone_crm.ui.i18n import QT_TRANSLATE_NOOP
from techzone_crm.ui.tasks import CancelledError, Progress, Task, TaskRunner

#: How many rows the file page reads to show what the file holds.
PREVIEW_ROWS = 200

ERROR_STYLE = "color: #c0392b;"

_CONTEXT = "ImportWizard"

FIELD_LABELS: dict[ImportField, str] = {
    ImportField.FULL_NAME: QT_TRANSLATE_NOOP(_CONTEXT, "Full name (naam)"),
    ImportField.GIVEN_NAME: QT_TRANSLATE_NOOP(_CONTEXT, "Given name (voornaam)"),
    ImportField.NAME_PREFIX: QT_TRANSLATE_NOOP(_CONTEXT, "Name prefix (tussenvoegsel)"),
    ImportField.FAMILY_NAME: QT_TRANSLATE_NOOP(_CONTEXT, "Family name (achternaam)"),
    ImportField.TITLE: QT_TRANSLATE_NOOP(_CONTEXT, "Title (dr., mr., prof.)"),
    ImportField.EMAIL: QT_TRANSLATE_NOOP(_CONTEXT, "E-mail (work)"),
    ImportField.EMAIL_PRIVATE: QT_TRANSLATE_NOOP(_CONTEXT, "E-mail (private)"),
    ImportField.PHONE: QT_TRANSLATE_NOOP(_CONTEXT, "Phone (work)"),
    ImportField.MOBILE: QT_TRANSLATE_NOOP(_CONTEXT, "Mobile"),
    ImportField.PHONE_PRIVATE: QT_TRANSLATE_NOOP(_CONTEXT, "Phone (private)"),
    ImportField.ORGANISATION: QT_TRANSLATE_NOOP(_CONTEXT, "Organisation"),
    ImportField.ROLE: QT_TRANSLATE_NOOP(_CONTEXT, "Role (functie)"),
    ImportField.HELIX: QT_TRANSLATE_NOOP(_CONTEXT, "Helix of the organisation"),
    ImportField.TAGS: QT_TRANSLATE_NOOP(_CONTEXT, "Tags"),
    ImportField.NOTES: QT_TRANSLATE_NOOP(_CONTEXT, "Notes"),
    ImportField.DO_NOT_CONTACT: QT_TRANSLATE_NOOP(_CONTEXT, "Do not contact"),
}

ACTION_LABELS: dict[DuplicateAction, str] = {
    DuplicateAction.MERGE: QT_TRANSLATE_NOOP(_CONTEXT, "Merge"),
    DuplicateAction.SKIP: QT_TRANSLATE_NOOP(_CONTEXT, "Skip"),
    DuplicateAction.CREATE: QT_TRANSLATE_NOOP(_CONTEXT, "Create"),
}

_ENCODING_NAMES = {
    "utf-8": QT_TRANSLATE_NOOP(_CONTEXT, "UTF-8"),
    "utf-8-sig": QT_TRANSLATE_NOOP(_CONTEXT, "UTF-8 with BOM"),
    "cp1252": QT_TRANSLATE_NOOP(_CONTEXT, "Windows-1252"),
    "utf-16": QT_TRANSLATE_NOOP(_CONTEXT, "UTF-16"),
    "utf-16-le": QT_TRANSLATE_NOOP(_CONTEXT, "UTF-16"),
    "utf-16-be": QT_TRANSLATE_NOOP(_CONTEXT, "UTF-16"),
    "iso-8859-15": QT_TRANSLATE_NOOP(_CONTEXT, "ISO-8859-15 (Latin-9)"),
}

_DELIMITER_NAMES = {
    ";": QT_TRANSLATE_NOOP(_CONTEXT, "Semicolon ( ; )"),
    ",": QT_TRANSLATE_NOOP(_CONTEXT, "Comma ( , )"),
    "\t": QT_TRANSLATE_NOOP(_CONTEXT, "Tab"),
    "|": QT_TRANSLATE_NOOP(_CONTEXT, "Vertical bar ( | )"),
}

_FORMAT_NAMES = {
    SourceFormat.CSV: QT_TRANSLATE_NOOP(_CONTEXT, "CSV text file"),
    SourceFormat.XLSX: QT_TRANSLATE_NOOP(_CONTEXT, "Excel workbook (XLSX)"),
    SourceFormat.VCARD: QT_TRANSLATE_NOOP(_CONTEXT, "vCard address book"),
}


def tr(source: str, n: int = -1) -> str:
    """``source`` translated in the wizard's context."""
    return QCoreApplication.translate(_CONTEXT, source, "", n)


def field_label(value: ImportField) -> str:
    """The English label of an import field, with the Dutch term where it helps."""
    return tr(FIELD_LABELS[value])


def action_label(action: DuplicateAction) -> str:
    """What the action combo shows for ``action``."""
    return tr(ACTION_LABELS[action])


def encoding_name(code: str) -> str:
    """The encoding as users know it: "Windows-1252", "UTF-8 with BOM"."""
    key = code.lower().replace("_", "-")
    if key in _ENCODING_NAMES:
        return tr(_ENCODING_NAMES[key])
    return code.upper()


def delimiter_name(char: str) -> str:
    """The delimiter in words: "Semicolon ( ; )"."""
    if char in _DELIMITER_NAMES:
        return tr(_DELIMITER_NAMES[char])
    return f"“{char}”"


def format_name(fmt: SourceFormat) -> str:
    """The kind of file in words."""
    return tr(_FORMAT_NAMES[fmt])


def reason_text(reason: MatchReason, other_row: int | None) -> str:
    """Why a row matches: "same e-mail", "also in row 12"."""
    if reason is MatchReason.EMAIL:
        return tr("same e-mail")
    if reason is MatchReason.NAME_ORGANISATION:
        return tr("similar name at the same organisation")
    if reason is MatchReason.NAME:
        return tr("same name")
    return tr("also in row {row}").format(row=other_row if other_row is not None else "?")


def examples(table: ImportTable, column: int, count: int = 3, width: int = 28) -> list[str]:
    """The first different non-empty values of a column, each cut at ``width`` characters."""
    seen: list[str] = []
    for row in table.rows:
        value = " ".join(row[column].split())
        if value and value not in seen:
            seen.append(value)
            if len(seen) == count:
                break
    return [v if len(v) <= width else v[: width - 1] + "…" for v in seen]


def fitting_mapping(headers: list[str], saved: list[SavedMapping]) -> SavedMapping | None:
    """The saved mapping made for files with these columns, if there is one."""
    best: SavedMapping | None = None
    for candidate in saved:
        found = mapping_for(headers, candidate)
        fits = bool(candidate.columns) and len(found) == len(candidate.columns)
        if fits and (best is None or len(candidate.columns) > len(best.columns)):
            best = candidate
    return best


def ask_open_path(parent: QWidget | None, title: str, start: str, filters: str) -> Path | None:
    """Ask which file to open (None when the user cancels); the tests replace this."""
    chosen, _filter = QFileDialog.getOpenFileName(parent, title, start, filters)
    return Path(chosen) if chosen else None


def ask_save_path(parent: QWidget | None, title: str, start: str, filters: str) -> Path | None:
    """Ask where to save (None when the user cancels); the tests replace this."""
    chosen, _filter = QFileDialog.getSaveFileName(parent, title, start, filters)
    return Path(chosen) if chosen else None


def ask_mapping_name(parent: QWidget | None, title: str, text: str) -> str | None:
    """Ask for the name of a saved mapping (``text`` pre-filled); None if cancelled."""
    name, ok = QInputDialog.getText(parent, title, tr("Name:"), QLineEdit.EchoMode.Normal, text)
    return name.strip() if ok and name.strip() else None


@dataclass
class ImportState:
    """The choices made so far in the wizard, page by page."""

    path: Path | None = None
    #: None: what the reader detects.
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    #: The first rows of the file, as read with the choices above.
    preview: ImportTable | None = None
    mapping: dict[int, ImportField] = field(default_factory=dict)
    default_helix: Helix | None = None
    plan: ImportPlan | None = None
    skip_invalid: bool = False
    #: The action chosen per duplicate row (rows not in here keep their default).
    actions: dict[int, DuplicateAction] = field(default_factory=dict)
    summary: ImportSummary | None = None
    #: True when the import went onto the undo stack.
    undoable: bool = False

    def action(self, row: int) -> DuplicateAction | None:
        """What happens to a duplicate row (None: the row has no match)."""
        if self.plan is None or row not in self.plan.duplicates:
            return None
        return self.actions.get(row, self.plan.duplicates[row].default_action)

    def chosen_actions(self) -> dict[int, DuplicateAction]:
        """The action of every duplicate row, for run_import."""
        if self.plan is None:
            return {}
        return {
            row: self.action(row) or dup.default_action for row, dup in self.plan.duplicates.items()
        }


StepWork = Callable[[Session, Progress, Callable[[], bool]], Any]


class BackgroundStep(QObject):
    """One step of the wizard on the task runner, which can be cancelled or abandoned.

    Signals:
        progressed(int, int): work done and the total.
        succeeded(object): the result.
        failed(object): the exception that stopped the work (not a cancel).
        cancelled(): the work stopped because it was cancelled; a write was rolled back.
    """

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()

    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.task: Task | None = None
        self._stop = threading.Event()
        self._abandoned = False

    @property
    def running(self) -> bool:
        """True until the work has reported."""
        return self.task is not None

    @property
    def cancelling(self) -> bool:
        """True once cancel() was asked while the work runs."""
        return self.running and self._stop.is_set()

    def start(self, work: StepWork, *, write: bool) -> None:
        """Run ``work(session, progress, cancelled)`` in a read or write session."""
        stop = self._stop

        def run(session: Session, progress: Progress) -> Any:
            def report(done: int, total: int) -> None:
                try:
                    progress(done, total)
                except CancelledError:
                    stop.set()  # the runner is shutting down: let the service stop itself

            return work(session, report, stop.is_set)

        self.task = self.runner.submit(
            run,
            write=write,
            on_finished=self._finished,
            on_failed=self._failed,
            on_progress=self._progressed,
        )

    def cancel(self) -> None:
        """Ask the work to stop; nothing it wrote is kept."""
        self._stop.set()

    def abandon(self) -> None:
        """Cancel and report nothing any more (the page no longer waits for it)."""
        self._abandoned = True
        self.cancel()

    def _progressed(self, done: int, total: int) -> None:
        if not self._abandoned and not self._stop.is_set():
            self.progressed.emit(done, total)

    def _finished(self, result: object) -> None:
        self.task = None
        if not self._abandoned:
            self.succeeded.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self.task = None
        if self._abandoned:
            return
        if isinstance(exc, CancelledError | ImportCancelled):
            self.cancelled.emit()
            return
        self.failed.emit(exc)
