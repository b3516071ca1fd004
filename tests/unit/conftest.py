"""Unit-test fixtures: every test gets its own database, copied from one migrated per run."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from techzone_crm.db.engine import Database
from techzone_crm.db.migrate import open_database


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty database at the newest revision, closed (so its log is checkpointed)."""
    path = tmp_path_factory.mktemp("template") / "crm.sqlite"
    open_database(path).close()
    return path


@pytest.fixture
def db(db_path: Path, migrated_template: Path) -> Iterator[Database]:
    """A migrated, empty SQLite database, opened the way the app opens one."""
    shutil.copyfile(migrated_template, db_path)
    database = open_database(db_path)
    yield database
    database.close()
