"""Alembic environment: runs on the connection handed over by techzone_crm.db.migrate."""

from __future__ import annotations

from alembic import context

from techzone_crm.db import models  # noqa: F401  (fills the metadata)
from techzone_crm.db.base import Base
from techzone_crm.db.fts import include_object

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("Migrations run through techzone_crm.db.migrate, on an open connection.")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
    include_object=include_object,
)
with context.begin_transaction():
    context.run_migrations()
