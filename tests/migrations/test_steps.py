"""Every shipped revision upgrades a populated database of the revision before it.

``data/<revision>.sql`` holds rows as the app wrote them at that revision. Each file is loaded
into a database built up to its revision, which is then opened like the app opens it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.script import ScriptDirectory

from techzone_crm.db import migrate
from techzone_crm.db.backup import backups_dir
from techzone_crm.services import maintenance, people

from .helpers import SNAPSHOTS_DIR, populated_at, row_counts

SNAPSHOTS = sorted(SNAPSHOTS_DIR.glob("*.sql"))


def test_there_is_a_snapshot_for_every_revision_before_the_head() -> None:
    revisions = [
        r.revision for r in ScriptDirectory.from_config(migrate.alembic_config()).walk_revisions()
    ]
    older = set(revisions) - {migrate.head_revision()}
    assert {p.stem for p in SNAPSHOTS} == older


@pytest.mark.parametrize("snapshot", SNAPSHOTS, ids=[p.stem for p in SNAPSHOTS])
def test_populated_database_survives_the_upgrade(tmp_path: Path, snapshot: Path) -> None:
    path = populated_at(tmp_path / "crm.sqlite", snapshot.stem)
    before = row_counts(path)
    assert before["person"] > 0 and before["affiliation"] > 0

    db = migrate.open_database(path)
    try:
        assert migrate.current_revision(db) == migrate.head_revision()
        after = row_counts(path)
        assert {t: after[t] for t in before} == before
        with db.sessions.begin() as session:
            assert maintenance.integrity_problems(session) == []
            found = people.list_people(session, people.PersonQuery(text="berg drenthe"))
            assert [p.sorted_name for p in found] == ["Berg, Jan van der"]
        assert migrate.schema_differences(db) == []
    finally:
        db.close()
    assert len(list(backups_dir(path).glob("*.sqlite"))) == 1
