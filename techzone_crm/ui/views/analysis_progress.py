"""The progress row of the Analysis page: a bar, what is happening, and Cancel."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget


class RunBar(QWidget):
    """Shows a run's progress with a Cancel button, or a line about the last run."""

    def __init__(self, steps: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.progress = QProgressBar()
        self.progress.setRange(0, steps)
        self.progress.setTextVisible(False)
        self.progress.setMaximumWidth(260)
        self.text = QLabel()
        self.cancel = QPushButton(self.tr("Cancel"))
        self.cancel.setToolTip(self.tr("Stop the analysis; the last results stay on screen"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.progress)
        layout.addWidget(self.text)
        layout.addWidget(self.cancel)
        layout.addStretch(1)
        self.set_busy(False)

    def set_busy(self, busy: bool, text: str = "") -> None:
        """Show the bar and Cancel (busy) or only ``text``; nothing at all without text."""
        self.progress.setVisible(busy)
        self.cancel.setVisible(busy)
        self.text.setText(text)
        self.text.setVisible(bool(text))
        if busy:
            self.progress.setValue(0)
        self.setVisible(busy or bool(text))

    def step(self, done: int, total: int) -> None:
        """``done`` of ``total`` steps are done."""
        self.progress.setMaximum(total)
        self.progress.setValue(done)
