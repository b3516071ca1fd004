"""Fuzzing every reader: any input gives a sound table or an ImportFileError, nothing else."""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from techzone_crm.errors import ImportFileError
from techzone_crm.io.csv_reader import read_csv
from techzone_crm.io.limits import ReadLimits
from techzone_crm.io.readers import ENCODINGS, read_table
from techzone_crm.io.table import ImportTable
from techzone_crm.io.vcard_reader import read_vcards
from techzone_crm.io.xlsx_reader import read_xlsx
from techzone_crm.io.xlsx_writer import write_xlsx

#: Small limits, so that the limits themselves are reached too.
LIMITS = ReadLimits(
    max_bytes=256 * 1024,
    max_rows=40,
    max_columns=16,
    max_field_chars=300,
    max_unzipped_bytes=2 * 1024 * 1024,
    max_zip_members=40,
)
FUZZ = settings(
    max_examples=int(os.environ.get("TECHZONE_CRM_FUZZ_EXAMPLES", "120")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def assert_sound(table: ImportTable) -> None:
    width = len(table.headers)
    assert width <= LIMITS.max_columns
    assert all(isinstance(title, str) and title for title in table.headers)
    assert len({title.casefold() for title in table.headers}) == width
    assert len(table.rows) == len(table.row_numbers) <= LIMITS.max_rows
    for row in table.rows:
        assert len(row) == width
        assert all(isinstance(cell, str) for cell in row)
        assert any(row)
    assert all(a < b for a, b in zip(table.row_numbers, table.row_numbers[1:], strict=False))
    assert all(number >= 1 for number in table.row_numbers)


def read_or_refuse(read: Callable[[], ImportTable]) -> None:
    try:
        table = read()
    except ImportFileError as exc:
        assert exc.message
        return
    assert_sound(table)


def write(tmp_path: Path, data: bytes, name: str = "fuzz.bin") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@FUZZ
@given(data=st.binary(max_size=4096))
def test_any_bytes(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path, data)
    read_or_refuse(lambda: read_table(path, limits=LIMITS))
    read_or_refuse(lambda: read_csv(path, limits=LIMITS))
    read_or_refuse(lambda: read_vcards(path, limits=LIMITS))
    read_or_refuse(lambda: read_xlsx(path, limits=LIMITS))


_CELL = st.one_of(
    st.text(max_size=12),
    st.text(alphabet=";,\t|\"\r\n '=éëüß€ÿ\x85", max_size=8),
    st.sampled_from(["Jan", "van der", "Berg", "jan@x.nl", "+31 6 1234 5678", "", '"', '""']),
)
_QUOTED = st.builds(lambda cell: '"' + cell.replace('"', '""') + '"', _CELL)


@st.composite
def csv_bytes(draw: st.DrawFn) -> tuple[bytes, str | None, str | None]:
    delimiter = draw(st.sampled_from([";", ",", "\t", "|"]))
    width = draw(st.integers(1, 18))
    lines = [
        delimiter.join(draw(st.lists(st.one_of(_CELL, _QUOTED), min_size=0, max_size=width)))
        for _ in range(draw(st.integers(0, 45)))
    ]
    if draw(st.booleans()):
        lines.insert(0, f"sep={delimiter}")
    text = draw(st.sampled_from(["\r\n", "\n", "\r"])).join(lines)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252", "iso-8859-15"]))
    data = text.encode(encoding, errors="replace")
    explicit_encoding = draw(st.one_of(st.none(), st.sampled_from(ENCODINGS)))
    explicit_delimiter = draw(st.one_of(st.none(), st.sampled_from([";", ",", "\t", "|"])))
    return data, explicit_encoding, explicit_delimiter


@FUZZ
@given(case=csv_bytes())
def test_near_valid_csv_in_any_encoding(
    tmp_path: Path, case: tuple[bytes, str | None, str | None]
) -> None:
    data, encoding, delimiter = case
    path = write(tmp_path, data, "fuzz.csv")
    read_or_refuse(lambda: read_table(path, limits=LIMITS))
    read_or_refuse(
        lambda: read_csv(path, encoding=encoding, delimiter=delimiter, limit_rows=5, limits=LIMITS)
    )


_MEMBER_NAMES = st.sampled_from(
    [
        "[Content_Types].xml",
        "_rels/.rels",
        "xl/workbook.xml",
        "xl/_rels/workbook.xml.rels",
        "xl/worksheets/sheet1.xml",
        "xl/sharedStrings.xml",
        "xl/styles.xml",
        "docProps/core.xml",
        "mimetype",
        "word/document.xml",
        "x/../../evil.txt",
    ]
)
_XMLISH = st.one_of(
    st.binary(max_size=200),
    st.sampled_from(
        [
            b"<workbook/>",
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>',
            b'<sheetData><row r="1"><c r="A1" t="s"><v>7</v></c></row></sheetData>',
            b'<worksheet><sheetData><row r="99999999"><c r="ZZZZ1"><v>1e999</v></c>',
            b"",
        ]
    ),
)


def _sample_workbook() -> dict[str, bytes]:
    """The members of a small workbook as the exporter writes it."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sample.xlsx"
        write_xlsx(path, ["Naam", "E-mail"], [("Jan", "jan@x.nl"), ("Zoë", 5), ("=1", None)])
        with zipfile.ZipFile(path) as archive:
            return {name: archive.read(name) for name in archive.namelist()}


SAMPLE = _sample_workbook()


@st.composite
def zip_bytes(draw: st.DrawFn) -> bytes:
    members = dict(SAMPLE) if draw(st.booleans()) else {}
    for _ in range(draw(st.integers(0, 4))):
        name = draw(st.one_of(_MEMBER_NAMES, st.sampled_from(sorted(SAMPLE))))
        content = draw(_XMLISH)
        if name in members and draw(st.booleans()):
            original = members[name]
            cut = draw(st.integers(0, len(original)))
            content = original[:cut] + content + original[cut + len(content) :]
        members[name] = content
    buffer = io.BytesIO()
    method = draw(st.sampled_from([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED]))
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    data = buffer.getvalue()
    if draw(st.booleans()) and data:
        at = draw(st.integers(0, len(data) - 1))
        data = data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at + 1 :]
    return data


@FUZZ
@given(data=zip_bytes(), sheet=st.one_of(st.none(), st.sampled_from(["Export", "Blad1"])))
def test_zip_files_with_random_members(tmp_path: Path, data: bytes, sheet: str | None) -> None:
    path = write(tmp_path, data, "fuzz.xlsx")
    read_or_refuse(lambda: read_table(path, sheet=sheet, limits=LIMITS))


_VCARD_LINES = st.one_of(
    st.sampled_from(
        [
            "BEGIN:VCARD",
            "END:VCARD",
            "VERSION:2.1",
            "VERSION:3.0",
            "VERSION:4.0",
            "N:Berg;Jan;van der;dr.;",
            "N:van der Berg;Jan;;;",
            "N:;;;;",
            "N:a,b;c,d;e",
            "FN:Jan van der Berg",
            "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=BCrgen=",
            "NOTE;ENCODING=QUOTED-PRINTABLE:=0D=0A=ZZ=",
            "N;CHARSET=x-unknown;QUOTED-PRINTABLE:=E9;=FF",
            "EMAIL;TYPE=INTERNET,HOME:a@b.nl",
            "item1.EMAIL;type=pref:x@y.nl",
            "item1.X-ABLabel:_$!<Mobile>!$_",
            'TEL;TYPE="work,voice";VALUE=uri:tel:+31-50',
            "TEL;CELL:06",
            "ORG:Gemeente;Afdeling",
            "ORG:",
            "CATEGORIES:a,b,,c",
            "PHOTO;ENCODING=b:AAAA",
            "  AAAA",
            "EMAIL;ENCODING=b:!!!!",
            "BDAY:not a date",
            "REV:2024-13-45T99:99:99Z",
            "ADR:;;a;b;c;d;e;f;g",
            "X-FOO;=:",
            ";:",
            ":",
            "",
        ]
    ),
    st.text(max_size=30),
)


@FUZZ
@given(
    lines=st.lists(_VCARD_LINES, max_size=30),
    separator=st.sampled_from(["\r\n", "\n"]),
    encoding=st.sampled_from(["utf-8", "cp1252", "utf-16"]),
)
def test_vcard_like_text(tmp_path: Path, lines: list[str], separator: str, encoding: str) -> None:
    data = separator.join(["BEGIN:VCARD", *lines, "END:VCARD"]).encode(encoding, errors="replace")
    path = write(tmp_path, data, "fuzz.vcf")
    read_or_refuse(lambda: read_vcards(path, limits=LIMITS))
    read_or_refuse(lambda: read_table(path, limit_rows=3, limits=LIMITS))


@pytest.mark.parametrize("read", [read_csv, read_vcards, read_xlsx])
def test_limits_apply_to_every_reader(tmp_path: Path, read: Callable[..., ImportTable]) -> None:
    path = write(tmp_path, b"x" * (LIMITS.max_bytes + 1))
    with pytest.raises(ImportFileError, match="not imported"):
        read(path, limits=LIMITS)
