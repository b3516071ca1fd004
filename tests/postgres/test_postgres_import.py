"""The import's bulk writes on PostgreSQL (insertmanyvalues with RETURNING, executemany updates).

Runs when ``TECHZONE_CRM_TEST_POSTGRES`` holds the URL of an empty database the tests may
wipe; skipped otherwise.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, select, text

from techzone_crm.db.engine import Database
from techzone_crm.db.migrate import open_database
from techzone_crm.db.models import Person
from techzone_crm.io.import_fields import ImportField as F
from techzone_crm.io.table import ImportTable, SourceFormat
from techzone_crm.services import people
from techzone_crm.services.importing import plan_import, run_import

URL = os.environ.get("TECHZONE_CRM_TEST_POSTGRES", "")

pytestmark = pytest.mark.skipif(
    not URL, reason="set TECHZONE_CRM_TEST_POSTGRES to a PostgreSQL URL to run these"
)

HEADERS = ["Voornaam", "Achternaam", "E-mail", "Telefoon", "Organisatie", "Functie", "Tags"]
MAPPING = {
    0: F.GIVEN_NAME,
    1: F.FAMILY_NAME,
    2: F.EMAIL,
    3: F.PHONE,
    4: F.ORGANISATION,
    5: F.ROLE,
    6: F.TAGS,
}


@pytest.fixture
def pg() -> Iterator[Database]:
    """A freshly migrated PostgreSQL database."""
    engine = create_engine(URL)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    database = open_database(URL)
    yield database
    database.close()


def _table(rows: list[list[str]]) -> ImportTable:
    return ImportTable(SourceFormat.CSV, HEADERS, rows, list(range(2, len(rows) + 2)))


def test_an_import_and_its_repetition(pg: Database) -> None:
    rows = [
        [f"P{i}", "Jansen", f"p{i}@x.nl", f"06 {10000000 + i}", f"Org {i % 7}", "adviseur", "A; B"]
        for i in range(2500)
    ]
    with pg.sessions.begin() as s:
        summary = run_import(s, plan_import(s, _table(rows), MAPPING))
    assert len(summary.created) == 2500 and len(summary.organisations_created) == 7

    rows[0][3] = "06 87654321"  # one new number to merge in
    with pg.sessions.begin() as s:
        again = run_import(s, plan_import(s, _table(rows), MAPPING))
    assert again.created == [] and len(again.merged) == 1 and len(again.unchanged) == 2499

    with pg.read() as s:
        first = s.get(Person, summary.created[0])
        assert first is not None
        assert [p.number for p in first.phones] == ["+31610000000", "+31687654321"]
        assert sorted(t.name for t in first.tags) == ["A", "B"]
        assert first.version == 2
        assert len(s.scalars(select(Person.id)).all()) == 2500
        (row,) = people.people_rows(s, [summary.created[1]])
        assert (row.organisation, row.role, row.email) == ("Org 1", "adviseur", "p1@x.nl")
