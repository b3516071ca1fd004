"""Exports of people and organisations: every format, selections, filters, cancel, the log."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import networkx as nx
import pytest
import vobject
from sqlalchemy import insert, select

from techzone_crm.db import models as m
from techzone_crm.db.engine import Database
from techzone_crm.db.migrate import open_database
from techzone_crm.errors import ValidationError
from techzone_crm.services import demo, people, team
from techzone_crm.services.common import Page
from techzone_crm.services.organisations import OrganisationQuery
from techzone_crm.services.stakeholder_export import (
    DEFAULT_ORGANISATION_COLUMNS,
    DEFAULT_PEOPLE_COLUMNS,
    ORGANISATION_COLUMNS,
    PEOPLE_COLUMNS,
    ExportCancelled,
    ExportFormat,
    export_organisations,
    export_people,
)

from .factories import org, person, role

TODAY = date(2025, 6, 1)
SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
ALL_PEOPLE = [c.key for c in PEOPLE_COLUMNS]


def read_csv(path: Path, delimiter: str = ",", encoding: str = "utf-8") -> list[list[str]]:
    text = path.read_bytes().decode(encoding)
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def xlsx_strings(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        parts = [z.read("xl/worksheets/sheet1.xml").decode()]
        if "xl/sharedStrings.xml" in names:
            parts.append(z.read("xl/sharedStrings.xml").decode())
    return "\n".join(parts)


def xlsx_texts(path: Path) -> set[str]:
    """Every text of the sheet (shared or inline strings)."""
    texts: set[str] = set()
    with zipfile.ZipFile(path) as z:
        for name in ("xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"):
            if name in z.namelist():
                root = ElementTree.fromstring(z.read(name))
                texts |= {"".join(t.itertext()) for t in root.iter(f"{{{SHEET_NS}}}t")}
    return texts


@pytest.fixture
def small(db: Database) -> Iterator[Database]:
    """Two people at a province, one with an assessment, a meeting, an agenda and tags."""
    with db.sessions.begin() as s:
        anna = team.add_team_member(s, team.TeamMemberData("Anna de Boer", "anna@techzone.nl"))
        province = org(
            s,
            "Provincie Drenthe",
            "government",
            government_level="province",
            sectors=["htsm", "chemistry"],
            region="Drenthe",
            postal_code="9401 HE",
            city="Assen",
            is_partner=True,
        )
        jan = person(
            s,
            "Jan",
            "Berg",
            name_prefix="van der",
            title="dr.",
            emails=["jan@drenthe.nl"],
            phones=["06 12345678"],
            owner_id=anna.id,
            tags=["Program Board"],
            notes="Fietst graag",
        )
        hel = person(s, "Hélène", "Müller", emails=["=helene@muller.nl"], do_not_contact=True)
        person(s, "IJsbrand", "Hof")
        role(s, jan, province, "gedeputeerde", start=date(2019, 5, 1))
        role(s, hel, province, "=cmd|' /C calc'!A0", start=date(2020, 1, 1))
        s.add(m.Assessment(person_id=jan.id, assessed_on=date(2025, 3, 1), power=5, interest=4))
        s.add(
            m.Assessment(
                organisation_id=province.id, assessed_on=date(2025, 3, 1), power=2, interest=5
            )
        )
        agenda = m.Agenda(name="Regio Deal", level=m.AgendaLevel.NATIONAL)
        s.add(agenda)
        meeting = m.Interaction(
            occurred_on=date(2025, 5, 1), kind=m.InteractionKind.MEETING, subject="Overleg"
        )
        s.add(meeting)
        s.flush()
        s.add(
            m.AgendaStakeholder(
                agenda_id=agenda.id, person_id=jan.id, role=m.StakeholderRole.DECIDES
            )
        )
        s.execute(
            insert(m.interaction_attendee), [{"interaction_id": meeting.id, "person_id": jan.id}]
        )
    yield db


def _export(db: Database, path: Path, fmt: str, **kw: object) -> int:
    with db.sessions.begin() as s:
        return export_people(s, path, fmt, today=TODAY, **kw).count  # type: ignore[arg-type]


def test_csv_nl_holds_every_column_of_the_people(small: Database, tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    assert _export(small, path, "csv-nl", columns=ALL_PEOPLE) == 3
    assert path.read_bytes().startswith(b"\xef\xbb\xbfName;")
    rows = read_csv(path, ";", "utf-8-sig")
    header, *body = rows
    assert header == [c.title for c in PEOPLE_COLUMNS]
    by_name = {r[0]: dict(zip(ALL_PEOPLE, r, strict=True)) for r in body}
    jan = by_name["dr. Jan van der Berg"]
    assert jan["name_prefix"] == "van der"
    assert jan["organisation"] == "Provincie Drenthe"
    assert jan["role"] == "gedeputeerde"
    assert jan["helix"] == "government"
    assert jan["level"] == "province"
    assert jan["sectors"] == "chemistry; HTSM"
    assert jan["phone"] == "06 12345678"
    assert jan["owner"] == "Anna de Boer"
    assert jan["tags"] == "Program Board"
    assert (jan["quadrant"], jan["power"], jan["interest"], jan["attitude"]) == (
        "key player",
        "5",
        "4",
        "0",
    )
    assert jan["last_contact"] == "2025-05-01"
    assert jan["days_since_contact"] == "31"
    assert jan["agendas"] == "Regio Deal"
    helene = by_name["Hélène Müller"]
    assert helene["email"] == "'=helene@muller.nl"
    assert helene["role"] == "'=cmd|' /C calc'!A0"
    assert helene["do_not_contact"] == "yes"
    assert by_name["IJsbrand Hof"]["organisation"] == ""


def test_people_come_in_the_list_order_and_selected_ids_in_their_order(
    small: Database, tmp_path: Path
) -> None:
    path = tmp_path / "people.csv"
    _export(small, path, "csv", columns=["family_name"])
    assert read_csv(path) == [["Family name"], ["Berg"], ["Hof"], ["Müller"]]
    with small.read() as s:
        ids = {p.sorted_name: p.id for p in people.list_people(s, people.PersonQuery())}
    chosen = [ids["Müller, Hélène"], ids["Berg, Jan van der"]]
    assert _export(small, path, "csv", ids=chosen, columns=["family_name"]) == 2
    assert read_csv(path) == [["Family name"], ["Müller"], ["Berg"]]


def test_a_query_filters_the_people(small: Database, tmp_path: Path) -> None:
    path = tmp_path / "board.csv"
    query = people.PersonQuery(tag="program board")
    assert _export(small, path, "csv", query=query, columns=["name", "email"]) == 1
    assert read_csv(path)[1] == ["dr. Jan van der Berg", "jan@drenthe.nl"]


def test_xlsx_keeps_the_text_cells_as_text(small: Database, tmp_path: Path) -> None:
    path = tmp_path / "people.xlsx"
    assert _export(small, path, ExportFormat.XLSX, columns=ALL_PEOPLE) == 3
    text = xlsx_strings(path)
    assert "Hélène" in text and "IJsbrand" in text
    assert "=helene@muller.nl" in text
    assert "<f>" not in text


def test_vcards_carry_names_roles_and_typed_contacts(small: Database, tmp_path: Path) -> None:
    path = tmp_path / "people.vcf"
    assert _export(small, path, "vcard", include_notes=True) == 3
    cards = {c.fn.value: c for c in vobject.readComponents(path.read_bytes().decode("utf-8"))}
    jan = cards["dr. Jan van der Berg"]
    assert (jan.n.value.family, jan.n.value.given, jan.n.value.additional) == (
        "Berg",
        "Jan",
        "van der",
    )
    assert jan.n.value.prefix == "dr."
    assert jan.org.value == ["Provincie Drenthe"]
    assert jan.title.value == "gedeputeerde"
    assert jan.email.value == "jan@drenthe.nl" and jan.email.type_param == "WORK"
    assert jan.tel.value == "+31 6 12345678" and jan.tel.type_param == "WORK"
    assert jan.note.value == "Fietst graag"
    _export(small, path, "vcard")
    assert "NOTE" not in path.read_bytes().decode("utf-8")


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graphs_hold_the_people_their_organisations_and_roles(
    small: Database, tmp_path: Path, fmt: str
) -> None:
    path = tmp_path / f"people.{fmt}"
    assert _export(small, path, fmt) == 3
    graph = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    labels = sorted(graph.nodes[n]["label"] for n in graph.nodes)
    assert labels == ["Hélène Müller", "IJsbrand Hof", "Provincie Drenthe", "dr. Jan van der Berg"]
    roles = sorted(d.get("role", "") for _, _, d in graph.edges(data=True))
    assert roles == ["=cmd|' /C calc'!A0", "gedeputeerde"]


def test_organisations_export_with_their_counts_and_quadrant(
    small: Database, tmp_path: Path
) -> None:
    path = tmp_path / "orgs.csv"
    with small.sessions.begin() as s:
        result = export_organisations(s, path, "csv", today=TODAY)
    assert result.count == 1
    header, row = read_csv(path)
    values = dict(zip(DEFAULT_ORGANISATION_COLUMNS, row, strict=True))
    assert header[0] == ORGANISATION_COLUMNS[0].title
    assert values["postcode"] == "9401 HE"
    assert values["people"] == "2"
    assert values["quadrant"] == "keep informed"
    assert values["partner"] == "yes"
    assert values["sectors"] == "chemistry; HTSM"


def test_vcard_is_only_for_people(small: Database, tmp_path: Path) -> None:
    with small.sessions.begin() as s, pytest.raises(ValidationError) as caught:
        export_organisations(s, tmp_path / "orgs.vcf", "vcard")
    assert caught.value.field == "format"
    assert not (tmp_path / "orgs.vcf").exists()


def test_an_unknown_column_is_named(small: Database, tmp_path: Path) -> None:
    with small.sessions.begin() as s, pytest.raises(ValidationError) as caught:
        export_people(s, tmp_path / "x.csv", "csv", columns=["name", "shoe_size"])
    assert caught.value.field == "columns" and "shoe_size" in caught.value.message


def test_cancel_leaves_no_file_and_no_log(small: Database, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.xlsx").write_bytes(b"old")
    for fmt in ExportFormat:
        with small.sessions.begin() as s, pytest.raises(ExportCancelled):
            export_people(s, out / "keep.xlsx", fmt, cancelled=lambda: True)
    assert [p.name for p in out.iterdir()] == ["keep.xlsx"]
    assert (out / "keep.xlsx").read_bytes() == b"old"
    with small.read() as s:
        assert s.scalars(select(m.ExportLog)).all() == []


def test_every_export_is_logged(small: Database, tmp_path: Path) -> None:
    path = tmp_path / "board.xlsx"
    reports: list[tuple[int, int]] = []
    with small.sessions.begin() as s:
        export_people(
            s,
            path,
            "xlsx",
            query=people.PersonQuery(tag="Program Board"),
            exported_by="Anna de Boer",
            progress=lambda done, total: reports.append((done, total)),
        )
        export_organisations(
            s, tmp_path / "o.csv", "csv-nl", query=OrganisationQuery(), filter_text="All"
        )
    assert reports == [(0, 1), (1, 1)]
    with small.read() as s:
        logged = s.scalars(select(m.ExportLog).order_by(m.ExportLog.id)).all()
    first, second = logged
    assert (first.kind, first.format, first.count, first.exported_by) == (
        m.ExportKind.PEOPLE,
        "xlsx",
        1,
        "Anna de Boer",
    )
    assert first.filter == "tag=Program Board"
    assert first.path == str(path.resolve())
    assert first.exported_at is not None
    assert (second.kind, second.format, second.filter) == (
        m.ExportKind.ORGANISATIONS,
        "csv-nl",
        "All",
    )


def test_a_missing_folder_is_a_path_error(small: Database, tmp_path: Path) -> None:
    with small.sessions.begin() as s, pytest.raises(ValidationError) as caught:
        export_people(s, tmp_path / "nope" / "x.csv", "csv")
    assert caught.value.field == "path"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    database = open_database(tmp_path_factory.mktemp("demo") / "demo.sqlite")
    with database.sessions.begin() as s:
        demo.load_demo(s, today=TODAY)
    yield database
    database.close()


@pytest.mark.parametrize("fmt", list(ExportFormat))
def test_every_format_holds_every_demo_person(
    demo_db: Database, tmp_path: Path, fmt: ExportFormat
) -> None:
    path = tmp_path / f"people.{fmt.value}"
    with demo_db.sessions.begin() as s:
        total = people.count_people(s, people.PersonQuery())
        names = {p.display_name for p in people.list_people(s, people.PersonQuery(), Page(0, 1000))}
        result = export_people(s, path, fmt, columns=ALL_PEOPLE, today=TODAY)
    assert result.count == total > 100
    if fmt is ExportFormat.VCARD:
        found = {c.fn.value for c in vobject.readComponents(path.read_bytes().decode("utf-8"))}
    elif fmt in (ExportFormat.GRAPHML, ExportFormat.GEXF):
        graph = nx.read_graphml(path) if fmt is ExportFormat.GRAPHML else nx.read_gexf(path)
        found = {d["label"] for _, d in graph.nodes(data=True) if d["kind"] == "person"}
        assert any(d["kind"] == "organisation" for _, d in graph.nodes(data=True))
    elif fmt is ExportFormat.XLSX:
        found = xlsx_texts(path)
    else:
        rows = read_csv(path, ";" if fmt is ExportFormat.CSV_NL else ",", "utf-8-sig")
        found = {r[0] for r in rows[1:]}
        assert len(rows) == total + 1
    assert names <= found


def test_demo_organisations_export_to_every_table_format(demo_db: Database, tmp_path: Path) -> None:
    with demo_db.sessions.begin() as s:
        for fmt in ("xlsx", "csv", "csv-nl", "graphml", "gexf"):
            result = export_organisations(s, tmp_path / f"o.{fmt}", fmt, today=TODAY)
            assert result.count > 20
        count = s.scalar(select(m.ExportLog.id).order_by(m.ExportLog.id.desc()).limit(1))
    assert count is not None
    rows = read_csv(tmp_path / "o.csv")
    assert len(rows) == result.count + 1
    assert DEFAULT_PEOPLE_COLUMNS[0] == "given_name"
