"""Migration 0005: relationships, added to a populated 0004 database without touching its rows."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from techzone_crm.db import migrate
from techzone_crm.db.engine import Database
from techzone_crm.services import people
from techzone_crm.services.relationships import (
    RelationshipData,
    add_relationship,
    person_relationships,
)

from .helpers import migrate_to, populated_at, row_counts


@pytest.fixture
def at_0004(tmp_path: Path) -> Path:
    """A database at revision 0004 holding the rows the app wrote then."""
    return populated_at(tmp_path / "crm.sqlite", "0004")


@pytest.fixture
def upgraded(at_0004: Path) -> Iterator[tuple[Database, dict[str, int]]]:
    before = row_counts(at_0004)
    db = migrate.open_database(at_0004)
    yield db, before
    db.close()


def test_the_upgrade_adds_an_empty_relationship_table_and_keeps_every_row(
    upgraded: tuple[Database, dict[str, int]], at_0004: Path
) -> None:
    db, before = upgraded
    after = row_counts(at_0004)

    assert migrate.current_revision(db) == migrate.head_revision()
    assert "relationship" not in before
    newer = ("export_log", "import_mapping")
    assert {t: n for t, n in after.items() if t not in newer} == {**before, "relationship": 0}
    assert migrate.schema_differences(db) == []


def test_the_people_of_before_can_be_related_and_the_links_hold(
    upgraded: tuple[Database, dict[str, int]],
) -> None:
    db, _ = upgraded
    with db.sessions.begin() as s:
        found = people.list_people(s, people.PersonQuery())
        ids = {p.display_name: p.id for p in found}
        jan, els = ids["Jan van der Berg"], ids["Els Bakker"]
        add_relationship(s, RelationshipData.people("works_with", jan, els, 3))
    with db.engine.begin() as conn:
        with pytest.raises(sqlite3.IntegrityError):
            conn.connection.driver_connection.execute(
                "INSERT INTO relationship (kind, person_a_id, person_b_id, strength, note,"
                " created_at, updated_at, version)"
                f" VALUES ('advises', {jan}, {jan}, 3, '', '2026-01-01', '2026-01-01', 1)"
            )
        conn.exec_driver_sql(f"DELETE FROM person WHERE id = {els}")
    with db.read() as s:
        assert person_relationships(s, jan) == []


def test_downgrading_drops_only_the_relationships(at_0004: Path) -> None:
    before = row_counts(at_0004)
    migrate.open_database(at_0004).close()

    migrate_to(at_0004, "0004", down=True)

    assert row_counts(at_0004) == before
