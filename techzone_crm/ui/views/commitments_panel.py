"""The commitments (toezeggingen) tab: filters, a sortable table and the actions on it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from techzone_crm.db.engine import Database
from techzone_crm.services.commitments import (
    CommitmentData,
    CommitmentQuery,
    CommitmentRow,
    CommitmentState,
)
from techzone_crm.ui.dialogs.commitment_dialog import CommitmentDialog
from techzone_crm.ui.errors import ErrorReporter
from techzone_crm.ui.icons import icon
from techzone_crm.ui.tasks import Progress, TaskRunner
from techzone_crm.ui.views import commitment_actions
from techzone_crm.ui.views.background_read import BackgroundRead
from techzone_crm.ui.views.commitment_actions import CLOSED, STILL_OPEN, Outcome
from techzone_crm.ui.views.commitments_table import (
    CommitmentsRead,
    CommitmentsTable,
    StateFilter,
    empty_text,
    read_commitments,
    state_title,
)
from techzone_crm.ui.widgets.flow_layout import FlowLayout
from techzone_crm.ui.widgets.search_field import SearchField

St = CommitmentState


class CommitmentsPanel(QWidget):
    """Commitments by due date, overdue ones in red, with the actions that keep them.

    Signals:
        person_activated(int, str): the user double-clicked the person of a commitment.
        organisation_activated(int, str): ... or the organisation of one without a person.
        status_changed(str): the counts for the status bar changed.
        message(str): a short confirmation for the status bar.
        changed(): commitments were written.
        loaded(): fresh rows are on screen.
    """

    person_activated = Signal(int, str)
    organisation_activated = Signal(int, str)
    status_changed = Signal(str)
    message = Signal(str)
    changed = Signal()
    loaded = Signal()

    def __init__(
        self,
        db: Database,
        runner: TaskRunner,
        reporter: ErrorReporter,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.data: CommitmentsRead | None = None
        self.dialog: CommitmentDialog | None = None
        self.context_menu: QMenu | None = None
        self._status = ""
        self._select_after: set[int] = set()
        self.reader = BackgroundRead(
            db, runner, reporter, self, self.tr("Cannot show the commitments")
        )
        self.reader.loaded.connect(self._show)

        self.state_combo = QComboBox()
        self.state_combo.setAccessibleName(self.tr("State"))
        for choice in StateFilter:
            self.state_combo.addItem(state_title(choice), choice)
        self.team_combo = QComboBox()
        self.team_combo.setAccessibleName(self.tr("Team member"))
        self.team_combo.addItem(self.tr("All team members"), None)
        self.team_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.direction_combo = QComboBox()
        self.direction_combo.setAccessibleName(self.tr("Promised by"))
        self.direction_combo.addItem(self.tr("By us and to us"), None)
        self.direction_combo.addItem(self.tr("Promised by us"), True)
        self.direction_combo.addItem(self.tr("Promised to us"), False)
        self.search = SearchField()
        self.search.setPlaceholderText(self.tr("Filter by any text in the list"))
        self.search.setAccessibleName(self.tr("Filter commitments"))
        # The rows wrap on a narrow window instead of widening it.
        filters = FlowLayout(spacing=8)
        for label, combo in (
            (self.tr("Show:"), self.state_combo),
            (self.tr("Team member:"), self.team_combo),
            (self.tr("Promised:"), self.direction_combo),
        ):
            pair = QWidget()
            pair_layout = QHBoxLayout(pair)
            pair_layout.setContentsMargins(0, 0, 0, 0)
            caption = QLabel(label)
            caption.setBuddy(combo)
            pair_layout.addWidget(caption)
            pair_layout.addWidget(combo)
            filters.addWidget(pair)
        self.search.setMinimumWidth(220)
        filters.addWidget(self.search)

        self.new_button = QPushButton(icon("add"), self.tr("New commitment…"))
        self.edit_button = QPushButton(icon("edit"), self.tr("Edit…"))
        self.done_button = QPushButton(self.tr("Mark done"))
        self.done_button.setToolTip(self.tr("Record that the commitment was kept today"))
        self.cancel_button = QPushButton(self.tr("Cancel commitment"))
        self.cancel_button.setToolTip(self.tr("The promise was withdrawn or is no longer needed"))
        self.reopen_button = QPushButton(self.tr("Reopen"))
        self.reopen_button.setToolTip(self.tr("Make a done or cancelled commitment open again"))
        self.delete_button = QPushButton(icon("delete"), self.tr("Delete…"))
        self.delete_button.setToolTip(self.tr("Remove a commitment entered by mistake"))
        actions = FlowLayout(spacing=6)
        for button in (
            self.new_button,
            self.edit_button,
            self.done_button,
            self.cancel_button,
            self.reopen_button,
            self.delete_button,
        ):
            actions.addWidget(button)

        self.table = CommitmentsTable()
        self.table.setAccessibleName(self.tr("Commitments"))
        self.model = self.table.source
        self.proxy = self.table.proxy
        self.empty_label = QLabel()
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setEnabled(False)
        self.empty_label.setMargin(24)
        self.empty_label.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label, 1)

        self.edit_action = self._table_action(
            self.tr("Edit…"), self.edit_selected, Qt.Key.Key_Return
        )
        self.delete_action = self._table_action(
            self.tr("Delete…"), self.delete_selected, QKeySequence.StandardKey.Delete
        )
        self.new_button.clicked.connect(lambda: self.new_record())
        self.edit_button.clicked.connect(self.edit_selected)
        self.done_button.clicked.connect(self.mark_done)
        self.cancel_button.clicked.connect(self.cancel_selected)
        self.reopen_button.clicked.connect(self.reopen_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        for combo in (self.state_combo, self.team_combo, self.direction_combo):
            combo.currentIndexChanged.connect(lambda _i: self.load())
        self.search.search_changed.connect(self._filter_text)
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self._update_buttons()

    def _table_action(
        self,
        text: str,
        slot: Callable[[], None],
        key: QKeySequence | Qt.Key | QKeySequence.StandardKey,
    ) -> QAction:
        action = QAction(text, self.table)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(slot)
        self.table.addAction(action)
        return action

    # -- the query and loading ----------------------------------------------------------

    def query(self) -> CommitmentQuery:
        """The commitments the filters ask for."""
        choice = self.state_combo.currentData()
        return CommitmentQuery(
            team_member_id=self.team_combo.currentData(),
            by_us=self.direction_combo.currentData(),
            states=choice.value if isinstance(choice, StateFilter) else frozenset(),
        )

    @property
    def loading(self) -> bool:
        """True while rows are being read."""
        return self.reader.loading

    def load(self) -> None:
        """Read the commitments the filters ask for on a worker thread."""
        query = self.query()

        def work(session: Session, _progress: Progress) -> CommitmentsRead:
            return read_commitments(session, query)

        self.reader.start(work)

    def _show(self, result: object) -> None:
        assert isinstance(result, CommitmentsRead)
        keep = self._select_after or set(self.selected_ids())
        self._select_after = set()
        self.data = result
        self._fill_team(result.members)
        for i in range(self.state_combo.count()):
            choice = self.state_combo.itemData(i)
            count = sum(result.counts[s] for s in (choice.value or frozenset(St)))
            self.state_combo.setItemText(i, state_title(choice, count))
        self.model.set_rows_of(result.rows, result.today)
        self.table.select_ids(keep)
        self._update_empty()
        self.table.fit_columns()
        overdue, still_open = result.counts[St.OVERDUE], result.counts[St.OPEN]
        self._status = self.tr("{overdue} overdue, {open} open").format(
            overdue=self.locale().toString(overdue), open=self.locale().toString(still_open)
        )
        self.status_changed.emit(self._status)
        self._update_buttons()
        self.loaded.emit()

    def _fill_team(self, members: list[tuple[int, str]]) -> None:
        current = self.team_combo.currentData()
        known = [self.team_combo.itemData(i) for i in range(1, self.team_combo.count())]
        if known == [m for m, _n in members]:
            return
        self.team_combo.blockSignals(True)
        while self.team_combo.count() > 1:
            self.team_combo.removeItem(1)
        for member_id, name in members:
            self.team_combo.addItem(name, member_id)
        self.team_combo.setCurrentIndex(max(0, self.team_combo.findData(current)))
        self.team_combo.blockSignals(False)

    def current_status(self) -> str:
        """ "4 overdue, 7 open" for the chosen team member and direction."""
        return self._status

    def _filter_text(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self._update_empty()

    def _update_empty(self) -> None:
        empty = self.proxy.rowCount() == 0
        if empty:
            self.empty_label.setText(self._empty_text())
        self.table.setVisible(not empty)
        self.empty_label.setVisible(empty)

    def _empty_text(self) -> str:
        if self.search.text().strip():
            return self.tr("No commitment in this list matches “{text}”.").format(
                text=self.search.text().strip()
            )
        if not self.data or not any(self.data.counts.values()):
            return self.tr(
                "No commitments here yet.\nRecord what was promised with New commitment…"
            )
        return empty_text(self.state_combo.currentData())

    # -- selection ----------------------------------------------------------------------

    def selected_rows(self) -> list[CommitmentRow]:
        """The selected commitments, top to bottom."""
        return self.table.selected_rows()

    def selected_ids(self) -> list[int]:
        """The ids of the selected commitments."""
        return [c.id for c in self.selected_rows()]

    def select_commitment(self, commitment_id: int) -> bool:
        """Select ``commitment_id`` if it is in the list."""
        return self.table.select_ids({commitment_id})

    def _update_buttons(self) -> None:
        rows = self.selected_rows()
        states = {c.state for c in rows}
        still_open = bool(states & STILL_OPEN)
        self.edit_button.setEnabled(len(rows) == 1)
        self.edit_action.setEnabled(len(rows) == 1)
        self.done_button.setEnabled(still_open)
        self.cancel_button.setEnabled(still_open)
        self.reopen_button.setEnabled(bool(states & CLOSED))
        self.delete_button.setEnabled(bool(rows))
        self.delete_action.setEnabled(bool(rows))

    # -- actions ------------------------------------------------------------------------

    def new_record(self, preset: CommitmentData | None = None) -> None:
        """Open the dialog for a new commitment (made by the chosen team member)."""
        if preset is None and self.team_combo.currentData() is not None:
            preset = CommitmentData("", team_member_id=self.team_combo.currentData())
        self._open(CommitmentDialog(self.db, None, self, preset))

    def edit_selected(self) -> None:
        """Edit the selected commitment."""
        rows = self.selected_rows()
        if len(rows) == 1:
            self._open(CommitmentDialog(self.db, rows[0].id, self))

    def _open(self, dialog: CommitmentDialog) -> None:
        self.dialog = dialog
        dialog.saved.connect(self._saved)
        dialog.open()

    def _saved(self, commitment_id: int) -> None:
        self._select_after = {commitment_id}
        self.message.emit(self.tr("Commitment saved."))
        self.changed.emit()
        self.load()

    def _after(self, outcome: Outcome | None) -> None:
        if outcome is None:
            return
        if outcome.saved:
            self._select_after = outcome.ids
            self.message.emit(outcome.message)
            self.changed.emit()
        self.load()

    def mark_done(self) -> None:
        """Mark the selected open commitments as kept today."""
        self._after(commitment_actions.mark_done(self, self.db, self.selected_rows()))

    def cancel_selected(self) -> None:
        """Cancel the selected open commitments."""
        self._after(commitment_actions.cancel(self, self.db, self.selected_rows()))

    def reopen_selected(self) -> None:
        """Make the selected done or cancelled commitments open again."""
        self._after(commitment_actions.reopen(self, self.db, self.selected_rows()))

    def delete_selected(self) -> None:
        """Delete the selected commitments after asking."""
        self._after(commitment_actions.delete(self, self.db, self.selected_rows()))

    def _double_clicked(self, index: QModelIndex) -> None:
        c = self.table.row_at(index)
        if c is None:
            return
        if index.column() == self.model.stakeholder_column(c) and self._open_stakeholder(c):
            return
        self.table.select_ids({c.id})
        self.edit_selected()

    def _open_stakeholder(self, c: CommitmentRow) -> bool:
        if c.person_id is not None:
            self.person_activated.emit(c.person_id, c.person)
            return True
        if c.organisation_id is not None:
            self.organisation_activated.emit(c.organisation_id, c.organisation)
            return True
        return False

    def _context_menu(self, pos: QPoint) -> None:
        rows = self.selected_rows()
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        for button in (
            self.edit_button,
            self.done_button,
            self.cancel_button,
            self.reopen_button,
            self.delete_button,
        ):
            action = menu.addAction(button.icon(), button.text())
            action.setEnabled(button.isEnabled())
            action.triggered.connect(button.click)
        if len(rows) == 1:
            c = rows[0]
            menu.addSeparator()
            if c.person_id is not None:
                menu.addAction(self.tr("Open {name}").format(name=c.person)).triggered.connect(
                    lambda: self.person_activated.emit(c.person_id, c.person)
                )
            if c.organisation_id is not None:
                menu.addAction(
                    self.tr("Open {name}").format(name=c.organisation)
                ).triggered.connect(
                    lambda: self.organisation_activated.emit(c.organisation_id, c.organisation)
                )
        menu.popup(self.table.viewport().mapToGlobal(pos))
        self.context_menu = menu
