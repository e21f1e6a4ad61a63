"""Open SQLAlchemy engines for stores: environment expansion, drivers, SQLite paths."""

from __future__ import annotations

import re
import threading
import weakref
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from kept.errors import StoreConfigError, StoreUnavailableError
from kept.failure import raise_when_unreachable
from kept.manifest.models import Store

__all__ = ["StoreEngines", "expand_url", "open_engine", "require_sqlite_file", "store_engine"]

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
    environ: Mapping[str, str] = {}
    if env is not None:
        environ = env
    elif "${" in url:
        from kept.settings import environment  # pydantic-settings: only when a URL needs it

        environ = environment()

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
    kwargs.setdefault("hide_parameters", True)  # row values never reach a message or a log
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
    shown = url.render_as_string(hide_password=True)
    raise_when_unreachable(
        engine, lambda reason: StoreUnavailableError(store, f"unavailable ({shown}): {reason}")
    )
    return engine


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def store_engine(
    store: Store, base_dir: Path | None = None, env: Mapping[str, str] | None = None
) -> sa.Engine:
    """An engine for a manifest store. A SQLite file that does not exist is an error: Kept
    never creates a store."""
    url = expand_url(store.name, store.url, env, base_dir)
    require_sqlite_file(store.name, url)
    return open_engine(store.name, url)


def require_sqlite_file(store: str, url: URL) -> None:
    """Raise :class:`StoreUnavailableError` when ``url`` names a SQLite file that does not
    exist: connecting would create an empty one, and Kept never creates a store (nor reads
    an empty database it made by mistake as a store with no tables)."""
    database = url.database or ""
    if (
        url.get_backend_name() == "sqlite"
        and database not in ("", ":memory:")
        and not database.startswith("file:")
        and not Path(database).is_file()
    ):
        raise StoreUnavailableError(
            store, f"the SQLite file {database} does not exist (Kept never creates a store)"
        )


class StoreEngines:
    """Engines for a manifest's stores, each created on first use and kept until :meth:`close`.

    A long-lived owner (a :class:`kept.rights.RightsService`, a worker) holds one,
    so successive requests reuse pooled connections and SQLAlchemy's compiled-statement cache
    instead of connecting and compiling anew each time. Thread-safe.
    """

    def __init__(
        self,
        stores: Iterable[Store],
        base_dirs: Mapping[str, Path] | None = None,
        env: Mapping[str, str] | None = None,
    ) -> None:
        self._stores = {s.name: s for s in stores}
        self._base_dirs = dict(base_dirs or {})
        self._env = env
        self._engines: dict[str, sa.Engine] = {}
        self._lock = threading.Lock()
        # An owner that forgets close() must not leave pooled connections to the collector.
        self._finalizer = weakref.finalize(self, _dispose_all, self._engines)

    def get(self, name: str) -> sa.Engine:
        """The engine of store ``name``, created (with ``${VAR}`` expanded) on first use."""
        with self._lock:
            engine = self._engines.get(name)
            if engine is None:
                store = self._stores.get(name)
                if store is None:
                    raise StoreConfigError(name, "no such store in the manifest")
                engine = store_engine(store, self._base_dirs.get(name), self._env)
                self._engines[name] = engine
            return engine

    def close(self) -> None:
        """Dispose of every engine (their pooled connections close); they are created anew
        if used again."""
        with self._lock:
            engines = dict(self._engines)
            self._engines.clear()
        _dispose_all(engines)

    def __enter__(self) -> StoreEngines:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _dispose_all(engines: Mapping[str, sa.Engine]) -> None:
    for engine in list(engines.values()):
        engine.dispose()
