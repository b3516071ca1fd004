"""A read-only table over a SQL query, loaded page by page off the GUI thread.

``rowCount()`` is the query's SQL count. The first time ``data()`` asks for a row whose page
is not cached, that page (``page_size`` rows) is fetched on a worker thread; until it
arrives its cells are empty, and ``dataChanged`` announces them when it does. A bounded LRU
cache keeps recently used pages, so scrolling through 100,000 rows costs a few page queries
and a fixed amount of memory, and the event loop never waits for the database.
"""

from __future__ import annotations

import dataclasses
from collections import OrderedDict
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from sqlalchemy.orm import Session

from techzone_crm.db.engine import Database
from techzone_crm.services.common import Page
from techzone_crm.ui.tasks import Progress, Task, TaskRunner

Index = QModelIndex | QPersistentModelIndex


class RecordRow(Protocol):
    """What every row of a paged model has: the record's id and version."""

    @property
    def id(self) -> int: ...

    @property
    def version(self) -> int: ...


R = TypeVar("R", bound=RecordRow)
Q = TypeVar("Q")

# Pending page loads further than this from the page asked for last are dropped unstarted:
# after a fast scroll only what is on screen is worth querying.
_KEEP_PENDING_WITHIN = 3

_ROOT = QModelIndex()


@dataclass(frozen=True)
class _PageResult(Generic[R]):
    generation: int
    page: int
    rows: list[R] | None
    error: Exception | None = None


