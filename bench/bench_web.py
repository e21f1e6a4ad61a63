"""The web pages: each page's server time beside ``GET /health`` in the same run, and the
console's request queue with many requests in the control database.

* **page p50/p99**: 1,000 loads of each page (``--quick``: 50) through the application in
  process (Starlette's test client: no network, the same client cost for every page), on
  vCloudPoint with a SQLite control database. Baseline: ``GET /health`` (a JSON answer
  reading nothing) measured the same way, in the same run. Goal: p99 under 50 ms.
* **queue first page**: the console's queue (:func:`kept.api.html.queue.queue_page`, open
  requests by due date, 50 a page, keyset pagination) with 100,000 requests in the control
  database (``--quick``: 5,000). Baseline: the plain ``SELECT … ORDER BY due_on, id LIMIT 51``
  a hand-written queue would run. Goal: under 100 ms. Also a page 1,000 rows deep by its cursor.
"""

from __future__ import annotations

import datetime as dt
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import sqlalchemy as sa
from fastapi.testclient import TestClient

from bench.measure import timeit
from bench.runner import Context, Figure, benchmark
from kept.api import create_app
from kept.api.html.queue import queue_page
from kept.apikey import issue_key
from kept.control import open_control
from kept.examples import create_example
from kept.execution import Identity
from kept.requests import Lifecycle
from kept.requests.tables import requests as requests_table


def _percentiles(fn: Callable[[], object], loads: int) -> tuple[float, float]:
    """p50 and p99 of ``loads`` calls, in milliseconds (after 20 warm-up calls)."""
    for _ in range(20):
        fn()
    runs = []
    for _ in range(loads):
        start = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - start) * 1000)
    runs.sort()
    return statistics.median(runs), runs[min(len(runs) - 1, int(len(runs) * 0.99))]


def _loader(client: TestClient, path: str) -> Callable[[], object]:
    def load() -> object:
        return client.get(path, follow_redirects=False)

    return load


@benchmark("web.pages")
def pages(ctx: Context) -> Iterator[Figure]:
    """Each page's server time (p50/p99 over 1,000 loads) beside GET /health."""
    loads = ctx.size(50, 1000)
    with tempfile.TemporaryDirectory(prefix="kept-bench-web-") as folder:
        info = create_example("vcloudpoint", Path(folder) / "vcp", people=50)
        app = create_app(info.manifest, database_url=f"sqlite:///{folder}/kept.db")
        context = app.state.kept
        lifecycle = Lifecycle(context.control, context.loaded)
        app.state.lifecycle = lifecycle
        record = lifecycle.submit(
            "erasure", [Identity("email", "a@example.com")], actor="bench", verified=True
        ).record
        _, key = issue_key(context.control, name="bench", role="privacy_officer")
        with TestClient(app) as client:
            signed = client.post("/console/sign-in", data={"key": key}, follow_redirects=False)
            assert signed.status_code == 303 and "kept_console" in signed.headers["set-cookie"]
            health = _percentiles(lambda: client.get("/health"), loads)
            paths = {
                "notice": "/privacy",
                "make a request": "/privacy/request",
                "preferences sign-in": "/privacy/preferences",
                "console queue": "/console",
                "console request": f"/console/requests/{record.id}",
                "console retention": "/console/retention",
            }
            for name, path in paths.items():
                first = client.get(path, follow_redirects=False)
                assert first.status_code == 200 and "<main" in first.text, path
                p50, p99 = _percentiles(_loader(client, path), loads)
                ctx.log(f"{name}: p50 {p50:.2f} ms, p99 {p99:.2f} ms")
                yield Figure(
                    f"{name} p99 ({loads} loads)",
                    "ms",
                    p99,
                    baseline=health[1],
                    target=50.0,
                    note=f"p50 {p50:.2f} ms (GET /health p50 {health[0]:.2f} ms)",
                    details={"p50_ms": p50, "health_p50_ms": health[0], "path": path},
                )


def _fill(url: str, count: int) -> None:
    """``count`` requests in the control database, due over a year, a tenth closed."""
    engine = open_control(url)
    today = dt.date(2026, 6, 1)
    base = {
        "kind": "access",
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
    batch = []
    with engine.begin() as conn:
        for i in range(count):
            batch.append(
                {
                    **base,
                    "id": f"req_{i:016x}",
                    "state": "completed" if i % 10 == 0 else "identity_verified",
                    "tenant": f"t{i % 20}",
                    "due_on": (today + dt.timedelta(days=i % 365 - 60)).isoformat(),
                }
            )
            if len(batch) == 10_000:
                conn.execute(requests_table.insert(), batch)
                batch.clear()
        if batch:
            conn.execute(requests_table.insert(), batch)
    engine.dispose()


@benchmark("web.queue")
def queue(ctx: Context) -> Iterator[Figure]:
    """The console queue's first page (and a deep page) with 100,000 requests, SQLite."""
    count = ctx.size(5_000, 100_000)
    with ctx.database("sqlite") as url:
        _fill(url, count)
        engine = open_control(url)
        plain = sa.text(
            "SELECT * FROM kept_requests WHERE state NOT IN ('completed', 'denied') "
            "ORDER BY due_on, id LIMIT 51"
        )

        def baseline() -> None:
            with engine.connect() as conn:
                conn.execute(plain).all()

        first = timeit(lambda: queue_page(engine, None), repeat=20)
        base = timeit(baseline, repeat=20)
        yield Figure(
            f"queue first page ({count:,} requests)",
            "ms",
            first.median * 1000,
            baseline=base.median * 1000,
            target=100.0,
            note="50 open requests by due date; baseline: the plain SELECT … LIMIT 51",
            details={"kept": first.summary(), "baseline": base.summary()},
        )
        cursor = None
        for _ in range(20):  # 1,000 rows deep
            cursor = queue_page(engine, None, after=cursor).after
        deep = timeit(lambda: queue_page(engine, None, after=cursor), repeat=20)
        yield Figure(
            f"queue page 21 by cursor ({count:,} requests)",
            "ms",
            deep.median * 1000,
            baseline=base.median * 1000,
            target=100.0,
            note="keyset: the 21st page costs what the first costs",
            details={"kept": deep.summary()},
        )
        engine.dispose()
