"""Rows of text cells to a table: the header row, unique titles, equal row lengths, limits."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from techzone_crm.errors import ImportFileError
from techzone_crm.io.limits import ReadLimits, too_many_columns, too_many_rows
from techzone_crm.text import clean


@dataclass
class Collected:
    """A header and the rows under it, each as long as the header."""

    headers: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    row_numbers: list[int] = field(default_factory=list)
    truncated: bool = False


def column_title(index: int) -> str:
    """The title of a column whose header cell is empty (``index`` counts from 0)."""
    return f"Column {index + 1}"


def unique_titles(cells: Iterable[str]) -> list[str]:
    """Header titles: trimmed, blank ones named "Column 3", repeated ones "E-mail (2)"."""
    titles: list[str] = []
    seen: set[str] = set()
    for index, cell in enumerate(cells):
        title = clean(cell) or column_title(index)
        unique, count = title, 1
        while unique.casefold() in seen:
            count += 1
            unique = f"{title} ({count})"
        seen.add(unique.casefold())
        titles.append(unique)
    return titles


def _trimmed(cells: list[str]) -> list[str]:
    end = len(cells)
    while end and not cells[end - 1]:
        end -= 1
    return cells[:end]


def collect(
    records: Iterable[tuple[int, list[str]]],
    limits: ReadLimits,
    limit_rows: int | None = None,
) -> Collected:
    """The table in ``records`` ((row number, cells) pairs): the first non-empty row is the header.

    Empty rows are skipped; short rows are padded, longer rows may only have empty cells beyond
    the header. Refuses more than ``limits.max_columns`` columns or ``limits.max_rows`` rows;
    with ``limit_rows`` stops after that many rows (``truncated`` says whether more followed).
    """
    result = Collected()
    rows, numbers = result.rows, result.row_numbers
    max_columns, max_rows = limits.max_columns, limits.max_rows
    width = -1
    for number, cells in records:
        if not any(cells):
            continue
        count = len(cells)
        if count != width:
            if count > max_columns:
                cells = _trimmed(cells)
                count = len(cells)
                if count > max_columns:
                    raise too_many_columns(limits, number, count)
            if width < 0:
                result.headers = unique_titles(cells)
                width = len(result.headers)
                continue
            if count < width:
                cells = cells + [""] * (width - count)
            elif count > width:
                if any(cells[width:]):
                    used = len(_trimmed(cells))
                    raise ImportFileError(
                        f"this row has {used} cells, but the header has only {width} columns.",
                        number,
                    )
                cells = cells[:width]
        if len(rows) == limit_rows:
            result.truncated = True
            break
        if len(rows) == max_rows:
            raise too_many_rows(limits, number)
        rows.append(cells)
        numbers.append(number)
    _drop_unused_blank_columns(result)
    return result


def _drop_unused_blank_columns(table: Collected) -> None:
    """Columns at the end with neither a title nor any value (Excel's trailing ";;;") go."""
    keep = len(table.headers)
    while keep and table.headers[keep - 1] == column_title(keep - 1):
        index = keep - 1
        if any(row[index] for row in table.rows):
            break
        keep -= 1
    if keep < len(table.headers):
        del table.headers[keep:]
        for row in table.rows:
            del row[keep:]
