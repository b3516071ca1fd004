"""Migration 0006: the export log, added to a populated 0005 database without touching its rows."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from techzone_crm.db import migrate
from techzone_crm.db.engine import Database
from techzone_crm.db.models import ExportKind, ExportLog
from techzone_crm.services import people

from .helpers import migrate_to, populated_at, row_counts


@pytest.fixture
def at_0005(tmp_path: Path) -> Path:
    """A database at revision 0005 holding the rows the app wrote then."""
    return populated_at(tmp_path / "crm.sqlite", "0005")


@pytest.fixture
def upgraded(at_0005: Path) -> Iterator[tuple[Database, dict[str, int]]]:
    before = row_counts(at_0005)
    db = migrate.open_database(at_0005)
    yield db, before
    db.close()


def test_the_upgrade_adds_an_empty_export_log_and_keeps_every_row(
    upgraded: tuple[Database, dict[str, int]], at_0005: Path
) -> None:
    db, before = upgraded
    assert before["relationship"] == 2 and before["person"] == 2
    assert "export_log" not in before
    after = row_counts(at_0005)
    assert {t: n for t, n in after.items() if t != "import_mapping"} == {**before, "export_log": 0}
    assert migrate.current_revision(db) == migrate.head_revision()
    assert migrate.schema_differences(db) == []


def test_exports_of_the_people_of_before_can_be_logged(
    upgraded: tuple[Database, dict[str, int]],
) -> None:
    db, _ = upgraded
    with db.sessions.begin() as s:
        count = people.count_people(s, people.PersonQuery())
        s.add(
            ExportLog(
                exported_by="Anna de Boer",
                kind=ExportKind.PEOPLE,
                format="xlsx",
                filter="all people",
                count=count,
                path="/tmp/list.xlsx",
            )
        )
    with db.read() as s:
        logged = s.scalars(select(ExportLog)).one()
    assert (logged.kind, logged.count, logged.exported_by) == (ExportKind.PEOPLE, 2, "Anna de Boer")
    assert logged.exported_at.utcoffset() is not None or logged.exported_at.tzinfo is None


def test_downgrading_drops_only_the_export_log(at_0005: Path) -> None:
    before = row_counts(at_0005)
    migrate.open_database(at_0005).close()

    migrate_to(at_0005, "0005", down=True)

    assert row_counts(at_0005) == before
