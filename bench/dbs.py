"""Throwaway databases for the benchmarks: create a uniquely named one, drop it afterwards.

A server URL (PostgreSQL, MariaDB) is an *administrative* URL: its database part only serves to
connect while the new database is created and dropped. SQLite databases are files in a
temporary folder.
"""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import URL

from kept.stores import expand_url

__all__ = [
    "DEFAULT_MARIADB",
    "DEFAULT_POSTGRES",
    "admin_url",
    "create_database",
    "drop_database",
    "parse_url",
    "reachable",
    "server_version",
    "sqlite_database",
    "temporary_database",
]

DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
DEFAULT_MARIADB = "mysql+pymysql://root@127.0.0.1:3306/test"


def parse_url(url: str | URL) -> URL:
    """A SQLAlchemy URL with Kept's driver defaults (``postgresql://`` → psycopg)."""
    return url if isinstance(url, URL) else expand_url("bench", url)


def admin_url(url: str | URL) -> URL:
    """The URL to manage databases on ``url``'s server: no database, or ``postgres``."""
    parsed = parse_url(url)
    if parsed.get_backend_name() == "postgresql":
        return parsed.set(database="postgres")
    return parsed._replace(database=None)


def _admin_engine(url: str | URL) -> sa.Engine:
    return sa.create_engine(parse_url(url), isolation_level="AUTOCOMMIT", poolclass=sa.NullPool)


def _quote(engine: sa.Engine, name: str) -> str:
    return engine.dialect.identifier_preparer.quote_identifier(name)


def reachable(url: str | URL) -> str | None:
    """``None`` when the server answers, else the reason it does not (one line)."""
    engine = _admin_engine(url)
    try:
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
    except Exception as exc:  # any driver or network error means: no server here
        return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    finally:
        engine.dispose()
    return None


def server_version(url: str | URL) -> str:
    """The server's version string (``SELECT version()``; SQLite's library version)."""
    parsed = parse_url(url)
    if parsed.get_backend_name() == "sqlite":
        import sqlite3

        return f"SQLite {sqlite3.sqlite_version}"
    engine = _admin_engine(parsed)
    try:
        with engine.connect() as conn:
            return str(conn.execute(sa.text("SELECT version()")).scalar_one())
    finally:
        engine.dispose()


def create_database(admin_url: str | URL, name: str) -> URL:
    """Create database ``name`` on the server of ``admin_url`` and return its URL."""
    engine = _admin_engine(admin_url)
    try:
        with engine.connect() as conn:
            conn.execute(sa.text(f"CREATE DATABASE {_quote(engine, name)}"))
    finally:
        engine.dispose()
    return parse_url(admin_url).set(database=name)


def drop_database(url: str | URL) -> None:
    """Drop the database ``url`` names, closing other sessions on PostgreSQL."""
    parsed = parse_url(url)
    name = parsed.database or ""
    backend = parsed.get_backend_name()
    engine = _admin_engine(admin_url(parsed))
    try:
        with engine.connect() as conn:
            force = " WITH (FORCE)" if backend == "postgresql" else ""
            conn.execute(sa.text(f"DROP DATABASE IF EXISTS {_quote(engine, name)}{force}"))
    finally:
        engine.dispose()


@contextmanager
def temporary_database(admin_url: str | URL, prefix: str = "kept_bench") -> Iterator[URL]:
    """A new, empty database named ``<prefix>_<random>``, dropped on exit."""
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    url = create_database(admin_url, name)
    try:
        yield url
    finally:
        drop_database(url)


@contextmanager
def sqlite_database(name: str = "bench.sqlite") -> Iterator[URL]:
    """A SQLite file in a temporary folder removed on exit."""
    with tempfile.TemporaryDirectory(prefix="kept-bench-") as folder:
        yield sa.URL.create("sqlite", database=str(Path(folder) / name))
