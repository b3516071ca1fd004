"""The main window: navigation between the pages, menus, toolbar, and the links between pages."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol, cast

from PySide6.QtCore import QSettings, QSize, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from techzone_crm import __version__
from techzone_crm.db.engine import Database
from techzone_crm.services.importing import ImportSummary
from techzone_crm.services.interactions import InteractionData
from techzone_crm.ui.dialogs.duplicates_dialog import DuplicatesDialog
from techzone_crm.ui.dialogs.import_wizard import ImportWizard
from techzone_crm.ui.dialogs.interaction_dialog import open_interaction_dialog
from techzone_crm.ui.errors import ErrorReporter
from techzone_crm.ui.icons import app_icon, icon
from techzone_crm.ui.tasks import TaskRunner
from techzone_crm.ui.undoable import UndoRecorder
from techzone_crm.ui.views.agendas_view import AgendasView
from techzone_crm.ui.views.analysis_view import AnalysisView
from techzone_crm.ui.views.contacts_view import ContactsView
from techzone_crm.ui.views.dashboard_view import DashboardView
from techzone_crm.ui.views.dossiers_view import DossiersView
from techzone_crm.ui.views.follow_up_view import FollowUpView
from techzone_crm.ui.views.importing import dropped_list, import_message, start_import
from techzone_crm.ui.views.interactions_section import InteractionsFocus
from techzone_crm.ui.views.interactions_view import InteractionsView
from techzone_crm.ui.views.organisations_view import OrganisationsView
from techzone_crm.ui.views.record_view import RecordView

DASHBOARD, CONTACTS, ORGANISATIONS, AGENDAS, DOSSIERS, INTERACTIONS, FOLLOW_UP, ANALYSIS = range(8)

#: The pages by the name remembered in the settings and given on the command line (an index
#: would shift with new pages); the name is also the page's icon.
PAGE_NAMES = {
    DASHBOARD: "dashboard",
    CONTACTS: "contacts",
    ORGANISATIONS: "organisations",
    AGENDAS: "agendas",
    DOSSIERS: "dossiers",
    INTERACTIONS: "interactions",
    FOLLOW_UP: "follow-up",
    ANALYSIS: "analysis",
}

_NAV_STYLE = """
QListWidget#navigation { border: none; background: palette(window); outline: 0; }
QListWidget#navigation::item { padding: 8px 10px; border-radius: 6px; margin: 2px 6px; }
QListWidget#navigation::item:selected { background: palette(highlight);
    color: palette(highlighted-text); }
