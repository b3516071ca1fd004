"""Step 4 of the import: rows that match someone, with merge / skip / create per row."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from techzone_crm.services.importing import Candidate, Duplicate, DuplicateAction, MatchReason
from techzone_crm.text import person_display_name
from techzone_crm.ui.dialogs import import_state
from techzone_crm.ui.dialogs.import_state import ImportState, action_label, reason_text
from techzone_crm.ui.models.rows_model import Column, RowsModel

Index = QModelIndex | QPersistentModelIndex
#: A duplicate of the plan with the file's row it is about.
Match = tuple[Duplicate, Candidate | None]

#: Above this many rows the action combos open on a click instead of being shown in every row.
PERSISTENT_EDITORS = 300


def candidate_name(candidate: Candidate | None) -> str:
    """The name of a row of the file as it will be saved."""
    if candidate is None:
        return ""
    data = candidate.data
    return person_display_name(data.given_name, data.name_prefix, data.family_name, data.title)


def _likeness(match: Match) -> str:
    duplicate = match[0]
    if duplicate.reason is MatchReason.IN_FILE:
        return reason_text(duplicate.reason, duplicate.other_row)
    return import_state.tr("Likeness {score}%").format(score=duplicate.score)


def match_text(duplicate: Duplicate) -> str:
    """Whom a row matches: "Jan Berg, Gemeente Emmen" or "row 12 of this file"."""
    if duplicate.reason is MatchReason.IN_FILE:
        return import_state.tr("row {row} of this file").format(row=duplicate.other_row)
    parts = [p for p in (duplicate.existing_name, duplicate.existing_organisation) if p]
    return ", ".join(parts)


class MatchesModel(RowsModel[Match]):
    """The duplicate rows of a plan; the Action column is editable (a DuplicateAction value)."""

    ROW, NAME, ORGANISATION, MATCHES, WHY, ACTION = range(6)

    def __init__(self, state: ImportState, parent: Any = None) -> None:
        tr = import_state.tr
        super().__init__(
            [
                Column(
                    tr("Row"),
                    lambda m: str(m[0].row),
                    tooltip=lambda m: str(m[0].row),
                    right_aligned=True,
                ),
                Column(tr("Name in the file"), lambda m: candidate_name(m[1])),
                Column(
                    tr("Organisation in the file"),
                    lambda m: m[1].organisation if m[1] is not None else "",
                ),
                Column(tr("Matches"), lambda m: match_text(m[0])),
                Column(
                    tr("Why"),
                    lambda m: reason_text(m[0].reason, m[0].other_row),
                    tooltip=_likeness,
                ),
                Column(tr("Action"), lambda m: action_label(self._chosen(m[0]))),
            ],
            parent=parent,
        )
        self.state = state

    def reload(self) -> None:
        """Show the duplicates of the state's plan (only rows that will be imported)."""
        plan = self.state.plan
        rows: list[Match] = []
        if plan is not None:
            by_row = {c.row: c for c in plan.candidates}
            rows = [
                (dup, by_row.get(row))
                for row, dup in sorted(plan.duplicates.items())
                if row in by_row
            ]
        self.set_rows(rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == self.ACTION:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def _chosen(self, duplicate: Duplicate) -> DuplicateAction:
        return self.state.action(duplicate.row) or duplicate.default_action

    def action(self, row: int) -> DuplicateAction:
        """The action chosen for table row ``row``."""
        return self._chosen(self.rows[row][0])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            role == Qt.ItemDataRole.EditRole
            and index.isValid()
            and index.column() == self.ACTION
            and 0 <= index.row() < len(self.rows)
        ):
            return self.action(index.row()).value
        return super().data(index, role)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            not index.isValid()
            or index.column() != self.ACTION
            or role != Qt.ItemDataRole.EditRole
            or value not in {a.value for a in DuplicateAction}
        ):
            return False
        duplicate = self.rows[index.row()][0]
        self.state.actions[duplicate.row] = DuplicateAction(value)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole])
        return True

    def set_all(self, action: DuplicateAction) -> None:
        """Choose ``action`` for every row."""
        for duplicate, _candidate in self.rows:
            self.state.actions[duplicate.row] = action
        if self.rows:
            top = self.index(0, self.ACTION)
            bottom = self.index(len(self.rows) - 1, self.ACTION)
            self.dataChanged.emit(top, bottom, [Qt.ItemDataRole.DisplayRole])


