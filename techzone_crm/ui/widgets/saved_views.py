"""Saved views: a list's search, filters and sort kept under a name, picked from a combo box."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
)

from techzone_crm.db.engine import Database
from techzone_crm.db.models import ViewKind
from techzone_crm.errors import ValidationError
from techzone_crm.services import saved_views
from techzone_crm.ui import prompts
from techzone_crm.ui.dialogs.form import sentence
from techzone_crm.ui.errors import as_user_error
from techzone_crm.ui.i18n import translate


def ask_view_name(parent: QWidget, title: str, text: str) -> str | None:
    """Ask for a view's name (``text`` pre-filled); None if cancelled."""
    name, ok = QInputDialog.getText(
        parent, title, translate("SavedViewsBar", "Name:"), QLineEdit.EchoMode.Normal, text
    )
    return name if ok else None


class SavedViewsBar(QWidget):
    """A combo box of the saved views of one list, and a menu to save, rename and delete.

    Signals:
        view_chosen(object): the user picked a saved view; its query (text, filters, sort).
        message(str): a short confirmation for the status bar.
    """

    view_chosen = Signal(object)
    message = Signal(str)

    def __init__(
        self,
        db: Database,
        kind: ViewKind,
        current_query: Callable[[], Any],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self.kind = kind
        self._current_query = current_query
        self._shown_query: Any = None  # the query of the view picked last

        self.combo = QComboBox()
        self.combo.setAccessibleName(self.tr("Saved views"))
        self.combo.setToolTip(self.tr("Pick a saved search with its filters and sort order"))
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo.setMinimumContentsLength(12)
        self.menu_button = QToolButton()
        self.menu_button.setText(self.tr("Views"))
        self.menu_button.setToolTip(self.tr("Save, rename or delete saved views"))
        self.menu_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.menu_button)
        self.save_action = menu.addAction(self.tr("Save current view as…"))
        self.rename_action = menu.addAction(self.tr("Rename view…"))
        self.delete_action = menu.addAction(self.tr("Delete view…"))
        self.menu_button.setMenu(menu)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.combo)
        layout.addWidget(self.menu_button)

        self.combo.activated.connect(self._picked)
        self.save_action.triggered.connect(self.save_current)
        self.rename_action.triggered.connect(self.rename_current)
        self.delete_action.triggered.connect(self.delete_current)
        self.reload()

    # -- the list -----------------------------------------------------------------------

    def reload(self, select_id: int | None = None) -> None:
        """Re-read the saved views; ``select_id`` becomes the chosen one."""
        with self._db.read() as session:
            views = saved_views.list_views(session, self.kind)
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem(self.tr("Saved views…"), None)
        for view_id, name in views:
            self.combo.addItem(name, view_id)
        self.combo.setCurrentIndex(max(0, self.combo.findData(select_id)))
        self.combo.blockSignals(False)
        self._update_actions()

    def view_names(self) -> list[str]:
        """The names offered, in order."""
        return [self.combo.itemText(i) for i in range(1, self.combo.count())]

    def chosen_id(self) -> int | None:
        """The saved view picked, or None."""
        value = self.combo.currentData()
        return int(value) if value is not None else None

    def pick(self, name: str) -> None:
        """Choose the view called ``name``, as the user would from the combo box."""
        index = self.combo.findText(name)
        if index > 0:
            self.combo.setCurrentIndex(index)
            self._picked(index)

    def query_changed(self, query: Any) -> None:
        """The list now shows ``query``: the combo stops naming a view it no longer shows."""
        if self._shown_query is not None and query != self._shown_query:
            self._shown_query = None
            self.combo.setCurrentIndex(0)
            self._update_actions()

    def _picked(self, index: int) -> None:
        view_id = self.combo.itemData(index)
        self._update_actions()
        if view_id is None:
            return
        try:
            with self._db.read() as session:
                query = saved_views.load_view(session, int(view_id))
        except Exception as exc:
            self._problem(exc, self.tr("Cannot open the view"))
            self.reload()
            return
        self._shown_query = query
        self.view_chosen.emit(query)

    def _update_actions(self) -> None:
        chosen = self.chosen_id() is not None
        self.rename_action.setEnabled(chosen)
        self.delete_action.setEnabled(chosen)

    # -- save, rename, delete -------------------------------------------------------------

    def save_current(self) -> None:
        """Save what the list shows under a name the user gives."""
        current = self.combo.currentText() if self.chosen_id() is not None else ""
        name = ask_view_name(self, self.tr("Save view"), current)
        if name is None:
            return
        query = self._current_query()
        try:
            with self._db.sessions.begin() as session:
                view_id = saved_views.save_view(session, self.kind, name, query).id
        except Exception as exc:
            self._problem(exc, self.tr("View not saved"))
            return
        self._shown_query = query
        self.reload(select_id=view_id)
        self.message.emit(self.tr("Saved the view “{name}”.").format(name=name.strip()))

    def rename_current(self) -> None:
        """Give the chosen view another name."""
        view_id = self.chosen_id()
        if view_id is None:
            return
        name = ask_view_name(self, self.tr("Rename view"), self.combo.currentText())
        if name is None:
            return
        try:
            with self._db.sessions.begin() as session:
                saved_views.rename_view(session, view_id, name)
        except Exception as exc:
            self._problem(exc, self.tr("View not renamed"))
            return
        self.reload(select_id=view_id)

    def delete_current(self) -> None:
        """Forget the chosen view (the list itself stays as it is)."""
        view_id = self.chosen_id()
        if view_id is None:
            return
        name = self.combo.currentText()
        if not prompts.confirm(
            self,
            self.tr("Delete view"),
            self.tr("Delete the saved view “{name}”?").format(name=name),
            self.tr("The people and organisations in it are not affected."),
            self.tr("Delete"),
        ):
            return
        try:
            with self._db.sessions.begin() as session:
                saved_views.delete_view(session, view_id)
        except Exception as exc:
            self._problem(exc, self.tr("View not deleted"))
            self.reload()
            return
        self._shown_query = None
        self.reload()
        self.message.emit(self.tr("Deleted the view “{name}”.").format(name=name))

    def _problem(self, exc: Exception, title: str) -> None:
        if isinstance(exc, ValidationError):
            prompts.show_problem(self, title, sentence(self.tr("The name"), exc.problem))
            return
        problem = as_user_error(exc, self._db)
        if problem is None:
            raise exc
        prompts.show_problem(self, title, problem.message)
