"""Opening a database: a SQLite path or any SQLAlchemy URL, with the right connection settings."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from techzone_crm.errors import DatabaseError

BUSY_TIMEOUT_MS = 5000


def to_url(target: str | Path) -> URL:
    """A SQLAlchemy URL for ``target``: a URL as given, or a file path for SQLite."""
    text = str(target)
    if "://" in text:
        return make_url(text)
    path = Path(text).expanduser().resolve()
    return URL.create("sqlite+pysqlite", database=str(path))


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        # Let SQLAlchemy emit BEGIN itself (below) instead of the driver's implicit one.
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # A deferred transaction that reads and then writes can fail with "database is
        # locked" whatever the timeout, so writers take the lock up front.
        mode = conn.get_execution_options().get("sqlite_begin", "IMMEDIATE")
        conn.exec_driver_sql(f"BEGIN {mode}")


class Database:
    """An open database: the engine plus session factories for writing and reading.

    Use one session per user action::

        with db.sessions.begin() as session:
            services.people.add_person(session, data)
    """

    def __init__(self, url: URL, engine: Engine) -> None:
        self.url = url
        self.engine = engine
        self.sessions: sessionmaker[Session] = sessionmaker(engine, expire_on_commit=False)
        # Reads do not need the write lock up front.
        self.reader: Engine = engine.execution_options(sqlite_begin="DEFERRED")
        self.read_sessions: sessionmaker[Session] = sessionmaker(
            self.reader, expire_on_commit=False
        )

    @property
    def is_sqlite(self) -> bool:
        """True for a SQLite database."""
        return self.url.get_backend_name() == "sqlite"

    @property
    def sqlite_path(self) -> Path | None:
        """The file of a SQLite database, or None for in-memory and other databases."""
        if not self.is_sqlite or not self.url.database or self.url.database == ":memory:":
            return None
        return Path(self.url.database)

    def describe(self) -> str:
        """Where the data lives, safe to show (no password)."""
        path = self.sqlite_path
        return str(path) if path else self.url.render_as_string(hide_password=True)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A short read-only session."""
        with self.read_sessions() as session:
            yield session

    def close(self) -> None:
        """Release every connection."""
        self.engine.dispose()


def create_database_engine(target: str | Path) -> Database:
    """Create the engine for ``target`` without touching the schema."""
    try:
        url = to_url(target)
    except ArgumentError as exc:
        # Not echoed: an address that cannot be parsed may still hold a password.
        raise DatabaseError(
            "Cannot read the database address: give a file path or a URL "
            "such as postgresql://user@host/name."
        ) from exc
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        path = Path(url.database)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseError(f"Cannot create the folder {path.parent}: {exc.strerror}") from exc
    try:
        engine = create_engine(url)
    except Exception as exc:  # unknown dialect, missing driver
        where = url.render_as_string(hide_password=True)
        raise DatabaseError(f"Cannot use the database {where}: {exc}") from exc
    if url.get_backend_name() == "sqlite":
        _configure_sqlite(engine)
    return Database(url, engine)


def refuse_foreign_file(path: Path) -> None:
    """Refuse a file that is not a TechZone CRM database, before any connection changes it.

    The engine switches every connection to WAL mode, which rewrites the file header, so
    another program's file is looked at read-only first.
    """
    if not path.is_file() or path.stat().st_size == 0:
        return
    try:
        with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as conn:
            tables = {
                row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(
            f"The file {path} is not a TechZone CRM database or it is damaged ({exc}); "
            "it has not been changed."
        ) from exc
    if tables and "alembic_version" not in tables:
        raise DatabaseError(
            f"{path} holds tables but is not a TechZone CRM database; it has not been changed."
        )


def quick_check(db: Database) -> None:
    """Refuse a damaged SQLite file before anything writes to it."""
    if not db.is_sqlite:
        return
    try:
        with db.reader.connect() as conn:
            result = conn.exec_driver_sql("PRAGMA quick_check").scalar()
    except DBAPIError as exc:
        raise explain(exc, db) from exc
    if result != "ok":
        raise DatabaseError(
            f"The database {db.describe()} is damaged ({result}). "
            "Restore a backup from the backups folder next to it."
        )


def explain(exc: BaseException, db: Database | None = None) -> DatabaseError:
    """Turn a driver error into a message a user can act on."""
    text = str(getattr(exc, "orig", exc)).lower()
    where = f" ({db.describe()})" if db else ""
    if "locked" in text or "busy" in text:
        return DatabaseError(
            f"The database{where} is busy: another TechZone CRM window or program is writing "
            "to it. Wait a moment and try again."
        )
    if "disk is full" in text or "database or disk is full" in text:
        return DatabaseError(f"The disk is full{where}. Free some space and try again.")
    if "readonly" in text or "read-only" in text:
        return DatabaseError(f"The database{where} is read-only. Check the file's permissions.")
    if "not a database" in text or "malformed" in text:
        return DatabaseError(
            f"The file{where} is not a TechZone CRM database or it is damaged. "
            "Restore a backup from the backups folder next to it."
        )
    if "unable to open" in text:
        return DatabaseError(f"The database{where} cannot be opened. Check the path.")
    return DatabaseError(f"The database{where} reported an error: {getattr(exc, 'orig', exc)}")
