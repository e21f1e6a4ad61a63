"""The control-plane database: its URL, opening and migrating it, on SQLite, PostgreSQL, MariaDB."""

from __future__ import annotations

import importlib
import pkgutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

import kept
import kept.control
from kept.control import (
    VERSION_TABLE,
    control_url,
    current_revision,
    head_revision,
    metadata,
    open_control,
    redact_url,
    secret_key,
    write_transaction,
)
from kept.errors import ControlError, KeptError

DATABASES = [
    "sqlite",
    pytest.param("postgres", marks=pytest.mark.postgres),
    pytest.param("mariadb", marks=pytest.mark.mariadb),
]
KEPT_TABLES = {"kept_settings", "kept_audit_log", "kept_audit_head", VERSION_TABLE}


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("KEPT_DATABASE_URL", "KEPT_SECRET_KEY", "KEPT_AUDIT_KEY"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(params=DATABASES)
def db_url(request: pytest.FixtureRequest) -> str:
    url: str = request.getfixturevalue(f"{request.param}_url")
    return url


@pytest.fixture
def engine(db_url: str) -> Iterator[sa.Engine]:
    engine = open_control(db_url)
    yield engine
    engine.dispose()


def test_public_names_are_pinned() -> None:
    assert set(kept.control.__all__) == {
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
    }


# -- the URL -------------------------------------------------------------------------------


def test_url_beside_a_manifest_file(tmp_path: Path) -> None:
    manifest = tmp_path / "company" / "kept.yaml"
    manifest.parent.mkdir()
    manifest.write_text("")
    assert control_url(manifest) == f"sqlite:///{tmp_path / 'company' / 'kept.db'}"


def test_url_inside_a_manifest_folder(tmp_path: Path) -> None:
    assert control_url(tmp_path) == f"sqlite:///{tmp_path / 'kept.db'}"


def test_url_without_a_manifest() -> None:
    assert control_url(None) == "sqlite:///./kept.db"


def test_environment_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KEPT_DATABASE_URL", "postgresql://kept@db/kept")
    assert control_url(tmp_path / "kept.yaml") == "postgresql://kept@db/kept"
    assert control_url(None) == "postgresql://kept@db/kept"


def test_redact_url_hides_the_password() -> None:
    assert redact_url("postgresql://kept:s3cret@db/kept") == "postgresql://kept:***@db/kept"
    assert "s3cret" not in redact_url("not a url://kept:s3cret@db")


# -- opening and migrating -----------------------------------------------------------------


def test_open_creates_schema_at_head(engine: sa.Engine) -> None:
    with engine.connect() as conn:
        assert set(sa.inspect(conn).get_table_names()) >= KEPT_TABLES
        assert current_revision(conn) == head_revision()
        head = conn.execute(sa.text("SELECT id, seq, hash FROM kept_audit_head")).all()
        assert [tuple(row) for row in head] == [(1, 0, "0" * 64)]
        assert len(secret_key(conn)) == 32


def _import_every_module() -> None:
    """Every table is in ``kept.control.schema``; any module declaring one elsewhere shows."""
    for module in pkgutil.walk_packages(kept.__path__, "kept."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)


def _schema_drift(conn: sa.Connection, tables: set[str] | None) -> list[Any]:
    def include_object(obj: Any, name: str | None, type_: str, *_: Any) -> bool:
        table = name if type_ == "table" else getattr(getattr(obj, "table", None), "name", None)
        return tables is None or table in tables

    opts = {"version_table": VERSION_TABLE, "compare_type": True, "include_object": include_object}
    drift: list[Any] = compare_metadata(MigrationContext.configure(conn, opts=opts), metadata)
    return drift


def test_control_tables_match_the_migrations(engine: sa.Engine) -> None:
    own = {"kept_settings", "kept_audit_log", "kept_audit_head"}
    with engine.connect() as conn:
        assert _schema_drift(conn, own) == []


def test_every_declared_table_matches_the_migrations(engine: sa.Engine) -> None:
    """Every table any module declares on the control metadata is created by a migration."""
    _import_every_module()
    with engine.connect() as conn:
        assert _schema_drift(conn, None) == []


def test_open_is_idempotent(db_url: str) -> None:
    first = open_control(db_url)
    with first.connect() as conn:
        key = secret_key(conn)
    first.dispose()
    second = open_control(db_url)
    try:
        with second.connect() as conn:
            assert current_revision(conn) == head_revision()
            assert conn.execute(sa.text(f"SELECT COUNT(*) FROM {VERSION_TABLE}")).scalar() == 1
            assert conn.execute(sa.text("SELECT COUNT(*) FROM kept_audit_head")).scalar() == 1
            assert secret_key(conn) == key
        # Running the upgrade again by hand is a no-op too.
        with second.connect() as conn, conn.begin():
            command.upgrade(kept.control._alembic_config(conn), "head")
            assert current_revision(conn) == head_revision()
    finally:
        second.dispose()


def test_downgrade_and_upgrade_again(db_url: str) -> None:
    engine = open_control(db_url)
    try:
        with engine.connect() as conn, conn.begin():
            command.downgrade(kept.control._alembic_config(conn), "base")
        with engine.connect() as conn:
            assert not {"kept_settings", "kept_audit_log"} & set(sa.inspect(conn).get_table_names())
    finally:
        engine.dispose()
    engine = open_control(db_url)
    try:
        with engine.connect() as conn:
            assert current_revision(conn) == head_revision()
    finally:
        engine.dispose()


def test_concurrent_opens_of_a_fresh_database(db_url: str) -> None:
    barrier = threading.Barrier(4)
    errors: list[BaseException] = []

    def open_one() -> None:
        barrier.wait()
        try:
            open_control(db_url).dispose()
        except BaseException as exc:  # collected and reported below
            errors.append(exc)

    threads = [threading.Thread(target=open_one) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    engine = open_control(db_url)
    try:
        with engine.connect() as conn:
            assert conn.execute(sa.text(f"SELECT COUNT(*) FROM {VERSION_TABLE}")).scalar() == 1
            assert conn.execute(sa.text("SELECT COUNT(*) FROM kept_settings")).scalar() == 1
    finally:
        engine.dispose()


def test_sqlite_folder_is_created(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "kept.db"
    engine = open_control(f"sqlite:///{path}")
    engine.dispose()
    assert path.exists()


def test_sqlite_pragmas(sqlite_url: str) -> None:
    engine = open_control(sqlite_url)
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10_000
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    finally:
        engine.dispose()


def test_in_memory_sqlite() -> None:
    engine = open_control("sqlite://")
    engine.dispose()


def test_write_transaction_takes_the_sqlite_write_lock_at_once(sqlite_url: str) -> None:
    engine = open_control(sqlite_url)
    other = sa.create_engine(sqlite_url, connect_args={"timeout": 0.1})
    try:
        with write_transaction(engine):
            raw = other.raw_connection()
            try:
                raw.driver_connection.isolation_level = None  # type: ignore[union-attr]
                with pytest.raises(Exception, match="locked"):
                    raw.cursor().execute("BEGIN IMMEDIATE")
            finally:
                raw.close()
    finally:
        other.dispose()
        engine.dispose()


def test_write_transaction_rolls_back_on_error(sqlite_url: str) -> None:
    engine = open_control(sqlite_url)
    try:
        with pytest.raises(RuntimeError), write_transaction(engine) as conn:
            conn.execute(sa.text("INSERT INTO kept_settings (name, value) VALUES ('x', 'y')"))
            raise RuntimeError("boom")
        with engine.connect() as conn:
            assert conn.execute(sa.text("SELECT COUNT(*) FROM kept_settings")).scalar() == 1
    finally:
        engine.dispose()


# -- the secret key ------------------------------------------------------------------------


def test_secret_key_from_environment(engine: sa.Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KEPT_SECRET_KEY", "from-the-environment")
    with engine.connect() as conn:
        assert secret_key(conn) == b"from-the-environment"


def test_secret_key_missing(sqlite_url: str) -> None:
    engine = open_control(sqlite_url)
    try:
        with engine.begin() as conn:
            conn.execute(sa.text("DELETE FROM kept_settings"))
        with engine.connect() as conn, pytest.raises(ControlError, match="secret_key"):
            secret_key(conn)
    finally:
        engine.dispose()


def test_secret_key_read_once_per_engine(sqlite_url: str) -> None:
    engine = open_control(sqlite_url)
    try:
        with engine.connect() as conn:
            first = secret_key(conn)
        with engine.begin() as conn:  # the row is never changed; a second read is not made
            conn.execute(sa.text("DELETE FROM kept_settings"))
        with engine.connect() as conn:
            assert secret_key(conn) == first
    finally:
        engine.dispose()


# -- pooled connections ----------------------------------------------------------------------

SERVERS = [
    pytest.param("postgres", marks=pytest.mark.postgres),
    pytest.param("mariadb", marks=pytest.mark.mariadb),
]


def _server_id(conn: sa.Connection) -> int:
    query = (
        "SELECT pg_backend_pid()" if conn.dialect.name == "postgresql" else "SELECT CONNECTION_ID()"
    )
    return int(conn.exec_driver_sql(query).scalar_one())


def _pings(engine: sa.Engine, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    pinged: list[int] = []
    real = engine.dialect.do_ping

    def counting(dbapi: Any) -> bool:
        pinged.append(1)
        return bool(real(dbapi))

    monkeypatch.setattr(engine.dialect, "do_ping", counting)
    return pinged


@pytest.mark.parametrize("server", SERVERS)
def test_connection_dropped_while_idle_is_replaced(
    server: str, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = request.getfixturevalue(f"{server}_url")
    engine = open_control(url)
    killer = sa.create_engine(url, poolclass=sa.NullPool)
    try:
        with engine.connect() as conn:
            dropped = _server_id(conn)
        monkeypatch.setattr(kept.control, "PING_AFTER_S", 0.0)  # as if idle for long
        with killer.connect() as other:  # the server drops the pooled connection
            kill = "SELECT pg_terminate_backend(%s)" if server == "postgres" else "KILL %s"
            other.exec_driver_sql(kill % dropped)
        with engine.connect() as conn:  # pinged, found gone, replaced: the caller sees nothing
            assert _server_id(conn) != dropped
    finally:
        killer.dispose()
        engine.dispose()


@pytest.mark.parametrize("server", SERVERS)
def test_connection_used_recently_is_not_pinged(
    server: str, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = open_control(request.getfixturevalue(f"{server}_url"))
    try:
        pinged = _pings(engine, monkeypatch)
        for _ in range(3):
            with engine.connect() as conn:
                conn.execute(sa.text("SELECT 1"))
        assert pinged == []
        monkeypatch.setattr(kept.control, "PING_AFTER_S", 0.0)
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
        assert pinged == [1]
    finally:
        engine.dispose()


# -- errors --------------------------------------------------------------------------------


def test_unreachable_server_names_url_without_password() -> None:
    with pytest.raises(ControlError) as info:
        open_control("postgresql://kept:s3cret@127.0.0.1:1/kept")
    message = str(info.value)
    assert "s3cret" not in message
    assert "postgresql+psycopg://kept:***@127.0.0.1:1/kept" in message
    assert isinstance(info.value, KeptError)


def test_not_a_url() -> None:
    with pytest.raises(ControlError, match="not a database URL"):
        open_control("kept.db")


def test_unknown_driver() -> None:
    with pytest.raises(ControlError, match="unknown database driver 'nosuchdb'"):
        open_control("nosuchdb://host/db")


def test_missing_file_without_create(tmp_path: Path) -> None:
    with pytest.raises(ControlError, match="does not exist"):
        open_control(f"sqlite:///{tmp_path / 'nothere.db'}", create=False)
    assert not (tmp_path / "nothere.db").exists()


def test_folder_cannot_be_created(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(ControlError, match="cannot create folder"):
        open_control(f"sqlite:///{blocker / 'sub' / 'kept.db'}")
