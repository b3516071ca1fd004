"""Translated labels for the stored vocabularies, in one place.

The tables hold untranslated source texts marked with ``QT_TRANSLATE_NOOP`` so that
``pyside6-lupdate`` finds them; the functions translate at call time, so a language switch
needs no restart of this module.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from techzone_crm.db.models import EmailKind, GovernmentLevel, Helix, PhoneKind, Sector
from techzone_crm.ui.i18n import QT_TRANSLATE_NOOP

HELIX: dict[Helix, str] = {
    Helix.GOVERNMENT: QT_TRANSLATE_NOOP("Helix", "Government"),
    Helix.BUSINESS: QT_TRANSLATE_NOOP("Helix", "Business"),
    Helix.EDUCATION: QT_TRANSLATE_NOOP("Helix", "Education & knowledge"),
    Helix.CIVIL_SOCIETY: QT_TRANSLATE_NOOP("Helix", "Civil society"),
}

GOVERNMENT_LEVEL: dict[GovernmentLevel, str] = {
    GovernmentLevel.MUNICIPALITY: QT_TRANSLATE_NOOP("GovernmentLevel", "Municipality"),
    GovernmentLevel.PROVINCE: QT_TRANSLATE_NOOP("GovernmentLevel", "Province"),
    GovernmentLevel.NATIONAL: QT_TRANSLATE_NOOP("GovernmentLevel", "National (Rijk)"),
    GovernmentLevel.NORTHERN_NETHERLANDS: QT_TRANSLATE_NOOP(
        "GovernmentLevel", "Northern Netherlands"
    ),
    GovernmentLevel.EU: QT_TRANSLATE_NOOP("GovernmentLevel", "EU"),
}

SECTOR: dict[Sector, str] = {
    Sector.HTSM: QT_TRANSLATE_NOOP("Sector", "HTSM"),
    Sector.LOGISTICS: QT_TRANSLATE_NOOP("Sector", "Logistics"),
    Sector.CHEMISTRY: QT_TRANSLATE_NOOP("Sector", "Chemistry"),
    Sector.OTHER: QT_TRANSLATE_NOOP("Sector", "Other"),
}

EMAIL_KIND: dict[EmailKind, str] = {
    EmailKind.WORK: QT_TRANSLATE_NOOP("EmailKind", "Work"),
    EmailKind.PRIVATE: QT_TRANSLATE_NOOP("EmailKind", "Private"),
    EmailKind.OTHER: QT_TRANSLATE_NOOP("EmailKind", "Other"),
}

PHONE_KIND: dict[PhoneKind, str] = {
    PhoneKind.WORK: QT_TRANSLATE_NOOP("PhoneKind", "Work"),
    PhoneKind.MOBILE: QT_TRANSLATE_NOOP("PhoneKind", "Mobile"),
    PhoneKind.PRIVATE: QT_TRANSLATE_NOOP("PhoneKind", "Private"),
    PhoneKind.OTHER: QT_TRANSLATE_NOOP("PhoneKind", "Other"),
}

# Helix colours, used as small swatches in lists; chosen to stay distinct in light and dark mode.
HELIX_COLOUR: dict[Helix, str] = {
    Helix.GOVERNMENT: "#3b73b9",
    Helix.BUSINESS: "#d9822b",
    Helix.EDUCATION: "#3f9b5a",
    Helix.CIVIL_SOCIETY: "#8e5ba8",
}

_TABLES: dict[type[StrEnum], tuple[str, dict[Any, str]]] = {
    Helix: ("Helix", HELIX),
    GovernmentLevel: ("GovernmentLevel", GOVERNMENT_LEVEL),
    Sector: ("Sector", SECTOR),
    EmailKind: ("EmailKind", EMAIL_KIND),
    PhoneKind: ("PhoneKind", PHONE_KIND),
}


def label(value: StrEnum | None) -> str:
    """The translated label of a vocabulary value; empty for None."""
    if value is None:
        return ""
    context, table = _TABLES[type(value)]
    return QCoreApplication.translate(context, table[value])


def choices(enum: type[StrEnum]) -> list[tuple[StrEnum, str]]:
    """Every member of ``enum`` with its translated label, in declaration order."""
    return [(member, label(member)) for member in enum]


def sectors_text(sectors: Iterable[Sector]) -> str:
    """Sectors as a comma-separated list of labels, in declaration order."""
    chosen = set(sectors)
    return ", ".join(label(s) for s in Sector if s in chosen)


def helix_colour(helix: Helix) -> QColor:
    """The swatch colour of a helix."""
    return QColor(HELIX_COLOUR[helix])


def yes_no(value: bool) -> str:
    """ "Yes" or "No", translated."""
    return (
        QCoreApplication.translate("labels", "Yes")
        if value
        else QCoreApplication.translate("labels", "No")
    )


def helix_swatch(helix: Helix, size: int = 12) -> QIcon:
    """A small filled square in the helix's colour, for combo boxes and lists."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(helix_colour(helix))
    painter.drawRoundedRect(1, 1, size - 2, size - 2, 2, 2)
    painter.end()
    return QIcon(pixmap)
