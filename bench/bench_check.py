"""``kept check``: the data checks over the synthetic database, and a 1,000-table manifest.

- ``check.data_postgres`` (and ``check.data_sqlite``): five data checks (``require``,
  ``forbid``-like ``pattern_absent`` with a named pattern and a regex, ``ip_truncated``, raw
  SQL) over the synthetic company database of 10,000,000 rows (quick: 100,000), run by
  :func:`kept.check.run_data_checks` and by :func:`kept.check.run_check` with ``data=True``
  (``kept check --data``: the manifest and schema checks too). The baseline runs the very
  SELECT statements Kept sent, captured from the driver, on a raw DBAPI connection, in the
  same run: the database's own cost. Goal: within 1.2× of it.
- ``check.manifest_1000``: ``kept check`` on a manifest of 1,000 tables (quick: 100) over a
  SQLite store holding them, in-process and as the ``kept check`` command in a fresh process;
  the baseline reads the same catalogue by hand (``sqlite_master`` and one ``PRAGMA
  table_info`` per table). Goal: under 5 s.

The machine may be loaded by other work: each figure gives the process CPU time besides the
wall time, and the ratios are to the same run's baseline.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
import yaml

from bench.bench_rights import store_password_from
from bench.runner import Context, Figure, Kind, benchmark
from bench.synth import generate
from kept.check import run_check, run_data_checks
from kept.manifest import load_manifest

__all__ = ["DATA_CHECKS", "data_postgres", "data_sqlite", "manifest_1000"]

TARGET_RATIO = 1.2
TARGET_CHECK_S = 5.0

DATA_CHECKS: list[dict[str, Any]] = [
    {
        "name": "people-have-an-email",
        "collection": "synth.people",
        "require": {"email": {"is_null": False}},
    },
    {
        "name": "notes-hold-no-email",
        "collection": "synth.events_1",
        "pattern_absent": {"columns": ["note"], "patterns": ["email"]},
    },
    {
        "name": "analytics-ips-truncated",
        "collection": "synth.events_2",
        "ip_truncated": "ip_address",
    },
    {
        "name": "no-password-resets-in-details",
        "collection": "synth.event_details",
        "pattern_absent": {"columns": ["detail"], "regex": ["password reset"]},
    },
    {
        "name": "events-of-known-people",
        "collection": "synth.events_1",
        "accept_raw_sql": True,
        "sql": "SELECT e.id FROM events_1 e WHERE NOT EXISTS "
        "(SELECT 1 FROM people p WHERE p.id = e.person_id)",
    },
]


def _with_checks(manifest: Path) -> Path:
    data: dict[str, Any] = yaml.safe_load(manifest.read_text(encoding="utf-8"))
    data["data_checks"] = {"checks": DATA_CHECKS}
    manifest.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return manifest


@contextmanager
def _captured() -> Iterator[list[tuple[str, Any]]]:
    """The SELECT statements every engine sends meanwhile, with their parameters."""
    seen: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            seen.append((statement, parameters))

    sa.event.listen(sa.engine.Engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        sa.event.remove(sa.engine.Engine, "before_cursor_execute", record)


def _replay(url: str, statements: list[tuple[str, Any]]) -> Callable[[], None]:
    engine = sa.create_engine(url, poolclass=sa.NullPool)

    def run() -> None:
        raw = engine.raw_connection()
        try:
            cursor = raw.cursor()
            for statement, parameters in statements:
                cursor.execute(statement, parameters)
                cursor.fetchall()
            raw.rollback()
        finally:
            raw.close()

    return run


def _timed(fn: Callable[[], Any]) -> tuple[float, float]:
    """Wall and process CPU seconds of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def data_checks_beside_sql(ctx: Context, kind: Kind, people: int) -> Iterator[Figure]:
    """Generate the synthetic database (10 rows a person), then time the data checks, the
    whole ``kept check --data`` and the captured SELECTs replayed by hand."""
    repeat = ctx.size(3, 2)
    with ctx.database(kind) as url, tempfile.TemporaryDirectory(prefix="kept-chk-") as folder:
        store_password_from(url)
        ctx.log(f"generating {people * 10:,} rows ({kind})")
        info = generate(
            url,
            people=people,
            tables=2,
            rows_per_person=3,
            details_per_event=1,
            manifest=Path(folder) / "synth.kept.yaml",
        )
        assert info.manifest is not None
        loaded = load_manifest(_with_checks(Path(info.manifest)))
        with _captured() as statements:
            first = run_data_checks(loaded)  # warms the caches for both; captures the SQL
        if any(r.error for r in first.results):
            raise RuntimeError([r.error for r in first.results if r.error])
        ctx.log(f"{len(statements)} statements; rows breaking each check: "
                f"{ {r.name: r.rows for r in first.results} }")  # fmt: skip
        plain = _replay(url, statements)
        kept_runs, check_runs, plain_runs = [], [], []
        for i in range(repeat):
            ctx.log(f"round {i + 1} of {repeat}")
            kept_runs.append(_timed(lambda: run_data_checks(loaded)))
            plain_runs.append(_timed(plain))
            check_runs.append(_timed(lambda: run_check(loaded, data=True)))
    kept_s, kept_cpu = min(kept_runs)
    check_s, check_cpu = min(check_runs)
    plain_s, _ = min(plain_runs)
    rows = info.total_rows
    details = {
        "rows": rows,
        "checks": len(DATA_CHECKS),
        "breaking_rows": {r.name: r.rows for r in first.results},
        "kept_runs": kept_runs,
        "check_runs": check_runs,
        "plain_runs": plain_runs,
        "generate_seconds": info.seconds,
    }
    yield Figure(
        f"{len(DATA_CHECKS)} data checks, {rows:,} rows",
        "s",
        kept=kept_s,
        baseline=plain_s,
        target=plain_s * TARGET_RATIO,
        note=f"run_data_checks, CPU {kept_cpu:.2f} s; baseline: the same SELECTs by hand",
        details=details,
    )
    yield Figure(
        f"kept check --data, {rows:,} rows",
        "s",
        kept=check_s,
        baseline=plain_s,
        target=plain_s * TARGET_RATIO,
        note=f"run_check(data=True), CPU {check_cpu:.2f} s; baseline: the same SELECTs",
        details=details,
    )