class PagedTableModel(QAbstractTableModel, Generic[R, Q]):
    """Generic paged model; subclasses name their columns and implement the queries.

    The query object ``Q`` is a frozen dataclass with ``text``, ``sort`` and ``descending``
    fields (as :class:`~techzone_crm.services.people.PersonQuery`). Column constants are
    class attributes of the subclass; ``HEADERS`` holds their untranslated titles and
    ``SORT_KEYS`` the SQL sort key of each sortable column.

    Signals:
        page_loaded(int): a page arrived from the database and is shown.
        load_failed(object): a page could not be loaded (the exception), at most once per reset.
        counts_changed(): the counts were re-read (after every reset).
    """

    ID_ROLE = Qt.ItemDataRole.UserRole + 1  #: int: the record's id
    VERSION_ROLE = Qt.ItemDataRole.UserRole + 2  #: int: its version, for expected_version
    ROW_ROLE = Qt.ItemDataRole.UserRole + 3  #: the service's row object

    HEADERS: ClassVar[tuple[str, ...]] = ()
    SORT_KEYS: ClassVar[dict[int, StrEnum]] = {}
    RIGHT_ALIGNED: ClassVar[frozenset[int]] = frozenset()
    #: Initial column widths in average characters (the user's own widths are remembered).
    WIDTHS: ClassVar[dict[int, int]] = {}

    page_loaded = Signal(int)
    load_failed = Signal(object)
    counts_changed = Signal()

    def __init__(
        self,
        db: Database,
        runner: TaskRunner,
        query: Q,
        page_size: int = 200,
        max_pages: int = 40,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._runner = runner
        self._query = query
        self.page_size = page_size
        self.max_pages = max_pages
        self._pages: OrderedDict[int, list[R]] = OrderedDict()
        self._pending: dict[int, Task] = {}
        self._failed: set[int] = set()
        self._generation = 0
        self._requests = 0
        self._reported_failure = False
        self._count = 0
        self._total = 0
        self._total_known = False
        #: How many page queries were started, for tests and diagnostics.
        self.pages_requested = 0

    @property
    def generation(self) -> int:
        """Goes up with every reset: data read before a reset is not reused after it."""
        return self._generation

    @property
    def runner(self) -> TaskRunner:
        """The task runner that loads the pages (and runs the page's other background work)."""
        return self._runner

    # -- what subclasses provide ------------------------------------------------------

    def count_rows(self, session: Session, query: Q) -> int:
        """How many rows ``query`` gives."""
        raise NotImplementedError

    def count_all(self, session: Session) -> int:
        """How many records there are without any filter."""
        raise NotImplementedError

    def fetch_rows(self, session: Session, query: Q, page: Page) -> list[R]:
        """One page of rows (runs on a worker thread: no Qt calls here)."""
        raise NotImplementedError

    def display(self, row: R, column: int) -> str:
        """The text of a cell."""
        raise NotImplementedError

    def cell_data(self, row: R, column: int, role: int) -> Any:
        """Other roles of a cell (decoration, tooltip); None by default."""
        return None

    # -- the query --------------------------------------------------------------------

    @property
    def query(self) -> Q:
        """The current query."""
        return self._query

    def set_query(self, query: Q) -> None:
        """Show the rows of ``query`` (re-counts and empties the cache if it differs)."""
        if query != self._query:
            self._query = query
            # The records did not change, so neither did their number without a filter.
            self._reload(count_all=False)

    def set_text(self, text: str) -> None:
        """Filter by search text."""
        self.set_query(dataclasses.replace(self._query, text=text))  # type: ignore[type-var]

    def reset(self) -> None:
        """Forget every cached page and re-count: the one way the model's rows change."""
        self._reload(count_all=True)

    def _reload(self, count_all: bool) -> None:
        self.beginResetModel()
        self._generation += 1
        for task in self._pending.values():
            self._runner.discard(task)
        self._pages.clear()
        self._pending.clear()
        self._failed.clear()
        self._reported_failure = False
        try:
            with self._db.read() as session:
                self._count = self.count_rows(session, self._query)
                if count_all or not self._total_known:
                    self._total = self.count_all(session)
                    self._total_known = True
        except BaseException:
            self._count = 0
            raise
        finally:
            self.endResetModel()
            self.counts_changed.emit()

    @property
    def count(self) -> int:
        """How many rows the current query gives."""
        return self._count

    @property
    def total(self) -> int:
        """How many records exist without a filter."""
        return self._total

    @property
    def loading(self) -> bool:
        """True while pages are being fetched."""
        return bool(self._pending)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in SQL by ``column``; columns without a SQL sort key are ignored."""
        key = self.SORT_KEYS.get(column)
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        self.set_query(
            dataclasses.replace(self._query, sort=key, descending=descending)  # type: ignore[type-var]
        )

    def sort_column(self) -> tuple[int, Qt.SortOrder]:
        """The column and order the current query sorts by (for the header's indicator)."""
        sort = getattr(self._query, "sort", None)
        column = next((c for c, k in self.SORT_KEYS.items() if k == sort), 0)
        descending = getattr(self._query, "descending", False)
        return column, Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder

    # -- rows -------------------------------------------------------------------------

    def row_at(self, row: int) -> R | None:
        """The row object at ``row``, or None while its page is loading."""
        if not 0 <= row < self._count:
            return None
        page, offset = divmod(row, self.page_size)
        rows = self._pages.get(page)
        if rows is None:
            self._request(page)
            return None
        self._pages.move_to_end(page)
        return rows[offset] if offset < len(rows) else None

    def cached_row(self, row: int) -> R | None:
        """The row object at ``row`` if its page is loaded; never starts a load."""
        rows = self._pages.get(row // self.page_size) if 0 <= row < self._count else None
        offset = row % self.page_size
        return rows[offset] if rows is not None and offset < len(rows) else None

    def find_row(self, record_id: int) -> int | None:
        """The position of a record among the pages loaded so far, or None."""
        for page, rows in self._pages.items():
            for offset, row in enumerate(rows):
                if row.id == record_id:
                    return page * self.page_size + offset
        return None

    def _request(self, page: int) -> None:
        if page in self._pending or page in self._failed:
            return
        self._requests += 1
        self.pages_requested += 1
        for other, task in list(self._pending.items()):
            if abs(other - page) > _KEEP_PENDING_WITHIN and self._runner.discard(task):
                del self._pending[other]
        generation, query, size = self._generation, self._query, self.page_size
        fetch = self.fetch_rows

        def work(session: Session, _progress: Progress) -> _PageResult[R]:
            try:
                rows = fetch(session, query, Page(page * size, size))
            except Exception as exc:  # reported on the GUI thread, with the page it concerns
                return _PageResult(generation, page, None, exc)
            return _PageResult(generation, page, rows)

        # Newest request first: the rows on screen now matter more than those scrolled past.
        self._pending[page] = self._runner.submit(
            work, priority=self._requests, on_finished=self._page_arrived
        )

    @Slot(object)
    def _page_arrived(self, result: _PageResult[R]) -> None:
        if result.generation != self._generation:
            return  # the query changed while this page was loading
        self._pending.pop(result.page, None)
        if result.rows is None:
            self._failed.add(result.page)
            if not self._reported_failure:
                self._reported_failure = True
                self.load_failed.emit(result.error)
            return
        self._pages[result.page] = result.rows
        self._pages.move_to_end(result.page)
        while len(self._pages) > self.max_pages:
            self._pages.popitem(last=False)
        first = result.page * self.page_size
        last = min(first + self.page_size, self._count) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, self.columnCount() - 1))
        self.page_loaded.emit(result.page)

    # -- QAbstractTableModel ----------------------------------------------------------

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.column() >= len(self.HEADERS):
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self.RIGHT_ALIGNED:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == self.ID_ROLE:
            return row.id
        if role == self.VERSION_ROLE:
            return row.version
        if role == self.ROW_ROLE:
            return row
        return self.cell_data(row, index.column(), role)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate(type(self).__name__, self.HEADERS[section])
        if role == Qt.ItemDataRole.ToolTipRole and section not in self.SORT_KEYS:
            return QCoreApplication.translate("PagedTableModel", "This column cannot be sorted")
        if role == Qt.ItemDataRole.TextAlignmentRole and section in self.RIGHT_ALIGNED:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None
