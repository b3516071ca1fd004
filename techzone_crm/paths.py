"""Where things live: the user's data directory and the bundled resources."""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

import platformdirs

APP_NAME = "TechZoneCRM"
APP_AUTHOR = "TechZone"
DB_ENV_VAR = "TECHZONE_CRM_DB"
DB_FILENAME = "techzone-crm.sqlite"


def user_data_dir() -> Path:
    """The per-user data directory (created on demand)."""
    path = Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database() -> str:
    """The database to open when none is given: $TECHZONE_CRM_DB or the data directory."""
    from_env = os.environ.get(DB_ENV_VAR, "").strip()
    if from_env:
        return from_env
    return str(user_data_dir() / DB_FILENAME)


def resources_dir() -> Path:
    """The bundled resources: inside the installed package, or the source tree's resources/."""
    packaged = Path(str(files("techzone_crm"))) / "resources"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    """A file among the bundled resources."""
    return resources_dir().joinpath(*parts)
