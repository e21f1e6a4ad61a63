"""The control-plane database: where Kept keeps its own state, and its migrations.

Kept's own state (the audit log today; requests, consent and retention runs later) lives in
one database named by ``KEPT_DATABASE_URL``. Without it, a SQLite file ``kept.db`` beside the
manifest is used; PostgreSQL is the production choice and MariaDB/MySQL works too.

:func:`open_control` returns a SQLAlchemy engine on that database after upgrading its schema
to the newest Alembic revision. The upgrade runs from code (no ``alembic.ini``), is a no-op
when the schema is current, and is serialised between processes: a PostgreSQL advisory lock,
a MariaDB/MySQL named lock, or an immediate (write-locking) transaction on SQLite.

Every table is described in :mod:`kept.control.schema` with SQLAlchemy Core (with the one
time type and the one "now"); each change to them ships as a new migration under
``kept/migrations/versions``. Tests hold the two together.

Writers that must not interleave use :func:`write_transaction`, which on SQLite takes the
write lock when the transaction begins (``BEGIN IMMEDIATE``) instead of at the first write.
"""

from __future__ import annotations

import re
import sqlite3
import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DisconnectionError, NoSuchModuleError, SQLAlchemyError

from kept.control.schema import audit_head, audit_log, metadata, settings
from kept.errors import ControlError, ControlUnavailableError
from kept.failure import describe, raise_when_unreachable

if TYPE_CHECKING:  # Alembic loads only when a database must be migrated (a slow import)
    from alembic.config import Config
    from alembic.script import ScriptDirectory

__all__ = [
    "DATABASE_URL_ENV",
    "DEFAULT_DATABASE",
    "SECRET_KEY_ENV",
    "VERSION_TABLE",
    "audit_head",
    "audit_log",
    "began_immediate",
    "control_url",
    "current_revision",
    "head_revision",
    "metadata",
    "open_control",
    "redact_url",
    "secret_key",
    "settings",
    "write_transaction",
]

DATABASE_URL_ENV = "KEPT_DATABASE_URL"
SECRET_KEY_ENV = "KEPT_SECRET_KEY"
DEFAULT_DATABASE = "kept.db"
VERSION_TABLE = "kept_alembic_version"

_MIGRATIONS = Path(__file__).parent.parent / "migrations"
_DRIVERS = {
    "postgresql": "postgresql+psycopg",
    "mysql": "mysql+pymysql",
    "mariadb": "mysql+pymysql",
}
_EXTRAS = {"psycopg": "postgres", "pymysql": "mysql"}
_PG_LOCK_ID = 0x6B657074_00000001  # "kept" + 1: the advisory lock serialising migrations
_MYSQL_LOCK = "kept.control.migrate"
_LOCK_TIMEOUT_S = 120
_SQLITE_BUSY_TIMEOUT_MS = 10_000
_BEGIN_OPTION = "kept_sqlite_begin"


def control_url(manifest_path: Path | None = None) -> str:
    """The control-plane database URL of the settings in use
    (:meth:`kept.settings.KeptSettings.control_url`): ``KEPT_DATABASE_URL`` wins; else a
    SQLite file ``kept.db`` in the manifest's folder (the manifest may be a file or a folder);
    else ``kept.db`` in the current folder.
    """
    from kept.settings import current_settings  # pydantic-settings: only when needed

    return current_settings().control_url(manifest_path)


def redact_url(url: str | URL) -> str:
    """The URL with its password replaced by ``***``, safe for messages and logs."""
    if isinstance(url, URL):
        return url.render_as_string(hide_password=True)
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", url)


def open_control(url: str, *, create: bool = True) -> sa.Engine:
    """An engine on the control-plane database at ``url``, upgraded to the newest schema.

    Creates the SQLite file (and its folder) unless ``create`` is false, in which case a
    missing SQLite file is an error. Safe to call again and from several processes at once.
    The caller disposes of the engine. Every failure is a :class:`ControlError` naming the
    URL with its password hidden.
    """
    parsed = _parse(url)
    shown = redact_url(parsed)
    if parsed.get_backend_name() == "sqlite":
        _prepare_sqlite_file(parsed, shown, create)
    engine = _create_engine(parsed, shown)
    try:
        _upgrade(engine)
    except (SQLAlchemyError, _MigrationError, OSError) as exc:
        engine.dispose()
        raise ControlError(f"cannot open the control database {shown}: {_reason(exc)}") from exc
    except BaseException:
        engine.dispose()
        raise
    return engine


@contextmanager
def write_transaction(engine: sa.Engine) -> Iterator[sa.Connection]:
    """A connection in a transaction that writes; committed on success, rolled back on error.

    On SQLite the write lock is taken when the transaction begins (``BEGIN IMMEDIATE``), so
    two writers queue up (for up to the busy timeout) instead of failing on lock upgrade. On
    other databases this is an ordinary transaction.
    """
    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            conn.execution_options(**{_BEGIN_OPTION: "BEGIN IMMEDIATE"})
        with conn.begin():
            yield conn


