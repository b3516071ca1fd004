"""A search field that reports what to look for once the user pauses typing."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from techzone_crm.ui.icons import icon

DEBOUNCE_MS = 200


class SearchField(QLineEdit):
    """A line edit with a search icon, a clear button and a debounced signal.

    Escape clears the field; Down, Return and Enter hand the focus to the results.

    Signals:
        search_changed(str): the text to search for, ``DEBOUNCE_MS`` after the last keystroke
            (at once when the field is cleared).
        to_results(): the user wants to move from the field into the results.
    """

    search_changed = Signal(str)
    to_results = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setClearButtonEnabled(True)
        self.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._emit)
        self._last = ""
        self.textChanged.connect(self._text_changed)
        self.installEventFilter(self)

    def _text_changed(self, text: str) -> None:
        if not text.strip():
            # Clearing is a deliberate act: show everything again without waiting.
            self._timer.stop()
            self._emit()
        else:
            self._timer.start()

    def _emit(self) -> None:
        text = self.text().strip()
        if text != self._last:
            self._last = text
            self.search_changed.emit(text)

    def flush(self) -> None:
        """Report a pending change now (e.g. before the results are used)."""
        if self._timer.isActive():
            self._timer.stop()
            self._emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Escape and self.text():
                self.clear()
                return True
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.flush()
                self.to_results.emit()
                return True
        return super().eventFilter(watched, event)
