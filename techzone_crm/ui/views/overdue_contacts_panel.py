"""The contacts-due tab: who is past their contact rhythm, grouped by relationship owner."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from techzone_crm.db.engine import Database
from techzone_crm.db.models import InteractionKind
from techzone_crm.services import people, rhythm, team
from techzone_crm.services.interactions import InteractionData
from techzone_crm.services.rhythm import RhythmStatus
from techzone_crm.ui.dialogs.interval_dialog import IntervalDialog
from techzone_crm.ui.errors import ErrorReporter
from techzone_crm.ui.icons import icon
from techzone_crm.ui.models.overdue_contacts_model import DueContact, OverdueContactsModel
from techzone_crm.ui.tasks import Progress, TaskRunner
from techzone_crm.ui.views.background_read import BackgroundRead

#: The owner filter's value for people nobody owns.
NO_OWNER = -1
_CHUNK = 500  # ids per query: well below SQLite's limit on bound parameters


@dataclass(frozen=True)
class ContactsRead:
    """What one read brings: the overdue contacts, the team and the day."""

    contacts: list[DueContact]
    members: list[tuple[int, str]]
    today: date


def read_overdue(session: Session, owner: int | None, include_never: bool) -> ContactsRead:
    """The people past their rhythm for ``owner`` (None: all; NO_OWNER: nobody's)."""
    today = date.today()
    owner_id = owner if owner is not None and owner != NO_OWNER else None
    due = rhythm.overdue_contacts(session, today, owner_id, include_never)
    if owner == NO_OWNER:
        due = [r for r in due if r.owner_id is None]
    organisation: dict[int, str] = {}
    ids = [r.person_id for r in due]
    for start in range(0, len(ids), _CHUNK):
        for row in people.people_rows(session, ids[start : start + _CHUNK], today):
            organisation[row.id] = row.organisation
    contacts = [DueContact(r, organisation.get(r.person_id, "")) for r in due]
    return ContactsRead(contacts, team.list_team_members(session, active_only=False), today)


class OverdueContactsPanel(QWidget):
    """People past their target interval, under their owner, most overdue first.

    Signals:
        person_activated(int, str): the user double-clicked a person (id, name).
        interaction_requested(object): record an interaction with the selected person; the
            InteractionData has them as attendee and their owner as team member.
        status_changed(str): the summary for the status bar changed.
        changed(): a person's interval was changed.
        loaded(): fresh rows are on screen.
    """

    person_activated = Signal(int, str)
    interaction_requested = Signal(object)
    status_changed = Signal(str)
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
        self.data: ContactsRead | None = None
        self.dialog: IntervalDialog | None = None
        self._status = ""
        self.reader = BackgroundRead(
            db, runner, reporter, self, self.tr("Cannot show the contacts due")
        )
        self.reader.loaded.connect(self._show)

        self.owner_combo = QComboBox()
        self.owner_combo.setAccessibleName(self.tr("Owner"))
        self.owner_combo.addItem(self.tr("All owners"), None)
        self.owner_combo.addItem(self.tr("No owner"), NO_OWNER)
        self.owner_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.never_check = QCheckBox(self.tr("Include people never contacted"))
        self.never_check.setToolTip(
            self.tr("People with no interaction recorded yet, most important first")
        )
        owner_caption = QLabel(self.tr("Owner:"))
        owner_caption.setBuddy(self.owner_combo)
        self.rule_label = QLabel(
            self.tr(
                "Amber: past the target interval. Red: past 1.5 × the target. "
                "Key players every 6 weeks unless set otherwise."
            )
        )
        self.rule_label.setEnabled(False)
        self.rule_label.setWordWrap(True)
        self.rule_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        filters = QHBoxLayout()
        filters.addWidget(owner_caption)
        filters.addWidget(self.owner_combo)
        filters.addSpacing(12)
        filters.addWidget(self.never_check)
        filters.addWidget(self.rule_label, 1)

        self.record_button = QPushButton(icon("add"), self.tr("Record interaction…"))
        self.record_button.setToolTip(
            self.tr("Record a meeting, call or e-mail with the selected person")
        )
        self.interval_button = QPushButton(self.tr("Change interval…"))
        self.interval_button.setToolTip(self.tr("How often this person should hear from us"))
        self.open_button = QPushButton(self.tr("Open person"))
        actions = QHBoxLayout()
        for button in (self.record_button, self.interval_button, self.open_button):
            actions.addWidget(button)
        actions.addStretch(1)

        self.model = OverdueContactsModel(self)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setAccessibleName(self.tr("Contacts due"))
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.setRootIsDecorated(True)
        self.tree.setIndentation(16)
        self.tree.setStyleSheet("QTreeView::item { padding: 2px 0; }")
        header = self.tree.header()
        header.setStretchLastSection(False)
        char = self.fontMetrics().averageCharWidth()
        for column, chars in {
            OverdueContactsModel.NAME: 34,
            OverdueContactsModel.ORGANISATION: 34,
            OverdueContactsModel.QUADRANT: 16,
            OverdueContactsModel.TARGET: 16,
            OverdueContactsModel.LAST_CONTACT: 14,
            OverdueContactsModel.DAYS: 10,
        }.items():
            header.resizeSection(column, chars * char + 16)
        header.setSectionResizeMode(
            OverdueContactsModel.ORGANISATION, QHeaderView.ResizeMode.Stretch
        )
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
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty_label, 1)

        self.owner_combo.currentIndexChanged.connect(lambda _i: self.load())
        self.never_check.toggled.connect(lambda _on: self.load())
        self.record_button.clicked.connect(self.record_interaction)
        self.interval_button.clicked.connect(self.change_interval)
        self.open_button.clicked.connect(self.open_selected)
        self.tree.doubleClicked.connect(self._double_clicked)
        self.tree.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self._update_buttons()

    # -- loading ------------------------------------------------------------------------

    @property
    def loading(self) -> bool:
        """True while the list is being read."""
        return self.reader.loading

    def load(self) -> None:
        """Read the overdue contacts the filters ask for on a worker thread."""
        owner, include_never = self.owner_combo.currentData(), self.never_check.isChecked()

        def work(session: Session, _progress: Progress) -> ContactsRead:
            return read_overdue(session, owner, include_never)

        self.reader.start(work)

    def _show(self, result: object) -> None:
        assert isinstance(result, ContactsRead)
        chosen = self.selected_person()
        self.data = result
        self._fill_owners(result.members)
        self.model.set_contacts(result.contacts)
        self.tree.expandAll()
        for row in range(self.model.rowCount()):
            self.tree.setFirstColumnSpanned(row, QModelIndex(), True)
        if chosen is not None:
            self.select_person(chosen[0])
        contacts = [c.rhythm for c in result.contacts]
        late = sum(1 for r in contacts if r.status in (RhythmStatus.AMBER, RhythmStatus.RED))
        red = sum(1 for r in contacts if r.status is RhythmStatus.RED)
        never = sum(1 for r in contacts if r.status is RhythmStatus.NEVER)
        locale = self.locale()
        self._status = self.tr("{late} contacts overdue ({red} long overdue)").format(
            late=locale.toString(late), red=locale.toString(red)
        )
        if self.never_check.isChecked():
            self._status += self.tr(", {never} never contacted").format(
                never=locale.toString(never)
            )
        empty = not contacts
        if empty:
            self.empty_label.setText(
                self.tr("Nobody is overdue: every contact is within their rhythm.")
                if self.owner_combo.currentData() is None
                else self.tr("Nobody of this owner is overdue.")
            )
        self.tree.setVisible(not empty)
        self.empty_label.setVisible(empty)
        self._update_buttons()
        self.status_changed.emit(self._status)
        self.loaded.emit()

    def _fill_owners(self, members: list[tuple[int, str]]) -> None:
        known = [self.owner_combo.itemData(i) for i in range(2, self.owner_combo.count())]
        if known == [m for m, _n in members]:
            return
        current = self.owner_combo.currentData()
        self.owner_combo.blockSignals(True)
        while self.owner_combo.count() > 2:
            self.owner_combo.removeItem(2)
        for member_id, name in members:
            self.owner_combo.addItem(name, member_id)
        self.owner_combo.setCurrentIndex(max(0, self.owner_combo.findData(current)))
        self.owner_combo.blockSignals(False)

    def current_status(self) -> str:
        """ "12 contacts overdue (5 long overdue)"."""
        return self._status

    # -- selection and actions ----------------------------------------------------------

    def selected_person(self) -> tuple[int, str, int | None] | None:
        """(person id, name, owner id) of the selected row, if a person is selected."""
        index = self.tree.currentIndex()
        if not index.isValid() or not self.tree.selectionModel().isSelected(index):
            return None
        person_id = index.data(OverdueContactsModel.PERSON_ROLE)
        if person_id is None:
            return None
        owner = index.data(OverdueContactsModel.OWNER_ROLE)
        return int(person_id), str(index.data(OverdueContactsModel.NAME_ROLE)), owner

    def select_person(self, person_id: int) -> bool:
        """Select ``person_id`` if they are listed."""
        for group in range(self.model.rowCount()):
            heading = self.model.index(group, 0)
            for row in range(self.model.rowCount(heading)):
                index = self.model.index(row, 0, heading)
                if index.data(OverdueContactsModel.PERSON_ROLE) == person_id:
                    self.tree.setCurrentIndex(index)
                    self.tree.scrollTo(index)
                    return True
        return False

    def _update_buttons(self) -> None:
        chosen = self.selected_person() is not None
        for button in (self.record_button, self.interval_button, self.open_button):
            button.setEnabled(chosen)

    def record_interaction(self) -> None:
        """Ask for an interaction with the selected person, their owner on our side."""
        chosen = self.selected_person()
        if chosen is None:
            return
        person_id, _name, owner = chosen
        self.interaction_requested.emit(
            InteractionData(
                occurred_on=date.today(),
                kind=InteractionKind.MEETING,
                subject="",
                attendee_ids=[person_id],
                team_member_ids=[owner] if owner is not None else [],
            )
        )

    def change_interval(self) -> None:
        """Open the contact-interval dialog of the selected person."""
        chosen = self.selected_person()
        if chosen is None:
            return
        self.dialog = IntervalDialog(self.db, chosen[0], self)
        self.dialog.saved.connect(self._interval_saved)
        self.dialog.open()

    def _interval_saved(self, _person_id: int) -> None:
        self.changed.emit()
        self.load()

    def open_selected(self) -> None:
        """Show the selected person on the Contacts page."""
        chosen = self.selected_person()
        if chosen is not None:
            self.person_activated.emit(chosen[0], chosen[1])

    def _double_clicked(self, index: QModelIndex) -> None:
        person_id = index.data(OverdueContactsModel.PERSON_ROLE)
        if person_id is not None:
            self.person_activated.emit(
                int(person_id), str(index.data(OverdueContactsModel.NAME_ROLE))
            )
