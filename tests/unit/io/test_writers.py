"""The file writers on plain rows: CSV dialects, XLSX cells, vCards and graphs, read back."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import networkx as nx
import pytest
import vobject

from techzone_crm.io.csv_writer import write_csv
from techzone_crm.io.graph_writer import GraphEdge, GraphNode, write_graph
from techzone_crm.io.sanitise import cell_text, neutralise
from techzone_crm.io.vcard_writer import VCardContact, write_vcards
from techzone_crm.io.xlsx_writer import MAX_WIDTH, write_xlsx

HEADER = ["Name", "Phone", "Postcode", "Power", "Last contact", "Note"]
HYPERLINK = '=HYPERLINK("http://evil.example","klik")'
ROWS = [
    ("Hélène Müller-Bijlsma", "+31 6 1234 5678", "7811 AB", 5, date(2025, 3, 1), HYPERLINK),
    ("IJsbrand van 't Hof", "0592 365 555", "9401 HE", -2, None, "@SUM(A1)"),
    ("Zoë de Vries", "", "", 2.5, date(2024, 12, 31), "gewoon"),
]
NS = {"s": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+31 6 1234 5678", "'+31 6 1234 5678"),
        ("-2", "'-2"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Jan", "Jan"),
        ("", ""),
    ],
)
def test_text_that_a_spreadsheet_would_run_gets_an_apostrophe(text: str, expected: str) -> None:
    assert neutralise(text) == expected


def test_numbers_and_dates_stay_plain_in_csv_fields() -> None:
    assert cell_text(-2) == "-2"
    assert cell_text(2.5) == "2.5"
    assert cell_text(2.5, decimal_comma=True) == "2,5"
    assert cell_text(date(2025, 3, 1)) == "2025-03-01"
    assert cell_text(None) == ""


def test_dutch_excel_csv_has_a_bom_semicolons_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    assert write_csv(path, HEADER, ROWS, "csv-nl") == 3
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfName;Phone;Postcode;")
    assert raw.count(b"\r\n") == 4
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0] == HEADER
    assert rows[1] == [
        "Hélène Müller-Bijlsma",
        "'+31 6 1234 5678",
        "7811 AB",
        "5",
        "2025-03-01",
        "'" + HYPERLINK,
    ]
    assert rows[2][0] == "IJsbrand van 't Hof"
    assert rows[2][3] == "-2"
    assert rows[2][5] == "'@SUM(A1)"
    assert rows[3][3] == "2,5"


def test_rfc_4180_csv_has_commas_and_no_bom(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    write_csv(path, HEADER, ROWS, "csv")
    raw = path.read_bytes()
    assert raw.startswith(b"Name,Phone,")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
    assert rows[0] == HEADER
    assert rows[1][0] == "Hélène Müller-Bijlsma"
    assert rows[1][5] == "'" + HYPERLINK
    assert rows[3] == ["Zoë de Vries", "", "", "2.5", "2024-12-31", "gewoon"]


def _sheet(path: Path) -> tuple[ElementTree.Element, list[str]]:
    with zipfile.ZipFile(path) as z:
        sheet = ElementTree.fromstring(z.read("xl/worksheets/sheet1.xml"))
        names = z.namelist()
        shared = []
        if "xl/sharedStrings.xml" in names:
            strings = ElementTree.fromstring(z.read("xl/sharedStrings.xml"))
            shared = ["".join(si.itertext()) for si in strings.findall("s:si", NS)]
    return sheet, shared


def _cells(path: Path) -> dict[str, tuple[str | None, str, bool]]:
    """cell reference → (type, value as text, has a formula)."""
    sheet, shared = _sheet(path)
    found: dict[str, tuple[str | None, str, bool]] = {}
    for c in sheet.iter(f"{{{NS['s']}}}c"):
        kind = c.get("t")
        value = c.find("s:v", NS)
        inline = c.find("s:is", NS)
        if kind == "s" and value is not None:
            text = shared[int(value.text or "0")]
        elif inline is not None:
            text = "".join(inline.itertext())
        else:
            text = value.text or "" if value is not None else ""
        found[c.get("r", "")] = (kind, text, c.find("s:f", NS) is not None)
    return found


def test_xlsx_keeps_text_as_text_and_dates_as_dates(tmp_path: Path) -> None:
    path = tmp_path / "list.xlsx"
    assert write_xlsx(path, HEADER, ROWS) == 3
    cells = _cells(path)

    assert cells["A1"][1] == "Name"
    assert cells["A2"][1] == "Hélène Müller-Bijlsma"
    assert cells["A3"][1] == "IJsbrand van 't Hof"
    assert cells["B2"][1] == "+31 6 1234 5678" and cells["B2"][0] in ("s", "inlineStr")
    assert cells["C2"][1] == "7811 AB" and cells["C2"][0] in ("s", "inlineStr")
    assert cells["F2"] == (cells["F2"][0], HYPERLINK, False)
    assert cells["F2"][0] in ("s", "inlineStr")
    assert not any(has_formula for _, _, has_formula in cells.values())
    assert cells["D2"] == (None, "5", False)
    assert cells["D3"][1] == "-2"
    # Excel stores a date as a serial number with a date style: 1 March 2025 is 45717.
    assert cells["E2"][0] is None and float(cells["E2"][1]) == 45717
    assert "E3" not in cells


def test_xlsx_header_is_bold_frozen_and_filterable_with_capped_widths(tmp_path: Path) -> None:
    path = tmp_path / "list.xlsx"
    long_text = "x" * 500
    write_xlsx(path, HEADER, [*ROWS, ("a", "b", "c", 1, None, long_text)])
    sheet, _ = _sheet(path)
    assert sheet.find("s:autoFilter", NS).get("ref") == "A1:F5"  # type: ignore[union-attr]
    pane = sheet.find("s:sheetViews/s:sheetView/s:pane", NS)
    assert pane is not None and pane.get("state") == "frozen" and pane.get("ySplit") == "1"
    widths = {
        int(c.get("min", "0")): float(c.get("width", "0")) for c in sheet.iter(f"{{{NS['s']}}}col")
    }
    assert widths[6] <= MAX_WIDTH + 1
    assert widths[1] > len("Hélène Müller-Bijlsma")
    with zipfile.ZipFile(path) as z:
        styles = z.read("xl/styles.xml").decode()
        assert "<b/>" in styles
        assert "dd-mm-yyyy" in styles


def test_an_empty_list_still_gives_a_header(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    assert write_xlsx(path, HEADER, []) == 0
    assert _cells(path)["A1"][1] == "Name"
    csv_path = tmp_path / "empty.csv"
    assert write_csv(csv_path, HEADER, [], "csv") == 0
    assert csv_path.read_bytes().decode("utf-8") == ",".join(HEADER) + "\r\n"


def test_vcards_hold_names_with_prefix_organisation_and_typed_contacts(tmp_path: Path) -> None:
    path = tmp_path / "people.vcf"
    contacts = [
        VCardContact(
            given_name="Jan",
            family_name="Berg",
            name_prefix="van der",
            organisation="Provincie Drenthe",
            job_title="gedeputeerde",
            emails=[("jan@drenthe.nl", "WORK"), ("jan@thuis.nl", "HOME")],
            phones=[("+31 6 12345678", "CELL"), ("+31 592 365 555", "WORK")],
            note="Houdt van fietsen; één keer per maand",
        ),
        VCardContact(given_name="Zoë", family_name="Çelik", honorific="dr."),
    ]
    assert write_vcards(path, contacts) == 2
    text = path.read_bytes().decode("utf-8")
    assert "N:Berg;Jan;van der;;" in text
    assert "EMAIL;TYPE=WORK:jan@drenthe.nl" in text
    assert "TEL;TYPE=CELL:+31 6 12345678" in text
    assert "\r\n" in text

    cards = list(vobject.readComponents(text))
    assert len(cards) == 2
    jan, zoe = cards
    assert jan.version.value == "3.0"
    assert jan.fn.value == "Jan van der Berg"
    assert jan.n.value.additional == "van der"
    assert jan.org.value == ["Provincie Drenthe"]
    assert jan.title.value == "gedeputeerde"
    emails = {e.value: e.type_param for e in jan.contents["email"]}
    assert emails == {"jan@drenthe.nl": "WORK", "jan@thuis.nl": "HOME"}
    phones = {t.value: t.type_param for t in jan.contents["tel"]}
    assert phones == {"+31 6 12345678": "CELL", "+31 592 365 555": "WORK"}
    assert jan.note.value == "Houdt van fietsen; één keer per maand"
    assert zoe.fn.value == "dr. Zoë Çelik"
    assert zoe.n.value.prefix == "dr."
    assert "note" not in zoe.contents and "org" not in zoe.contents


NODES = [
    GraphNode(
        "person:1", "Hélène Müller", "person", {"power": 5, "last_contact": date(2025, 3, 1)}
    ),
    GraphNode("person:2", "IJsbrand Hof", "person", {"power": None, "tags": "a; b"}),
    GraphNode("organisation:1", "Provincie Drenthe", "organisation", {"helix": "government"}),
]
EDGES = [
    GraphEdge("person:1", "organisation:1", "affiliation", {"role": "gedeputeerde"}),
    GraphEdge("person:2", "organisation:1", "affiliation", {"role": ""}),
    GraphEdge("person:1", "person:2", "advises", {"strength": 4}),
    GraphEdge("person:1", "person:2", "works_with", {"strength": 2}),
    GraphEdge("person:1", "person:99", "advises", {"strength": 1}),
]


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graphs_read_back_with_their_nodes_ties_and_plain_attributes(
    tmp_path: Path, fmt: str
) -> None:
    path = tmp_path / f"network.{fmt}"
    assert write_graph(path, NODES, EDGES, fmt) == 3
    graph = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert graph.number_of_nodes() == 3
    assert graph.number_of_edges() == 4
    labels = {graph.nodes[n]["label"] for n in graph.nodes}
    assert labels == {"Hélène Müller", "IJsbrand Hof", "Provincie Drenthe"}
    helene = graph.nodes["person:1"]
    assert int(helene["power"]) == 5
    assert helene["last_contact"] == "2025-03-01"
    assert helene["kind"] == "person"
    assert "power" not in graph.nodes["person:2"]
    kinds = sorted(d["kind"] for _, _, d in graph.edges(data=True))
    assert kinds == ["advises", "affiliation", "affiliation", "works_with"]


def test_an_unknown_graph_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="dot"):
        write_graph(tmp_path / "x.dot", NODES, EDGES, "dot")
