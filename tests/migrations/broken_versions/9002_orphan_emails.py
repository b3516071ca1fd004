"""Test-only revision that breaks links: it deletes people but leaves their e-mail addresses."""

from __future__ import annotations

from alembic import op
from alembic.config import Config
from alembic.script import ScriptDirectory

from techzone_crm.db.migrate import MIGRATIONS_DIR


def _shipped_head() -> str | None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return ScriptDirectory.from_config(config).get_current_head()


revision = "9002"
down_revision = _shipped_head()
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("DELETE FROM person")


def downgrade() -> None:
    pass
