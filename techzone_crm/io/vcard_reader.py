"""vCard files (2.1, 3.0, 4.0) as tables: one row per card, in fixed columns.

Cards are split and their lines unfolded here, quoted-printable values (vCard 2.1 from
Android phones) decoded in their CHARSET, and photos, logos, sounds and keys left out;
vobject then parses each card.
"""

from __future__ import annotations

import binascii
import io
import quopri
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from techzone_crm.errors import ImportFileError
from techzone_crm.io.decoding import decode
from techzone_crm.io.import_fields import ImportField
from techzone_crm.io.limits import (
    DEFAULT_LIMITS,
    ReadLimits,
    field_too_long,
    read_bytes,
    too_many_rows,
)
from techzone_crm.io.table import ImportTable, SourceFormat
from techzone_crm.io.vcard_card import parse_card

#: The columns of a vCard file read as a table, and the field each one feeds.
VCARD_COLUMNS: tuple[tuple[str, ImportField], ...] = (
    ("Name", ImportField.FULL_NAME),
    ("Given name", ImportField.GIVEN_NAME),
    ("Name prefix", ImportField.NAME_PREFIX),
    ("Family name", ImportField.FAMILY_NAME),
    ("Title", ImportField.TITLE),
    ("E-mail (work)", ImportField.EMAIL),
    ("E-mail (private)", ImportField.EMAIL_PRIVATE),
    ("Phone (work)", ImportField.PHONE),
    ("Mobile", ImportField.MOBILE),
    ("Phone (private)", ImportField.PHONE_PRIVATE),
    ("Organisation", ImportField.ORGANISATION),
    ("Role", ImportField.ROLE),
    ("Notes", ImportField.NOTES),
    ("Categories", ImportField.TAGS),
)
VCARD_HEADERS = [title for title, _ in VCARD_COLUMNS]
#: Properties with binary content that the import has no use for.
SKIPPED = frozenset({"PHOTO", "LOGO", "SOUND", "KEY"})
#: "NAME;PARAMS:" of a content line: the first colon outside double quotes ends it.
_HEAD = re.compile(r'((?:[^:"]|"[^"]*")*):')
_NAME = re.compile(r"(?:[A-Za-z0-9-]+\.)?[A-Za-z0-9_-]+")
_QP = re.compile(r"(?:^|;)\s*(?:ENCODING\s*=\s*)?QUOTED-PRINTABLE\s*(?:;|$)", re.IGNORECASE)
_CHARSET = re.compile(r"CHARSET\s*=\s*\"?([A-Za-z0-9_.:-]+)", re.IGNORECASE)


