"""The common part of the record dialogs: saving through a service, errors at the field.

A dialog collects what the user typed, writes it in one transaction, and stays open with the
input intact when anything goes wrong: a :class:`ValidationError` is shown under the field it
names, a conflict offers a choice, and a database problem gets a clear message.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from techzone_crm.db.engine import Database
from techzone_crm.errors import ConflictError, NotFoundError, ValidationError
from techzone_crm.ui import prompts
from techzone_crm.ui.errors import as_user_error
from techzone_crm.ui.icons import app_icon
from techzone_crm.ui.undoable import RecordKey, UndoRecorder

ERROR_COLOUR = "#c0392b"

# Invalid fields get a red frame; the property is set by FieldFeedback.
_INVALID_STYLE = f"""
QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"], QComboBox[invalid="true"],
QDateEdit[invalid="true"] {{ border: 2px solid {ERROR_COLOUR}; border-radius: 3px; }}
"""

_LIST_FIELD = re.compile(r"^(\w+)\[(\d+)\](?:\.(\w+))?$")

# Given an index into a list field, the widget and error label of that entry and its name.
ListResolver = Callable[[int, str | None], tuple[QWidget, QLabel, str] | None]


def error_label() -> QLabel:
    """A hidden label for a field's error message, shown under the field."""
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {ERROR_COLOUR};")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def with_error(widget: QWidget, label: QLabel) -> QWidget:
    """``widget`` with its error label below it, as one form field."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(widget)
    layout.addWidget(label)
    return box


def sentence(name: str, problem: str) -> str:
    """A readable message from a field name and a service's problem text."""
    text = f"{name} {problem}" if problem.startswith("is ") else problem
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?", ".)")) else text + "."


class FieldFeedback:
    """Maps the service's field names ("family_name", "emails[1]") to widgets in a form."""

    def __init__(self) -> None:
        self._fields: dict[str, tuple[QWidget, QLabel, str]] = {}
        self._lists: dict[str, ListResolver] = {}
        self._shown: list[tuple[QWidget, QLabel]] = []

    def register(self, field: str, widget: QWidget, label: QLabel, name: str) -> None:
        """``field`` is edited in ``widget``; its errors go to ``label``, naming it ``name``."""
        self._fields[field] = (widget, label, name)

    def register_list(self, field: str, resolver: ListResolver) -> None:
        """Errors of ``field[i]`` and ``field[i].part`` are placed by ``resolver(i, part)``."""
        self._lists[field] = resolver

    def _resolve(self, field: str) -> tuple[QWidget, QLabel, str] | None:
        if field in self._fields:
            return self._fields[field]
        match = _LIST_FIELD.match(field)
        if match and match.group(1) in self._lists:
            return self._lists[match.group(1)](int(match.group(2)), match.group(3))
        return None

    def show(self, field: str, problem: str) -> bool:
        """Show ``problem`` at ``field`` and focus it; False if no widget edits that field."""
        target = self._resolve(field)
        if target is None:
            return False
        widget, label, name = target
        label.setText(sentence(name, problem))
        label.show()
        widget.setProperty("invalid", True)
        widget.setAccessibleDescription(label.text())
        # A dynamic property only restyles after a re-polish.
        widget.style().unpolish(widget)
        widget.style().polish(widget)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        self._shown.append((widget, label))
        return True

    def clear(self) -> None:
        """Hide every error shown so far."""
        for widget, label in self._shown:
            label.hide()
            label.clear()
            widget.setProperty("invalid", False)
            widget.setAccessibleDescription("")
            widget.style().unpolish(widget)
            widget.style().polish(widget)
        self._shown.clear()


