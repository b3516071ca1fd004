"""The main window: navigation between Dashboard, Contacts and Organisations, menus, toolbar."""

from __future__ import annotations

from PySide6.QtCore import QSettings, QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
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
from techzone_crm.ui.dialogs.duplicates_dialog import DuplicatesDialog
from techzone_crm.ui.errors import ErrorReporter
from techzone_crm.ui.icons import app_icon, icon
from techzone_crm.ui.tasks import TaskRunner
from techzone_crm.ui.undoable import UndoRecorder
from techzone_crm.ui.views.contacts_view import ContactsView
from techzone_crm.ui.views.dashboard_view import DashboardView
from techzone_crm.ui.views.organisations_view import OrganisationsView
from techzone_crm.ui.views.record_view import RecordView

DASHBOARD, CONTACTS, ORGANISATIONS = range(3)

# The pages by the name remembered in the settings (an index would shift with new pages).
_PAGE_NAMES = {DASHBOARD: "dashboard", CONTACTS: "contacts", ORGANISATIONS: "organisations"}

_NAV_STYLE = """
QListWidget#navigation { border: none; background: palette(window); outline: 0; }
QListWidget#navigation::item { padding: 8px 10px; border-radius: 6px; margin: 2px 6px; }
QListWidget#navigation::item:selected { background: palette(highlight);
    color: palette(highlighted-text); }
"""


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
        self._default_size()

        self.dashboard = DashboardView(db, runner, reporter)
        self.contacts = ContactsView(db, runner, reporter)
        self.organisations = OrganisationsView(db, runner, reporter)
        #: The record pages (the dashboard only reads).
        self.views: list[RecordView] = [self.contacts, self.organisations]
        # Every write in the window goes through this stack, so Ctrl+Z undoes it.
        self.undo_stack = QUndoStack(self)
        self.undo_recorder = UndoRecorder(db, self.undo_stack, self, self._undo_applied)
        for view in self.views:
            view.undo = self.undo_recorder

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName(self.tr("Sections"))
        self.navigation.setIconSize(QSize(22, 22))
        self.navigation.setStyleSheet(_NAV_STYLE)
        for text, name in (
            (self.tr("Dashboard"), "dashboard"),
            (self.tr("Contacts"), "contacts"),
            (self.tr("Organisations"), "organisations"),
        ):
            QListWidgetItem(icon(name), text, self.navigation)
        self.navigation.setFixedWidth(self.navigation.sizeHintForColumn(0) + 40)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.dashboard)
        for view in self.views:
            self.stack.addWidget(view)
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
        self.organisations.person_activated.connect(self.go_to_person)
        self.dashboard.person_activated.connect(self.go_to_person)
        self.dashboard.status_changed.connect(self._view_status)

        self._restore()

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

        self.dashboard_action = self._action(
            self.tr("D&ashboard"),
            lambda: self.show_page(DASHBOARD),
            QKeySequence("Ctrl+0"),
            "dashboard",
        )
        self.contacts_action = self._action(
            self.tr("&Contacts"),
            lambda: self.show_page(CONTACTS),
            QKeySequence("Ctrl+1"),
            "contacts",
        )
        self.organisations_action = self._action(
            self.tr("&Organisations"),
            lambda: self.show_page(ORGANISATIONS),
            QKeySequence("Ctrl+2"),
            "organisations",
        )
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
        view_menu.addActions(
            [self.dashboard_action, self.contacts_action, self.organisations_action]
        )
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
        toolbar.addActions([self.new_person_action, self.new_org_action])
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
        """The record page on screen; None while the dashboard is shown."""
        page = self.stack.currentWidget()
        return page if isinstance(page, RecordView) else None

    def show_page(self, page: int) -> None:
        """Switch to the Dashboard, Contacts or Organisations."""
        if self.navigation.currentRow() != page:
            self.navigation.setCurrentRow(page)  # comes back here through the signal
            return
        self.stack.setCurrentIndex(page)
        view = self.current_view()
        shown = view if view is not None else self.dashboard
        self.count_label.setText(shown.current_status())
        # Ctrl+N makes what the page lists (a person on the dashboard); the other kind moves to
        # Ctrl+Shift+N.
        main, other = (
            (self.new_person_action, self.new_org_action)
            if page != ORGANISATIONS
            else (self.new_org_action, self.new_person_action)
        )
        main.setShortcut(QKeySequence(QKeySequence.StandardKey.New))
        other.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self._update_actions()

    def go_to_person(self, person_id: int, name: str) -> None:
        """Show a person on the Contacts page."""
        self.show_page(CONTACTS)
        self.contacts.show_record(person_id, name)

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

    def _find(self) -> None:
        view = self.current_view()
        if view is None:  # the dashboard has no search: find among the contacts
            self.show_page(CONTACTS)
            view = self.contacts
        view.focus_search()

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
        for view in self.views:
            view.refresh()
        self.dashboard.refresh()

    def _toggle_details(self, shown: bool) -> None:
        for view in self.views:
            view.details.setVisible(shown)

    def _undo_applied(self) -> None:
        # An undo or redo may touch records on both pages (roles link them).
        for view in self.views:
            view.refresh()
        self.dashboard.refresh()

    def refresh(self) -> None:
        """Re-read every page from the database."""
        for view in self.views:
            view.refresh()
        self.dashboard.refresh()
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
        pages = {n: p for p, n in _PAGE_NAMES.items()}
        self.navigation.setCurrentRow(pages.get(str(name), DASHBOARD))
        self.show_page(self.navigation.currentRow())

    def save_settings(self) -> None:
        """Remember the window's geometry, panes and columns."""
        self.settings.setValue("main/geometry", self.saveGeometry())
        self.settings.setValue("main/state", self.saveState())
        self.settings.setValue("main/section", _PAGE_NAMES[self.stack.currentIndex()])
        self.settings.setValue("main/details", self.details_action.isChecked())
        for view in self.views:
            view.save_state(self.settings)
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        super().closeEvent(event)
