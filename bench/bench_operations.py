"""Operations: support-access decisions, replaying erasures after a restore, de-identified
exports; each beside the plain-SQL (or original-run) baseline of the same run.

- ``operations.may_access``: decisions per second from the in-memory snapshot, against one
  indexed SELECT of the grants table per decision (goal: at least 100,000 per second).
- ``operations.replay``: a batch of erasures, its rows restored as from a backup, then
  ``kept request replay``; against the original batch (goal: within 1.5x).
- ``operations.deidentified``: a de-identified export of a large table (rows/s and memory)
  against a plain server-side-cursor CSV dump of the same columns.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import sqlalchemy as sa

from bench.bench_rights import _dsn, _service, _Snapshot, _synth
from bench.measure import isolated
from bench.runner import Context, Figure, benchmark
from kept.control import open_control, secret_key
from kept.deidentify import export_deidentified
from kept.execution.identity import Identity
from kept.execution.session import open_engines
from kept.manifest import load_manifest
from kept.manifest.models import Manifest
from kept.manifest.operations import SupportConfig, SupportScope
from kept.support import SupportGrants, support_grants

DECISION_TARGET = 100_000.0
REPLAY_RATIO_TARGET = 1.5
EXPORT_MEMORY_TARGET = 200 * 1024 * 1024


def _support_manifest() -> Manifest:
    return Manifest(
        support=SupportConfig(
            scopes=[
                SupportScope(key="metadata", grant=False),
                SupportScope(key="remote", grant=True, max_days=30),
                SupportScope(key="content", grant=True),
            ]
        )
    )


def _fill_grants(engine: sa.Engine, grants: SupportGrants, people: int) -> list[Identity]:
    """One grant for every other person (remote access, for the support role)."""
    everyone = [Identity("email", f"p{n}@example.com") for n in range(people)]
    now = dt.datetime.now(dt.UTC)
    start = now.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    end = (now + dt.timedelta(days=7)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    rows = [
        {
            "id": f"grt_{n:016x}",
            "subject_ref": grants.refs([person])[0],
            "scope": "remote",
            "grantee": "role:support",
            "reason": "bench",
            "case_ref": None,
            "tenant": None,
            "granted_by": "bench",
            "granted_at": start,
            "expires_at": end,
            "revoked_at": None,
            "revoked_by": None,
            "expiry_recorded": False,
        }
        for n, person in enumerate(everyone)
        if n % 2 == 0
    ]
    with engine.begin() as conn:
        for first in range(0, len(rows), 5000):
            conn.execute(sa.insert(support_grants), rows[first : first + 5000])
    return everyone


@benchmark("operations.may_access")
def may_access(ctx: Context) -> Iterator[Figure]:
    """``may_access`` in-process against one indexed SELECT of the grants per decision."""
    people = ctx.size(10_000, 100_000)
    count = ctx.size(100_000, 1_000_000)
    with ctx.database("sqlite") as url:
        engine = open_control(url)
        try:
            grants = SupportGrants(_support_manifest(), engine, refresh_seconds=3600)
            everyone = _fill_grants(engine, grants, people)
            rng = random.Random(7)
            calls = [
                ([rng.choice(everyone)], rng.choice(("remote", "remote", "content", "metadata")))
                for _ in range(count)
            ]
            grants.may_access("s", calls[0][0], "remote", role="support")  # loads the snapshot
            allowed = 0
            started = time.perf_counter()
            for person, scope in calls:
                if grants.may_access("s", person, scope, role="support"):
                    allowed += 1
            elapsed = time.perf_counter() - started
            baseline = _sql_baseline(engine, grants, calls[: ctx.size(5_000, 20_000)])
        finally:
            engine.dispose()
    yield Figure(
        f"may_access, {count:,} decisions over {people:,} people",
        "decisions/s",
        count / elapsed,
        baseline=baseline,
        higher_is_better=True,
        target=DECISION_TARGET,
        note="baseline: one indexed SELECT of the person's grants per decision (SQLite)",
        details={"allowed": allowed},
    )


def _sql_baseline(
    engine: sa.Engine, grants: SupportGrants, calls: list[tuple[list[Identity], str]]
) -> float:
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    stmt = sa.select(support_grants.c.id).where(
        support_grants.c.subject_ref == sa.bindparam("ref"),
        support_grants.c.scope == sa.bindparam("scope"),
        support_grants.c.grantee == "role:support",
        support_grants.c.revoked_at.is_(None),
        support_grants.c.expires_at > now,
    )
    with engine.connect() as conn:
        started = time.perf_counter()
        for person, scope in calls:
            conn.execute(stmt, {"ref": grants.refs(person)[0], "scope": scope}).first()
        elapsed = time.perf_counter() - started
    return len(calls) / elapsed


@benchmark("operations.replay", needs=("postgres",))
def replay(ctx: Context) -> Iterator[Figure]:
    """10,000 erasures in 10M rows, restored from their backup, replayed (goal: 1.5x)."""
    people = ctx.size(2_000, 1_000_000)
    batch = ctx.size(100, 10_000)
    with ctx.database("postgres") as url:
        info = _synth(ctx, url, people=people, heavy_rows=0)
        assert info.manifest is not None
        dsn = _dsn(url)
        with psycopg.connect(dsn) as conn:
            step = max(1, people // batch)
            emails = [
                str(r[0])
                for r in conn.execute(
                    "SELECT email FROM people WHERE id %% %s = 0 ORDER BY id LIMIT %s",
                    (step, batch),
                )
            ]
        snapshot = _Snapshot(dsn, info, emails)  # the "backup" of these people's rows
        requests = {f"r{n}": [Identity("email", e)] for n, e in enumerate(emails)}
        since = dt.datetime.now(dt.UTC)
        with _service(info.manifest) as service:
            started = time.perf_counter()
            original = service.erase(requests)
            first = time.perf_counter() - started
            assert original.verified
            ctx.log("restoring the erased rows from their backup")
            snapshot.restore()
            started = time.perf_counter()
            again = service.replay(since)
            seconds = time.perf_counter() - started
            assert again.verified and len(again.found) == batch, again.as_dict()
            ctx.log("restoring again: the same batch on the restored tables, identities known")
            snapshot.restore()
            started = time.perf_counter()
            rerun = service.erase(requests)
            baseline = time.perf_counter() - started
            assert rerun.verified
    yield Figure(
        f"replay of {batch:,} erasures after a restore, {info.total_rows / 1e6:g}M rows",
        "s",
        kept=seconds,
        baseline=baseline,
        target=baseline * REPLAY_RATIO_TARGET,
        note=f"baseline: the same batch run on the restored tables with the identities in "
        f"clear (the first run, on fresh tables: {first:.1f} s); {again.scanned_values:,} "
        f"identity values keyed and matched; {again.rows_changed:,} rows erased again",
        details=again.as_dict() | {"original_batch_s": first},
    )


def deidentified_child(manifest: str, database: str, out: str) -> dict[str, Any]:
    """In a fresh process: the de-identified export of events_1."""
    loaded = load_manifest(Path(manifest))
    control = open_control(database)
    with control.connect() as conn:
        secret = secret_key(conn)
    control.dispose()
    with open_engines(loaded) as engines:
        result = export_deidentified(
            loaded, "synth.events_1", Path(out) / "events.csv", engines=engines, secret=secret
        )
    return {
        "rows": result.rows,
        "identities": result.identities_checked,
        "seconds": result.seconds,
    }


def dump_child(url: str, out: str) -> dict[str, Any]:
    """In a fresh process: the same columns dumped by a server-side cursor into one CSV."""
    rows = 0
    started = time.perf_counter()
    with psycopg.connect(_dsn(url)) as conn, (Path(out) / "dump.csv").open("w") as handle:
        writer = csv.writer(handle)
        with conn.cursor(name="dump") as cursor:
            cursor.itersize = 5000
            cursor.execute("SELECT id, tenant_id, created_at, ip_address, amount FROM events_1")
            for row in cursor:
                writer.writerow(row)
                rows += 1
    return {"rows": rows, "seconds": time.perf_counter() - started}


DEIDENTIFY = """
deidentify:
  - collection: synth.events_1
    fields:
      id: pseudonymise
      tenant_id: keep
      created_at: month
      ip_address: truncate_ip
      amount: keep