class RecordDialog(QDialog):
    """Base of the add/edit dialogs.

    Subclasses build their fields into ``self.form``, register them with ``self.feedback``
    and implement :meth:`load`, :meth:`collect`, :meth:`write` and :meth:`current_version`.

    Signals:
        saved(int): the id of the record that was saved, just before the dialog closes.
    """

    saved = Signal(int)

    def __init__(self, db: Database, record_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.record_id = record_id
        self.version: int | None = None
        #: Where a save is recorded for undo (set by the view that opens the dialog).
        self.undo: UndoRecorder | None = None
        self.setWindowIcon(app_icon())
        self.setStyleSheet(_INVALID_STYLE)
        self.feedback = FieldFeedback()

        self.banner = error_label()
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(self.form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    # -- for subclasses ---------------------------------------------------------------

    def section(self, title: str) -> None:
        """A bold heading row in the form."""
        label = QLabel(title)
        font = QFont(label.font())
        font.setBold(True)
        label.setFont(font)
        if self.form.rowCount():
            label.setContentsMargins(0, 10, 0, 0)
        self.form.addRow(label)

    def field(self, field: str, label: str, widget: QWidget, name: str | None = None) -> QLabel:
        """Add a form row for ``field``; returns its error label."""
        errors = error_label()
        self.form.addRow(label, with_error(widget, errors))
        self.feedback.register(field, widget, errors, name or label.rstrip(":"))
        return errors

    def load(self, session: Session) -> None:
        """Fill the fields from the stored record and set ``self.version``."""
        raise NotImplementedError

    def collect(self) -> Any:
        """The service's input data from the fields (may raise ValidationError)."""
        raise NotImplementedError

    def write(self, session: Session, data: Any) -> int:
        """Save ``data`` with the service; returns the record's id."""
        raise NotImplementedError

    def current_version(self, session: Session) -> int:
        """The stored record's version now."""
        raise NotImplementedError

    def undo_keys(self, record_id: int | None) -> list[RecordKey]:
        """The records a save touches when the dialog's record is ``record_id``."""
        raise NotImplementedError

    def undo_text(self, session: Session, record_id: int) -> str:
        """What Edit › Undo calls the save of ``record_id`` (read after the write)."""
        raise NotImplementedError

    # -- saving -----------------------------------------------------------------------

    def reload(self) -> None:
        """Read the stored record into the form (discarding edits)."""
        self.feedback.clear()
        self.banner.hide()
        with self.db.read() as session:
            self.load(session)

    def save(self) -> bool:
        """Validate and save; on any problem the dialog stays open with the input intact."""
        self.feedback.clear()
        self.banner.hide()
        try:
            data = self.collect()
            recording, text = None, ""
            with self.db.sessions.begin() as session:
                if self.undo is not None:
                    recording = self.undo.start(session, self.undo_keys(self.record_id))
                record_id = self.write(session, data)
                if recording is not None:
                    recording.finish(session, self.undo_keys(record_id))
                    text = self.undo_text(session, record_id)
        except ValidationError as exc:
            if not self.feedback.show(exc.field, exc.problem):
                self.banner.setText(sentence(exc.field, exc.problem))
                self.banner.show()
            return False
        except Exception as exc:
            problem = as_user_error(exc, self.db)
            if problem is None:
                raise  # a bug: the excepthook reports it; the form keeps its input
            if isinstance(problem, ConflictError):
                self._resolve_conflict(problem)
            elif isinstance(problem, NotFoundError):
                prompts.show_problem(self, self.windowTitle(), problem.message)
            else:
                prompts.show_problem(self, self.tr("Not saved"), problem.message)
            return False
        if self.undo is not None and recording is not None:
            self.undo.push(text, recording.changes)
        self.record_id = record_id
        self.saved.emit(record_id)
        self.accept()
        return True

    def _resolve_conflict(self, problem: ConflictError) -> None:
        choice = prompts.ask_conflict(self, problem.message)
        if choice is prompts.ConflictChoice.RELOAD:
            self.reload()
            return
        # Keep the user's input and take the stored version as the base, so that saving
        # again deliberately replaces the other change (the user was told so).
        with self.db.read() as session:
            self.version = self.current_version(session)
