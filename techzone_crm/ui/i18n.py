"""Helpers for translatable text (Qt Linguist).

``pyside6-lupdate`` collects strings by the names ``tr``, ``translate`` and
``QT_TRANSLATE_NOOP``; this module defines a typed ``QT_TRANSLATE_NOOP`` (Qt's stub returns
``object``) so that tables of source texts stay ``str`` for the type checker.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    """Mark ``source`` for translation in ``context``; it is translated where it is shown."""
    del context
    return source


def translate(context: str, source: str) -> str:
    """``source`` translated in ``context`` (unchanged while no translation is installed)."""
    return QCoreApplication.translate(context, source)
