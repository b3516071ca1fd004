"""The search schema that migrations create and drop."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Connection

from techzone_crm.db import fts
from techzone_crm.db.engine import Database


def _search_objects(conn: Connection) -> set[str]:
    return {
        name
        for (name,) in conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view', 'trigger')"
            " AND (name LIKE '%fts%' OR name LIKE '%search_doc')"
        )
    }


def test_unknown_search_schema_version_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown search schema version 99"):
        fts.create_statements(99)
    with pytest.raises(ValueError, match="unknown search schema version 99"):
        fts.drop_statements(99)


def test_drop_removes_every_search_object_and_create_restores_them(db: Database) -> None:
    with db.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO person (given_name, name_prefix, family_name, title, notes, sort_name,"
            " created_at, updated_at, version)"
            " VALUES ('Hélène', '', 'Dijkstra', '', '', 'dijkstra', '2024-01-01', '2024-01-01', 1)"
        )
        created = _search_objects(conn)

        for statement in fts.drop_statements(1):
            conn.exec_driver_sql(statement)
        assert _search_objects(conn) == set()

        for statement in fts.create_statements(1):
            conn.exec_driver_sql(statement)
        assert _search_objects(conn) == created
        found = conn.exec_driver_sql(
            "SELECT rowid FROM person_fts WHERE person_fts MATCH 'helene'"
        ).all()
    assert len(found) == 1


def test_search_tables_are_recognised_by_their_prefix(db: Database) -> None:
    with db.engine.connect() as conn:
        tables = {
            name
            for (name,) in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")
        }

    search_tables = {t for t in tables if t.startswith(fts.FTS_TABLE_PREFIXES)}
    assert {"person_fts", "organisation_fts"} <= search_tables
    assert not {t for t in tables - search_tables if "fts" in t}
