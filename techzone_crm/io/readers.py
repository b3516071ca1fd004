"""Any importable file as a table: the format is found from the content, not the file name.

Every refusal (too big, broken, hostile, not a list at all) is an :class:`ImportFileError`.
"""

from __future__ import annotations

import codecs
from contextlib import nullcontext
from pathlib import Path

from techzone_crm.errors import ImportFileError
from techzone_crm.gc_pause import collection_paused
from techzone_crm.io.csv_reader import DELIMITERS, read_csv
from techzone_crm.io.decoding import NOT_TEXT
from techzone_crm.io.limits import DEFAULT_LIMITS, ReadLimits, file_size
from techzone_crm.io.table import ImportTable, SourceFormat
from techzone_crm.io.vcard_reader import read_vcards
from techzone_crm.io.xlsx_reader import read_xlsx
from techzone_crm.io.xlsx_reader import sheet_names as xlsx_sheet_names

__all__ = ["DELIMITERS", "ENCODINGS", "detect_format", "read_table", "sheet_names"]

#: The encodings a user can choose for a CSV or vCard file.
ENCODINGS: tuple[str, ...] = ("utf-8", "cp1252", "utf-16", "iso-8859-15")

_SAVE_AS = "save it as .xlsx or CSV and import that"
#: Leading bytes of files that are certainly no list, and what to tell the user.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "an old Excel workbook (.xls) or a password-protected file; open it in Excel and "
        + _SAVE_AS,
    ),
    (b"%PDF", "a PDF document, not a list"),
    (b"\x89PNG", "an image (PNG), not a list"),
    (b"\xff\xd8\xff", "an image (JPEG), not a list"),
    (b"GIF8", "an image (GIF), not a list"),
    (b"II*\x00", "an image (TIFF), not a list"),
    (b"MM\x00*", "an image (TIFF), not a list"),
    (b"\x1f\x8b", "a compressed archive (gzip); unpack it first"),
    (b"7z\xbc\xaf\x27\x1c", "a compressed archive (7-Zip); unpack it first"),
    (b"Rar!", "a compressed archive (RAR); unpack it first"),
    (b"{\\rtf", "a Word or WordPad document (RTF); " + _SAVE_AS),
)
_MARKUP = ("<?xml", "<html", "<!doctype", "<table", "<head", "<body")
_HEAD_BYTES = 4096


def _head_text(head: bytes, encoding: str | None) -> str:
    """The start of a text file, for recognising it."""
    if encoding is not None:
        try:
            return head.decode(encoding, errors="ignore").lstrip("\ufeff")
        except (LookupError, ValueError, TypeError):
            pass  # the reader says what is wrong with the encoding
    for bom, found in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if head.startswith(bom):
            # The head may end inside a character; the rest is what counts.
            return head.decode(found, errors="ignore").lstrip("\ufeff")
    return head.decode("cp1252", errors="ignore")


def detect_format(
    path: Path, limits: ReadLimits = DEFAULT_LIMITS, *, encoding: str | None = None
) -> SourceFormat:
    """What kind of list the file at ``path`` is, judged by its content.

    A zip archive is taken as XLSX, text starting with BEGIN:VCARD as vCard, other text as
    CSV. Old .xls workbooks, PDFs, images, archives and other binary files are refused.
    ``encoding`` is the encoding the user chose for a text file, if any.
    """
    file_size(path, limits)
    try:
        with path.open("rb") as f:
            head = f.read(_HEAD_BYTES)
    except OSError as exc:
        raise ImportFileError(f"The file {path.name} cannot be read: {exc.strerror}.") from None
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return SourceFormat.XLSX
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            raise ImportFileError(f"The file is {kind}.")
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        raise ImportFileError("The file is an image (WebP), not a list.")
    text = _head_text(head, encoding).lstrip()
    if text[:11].upper() == "BEGIN:VCARD":
        return SourceFormat.VCARD
    if text[:10].casefold().startswith(_MARKUP):
        raise ImportFileError(
            "The file is a web page or XML file, not a CSV file; open it in Excel and "
            + _SAVE_AS
            + "."
        )
    utf16 = head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if encoding is None and b"\x00" in head and not utf16:
        if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
            return SourceFormat.CSV  # refused by the CSV reader, which says why
        raise ImportFileError(NOT_TEXT)
    return SourceFormat.CSV


def read_table(
    path: Path,
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    sheet: str | None = None,
    limit_rows: int | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> ImportTable:
    """The list in the file at ``path`` as a table of text cells.

    ``encoding`` (CSV, vCard) and ``delimiter`` (CSV) override what is found; ``sheet`` names
    the sheet of a workbook (default: the first); ``limit_rows`` reads only that many rows
    (a preview; the table is then marked ``truncated`` when more follow).
    """
    fmt = detect_format(path, limits, encoding=encoding)
    # A whole file is bulk work (see gc_pause); a preview of a few rows, read on the GUI
    # thread, is not, and must not freeze what the window holds.
    with collection_paused() if limit_rows is None else nullcontext():
        if fmt is SourceFormat.XLSX:
            return read_xlsx(path, sheet=sheet, limit_rows=limit_rows, limits=limits)
        if fmt is SourceFormat.VCARD:
            return read_vcards(path, encoding=encoding, limit_rows=limit_rows, limits=limits)
        return read_csv(
            path, encoding=encoding, delimiter=delimiter, limit_rows=limit_rows, limits=limits
        )


def sheet_names(path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> list[str]:
    """The worksheets of the workbook at ``path``; [] for a CSV or vCard file."""
    if detect_format(path, limits) is not SourceFormat.XLSX:
        return []
    return xlsx_sheet_names(path, limits)