def began_immediate(conn: sa.Connection) -> bool:
    """Whether ``conn`` is a SQLite connection of :func:`write_transaction`: its transaction
    took the write lock when it began (``BEGIN IMMEDIATE``)."""
    return (
        conn.dialect.name == "sqlite"
        and conn.get_execution_options().get(_BEGIN_OPTION) == "BEGIN IMMEDIATE"
    )


def secret_key(conn: sa.Connection, configured: bytes | None = None) -> bytes:
    """Kept's secret key: ``configured`` (the ``Kept`` object's), else ``KEPT_SECRET_KEY`` of
    the settings in use, else the random key generated at install time.

    The generated key is created once by the first migration and kept in the settings table.
    """
    if configured is None:
        from kept.settings import current_settings  # pydantic-settings: only when needed

        configured = current_settings().secret_bytes()
    if configured:
        return configured
    pool = conn.engine.pool
    known = _stored_keys.get(pool)
    if known is not None:
        return known
    value = conn.execute(
        sa.select(settings.c.value).where(settings.c.name == "secret_key")
    ).scalar_one_or_none()
    if value is None:
        raise ControlError(
            "the control database has no secret key (settings row 'secret_key' is missing); "
            f"set {SECRET_KEY_ENV} or restore the row"
        )
    try:
        key = bytes.fromhex(value)
    except ValueError:
        raise ControlError("the control database's secret key is not hexadecimal") from None
    with _stored_keys_lock:
        _stored_keys[pool] = key
    return key


_stored_keys: weakref.WeakKeyDictionary[Any, bytes] = weakref.WeakKeyDictionary()
"""The generated key read from each control database (by its engine's pool): written once by
the first migration and never changed, it is read once per process, not once per request."""
_stored_keys_lock = threading.Lock()


def head_revision() -> str:
    """The newest migration revision shipped with this version of Kept."""
    head = _script_directory().get_current_head()
    if head is None:  # pragma: no cover - the package always ships migrations
        raise ControlError("no migrations found in kept/migrations")
    return head


def current_revision(conn: sa.Connection) -> str | None:
    """The migration revision the database is at, or None for an empty database."""
    from alembic.runtime.migration import MigrationContext

    context = MigrationContext.configure(conn, opts={"version_table": VERSION_TABLE})
    return context.get_current_revision()


# -- engines -----------------------------------------------------------------------------


def _parse(url: str) -> URL:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise ControlError(
            f"cannot open the control database {redact_url(url)}: not a database URL "
            "(expected e.g. sqlite:///kept.db or postgresql://user@host/kept)"
        ) from None
    if parsed.drivername in _DRIVERS:
        parsed = parsed.set(drivername=_DRIVERS[parsed.drivername])
    return parsed


def _prepare_sqlite_file(url: URL, shown: str, create: bool) -> None:
    database = url.database or ""
    if database in ("", ":memory:") or database.startswith("file:"):
        return
    path = Path(database)
    if path.exists():
        return
    if not create:
        raise ControlError(f"cannot open the control database {shown}: {path} does not exist")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ControlError(
            f"cannot open the control database {shown}: cannot create folder {path.parent}: "
            f"{exc.strerror or exc}"
        ) from exc


def _create_engine(url: URL, shown: str) -> sa.Engine:
    try:
        engine = sa.create_engine(url, hide_parameters=True)
    except NoSuchModuleError as exc:
        raise ControlError(
            f"cannot open the control database {shown}: unknown database driver {url.drivername!r}"
        ) from exc
    except ModuleNotFoundError as exc:
        extra = _EXTRAS.get(exc.name or "")
        hint = f"; pip install 'kept[{extra}]'" if extra else ""
        raise ControlError(
            f"cannot open the control database {shown}: driver module {exc.name!r} is not "
            f"installed{hint}"
        ) from exc
    except (ArgumentError, TypeError, ValueError) as exc:
        raise ControlError(f"cannot open the control database {shown}: {exc}") from exc
    if engine.dialect.name == "sqlite":
        file_backed = (url.database or "") not in ("", ":memory:")
        sa.event.listen(engine, "connect", _sqlite_connect(file_backed))
        sa.event.listen(engine, "begin", _sqlite_begin)
    else:
        _ping_when_idle(engine)
    raise_when_unreachable(
        engine,
        lambda reason: ControlUnavailableError(
            f"the control database {shown} is unavailable: {reason}"
        ),
    )
    return engine


PING_AFTER_S = 1.0
"""A pooled connection idle longer than this is pinged before use (a server restarted or a
connection dropped meanwhile is replaced, unseen); one used more recently is trusted, as
SQLAlchemy's ``pool_pre_ping`` would not: a request's few transactions then cost no ping each."""
_USED = "kept_used_at"


