"""Consent decisions: in-process ``may_process`` and the HTTP endpoint at a fixed load.

``consent.decisions`` fills a control database with the consent states of ``subjects``
people (VIVIBIT's manifest: consent, contract and legitimate-interest purposes, a do-not-sell
opt-out for some, GPC on some calls, recipients on some), loads a :class:`ConsentService` and
times ``may_process`` over a fixed mix. The baseline is what an application would do without
the snapshot: one indexed ``SELECT`` of the state row per decision.

``consent.http`` runs Kept's API under uvicorn in a separate process (one worker) and sends
``GET /api/v1/consent/decision`` over loopback with keep-alive connections: first as fast as
a few connections go (throughput), then at a fixed rate for a fixed time (open loop: each
request has its scheduled time; latency counts from that time, so a stalled server is not
hidden), reporting the achieved rate, p50 and p99. The baseline is ``GET /health`` (no key, no
decision): the framework's own floor on this machine. Last, ``POST /api/v1/consent/decisions``
with batches of 100 (a campaign's audience), in decisions per second.
"""

from __future__ import annotations

import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from bench.runner import Context, Figure, benchmark

SUBJECTS = (2_000, 100_000)
DECISIONS = (50_000, 1_000_000)
BASELINE_DECISIONS = (5_000, 50_000)
DECISION_TARGET = 100_000.0
HTTP_REQUESTS = (300, 5_000)
HTTP_RATE = (100.0, 200.0)
HTTP_SECONDS = (2.0, 10.0)
HTTP_CONNECTIONS = 4
BATCH = 100
BATCH_REQUESTS = (20, 200)

PURPOSES = ("marketing_email", "advertising", "web_analytics", "orders", "security_fraud")
PARTNERS = "Advertising partners (ad pixels)"


def _manifest(folder: Path) -> Path:
    from kept.examples import example_manifest

    path = folder / "kept.yaml"
    path.write_text(example_manifest("vivibit"), encoding="utf-8")
    return path


def _fill(engine: sa.Engine, subjects: int) -> None:
    """Ledger and state rows for ``subjects`` people, written in bulk (not timed)."""
    from kept.audit import subject_reference
    from kept.consent.ledger import consent_ledger, consent_state
    from kept.control import secret_key

    with engine.connect() as conn:
        key = secret_key(conn)
    rng = random.Random(0)
    ledger: list[dict[str, Any]] = []
    states: list[dict[str, Any]] = []
    seq = 0
    for i in range(subjects):
        ref = subject_reference(f"email=p{i}@example.com", key)
        topics = [("purpose", "marketing_email", rng.choice(("granted", "withdrawn")))]
        if rng.random() < 0.5:
            topics.append(("purpose", "advertising", "granted"))
        if rng.random() < 0.2:
            topics.append(("opt_out", "do_not_sell_or_share", "opted_out"))
        for kind, topic, state in topics:
            seq += 1
            at = "2026-01-01T00:00:00.000000Z"
            ledger.append(
                {
                    "seq": seq,
                    "id": f"cns_{seq:020d}",
                    "recorded_at": at,
                    "subject_ref": ref,
                    "subject_kind": "email",
                    "topic_kind": kind,
                    "topic": topic,
                    "state": state,
                    "policy_version": "2026-03-16",
                    "notice_hash": "0" * 64,
                    "source": "import",
                    "jurisdiction": None,
                    "evidence": "{}",
                    "actor": "bench",
                    "tenant": None,
                }
            )
            states.append(
                {
                    "subject_ref": ref,
                    "topic_kind": kind,
                    "topic": topic,
                    "state": state,
                    "seq": seq,
                    "recorded_at": at,
                    "policy_version": "2026-03-16",
                    "source": "import",
                }
            )
    with engine.begin() as conn:
        for start in range(0, len(ledger), 10_000):
            conn.execute(consent_ledger.insert(), ledger[start : start + 10_000])
            conn.execute(consent_state.insert(), states[start : start + 10_000])


def _calls(subjects: int, count: int) -> list[tuple[str, str, str | None, bool]]:
    rng = random.Random(1)
    calls = []
    for _ in range(count):
        purpose = rng.choice(PURPOSES)
        recipient = PARTNERS if purpose == "advertising" and rng.random() < 0.5 else None
        calls.append(
            (
                f"email=p{rng.randrange(subjects)}@example.com",
                purpose,
                recipient,
                rng.random() < 0.1,
            )
        )
    return calls


