"""The request service: requests submitted per second, and completed per second with one and
two ``kept worker`` processes, each beside the raw cost of the same work.

* **submitted/s**: staff submissions through :meth:`kept.requests.Lifecycle.submit` (row,
  deadlines, three audited transitions, one transaction). Baseline: one plain ``INSERT`` of a
  row of the same columns per request, each in its own transaction — the floor of a durable
  submission.
* **completed/s**: access requests on the vCloudPoint example (SQLite store) run by worker
  *processes* through the queue (claim under a lease, heartbeat, export stored, receipt, audit).
  The requests are queued held for review, then released at once; the clock runs from the
  release to the last completion. Baseline: the same access requests run by
  :func:`kept.execution.run_access` in a loop in one process — the engine's own SQL, without
  queue, lifecycle or audit.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.schema import CreateTable

from bench.runner import Context, Figure, Kind, benchmark
from kept.control import open_control
from kept.examples import create_example
from kept.execution import Identity, run_access
from kept.mail import OutboxMailer
from kept.manifest import load_manifest
from kept.requests import Lifecycle
from kept.requests.tables import requests as requests_table

QUICK, FULL = 20, 300
PEOPLE = 300


def _emails(store: Path, count: int) -> list[str]:
    engine = sa.create_engine(f"sqlite:///{store}")
    with engine.connect() as conn:
        found = [str(r[0]) for r in conn.exec_driver_sql("SELECT email FROM accounts ORDER BY id")]
    engine.dispose()
    return [found[i % len(found)] for i in range(count)]


def _plain_inserts(url: str, count: int) -> float:
    """Seconds for ``count`` single-row INSERTs of the request row's columns, one txn each."""
    engine = open_control(url)
    table = sa.Table(
        "bench_plain_requests",
        sa.MetaData(),
        *(
            sa.Column(c.name, c.type, primary_key=c.primary_key, nullable=c.nullable)
            for c in requests_table.columns
        ),
    )
    with engine.begin() as conn:
        conn.execute(CreateTable(table))
    row = {
        "kind": "access",
        "state": "approved",
        "subject_ref": "0" * 64,
        "identities": '[["email", "a@example.com"]]',
        "jurisdictions": "eu",
        "received_at": "2026-01-01T00:00:00.000000Z",
        "updated_at": "2026-01-01T00:00:00.000000Z",
        "extended": False,
        "paused_days": 0,
        "token_hash": "0" * 64,
        "submitted_by": "bench",
        "attempts": 0,
    }
    start = time.perf_counter()
    for i in range(count):
        with engine.begin() as conn:
            conn.execute(table.insert().values(id=f"req_{i:016x}", **row))
    seconds = time.perf_counter() - start
    with engine.begin() as conn:
        conn.execute(sa.text("DROP TABLE bench_plain_requests"))
    engine.dispose()
    return seconds


def _queue(lifecycle: Lifecycle, emails: list[str]) -> float:
    start = time.perf_counter()
    for email in emails:
        lifecycle.submit("access", [Identity("email", email)], actor="bench", verified=True)
    return time.perf_counter() - start


def _release(engine: sa.Engine) -> None:
    with engine.begin() as conn:
        conn.execute(
            requests_table.update()
            .where(requests_table.c.state == "identity_verified")
            .values(state="approved", queued_at="2000-01-01T00:00:00.000000Z")
        )


def _completed(engine: sa.Engine) -> int:
    with engine.connect() as conn:
        return int(
            conn.execute(
                sa.select(sa.func.count()).where(requests_table.c.state == "completed")
            ).scalar_one()
        )


def _run_workers(
    url: str, manifest: Path, lifecycle: Lifecycle, emails: list[str], workers: int
) -> float:
    """Seconds from releasing ``len(emails)`` held requests to the last one completed."""
    with lifecycle.control.begin() as conn:
        conn.execute(requests_table.delete())
    for email in emails:
        lifecycle.submit("access", [Identity("email", email)], actor="bench", verified=True)
    env = {**os.environ, "KEPT_DATABASE_URL": url, "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-m", "kept.cli", "worker", "-m", str(manifest), "--poll", "0.02"]
    processes = [
        subprocess.Popen(
            command, env=env, cwd=manifest.parent, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        for _ in range(workers)
    ]
    try:
        for process in processes:  # each prints one line when it is ready
            assert process.stdout is not None
            process.stdout.readline()
        start = time.perf_counter()
        _release(lifecycle.control)
        deadline = start + 600
        while _completed(lifecycle.control) < len(emails):
            if time.perf_counter() > deadline:
                raise TimeoutError(f"{workers} worker(s) did not finish {len(emails)} requests")
            time.sleep(0.05)
        return time.perf_counter() - start
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _direct(manifest: Path, emails: list[str]) -> float:
    loaded = load_manifest(manifest)
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        for i, email in enumerate(emails):
            run_access(loaded, [Identity("email", email)], Path(folder), request_id=f"d{i}")
        return time.perf_counter() - start


def _service(ctx: Context, kind: Kind) -> Iterator[Figure]:
    count = ctx.size(QUICK, FULL)
    with tempfile.TemporaryDirectory(prefix="kept-bench-") as folder, ctx.database(kind) as url:
        info = create_example("vcloudpoint", Path(folder) / "vcp", people=PEOPLE)
        emails = _emails(info.manifest.parent / "vcloudpoint.sqlite", count)
        lifecycle = Lifecycle.open(
            load_manifest(info.manifest),
            url,
            mailer=OutboxMailer(Path(folder) / "outbox"),
            review=["access"],
        )
        try:
            submit_s = _queue(lifecycle, emails)
            insert_s = _plain_inserts(url, count)
            yield Figure(
                f"submitted ({kind} control)",
                "req/s",
                kept=count / submit_s,
                baseline=count / insert_s,
                higher_is_better=True,
                note=f"{count} staff submissions; baseline: one INSERT per request",
            )
            ctx.log(f"direct run_access of {count} requests (the baseline)")
            direct_s = _direct(info.manifest, emails)
            for workers in (1, 2):
                ctx.log(f"{workers} worker process(es), {count} requests")
                seconds = _run_workers(url, info.manifest, lifecycle, emails, workers)
                yield Figure(
                    f"completed, {workers} worker{'s' if workers > 1 else ''} ({kind} control)",
                    "req/s",
                    kept=count / seconds,
                    baseline=count / direct_s,
                    higher_is_better=True,
                    note="baseline: run_access in a loop, no queue/lifecycle/audit",
                    details={
                        "seconds": seconds,
                        "direct_seconds": direct_s,
                        "cpus": os.cpu_count(),
                    },
                )
        finally:
            lifecycle.close()


@benchmark("service.sqlite")
def service_sqlite(ctx: Context) -> Iterator[Figure]:
    """Requests submitted/s and completed/s by 1 and 2 workers, SQLite control database."""
    yield from _service(ctx, "sqlite")


@benchmark("service.postgres", needs=("postgres",))
def service_postgres(ctx: Context) -> Iterator[Figure]:
    """Requests submitted/s and completed/s by 1 and 2 workers, PostgreSQL control database."""
    yield from _service(ctx, "postgres")
