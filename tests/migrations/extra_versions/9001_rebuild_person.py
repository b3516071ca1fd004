"""Test-only revision: rebuild the person table twice, as a real schema change on SQLite would.

It sits on top of the shipped head, adds a column with a full table rebuild and drops it again
the same way, so the schema ends where the models are. Rebuilding drops the old table; with
foreign keys on, that would cascade into e-mails, phones, affiliations and tags.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from alembic.config import Config
from alembic.script import ScriptDirectory

from techzone_crm.db import fts
from techzone_crm.db.migrate import MIGRATIONS_DIR


def _shipped_head() -> str | None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return ScriptDirectory.from_config(config).get_current_head()


revision = "9001"
down_revision = _shipped_head()
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The search triggers live on the rebuilt table and the views refer to it.
    for statement in fts.drop_statements(1):
        op.execute(statement)
    with op.batch_alter_table("person", recreate="always") as batch_op:
        batch_op.add_column(sa.Column("nickname", sa.String(50), nullable=True))
    with op.batch_alter_table("person", recreate="always") as batch_op:
        batch_op.drop_column("nickname")
    for statement in fts.create_statements(1):
        op.execute(statement)


def downgrade() -> None:
    pass
