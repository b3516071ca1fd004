"""How much of a file the importers accept before they refuse it as too big or hostile."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from techzone_crm.errors import ImportFileError

MIB = 1024 * 1024


@dataclass(frozen=True)
class ReadLimits:
    """Bounds on an imported file; a file beyond any of them is refused."""

    max_bytes: int = 50 * MIB
    max_rows: int = 250_000
    max_columns: int = 200
    max_field_chars: int = 20_000
    #: XLSX: the uncompressed size of all members of the zip archive together.
    max_unzipped_bytes: int = 300 * MIB
    #: XLSX: uncompressed size / compressed size of one member (a zip bomb compresses extremely).
    max_zip_ratio: int = 100
    max_zip_members: int = 5_000


DEFAULT_LIMITS = ReadLimits()


def size_text(size: int) -> str:
    """A byte count as a person reads it: "50 MB", "300 KB", "12 bytes"."""
    if size >= MIB:
        return f"{size / MIB:.0f} MB"
    if size >= 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size} bytes"


def file_size(path: Path, limits: ReadLimits) -> int:
    """The size of ``path``; refuses a missing, unreadable, empty or too big file."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise ImportFileError(f"The file {path.name} does not exist.") from None
    except OSError as exc:
        raise ImportFileError(f"The file {path.name} cannot be read: {exc.strerror}.") from None
    if not path.is_file():
        raise ImportFileError(f"{path.name} is not a file.")
    if stat.st_size == 0:
        raise ImportFileError("The file is empty.")
    if stat.st_size > limits.max_bytes:
        raise ImportFileError(
            f"The file is {size_text(stat.st_size)}; files over "
            f"{size_text(limits.max_bytes)} are not imported. Split the list into smaller files."
        )
    return stat.st_size


def read_bytes(path: Path, limits: ReadLimits) -> bytes:
    """The whole file, after its size was checked against ``limits``."""
    file_size(path, limits)
    try:
        with path.open("rb") as f:
            # Read at most one byte more than allowed: the file may grow after the check.
            data = f.read(limits.max_bytes + 1)
    except OSError as exc:
        raise ImportFileError(f"The file {path.name} cannot be read: {exc.strerror}.") from None
    if len(data) > limits.max_bytes:
        raise ImportFileError(
            f"The file is larger than {size_text(limits.max_bytes)}; it is not imported."
        )
    return data


def too_many_rows(limits: ReadLimits, row: int) -> ImportFileError:
    """The error for a file with more rows than ``limits`` allow."""
    return ImportFileError(
        f"The file has more than {limits.max_rows:,} rows; split it into smaller files.", row
    )


def too_many_columns(limits: ReadLimits, row: int, count: int) -> ImportFileError:
    """The error for a row with more columns than ``limits`` allow."""
    return ImportFileError(
        f"{count:,} columns; a list may have at most {limits.max_columns:,} columns.", row
    )


def field_too_long(limits: ReadLimits, row: int) -> ImportFileError:
    """The error for a cell longer than ``limits`` allow."""
    return ImportFileError(
        f"a cell is longer than {limits.max_field_chars:,} characters "
        "(perhaps a quotation mark that is never closed).",
        row,
    )
