"""The Follow-up page: commitments to keep and contacts due by their rhythm, in two tabs."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from techzone_crm.db.engine import Database
from techzone_crm.services.commitments import CommitmentData
from techzone_crm.ui.errors import ErrorReporter
from techzone_crm.ui.tasks import TaskRunner
from techzone_crm.ui.views.commitments_panel import CommitmentsPanel
from techzone_crm.ui.views.overdue_contacts_panel import OverdueContactsPanel


class FollowUpView(QWidget):
    """What needs following up: commitments (toezeggingen) and overdue contacts.

    Signals:
        person_activated(int, str): open this person on the Contacts page.
        organisation_activated(int, str): open this organisation on the Organisations page.
        interaction_requested(object): record an interaction; the object is the
            InteractionData preset (the selected person as attendee, their owner as team member).
        status_changed(str): the summary for the status bar changed (of the tab on screen).
        message(str): a short confirmation for the status bar.
        changed(): commitments or contact intervals were written.
    """

    COMMITMENTS, CONTACTS = range(2)

    person_activated = Signal(int, str)
    organisation_activated = Signal(int, str)
    interaction_requested = Signal(object)
    status_changed = Signal(str)
    message = Signal(str)
    changed = Signal()

    def __init__(
        self,
        db: Database,
        runner: TaskRunner,
        reporter: ErrorReporter,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.commitments = CommitmentsPanel(db, runner, reporter)
        self.contacts = OverdueContactsPanel(db, runner, reporter)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.commitments, self.tr("Commitments (toezeggingen)"))
        self.tabs.addTab(self.contacts, self.tr("Contacts due (contact rhythm)"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.tabs)

        for panel in (self.commitments, self.contacts):
            panel.person_activated.connect(self.person_activated)
            panel.changed.connect(self.changed)
            panel.status_changed.connect(self._panel_status)
        self.commitments.organisation_activated.connect(self.organisation_activated)
        self.commitments.message.connect(self.message)
        self.contacts.interaction_requested.connect(self.interaction_requested)
        self.contacts.changed.connect(self.commitments.load)
        self.tabs.currentChanged.connect(lambda _i: self.status_changed.emit(self.current_status()))

    def current_status(self) -> str:
        """The summary of the tab on screen ("4 overdue, 7 open")."""
        panel = self.tabs.currentWidget()
        if isinstance(panel, CommitmentsPanel | OverdueContactsPanel):
            return panel.current_status()
        return ""

    def _panel_status(self, _text: str) -> None:
        if self.sender() is self.tabs.currentWidget():
            self.status_changed.emit(self.current_status())

    @property
    def loading(self) -> bool:
        """True while either tab is reading."""
        return self.commitments.loading or self.contacts.loading

    def load(self) -> None:
        """Read both tabs on worker threads."""
        self.commitments.load()
        self.contacts.load()

    def refresh(self) -> None:
        """Re-read both tabs if the page is on screen (it reads them again when shown)."""
        if self.isVisible():
            self.load()

    def show_tab(self, tab: int) -> None:
        """Bring the commitments (0) or the contacts due (1) to the front."""
        self.tabs.setCurrentIndex(tab)

    def new_commitment(self, preset: CommitmentData | None = None) -> None:
        """Open the dialog for a new commitment (on the commitments tab)."""
        self.show_tab(self.COMMITMENTS)
        self.commitments.new_record(preset)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.load()
