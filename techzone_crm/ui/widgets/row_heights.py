"""Word-wrapped table rows sized to their text only when they come into view.

``QHeaderView.ResizeToContents`` measures every row of the model on every layout; with a
few thousand wrapped rows that holds the GUI thread for seconds. :class:`VisibleRowHeights`
sizes the rows on screen (and a few beyond) and sizes them again when the column widths,
the rows or the view's size change.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QHeaderView, QTableView

#: Rows beyond the last visible one that are sized too, so that scrolling a little is smooth.
AHEAD = 8


class VisibleRowHeights(QObject):
    """Keeps the visible rows of ``table`` as tall as their wrapped text."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self.table = table
        self._sized: set[int] = set()
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(0)
        self._later.timeout.connect(self.fit_visible)
        table.verticalScrollBar().valueChanged.connect(self._later.start)
        table.horizontalHeader().sectionResized.connect(self._forget)
        model = table.model()
        for signal in (model.modelReset, model.layoutChanged, model.rowsInserted):
            signal.connect(self._forget)
        model.rowsRemoved.connect(self._forget)
        table.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._forget()
        return False

    def _forget(self, *_args: object) -> None:
        self._sized.clear()
        self._later.start()

    def fit_visible(self) -> None:
        """Size the rows on screen now (the view is then laid out again, so twice at most)."""
        table = self.table
        rows = table.model().rowCount()
        for _ in range(2):
            first = max(table.rowAt(0), 0)
            last = table.rowAt(table.viewport().height() - 1)
            last = rows - 1 if last < 0 else last
            wanted = [
                r for r in range(first, min(last + AHEAD, rows - 1) + 1) if r not in self._sized
            ]
            if not wanted:
                return
            for row in wanted:
                table.resizeRowToContents(row)
                self._sized.add(row)
