"""Icons: the bundled SVGs, with a standard Qt icon as fallback."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle

from techzone_crm.paths import resource

# A standard icon for each bundled one, in case the resources are missing from an install.
_FALLBACK: dict[str, QStyle.StandardPixmap] = {
    "techzone-crm": QStyle.StandardPixmap.SP_ComputerIcon,
    "add": QStyle.StandardPixmap.SP_FileDialogNewFolder,
    "dashboard": QStyle.StandardPixmap.SP_DesktopIcon,
    "contacts": QStyle.StandardPixmap.SP_DirHomeIcon,
    "organisations": QStyle.StandardPixmap.SP_DirIcon,
    "person-add": QStyle.StandardPixmap.SP_FileDialogNewFolder,
    "organisation-add": QStyle.StandardPixmap.SP_FileDialogNewFolder,
    "role-add": QStyle.StandardPixmap.SP_FileDialogNewFolder,
    "edit": QStyle.StandardPixmap.SP_FileDialogDetailedView,
    "delete": QStyle.StandardPixmap.SP_TrashIcon,
    "refresh": QStyle.StandardPixmap.SP_BrowserReload,
    "search": QStyle.StandardPixmap.SP_FileDialogContentsView,
    "undo": QStyle.StandardPixmap.SP_ArrowBack,
    "redo": QStyle.StandardPixmap.SP_ArrowForward,
}


@cache
def icon(name: str) -> QIcon:
    """The icon ``name`` (the file name in resources/icons without ``.svg``)."""
    path = resource("icons", f"{name}.svg")
    if path.is_file():
        return QIcon(str(path))
    style = QApplication.style()
    return style.standardIcon(_FALLBACK.get(name, QStyle.StandardPixmap.SP_FileIcon))


def app_icon() -> QIcon:
    """The application's window icon."""
    return icon("techzone-crm")
