"""XLSX workbooks as tables (openpyxl, read-only), after the zip archive was checked for bombs.

Cells become text: whole numbers without ".0" (612345678), other numbers without an exponent,
dates as ISO dates ("2025-03-01", with the time only when there is one), TRUE/FALSE as
"yes"/"no", a formula its last calculated value ("" when the file holds none).
"""

from __future__ import annotations

import math
import warnings
import zipfile
from collections.abc import Generator, Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from techzone_crm.errors import ImportFileError
from techzone_crm.io.limits import (
    DEFAULT_LIMITS,
    MIB,
    ReadLimits,
    field_too_long,
    file_size,
    size_text,
)
from techzone_crm.io.table import ImportTable, SourceFormat
from techzone_crm.io.table_rows import collect

#: Members smaller than this are not judged by their compression ratio (tiny XML parts of a
#: sheet compress well without being a bomb).
ZIP_RATIO_MIN_BYTES = MIB
WORKBOOK_PART = "xl/workbook.xml"
DAMAGED = "The workbook is damaged or not a valid .xlsx file"
_OTHER_DOCUMENTS = (
    ("word/document.xml", "a Word document (.docx)"),
    ("ppt/presentation.xml", "a PowerPoint presentation (.pptx)"),
    ("xl/workbook.bin", "a binary Excel workbook (.xlsb)"),
)


def check_archive(path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> None:
    """Refuse ``path`` unless it is a zip archive with an Excel workbook and no zip bomb.

    Only the directory of the archive is read; nothing is decompressed.
    """
    file_size(path, limits)
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            _check_members(members, limits)
            names = {member.filename for member in members}
            if WORKBOOK_PART in names:
                return
            mimetype = b""
            if "mimetype" in names and archive.getinfo("mimetype").file_size < 200:
                mimetype = archive.read("mimetype")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        raise ImportFileError(f"{DAMAGED} (the zip archive cannot be opened).") from None
    except (NotImplementedError, RuntimeError):
        # Unknown compression methods and encrypted members.
        raise ImportFileError(f"{DAMAGED} (it is compressed or encrypted unusually).") from None
    raise ImportFileError(_not_a_workbook(names, mimetype))


def _check_members(members: list[zipfile.ZipInfo], limits: ReadLimits) -> None:
    if len(members) > limits.max_zip_members:
        raise ImportFileError(
            f"{DAMAGED}: it holds {len(members):,} parts (at most "
            f"{limits.max_zip_members:,} are accepted)."
        )
    total = 0
    for member in members:
        total += member.file_size
        if total > limits.max_unzipped_bytes:
            raise ImportFileError(
                f"The workbook would unpack to more than {size_text(limits.max_unzipped_bytes)}; "
                "it is not imported (it may be a zip bomb)."
            )
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size >= ZIP_RATIO_MIN_BYTES and ratio > limits.max_zip_ratio:
            raise ImportFileError(
                f"The workbook is compressed suspiciously strongly ({member.filename} unpacks "
                f"{ratio:,.0f} times larger); it is not imported (it may be a zip bomb)."
            )


def _not_a_workbook(names: set[str], mimetype: bytes) -> str:
    if b"opendocument.spreadsheet" in mimetype:
        kind = "an OpenDocument spreadsheet (.ods)"
    elif b"opendocument" in mimetype:
        kind = "an OpenDocument file"
    else:
        kind = next((k for part, k in _OTHER_DOCUMENTS if part in names), "a zip archive")
    return f"The file is {kind}, not an Excel workbook: save it as .xlsx or CSV and import that."


def _require_defusedxml() -> None:
    # openpyxl (with NumPy, when installed) is loaded here, not when the application starts.
    import openpyxl.xml

    if not openpyxl.xml.DEFUSEDXML:
        raise ImportFileError(
            "Excel workbooks cannot be read safely here (the defusedxml package is missing); "
            "save the list as CSV and import that."
        )


def sheet_names(path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> list[str]:
    """The names of the worksheets of the workbook at ``path``, in workbook order."""
    check_archive(path, limits)
    _require_defusedxml()
    with _workbook(path) as workbook:
        try:
            return [str(sheet.title) for sheet in workbook.worksheets]
        except Exception as exc:
            raise _damaged(exc) from None


def read_xlsx(
    path: Path,
    *,
    sheet: str | None = None,
    limit_rows: int | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> ImportTable:
    """The first sheet (or the sheet named ``sheet``) of the workbook at ``path`` as a table."""
    check_archive(path, limits)
    _require_defusedxml()
    with _workbook(path) as workbook:
        worksheet = _worksheet(workbook, sheet)
        records = _records(worksheet, limits)
        try:
            table = collect(records, limits, limit_rows)
        finally:
            # Stopping early leaves the sheet's XML open until the generator is closed.
            records.close()
    if not table.headers:
        raise ImportFileError(f"The sheet '{worksheet.title}' is empty.")
    return ImportTable(
        format=SourceFormat.XLSX,
        headers=table.headers,
        rows=table.rows,
        row_numbers=table.row_numbers,
        sheet=str(worksheet.title),
        truncated=table.truncated,
    )


def _damaged(exc: BaseException) -> ImportFileError:
    return ImportFileError(f"{DAMAGED} ({type(exc).__name__}).")


@contextmanager
def _workbook(path: Path) -> Iterator[Any]:
    """The workbook at ``path`` opened read-only; the file is closed afterwards in any case."""
    import openpyxl

    with warnings.catch_warnings(), path.open("rb") as stream:
        # openpyxl warns about styles and extensions it ignores; they do not matter here.
        warnings.simplefilter("ignore")
        # Hostile XML can make openpyxl fail in many ways (defusedxml's own errors, KeyError,
        # ValueError, BadZipFile on a bad checksum …); each one means the same to the user.
        try:
            workbook = openpyxl.load_workbook(
                stream, read_only=True, data_only=True, keep_links=False
            )
        except Exception as exc:
            raise _damaged(exc) from None
        try:
            yield workbook
        finally:
            workbook.close()


def _worksheet(workbook: Any, name: str | None) -> Any:
    try:
        sheets = list(workbook.worksheets)
    except Exception as exc:
        raise _damaged(exc) from None
    if not sheets:
        raise ImportFileError("The workbook has no worksheets.")
    if name is None:
        return sheets[0]
    for sheet in sheets:
        if sheet.title == name:
            return sheet
    titles = ", ".join(f"'{sheet.title}'" for sheet in sheets)
    raise ImportFileError(f"The workbook has no sheet '{name}'; its sheets are {titles}.")


def _records(worksheet: Any, limits: ReadLimits) -> Generator[tuple[int, list[str]], None, None]:
    try:
        # A stored dimension may be wrong (or hostile: A1:XFD1048576); read what is there.
        worksheet.reset_dimensions()
        rows = worksheet.iter_rows(values_only=True)
    except Exception as exc:
        raise _damaged(exc) from None
    max_chars = limits.max_field_chars
    number = 0
    try:
        while True:
            try:
                values = next(rows, None)
            except Exception as exc:
                raise _damaged(exc) from None
            if values is None:
                return
            number += 1
            cells = [cell_text(value) for value in values]
            if cells and max(map(len, cells)) > max_chars:
                raise field_too_long(limits, number)
            yield number, cells
    finally:
        rows.close()


def cell_text(value: object) -> str:
    """A cell value of openpyxl as the text the importer reads."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return ""
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return format(Decimal(repr(value)), "f")
    if isinstance(value, datetime):
        if value.time() == time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    return str(value)
