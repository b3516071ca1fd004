"""Migration 0007: saved import mappings, added to a populated 0006 database untouched."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from techzone_crm.db import migrate
from techzone_crm.db.engine import Database
from techzone_crm.db.models import ImportMapping
from techzone_crm.io.import_fields import ImportField
from techzone_crm.services import import_mappings

from .helpers import migrate_to, populated_at, row_counts


@pytest.fixture
def at_0006(tmp_path: Path) -> Path:
    """A database at revision 0006 holding the rows the app wrote then."""
    return populated_at(tmp_path / "crm.sqlite", "0006")


@pytest.fixture
def upgraded(at_0006: Path) -> Iterator[tuple[Database, dict[str, int]]]:
    before = row_counts(at_0006)
    db = migrate.open_database(at_0006)
    yield db, before
    db.close()


def test_the_upgrade_adds_an_empty_mapping_table_and_keeps_every_row(
    upgraded: tuple[Database, dict[str, int]], at_0006: Path
) -> None:
    db, before = upgraded
    assert before["export_log"] == 1 and before["person"] == 2
    assert "import_mapping" not in before
    assert row_counts(at_0006) == {**before, "import_mapping": 0}
    assert migrate.current_revision(db) == migrate.head_revision()
    assert migrate.schema_differences(db) == []


def test_a_mapping_can_be_saved_after_the_upgrade(
    upgraded: tuple[Database, dict[str, int]],
) -> None:
    db, _ = upgraded
    with db.sessions.begin() as s:
        import_mappings.save_mapping(
            s,
            "Outlook",
            ["Voornaam", "Achternaam"],
            {0: ImportField.GIVEN_NAME, 1: ImportField.FAMILY_NAME},
        )
    with db.read() as s:
        stored = s.scalars(select(ImportMapping)).one()
        assert (stored.name, stored.version) == ("Outlook", 1)
        assert import_mappings.get_mapping(s, "Outlook").columns == {
            "Voornaam": ImportField.GIVEN_NAME,
            "Achternaam": ImportField.FAMILY_NAME,
        }


def test_downgrading_drops_only_the_mapping_table(at_0006: Path) -> None:
    before = row_counts(at_0006)
    migrate.open_database(at_0006).close()

    migrate_to(at_0006, "0006", down=True)

    assert row_counts(at_0006) == before
