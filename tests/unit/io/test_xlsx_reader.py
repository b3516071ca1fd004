"""XLSX workbooks read as tables: cell values as text, sheets, header rules, safety checks."""

from __future__ import annotations

import zipfile
from datetime import date, datetime, time
from pathlib import Path

import openpyxl
import openpyxl.xml
import pytest
import xlsxwriter

from techzone_crm.errors import ImportFileError
from techzone_crm.io.limits import ReadLimits
from techzone_crm.io.readers import detect_format, read_table, sheet_names
from techzone_crm.io.table import SourceFormat
from techzone_crm.io.xlsx_reader import cell_text
from techzone_crm.io.xlsx_writer import write_xlsx


def workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        ("  Jan  de Vries ", "  Jan  de Vries "),
        (612345678, "612345678"),
        (5.0, "5"),
        (2.5, "2.5"),
        (1.5e-7, "0.00000015"),
        (1e20, "100000000000000000000"),
        (-0.1, "-0.1"),
        (True, "yes"),
        (False, "no"),
        (datetime(2025, 3, 1), "2025-03-01"),
        (datetime(2025, 3, 1, 14, 30), "2025-03-01 14:30:00"),
        (date(2024, 12, 31), "2024-12-31"),
        (time(9, 15), "09:15:00"),
        (float("nan"), ""),
    ],
)
def test_cell_values_become_text(value: object, text: str) -> None:
    assert cell_text(value) == text


def test_a_workbook_reads_as_its_first_sheet(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "list.xlsx",
        {
            "Contacten": [
                ["Voornaam", "Achternaam", "Mobiel", "Actief", "Sinds"],
                ["Hélène", "Müller", 612345678, True, datetime(2024, 1, 2)],
                [None, None, None, None, None],
                ["Zoë", "de Vries", "+31 6 1234 5678", False, None],
            ],
            "Tweede": [["x"], ["y"]],
        },
    )
    assert detect_format(path) is SourceFormat.XLSX
    table = read_table(path)
    assert table.format is SourceFormat.XLSX
    assert table.sheet == "Contacten"
    assert table.headers == ["Voornaam", "Achternaam", "Mobiel", "Actief", "Sinds"]
    assert table.rows == [
        ["Hélène", "Müller", "612345678", "yes", "2024-01-02"],
        ["Zoë", "de Vries", "+31 6 1234 5678", "no", ""],
    ]
    assert table.row_numbers == [2, 4]


def test_another_sheet_can_be_chosen_and_an_unknown_one_is_named(tmp_path: Path) -> None:
    path = workbook(tmp_path / "list.xlsx", {"Een": [["a"], ["1"]], "Twee": [["b"], ["2"]]})
    assert sheet_names(path) == ["Een", "Twee"]
    table = read_table(path, sheet="Twee")
    assert (table.sheet, table.headers, table.rows) == ("Twee", ["b"], [["2"]])
    with pytest.raises(ImportFileError, match="no sheet 'Drie'; its sheets are 'Een', 'Twee'"):
        read_table(path, sheet="Drie")


