"""Alembic environment for the frozen copy of the control database's migrations as they were
at version 0.2 (``main`` at commit 4593206, head ``0012``), used by
``tests/test_control_schema.py``. It imports nothing of Kept: the copy never changes."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import context

VERSION_TABLE = "kept_alembic_version"

_connection = context.config.attributes["connection"]
assert isinstance(_connection, sa.Connection)
context.configure(
    connection=_connection,
    target_metadata=None,
    version_table=VERSION_TABLE,
    render_as_batch=_connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
