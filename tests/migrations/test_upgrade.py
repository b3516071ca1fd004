"""Upgrading a populated database loses nothing and is backed up first."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pytest

from techzone_crm.db import migrate
from techzone_crm.db.backup import backups_dir
from techzone_crm.db.base import Base
from techzone_crm.db.engine import Database, create_database_engine
from techzone_crm.db.migrate import MigrationResult, open_database, schema_differences, upgrade
from techzone_crm.errors import DatabaseError
from techzone_crm.services import maintenance, people
from techzone_crm.services.people import PersonData, PersonQuery

from .helpers import populate, row_counts, stored_revision


@dataclass
class Upgraded:
    db: Database
    result: MigrationResult
    counts_before: dict[str, int]
    shipped_head: str


@pytest.fixture
def populated(db: Database) -> Database:
    """The shared fixture database at the shipped head, with a row in every table.

    It stays open during the upgrade, so recent changes are still in the write-ahead log:
    a plain copy of the database file would miss them, the online backup does not.
    """
    with db.sessions.begin() as session:
        populate(session)
    return db


@pytest.fixture
def upgraded(populated: Database, db_path: Path, test_revision: str) -> Iterator[Upgraded]:
    shipped_head = stored_revision(db_path)
    counts_before = row_counts(db_path)
    target = create_database_engine(db_path)
    try:
        result = upgrade(target)
        yield Upgraded(target, result, counts_before, shipped_head)
    finally:
        target.close()


def names_found(db: Database, text: str) -> list[str]:
    with db.read() as session:
        return [row.display_name for row in people.list_people(session, PersonQuery(text=text))]


def test_sample_data_reaches_every_table(populated: Database, db_path: Path) -> None:
    counts = row_counts(db_path)

    assert [name for name in Base.metadata.tables if counts[name] == 0] == []


def test_upgrade_moves_to_the_new_revision(upgraded: Upgraded, test_revision: str) -> None:
    assert upgraded.result.from_revision == upgraded.shipped_head
    assert upgraded.result.to_revision == test_revision
    assert upgraded.result.changed
    assert migrate.current_revision(upgraded.db) == test_revision


def test_upgrade_keeps_every_row_of_every_table(upgraded: Upgraded, db_path: Path) -> None:
    after = row_counts(db_path)

    assert after == upgraded.counts_before


def test_upgrade_leaves_no_broken_links(upgraded: Upgraded) -> None:
    with upgraded.db.read() as session:
        assert maintenance.integrity_problems(session) == []


def test_schema_still_matches_the_models_after_rebuilding_a_table(upgraded: Upgraded) -> None:
    assert schema_differences(upgraded.db) == []


def test_search_finds_existing_people_after_upgrade(upgraded: Upgraded) -> None:
    assert names_found(upgraded.db, "berg") == ["Jan van der Berg"]
    assert names_found(upgraded.db, "gedeputeerde drenthe") == ["Jan van der Berg"]
    assert names_found(upgraded.db, "els@chemie") == ["Els Bakker"]
    assert names_found(upgraded.db, "helene chemie") == ["Els Bakker"]


def test_search_follows_changes_after_upgrade(upgraded: Upgraded) -> None:
    with upgraded.db.sessions.begin() as session:
        people.add_person(session, PersonData(given_name="Piet", family_name="Mulder"))

    assert names_found(upgraded.db, "mulder") == ["Piet Mulder"]


def test_foreign_keys_are_on_again_after_upgrade(upgraded: Upgraded) -> None:
    with upgraded.db.engine.begin() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        conn.exec_driver_sql("DELETE FROM person WHERE family_name = 'Bakker'")
        orphans = conn.exec_driver_sql(
            "SELECT count(*) FROM email_address WHERE person_id NOT IN (SELECT id FROM person)"
        ).scalar()

    assert orphans == 0


def test_backup_is_written_before_upgrading(
    upgraded: Upgraded, db_path: Path, test_revision: str
) -> None:
    backup = upgraded.result.backup

    assert backup is not None
    assert backup.parent == backups_dir(db_path)
    assert backup.is_file()
    assert f"before-{test_revision}" in backup.name


def test_backup_holds_the_data_as_it_was(upgraded: Upgraded) -> None:
    backup = upgraded.result.backup
    assert backup is not None

    with closing(sqlite3.connect(backup)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == (
            upgraded.shipped_head
        )
    assert row_counts(backup) == upgraded.counts_before


def test_opening_an_up_to_date_database_again_does_not_back_up(
    upgraded: Upgraded, db_path: Path
) -> None:
    again = upgrade(upgraded.db)
    reopened = open_database(db_path)
    reopened.close()

    assert not again.changed
    assert again.backup is None
    assert list(backups_dir(db_path).iterdir()) == [upgraded.result.backup]


def test_open_database_upgrades(populated: Database, db_path: Path, test_revision: str) -> None:
    reopened = open_database(db_path)
    try:
        assert migrate.current_revision(reopened) == test_revision
    finally:
        reopened.close()


def test_upgrade_that_breaks_links_is_rolled_back(
    populated: Database, db_path: Path, broken_revision: str
) -> None:
    shipped_head = stored_revision(db_path)
    before = row_counts(db_path)
    target = create_database_engine(db_path)
    try:
        with pytest.raises(DatabaseError, match="broken links"):
            upgrade(target)
        with target.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        target.close()

    assert stored_revision(db_path) == shipped_head
    assert row_counts(db_path) == before
