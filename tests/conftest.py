"""Shared fixtures: real databases, created fresh for each test and dropped afterwards.

The PostgreSQL and MariaDB fixtures talk to real servers. When ``CI=true`` they are
required, and a missing server fails the test; elsewhere a missing server skips the test with
the reason. Override the servers with ``KEPT_TEST_POSTGRES_URL`` / ``KEPT_TEST_MARIADB_URL``
(an administrative URL whose database part is ignored).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from hypothesis import settings as hypothesis_settings
from sqlalchemy.engine import make_url


def _temporary_files_in_memory() -> None:
    """Temporary files (``tmp_path``, :mod:`tempfile`, and the ``kept`` processes the tests
    start, which inherit ``TMPDIR``) go to ``/dev/shm`` when it is there and ``TMPDIR`` is not
    set: the tests' SQLite files then commit without waiting for the disk (an fsync per
    commit otherwise, most of a SQLite-heavy test's time on a busy machine). Nothing a test
    checks depends on the disk: a killed process's writes survive in memory just the same.
    ``KEPT_TEST_TMPDIR`` names another folder (empty: the system's default)."""
    chosen = os.environ.get("KEPT_TEST_TMPDIR")
    if chosen is None:
        if "TMPDIR" in os.environ or not os.access("/dev/shm", os.W_OK):
            return
        chosen = "/dev/shm/kept-tests"
    if not chosen:
        return
    Path(chosen).mkdir(parents=True, exist_ok=True)
    os.environ["TMPDIR"] = chosen
    tempfile.tempdir = None  # gettempdir() reads TMPDIR again


_temporary_files_in_memory()

# No test depends on how fast the machine is: property tests have no per-example deadline
# (a loaded 2-core machine made test_deadline's examples exceed Hypothesis' default 200 ms).
hypothesis_settings.register_profile("kept", deadline=None)
hypothesis_settings.load_profile("kept")

POSTGRES_ADMIN = os.environ.get(
    "KEPT_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
MARIADB_ADMIN = os.environ.get("KEPT_TEST_MARIADB_URL", "mysql+pymysql://root@127.0.0.1:3306/test")
IN_CI = os.environ.get("CI", "").lower() == "true"


def _server_or_skip(admin_url: str, label: str) -> sa.Engine:
    engine = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT", poolclass=sa.NullPool)
    try:
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
    except Exception as exc:  # any driver error means: no server here
        engine.dispose()
        if IN_CI:
            pytest.fail(f"{label} is required when CI=true but is not reachable: {exc}")
        pytest.skip(f"{label} server not reachable at {make_url(admin_url).host}: {exc}")
    return engine


def _fresh_database(admin_url: str, label: str) -> Iterator[str]:
    admin = _server_or_skip(admin_url, label)
    name = f"kept_test_{uuid.uuid4().hex[:12]}"
    quote = '"' if admin.dialect.name == "postgresql" else "`"
    with admin.connect() as conn:
        conn.execute(sa.text(f"CREATE DATABASE {quote}{name}{quote}"))
    try:
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            if admin.dialect.name == "postgresql":
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            else:
                conn.execute(sa.text(f"DROP DATABASE IF EXISTS `{name}`"))
        admin.dispose()


@pytest.fixture(autouse=True)
def _fresh_settings() -> Iterator[None]:
    """Each test reads the KEPT_* settings anew: a Kept object a test left open does not
    lend its settings to the next test."""
    yield
    from kept.settings import reset

    reset()


@pytest.fixture(scope="session")
def migrated_control(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Path], str]:
    """Copies of a SQLite control database at the newest schema, migrated once per session
    (per xdist worker): given a path, the URL of a new copy there. Migrating a new control
    database is most of the cost of opening one; a test that needs many (one per Hypothesis
    example) takes copies. Opening a copy still checks that its schema is the newest."""
    from kept.control import open_control

    template = tmp_path_factory.mktemp("control") / "kept.db"
    open_control(f"sqlite:///{template}").dispose()

    def copy(target: Path) -> str:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(template, target)
        return f"sqlite:///{target}"

    return copy


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A SQLAlchemy URL of a new, empty PostgreSQL database, dropped after the test."""
    yield from _fresh_database(POSTGRES_ADMIN, "PostgreSQL")


@pytest.fixture
def mariadb_url() -> Iterator[str]:
    """A SQLAlchemy URL of a new, empty MariaDB database, dropped after the test."""
    yield from _fresh_database(MARIADB_ADMIN, "MariaDB")


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A SQLAlchemy URL of a new SQLite file in the test's temporary folder."""
    return f"sqlite:///{tmp_path / 'data.sqlite'}"


@pytest.fixture(params=["sqlite", "postgres", "mariadb"])
def any_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The same test on a SQLite file, a PostgreSQL database and a MariaDB database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'data.sqlite'}"
    elif request.param == "postgres":
        yield from _fresh_database(POSTGRES_ADMIN, "PostgreSQL")
    else:
        yield from _fresh_database(MARIADB_ADMIN, "MariaDB")


PEER = Path(__file__).parent / "data" / "fides_peer"


@pytest.fixture
def peer_postgres_url(postgres_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """A fresh PostgreSQL database holding the peer's (Fides) sample, named to the peer's
    manifest through ``KEPT_PEER_DB_URL``."""
    sql = (PEER / "fides" / "postgres_sample.sql").read_text(encoding="utf-8")
    engine = sa.create_engine(postgres_url, poolclass=sa.NullPool)
    with engine.begin() as conn:
        conn.exec_driver_sql(sql)
    engine.dispose()
    monkeypatch.setenv("KEPT_PEER_DB_URL", postgres_url)
    return postgres_url


_SERVER_FIXTURES = {"postgres_url": "postgres", "mariadb_url": "mariadb"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test by the servers its fixtures need, so ``-m "not postgres"`` (or
    ``"not mariadb"``) leaves out exactly the tests that would talk to that server."""
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        wanted = {marker for fixture, marker in _SERVER_FIXTURES.items() if fixture in names}
        callspec = getattr(item, "callspec", None)
        if callspec is not None and callspec.params.get("any_db_url") in ("postgres", "mariadb"):
            wanted.add(callspec.params["any_db_url"])
        for marker in sorted(wanted - {m.name for m in item.iter_markers()}):
            item.add_marker(getattr(pytest.mark, marker))


@pytest.fixture
def ready_workers(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Workers are waited for until they are up (a scan gives a worker still starting no
    tables, so on a small schema the scanning process would do them all); the tables each
    worker scanned are counted."""
    from concurrent.futures import wait

    from kept.scan import parallel
    from kept.scan import run as run_module

    def open_ready(workers: int) -> Any:
        pool, warming = parallel.open_pool(workers)
        wait(warming)
        return pool, warming

    monkeypatch.setattr(run_module, "open_pool", open_ready)
    monkeypatch.setattr(parallel, "_AHEAD", 1)  # the scanning process takes its share too
    by_workers: list[int] = []
    collect = parallel.ParallelScan._collect

    def counting(self: parallel.ParallelScan, block: bool) -> None:
        before = len(self._pending)
        collect(self, block)
        by_workers.extend([1] * (before - len(self._pending)))

    monkeypatch.setattr(parallel.ParallelScan, "_collect", counting)
    return by_workers