@benchmark("consent.decisions")
def decisions(ctx: Context) -> Iterator[Figure]:
    """``may_process`` in-process against one indexed SELECT per decision."""
    from kept.consent import ConsentService
    from kept.consent.ledger import consent_state
    from kept.control import open_control
    from kept.manifest import load_manifest

    subjects = ctx.size(*SUBJECTS)
    count = ctx.size(*DECISIONS)
    with tempfile.TemporaryDirectory(prefix="kept-bench-") as folder, ctx.database("sqlite") as url:
        manifest = load_manifest(_manifest(Path(folder))).manifest
        engine = open_control(url)
        try:
            ctx.log(f"filling the ledger for {subjects:,} people")
            _fill(engine, subjects)
            start = time.perf_counter()
            service = ConsentService(manifest, engine)
            loaded = time.perf_counter() - start
            calls = _calls(subjects, count)
            for subject, purpose, recipient, gpc in calls[:1000]:  # warm the reference cache
                service.may_process(subject, purpose, recipient, gpc=gpc)
            allowed = 0
            start = time.perf_counter()
            for subject, purpose, recipient, gpc in calls:
                if service.may_process(subject, purpose, recipient, gpc=gpc).allowed:
                    allowed += 1
            elapsed = time.perf_counter() - start
            baseline = _sql_baseline(engine, service, calls[: ctx.size(*BASELINE_DECISIONS)])
            stmt = sa.select(sa.func.count()).select_from(consent_state)
            with engine.connect() as conn:
                rows = conn.execute(stmt).scalar()
        finally:
            engine.dispose()
    yield Figure(
        f"may_process, {count:,} decisions over {subjects:,} people",
        "decisions/s",
        count / elapsed,
        baseline=baseline,
        higher_is_better=True,
        target=DECISION_TARGET,
        note="baseline: one indexed SELECT of the state row per decision (SQLite)",
        details={"allowed": allowed, "state_rows": rows, "snapshot_load_s": loaded},
    )
    yield Figure(
        f"snapshot load, {rows:,} state rows",
        "s",
        loaded,
        note="ConsentService start: the current states read once",
    )


def _sql_baseline(engine: sa.Engine, service: Any, calls: list[Any]) -> float:
    from kept.consent.ledger import consent_state

    stmt = sa.select(consent_state.c.state).where(
        consent_state.c.subject_ref == sa.bindparam("ref"),
        consent_state.c.topic_kind == "purpose",
        consent_state.c.topic == sa.bindparam("topic"),
    )
    with engine.connect() as conn:
        start = time.perf_counter()
        for subject, purpose, _recipient, _gpc in calls:
            conn.execute(stmt, {"ref": service.subject_ref(subject), "topic": purpose}).first()
        elapsed = time.perf_counter() - start
    return len(calls) / elapsed


# --------------------------------------------------------------------------- HTTP


