"""The shape both pages share: a search field, a lazily loaded table and a detail pane."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QObject,
    QPoint,
    QSettings,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from techzone_crm.db.engine import Database
from techzone_crm.errors import ConflictError
from techzone_crm.ui import prompts
from techzone_crm.ui.errors import ErrorReporter, as_user_error
from techzone_crm.ui.models.paged_model import PagedTableModel
from techzone_crm.ui.undoable import UndoRecorder
from techzone_crm.ui.views.bulk_edit import BulkEditor
from techzone_crm.ui.views.deleting import DeletePlan, delete_shown
from techzone_crm.ui.widgets.search_field import SearchField


class RecordView(QWidget):
    """A searchable, sortable table of records beside a detail pane.

    Subclasses supply the model and the pane, the texts, and the record actions
    (:meth:`new_record`, :meth:`edit_selected`, :meth:`delete_selected`, :meth:`show_record`).

    Signals:
        status_changed(str): the "Showing x of y" text changed.
        message(str): a short confirmation for the status bar ("Deleted …").
        current_changed(): the record shown in the detail pane changed.
        changed(): records that other pages show were written or deleted.
    """

    status_changed = Signal(str)
    message = Signal(str)
    current_changed = Signal()
    changed = Signal()

    #: The share of the width the detail pane gets on a first start.
    DETAILS_SHARE = 1 / 3

    def __init__(
        self,
        db: Database,
        model: PagedTableModel[Any, Any],
        details: QWidget,
        reporter: ErrorReporter,
        settings_group: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.model = model
        self.details = details
        self.reporter = reporter
        self.settings_group = settings_group
        #: Where writes are recorded for undo (the main window sets it).
        self.undo: UndoRecorder | None = None
        #: The bulk actions on the selected rows (subclasses create it).
        self.bulk: BulkEditor | None = None
        self.context_menu: QMenu | None = None
        self._wanted: int | None = None  # the record to select once its page has loaded
        self._pinned = False  # keep showing it in the pane even if the table lacks it

        self.search = SearchField()
        self.table = QTableView()
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Several rows for bulk edits; the detail pane follows the current row.
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.setCornerButtonEnabled(False)
        vertical = self.table.verticalHeader()
        vertical.hide()
        # Fixed row heights: the view never measures 100,000 rows.
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setSectionsMovable(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        char = self.fontMetrics().averageCharWidth()
        for section, chars in model.WIDTHS.items():
            header.resizeSection(section, chars * char + 12)
        column, order = model.sort_column()
        header.setSortIndicator(column, order)
        self.table.setSortingEnabled(True)

        self.empty_label = QLabel(self.table.viewport())
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setEnabled(False)
        self.empty_label.setMargin(24)
        self.empty_label.hide()
        self.table.viewport().installEventFilter(self)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(details)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self._sizes_restored = False

        self.filter_bar = QHBoxLayout()
        self.filter_bar.addWidget(self.search, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 0)
        layout.addLayout(self.filter_bar)
        layout.addWidget(self.splitter, 1)

        self._selection_timer = QTimer(self)
        self._selection_timer.setSingleShot(True)
        self._selection_timer.setInterval(0)
        self._selection_timer.timeout.connect(self._selection_settled)

        self.search.search_changed.connect(model.set_text)
        self.search.to_results.connect(self.focus_results)
        header.sortIndicatorChanged.connect(self._sort_indicator_changed)
        model.modelReset.connect(self._after_reset)
        model.counts_changed.connect(self._update_status)
        model.page_loaded.connect(self._page_loaded)
        model.load_failed.connect(self._load_failed)
        selection = self.table.selectionModel()
        # The current row moves before the row is selected: follow both.
        selection.currentRowChanged.connect(self._selection_moved)
        selection.selectionChanged.connect(self._selection_moved)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())

    # -- for subclasses ---------------------------------------------------------------

    def status_text(self, shown: int, total: int, filtered: bool) -> str:
        """ "Showing 12 of 412 people"."""
        raise NotImplementedError

    def empty_text(self, filtered: bool) -> str:
        """What the empty table says."""
        raise NotImplementedError

    def show_details(self, record_id: int | None) -> None:
        """Show ``record_id`` in the detail pane (None: nothing)."""
        raise NotImplementedError

    def new_record(self) -> None:
        """Open the dialog to add a record."""
        raise NotImplementedError

    def edit_record(self, record_id: int) -> None:
        """Open the dialog to edit ``record_id``."""
        raise NotImplementedError

    def plan_delete(self, session: Session, record_id: int) -> DeletePlan:
        """What to ask before deleting ``record_id`` (read in ``session``)."""
        raise NotImplementedError

    def perform_delete(self, session: Session, record_id: int, plan: DeletePlan) -> str:
        """Delete ``record_id`` in ``session``; returns the message for the status bar."""
        raise NotImplementedError

    def delete_selected(self) -> None:
        """Delete the selected records after confirmation, as one undo step."""
        if self.bulk is not None and self.bulk.delete_if_several():
            return
        record_id = self.shown_id()
        if record_id is not None:
            delete_shown(self, record_id)

    def forget_wanted(self) -> None:
        """Stop waiting to select a record once its page loads (it is gone)."""
        self._wanted, self._pinned = None, False

    # -- selection ----------------------------------------------------------------------

    def selected_id(self) -> int | None:
        """The id of the selected record, or None."""
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row()):
            return None
        value = self.model.data(index, PagedTableModel.ID_ROLE)
        return int(value) if value is not None else None

    def shown_id(self) -> int | None:
        """The record in the detail pane (the selection, or one just saved)."""
        return self.selected_id() or (self._wanted if self._pinned else None)

    def edit_selected(self) -> None:
        """Edit the record in the detail pane."""
        record_id = self.shown_id()
        if record_id is not None:
            self.edit_record(record_id)

    def select_record(self, record_id: int) -> bool:
        """Select ``record_id`` if it is among the loaded rows."""
        row = self.model.find_row(record_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
        # Through the selection model: the view's own calls would honour a held Ctrl or
        # Shift key and add to the (multi-row) selection instead of replacing it.
        flags = QItemSelectionModel.SelectionFlag
        self.table.selectionModel().setCurrentIndex(index, flags.ClearAndSelect | flags.Rows)
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        return True

    def open_record(self, record_id: int) -> None:
        """Show ``record_id``: selected in the table if listed, else in the pane alone."""
        if self.select_record(record_id):
            return
        self._wanted, self._pinned = record_id, True
        self.table.clearSelection()
        self.show_details(record_id)
        self.current_changed.emit()

    def refresh(self, select_id: int | None = None) -> None:
        """Re-read the list; ``select_id`` is selected (and shown) once it has loaded."""
        if select_id is not None:
            self._wanted, self._pinned = select_id, True
        self.model.reset()
        if select_id is not None:
            self.show_details(select_id)
            self.current_changed.emit()

    def focus_search(self) -> None:
        """Put the cursor in the search field with its text selected."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def focus_results(self) -> None:
        """Move to the table, selecting the first row if nothing is selected."""
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.selected_id() is None and self.model.rowCount() > 0:
            self.table.selectRow(0)

    def copy_selected(self) -> None:
        """Copy the selected row's cells, tab-separated, to the clipboard."""
        index = self.table.currentIndex()
        if not index.isValid():
            return
        header = self.table.horizontalHeader()
        cells = [
            str(self.model.index(index.row(), header.logicalIndex(v)).data() or "")
            for v in range(header.count())
            if not header.isSectionHidden(header.logicalIndex(v))
        ]
        QGuiApplication.clipboard().setText("\t".join(cells))

    def _context_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.addActions(self.table.actions())
        if self.bulk is not None:
            menu.addSection(self.tr("Bulk edit"))
            menu.addActions(self.bulk.actions)
        menu.popup(self.table.viewport().mapToGlobal(pos))
        self.context_menu = menu

    def _selection_moved(self) -> None:
        # Actions follow the selection at once; the pane waits for the keys to settle.
        self.current_changed.emit()
        self._selection_timer.start()

    def _selection_settled(self) -> None:
        selected = self.selected_id()
        if selected is not None:
            self._wanted, self._pinned = None, False
        if selected is None and self._pinned:
            return
        self.show_details(selected)
        self.current_changed.emit()

    def _after_reset(self) -> None:
        # The selection is gone with the old rows; remember what to select again.
        if self._wanted is None:
            self._wanted = self.details_id()
        if self.model.rowCount() == 0 and not self._pinned and self._wanted is not None:
            self._wanted = None
            self.show_details(None)
        self._update_empty()
        self.current_changed.emit()  # the selection went with the old rows

    def details_id(self) -> int | None:
        """The record the detail pane shows now."""
        raise NotImplementedError

    def _page_loaded(self, _page: int) -> None:
        if self._wanted is None:
            return
        if self.select_record(self._wanted):
            self._wanted, self._pinned = None, False
        elif not self._pinned and _page == 0:
            # A search or sort left the record out of view: stop showing it.
            self._wanted = None
            self.show_details(None)
            self.current_changed.emit()

    def report_problem(self, exc: Exception, title: str, conflict: str | None = None) -> None:
        """Show a problem with a write and re-read the list; a bug goes to the excepthook.

        ``conflict`` replaces the message of a :class:`ConflictError` (it says what was not
        done and what the user can do now).
        """
        problem = as_user_error(exc, self.db)
        if problem is None:
            raise exc
        message = conflict if conflict and isinstance(problem, ConflictError) else problem.message
        prompts.show_problem(self, title, message)
        self.refresh()

    def _load_failed(self, exc: object) -> None:
        if isinstance(exc, BaseException):
            self.reporter.report(exc, self, self.db, self.tr("Cannot show the list"))

    # -- sorting, status, empty state ----------------------------------------------------

    def _sort_indicator_changed(self, column: int, _order: Qt.SortOrder) -> None:
        if column not in self.model.SORT_KEYS:
            # The model cannot sort this column in SQL: put the indicator back.
            header = self.table.horizontalHeader()
            current, order = self.model.sort_column()
            header.blockSignals(True)
            header.setSortIndicator(current, order)
            header.blockSignals(False)

    def filters_active(self) -> int:
        """How many filters besides the search text are on (views with filters say)."""
        return 0

    def is_filtered(self) -> bool:
        """True if the list shows less than everything (a search or a filter)."""
        text = str(getattr(self.model.query, "text", ""))
        return bool(text.strip()) or self.filters_active() > 0

    def _update_status(self) -> None:
        filtered = self.is_filtered()
        self.status_changed.emit(self.status_text(self.model.count, self.model.total, filtered))
        self._update_empty()

    def current_status(self) -> str:
        """The status text for the current list."""
        filtered = self.is_filtered()
        return self.status_text(self.model.count, self.model.total, filtered)

    def _update_empty(self) -> None:
        empty = self.model.rowCount() == 0
        if empty:
            self.empty_label.setText(self.empty_text(self.is_filtered()))
            self.empty_label.setGeometry(self.table.viewport().rect())
        self.empty_label.setVisible(empty)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._sizes_restored:
            # First start: split by proportion once the real width is known.
            self._sizes_restored = True
            width = self.splitter.width()
            details = round(width * self.DETAILS_SHARE)
            self.splitter.setSizes([width - details, details])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self.empty_label.setGeometry(self.table.viewport().rect())
        return super().eventFilter(watched, event)

    # -- settings ---------------------------------------------------------------------

    def save_state(self, settings: QSettings) -> None:
        """Remember the splitter and the columns (widths, order, sort)."""
        settings.setValue(f"{self.settings_group}/splitter", self.splitter.saveState())
        header = self.table.horizontalHeader().saveState()
        settings.setValue(f"{self.settings_group}/header", header)

    def restore_state(self, settings: QSettings) -> None:
        """Restore what :meth:`save_state` remembered (ignored if missing or unreadable)."""
        splitter = settings.value(f"{self.settings_group}/splitter")
        if splitter is not None:
            self._sizes_restored = self.splitter.restoreState(splitter)
        header = settings.value(f"{self.settings_group}/header")
        if header is not None and self.table.horizontalHeader().restoreState(header):
            # The restored sort indicator is the user's last sort: apply it in SQL too.
            view_header = self.table.horizontalHeader()
            self.model.sort(view_header.sortIndicatorSection(), view_header.sortIndicatorOrder())

    def changed_text(self, name: str) -> str:
        """What to say when ``name`` changed elsewhere and so was not deleted."""
        return self.tr(
            "{name} was changed elsewhere after the list was loaded, so it was not deleted. "
            "The list now shows the saved data; delete again if you still want to."
        ).format(name=name)
