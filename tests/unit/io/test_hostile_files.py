"""Hostile and broken files are refused quickly, with a message a user understands."""

from __future__ import annotations

import codecs
import io
import os
import time
import zipfile
from pathlib import Path

import pytest

from techzone_crm.errors import ImportFileError
from techzone_crm.io.limits import MIB, ReadLimits
from techzone_crm.io.readers import detect_format, read_table, sheet_names

#: A refusal must not read the whole file first.
QUICK = 2.0


def refused(path: Path, match: str, **kwargs: object) -> ImportFileError:
    started = time.perf_counter()
    with pytest.raises(ImportFileError, match=match) as caught:
        read_table(path, **kwargs)  # type: ignore[arg-type]
    assert time.perf_counter() - started < QUICK
    return caught.value


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def zip_bomb(path: Path, size: int = 50 * MIB) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as member:
            block = b"\0" * MIB
            for _ in range(size // MIB):
                member.write(block)
    return path


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = write(tmp_path, "big.csv", b"Naam\r\n" + b"Jan\r\n" * 1000)
    error = refused(path, "files over 1 KB are not imported", limits=ReadLimits(max_bytes=1024))
    assert "Split the list" in error.message
    with pytest.raises(ImportFileError, match="files over 1 KB"):
        detect_format(path, ReadLimits(max_bytes=1024))


def test_an_empty_or_missing_file(tmp_path: Path) -> None:
    refused(write(tmp_path, "empty.csv", b""), "The file is empty")
    refused(tmp_path / "missing.csv", "does not exist")
    refused(tmp_path, "is not a file")


def test_a_zip_bomb_posing_as_xlsx_is_refused_without_unpacking(tmp_path: Path) -> None:
    path = zip_bomb(tmp_path / "bomb.xlsx")
    assert path.stat().st_size < MIB
    error = refused(path, "zip bomb")
    assert "xl/worksheets/sheet1.xml" in error.message
    started = time.perf_counter()
    with pytest.raises(ImportFileError, match="zip bomb"):
        sheet_names(path)
    assert time.perf_counter() - started < QUICK


def test_a_workbook_that_would_unpack_too_big_is_refused(tmp_path: Path) -> None:
    path = zip_bomb(tmp_path / "bomb.xlsx", size=3 * MIB)
    refused(path, "unpack to more than 2 MB", limits=ReadLimits(max_unzipped_bytes=2 * MIB))


def test_a_workbook_with_too_many_parts_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "parts.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        for i in range(30):
            archive.writestr(f"xl/media/{i}.bin", b"x")
    refused(path, "holds 31 parts", limits=ReadLimits(max_zip_members=20))


def test_a_zip_whose_sizes_lie_is_refused_as_damaged(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", b"<workbook/>" + b" " * 5000)
    data = bytearray(buffer.getvalue())
    directory = data.rfind(b"PK\x01\x02")
    data[directory + 24 : directory + 28] = (20).to_bytes(4, "little")  # uncompressed size
    data[22:26] = (20).to_bytes(4, "little")
    refused(write(tmp_path, "lie.xlsx", bytes(data)), "damaged")


@pytest.mark.parametrize(
    ("data", "match"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF document"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "image"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, r"old Excel workbook \(.xls\)"),
        (b"\x1f\x8b\x08\x00", "compressed archive"),
        (b"<html><body><table><tr><td>Naam</td>", "web page"),
        (b"{\\rtf1\\ansi Naam;E-mail", "RTF"),
    ],
)
def test_a_file_that_is_something_else_says_what_it_is(
    tmp_path: Path, data: bytes, match: str
) -> None:
    refused(write(tmp_path, "list.xlsx", data), match)
    refused(write(tmp_path, "list.csv", data), match)


def test_xls_advice_is_to_save_as_xlsx_or_csv(tmp_path: Path) -> None:
    error = refused(write(tmp_path, "old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), "xls")
    assert "save it as .xlsx or CSV" in error.message


def test_random_binary_is_refused(tmp_path: Path) -> None:
    data = os.urandom(64 * 1024)
    refused(write(tmp_path, "random.csv", b"Naam;E-mail\r\n" + data), "not a text file")
    no_nul = bytes(b for b in os.urandom(64 * 1024) if b)
    refused(write(tmp_path, "random2.csv", no_nul), "not a text file|encoding that cannot be read")


def test_text_with_nul_bytes_is_refused(tmp_path: Path) -> None:
    refused(write(tmp_path, "nul.csv", b"Naam;E-mail\r\nJan\x00;x\r\n"), "not a text file")
    refused(write(tmp_path, "nul2.csv", b"Naam\r\n" + b"Jan\r\n" * 2000 + b"\x00"), "binary")


def test_control_characters_make_a_file_binary(tmp_path: Path) -> None:
    data = b"Naam;E-mail\r\n" + b"Jan\x01\x02\x03\x04;\x05\x06\x07\x08\x0e\x0f\r\n" * 50
    refused(write(tmp_path, "controls.csv", data), "not a text file")


@pytest.mark.parametrize("codec", ["utf-32", "utf-32-be"])
def test_utf32_is_refused(tmp_path: Path, codec: str) -> None:
    data = "Naam;E-mail\r\nJan;jan@x.nl\r\n".encode(codec)
    if codec == "utf-32-be":
        data = codecs.BOM_UTF32_BE + data
    refused(write(tmp_path, "utf32.csv", data), "UTF-32|not a text file")


def test_ebcdic_is_an_unknown_encoding(tmp_path: Path) -> None:
    text = "Naam;E-mailadres;Organisatie\nJan de Vries;jan@gemeente.nl;Gemeente Assen\n" * 20
    data = text.encode("cp500").replace(b"\x25", b"\x15")
    refused(write(tmp_path, "ebcdic.csv", data), "encoding that cannot be read|not a text file")
    greek_as_1252 = ("Όνομα;Πόλη\r\n" + "Γιάννης Παπαδόπουλος;Αθήνα\r\n" * 20).encode("cp1253")
    refused(write(tmp_path, "greek.csv", greek_as_1252), "encoding that cannot be read")


def test_unbalanced_quotes_are_refused_with_the_line_where_the_cell_starts(
    tmp_path: Path,
) -> None:
    data = b'Naam;Notitie\r\nJan;ok\r\nPiet;"begint maar\r\nKees;eindigt nooit\r\n'
    error = refused(write(tmp_path, "quotes.csv", data), "not closed properly")
    assert error.row == 3
    stray = b'Naam;Notitie\r\nJan;"zegt "ja" en"\r\n'
    assert refused(write(tmp_path, "stray.csv", stray), "written twice").row == 2


def test_an_enormous_field_is_refused(tmp_path: Path) -> None:
    data = b"Naam;Notitie\r\nJan;" + b"x" * MIB + b"\r\n"
    error = refused(write(tmp_path, "field.csv", data), "longer than 20,000 characters")
    assert error.row == 2


def test_the_field_limit_of_the_csv_module_is_restored(tmp_path: Path) -> None:
    import csv

    before = csv.field_size_limit()
    read_table(write(tmp_path, "ok.csv", b"a\r\n1\r\n"))
    assert csv.field_size_limit() == before


def test_a_thousand_columns_are_refused(tmp_path: Path) -> None:
    header = ";".join(f"k{i}" for i in range(1000)).encode()
    error = refused(
        write(tmp_path, "wide.csv", header + b"\r\n" + header + b"\r\n"), "1,000 columns"
    )
    assert error.row == 1
    assert "at most 200 columns" in error.message
    row = b"Jan" + b";" * 999 + b"x"
    path = write(tmp_path, "wide2.csv", b"Naam\r\n" + row + b"\r\n")
    assert refused(path, "1,000 columns", delimiter=";").row == 2


def test_a_huge_number_of_rows_stops_at_the_limit(tmp_path: Path) -> None:
    path = write(tmp_path, "rows.csv", b"Naam\r\n" + b"Jan\r\n" * 300_000)
    assert refused(path, "more than 250,000 rows").row == 250_002


def test_many_cards_stop_at_the_limit(tmp_path: Path) -> None:
    cards = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jan\r\nEND:VCARD\r\n" * 1000
    refused(
        write(tmp_path, "cards.vcf", cards), "more than 100 rows", limits=ReadLimits(max_rows=100)
    )


def test_a_photo_of_several_megabytes_is_skipped(tmp_path: Path) -> None:
    photo = "PHOTO;ENCODING=b;TYPE=JPEG:" + "QUJD" * 20 + "\r\n" + " QUJDRA==\r\n" * 100_000
    text = f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jan Berg\r\n{photo}EMAIL:jan@x.nl\r\nEND:VCARD\r\n"
    path = write(tmp_path, "photo.vcf", text.encode())
    started = time.perf_counter()
    table = read_table(path)
    assert time.perf_counter() - started < QUICK
    assert table.rows[0][0] == "Jan Berg"
    refused(path, "files over 1 MB", limits=ReadLimits(max_bytes=MIB))


BEGIN = "BEGIN:VCARD\r\nVERSION:3.0\r\n"
GOOD = "BEGIN:VCARD\r\nFN:Jan\r\nEND:VCARD\r\n"


@pytest.mark.parametrize(
    ("text", "match", "card"),
    [
        (BEGIN + "FN Jan zonder dubbele punt\r\nEND:VCARD\r\n", "not a vCard line", 1),
        (BEGIN + "FN:Jan\r\n", "no END:VCARD", 1),
        (GOOD + 'BEGIN:VCARD\r\nN;TYPE="x:Jan\r\nEND:VCARD\r\n', "vCard line|cannot be read", 2),
        (GOOD + "rommel\r\n", "outside a card", 2),
        (BEGIN + "FN:Jan\r\nNOTE:" + "x" * 30_000 + "\r\nEND:VCARD\r\n", "longer than 20,000", 1),
    ],
)
def test_vcards_with_malformed_lines_are_refused(
    tmp_path: Path, text: str, match: str, card: int
) -> None:
    error = refused(write(tmp_path, "bad.vcf", text.encode()), match)
    assert error.row == card


def test_formulas_in_cells_are_only_text(tmp_path: Path) -> None:
    data = b'Naam;Notitie\r\n=HYPERLINK("http://evil","klik");@SUM(A1)\r\n'
    table = read_table(write(tmp_path, "formulas.csv", data))
    assert table.rows == [['=HYPERLINK("http://evil","klik")', "@SUM(A1)"]]
