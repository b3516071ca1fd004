"""Schema migrations with Alembic, run whenever the app or the CLI opens a database."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.exc import DBAPIError

from techzone_crm.db.backup import backup_sqlite
from techzone_crm.db.base import Base
from techzone_crm.db.engine import (
    Database,
    create_database_engine,
    explain,
    quick_check,
    refuse_foreign_file,
)
from techzone_crm.db.fts import include_object
from techzone_crm.errors import DatabaseError

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


@dataclass(frozen=True)
class MigrationResult:
    """What :func:`upgrade` did."""

    from_revision: str | None
    to_revision: str
    backup: Path | None

    @property
    def changed(self) -> bool:
        """True if the schema was upgraded."""
        return self.from_revision != self.to_revision


def alembic_config() -> Config:
    """Alembic's configuration, built in code (no alembic.ini is shipped)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    """The newest schema revision this version of the app knows."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(db: Database) -> str | None:
    """The schema revision stored in the database (None for a new, empty one)."""
    with db.reader.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def schema_differences(db: Database) -> list[Any]:
    """How the database's schema differs from the models (what ``alembic check`` reports)."""
    from techzone_crm.db import models  # noqa: F401  (fills the metadata)

    with db.reader.connect() as conn:
        context = MigrationContext.configure(
            conn,
            opts={
                "compare_type": True,
                "render_as_batch": True,
                "include_object": include_object,
            },
        )
        return list(compare_metadata(context, Base.metadata))


def upgrade(db: Database) -> MigrationResult:
    """Bring the schema to the newest revision, backing up a SQLite file first."""
    script = ScriptDirectory.from_config(alembic_config())
    head = head_revision()
    try:
        current = current_revision(db)
        table_names = set(inspect(db.engine).get_table_names())
    except DBAPIError as exc:
        raise explain(exc, db) from exc
    if current == head:
        return MigrationResult(current, head, None)
    if current is not None and current not in {rev.revision for rev in script.walk_revisions()}:
        raise DatabaseError(
            f"The database {db.describe()} was written by a newer version of TechZone CRM "
            f"(schema {current}; this version knows up to {head}). "
            "Install the newer version to open it; it has not been changed."
        )
    if current is None and table_names - {"alembic_version"}:
        raise DatabaseError(
            f"{db.describe()} holds tables but is not a TechZone CRM database; "
            "it has not been changed."
        )
    backup = None
    path = db.sqlite_path
    if path is not None and current is not None:
        backup = backup_sqlite(path, f"before-{head}")
        log.info("Backed up %s to %s before upgrading", path, backup)
    _run_upgrade(db)
    return MigrationResult(current, head, backup)


def _run_upgrade(db: Database) -> None:
    config = alembic_config()
    with db.engine.connect() as conn:
        raw = conn.connection.driver_connection if db.is_sqlite else None
        if raw is not None:
            # Batch migrations recreate tables; with foreign keys on, ON DELETE CASCADE
            # would empty child tables. The pragma only works outside a transaction.
            raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                config.attributes["connection"] = conn
                command.upgrade(config, "head")
                if raw is not None:
                    problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if problems:
                        raise DatabaseError(
                            f"Upgrading {db.describe()} left broken links ({len(problems)}); "
                            "the upgrade was rolled back."
                        )
        except DBAPIError as exc:
            raise explain(exc, db) from exc
        finally:
            if raw is not None:
                raw.execute("PRAGMA foreign_keys=ON")


def open_database(target: str | Path) -> Database:
    """Open ``target`` (a path or URL), check it and bring its schema up to date."""
    db = create_database_engine(target)
    try:
        if db.sqlite_path is not None:
            refuse_foreign_file(db.sqlite_path)
        quick_check(db)
        upgrade(db)
    except BaseException:
        db.close()
        raise
    return db
