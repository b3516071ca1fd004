"""An editable list of (text, kind) entries, such as a person's e-mail addresses."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from techzone_crm.ui import labels
from techzone_crm.ui.dialogs.form import error_label
from techzone_crm.ui.icons import icon


@dataclass
class _Row:
    widget: QWidget
    text: QLineEdit
    kind: QComboBox
    error: QLabel


class EntryList(QWidget):
    """Rows of a text field and a kind, each removable, with an "add" button below.

    Signals:
        changed(): a row was added or removed.
    """

    changed = Signal()

    def __init__(
        self,
        kinds: type[StrEnum],
        placeholder: str,
        add_text: str,
        remove_text: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._kinds = kinds
        self._placeholder = placeholder
        self._remove_text = remove_text
        self._rows: list[_Row] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        self.add_button = QPushButton(icon("add"), add_text)
        self.add_button.setFlat(True)
        self.add_button.clicked.connect(lambda: self.add_row(focus=True))
        self._layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)

    def add_row(self, text: str = "", kind: StrEnum | None = None, focus: bool = False) -> int:
        """Append a row; returns its index."""
        widget = QWidget(self)
        line = QHBoxLayout()
        line.setContentsMargins(0, 0, 0, 0)
        edit = QLineEdit(text)
        edit.setPlaceholderText(self._placeholder)
        combo = QComboBox()
        for member, label in labels.choices(self._kinds):
            combo.addItem(label, member.value)
        if kind is not None:
            combo.setCurrentIndex(max(0, combo.findData(kind.value)))
        combo.setAccessibleName(self.tr("Kind"))
        remove = QToolButton()
        remove.setIcon(icon("delete"))
        remove.setToolTip(self._remove_text)
        remove.setAccessibleName(self._remove_text)
        line.addWidget(edit, 1)
        line.addWidget(combo)
        line.addWidget(remove)
        error = error_label()
        column = QVBoxLayout(widget)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(line)
        column.addWidget(error)
        row = _Row(widget, edit, combo, error)
        remove.clicked.connect(lambda: self._remove(row))
        self._rows.append(row)
        self._layout.insertWidget(len(self._rows) - 1, widget)
        if self.isVisible():
            # A layout shows new children of a visible widget only on the next event pass.
            widget.show()
        if focus:
            edit.setFocus()
        self.changed.emit()
        return len(self._rows) - 1

    def _remove(self, row: _Row) -> None:
        self._rows.remove(row)
        row.widget.hide()
        row.widget.deleteLater()
        self.changed.emit()

    def set_entries(self, entries: Sequence[tuple[str, StrEnum]]) -> None:
        """Replace the rows (an empty list leaves one empty row to type in)."""
        for row in list(self._rows):
            self._remove(row)
        for text, kind in entries:
            self.add_row(text, kind)
        if not entries:
            self.add_row()

    def entries(self) -> list[tuple[int, str, str]]:
        """(row index, text, kind) of every row that is not blank."""
        return [
            (i, row.text.text().strip(), str(row.kind.currentData()))
            for i, row in enumerate(self._rows)
            if row.text.text().strip()
        ]

    def row_count(self) -> int:
        """How many rows there are, blank ones included."""
        return len(self._rows)

    def text_edit(self, row: int) -> QLineEdit:
        """The text field of ``row``."""
        return self._rows[row].text

    def kind_combo(self, row: int) -> QComboBox:
        """The kind chooser of ``row``."""
        return self._rows[row].kind

    def error_label(self, row: int) -> QLabel:
        """The error label under ``row``."""
        return self._rows[row].error
