"""Open SQLAlchemy engines for stores: environment expansion, drivers, SQLite paths."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from kept.errors import StoreConfigError
from kept.manifest.models import Store

__all__ = ["expand_url", "open_engine", "store_engine"]

_ENV = re.compile(r"\$\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?::-(?P<default>[^}]*))?\}")

# Drivers Kept installs through its extras; the default driver of each dialect is swapped for
# the one that is installed, so plain ``postgresql://`` and ``mysql://`` URLs work.
_DRIVERS = {
    "postgresql": "postgresql+psycopg",
    "mysql": "mysql+pymysql",
    "mariadb": "mysql+pymysql",
}
_EXTRAS = {"psycopg": "postgres", "pymysql": "mysql"}


def expand_url(
    store: str, url: str, env: Mapping[str, str] | None = None, base_dir: Path | None = None
) -> URL:
    """Expand ``${VAR}`` references and resolve a relative SQLite path."""
    environ = os.environ if env is None else env

    def substitute(match: re.Match[str]) -> str:
        name, default = match.group("name"), match.group("default")
        if name in environ:
            return environ[name]
        if default is not None:
            return default
        raise StoreConfigError(store, f"environment variable {name} is not set (used in its URL)")

    text = _ENV.sub(substitute, url)
    try:
        parsed = make_url(text)
    except ArgumentError as exc:
        raise StoreConfigError(store, f"not a valid database URL: {exc}") from None
    if parsed.drivername in _DRIVERS:
        parsed = parsed.set(drivername=_DRIVERS[parsed.drivername])
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        path = Path(parsed.database or "")
        if not path.is_absolute() and base_dir is not None:
            parsed = parsed.set(database=str(base_dir / path))
    return parsed


def open_engine(store: str, url: URL, **kwargs: Any) -> sa.Engine:
    """Create an engine, turning missing drivers into a message naming the extra to install."""
    try:
        engine = sa.create_engine(url, **kwargs)
    except NoSuchModuleError as exc:
        raise StoreConfigError(store, f"unknown database driver {url.drivername!r}") from exc
    except ModuleNotFoundError as exc:
        extra = _EXTRAS.get(exc.name or "")
        hint = f": pip install 'kept[{extra}]'" if extra else ""
        raise StoreConfigError(store, f"driver module {exc.name!r} is not installed{hint}") from exc
    if engine.dialect.name == "sqlite":
        sa.event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def store_engine(
    store: Store, base_dir: Path | None = None, env: Mapping[str, str] | None = None
) -> sa.Engine:
    """An engine for a manifest store."""
    return open_engine(store.name, expand_url(store.name, store.url, env, base_dir))
