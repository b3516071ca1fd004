"""The metrics table and the gaps table of the Analysis page, side by side."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QItemSelectionModel, QLocale, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from techzone_crm.analysis.gaps import GapKind, GapRow
from techzone_crm.analysis.metrics import NodeMetrics
from techzone_crm.ui.models.analysis_rows import KEY_ROLE, SortedRowsModel, SortProxy
from techzone_crm.ui.models.gaps_model import ACTION, REASON, gap_kind_label, gaps_model
from techzone_crm.ui.models.metrics_model import metrics_model
from techzone_crm.ui.widgets.row_heights import VisibleRowHeights

#: How many rows the metrics' columns are fitted to.
RESIZE_PRECISION = 200


def _title(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def _table(name: str, proxy: SortProxy) -> QTableView:
    table = QTableView()
    table.setModel(proxy)
    table.setAccessibleName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setSortingEnabled(True)
    table.setTabKeyNavigation(False)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setSortIndicatorShown(True)
    return table


class AnalysisTables(QSplitter):
    """Metrics of every node beside the gaps; a selected row names its node.

    Signals:
        selected(str): the user selected a row about this node key.
        activated(str): the user double-clicked a row about this node key.
    """

    selected = Signal(str)
    activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self._syncing = False
        self.metrics: SortedRowsModel[NodeMetrics] = metrics_model(self)
        self.metrics_proxy = SortProxy(self)
        self.metrics_proxy.setSourceModel(self.metrics)
        self.metrics_table = _table(self.tr("Metrics"), self.metrics_proxy)
        self.metrics_table.setWordWrap(False)
        # The columns fit the most influential rows (and those on screen), not all thousands.
        self.metrics_table.horizontalHeader().setResizeContentsPrecision(RESIZE_PRECISION)
        self.metrics_table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.metrics_title = _title(self.tr("Metrics"))
        self.method = QLabel()
        self.method.setEnabled(False)
        self.method.setWordWrap(True)
        metrics_box = QWidget()
        box = QVBoxLayout(metrics_box)
        box.setContentsMargins(0, 0, 4, 0)
        box.addWidget(self.metrics_title)
        box.addWidget(self.metrics_table, 1)
        box.addWidget(self.method)

        self.gaps: SortedRowsModel[GapRow] = gaps_model(self)
        self.gaps_proxy = SortProxy(self)
        self.gaps_proxy.setSourceModel(self.gaps)
        self.gaps_table = _table(self.tr("Gaps"), self.gaps_proxy)
        self.gaps_table.setWordWrap(True)
        self.gaps_table.setTextElideMode(Qt.TextElideMode.ElideNone)
        # Only the rows on screen are measured: a large network has thousands of gaps.
        self.gap_heights = VisibleRowHeights(self.gaps_table)
        for column in (REASON, ACTION):
            self.gaps_table.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.Stretch
            )
        self.gaps_title = _title(self.tr("Gaps"))
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("Kind of gap"))
        self.kind.addItem(self.tr("Every kind"), None)
        for kind in GapKind:
            self.kind.addItem(gap_kind_label(kind), kind.value)
        gaps_box = QWidget()
        box = QVBoxLayout(gaps_box)
        box.setContentsMargins(4, 0, 0, 0)
        heading = QHBoxLayout()
        heading.addWidget(self.gaps_title, 1)
        heading.addWidget(QLabel(self.tr("Show")))
        heading.addWidget(self.kind)
        box.addLayout(heading)
        box.addWidget(self.gaps_table, 1)

        self.addWidget(metrics_box)
        self.addWidget(gaps_box)
        self.setStretchFactor(0, 1)
        self.setStretchFactor(1, 1)
        # The gaps are what the officer acts on: they get the larger part; the metrics keep
        # room for their six main columns.
        self.setSizes([470, 530])
        self.setChildrenCollapsible(False)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        for table in (self.metrics_table, self.gaps_table):
            table.doubleClicked.connect(self._double_clicked)
            model = table.selectionModel()
            model.currentRowChanged.connect(self._row_changed)

    # -- filling --------------------------------------------------------------------------

    def set_results(self, metrics: Sequence[NodeMetrics], method: str, gaps: list[GapRow]) -> None:
        """Show the metrics (most influential first) and the gaps (most important first)."""
        # In the order given: unsorted before filling, so that thousands of rows are not
        # sorted by the previous column first.
        for table in (self.metrics_table, self.gaps_table):
            table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.metrics.set_rows(sorted(metrics, key=lambda r: (-r.pagerank, r.key)))
        self.gaps.set_rows(gaps)
        self.method.setText(method)
        self._update_titles()
        self._fit_columns()

    def _update_titles(self) -> None:
        locale = QLocale()
        self.metrics_title.setText(
            self.tr("Metrics ({count} nodes)").format(count=locale.toString(len(self.metrics.rows)))
        )
        shown, total = self.gaps_proxy.rowCount(), len(self.gaps.rows)
        text = (
            self.tr("Gaps ({count})").format(count=locale.toString(total))
            if shown == total
            else self.tr("Gaps ({shown} of {count})").format(
                shown=locale.toString(shown), count=locale.toString(total)
            )
        )
        self.gaps_title.setText(text)

    def _fit_columns(self) -> None:
        # Name, kind, helix and the three main measures fit without scrolling; long names
        # and helices are elided (their tooltip has them in full), the rest scrolls.
        self.metrics_table.resizeColumnsToContents()
        header = self.metrics_table.horizontalHeader()
        chars = self.fontMetrics().averageCharWidth()
        for column, widest in ((0, 20), (2, 17)):
            if header.sectionSize(column) > chars * widest:
                header.resizeSection(column, chars * widest)
        # The measures as wide as their numbers and title, without room for a sort arrow.
        titles = header.fontMetrics()
        for column in range(3, self.metrics.columnCount()):
            title = str(self.metrics.headerData(column, Qt.Orientation.Horizontal) or "")
            fitted = max(
                self.metrics_table.sizeHintForColumn(column), titles.horizontalAdvance(title) + 14
            )
            header.resizeSection(column, fitted)
        gaps_header = self.gaps_table.horizontalHeader()
        for column, count in ((0, 17), (1, 18), (4, 15)):
            gaps_header.resizeSection(column, chars * count)

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        self.gaps_proxy.set_row_filter(None if kind is None else lambda g: g.kind.value == kind)
        self._update_titles()

    # -- selection ------------------------------------------------------------------------

    def _key(self, index: QModelIndex) -> str | None:
        if not index.isValid():
            return None
        key = index.siblingAtColumn(0).data(KEY_ROLE)
        return str(key) if key else None

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._syncing:
            return
        key = self._key(current)
        if key is not None:
            self.selected.emit(key)

    def _double_clicked(self, index: QModelIndex) -> None:
        key = self._key(index)
        if key is not None:
            self.activated.emit(key)

    def select_key(self, key: str | None) -> None:
        """Select the rows about ``key`` in both tables (without emitting ``selected``)."""
        self._syncing = True
        try:
            for table, model, proxy in (
                (self.metrics_table, self.metrics, self.metrics_proxy),
                (self.gaps_table, self.gaps, self.gaps_proxy),
            ):
                current = self._key(table.currentIndex())
                if key is not None and current == key:
                    continue
                row = -1 if key is None else model.row_of(key)
                index = proxy.mapFromSource(model.index(row, 0)) if row >= 0 else QModelIndex()
                selection = table.selectionModel()
                if index.isValid():
                    selection.setCurrentIndex(
                        index,
                        QItemSelectionModel.SelectionFlag.ClearAndSelect
                        | QItemSelectionModel.SelectionFlag.Rows,
                    )
                    table.scrollTo(index)
                else:
                    selection.clearSelection()
                    selection.setCurrentIndex(
                        QModelIndex(), QItemSelectionModel.SelectionFlag.NoUpdate
                    )
        finally:
            self._syncing = False

    def selected_gap(self) -> GapRow | None:
        """The gap row selected, if any."""
        index = self.gaps_table.currentIndex()
        if not index.isValid():
            return None
        row = self.gaps_proxy.mapToSource(index).row()
        return self.gaps.rows[row] if 0 <= row < len(self.gaps.rows) else None

    def shown_gaps(self) -> tuple[list[str], list[list[str]]]:
        """The header and the texts of the gap rows shown, in the order shown."""
        proxy, model = self.gaps_proxy, self.gaps
        rows = []
        for row in range(proxy.rowCount()):
            gap = model.rows[proxy.mapToSource(proxy.index(row, 0)).row()]
            rows.append([column.text(gap) for column in model.columns])
        return [c.title for c in model.columns], rows