"""


@benchmark("operations.deidentified", needs=("postgres",))
def deidentified(ctx: Context) -> Iterator[Figure]:
    """A de-identified export of a 1M-row table (rows/s, memory) beside a plain dump."""
    people = ctx.size(5_000, 330_000)
    with ctx.database("postgres") as url, tempfile.TemporaryDirectory() as out:
        info = _synth(ctx, url, people=people, heavy_rows=0)
        assert info.manifest is not None
        manifest = Path(info.manifest)
        manifest.write_text(manifest.read_text(encoding="utf-8") + DEIDENTIFY, encoding="utf-8")
        database = f"sqlite:///{Path(out) / 'kept.db'}"
        kept = isolated("bench.bench_operations:deidentified_child", str(manifest), database, out)
        base = isolated("bench.bench_operations:dump_child", url, out)
    rows = int(kept.result["rows"])
    yield Figure(
        f"de-identified export of {rows:,} rows",
        "rows/s",
        kept=rows / float(kept.result["seconds"]),
        baseline=int(base.result["rows"]) / float(base.result["seconds"]),
        higher_is_better=True,
        note=f"reading {kept.result['identities']:,} identity fingerprints included; "
        "baseline: server-cursor CSV dump of the same columns (process start excluded)",
    )
    yield Figure(
        f"de-identified export of {rows:,} rows: memory growth",
        "bytes",
        kept=kept.growth,
        baseline=base.growth,
        target=EXPORT_MEMORY_TARGET,
        note=f"peak RSS {kept.peak_rss / 1e6:.0f} MB (the identity fingerprints are held)",
    )
