"""Alembic environment for Kept's control-plane database.

Kept runs its migrations from code (:func:`kept.control.open_control`), handing Alembic an open
connection in ``config.attributes["connection"]``; no ``alembic.ini`` is needed. For offline
SQL (``alembic upgrade head --sql``), set ``sqlalchemy.url`` in the config.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import context

from kept.control import VERSION_TABLE, metadata

# ``metadata`` holds every table (kept.control.schema); tests/test_control.py checks that the
# migrations and the declared tables agree.

__all__: list[str] = []


def _run_offline() -> None:
    context.configure(
        url=context.config.get_main_option("sqlalchemy.url"),
        target_metadata=metadata,
        version_table=VERSION_TABLE,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def _run_online(connection: sa.Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        version_table=VERSION_TABLE,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    _run_offline()
else:
    _connection = context.config.attributes.get("connection")
    if isinstance(_connection, sa.Connection):
        _run_online(_connection)
    else:
        _engine = sa.create_engine(
            context.config.get_main_option("sqlalchemy.url") or "", poolclass=sa.NullPool
        )
        try:
            with _engine.begin() as _conn:
                _run_online(_conn)
        finally:
            _engine.dispose()
