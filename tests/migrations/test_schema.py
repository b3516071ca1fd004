"""The shipped migrations: one line of history, and a schema that matches the models."""

from __future__ import annotations

from alembic.script import ScriptDirectory

from techzone_crm.db import migrate
from techzone_crm.db.engine import Database


def test_history_has_a_single_head() -> None:
    script = ScriptDirectory.from_config(migrate.alembic_config())

    assert len(script.get_heads()) == 1
    assert migrate.head_revision() == script.get_current_head()


def test_every_revision_leads_back_to_the_first() -> None:
    script = ScriptDirectory.from_config(migrate.alembic_config())
    revisions = list(script.walk_revisions())

    assert [r for r in revisions if r.down_revision is None] == [revisions[-1]]


def test_new_database_is_at_the_head(db: Database) -> None:
    assert migrate.current_revision(db) == migrate.head_revision()


def test_models_and_migrations_agree(db: Database) -> None:
    assert migrate.schema_differences(db) == []


def test_the_comparison_notices_a_difference(db: Database) -> None:
    with db.engine.begin() as conn:
        conn.exec_driver_sql("ALTER TABLE person ADD COLUMN nickname VARCHAR(50)")

    differences = migrate.schema_differences(db)

    [(kind, _schema, table, column)] = differences
    assert (kind, table, column.name) == ("remove_column", "person", "nickname")


def test_search_tables_and_triggers_exist(db: Database) -> None:
    with db.engine.connect() as conn:
        objects = {
            (kind, name)
            for kind, name in conn.exec_driver_sql("SELECT type, name FROM sqlite_master")
        }

    assert {("table", "person_fts"), ("table", "organisation_fts")} <= objects
    assert {("view", "person_search_doc"), ("view", "organisation_search_doc")} <= objects
    triggers = {name for kind, name in objects if kind == "trigger"}
    assert len(triggers) == 12
