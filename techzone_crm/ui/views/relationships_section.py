"""The "Relationships" block of a person's or an organisation's detail pane.

It lists the explicit relationships as read from the record shown ("advises Els Dijk",
"is advised by Jan Berg"), the other side as a link, and adds, edits and removes them.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QLocale, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QCursor, QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLabel,
    QMenu,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from techzone_crm.db.engine import Database
from techzone_crm.services import relationships
from techzone_crm.services.relationships import RelationshipRow
from techzone_crm.ui import labels, prompts
from techzone_crm.ui.dialogs.relationship_dialog import (
    RelationshipDialog,
    strength_dots,
    strength_text,
)
from techzone_crm.ui.errors import as_user_error
from techzone_crm.ui.i18n import translate
from techzone_crm.ui.models.rows_model import Column, Index, RowsModel
from techzone_crm.ui.views.detail_pane import button_row, format_date, tool_button

#: The list shows this many rows before it scrolls.
VISIBLE_ROWS = 8

KIND_COLUMN, OTHER_COLUMN, STRENGTH_COLUMN, SINCE_COLUMN = range(4)


def wording(row: RelationshipRow) -> str:
    """The kind as read from the listed record: "advises", "is advised by"."""
    return labels.relationship_wording(row.kind, row.outgoing or row.mutual)


def sentence(row: RelationshipRow) -> str:
    """The relationship as a sentence from the listed record: "Jan Berg advises Els Dijk"."""
    this = row.a_name if row.outgoing else row.b_name
    return f"{this} {wording(row)} {row.other_name}"


def _tooltip(row: RelationshipRow) -> str:
    lines = [
        sentence(row),
        translate("RelationshipsSection", "Strength: {strength}").format(
            strength=strength_text(row.strength)
        ),
    ]
    if row.started_on is not None:
        lines.append(
            translate("RelationshipsSection", "Since {date}").format(
                date=format_date(row.started_on)
            )
        )
    if row.note:
        lines += ["", row.note]
    return "\n".join(lines)


def relationship_columns() -> list[Column[RelationshipRow]]:
    """Kind (from this side), the other side, the strength as dots, the start date."""
    return [
        Column(translate("RelationshipsSection", "Relationship"), wording, _tooltip),
        Column(
            translate("RelationshipsSection", "With"),
            lambda r: r.other_name,
            lambda r: translate("RelationshipsSection", "Go to {name}").format(name=r.other_name),
        ),
        Column(
            translate("RelationshipsSection", "Strength"),
            lambda r: strength_dots(r.strength),
            lambda r: strength_text(r.strength),
        ),
        Column(
            translate("RelationshipsSection", "Since"),
            lambda r: format_date(r.started_on),
            _tooltip,
        ),
    ]


class RelationshipsModel(RowsModel[RelationshipRow]):
    """Relationships seen from one record; the other side is styled as a link."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        column = index.column()
        if column == OTHER_COLUMN:
            if role == Qt.ItemDataRole.ForegroundRole:
                return QApplication.palette().brush(QPalette.ColorRole.Link)
            if role == Qt.ItemDataRole.FontRole:
                font = QFont(QApplication.font())
                font.setUnderline(True)
                return font
        if column == STRENGTH_COLUMN and role == Qt.ItemDataRole.AccessibleTextRole:
            return strength_text(row.strength)
        return super().data(index, role)


