"""Spreadsheet formula injection: text that a spreadsheet would run is made inert."""

from __future__ import annotations

from datetime import date, datetime

from techzone_crm.io.rows import Cell

#: Spreadsheets start a formula (or a DDE call) at these characters.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """``text`` with a leading apostrophe when a spreadsheet would read it as a formula."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def is_number(value: Cell) -> bool:
    """Whether ``value`` is a number cell (booleans are not numbers here)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def cell_text(value: Cell, decimal_comma: bool = False) -> str:
    """A cell as the text of a CSV field: text neutralised, numbers and dates kept plain."""
    if value is None:
        return ""
    if isinstance(value, str):
        return neutralise(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        text = repr(value)
        return text.replace(".", ",") if decimal_comma else text
    return str(value)
