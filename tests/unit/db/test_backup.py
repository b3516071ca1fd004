"""Backups: consistent copies made while the database is open, with a rotation."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from techzone_crm.db.backup import backup_sqlite, backups_dir
from techzone_crm.db.engine import Database
from techzone_crm.db.models import Tag


def _tag_names(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as conn:
        return [row[0] for row in conn.execute("SELECT name FROM tag ORDER BY name")]


def test_backup_of_an_open_database_holds_committed_data(db: Database, db_path: Path) -> None:
    with db.sessions.begin() as session:
        session.add(Tag(name="Program Board"))

    backup = backup_sqlite(db_path, "manual")

    assert backup.parent == backups_dir(db_path) == db_path.parent / "backups"
    assert backup.name.startswith("crm-") and backup.name.endswith("-manual.sqlite")
    assert _tag_names(backup) == ["Program Board"]
    with closing(sqlite3.connect(backup)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_backup_leaves_out_what_is_not_committed(db: Database, db_path: Path) -> None:
    with db.sessions.begin() as session:
        session.add(Tag(name="Committed"))
    with db.read() as session:
        session.add(Tag(name="Still being typed"))
        session.flush()

        backup = backup_sqlite(db_path, "manual")

        session.rollback()

    assert _tag_names(backup) == ["Committed"]


def test_only_the_newest_backups_are_kept(db: Database, db_path: Path) -> None:
    made = [backup_sqlite(db_path, f"n{i}", keep=3) for i in range(5)]

    assert sorted(backups_dir(db_path).iterdir()) == made[-3:]


def test_rotation_leaves_other_databases_backups_alone(db: Database, db_path: Path) -> None:
    other = backups_dir(db_path) / "archive-20200101T000000000000Z-manual.sqlite"
    other.parent.mkdir()
    other.write_bytes(b"")

    for i in range(3):
        backup_sqlite(db_path, f"n{i}", keep=1)

    assert other.exists()
    assert len(list(backups_dir(db_path).glob("crm-*.sqlite"))) == 1


def test_rotation_leaves_backups_of_a_similarly_named_database_alone(tmp_path: Path) -> None:
    main, trial = tmp_path / "crm.sqlite", tmp_path / "crm-trial.sqlite"
    for path in (main, trial):
        with closing(sqlite3.connect(path)) as conn:
            conn.execute("CREATE TABLE t (x)")
    trial_backup = backup_sqlite(trial, "manual", keep=1)

    kept = [backup_sqlite(main, f"n{i}", keep=2) for i in range(3)][-2:]

    assert sorted(backups_dir(main).iterdir()) == sorted([*kept, trial_backup])