def _ping_when_idle(engine: sa.Engine) -> None:
    dialect = engine.dialect

    def fresh(_dbapi: Any, record: Any) -> None:
        record.info[_USED] = time.monotonic()

    def checkout(dbapi: Any, record: Any, _proxy: Any) -> None:
        used = record.info.get(_USED)
        if used is not None and time.monotonic() - used < PING_AFTER_S:
            return
        try:
            dialect.do_ping(dbapi)
        except Exception as exc:  # any failure: the pool replaces the connection and retries
            raise DisconnectionError(f"the pooled connection is gone: {exc}") from exc

    sa.event.listen(engine, "connect", fresh)
    sa.event.listen(engine, "checkin", fresh)
    sa.event.listen(engine, "checkout", checkout)


def _sqlite_connect(file_backed: bool) -> Any:
    def on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Kept emits BEGIN itself (see _sqlite_begin): the sqlite3 module's implicit,
        # deferred BEGIN would give no snapshot to reads and no early write lock.
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        cursor.execute(f"PRAGMA busy_timeout={_SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        if file_backed:
            # Readers (verify, show) do not block the writer, nor the writer them.
            _use_wal(cursor)
        cursor.close()

    return on_connect


def _use_wal(cursor: Any) -> None:
    """Switch a SQLite file to WAL (persistent, so once); retry while another connection holds
    it, because changing the journal mode fails at once rather than waiting for the lock."""
    if cursor.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
        return
    deadline = time.monotonic() + _SQLITE_BUSY_TIMEOUT_MS / 1000
    delay = 0.01
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
        time.sleep(delay)
        delay = min(delay * 2, 0.2)


def _sqlite_begin(conn: sa.Connection) -> None:
    conn.exec_driver_sql(conn.get_execution_options().get(_BEGIN_OPTION, "BEGIN"))


def _reason(exc: BaseException) -> str:
    return describe(exc)


# -- migrations --------------------------------------------------------------------------


class _MigrationError(Exception):
    """Alembic could not migrate the control database (its CommandError, without importing
    Alembic where no migration is needed)."""


@cache
def _shipped_head() -> str | None:
    """The newest shipped revision, read from the migration files without Alembic (None when
    they do not form one simple chain: then Alembic decides)."""
    revisions: set[str] = set()
    downs: set[str] = set()
    for path in (_MIGRATIONS / "versions").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        found = re.search(r'^revision(?:: *str)? *= *"([^"]+)"', text, re.M)
        down = re.search(r"^down_revision[^=]*= *(.+)$", text, re.M)
        if found is None or down is None:
            return None
        revisions.add(found.group(1))
        value = down.group(1).strip()
        if value != "None":
            single = re.fullmatch(r'"([^"]+)"', value)
            if single is None:
                return None  # a merge revision: leave it to Alembic
            downs.add(single.group(1))
    heads = revisions - downs
    return heads.pop() if len(heads) == 1 else None


def _at_head(conn: sa.Connection) -> bool:
    """Whether the database is at the shipped head, read with one SELECT (no Alembic)."""
    head = _shipped_head()
    if head is None:
        return False
    try:
        rows = conn.exec_driver_sql(f"SELECT version_num FROM {VERSION_TABLE}").all()
    except SQLAlchemyError:
        conn.rollback()
        return False
    return [r[0] for r in rows] == [head]


def _alembic_config(conn: sa.Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS).replace("%", "%%"))
    config.set_main_option("path_separator", "os")
    if conn is not None:
        config.attributes["connection"] = conn
    return config


@cache
def _script_directory() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config())


def _upgrade(engine: sa.Engine) -> None:
    with engine.connect() as conn:
        if _at_head(conn):
            return
    from alembic import command
    from alembic.util import CommandError

    head = head_revision()
    with engine.connect() as conn:
        if current_revision(conn) == head:
            return
    try:
        with engine.connect() as conn, _migration_lock(conn):
            command.upgrade(_alembic_config(conn), "head")
    except CommandError as exc:
        raise _MigrationError(str(exc)) from exc


@contextmanager
def _migration_lock(conn: sa.Connection) -> Iterator[None]:
    """Hold the lock that serialises migrations, inside a transaction that is committed."""
    dialect = conn.dialect.name
    if dialect in ("mysql", "mariadb"):
        got = conn.execute(
            sa.text("SELECT GET_LOCK(:name, :timeout)"),
            {"name": _MYSQL_LOCK, "timeout": _LOCK_TIMEOUT_S},
        ).scalar()
        conn.commit()
        if got != 1:
            raise TimeoutError(f"timed out waiting for the migration lock {_MYSQL_LOCK!r}")
        try:
            with conn.begin():
                yield
        finally:
            conn.execute(sa.text("SELECT RELEASE_LOCK(:name)"), {"name": _MYSQL_LOCK})
            conn.commit()
        return
    if dialect == "sqlite":
        conn.execution_options(**{_BEGIN_OPTION: "BEGIN IMMEDIATE"})
    with conn.begin():
        if dialect == "postgresql":
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:id)"), {"id": _PG_LOCK_ID})
        yield
