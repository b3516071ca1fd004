"""Small widgets of the Analysis page: a flow that prefers one line and a text that elides."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget

from techzone_crm.ui.widgets.flow_layout import FlowLayout


class OneLineFlow(FlowLayout):
    """A flow whose preferred width puts every widget on one line; a widget wider than its
    line is narrowed to the line (down to its minimum)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent, spacing)
        self._gap = spacing

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        right = rect.right() - self.contentsMargins().right()
        for index in range(self.count()):
            item = self.itemAt(index)
            if item is None or item.geometry().right() <= right:
                continue
            room = item.geometry()
            room.setRight(max(right, room.left() + item.minimumSize().width() - 1))
            item.setGeometry(room)

    def sizeHint(self) -> QSize:
        hints = []
        for index in range(self.count()):
            item = self.itemAt(index)
            widget = None if item is None else item.widget()
            if item is not None and (widget is None or not widget.isHidden()):
                hints.append(item.sizeHint())
        margins = self.contentsMargins()
        width = sum(h.width() for h in hints) + self._gap * max(len(hints) - 1, 0)
        height = max((h.height() for h in hints), default=0)
        return QSize(
            width + margins.left() + margins.right(), height + margins.top() + margins.bottom()
        )


class ElidedLabel(QLabel):
    """A one-line text that ends in "…" where it has no room; the tooltip gives all of it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""

    def setText(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self._elide()
        # A longer text may wrap the flow it is in onto another line: the layouts above
        # must ask again how high they are.
        widget: QWidget | None = self
        while widget is not None and not widget.isWindow():
            widget.updateGeometry()
            widget = widget.parentWidget()

    def text(self) -> str:
        """All of the text, also where it is shown elided."""
        return self._full

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        margins = self.contentsMargins()
        return QSize(
            metrics.horizontalAdvance(self._full) + 4 + margins.left() + margins.right(),
            metrics.height() + margins.top() + margins.bottom(),
        )

    def minimumSizeHint(self) -> QSize:
        hint = self.sizeHint()
        return QSize(min(hint.width(), self.fontMetrics().averageCharWidth() * 8), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, self.width())
        super().setText(shown)
