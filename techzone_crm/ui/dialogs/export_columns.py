"""The columns of an export as a checkable list the user can reorder."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from techzone_crm.services.stakeholder_export import ExportColumn


def column_title(column: ExportColumn) -> str:
    """The column's title in the user's language."""
    return QCoreApplication.translate("ExportColumns", column.title)


class ColumnList(QWidget):
    """The columns as a checkable list in export order, with All, Default, Up and Down."""

    changed = Signal()

    def __init__(
        self, columns: Sequence[ExportColumn], defaults: Sequence[str], parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.columns = {c.key: c for c in columns}
        self.order = [c.key for c in columns]
        self.defaults = tuple(defaults)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Columns"))
        self.list.setMinimumHeight(self.fontMetrics().height() * 16)
        self.list.itemChanged.connect(lambda _item: self.changed.emit())
        self.list.currentRowChanged.connect(self._update_buttons)
        self.all_button = QPushButton(self.tr("All"))
        self.all_button.setToolTip(self.tr("Export every column"))
        self.default_button = QPushButton(self.tr("Default"))
        self.default_button.setToolTip(self.tr("The usual columns, in the usual order"))
        self.up_button = QPushButton(self.tr("Move up"))
        self.down_button = QPushButton(self.tr("Move down"))
        self.all_button.clicked.connect(self.check_all)
        self.default_button.clicked.connect(self.reset)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        buttons = QVBoxLayout()
        for button in (self.all_button, self.default_button):
            buttons.addWidget(button)
        buttons.addSpacing(12)
        buttons.addWidget(self.up_button)
        buttons.addWidget(self.down_button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.reset()

    def _fill(self, order: Sequence[str], checked: set[str]) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for key in order:
            item = QListWidgetItem(column_title(self.columns[key]))
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            state = Qt.CheckState.Checked if key in checked else Qt.CheckState.Unchecked
            item.setCheckState(state)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self._update_buttons()
        self.changed.emit()

    def reset(self) -> None:
        """The default columns checked, in the standard order."""
        self._fill(self.order, set(self.defaults))

    def check_all(self) -> None:
        """Every column checked, in the order shown."""
        self._fill(self.shown_order(), set(self.order))

    def shown_order(self) -> list[str]:
        """Every column's key in the order of the list."""
        return [
            str(self.list.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.list.count())
        ]

    def checked(self) -> tuple[str, ...]:
        """The keys of the checked columns, in the order shown."""
        return tuple(
            str(item.data(Qt.ItemDataRole.UserRole))
            for item in (self.list.item(row) for row in range(self.list.count()))
            if item.checkState() == Qt.CheckState.Checked
        )

    def _move(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        self.list.blockSignals(True)
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.blockSignals(False)
        self.list.setCurrentRow(target)
        self.changed.emit()

    def _update_buttons(self, *_args: object) -> None:
        row = self.list.currentRow()
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < self.list.count() - 1)