@benchmark("check.data_postgres", needs=("postgres",))
def data_postgres(ctx: Context) -> Iterator[Figure]:
    """Data checks over 10,000,000 synthetic rows (quick: 100,000) in PostgreSQL."""
    yield from data_checks_beside_sql(ctx, "postgres", ctx.size(10_000, 1_000_000))


@benchmark("check.data_sqlite")
def data_sqlite(ctx: Context) -> Iterator[Figure]:
    """Data checks over 1,000,000 synthetic rows (quick: 100,000) in SQLite."""
    yield from data_checks_beside_sql(ctx, "sqlite", ctx.size(10_000, 100_000))


# --------------------------------------------------------------------------- 1,000 tables


def _many_tables(folder: Path, tables: int) -> Path:
    """A SQLite store of ``tables`` tables (people, then tables referencing it) and the
    manifest declaring every one of them."""
    database = folder / "many.sqlite"
    engine = sa.create_engine(f"sqlite:///{database}")
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "CREATE TABLE people (id INTEGER PRIMARY KEY, email TEXT, full_name TEXT, "
            "created_at TIMESTAMP)"
        )
        conn.exec_driver_sql("INSERT INTO people VALUES (1, 'ada@example.com', 'Ada L', NULL)")
        for t in range(1, tables):
            conn.exec_driver_sql(
                f"CREATE TABLE t{t:04d} (id INTEGER PRIMARY KEY, person_id INTEGER "
                "REFERENCES people(id), created_at TIMESTAMP, note TEXT, amount NUMERIC, "
                "status TEXT)"
            )
            conn.exec_driver_sql(
                f"INSERT INTO t{t:04d} VALUES (1, 1, '2026-01-01', 'hello', 1.5, 'new')"
            )
    engine.dispose()

    def ops() -> list[str]:  # a new list each time: YAML would write repeats as aliases
        return ["system.operations"]

    collections: list[dict[str, Any]] = [
        {
            "name": "people",
            "fields": [
                {"name": "id", "data_categories": ops(), "fides_meta": {"primary_key": True}},
                {
                    "name": "email",
                    "data_categories": ["user.contact.email"],
                    "fides_meta": {"identity": "email"},
                },
                {"name": "full_name", "data_categories": ["user.name"]},
                {"name": "created_at", "data_categories": ops()},
            ],
        }
    ]
    for t in range(1, tables):
        ref = {"dataset": "many", "field": "people.id", "direction": "from"}
        collections.append(
            {
                "name": f"t{t:04d}",
                "fields": [
                    {"name": "id", "data_categories": ops(), "fides_meta": {"primary_key": True}},
                    {
                        "name": "person_id",
                        "data_categories": ["user.unique_id"],
                        "fides_meta": {"references": [ref]},
                    },
                    {"name": "created_at", "data_categories": ops()},
                    {"name": "note", "data_categories": ["user.content.private"]},
                    {"name": "amount", "data_categories": ["user.behavior.purchase_history"]},
                    {"name": "status", "data_categories": ops()},
                ],
            }
        )
    manifest = {
        "kept": 1,
        "organization": {"name": "Many", "jurisdictions": ["eu"]},
        "stores": [{"name": "many", "url": "sqlite:///many.sqlite"}],
        "dataset": [{"fides_key": "many", "collections": collections}],
    }
    path = folder / "kept.yaml"
    path.write_text(yaml.safe_dump(manifest, sort_keys=False), encoding="utf-8")
    return path


