"""The File › Import list… command: opens the import wizard and reports what it imported.

The main window calls :func:`start_import` and keeps the wizard it returns; ``on_done`` is
called with the :class:`~techzone_crm.services.importing.ImportSummary` as soon as the
import is saved (refresh the pages and show :func:`import_message` in the status bar).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMimeData, Qt
from PySide6.QtWidgets import QWidget

from techzone_crm.db.engine import Database
from techzone_crm.services.importing import ImportSummary
from techzone_crm.ui.dialogs.import_wizard import ImportWizard
from techzone_crm.ui.errors import ErrorReporter
from techzone_crm.ui.tasks import TaskRunner
from techzone_crm.ui.undoable import UndoRecorder


def start_import(
    parent: QWidget | None,
    db: Database,
    runner: TaskRunner,
    undo: UndoRecorder | None,
    on_done: Callable[[ImportSummary], None],
    path: Path | None = None,
    reporter: ErrorReporter | None = None,
) -> ImportWizard:
    """Open the import wizard (window-modal, deleted when closed) and return it.

    ``undo`` receives the import as one step ("Import of list.csv"); ``path`` pre-selects
    the file (e.g. one dropped on the window).
    """
    wizard = ImportWizard(db, runner, undo, reporter, parent, path)
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    wizard.imported.connect(on_done)
    wizard.open()
    return wizard


#: The kinds of file a dropped file may be to open the import wizard.
IMPORT_SUFFIXES = frozenset({".csv", ".txt", ".tsv", ".xlsx", ".vcf", ".vcard"})


def dropped_list(mime: QMimeData) -> Path | None:
    """The one local list file in a drag, or None (several files, folders, other kinds)."""
    urls = [url for url in mime.urls() if url.isLocalFile()] if mime.hasUrls() else []
    if len(urls) != 1:
        return None
    path = Path(urls[0].toLocalFile())
    return path if path.suffix.lower() in IMPORT_SUFFIXES and path.is_file() else None


def import_message(summary: ImportSummary, undoable: bool = True) -> str:
    """The status-bar line after an import: "Imported 45 people (3 merged). Edit › Undo …"."""
    added = len(summary.created)
    merged = len(summary.merged)
    text = _tr("Imported 1 new person") if added == 1 else _tr("Imported %n new people", added)
    if merged:
        text += _tr(", %n merged into existing people", merged)
    organisations = len(summary.organisations_created)
    if organisations == 1:
        text += _tr(", 1 new organisation")
    elif organisations:
        text += _tr(", %n new organisations", organisations)
    return text + (_tr(". Edit › Undo takes it back.") if undoable else ".")


def _tr(source: str, n: int = -1) -> str:
    return QCoreApplication.translate("Importing", source, "", n)
