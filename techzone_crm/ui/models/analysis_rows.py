"""A read-only table of analysis results that sorts by value, not by the text shown."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from techzone_crm.ui.models.rows_model import Column, RowsModel

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex

#: The value a column sorts by (a number, or folded text).
SORT_ROLE = Qt.ItemDataRole.UserRole + 10
#: str: the node key ("person:12") a row is about.
KEY_ROLE = Qt.ItemDataRole.UserRole + 11

SortKey = Callable[[Any], Any]


class SortedRowsModel(RowsModel[R], Generic[R]):
    """:class:`RowsModel` with a sort value per column and the node key of each row."""

    def __init__(
        self,
        columns: Sequence[Column[R]],
        sort_keys: Sequence[SortKey | None],
        key: Callable[[R], str],
        parent: Any = None,
    ) -> None:
        super().__init__(columns, None, parent)
        if len(sort_keys) != len(self.columns):
            raise ValueError("every column needs a sort key (or None to sort by its text)")
        self._sort_keys = tuple(sort_keys)
        self._key = key

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == SORT_ROLE:
            sort = self._sort_keys[index.column()]
            if sort is None:
                return self.columns[index.column()].text(row).casefold()
            value = sort(row)
            return float("-inf") if value is None else value
        if role == KEY_ROLE:
            return self._key(row)
        return super().data(index, role)

    def key_at(self, row: int) -> str | None:
        """The node key of row ``row`` (None outside the rows)."""
        return self._key(self.rows[row]) if 0 <= row < len(self.rows) else None

    def row_of(self, key: str) -> int:
        """The row about ``key``, or -1."""
        return next((i for i, r in enumerate(self.rows) if self._key(r) == key), -1)


class SortProxy(QSortFilterProxyModel):
    """Sorts by :data:`SORT_ROLE` and, given a column and a value, shows only matching rows."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._only: tuple[Callable[[Any], bool], ...] = ()

    def set_row_filter(self, accepts: Callable[[Any], bool] | None) -> None:
        """Show only the rows ``accepts`` is true for (None: every row)."""
        self.beginFilterChange()
        self._only = () if accepts is None else (accepts,)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._only:
            return True
        model = self.sourceModel()
        if not isinstance(model, RowsModel) or not 0 <= source_row < len(model.rows):
            return True
        return self._only[0](model.rows[source_row])
