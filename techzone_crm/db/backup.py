"""Backups of a SQLite file with the online backup API (never a copy of an open file)."""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

KEEP_BACKUPS = 10


def backups_dir(db_path: Path) -> Path:
    """The folder that holds the backups of ``db_path``."""
    return db_path.parent / "backups"


def backup_sqlite(db_path: Path, reason: str, keep: int = KEEP_BACKUPS) -> Path:
    """Write a consistent copy of ``db_path`` and drop the oldest beyond ``keep`` of this file."""
    folder = backups_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = folder / f"{db_path.stem}-{stamp}-{reason}.sqlite"
    with (
        closing(sqlite3.connect(db_path)) as source,
        closing(sqlite3.connect(target)) as dest,
    ):
        source.backup(dest)
    _rotate(folder, db_path.stem, keep)
    return target


def _rotate(folder: Path, stem: str, keep: int) -> None:
    # Only this file's backups: "crm-trial.sqlite" must not count as a backup of "crm.sqlite".
    own = re.compile(re.escape(stem) + r"-\d{8}T\d{12}Z-.*\.sqlite")
    backups = sorted(p for p in folder.glob("*.sqlite") if own.fullmatch(p.name))
    for old in backups[: max(0, len(backups) - keep)]:
        old.unlink(missing_ok=True)
