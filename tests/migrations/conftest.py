"""Fixtures for migration tests: test-only revisions on top of the shipped head."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from alembic.config import Config

from techzone_crm.db import migrate

HERE = Path(__file__).resolve().parent
EXTRA_VERSIONS = HERE / "extra_versions"
BROKEN_VERSIONS = HERE / "broken_versions"
TEST_REVISION = "9001"
BROKEN_REVISION = "9002"


def _add_versions(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    shipped = migrate.alembic_config

    def config() -> Config:
        cfg = shipped()
        cfg.set_main_option("path_separator", "os")
        locations = [str(migrate.MIGRATIONS_DIR / "versions"), str(folder)]
        cfg.set_main_option("version_locations", os.pathsep.join(locations))
        return cfg

    monkeypatch.setattr(migrate, "alembic_config", config)


@pytest.fixture
def test_revision(monkeypatch: pytest.MonkeyPatch) -> str:
    """Make the app know one more revision than it ships: a rebuild of the person table."""
    _add_versions(monkeypatch, EXTRA_VERSIONS)
    return TEST_REVISION


@pytest.fixture
def broken_revision(monkeypatch: pytest.MonkeyPatch) -> str:
    """Make the app know one more revision than it ships: one that leaves broken links."""
    _add_versions(monkeypatch, BROKEN_VERSIONS)
    return BROKEN_REVISION