"""


class Page(Protocol):
    """What the window asks of every page."""

    def refresh(self) -> None:
        """Re-read what the page shows."""

    def current_status(self) -> str:
        """The text for the status bar."""


class MainWindow(QMainWindow):
    """The application window.

    Signals:
        demo_requested(): the user asked to load the example data (Help menu).
    """

    demo_requested = Signal()

    def __init__(
        self,
        db: Database,
        runner: TaskRunner,
        reporter: ErrorReporter,
        settings: QSettings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.runner = runner
        self.reporter = reporter
        self.settings = settings if settings is not None else QSettings()
        self.setWindowIcon(app_icon())
        self.setWindowTitle(self.tr("TechZone CRM — {db}").format(db=self._db_name()))
        # A list dropped on the window opens the import wizard with it.
        self.setAcceptDrops(True)
        self._default_size()

        self.dashboard = DashboardView(db, runner, reporter)
        self.contacts = ContactsView(db, runner, reporter)
        self.organisations = OrganisationsView(db, runner, reporter)
        self.agendas = AgendasView(db, runner, reporter)
        self.dossiers = DossiersView(db, runner, reporter)
        self.interactions = InteractionsView(db, runner, reporter)
        self.follow_up = FollowUpView(db, runner, reporter)
        self.analysis = AnalysisView(db, runner, reporter)
        #: The record pages: a list beside a detail pane (the dashboard and follow-up differ).
        self.views: list[RecordView] = [
            self.contacts,
            self.organisations,
            self.agendas,
            self.dossiers,
            self.interactions,
        ]
        #: Every page, in the order of the navigation.
        self.pages: list[Page] = [
            self.dashboard,
            self.contacts,
            self.organisations,
            self.agendas,
            self.dossiers,
            self.interactions,
            self.follow_up,
            self.analysis,
        ]
        # Every write in the window goes through this stack, so Ctrl+Z undoes it.
        self.undo_stack = QUndoStack(self)
        self.undo_recorder = UndoRecorder(db, self.undo_stack, self, self._undo_applied)
        self.import_wizard: ImportWizard | None = None
        for view in self.views:
            view.undo = self.undo_recorder

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName(self.tr("Sections"))
        self.navigation.setIconSize(QSize(22, 22))
        self.navigation.setStyleSheet(_NAV_STYLE)
        for page, text in self._page_titles().items():
            QListWidgetItem(icon(PAGE_NAMES[page]), text, self.navigation)
        self.navigation.setFixedWidth(self.navigation.sizeHintForColumn(0) + 40)
        self.stack = QStackedWidget()
        for page_widget in self.pages:
            self.stack.addWidget(cast(QWidget, page_widget))
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.count_label = QLabel()
        self.db_label = QLabel(self._db_name())
        self.db_label.setToolTip(self.tr("Database: {path}").format(path=db.describe()))
        self.db_label.setEnabled(False)
        self.statusBar().addPermanentWidget(self.count_label)
        self.statusBar().addPermanentWidget(self.db_label)

        self._create_actions()
        self._create_menus()
        self._create_toolbar()

        self.navigation.currentRowChanged.connect(self.show_page)
        for view in self.views:
            view.status_changed.connect(self._view_status)
            view.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
            view.current_changed.connect(self._update_actions)
            view.table.selectionModel().selectionChanged.connect(self._update_actions)
            view.table.addActions([self.edit_action, self.delete_action, self.copy_action])
        for listed in (self.contacts, self.organisations):
            listed.table.addAction(self.export_action)
        self._connect_pages()
        self._restore()

    def _page_titles(self) -> dict[int, str]:
        return {
            DASHBOARD: self.tr("Dashboard"),
            CONTACTS: self.tr("Contacts"),
            ORGANISATIONS: self.tr("Organisations"),
            AGENDAS: self.tr("Agendas"),
            DOSSIERS: self.tr("Dossiers"),
            INTERACTIONS: self.tr("Interactions"),
            FOLLOW_UP: self.tr("Follow-up"),
            ANALYSIS: self.tr("Analysis"),
        }

    def _connect_pages(self) -> None:
        # Pages link to each other by signal: a name opens its page, a "Record interaction"
        # button anywhere opens the one dialog, and a write refreshes what the others show.
        for page in self.pages:
            for signal, slot in (
                ("person_activated", self.go_to_person),
                ("organisation_activated", self.go_to_organisation),
                ("agenda_activated", self.go_to_agenda),
                ("dossier_activated", self.go_to_dossier),
                ("interaction_requested", self.record_interaction),
                ("interactions_requested", self.go_to_interactions),
                ("changed", self._page_changed),
            ):
                if hasattr(page, signal):
                    getattr(page, signal).connect(slot)
        for shown in (self.dashboard, self.follow_up, self.analysis):
            shown.status_changed.connect(self._view_status)
        for talking in (self.follow_up, self.analysis):
            talking.message.connect(self._show_message)

    def _db_name(self) -> str:
        path = self.db.sqlite_path
        return path.name if path else self.db.describe()

    # -- actions ----------------------------------------------------------------------

    def _action(
        self, text: str, slot: object, shortcut: QKeySequence | None = None, icon_name: str = ""
    ) -> QAction:
        action = QAction(icon(icon_name), text, self) if icon_name else QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        return action

    def _create_actions(self) -> None:
        keys = QKeySequence.StandardKey
        self.new_person_action = self._action(
            self.tr("New &person…"), self.new_person, QKeySequence(keys.New), "person-add"
        )
        self.new_person_action.setIconText(self.tr("New person"))
        self.new_org_action = self._action(
            self.tr("New &organisation…"),
            self.new_organisation,
            QKeySequence("Ctrl+Shift+N"),
            "organisation-add",
        )
        self.new_org_action.setIconText(self.tr("New organisation"))
        self.record_interaction_action = self._action(
            self.tr("&Record interaction…"),
            lambda: self.record_interaction(None),
            QKeySequence("Ctrl+I"),
            "interactions",
        )
        self.record_interaction_action.setIconText(self.tr("Record interaction"))
        self.record_interaction_action.setToolTip(
            self.tr("Record a meeting, call, e-mail, event or working visit (Ctrl+I)")
        )
        self.new_agenda_action = self._action(self.tr("New &agenda…"), self.new_agenda)
        self.new_dossier_action = self._action(self.tr("New &dossier…"), self.new_dossier)
        self.new_commitment_action = self._action(self.tr("New &commitment…"), self.new_commitment)
        self.quit_action = self._action(self.tr("&Quit"), self.close, QKeySequence(keys.Quit))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setIcon(icon("undo"))
        self.undo_action.setShortcuts([QKeySequence(keys.Undo)])
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setIcon(icon("redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        # The toolbar keeps a short label; the menu and the tooltip say what would be undone.
        self.undo_action.setIconText(self.tr("Undo"))
        self.redo_action.setIconText(self.tr("Redo"))
        # Bound methods, not lambdas: Qt drops the connection when the window goes.
        self.undo_stack.undoTextChanged.connect(self._undo_text_changed)
        self.undo_stack.redoTextChanged.connect(self._redo_text_changed)
        self.edit_action = self._action(self.tr("&Edit…"), self._edit, None, "edit")
        self.edit_action.setIconText(self.tr("Edit"))
        # Enter, Delete and Copy act on the table only, so that the search field keeps them.
        self.edit_action.setShortcuts(
            [QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)]
        )
        self.edit_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action = self._action(
            self.tr("&Delete…"), self._delete, QKeySequence(keys.Delete), "delete"
        )
        self.delete_action.setIconText(self.tr("Delete"))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.copy_action = self._action(self.tr("&Copy row"), self._copy, QKeySequence(keys.Copy))
        self.copy_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.find_action = self._action(
            self.tr("&Find…"), self._find, QKeySequence(keys.Find), "search"
        )
        self.duplicates_action = self._action(
            self.tr("Find d&uplicates…"), self.find_duplicates, QKeySequence("Ctrl+Shift+D")
        )
        self.export_action = self._action(
            self.tr("E&xport list…"), self.export_list, QKeySequence("Ctrl+E")
        )
        self.export_action.setToolTip(
            self.tr("Export the people or organisations listed, or the selected ones (Ctrl+E)")
        )
        self.import_action = self._action(
            self.tr("&Import list…"), self.import_list, QKeySequence("Ctrl+Shift+I")
        )
        self.import_action.setToolTip(
            self.tr("Import people from a CSV, Excel (XLSX) or vCard file (Ctrl+Shift+I)")
        )

        menu_titles = {
            DASHBOARD: self.tr("D&ashboard"),
            CONTACTS: self.tr("&Contacts"),
            ORGANISATIONS: self.tr("&Organisations"),
            AGENDAS: self.tr("A&gendas"),
            DOSSIERS: self.tr("Do&ssiers"),
            INTERACTIONS: self.tr("&Interactions"),
            FOLLOW_UP: self.tr("&Follow-up"),
            ANALYSIS: self.tr("Ana&lysis"),
        }
        #: View › page, Ctrl+0 … Ctrl+7.
        self.page_actions = [
            self._action(
                text,
                lambda _checked=False, p=page: self.show_page(p),
                QKeySequence(f"Ctrl+{page}"),
                PAGE_NAMES[page],
            )
            for page, text in menu_titles.items()
        ]
        self.details_action = self._action(
            self.tr("Show &details pane"), self._toggle_details, QKeySequence("Ctrl+D")
        )
        self.details_action.setCheckable(True)
        self.details_action.setChecked(True)
        self.refresh_action = self._action(
            self.tr("&Refresh"), self.refresh, QKeySequence(keys.Refresh), "refresh"
        )

        self.demo_action = self._action(self.tr("Load &example data…"), self.demo_requested.emit)
        self.about_action = self._action(self.tr("&About TechZone CRM"), self.about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_qt_action = self._action(self.tr("About &Qt"), QApplication.aboutQt)

    def _create_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addActions([self.new_person_action, self.new_org_action])
        file_menu.addAction(self.record_interaction_action)
        file_menu.addActions(
            [self.new_agenda_action, self.new_dossier_action, self.new_commitment_action]
        )
        file_menu.addSeparator()
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        edit_menu.addActions([self.edit_action, self.delete_action])
        self.bulk_menu = edit_menu.addMenu(self.tr("&Bulk edit"))
        self.bulk_menu.aboutToShow.connect(self._fill_bulk_menu)
        self._fill_bulk_menu()
        edit_menu.addSeparator()
        edit_menu.addActions([self.copy_action, self.find_action])
        edit_menu.addAction(self.duplicates_action)
        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.addActions(self.page_actions)
        view_menu.addSeparator()
        view_menu.addActions([self.details_action, self.refresh_action])
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.demo_action)
        help_menu.addSeparator()
        help_menu.addActions([self.about_action, self.about_qt_action])

    def _undo_text_changed(self, text: str) -> None:
        self.undo_action.setToolTip(self.tr("Undo {what}").format(what=text))

    def _redo_text_changed(self, text: str) -> None:
        self.redo_action.setToolTip(self.tr("Redo {what}").format(what=text))

    def _create_toolbar(self) -> None:
        toolbar = QToolBar(self.tr("Main toolbar"))
        toolbar.setObjectName("main-toolbar")
        toolbar.setMovable(False)
        toolbar.setIconSize(QSize(20, 20))
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addActions(
            [self.new_person_action, self.new_org_action, self.record_interaction_action]
        )
        toolbar.addSeparator()
        toolbar.addActions([self.edit_action, self.delete_action])
        toolbar.addSeparator()
        toolbar.addActions([self.undo_action, self.redo_action])
        toolbar.addSeparator()
        toolbar.addAction(self.refresh_action)
        self.addToolBar(toolbar)
        self.toolbar = toolbar

    # -- pages ------------------------------------------------------------------------

    def current_view(self) -> RecordView | None:
        """The record page on screen; None while the dashboard, follow-up or analysis is shown."""
        page = self.stack.currentWidget()
        return page if isinstance(page, RecordView) else None

    def show_page(self, page: int) -> None:
        """Switch to one of the pages (DASHBOARD, CONTACTS … ANALYSIS)."""
        if self.navigation.currentRow() != page:
            self.navigation.setCurrentRow(page)  # comes back here through the signal
            return
        self.stack.setCurrentIndex(page)
        self.count_label.setText(self.pages[page].current_status())
        self._assign_new_shortcut(page)
        self._update_actions()

    def _assign_new_shortcut(self, page: int) -> None:
        # Ctrl+N makes what the page lists (a person on the dashboard); a new organisation
        # (a new person on the Organisations page) takes Ctrl+Shift+N, recording an
        # interaction keeps Ctrl+I.
        news = {
            ORGANISATIONS: self.new_org_action,
            AGENDAS: self.new_agenda_action,
            DOSSIERS: self.new_dossier_action,
            INTERACTIONS: self.record_interaction_action,
            FOLLOW_UP: self.new_commitment_action,
        }
        main = news.get(page, self.new_person_action)
        for action in (self.new_person_action, *news.values()):
            action.setShortcuts([])
        other = self.new_person_action if main is self.new_org_action else self.new_org_action
        other.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.record_interaction_action.setShortcut(QKeySequence("Ctrl+I"))
        main.setShortcuts([QKeySequence(QKeySequence.StandardKey.New), *main.shortcuts()])

    def go_to_person(self, person_id: int, name: str) -> None:
        """Show a person on the Contacts page."""
        self.show_page(CONTACTS)
        self.contacts.show_record(person_id, name)

    def go_to_organisation(self, org_id: int, _name: str = "") -> None:
        """Show an organisation on the Organisations page."""
        self.show_page(ORGANISATIONS)
        self.organisations.open_record(org_id)

    def go_to_agenda(self, agenda_id: int, _name: str = "") -> None:
        """Show an agenda on the Agendas page."""
        self.show_page(AGENDAS)
        self.agendas.open_record(agenda_id)

    def go_to_dossier(self, dossier_id: int, _name: str = "") -> None:
        """Show a dossier on the Dossiers page."""
        self.show_page(DOSSIERS)
        self.dossiers.open_record(dossier_id)

    def go_to_interactions(self, focus: InteractionsFocus) -> None:
        """Show the Interactions page narrowed to one person's or organisation's."""
        self.show_page(INTERACTIONS)
        self.interactions.show_focus(focus)

    def record_interaction(self, preset: InteractionData | None = None) -> None:
        """Open the dialog to record an interaction, filled in from ``preset``."""
        self.interaction_dialog = open_interaction_dialog(
            self.db, self, preset, self._interaction_saved
        )

    def _interaction_saved(self, interaction_id: int) -> None:
        self.refresh_pages(keep=None)
        self.statusBar().showMessage(self.tr("Interaction recorded."), 6000)
        if self.stack.currentWidget() is self.interactions:
            self.interactions.refresh(select_id=interaction_id)

    def _show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 6000)

    def _page_changed(self) -> None:
        # A page wrote something the others show (an assessment, a commitment, a link).
        self.refresh_pages(keep=self.sender())

    def refresh_pages(self, keep: object = None) -> None:
        """Re-read every page but ``keep`` (which refreshed itself)."""
        for page in self.pages:
            if page is not keep:
                page.refresh()

    def _view_status(self, text: str) -> None:
        if self.sender() is self.stack.currentWidget():
            self.count_label.setText(text)

    def _fill_bulk_menu(self) -> None:
        # The submenu holds the bulk actions of the page on screen.
        self.bulk_menu.clear()
        view = self.current_view()
        if view is not None and view.bulk is not None:
            self.bulk_menu.addActions(view.bulk.actions)

    def _update_actions(self, *_args: object) -> None:
        view = self.current_view()
        self.export_action.setEnabled(isinstance(view, ContactsView | OrganisationsView))
        if view is None:
            self.edit_action.setEnabled(False)
            self.delete_action.setEnabled(False)
            return
        has_record = view.shown_id() is not None
        self.edit_action.setEnabled(has_record)
        self.delete_action.setEnabled(has_record or view.table.selectionModel().hasSelection())

    # -- commands ---------------------------------------------------------------------

    def new_person(self) -> None:
        """Open the dialog for a new person."""
        self.show_page(CONTACTS)
        self.contacts.new_record()

    def new_organisation(self) -> None:
        """Open the dialog for a new organisation."""
        self.show_page(ORGANISATIONS)
        self.organisations.new_record()

    def _edit(self) -> None:
        view = self.current_view()
        if view is not None:
            view.edit_selected()

    def _delete(self) -> None:
        view = self.current_view()
        if view is not None:
            view.delete_selected()

    def _copy(self) -> None:
        view = self.current_view()
        if view is not None:
            view.copy_selected()

    def export_list(self) -> None:
        """Export the list on the Contacts or Organisations page."""
        view = self.current_view()
        if isinstance(view, ContactsView | OrganisationsView):
            view.export_list()

    def import_list(self, path: Path | None = None) -> None:
        """Open the import wizard (only one at a time)."""
        if self.import_wizard is not None:
            self.import_wizard.raise_()
            return
        self.import_wizard = start_import(
            self, self.db, self.runner, self.undo_recorder, self._imported, path, self.reporter
        )
        self.import_wizard.finished.connect(self._import_closed)

    def _import_closed(self, _result: int) -> None:
        self.import_wizard = None

    def _imported(self, summary: ImportSummary) -> None:
        self.refresh_pages()
        wizard = self.import_wizard
        undoable = wizard is not None and wizard.state.undoable
        self.statusBar().showMessage(import_message(summary, undoable), 8000)

    def _find(self) -> None:
        view = self.current_view()
        if view is None:  # the dashboard has no search: find among the contacts
            self.show_page(CONTACTS)
            view = self.contacts
        view.focus_search()

    def new_agenda(self) -> None:
        """Open the dialog for a new strategic agenda."""
        self.show_page(AGENDAS)
        self.agendas.new_record()

    def new_dossier(self) -> None:
        """Open the dialog for a new dossier."""
        self.show_page(DOSSIERS)
        self.dossiers.new_record()

    def new_commitment(self) -> None:
        """Open the dialog for a new commitment (toezegging)."""
        self.show_page(FOLLOW_UP)
        self.follow_up.new_commitment()

    def find_duplicates(self) -> None:
        """Open the list of people who may be entered twice (and start the search)."""
        dialog: DuplicatesDialog | None = getattr(self, "duplicates_dialog", None)
        if dialog is None:
            dialog = DuplicatesDialog(
                self.db, self.runner, getattr(self, "undo_stack", None), self._merged, self
            )
            self.duplicates_dialog = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        if not dialog.searching:
            dialog.search()

    def _merged(self) -> None:
        # A merge (or its undo) changes a person and deletes or restores another.
        self.refresh_pages()

    def _toggle_details(self, shown: bool) -> None:
        for view in self.views:
            view.details.setVisible(shown)

    def _undo_applied(self) -> None:
        # An undo or redo may touch records on every page (roles, attendance, links).
        self.refresh_pages()

    def refresh(self) -> None:
        """Re-read every page from the database."""
        self.refresh_pages()
        self.statusBar().showMessage(self.tr("Refreshed."), 3000)

    def about(self) -> None:
        """Show the About box."""
        QMessageBox.about(
            self,
            self.tr("About TechZone CRM"),
            self.tr(
                "<h3>TechZone CRM {version}</h3>"
                "<p>Stakeholders, organisations and agendas for public affairs in a regional "
                "triple-helix collaboration: government, business and education.</p>"
                "<p>Your data stays on this computer, in {db}.</p>"
            ).format(version=__version__, db=self.db.describe()),
        )

    # -- settings ---------------------------------------------------------------------

    def _default_size(self) -> None:
        # First start: most of the screen, so that the list and the details both fit.
        screen = QApplication.primaryScreen()
        if screen is None:
            self.resize(1280, 800)
            return
        available = screen.availableGeometry()
        self.resize(
            max(1024, min(1600, available.width() * 9 // 10)),
            max(700, min(1000, available.height() * 9 // 10)),
        )

    def _restore(self) -> None:
        geometry = self.settings.value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.settings.value("main/state")
        if state is not None:
            self.restoreState(state)
        for view in self.views:
            view.restore_state(self.settings)
        shown = self.settings.value("main/details", True, type=bool)
        self.details_action.setChecked(bool(shown))
        self._toggle_details(bool(shown))
        # The dashboard is the first screen unless the user left the window on another page.
        name = self.settings.value("main/section", "", type=str)
        pages = {n: p for p, n in PAGE_NAMES.items()}
        self.navigation.setCurrentRow(pages.get(str(name), DASHBOARD))
        self.show_page(self.navigation.currentRow())

    def save_settings(self) -> None:
        """Remember the window's geometry, panes and columns."""
        self.settings.setValue("main/geometry", self.saveGeometry())
        self.settings.setValue("main/state", self.saveState())
        self.settings.setValue("main/section", PAGE_NAMES[self.stack.currentIndex()])
        self.settings.setValue("main/details", self.details_action.isChecked())
        for view in self.views:
            view.save_state(self.settings)
        self.settings.sync()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_list(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = dropped_list(event.mimeData())
        if path is not None:
            event.acceptProposedAction()
            self.import_list(path)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        super().closeEvent(event)
