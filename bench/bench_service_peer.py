"""20 access requests submitted at once on the peer's (Fides) sample, run by two ``kept worker``
processes, PostgreSQL for the store and the control database (one database, as the peer
comparison ran it).

The clock runs from the first submission (staff, verified: approved at once) to the last
request completed. The workers poll only every second (the default): they are woken by
``NOTIFY kept_jobs`` when each approval commits. Baseline: the same 20 access requests run by
:func:`kept.execution.run_access` one after the other in one process (the engine's own work,
without queue, lifecycle, audit or processes). Goal: under 0.5 s.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import sqlalchemy as sa

from bench.runner import Context, Figure, benchmark
from kept.execution import Identity, run_access
from kept.execution.session import open_engines
from kept.mail import OutboxMailer
from kept.manifest import load_manifest
from kept.requests import Lifecycle
from kept.requests.tables import requests as requests_table

PEER = Path(__file__).resolve().parents[1] / "tests" / "data" / "fides_peer"
REQUESTS = 20
TARGET_S = 0.5
PEOPLE = ["jane@example.com", "customer-1@example.com", "customer-2@example.com"]


_POLL_S = 0.01  # how often the client looks; one open connection, no transaction around


def _completed(conn: sa.Connection) -> int:
    query = sa.select(sa.func.count()).where(requests_table.c.state == "completed")
    return int(conn.execute(query).scalar_one())


def _round(lifecycle: Lifecycle, emails: list[str]) -> tuple[float, float]:
    """(seconds to the last completion, seconds to the last submission)."""
    with lifecycle.control.begin() as conn:
        conn.execute(requests_table.delete())
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=len(emails)) as pool:
        list(
            pool.map(
                lambda e: lifecycle.submit(
                    "access", [Identity("email", e)], actor="bench", verified=True
                ),
                emails,
            )
        )
    submitted = time.perf_counter() - start
    deadline = start + 120
    with lifecycle.control.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        while _completed(conn) < len(emails):
            if time.perf_counter() > deadline:
                raise TimeoutError("the workers did not finish the requests")
            time.sleep(_POLL_S)
    return time.perf_counter() - start, submitted


@benchmark("service.peer_concurrent", needs=("postgres",))
def peer_concurrent(ctx: Context) -> Iterator[Figure]:
    """20 concurrent access requests through the queue and 2 workers (goal: under 0.5 s)."""
    rounds = ctx.size(2, 5)
    emails = [PEOPLE[i % len(PEOPLE)] for i in range(REQUESTS)]
    with ctx.database("postgres") as url, tempfile.TemporaryDirectory() as folder:
        engine = sa.create_engine(url, poolclass=sa.NullPool)
        with engine.begin() as conn:
            conn.exec_driver_sql((PEER / "fides" / "postgres_sample.sql").read_text("utf-8"))
        engine.dispose()
        os.environ["KEPT_PEER_DB_URL"] = url
        loaded = load_manifest(PEER / "kept.yaml")
        lifecycle = Lifecycle.open(loaded, url, mailer=OutboxMailer(Path(folder) / "outbox"))
        env = {**os.environ, "KEPT_DATABASE_URL": url, "PYTHONUNBUFFERED": "1"}
        command = [sys.executable, "-m", "kept.cli", "worker", "-m", str(PEER / "kept.yaml")]
        workers = [
            subprocess.Popen(
                command, env=env, cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
            )
            for _ in range(2)
        ]
        try:
            for worker in workers:  # each prints one line when it is ready
                assert worker.stdout is not None
                worker.stdout.readline()
            _round(lifecycle, emails)  # warm-up: the workers' engines and caches
            runs = sorted(_round(lifecycle, emails) for _ in range(rounds))
        finally:
            for worker in workers:
                worker.send_signal(signal.SIGTERM)
            for worker in workers:
                try:
                    worker.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    worker.kill()
                    worker.wait()
            lifecycle.close()
        engines = open_engines(loaded)  # kept between requests, as a worker keeps them
        try:
            run_access(loaded, [Identity("email", emails[0])], Path(folder), engines=engines)
            started = time.perf_counter()
            for i, email in enumerate(emails):
                identity = [Identity("email", email)]
                run_access(loaded, identity, Path(folder), request_id=f"d{i}", engines=engines)
            direct = time.perf_counter() - started
        finally:
            engines.close()
    median, submit = runs[len(runs) // 2]
    yield Figure(
        f"{REQUESTS} concurrent access requests, 2 workers (peer sample)",
        "s",
        kept=median,
        baseline=direct,
        target=TARGET_S,
        note=f"best {runs[0][0]:.2f} s, submissions {submit:.2f} s of it; workers poll "
        "every 1 s, woken by NOTIFY; baseline: run_access x20 in one process",
        details={"runs": runs, "direct_seconds": direct},
    )
