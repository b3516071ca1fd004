"""CSV files as tables: the encoding and the delimiter are found unless they are given."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

from techzone_crm.errors import ImportFileError
from techzone_crm.io.decoding import decode
from techzone_crm.io.limits import DEFAULT_LIMITS, ReadLimits, field_too_long, read_bytes
from techzone_crm.io.table import ImportTable, SourceFormat
from techzone_crm.io.table_rows import collect

#: The delimiters looked for, in the order preferred when the file does not decide.
DELIMITERS: tuple[str, ...] = (";", ",", "\t", "|")
#: Excel's first-line hint "sep=;" names the delimiter.
_SEP_LINE = re.compile(r"sep=(.)[ \t]*(?:\r\n|\r|\n|$)", re.IGNORECASE)
_SNIFF_CHARS = 65_536
_SNIFF_RECORDS = 25


def read_csv(
    path: Path,
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    limit_rows: int | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> ImportTable:
    """The CSV file at ``path`` as a table; raises :class:`ImportFileError` for a broken file."""
    return parse_csv(
        read_bytes(path, limits),
        encoding=encoding,
        delimiter=delimiter,
        limit_rows=limit_rows,
        limits=limits,
    )


def parse_csv(
    data: bytes,
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    limit_rows: int | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> ImportTable:
    """The CSV text in ``data`` as a table (see :func:`read_csv`)."""
    text, used = decode(data, encoding)
    hint = _SEP_LINE.match(text)
    if hint:
        text = text[hint.end() :]
    chosen = delimiter or (hint.group(1) if hint else None) or sniff_delimiter(text)
    if len(chosen) != 1 or chosen in '"\r\n':
        raise ImportFileError(f"{chosen!r} cannot be the delimiter of a CSV file.")
    previous = csv.field_size_limit()
    csv.field_size_limit(limits.max_field_chars)
    try:
        table = collect(_records(text, chosen, limits), limits, limit_rows)
    finally:
        csv.field_size_limit(previous)
    if not table.headers:
        raise ImportFileError("The file holds no rows (not even a header).")
    return ImportTable(
        format=SourceFormat.CSV,
        headers=table.headers,
        rows=table.rows,
        row_numbers=table.row_numbers,
        encoding=used,
        delimiter=chosen,
        truncated=table.truncated,
    )


def _records(text: str, delimiter: str, limits: ReadLimits) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    start = 1
    try:
        for cells in reader:
            yield start, cells
            start = reader.line_num + 1
    except csv.Error as exc:
        raise _csv_problem(exc, start, limits) from None


def _csv_problem(exc: csv.Error, line: int, limits: ReadLimits) -> ImportFileError:
    text = str(exc)
    if "field limit" in text:
        return field_too_long(limits, line)
    if "end of data" in text or "expected after" in text:
        return ImportFileError(
            "a quoted cell starts here but is not closed properly (a quotation mark inside "
            'a quoted cell must be written twice: "").',
            line,
        )
    return ImportFileError(f"this line is not valid CSV ({text}).", line)


def sniff_delimiter(text: str) -> str:
    """The delimiter of the CSV ``text``: the one that splits its first lines most consistently.

    Delimiters inside quotes are not counted. The header line must contain the delimiter;
    a file with one column gets a delimiter that does not occur in it.
    """
    sample = text[:_SNIFF_CHARS]
    records = _delimiter_counts(sample, complete=len(text) <= _SNIFF_CHARS)
    if not records:
        return DELIMITERS[0]
    header, rest = records[0], records[1:]
    best: tuple[float, int, int] | None = None
    chosen = ""
    for rank, candidate in enumerate(DELIMITERS):
        expected = header[candidate]
        if not expected:
            continue
        same = sum(1 for counts in rest if counts[candidate] == expected)
        score = (same / len(rest) if rest else 1.0, expected, -rank)
        if best is None or score > best:
            best, chosen = score, candidate
    if chosen:
        return chosen
    totals = {d: sum(counts[d] for counts in records) for d in DELIMITERS}
    return min(DELIMITERS, key=lambda d: (totals[d], DELIMITERS.index(d)))


def _delimiter_counts(sample: str, complete: bool) -> list[dict[str, int]]:
    """For each of the first records of ``sample``: how often each delimiter occurs unquoted."""
    records: list[dict[str, int]] = []
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    filled = False
    for char in sample:
        if char == '"':
            quoted = not quoted
            filled = True
        elif quoted:
            continue
        elif char == "\n" or char == "\r":
            if filled:
                records.append(counts)
                if len(records) >= _SNIFF_RECORDS:
                    return records
                counts = dict.fromkeys(DELIMITERS, 0)
                filled = False
        elif char in counts:
            counts[char] += 1
            filled = True
        elif not filled and not char.isspace():
            filled = True
    if filled and complete:
        records.append(counts)
    return records