class RelationshipsSection(QWidget):
    """Heading "Relationships", the list, and Add… / Edit… / Remove.

    It opens the dialog itself; after a save or removal it emits ``changed`` so that the
    pane re-reads. Relationships are not on the undo stack.

    Signals:
        changed(): a relationship was added, edited or removed.
        message(str): a short confirmation for the status bar.
        person_activated(int, str): go to this person (id, name).
        organisation_activated(int, str): go to this organisation (id, name).
    """

    changed = Signal()
    message = Signal(str)
    person_activated = Signal(int, str)
    organisation_activated = Signal(int, str)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.person_id: int | None = None
        self.organisation_id: int | None = None
        self.name = ""
        self.dialog: RelationshipDialog | None = None
        self._select_id: int | None = None

        self.heading = QLabel(self.tr("Relationships"))
        font = QFont(self.heading.font())
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setContentsMargins(0, 10, 0, 0)
        self.empty = QLabel(self.tr("No relationships recorded yet."))
        self.empty.setEnabled(False)

        self.model = RelationshipsModel(relationship_columns(), parent=self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Relationships"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.setCornerButtonEnabled(False)
        self.table.setMouseTracking(True)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(OTHER_COLUMN, QHeaderView.ResizeMode.Stretch)

        self.add_button = tool_button(self.tr("Add…"), "add")
        self.add_button.setToolTip(self.tr("Record who they work with, advise, report to …"))
        self.edit_button = tool_button(self.tr("Edit…"), "edit")
        self.edit_button.setToolTip(self.tr("Change the selected relationship"))
        self.remove_button = tool_button(self.tr("Remove"), "delete")
        self.remove_button.setToolTip(
            self.tr("Remove the selected relationship (not on the undo stack)")
        )
        buttons = button_row(self.add_button, self.edit_button, self.remove_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.heading)
        layout.addWidget(self.empty)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.clicked.connect(self._clicked)
        self.table.entered.connect(self._hovered)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self._update_buttons()

    # -- showing ----------------------------------------------------------------------

    def show_relationships(
        self,
        rows: list[RelationshipRow],
        *,
        person_id: int | None = None,
        organisation_id: int | None = None,
        name: str = "",
    ) -> None:
        """Show ``rows``, the relationships of a person or an organisation called ``name``."""
        self.person_id, self.organisation_id, self.name = person_id, organisation_id, name
        previous = self.selected_row()
        keep = self._select_id if self._select_id is not None else (previous and previous.id)
        self._select_id = None
        self.model.set_rows(rows)
        count = len(rows)
        self.heading.setText(
            self.tr("Relationships ({count})").format(count=QLocale().toString(count))
            if count
            else self.tr("Relationships")
        )
        self.empty.setVisible(not rows)
        self.table.setVisible(bool(rows))
        self._fit_table()
        for number, row in enumerate(rows):
            if row.id == keep:
                self.table.selectRow(number)
                break

    def _fit_table(self) -> None:
        # As tall as its rows (up to a limit), so that the pane scrolls as one page.
        lines = min(max(self.model.rowCount(), 1), VISIBLE_ROWS)
        row_height = self.table.verticalHeader().defaultSectionSize()
        frame = 2 * self.table.frameWidth()
        header = self.table.horizontalHeader().sizeHint().height()
        self.table.setFixedHeight(header + lines * row_height + frame)

    def rows_text(self) -> list[str]:
        """What each line says: "advises Els Dijk"."""
        return [f"{wording(r)} {r.other_name}" for r in self.model.rows]

    # -- actions ----------------------------------------------------------------------

    def selected_row(self) -> RelationshipRow | None:
        """The relationship selected, if any."""
        index: QModelIndex = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row()):
            return None
        if index.row() >= len(self.model.rows):
            return None
        return self.model.rows[index.row()]

    def _update_buttons(self, *_args: object) -> None:
        chosen = self.selected_row() is not None
        self.edit_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)
        self.add_button.setEnabled(self.person_id is not None or self.organisation_id is not None)

    def add(self) -> None:
        """Open the dialog for a new relationship of the record shown."""
        if self.person_id is None and self.organisation_id is None:
            return
        self._open(
            RelationshipDialog(self._db, self.person_id, self.organisation_id, parent=self.window())
        )

    def edit_selected(self) -> None:
        """Open the selected relationship in the dialog."""
        row = self.selected_row()
        if row is not None:
            self._open(
                RelationshipDialog(
                    self._db, self.person_id, self.organisation_id, row.id, parent=self.window()
                )
            )

    def _open(self, dialog: RelationshipDialog) -> None:
        self.dialog = dialog
        dialog.saved.connect(self._saved)
        dialog.open()

    def _saved(self, relationship_id: int) -> None:
        self._select_id = relationship_id
        self.message.emit(self.tr("Relationship saved."))
        self.changed.emit()

    def remove_selected(self) -> None:
        """Remove the selected relationship after asking; both sides stay."""
        row = self.selected_row()
        if row is None:
            return
        both = (
            self.tr("Both people stay")
            if row.between_people
            else self.tr("Both organisations stay")
        )
        if not prompts.confirm(
            self,
            self.tr("Remove relationship"),
            self.tr("Remove “{sentence}”?").format(sentence=sentence(row)),
            self.tr(
                "{both}; only this relationship goes, and the network analysis no longer "
                "counts it. Relationships are not on the undo stack: this cannot be undone."
            ).format(both=both),
            self.tr("Remove"),
        ):
            return
        try:
            with self._db.sessions.begin() as session:
                relationships.delete_relationship(session, row.id, row.version)
        except Exception as exc:
            problem = as_user_error(exc, self._db)
            if problem is None:
                raise
            prompts.show_problem(self, self.tr("Not removed"), problem.message)
            self.changed.emit()
            return
        self.message.emit(self.tr("Removed “{sentence}”.").format(sentence=sentence(row)))
        self.changed.emit()

    def open_other(self, row: RelationshipRow) -> None:
        """Go to the other side of ``row``."""
        if row.between_people:
            self.person_activated.emit(row.other_id, row.other_name)
        else:
            self.organisation_activated.emit(row.other_id, row.other_name)

    def _clicked(self, index: QModelIndex) -> None:
        if index.isValid() and index.column() == OTHER_COLUMN:
            self.open_other(self.model.rows[index.row()])

    def _double_clicked(self, index: QModelIndex) -> None:
        # The name is a link (one click goes there); a double-click elsewhere edits.
        if index.isValid() and index.column() != OTHER_COLUMN:
            self.edit_selected()

    def _hovered(self, index: QModelIndex) -> None:
        on_link = index.isValid() and index.column() == OTHER_COLUMN
        shape = Qt.CursorShape.PointingHandCursor if on_link else Qt.CursorShape.ArrowCursor
        self.table.viewport().setCursor(QCursor(shape))

    def _context_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        self.table.selectRow(index.row())
        row = self.model.rows[index.row()]
        menu = QMenu(self)
        menu.addAction(
            self.tr("Go to {name}").format(name=row.other_name), lambda: self.open_other(row)
        )
        menu.addSeparator()
        menu.addAction(self.tr("Edit…"), self.edit_selected)
        menu.addAction(self.tr("Remove"), self.remove_selected)
        menu.popup(self.table.viewport().mapToGlobal(pos))
