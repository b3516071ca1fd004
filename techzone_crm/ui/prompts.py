"""Modal questions and notices, each one function.

Views and dialogs call these through the module (``prompts.confirm(...)``), so that tests
replace a function with monkeypatch instead of clicking a modal box.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def _tr(text: str) -> str:
    return QCoreApplication.translate("prompts", text)


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setText(text)
    # QMessageBox wraps explanations into a narrow column; give them room to read.
    box.setStyleSheet("QLabel#qt_msgbox_informativelabel { min-width: 26em; }")
    return box


class ConflictChoice(Enum):
    """What to do when a record changed elsewhere while it was being edited."""

    RELOAD = "reload"
    KEEP_EDITING = "keep"


def confirm(parent: QWidget | None, title: str, text: str, details: str, accept_label: str) -> bool:
    """Ask before something that cannot be undone; Cancel is the default answer."""
    box = _box(parent, QMessageBox.Icon.Warning, title, text)
    box.setInformativeText(details)
    accept = box.addButton(accept_label, QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is accept


def ask_conflict(parent: QWidget | None, message: str) -> ConflictChoice:
    """Someone else saved the record first: reload their version, or keep editing."""
    box = _box(
        parent,
        QMessageBox.Icon.Warning,
        _tr("Changed elsewhere"),
        _tr("This record was changed elsewhere while you were editing it."),
    )
    box.setInformativeText(
        message
        + "\n\n"
        + _tr(
            "Reload shows the saved version and discards your changes in this form. "
            "Keep editing keeps what you typed; saving it then replaces the other changes."
        )
    )
    reload = box.addButton(_tr("Reload"), QMessageBox.ButtonRole.ResetRole)
    keep = box.addButton(_tr("Keep editing"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    return ConflictChoice.RELOAD if box.clickedButton() is reload else ConflictChoice.KEEP_EDITING


def show_problem(parent: QWidget | None, title: str, message: str) -> None:
    """Tell the user about a problem they can act on (bad input, a locked database)."""
    box = _box(parent, QMessageBox.Icon.Warning, title, message)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()


def offer_demo(parent: QWidget | None) -> bool:
    """On an empty database: load the fictional example data?"""
    box = _box(
        parent,
        QMessageBox.Icon.Question,
        _tr("Welcome to TechZone CRM"),
        _tr("Your database is still empty."),
    )
    box.setInformativeText(
        _tr(
            "Would you like to load the example data? It is a network for the TechZone "
            "region: real municipalities, provinces, ministries and schools, with invented "
            "people and companies, so that you can try every part of the program. You can "
            "delete it record by record later, or start a new database."
        )
    )
    load = box.addButton(_tr("Load example data"), QMessageBox.ButtonRole.AcceptRole)
    empty = box.addButton(_tr("Start empty"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(load)
    box.setEscapeButton(empty)
    box.exec()
    return box.clickedButton() is load


def second_instance(parent: QWidget | None, database: str, owner: str) -> bool:
    """The database is open in another window: True to open it anyway, False to quit."""
    box = _box(
        parent,
        QMessageBox.Icon.Information,
        _tr("Already open"),
        _tr("TechZone CRM already has this database open."),
    )
    box.setInformativeText(
        _tr(
            "{database} is in use by {owner}. Switch to that window to carry on. "
            "Opening it a second time is safe for the data, but changes made in one window "
            "only show up in the other after Refresh."
        ).format(database=database, owner=owner)
    )
    quit_button = box.addButton(_tr("Quit"), QMessageBox.ButtonRole.RejectRole)
    box.addButton(_tr("Open anyway"), QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(quit_button)
    box.setEscapeButton(quit_button)
    box.exec()
    return box.clickedButton() is not quit_button
