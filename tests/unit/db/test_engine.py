"""Connection settings, transaction modes, URLs and error messages of the engine."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import OperationalError

from techzone_crm.db import engine as engine_module
from techzone_crm.db.engine import Database, create_database_engine, explain, quick_check, to_url
from techzone_crm.db.models import Person
from techzone_crm.errors import DatabaseError


def pragmas(conn: Connection) -> tuple[int, str, int]:
    return (
        conn.exec_driver_sql("PRAGMA foreign_keys").scalar_one(),
        conn.exec_driver_sql("PRAGMA journal_mode").scalar_one(),
        conn.exec_driver_sql("PRAGMA busy_timeout").scalar_one(),
    )


@pytest.fixture
def other_writer(db_path: Path, db: Database) -> Iterator[sqlite3.Connection]:
    """A second program on the same file that gives up on a lock almost at once."""
    conn = sqlite3.connect(db_path, timeout=0.05, isolation_level=None)
    with closing(conn):
        yield conn


def test_every_connection_gets_the_pragmas(db: Database) -> None:
    with (
        closing(db.engine.raw_connection()) as first,
        closing(db.engine.raw_connection()) as second,
    ):
        assert first.driver_connection is not second.driver_connection
        for conn in (first, second):
            cursor = conn.cursor()
            assert cursor.execute("PRAGMA foreign_keys").fetchone()[0] == 1
            assert cursor.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            assert cursor.execute("PRAGMA busy_timeout").fetchone()[0] > 0
            cursor.close()


def test_sessions_get_the_pragmas(db: Database) -> None:
    with db.sessions.begin() as writer, db.read() as reader:
        for session in (writer, reader):
            assert pragmas(session.connection()) == (1, "wal", engine_module.BUSY_TIMEOUT_MS)


def test_write_session_takes_the_write_lock_before_writing(
    db: Database, other_writer: sqlite3.Connection
) -> None:
    with db.sessions.begin() as session:
        session.execute(select(Person.id)).all()  # only read so far

        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other_writer.execute("BEGIN IMMEDIATE")

    other_writer.execute("BEGIN IMMEDIATE")
    other_writer.execute("ROLLBACK")


def test_read_session_does_not_block_writers(
    db: Database, other_writer: sqlite3.Connection
) -> None:
    count_tags = text("SELECT count(*) FROM tag")
    with db.read() as session:
        assert session.scalar(count_tags) == 0

        other_writer.execute("BEGIN IMMEDIATE")
        other_writer.execute(
            "INSERT INTO tag (name, created_at, updated_at, version) "
            "VALUES ('Kerngroep', '2024-01-01', '2024-01-01', 1)"
        )
        other_writer.execute("COMMIT")

        assert session.scalar(count_tags) == 0  # a consistent snapshot until it ends
    with db.read() as session:
        assert session.scalar(count_tags) == 1


def test_other_writers_wait_until_the_write_session_ends(
    db: Database, other_writer: sqlite3.Connection
) -> None:
    with db.sessions.begin() as session:
        session.execute(
            text(
                "INSERT INTO tag (name, created_at, updated_at, version) "
                "VALUES ('Program Board', '2024-01-01', '2024-01-01', 1)"
            )
        )
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other_writer.execute(
                "INSERT INTO tag (name, created_at, updated_at, version) "
                "VALUES ('Other', '2024-01-01', '2024-01-01', 1)"
            )

    assert other_writer.execute("SELECT name FROM tag").fetchall() == [("Program Board",)]


def test_second_window_gets_a_clear_message_while_another_writes(
    db: Database, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 20)
    second = create_database_engine(db_path)
    try:
        with db.sessions.begin() as session:
            session.execute(select(Person.id)).all()
            with pytest.raises(OperationalError) as caught, second.sessions.begin() as other:
                other.execute(select(Person.id)).all()
    finally:
        second.close()

    message = explain(caught.value, second).message
    assert "busy" in message
    assert str(db_path) in message


def test_path_becomes_an_absolute_sqlite_url(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)

    url = to_url("crm.sqlite")

    assert url.get_backend_name() == "sqlite"
    assert url.database == str(tmp_path / "crm.sqlite")
    assert to_url(tmp_path / "x.sqlite").database == str(tmp_path / "x.sqlite")


def test_home_directory_is_expanded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))

    assert to_url("~/crm.sqlite").database == str(tmp_path / "crm.sqlite")


def test_url_is_used_as_given() -> None:
    url = to_url("postgresql+psycopg://crm:secret@db.example.nl:5432/crm")

    assert url.get_backend_name() == "postgresql"
    assert url.host == "db.example.nl"
    assert url.database == "crm"


def test_describe_shows_the_file_or_hides_the_password(db: Database, db_path: Path) -> None:
    postgres = Database(to_url("postgresql://crm:secret@db.example.nl/crm"), db.engine)

    assert db.describe() == str(db_path)
    assert db.sqlite_path == db_path
    assert "secret" not in postgres.describe()
    assert "db.example.nl" in postgres.describe()
    assert postgres.sqlite_path is None
    assert not postgres.is_sqlite


def test_missing_folders_are_created(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "crm.sqlite"

    created = create_database_engine(target)
    created.close()

    assert target.parent.is_dir()


def test_unusable_url_is_a_clear_error_without_the_password() -> None:
    with pytest.raises(DatabaseError, match="Cannot use the database") as caught:
        create_database_engine("nosuchdialect://crm:secret@localhost/crm")

    assert "secret" not in caught.value.message


def test_unreadable_url_is_a_clear_error() -> None:
    with pytest.raises(DatabaseError, match="Cannot read the database address"):
        create_database_engine("://crm:secret@nothing")


@pytest.mark.parametrize(
    ("driver_message", "expected"),
    [
        ("database is locked", "busy"),
        ("database table is locked", "busy"),
        ("database or disk is full", "disk is full"),
        ("attempt to write a readonly database", "read-only"),
        ("file is not a database", "not a TechZone CRM database"),
        ("database disk image is malformed", "damaged"),
        ("unable to open database file", "cannot be opened"),
    ],
)
def test_driver_errors_become_clear_messages(driver_message: str, expected: str) -> None:
    raw = sqlite3.OperationalError(driver_message)
    wrapped = OperationalError("INSERT INTO person ...", {}, raw)

    for exc in (raw, wrapped):
        error = explain(exc)
        assert isinstance(error, DatabaseError)
        assert expected in error.message


def test_unknown_driver_error_is_passed_on() -> None:
    error = explain(sqlite3.OperationalError("something odd"))

    assert "something odd" in error.message


def test_explained_error_says_which_database(db: Database, db_path: Path) -> None:
    error = explain(sqlite3.OperationalError("database or disk is full"), db)

    assert error.message.startswith("The disk is full")
    assert str(db_path) in error.message


def test_quick_check_accepts_a_sound_database(db: Database) -> None:
    quick_check(db)