def read_vcards(
    path: Path,
    *,
    encoding: str | None = None,
    limit_rows: int | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> ImportTable:
    """The cards in the vCard file at ``path`` as a table with the columns of VCARD_COLUMNS."""
    return parse_vcards(
        read_bytes(path, limits), encoding=encoding, limit_rows=limit_rows, limits=limits
    )


def parse_vcards(
    data: bytes,
    *,
    encoding: str | None = None,
    limit_rows: int | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> ImportTable:
    """The cards in ``data`` as a table (see :func:`read_vcards`)."""
    text, used = decode(data, encoding)
    rows: list[list[str]] = []
    numbers: list[int] = []
    truncated = False
    for number, lines in _cards(_logical_lines(io.StringIO(text, newline=None))):
        cells = parse_card(number, lines)
        if not any(cells):
            continue
        if len(rows) == limit_rows:
            truncated = True
            break
        if len(rows) == limits.max_rows:
            raise too_many_rows(limits, number)
        if max(map(len, cells)) > limits.max_field_chars:
            raise field_too_long(limits, number)
        rows.append(cells)
        numbers.append(number)
    return ImportTable(
        format=SourceFormat.VCARD,
        headers=list(VCARD_HEADERS),
        rows=rows,
        row_numbers=numbers,
        encoding=used,
        fixed_fields={i: field.value for i, (_, field) in enumerate(VCARD_COLUMNS)},
        truncated=truncated,
    )


def _property(line: str) -> tuple[str, str, str] | None:
    """(name, parameters, value) of a content line, or None when it is not one."""
    match = _HEAD.match(line)
    if not match:
        return None
    head = match.group(1)
    name = head.split(";", 1)[0].strip()
    if not _NAME.fullmatch(name):
        return None
    return name, head[len(name) :], line[match.end() :]


def _base_name(name: str) -> str:
    return name.rsplit(".", 1)[-1].upper()


def _logical_lines(lines: Iterable[str]) -> Iterator[tuple[int, str]]:
    """(line number, line) of every content line: folded lines unfolded, QP soft breaks joined.

    Lines of SKIPPED properties are left out without being joined.
    """
    parts: list[str] = []
    start = 0
    skipping = False
    soft_break = False
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r\n")
        if (parts or skipping) and (soft_break or line[:1] in (" ", "\t")):
            if skipping:
                continue
            if soft_break:
                parts[-1] = parts[-1][:-1]
                parts.append(line)
                soft_break = line.endswith("=")
            else:
                parts.append(line[1:])
            continue
        if parts:
            yield start, "".join(parts)
        start, parts, skipping, soft_break = number, [line], False, False
        prop = _property(line)
        if prop is not None:
            if _base_name(prop[0]) in SKIPPED:
                parts, skipping = [], True
            elif _QP.search(prop[1]):
                soft_break = line.endswith("=")
    if parts:
        yield start, "".join(parts)


def _decoded(line: str) -> str:
    """A content line with a quoted-printable value decoded and written plainly."""
    prop = _property(line)
    if prop is None:
        return line
    name, params, value = prop
    if not _QP.search(params):
        return line
    found = _CHARSET.search(params)
    charset = found.group(1) if found else "utf-8"
    raw = quopri.decodestring(value.encode("utf-8"))
    text = _text_of(raw, charset)
    kept = [
        p
        for p in params.split(";")
        if p.strip() and not _QP.fullmatch(f";{p}") and not _CHARSET.match(p.strip())
    ]
    escaped = text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")
    return f"{name}{''.join(';' + p for p in kept)}:{escaped}"


def _text_of(raw: bytes, charset: str) -> str:
    for candidate in (charset, "utf-8", "cp1252"):
        try:
            return raw.decode(candidate)
        except (LookupError, UnicodeDecodeError):
            continue
    return raw.decode("latin-1")


def _cards(lines: Iterable[tuple[int, str]]) -> Iterator[tuple[int, list[tuple[int, str]]]]:
    """(card number, its lines with their line numbers) for every card; nested cards skipped."""
    number = 0
    card: list[tuple[int, str]] | None = None
    depth = 0
    for line_number, line in lines:
        plain = line.strip()
        if not plain:
            continue
        upper = plain.upper().replace(" ", "")
        if upper == "BEGIN:VCARD":
            if card is None:
                number += 1
                card, depth = [], 1
            else:
                depth += 1  # a card inside a card (AGENT in vCard 2.1)
            continue
        if card is None:
            raise ImportFileError(
                f"line {line_number} is outside a card (a card starts with BEGIN:VCARD): "
                f"{_snippet(plain)}",
                number + 1,
            )
        if upper == "END:VCARD":
            depth -= 1
            if not depth:
                yield number, card
                card = None
            continue
        if depth == 1:
            if _property(line) is None:
                raise ImportFileError(
                    f"line {line_number} is not a vCard line: {_snippet(plain)}", number
                )
            try:
                card.append((line_number, _decoded(line)))
            except (ValueError, binascii.Error):
                raise ImportFileError(
                    f"line {line_number} has a value that cannot be decoded.", number
                ) from None
    if card is not None:
        raise ImportFileError("this card has no END:VCARD (the file may be cut off).", number)
    if not number:
        raise ImportFileError("The file holds no vCards (no line BEGIN:VCARD).")


def _snippet(text: str) -> str:
    shown = text[:40] + ("…" if len(text) > 40 else "")
    return repr(shown)
