"""A small two-level list for detail panes: group headings with their records under them.

Used for "current" and "former" roles, where the difference must be obvious at a glance:
each group has a bold heading with its count, and former records are shown dimmed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject
from PySide6.QtGui import QFont, QIcon, QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication

from techzone_crm.ui.models.paged_model import PagedTableModel


@dataclass(frozen=True)
class GroupedRecord:
    """One record line: its cells, id, whether to dim it, a tooltip and an icon.

    The icon (a marker such as do-not-contact) goes before the first cell.
    """

    cells: Sequence[str]
    record_id: int
    dimmed: bool = False
    tooltip: str = ""
    icon: QIcon | None = None


@dataclass(frozen=True)
class Group:
    """A heading and the records under it (a group without records is not shown)."""

    title: str
    records: Sequence[GroupedRecord]


class GroupedRecordsModel(QStandardItemModel):
    """Headings with records below; records carry their id in ``ID_ROLE``."""

    ID_ROLE = PagedTableModel.ID_ROLE

    def __init__(self, headers: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setHorizontalHeaderLabels(list(headers))

    def set_groups(self, groups: Sequence[Group]) -> None:
        """Replace the contents with ``groups``."""
        self.removeRows(0, self.rowCount())
        columns = self.columnCount()
        dim = QApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        for group in groups:
            if not group.records:
                continue
            heading = QStandardItem(f"{group.title} ({len(group.records)})")
            font = QFont(heading.font())
            font.setBold(True)
            heading.setFont(font)
            heading.setSelectable(False)
            heading.setEditable(False)
            fillers = [self._blank() for _ in range(columns - 1)]
            for record in group.records:
                items: list[QStandardItem] = []
                for text in list(record.cells)[:columns]:
                    item = QStandardItem(text)
                    item.setEditable(False)
                    item.setData(record.record_id, self.ID_ROLE)
                    if record.dimmed:
                        item.setForeground(dim)
                    item.setToolTip(record.tooltip or text)
                    if record.icon is not None and not items:
                        item.setIcon(record.icon)
                    items.append(item)
                heading.appendRow(items)
            self.appendRow([heading, *fillers])

    @staticmethod
    def _blank() -> QStandardItem:
        item = QStandardItem()
        item.setEditable(False)
        item.setSelectable(False)
        return item