def _plain_catalogue(database: Path) -> float:
    started = time.perf_counter()
    engine = sa.create_engine(f"sqlite:///{database}", poolclass=sa.NullPool)
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        for (name,) in cursor.fetchall():
            cursor.execute(f"PRAGMA table_info('{name}')")
            cursor.fetchall()
            cursor.execute(f"PRAGMA foreign_key_list('{name}')")
            cursor.fetchall()
    finally:
        raw.close()
        engine.dispose()
    return time.perf_counter() - started


@benchmark("check.manifest_1000")
def manifest_1000(ctx: Context) -> Iterator[Figure]:
    """kept check on a manifest of 1,000 tables (quick: 100), in-process and as a command."""
    tables = ctx.size(100, 1_000)
    with tempfile.TemporaryDirectory(prefix="kept-many-") as name:
        folder = Path(name)
        ctx.log(f"creating {tables:,} tables and their manifest")
        path = _many_tables(folder, tables)
        plain = min(_plain_catalogue(folder / "many.sqlite") for _ in range(3))
        load_s, load_cpu = _timed(lambda: load_manifest(path))
        loaded = load_manifest(path)
        runs = [_timed(lambda: run_check(loaded)) for _ in range(ctx.size(3, 2))]
        report = run_check(loaded)
        if not report.ok:
            raise RuntimeError([f.code for f in report.findings][:10])
        command = [sys.executable, "-m", "kept.cli", "check", "-m", str(path)]
        started, before = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
        done = subprocess.run(command, capture_output=True, text=True, check=False, env=os.environ)
        cli_s = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cli_cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
        if done.returncode != 0:
            raise RuntimeError(done.stdout[-2000:] + done.stderr[-2000:])
    check_s, check_cpu = min(runs)
    details = {
        "tables": tables,
        "load_seconds": load_s,
        "load_cpu_seconds": load_cpu,
        "check_runs": runs,
        "cli_seconds": cli_s,
        "cli_cpu_seconds": cli_cpu,
    }
    yield Figure(
        f"run_check, {tables:,} tables",
        "s",
        kept=check_s,
        baseline=plain,
        target=TARGET_CHECK_S,
        note=f"CPU {check_cpu:.2f} s (load {load_s:.2f} s apart); baseline: the catalogue by hand",
        details=details,
    )
    yield Figure(
        f"kept check command, {tables:,} tables",
        "s",
        kept=cli_s,
        baseline=plain,
        target=TARGET_CHECK_S,
        note=f"a fresh process (imports, load, check), CPU {cli_cpu:.2f} s, of which the "
        f"manifest's load {load_cpu:.2f} s",
        details=details,
    )