class ActionDelegate(QStyledItemDelegate):
    """A combo of Merge / Skip / Create that saves the choice as soon as it changes."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        combo.setAccessibleName(import_state.tr("Action"))
        for action in DuplicateAction:
            combo.addItem(action_label(action), action.value)
        combo.currentIndexChanged.connect(lambda _i, c=combo: self.commitData.emit(c))
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        found = editor.findData(index.data(Qt.ItemDataRole.EditRole))
        if found != editor.currentIndex():
            editor.blockSignals(True)
            editor.setCurrentIndex(max(found, 0))
            editor.blockSignals(False)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class DuplicatesPage(QWizardPage):
    """Who in the file is already in the database (or twice in the file), and what to do."""

    def __init__(self, state: ImportState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setTitle(self.tr("People already known"))
        self.setSubTitle(
            self.tr(
                "Merge fills in what the existing person lacks and never overwrites; Skip "
                "leaves the row out; Create adds a new person anyway."
            )
        )
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)

        self.model = MatchesModel(state, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(MatchesModel.ACTION, ActionDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.CurrentChanged
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 14)
        header = self.table.horizontalHeader()
        chars = self.fontMetrics().averageCharWidth()
        for column, width in (
            (MatchesModel.ROW, 6),
            (MatchesModel.NAME, 22),
            (MatchesModel.ORGANISATION, 22),
            (MatchesModel.WHY, 34),
            (MatchesModel.ACTION, 12),
        ):
            title = self.model.headerData(column, Qt.Orientation.Horizontal)
            needed = header.fontMetrics().horizontalAdvance(title) + 3 * chars
            self.table.setColumnWidth(column, max(width * chars, needed))
        header.setSectionResizeMode(MatchesModel.MATCHES, QHeaderView.ResizeMode.Stretch)

        self.merge_all = QPushButton(self.tr("&Merge all"))
        self.skip_all = QPushButton(self.tr("&Skip all"))
        self.create_all = QPushButton(self.tr("&Create all"))
        for button, action in (
            (self.merge_all, DuplicateAction.MERGE),
            (self.skip_all, DuplicateAction.SKIP),
            (self.create_all, DuplicateAction.CREATE),
        ):
            button.clicked.connect(lambda _c=False, a=action: self.set_all(a))
        buttons = QHBoxLayout()
        buttons.addWidget(self.merge_all)
        buttons.addWidget(self.skip_all)
        buttons.addWidget(self.create_all)
        buttons.addStretch(1)

        self.new_box = QGroupBox()
        self.new_list = QListWidget()
        QVBoxLayout(self.new_box).addWidget(self.new_list)
        self.matched_box = QGroupBox()
        self.matched_list = QListWidget()
        QVBoxLayout(self.matched_box).addWidget(self.matched_list)
        organisations = QHBoxLayout()
        organisations.addWidget(self.new_box)
        organisations.addWidget(self.matched_box)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.table, 3)
        layout.addLayout(buttons)
        layout.addLayout(organisations, 2)

    def initializePage(self) -> None:
        self.state.actions.clear()
        self.model.reload()
        count = self.model.rowCount()
        if count <= PERSISTENT_EDITORS:
            for row in range(count):
                self.table.openPersistentEditor(self.model.index(row, MatchesModel.ACTION))
        self.table.setVisible(count > 0)
        for button in (self.merge_all, self.skip_all, self.create_all):
            button.setVisible(count > 0)
        if count == 0:
            self.summary_label.setText(
                self.tr(
                    "No duplicates: nobody in the file is in the database already, and nobody "
                    "appears twice in the file."
                )
            )
        elif count == 1:
            self.summary_label.setText(
                self.tr("1 row matches a person in the database or another row of the file.")
            )
        else:
            self.summary_label.setText(
                self.tr(
                    "%n rows match a person in the database or another row of the file.",
                    "",
                    count,
                )
            )
        self._show_organisations()

    def _show_organisations(self) -> None:
        plan = self.state.plan
        new = list(plan.organisations_new) if plan is not None else []
        matched = dict(plan.organisations_matched) if plan is not None else {}
        self.new_box.setTitle(self.tr("New organisations (%n)", "", len(new)))
        self.matched_box.setTitle(
            self.tr("Matched to existing organisations (%n)", "", len(matched))
        )
        self._fill(self.new_list, new, self.tr("None: every organisation is known."))
        self._fill(
            self.matched_list,
            [name if name == known else f"{name} → {known}" for name, known in matched.items()],
            self.tr("None"),
        )

    @staticmethod
    def _fill(widget: QListWidget, texts: list[str], empty: str) -> None:
        widget.clear()
        for text in texts:
            widget.addItem(text)
        if not texts:
            item = QListWidgetItem(empty)
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            widget.addItem(item)

    def set_all(self, action: DuplicateAction) -> None:
        """Choose ``action`` for every row that matches."""
        self.model.set_all(action)
