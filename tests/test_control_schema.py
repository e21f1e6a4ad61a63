"""Today's migrations build the control database that the migrations of version 0.2 built.

A frozen copy of the migrations as they were at ``main``'s commit 4593206 (head ``0012``,
``tests/data/control_migrations_0_2``) builds one database; today's code builds another, up to
the same revision and up to its head. Their tables, columns (types, nullability), primary
keys, indexes, unique constraints and foreign keys are compared, on SQLite, PostgreSQL and
MariaDB: moving the tables into ``kept.control.schema`` changed no migration's effect.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlalchemy.engine import make_url

import kept.control
from kept.control import VERSION_TABLE, open_control

FROZEN = Path(__file__).parent / "data" / "control_migrations_0_2"
FROZEN_HEAD = "0012"

SERVERS = {"postgres": "postgres_url", "mariadb": "mariadb_url"}


def _config(script_location: Path, conn: sa.Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(script_location))
    config.set_main_option("path_separator", "os")
    config.attributes["connection"] = conn
    return config


def _migrate_frozen(url: str) -> None:
    engine = sa.create_engine(url, poolclass=sa.NullPool)
    try:
        with engine.begin() as conn:
            command.upgrade(_config(FROZEN, conn), "head")
    finally:
        engine.dispose()


def _migrate_today(url: str, revision: str) -> None:
    engine = sa.create_engine(url, poolclass=sa.NullPool)
    try:
        with engine.begin() as conn:
            command.upgrade(kept.control._alembic_config(conn), revision)
    finally:
        engine.dispose()


def _schema(url: str) -> dict[str, dict[str, Any]]:
    """Every table but Alembic's: columns with types, keys, indexes, constraints."""
    engine = sa.create_engine(url, poolclass=sa.NullPool)
    try:
        with engine.connect() as conn:
            inspector = sa.inspect(conn)
            dialect = conn.dialect
            tables: dict[str, dict[str, Any]] = {}
            for name in sorted(set(inspector.get_table_names()) - {VERSION_TABLE}):
                columns = {
                    c["name"]: (c["type"].compile(dialect=dialect), c["nullable"])
                    for c in inspector.get_columns(name)
                }
                indexes = sorted(
                    (i["name"] or "", tuple(i["column_names"]), bool(i["unique"]))
                    for i in inspector.get_indexes(name)
                )
                uniques = sorted(
                    (u["name"] or "", tuple(u["column_names"]))
                    for u in inspector.get_unique_constraints(name)
                )
                foreign = sorted(
                    (
                        tuple(f["constrained_columns"]),
                        f["referred_table"],
                        tuple(f["referred_columns"]),
                    )
                    for f in inspector.get_foreign_keys(name)
                )
                primary = tuple(inspector.get_pk_constraint(name)["constrained_columns"])
                tables[name] = {
                    "columns": columns,
                    "primary_key": primary,
                    "indexes": indexes,
                    "unique": uniques,
                    "foreign_keys": foreign,
                }
            return tables
    finally:
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgres", "mariadb"])
def two_urls(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """Two new, empty databases of one kind: the first from the fixture, the second made
    beside it on the same server (and dropped afterwards)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'frozen.db'}", f"sqlite:///{tmp_path / 'today.db'}"
        return
    first: str = request.getfixturevalue(SERVERS[request.param])
    url = make_url(first)
    second = f"kept_test_{uuid.uuid4().hex[:12]}"
    quote = '"' if url.get_backend_name() == "postgresql" else "`"
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT", poolclass=sa.NullPool)
    with admin.connect() as conn:
        conn.execute(sa.text(f"CREATE DATABASE {quote}{second}{quote}"))
    try:
        yield first, url.set(database=second).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            force = " WITH (FORCE)" if quote == '"' else ""
            conn.execute(sa.text(f"DROP DATABASE IF EXISTS {quote}{second}{quote}{force}"))
        admin.dispose()


def test_the_frozen_copy_is_the_head_of_version_0_2() -> None:
    names = sorted(p.name for p in (FROZEN / "versions").glob("*.py"))
    assert len(names) == 12 and names[-1].startswith(FROZEN_HEAD)


def test_todays_migrations_build_the_schema_of_version_0_2(two_urls: tuple[str, str]) -> None:
    frozen_url, today_url = two_urls
    _migrate_frozen(frozen_url)
    _migrate_today(today_url, FROZEN_HEAD)
    frozen, today = _schema(frozen_url), _schema(today_url)
    assert len(frozen) >= 20
    assert today == frozen


def test_the_head_keeps_every_table_column_and_index_of_version_0_2(
    two_urls: tuple[str, str],
) -> None:
    """``open_control`` (today's head, whatever migrations came later) only adds."""
    frozen_url, today_url = two_urls
    _migrate_frozen(frozen_url)
    open_control(today_url).dispose()
    frozen, today = _schema(frozen_url), _schema(today_url)
    for name, table in frozen.items():
        assert name in today, name
        for column, described in table["columns"].items():
            assert today[name]["columns"].get(column) == described, (name, column)
        # a later migration may widen a key (0013 adds the tenant to kept_consent_state's)
        assert set(table["primary_key"]) <= set(today[name]["primary_key"]), name
        assert set(table["indexes"]) <= set(today[name]["indexes"]), name
        assert set(table["foreign_keys"]) <= set(today[name]["foreign_keys"]), name
