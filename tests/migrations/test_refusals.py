"""Files the app must not upgrade: newer databases, other programs' files, damaged files."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from techzone_crm.db.backup import backups_dir
from techzone_crm.db.engine import Database
from techzone_crm.db.migrate import open_database
from techzone_crm.errors import DatabaseError

from .helpers import populate, row_counts, stored_revision


@pytest.fixture
def closed_populated(db: Database, db_path: Path) -> Path:
    """A populated database file, closed (and so checkpointed) like after quitting the app."""
    with db.sessions.begin() as session:
        populate(session)
    db.close()
    return db_path


def test_newer_database_is_refused(closed_populated: Path) -> None:
    with closing(sqlite3.connect(closed_populated)) as conn, conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffff_from_the_future'")

    with pytest.raises(DatabaseError, match="newer version") as caught:
        open_database(closed_populated)

    assert "ffff_from_the_future" in caught.value.message
    assert "has not been changed" in caught.value.message


def test_newer_database_is_left_unchanged(closed_populated: Path) -> None:
    with closing(sqlite3.connect(closed_populated)) as conn, conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffff_from_the_future'")
    before = closed_populated.read_bytes()
    counts = row_counts(closed_populated)

    with pytest.raises(DatabaseError):
        open_database(closed_populated)

    assert closed_populated.read_bytes() == before
    assert stored_revision(closed_populated) == "ffff_from_the_future"
    assert row_counts(closed_populated) == counts
    assert not backups_dir(closed_populated).exists()


def test_file_of_another_program_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "recipes.sqlite"
    with closing(sqlite3.connect(other)) as conn, conn:
        conn.execute("CREATE TABLE recipe (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("INSERT INTO recipe (name) VALUES ('stamppot')")

    before = other.read_bytes()

    with pytest.raises(DatabaseError, match="not a TechZone CRM database"):
        open_database(other)

    assert row_counts(other) == {"recipe": 1}
    assert not backups_dir(other).exists()
    # Not even switched to WAL mode: the file is byte for byte what the other program left.
    assert other.read_bytes() == before
    assert not Path(f"{other}-wal").exists()


def test_empty_file_becomes_a_new_database(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    path.touch()

    opened = open_database(path)
    opened.close()

    assert "person" in row_counts(path)


def test_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_bytes(b"These are my notes, not a database.\n" * 200)

    with pytest.raises(DatabaseError, match="not a TechZone CRM database or it is damaged"):
        open_database(path)

    assert path.read_bytes().startswith(b"These are my notes")


def _root_page(path: Path, table: str) -> int:
    with closing(sqlite3.connect(path)) as conn:
        page = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,))
        return int(page.fetchone()[0])


def _page_size(path: Path) -> int:
    with closing(sqlite3.connect(path)) as conn:
        return int(conn.execute("PRAGMA page_size").fetchone()[0])


def test_damaged_copy_is_refused_with_a_clear_message(closed_populated: Path) -> None:
    damaged = closed_populated.with_name("damaged.sqlite")
    shutil.copy(closed_populated, damaged)
    size = _page_size(damaged)
    start = (_root_page(damaged, "person") - 1) * size
    data = bytearray(damaged.read_bytes())
    data[start : start + size] = bytes((i * 37 + 11) % 256 for i in range(size))
    damaged.write_bytes(bytes(data))

    with pytest.raises(DatabaseError, match="damaged") as caught:
        open_database(damaged)

    assert "backup" in caught.value.message
    reopened = open_database(closed_populated)
    reopened.close()


def test_folder_instead_of_a_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="cannot be opened"):
        open_database(tmp_path)


def test_path_under_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a folder")

    with pytest.raises(DatabaseError, match="Cannot create the folder"):
        open_database(tmp_path / "notes.txt" / "crm.sqlite")
