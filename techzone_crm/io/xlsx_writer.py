"""XLSX workbooks (XlsxWriter): one table with a bold, frozen, filterable header.

Every text cell is written with ``write_string``, so nothing becomes a formula or a number
(phone numbers and postcodes stay as typed); dates are real dates.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from techzone_crm.io.rows import Cell
from techzone_crm.io.sanitise import is_number

#: Excel refuses longer text in one cell.
MAX_CELL_TEXT = 32_767
MIN_WIDTH = 6
MAX_WIDTH = 60
DATE_FORMAT = "dd-mm-yyyy"
DATE_WIDTH = 11


def _width(value: Cell) -> int:
    if value is None:
        return 0
    if isinstance(value, date):
        return DATE_WIDTH
    text = str(value)
    return max((len(line) for line in text.splitlines()), default=0)


def write_xlsx(
    path: Path,
    header: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    sheet_name: str = "Export",
) -> int:
    """Write ``header`` and ``rows`` as a formatted sheet; returns the number of rows written."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(
        str(path),
        {
            "constant_memory": True,
            "strings_to_numbers": False,
            "strings_to_formulas": False,
            "strings_to_urls": False,
        },
    )
    try:
        sheet = workbook.add_worksheet(sheet_name[:31])
        bold = workbook.add_format({"bold": True, "bg_color": "#DDE4EE", "bottom": 1})
        dates = workbook.add_format({"num_format": DATE_FORMAT})
        widths = [len(title) + 3 for title in header]  # room for the filter button
        for col, title in enumerate(header):
            sheet.write_string(0, col, title, bold)
        count = 0
        for count, row in enumerate(rows, start=1):
            for col, value in enumerate(row):
                _write(sheet, count, col, value, dates)
                if col < len(widths):
                    widths[col] = max(widths[col], _width(value) + 1)
        for col, width in enumerate(widths):
            sheet.set_column(col, col, min(max(width, MIN_WIDTH), MAX_WIDTH))
        if header:
            sheet.autofilter(0, 0, count, len(header) - 1)
        sheet.freeze_panes(1, 0)
    finally:
        workbook.close()
    return count


def _write(sheet: Any, row: int, col: int, value: Cell, dates: Any) -> None:
    if value is None:
        return
    if isinstance(value, str):
        if value:
            sheet.write_string(row, col, value[:MAX_CELL_TEXT])
    elif isinstance(value, datetime):
        sheet.write_datetime(row, col, value.replace(tzinfo=None), dates)
    elif isinstance(value, date):
        day = datetime(value.year, value.month, value.day)
        sheet.write_datetime(row, col, day, dates)
    elif is_number(value):
        sheet.write_number(row, col, value)
    else:
        sheet.write_string(row, col, str(value)[:MAX_CELL_TEXT])
