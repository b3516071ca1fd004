"""A date that may be unknown: a check box that switches a date field on."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale, Signal
from PySide6.QtWidgets import QCheckBox, QDateEdit, QHBoxLayout, QWidget

# The date field shows its special text at its minimum, so the minimum stands for "unknown".
_UNKNOWN = QDate(1900, 1, 1)


def to_qdate(day: date) -> QDate:
    """A Python date as a QDate (the bindings' type stubs do not take a date)."""
    return QDate(day.year, day.month, day.day)


def date_edit(with_weekday: bool = False) -> QDateEdit:
    """A date field with a calendar, in the format the lists use (the locale's short date;
    ISO without a real locale, whose short format "4 03 2026" reads badly)."""
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        shown = "yyyy-MM-dd"
    else:
        shown = locale.dateFormat(QLocale.FormatType.ShortFormat)
    # The weekday ("Tue 2026-05-14") makes a meeting's date easy to check against the diary.
    edit.setDisplayFormat(f"ddd {shown}" if with_weekday else shown)
    return edit


class OptionalDateEdit(QWidget):
    """A date or nothing. Unchecked means unknown; checking it starts from today.

    Signals:
        changed(): the date or its presence changed.
    """

    changed = Signal()

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = QCheckBox()
        self.check.setAccessibleName(self.tr("{name} known").format(name=accessible_name))
        self.check.setToolTip(self.tr("Tick to enter a date; leave empty if unknown"))
        self.edit = date_edit()
        self.edit.setAccessibleName(accessible_name)
        self.edit.setMinimumDate(_UNKNOWN)
        self.edit.setSpecialValueText(self.tr("not set"))
        self.edit.setDate(_UNKNOWN)
        self.edit.setEnabled(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.edit, 1)
        self.check.toggled.connect(self._toggled)
        self.edit.dateChanged.connect(lambda _d: self.changed.emit())

    def _toggled(self, on: bool) -> None:
        self.edit.setEnabled(on)
        if on and self.edit.date() == _UNKNOWN:
            self.edit.setDate(QDate.currentDate())
        if not on:
            self.edit.setDate(_UNKNOWN)
        if on:
            self.edit.setFocus()
        self.changed.emit()

    def value(self) -> date | None:
        """The date, or None when unknown."""
        if not self.check.isChecked() or self.edit.date() == _UNKNOWN:
            return None
        day = self.edit.date()
        return date(day.year(), day.month(), day.day())

    def set_value(self, value: date | None) -> None:
        """Show ``value`` (None: unknown)."""
        self.check.setChecked(value is not None)
        self.edit.setDate(to_qdate(value) if value is not None else _UNKNOWN)
        self.edit.setEnabled(value is not None)
