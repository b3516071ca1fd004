"""Opening a database: a new file gets the schema, an up-to-date one is left alone."""

from __future__ import annotations

from pathlib import Path

from techzone_crm.db import migrate
from techzone_crm.db.backup import backups_dir
from techzone_crm.db.engine import Database, create_database_engine
from techzone_crm.db.migrate import MigrationResult, current_revision, head_revision, upgrade


def test_migrations_ship_inside_the_package() -> None:
    location = Path(migrate.alembic_config().get_main_option("script_location") or "")

    assert location == migrate.MIGRATIONS_DIR
    assert (location / "env.py").is_file()
    assert Path(migrate.__file__).parent in location.parents


def test_new_file_gets_the_newest_schema_without_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    fresh = create_database_engine(path)
    try:
        assert current_revision(fresh) is None
        result = upgrade(fresh)
        assert current_revision(fresh) == head_revision()
    finally:
        fresh.close()

    assert result == MigrationResult(None, head_revision(), None)
    assert result.changed
    assert not backups_dir(path).exists()


def test_up_to_date_database_is_left_alone(db: Database, db_path: Path) -> None:
    result = upgrade(db)

    assert result == MigrationResult(head_revision(), head_revision(), None)
    assert not result.changed
    assert not backups_dir(db_path).exists()
