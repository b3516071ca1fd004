"""Export people, read the file back, import it into an empty database: the same people.

Covers both CSV dialects, XLSX and vCard, and that importing the file again changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from techzone_crm.db.engine import Database
from techzone_crm.db.migrate import open_database
from techzone_crm.db.models import Helix, Organisation, Person
from techzone_crm.io.import_mapping import suggest_mapping
from techzone_crm.io.readers import read_table
from techzone_crm.io.table import SourceFormat
from techzone_crm.services import people, stakeholder_export
from techzone_crm.services.importing import plan_import, run_import

from . import factories as f

COLUMNS = (
    "name", "given_name", "name_prefix", "family_name", "title", "organisation", "role",
    "helix", "email", "phone", "tags", "do_not_contact",
)  # fmt: skip


def _fill(session: Session) -> None:
    province = f.org(session, "Provincie Drenthe", "government", government_level="province")
    chemie = f.org(session, "Hélène Chemie B.V.")
    jan = f.person(
        session, "Jan", "Berg", name_prefix="van der", title="dr.",
        emails=["jan.vanderberg@drenthe.nl"], phones=["0592 365 555"],
        tags=["Program Board", "Kerngroep HTSM"],
    )  # fmt: skip
    f.role(session, jan, province, "Gedeputeerde")
    els = f.person(
        session, "Els", "Bakker", emails=["els@chemie.nl"], phones=["06 12345678"],
        tags=["Program Board"], do_not_contact=True,
    )  # fmt: skip
    f.role(session, els, chemie, "Directeur")
    f.person(session, "Anne-Marie", "Vries-Smit", name_prefix="de", emails=["am@example.org"])
    f.person(session, "Piet", "Jansen", phones=["+32 2 555 12 34"])


def _people(session: Session, with_tags: bool = True) -> list[tuple[object, ...]]:
    found = []
    for p in session.scalars(select(Person).order_by(Person.sort_name)):
        roles = sorted((a.organisation.name, a.role) for a in p.affiliations)
        found.append(
            (
                p.given_name, p.name_prefix, p.family_name, p.title, roles,
                [e.address for e in p.emails], [n.number for n in p.phones],
                sorted(t.name for t in p.tags) if with_tags else [],
                p.do_not_contact if with_tags else None,
            )
        )  # fmt: skip
    return found


@pytest.fixture
def target(tmp_path: Path) -> Iterator[Database]:
    """A second, empty database to import into."""
    database = open_database(tmp_path / "target.sqlite")
    yield database
    database.close()


def _import_file(target: Database, path: Path) -> tuple[list[int], list[int]]:
    table = read_table(path)
    with target.sessions.begin() as s:
        plan = plan_import(s, table, suggest_mapping(table.headers), source_name=path.name)
        assert plan.problems == [], plan.report()
        summary = run_import(s, plan)
    return summary.created, summary.unchanged


@pytest.mark.parametrize("fmt", ["csv", "csv-nl", "xlsx", "vcard"])
def test_exported_people_come_back_the_same(
    db: Database, target: Database, tmp_path: Path, fmt: str
) -> None:
    with db.sessions.begin() as s:
        _fill(s)
    path = tmp_path / f"people.{fmt}"
    with db.sessions.begin() as s:
        stakeholder_export.export_people(s, path, fmt, columns=COLUMNS)
        with_tags = fmt != "vcard"  # an address book card has no tags or do-not-contact mark
        expected = _people(s, with_tags)

    created, _ = _import_file(target, path)

    assert len(created) == 4
    with target.read() as s:
        assert _people(s, with_tags) == expected
        assert read_table(path).format is (
            SourceFormat.VCARD if fmt == "vcard" else
            SourceFormat.XLSX if fmt == "xlsx" else SourceFormat.CSV
        )  # fmt: skip
        if with_tags:
            helix = {n: h for n, h in s.execute(select(Organisation.name, Organisation.helix))}
            assert helix == {
                "Provincie Drenthe": Helix.GOVERNMENT,
                "Hélène Chemie B.V.": Helix.BUSINESS,
            }
        found = people.list_people(s, people.PersonQuery(text="berg drenthe"))
        assert [r.display_name for r in found] == ["dr. Jan van der Berg"]


@pytest.mark.parametrize("fmt", ["csv-nl", "vcard"])
def test_importing_the_same_file_twice_creates_no_one(
    db: Database, target: Database, tmp_path: Path, fmt: str
) -> None:
    with db.sessions.begin() as s:
        _fill(s)
        path = tmp_path / f"people.{fmt}"
        stakeholder_export.export_people(s, path, fmt, columns=COLUMNS)
    first, _ = _import_file(target, path)

    again, unchanged = _import_file(target, path)

    assert again == [] and sorted(unchanged) == sorted(first)
    with target.read() as s:
        assert len(s.scalars(select(Person)).all()) == 4
        assert {p.version for p in s.scalars(select(Person))} == {1}