SERVE = """
import sys, uvicorn
from pathlib import Path
from kept.api import create_app
app = create_app(Path(sys.argv[1]), database_url=sys.argv[2])
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[3]), log_level="warning",
            access_log=False)
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def _wait(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the API server exited with {process.returncode}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/health")
            if conn.getresponse().status == 200:
                conn.close()
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("the API server did not start within 60 s")


class _Client:
    """One keep-alive connection sending GETs."""

    def __init__(self, port: int, headers: dict[str, str]) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.headers = headers

    def get(self, path: str) -> int:
        self.conn.request("GET", path, headers=self.headers)
        response = self.conn.getresponse()
        response.read()
        return response.status

    def post(self, path: str, body: bytes) -> int:
        headers = {**self.headers, "Content-Type": "application/json"}
        self.conn.request("POST", path, body=body, headers=headers)
        response = self.conn.getresponse()
        response.read()
        return response.status


def _paths(subjects: int, count: int) -> list[str]:
    from urllib.parse import urlencode

    return [
        "/api/v1/consent/decision?" + urlencode({"subject": s, "purpose": p})
        for s, p, _r, _g in _calls(subjects, count)
    ]


def _closed_loop(port: int, headers: dict[str, str], paths: list[str]) -> float:
    """Requests per second with ``HTTP_CONNECTIONS`` connections, each as fast as it goes."""
    share = [paths[i::HTTP_CONNECTIONS] for i in range(HTTP_CONNECTIONS)]
    errors: list[str] = []

    def work(part: list[str]) -> None:
        client = _Client(port, headers)
        for path in part:
            status = client.get(path)
            if status != 200:
                errors.append(f"{status} for {path}")

    threads = [threading.Thread(target=work, args=(part,)) for part in share]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    if errors:
        raise RuntimeError(f"{len(errors)} failed requests, e.g. {errors[0]}")
    return len(paths) / elapsed


def _batches(port: int, headers: dict[str, str], subjects: int, requests: int) -> float:
    """Decisions per second through ``POST /api/v1/consent/decisions``, BATCH per request."""
    calls = _calls(subjects, requests * BATCH)
    bodies = [
        json.dumps(
            {
                "decisions": [
                    {"subject": s, "purpose": p}
                    for s, p, _r, _g in calls[i * BATCH : (i + 1) * BATCH]
                ]
            }
        ).encode("utf-8")
        for i in range(requests)
    ]
    share = [bodies[i::HTTP_CONNECTIONS] for i in range(HTTP_CONNECTIONS)]
    errors: list[int] = []

    def work(part: list[bytes]) -> None:
        client = _Client(port, headers)
        for body in part:
            status = client.post("/api/v1/consent/decisions", body)
            if status != 200:
                errors.append(status)

    threads = [threading.Thread(target=work, args=(part,)) for part in share]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    if errors:
        raise RuntimeError(f"{len(errors)} failed batch requests, e.g. status {errors[0]}")
    return requests * BATCH / elapsed


def _open_loop(
    port: int, headers: dict[str, str], paths: list[str], rate: float, seconds: float
) -> dict[str, float]:
    """Send at ``rate`` requests/s for ``seconds``: request k is due at k / rate; its latency
    runs from when it was due (so queueing behind a slow server counts)."""
    total = int(rate * seconds)
    latencies: list[float] = []
    lock = threading.Lock()
    errors: list[str] = []
    start = time.perf_counter() + 0.05

    def work(offset: int) -> None:
        client = _Client(port, headers)
        mine: list[float] = []
        for k in range(offset, total, HTTP_CONNECTIONS):
            due = start + k / rate
            pause = due - time.perf_counter()
            if pause > 0:
                time.sleep(pause)
            status = client.get(paths[k % len(paths)])
            mine.append(time.perf_counter() - due)
            if status != 200:
                errors.append(str(status))
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(HTTP_CONNECTIONS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    if errors:
        raise RuntimeError(f"{len(errors)} failed requests, e.g. status {errors[0]}")
    ordered = sorted(latencies)
    return {
        "sent": float(total),
        "achieved_rate": total / elapsed,
        "p50_ms": statistics.median(ordered) * 1000,
        "p99_ms": ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000,
        "max_ms": ordered[-1] * 1000,
    }


@benchmark("consent.http")
def http_decisions(ctx: Context) -> Iterator[Figure]:
    """``GET /api/v1/consent/decision`` over loopback: throughput, and p99 at a fixed rate."""
    from kept.apikey import issue_key
    from kept.control import open_control

    subjects = ctx.size(*SUBJECTS)
    requests = ctx.size(*HTTP_REQUESTS)
    rate, seconds = ctx.size(HTTP_RATE[0], HTTP_RATE[1]), ctx.size(*HTTP_SECONDS)
    with tempfile.TemporaryDirectory(prefix="kept-bench-") as folder, ctx.database("sqlite") as url:
        manifest = _manifest(Path(folder))
        engine = open_control(url)
        try:
            _fill(engine, subjects)
            _, key = issue_key(engine, name="bench", role="admin")
        finally:
            engine.dispose()
        port = _free_port()
        root = str(Path(__file__).resolve().parent.parent / "src")
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")])),
        }
        process = subprocess.Popen(
            [sys.executable, "-c", SERVE, str(manifest), url, str(port)], env=env
        )
        try:
            _wait(port, process)
            headers = {"Authorization": f"Bearer {key}"}
            paths = _paths(subjects, requests)
            _closed_loop(port, headers, paths[: min(200, len(paths))])  # warm up
            throughput = _closed_loop(port, headers, paths)
            health = _closed_loop(port, {}, ["/health"] * requests)
            fixed = _open_loop(port, headers, paths, rate, seconds)
            batched = _batches(port, headers, subjects, ctx.size(*BATCH_REQUESTS))
        finally:
            process.terminate()
            process.wait(timeout=30)
    yield Figure(
        f"HTTP decisions, {requests:,} requests on {HTTP_CONNECTIONS} connections",
        "req/s",
        throughput,
        baseline=health,
        higher_is_better=True,
        note="one uvicorn worker; baseline: GET /health on the same server",
    )
    yield Figure(
        f"HTTP decision p99 at {rate:,.0f} req/s for {seconds:g} s",
        "ms",
        fixed["p99_ms"],
        note=f"p50 {fixed['p50_ms']:.2f} ms, achieved {fixed['achieved_rate']:,.0f} req/s",
        details=fixed,
    )
    yield Figure(
        f"HTTP decisions in batches of {BATCH}, {ctx.size(*BATCH_REQUESTS):,} requests",
        "decisions/s",
        batched,
        baseline=throughput,
        higher_is_better=True,
        note="POST /api/v1/consent/decisions; baseline: one decision per GET",
    )
    ctx.log(json.dumps(fixed))
