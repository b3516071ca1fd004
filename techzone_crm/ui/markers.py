"""Markers shown wherever a record appears: the do-not-contact sign, for now."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from techzone_crm.ui.i18n import translate

DO_NOT_CONTACT_COLOUR = "#c0392b"


def do_not_contact_text() -> str:
    """The short label of the flag."""
    return translate("markers", "Do not contact")


def do_not_contact_tooltip(name: str) -> str:
    """ "Do not contact: Jan van der Berg asked not to be approached"."""
    return translate("markers", "Do not contact: {name} asked not to be approached").format(
        name=name
    )


@cache
def do_not_contact_icon(size: int = 16) -> QIcon:
    """A red "no entry" sign: a filled circle with a white bar."""
    scale = 2  # drawn at twice the size so it stays sharp on high-density screens
    pixmap = QPixmap(size * scale, size * scale)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(DO_NOT_CONTACT_COLOUR))
    edge = size * scale
    painter.drawEllipse(QRectF(1, 1, edge - 2, edge - 2))
    painter.setBrush(QColor("white"))
    bar = edge * 0.16
    painter.drawRect(QRectF(edge * 0.22, edge / 2 - bar / 2, edge * 0.56, bar))
    painter.end()
    return QIcon(pixmap)
