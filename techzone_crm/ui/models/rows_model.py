"""A small read-only table over a list of rows held in memory, described by its columns."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QIcon

Index = QModelIndex | QPersistentModelIndex
R = TypeVar("R")

_ROOT = QModelIndex()


@dataclass(frozen=True)
class Column(Generic[R]):
    """One column: its (translated) title, the cell text and optional tooltip and marker.

    A column without a tooltip of its own shows the cell's text as the tooltip (unless it is
    a right-aligned number), so that an elided text can be read in full.
    """

    title: str
    text: Callable[[R], str]
    tooltip: Callable[[R], str] | None = None
    marker: Callable[[R], QIcon | None] | None = None
    right_aligned: bool = False


class RowsModel(QAbstractTableModel, Generic[R]):
    """Rows shown through :class:`Column` descriptions; :meth:`set_rows` replaces them all."""

    #: tuple[int, str] | None: the person a row is about (id and name), if any.
    PERSON_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(
        self,
        columns: Sequence[Column[R]],
        person: Callable[[R], tuple[int, str] | None] | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self._person = person
        self.rows: list[R] = []

    def set_rows(self, rows: Sequence[R]) -> None:
        """Show ``rows`` instead of the current ones."""
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.columns)
        ):
            return self.columns[section].title
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            # Without a tooltip of its own a text cell shows its text: it may be elided.
            if column.tooltip is not None:
                return column.tooltip(row) or None
            return None if column.right_aligned else column.text(row) or None
        if role == Qt.ItemDataRole.DecorationRole and column.marker is not None:
            return column.marker(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = (
                Qt.AlignmentFlag.AlignRight if column.right_aligned else Qt.AlignmentFlag.AlignLeft
            )
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == self.PERSON_ROLE and self._person is not None:
            return self._person(row)
        return None

    def person_at(self, row: int) -> tuple[int, str] | None:
        """The person row ``row`` is about, or None."""
        if self._person is None or not 0 <= row < len(self.rows):
            return None
        return self._person(self.rows[row])