def test_sheet_names_of_a_csv_file_are_none(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text("a;b\r\n1;2\r\n")
    assert sheet_names(path) == []


def test_rows_are_numbered_as_the_sheet_numbers_them(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["B3"] = "Naam"
    sheet["C3"] = "Plaats"
    sheet["B6"] = "Jan"
    sheet["D9"] = None
    sheet["E9"].style = "Good"  # a formatted, empty cell far away
    sheet["B10"] = "Piet"
    sheet["C10"] = "Ede"
    book.save(tmp_path / "list.xlsx")
    table = read_table(tmp_path / "list.xlsx")
    assert table.headers == ["Column 1", "Naam", "Plaats"]
    assert table.rows == [["", "Jan", ""], ["", "Piet", "Ede"]]
    assert table.row_numbers == [6, 10]


def test_a_formula_gives_its_cached_value_or_nothing(tmp_path: Path) -> None:
    path = tmp_path / "formulas.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Blad1")
    sheet.write_row(0, 0, ["Naam", "Som", "Leeg"])
    sheet.write_string(1, 0, "Jan")
    sheet.write_formula(1, 1, "=1+1", None, 2)
    sheet.write_formula(1, 2, '=HYPERLINK("http://x","klik")', None, "")
    book.close()
    assert read_table(path).rows == [["Jan", "2", ""]]


def test_duplicate_and_blank_headers_and_long_rows(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "list.xlsx",
        {"Blad1": [["E-mail", None, "E-mail"], ["a@x", "b", "c@x"], ["d@x", None, None, None]]},
    )
    table = read_table(path)
    assert table.headers == ["E-mail", "Column 2", "E-mail (2)"]
    assert table.rows == [["a@x", "b", "c@x"], ["d@x", "", ""]]
    bad = workbook(tmp_path / "bad.xlsx", {"Blad1": [["a"], ["1", "2"]]})
    with pytest.raises(ImportFileError, match="header has only 1 columns") as caught:
        read_table(bad)
    assert caught.value.row == 2


def test_limits_and_preview(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "list.xlsx", {"Blad1": [["a"], *([str(i)] for i in range(5)), ["long"]]}
    )
    preview = read_table(path, limit_rows=2)
    assert (preview.rows, preview.truncated) == ([["0"], ["1"]], True)
    with pytest.raises(ImportFileError, match="more than 5 rows") as caught:
        read_table(path, limits=ReadLimits(max_rows=5))
    assert caught.value.row == 7
    with pytest.raises(ImportFileError, match="longer than 3 characters") as caught:
        read_table(path, limits=ReadLimits(max_field_chars=3, max_rows=10))
    wide = workbook(tmp_path / "wide.xlsx", {"Blad1": [[f"k{i}" for i in range(12)]]})
    with pytest.raises(ImportFileError, match="12 columns; a list may have at most 10"):
        read_table(wide, limits=ReadLimits(max_columns=10))


def test_an_empty_sheet_is_refused(tmp_path: Path) -> None:
    path = workbook(tmp_path / "list.xlsx", {"Leeg": []})
    with pytest.raises(ImportFileError, match="The sheet 'Leeg' is empty"):
        read_table(path)


def test_what_the_exporter_writes_reads_back(tmp_path: Path) -> None:
    path = tmp_path / "export.xlsx"
    header = ["Name", "Phone", "Power", "Last contact", "Note"]
    rows = [
        ("Hélène Müller", "+31 6 1234 5678", 5, date(2025, 3, 1), "=HYPERLINK(1)"),
        ("Zoë", "0592 365 555", 2.5, None, "twee\nregels"),
    ]
    write_xlsx(path, header, rows)
    table = read_table(path)
    assert table.headers == header
    assert table.rows == [
        ["Hélène Müller", "+31 6 1234 5678", "5", "2025-03-01", "=HYPERLINK(1)"],
        ["Zoë", "0592 365 555", "2.5", "", "twee\nregels"],
    ]


def test_the_workbook_is_closed_after_reading(tmp_path: Path) -> None:
    path = workbook(tmp_path / "list.xlsx", {"Blad1": [["a"], ["1"]]})
    read_table(path)
    sheet_names(path)
    path.rename(tmp_path / "moved.xlsx")  # read-only openpyxl would hold it open on Windows


def test_without_defusedxml_workbooks_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = workbook(tmp_path / "list.xlsx", {"Blad1": [["a"], ["1"]]})
    monkeypatch.setattr(openpyxl.xml, "DEFUSEDXML", False)
    with pytest.raises(ImportFileError, match="defusedxml"):
        read_table(path)


@pytest.mark.parametrize(
    ("members", "kind"),
    [
        ({"word/document.xml": "<w/>", "[Content_Types].xml": "<x/>"}, "Word document"),
        ({"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": ""}, "ods"),
        ({"xl/workbook.bin": "x"}, "xlsb"),
        ({"readme.txt": "hallo"}, "a zip archive"),
    ],
)
def test_other_zip_files_are_named(tmp_path: Path, members: dict[str, str], kind: str) -> None:
    path = tmp_path / "list.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    with pytest.raises(ImportFileError, match="not an Excel workbook") as caught:
        read_table(path)
    assert kind in caught.value.message


def test_a_damaged_workbook_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "list.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook><sheets><sheet name=")
    with pytest.raises(ImportFileError, match="damaged"):
        read_table(path)
