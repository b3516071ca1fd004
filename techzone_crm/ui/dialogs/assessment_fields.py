"""The input widgets of an assessment: 1-5 scales, attitude, engagement, the live result."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox, QFrame, QLabel, QVBoxLayout, QWidget

from techzone_crm.db.models import EngagementLevel
from techzone_crm.ui import labels

_SCALE = {
    1: "1 – very low",
    2: "2 – low",
    3: "3 – middle",
    4: "4 – high",
    5: "5 – very high",
}


class ScaleCombo(QComboBox):
    """A score from 1 to 5, each with its word ("4 – high")."""

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        for value, text in _SCALE.items():
            self.addItem(QCoreApplication.translate("ScaleCombo", text), value)
        self.set_value(3)

    def value(self) -> int:
        """The chosen score."""
        return int(self.currentData())

    def set_value(self, value: int) -> None:
        """Choose ``value`` (1-5)."""
        self.setCurrentIndex(max(0, self.findData(value)))


class AttitudeCombo(QComboBox):
    """An attitude from -2 (opponent) to +2 (supporter), each with its red-to-green dot."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for value in range(2, -3, -1):
            self.addItem(labels.attitude_marker(value), labels.attitude(value), value)
        self.set_value(0)

    def value(self) -> int:
        """The chosen attitude."""
        return int(self.currentData())

    def set_value(self, value: int) -> None:
        """Choose ``value`` (-2 … +2)."""
        self.setCurrentIndex(max(0, self.findData(value)))


class EngagementCombo(QComboBox):
    """A rung of the participation ladder, lowest first."""

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        for level, text in labels.choices(EngagementLevel):
            self.addItem(text, level.value)

    def value(self) -> EngagementLevel:
        """The chosen rung."""
        return EngagementLevel(self.currentData())

    def set_value(self, level: EngagementLevel) -> None:
        """Choose ``level``."""
        self.setCurrentIndex(max(0, self.findData(EngagementLevel(level).value)))


class ResultBox(QFrame):
    """The derived classes of the values in the form, and those of the previous assessment."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("assessmentResult")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "#assessmentResult { background: palette(alternate-base); border-radius: 4px; }"
        )
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.TextFormat.RichText)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result.setAccessibleName(QCoreApplication.translate("ResultBox", "Result"))
        self.previous = QLabel()
        self.previous.setWordWrap(True)
        self.previous.setEnabled(False)
        self.previous.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(4)
        layout.addWidget(self.result)
        layout.addWidget(self.previous)
