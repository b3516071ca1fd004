"""Tags typed as a comma-separated list, with completion of the tag being typed."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget


class _LastTagCompleter(QCompleter):
    """Completes only the part after the last comma and keeps the tags before it."""

    def splitPath(self, path: str) -> list[str]:
        return [path.rsplit(",", 1)[-1].strip()]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        widget = self.widget()
        text = widget.text() if isinstance(widget, QLineEdit) else ""
        before = [t.strip() for t in text.split(",")[:-1] if t.strip()]
        return ", ".join([*before, str(index.data())])


class TagEdit(QLineEdit):
    """A line edit for tags: "Program Board, Kerngroep HTSM"."""

    def __init__(self, known: Sequence[str] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(self.tr("Separate tags with commas"))
        self._model = QStringListModel(list(known), self)
        completer = _LastTagCompleter(self._model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompleter(completer)

    def tags(self) -> list[str]:
        """The tags typed, without blanks, in the order typed."""
        return [t.strip() for t in self.text().split(",") if t.strip()]

    def set_tags(self, tags: Sequence[str]) -> None:
        """Show ``tags``."""
        self.setText(", ".join(tags))
