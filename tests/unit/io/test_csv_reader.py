"""CSV files read as tables: encodings, delimiters, header rules, row numbers, limits."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from techzone_crm.errors import ImportFileError
from techzone_crm.io.csv_reader import sniff_delimiter
from techzone_crm.io.csv_writer import CsvDialect, write_csv
from techzone_crm.io.limits import ReadLimits
from techzone_crm.io.readers import DELIMITERS, ENCODINGS, read_table
from techzone_crm.io.table import SourceFormat

DUTCH = "Voornaam;Achternaam;Plaats\r\nHélène;Müller;Zwolle\r\nZoë;de Vries;Ede\r\n"


def write(tmp_path: Path, data: bytes, name: str = "list.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (DUTCH.encode("utf-8-sig"), "utf-8-sig"),
        (DUTCH.encode("utf-8"), "utf-8"),
        (DUTCH.encode("cp1252"), "cp1252"),
    ],
)
def test_the_encoding_is_found_and_accents_come_out_right(
    tmp_path: Path, data: bytes, encoding: str
) -> None:
    table = read_table(write(tmp_path, data))
    assert table.format is SourceFormat.CSV
    assert table.encoding == encoding
    assert table.delimiter == ";"
    assert table.headers == ["Voornaam", "Achternaam", "Plaats"]
    assert table.rows == [["Hélène", "Müller", "Zwolle"], ["Zoë", "de Vries", "Ede"]]
    assert table.row_numbers == [2, 3]


def test_excel_unicode_text_is_utf16_with_tabs(tmp_path: Path) -> None:
    text = DUTCH.replace(";", "\t")
    table = read_table(write(tmp_path, text.encode("utf-16")))
    assert (table.encoding, table.delimiter) == ("utf-16", "\t")
    assert table.rows[0] == ["Hélène", "Müller", "Zwolle"]


def test_an_explicit_encoding_wins(tmp_path: Path) -> None:
    path = write(tmp_path, "Naam\r\nJosé\r\n".encode())
    assert read_table(path, encoding="cp1252").rows == [["JosÃ©"]]
    assert read_table(path, encoding="cp1252").encoding == "cp1252"


def test_a_wrong_explicit_encoding_names_the_encoding_and_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "Naam\r\nJan\r\nJosé\r\n".encode("cp1252"))
    with pytest.raises(ImportFileError, match="utf-8") as caught:
        read_table(path, encoding="utf-8")
    assert caught.value.row == 3
    assert "0xE9" in caught.value.message


def test_an_unknown_explicit_encoding_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, b"Naam\r\nJan\r\n")
    for name in ("klingon", "rot13", "base64"):
        with pytest.raises(ImportFileError, match=f"'{name}' is not a text encoding"):
            read_table(path, encoding=name)


def test_the_offered_choices() -> None:
    assert ENCODINGS == ("utf-8", "cp1252", "utf-16", "iso-8859-15")
    assert DELIMITERS == (";", ",", "\t", "|")


@pytest.mark.parametrize("delimiter", [";", ",", "\t", "|"])
def test_each_delimiter_is_found(tmp_path: Path, delimiter: str) -> None:
    rows = [["Naam", "E-mail", "Notitie"], ["Jan", "jan@x.nl", "a, b; c"], ["Piet", "p@x.nl", ""]]
    path = tmp_path / "list.csv"
    write_csv(path, rows[0], rows[1:], _dialect(delimiter))
    table = read_table(path)
    assert table.delimiter == delimiter
    assert table.rows == rows[1:]


def _dialect(delimiter: str) -> CsvDialect:
    return CsvDialect(delimiter=delimiter, encoding="utf-8", decimal_comma=False)


def test_delimiters_inside_quotes_do_not_count() -> None:
    text = 'Naam,Adres\r\n"Berg; Jan","Markt 1; Assen"\r\n"Vries; Zoë","Ede; NL"\r\n'
    assert sniff_delimiter(text) == ","


def test_the_delimiter_that_splits_every_line_alike_wins() -> None:
    # Decimal commas in the data, semicolons between the fields.
    text = "Naam;Macht;Belang\r\nJan;1,5;2\r\nPiet;3;4,25\r\nKees;2;2\r\n"
    assert sniff_delimiter(text) == ";"


def test_a_one_column_file_gets_a_delimiter_that_does_not_split_it(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, b"Naam\r\nBerg, Jan\r\nVries; Zo\r\n"))
    assert table.headers == ["Naam"]
    assert table.rows == [["Berg, Jan"], ["Vries; Zo"]]


def test_an_explicit_delimiter_wins(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, b"a;b,c\r\n1;2,3\r\n"), delimiter=",")
    assert table.headers == ["a;b", "c"]
    assert table.delimiter == ","


def test_excel_sep_hint_is_honoured_and_not_a_row(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, b"sep=,\r\nNaam;x,Plaats\r\nJan;y,Ede\r\n"))
    assert table.delimiter == ","
    assert table.headers == ["Naam;x", "Plaats"]
    assert table.row_numbers == [2]


def test_blank_and_repeated_headers_get_unique_titles(tmp_path: Path) -> None:
    data = b"Naam;;E-mail;e-mail;E-mail;  Plaats  \r\nJan;x;a@x;b@x;c@x;Ede\r\n"
    table = read_table(write(tmp_path, data))
    assert table.headers == ["Naam", "Column 2", "E-mail", "e-mail (2)", "E-mail (3)", "Plaats"]


def test_the_first_non_empty_row_is_the_header_and_empty_rows_are_skipped(
    tmp_path: Path,
) -> None:
    data = b'\r\n;;\r\nNaam;Notitie\r\nJan;"twee\r\nregels"\r\n\r\n;\r\nPiet;x\r\n'
    table = read_table(write(tmp_path, data))
    assert table.headers == ["Naam", "Notitie"]
    assert table.rows == [["Jan", "twee\r\nregels"], ["Piet", "x"]]
    assert table.row_numbers == [4, 8]


def test_short_rows_are_padded_and_empty_extra_cells_dropped(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, b"a;b;c\r\n1\r\n1;2;3;;\r\n"))
    assert table.rows == [["1", "", ""], ["1", "2", "3"]]


def test_a_row_with_more_values_than_headers_is_refused_with_its_line(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="header has only 2 columns") as caught:
        read_table(write(tmp_path, b"a;b\r\n1;2\r\n1;2;3\r\n"))
    assert caught.value.row == 3


def test_trailing_columns_without_title_or_value_are_dropped(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, b"a;b;;;\r\n1;2;;;\r\n3;4;;x;\r\n"))
    assert table.headers == ["a", "b", "Column 3", "Column 4"]
    assert table.rows == [["1", "2", "", ""], ["3", "4", "", "x"]]


def test_cell_text_is_kept_as_written(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, b"a;b\r\n  Jan ;'+31 6 1234 5678\r\n"))
    assert table.rows == [["  Jan ", "'+31 6 1234 5678"]]


def test_a_preview_reads_only_the_first_rows(tmp_path: Path) -> None:
    data = b"a\r\n" + b"".join(b"%d\r\n" % i for i in range(10))
    path = write(tmp_path, data)
    preview = read_table(path, limit_rows=3)
    assert preview.rows == [["0"], ["1"], ["2"]]
    assert preview.truncated
    assert not read_table(path, limit_rows=10).truncated
    assert not read_table(path).truncated


def test_more_rows_than_allowed_are_refused(tmp_path: Path) -> None:
    path = write(tmp_path, b"a\r\n" + b"x\r\n" * 6)
    limits = ReadLimits(max_rows=5)
    with pytest.raises(ImportFileError, match="more than 5 rows") as caught:
        read_table(path, limits=limits)
    assert caught.value.row == 7
    assert len(read_table(path, limit_rows=3, limits=limits).rows) == 3


def test_a_file_with_only_empty_lines_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="no rows"):
        read_table(write(tmp_path, b"\r\n;;\r\n\r\n"))


def test_a_header_without_rows_is_an_empty_table(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, b"Naam;E-mail\r\n"))
    assert table.headers == ["Naam", "E-mail"]
    assert table.rows == []


def test_what_the_exporter_writes_reads_back(tmp_path: Path) -> None:
    header = ["Name", "Phone", "Notes"]
    rows = [("Hélène Müller", "+31 6 1234 5678", 'zegt "ja"; of nee,\nmisschien'), ("Zoë", "", "")]
    for dialect in ("csv", "csv-nl"):
        path = tmp_path / f"{dialect}.csv"
        write_csv(path, header, rows, dialect)
        table = read_table(path)
        assert table.headers == header
        assert table.rows == [
            ["Hélène Müller", "'+31 6 1234 5678", 'zegt "ja"; of nee,\nmisschien'],
            ["Zoë", "", ""],
        ]


def test_a_hundred_thousand_rows_read_quickly(tmp_path: Path) -> None:
    header = ";".join(f"Kolom {i}" for i in range(12))
    line = ";".join(["Jan", "van der", "Berg", "dr.", "jan@gemeente.nl", "050-1234567"] * 2)
    path = write(tmp_path, (header + "\r\n" + (line + "\r\n") * 100_000).encode("utf-8-sig"))
    started = time.perf_counter()
    table = read_table(path)
    elapsed = time.perf_counter() - started
    assert len(table.rows) == 100_000
    assert table.row_numbers[-1] == 100_001
    assert elapsed < 2.0
