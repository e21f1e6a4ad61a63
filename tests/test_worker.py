"""Workers as real processes: two share a PostgreSQL control database and run 200 requests,
each exactly once, even when one is killed in the middle of a job; on SQLite one worker runs
the queue with immediate transactions."""

from __future__ import annotations

import collections
import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from kept.audit import AuditLog
from kept.examples import create_example
from kept.execution import Identity
from kept.mail import OutboxMailer
from kept.manifest import load_manifest
from kept.requests import Lifecycle, State, Worker, claim, complete, heartbeat
from kept.requests.queue import LeaseLost

PEER_MANIFEST = Path(__file__).parent / "data" / "fides_peer" / "kept.yaml"
JOBS = 200


def start_worker(name: str, env: dict[str, str], manifest: Path, cwd: Path) -> Any:
    """A ``kept worker`` process (in ``cwd``, where its outbox goes) with a 2-second lease."""
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kept.cli",
            "worker",
            "-m",
            str(manifest),
            "--name",
            name,
            "--lease",
            "2",
            "--poll",
            "0.1",
        ],
        env=env,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def count(engine: sa.Engine, sql: str, **params: object) -> int:
    with engine.connect() as conn:
        return int(conn.execute(sa.text(sql), params).scalar_one())


def wait_for(predicate: object, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return
        time.sleep(0.05)
    pytest.fail(f"timed out waiting for {what}")


@pytest.mark.postgres
@pytest.mark.slow
def test_two_workers_run_200_requests_once_even_when_one_is_killed(
    peer_postgres_url: str, tmp_path: Path
) -> None:
    url = peer_postgres_url  # the control tables live beside the sample's, in one database
    env = {**os.environ, "KEPT_DATABASE_URL": url, "KEPT_PEER_DB_URL": url}
    env.pop("KEPT_SMTP_URL", None)
    lifecycle = Lifecycle.open(load_manifest(PEER_MANIFEST), url, mailer=OutboxMailer(tmp_path))
    engine = lifecycle.control
    ids = [
        lifecycle.submit(
            "access", [Identity("email", f"person{i}@example.com")], actor="test", verified=True
        ).record.id
        for i in range(JOBS)
    ]
    completed = "SELECT count(*) FROM kept_requests WHERE state = 'completed'"
    a = start_worker("A", env, PEER_MANIFEST, tmp_path)
    b = start_worker("B", env, PEER_MANIFEST, tmp_path)
    blocker = engine.connect()
    try:
        wait_for(lambda: count(engine, completed) >= 20, 120, "the first 20 jobs")
        # Block every store query, so both workers stop in the middle of a job, then kill A.
        blocker.begin()
        blocker.exec_driver_sql("LOCK TABLE customer IN ACCESS EXCLUSIVE MODE")
        waiting = (
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock' AND query ILIKE '%%customer%%'"
        )
        wait_for(lambda: count(engine, waiting) >= 2, 60, "both workers to block mid-job")
        held = count(
            engine,
            "SELECT count(*) FROM kept_requests WHERE state = 'running' AND lease_owner = 'A'",
        )
        assert held == 1, "worker A holds exactly one job when it is killed"
        a.send_signal(signal.SIGKILL)
        a.wait(timeout=30)
        blocker.rollback()
        wait_for(lambda: count(engine, completed) == JOBS, 240, f"all {JOBS} jobs")
    finally:
        blocker.close()
        for process in (a, b):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        b_out = b.communicate(timeout=60)[0]
        a.communicate(timeout=30)
    assert a.returncode == -signal.SIGKILL
    assert b.returncode == 0, b_out
    assert ", 1 resumed," in b_out

    entries = list(AuditLog(engine).entries())
    per_request: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for entry in entries:
        request_id = entry.details.get("request_id")
        if request_id:
            per_request[request_id][entry.action] += 1
    assert set(per_request) == set(ids)
    for request_id in ids:
        actions = per_request[request_id]
        assert actions["request.completed"] == 1, (request_id, actions)
        assert actions["request.access"] == 1, (request_id, actions)  # one receipt: ran once
    resumed = [e for e in entries if e.details.get("resumed_from") == "A"]
    assert len(resumed) == 1 and resumed[0].actor == "worker:B"
    by_worker = collections.Counter(e.actor for e in entries if e.action == "request.completed")
    assert by_worker["worker:A"] >= 1 and by_worker["worker:B"] >= 1
    assert sum(by_worker.values()) == JOBS
    assert AuditLog(engine).verify().ok
    lifecycle.close()


def test_sqlite_worker_process_runs_the_queue(tmp_path: Path) -> None:
    manifest = create_example("vcloudpoint", tmp_path / "vcp", people=10).manifest
    database = f"sqlite:///{tmp_path / 'kept.db'}"
    lifecycle = Lifecycle.open(load_manifest(manifest), database, mailer=OutboxMailer(tmp_path))
    try:
        ids = [
            lifecycle.submit(
                "access", [Identity("email", f"p{i}@example.com")], actor="t", verified=True
            ).record.id
            for i in range(5)
        ]
        env = {**os.environ, "KEPT_DATABASE_URL": database}
        result = subprocess.run(
            [sys.executable, "-m", "kept.cli", "worker", "-m", str(manifest), "--until-empty"],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        assert "5 completed" in result.stdout
        assert all(lifecycle.get(i).state is State.COMPLETED for i in ids)
    finally:
        lifecycle.close()


def test_a_worker_on_a_new_control_database_migrates_quietly(tmp_path: Path) -> None:
    manifest = create_example("vivi", tmp_path / "vivi", people=5).manifest
    env = {**os.environ, "KEPT_DATABASE_URL": f"sqlite:///{tmp_path / 'new.db'}"}
    command = [sys.executable, "-m", "kept.cli", "worker", "-m", str(manifest), "--until-empty"]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 completed" in result.stdout
    assert "alembic" not in result.stdout + result.stderr  # no migration chatter
    assert (tmp_path / "new.db").exists()


def test_a_lost_lease_is_never_recorded_as_done(tmp_path: Path) -> None:
    manifest = create_example("vcloudpoint", tmp_path / "vcp", people=5).manifest
    clock_now = [dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)]
    lifecycle = Lifecycle.open(
        load_manifest(manifest),
        f"sqlite:///{tmp_path / 'kept.db'}",
        mailer=OutboxMailer(tmp_path),
        clock=lambda: clock_now[0],
    )
    try:
        rid = lifecycle.submit(
            "access", [Identity("email", "x@example.com")], actor="t", verified=True
        ).record.id
        lease = dt.timedelta(seconds=30)
        first = claim(lifecycle, "slow", lease)
        assert first is not None and claim(lifecycle, "other", lease) is None  # still leased
        clock_now[0] += dt.timedelta(seconds=31)
        second = claim(lifecycle, "fast", lease)
        assert second is not None and second.resumed_from == "slow" and second.attempt == 2
        assert not heartbeat(lifecycle, first, lease)
        with pytest.raises(LeaseLost, match="no longer holds"):
            complete(lifecycle, first, receipt_action="request.access", receipt={}, summary={})
        Worker(lifecycle, name="fast").run(until_empty=True)  # nothing left to claim
        complete(lifecycle, second, receipt_action="request.access", receipt={}, summary={})
        assert lifecycle.get(rid).state is State.COMPLETED
    finally:
        lifecycle.close()


@pytest.mark.mariadb
@pytest.mark.slow
def test_two_workers_share_a_mariadb_control_database(mariadb_url: str, tmp_path: Path) -> None:
    manifest = create_example("vcloudpoint", tmp_path / "vcp", people=20).manifest
    lifecycle = Lifecycle.open(load_manifest(manifest), mariadb_url, mailer=OutboxMailer(tmp_path))
    try:
        env = {**os.environ, "KEPT_DATABASE_URL": mariadb_url, "PYTHONUNBUFFERED": "1"}
        workers = [start_worker(name, env, manifest, tmp_path) for name in ("M1", "M2")]
        try:
            for process in workers:  # both are polling the empty queue before jobs arrive
                assert process.stdout is not None
                for line in process.stdout:
                    if "started" in line:
                        break
        except BaseException:
            for process in workers:
                process.kill()
                process.communicate()
            raise
        ids = [
            lifecycle.submit(
                "access", [Identity("email", f"p{i}@example.com")], actor="t", verified=True
            ).record.id
            for i in range(60)
        ]
        completed = "SELECT count(*) FROM kept_requests WHERE state = 'completed'"
        try:
            wait_for(lambda: count(lifecycle.control, completed) == len(ids), 180, "60 jobs")
        finally:
            for process in workers:
                process.send_signal(signal.SIGTERM)
            outputs = [process.communicate(timeout=60)[0] for process in workers]
        assert all(p.returncode == 0 for p in workers), outputs
        done = collections.Counter(
            e.details["request_id"]
            for e in AuditLog(lifecycle.control).entries()
            if e.action == "request.completed"
        )
        assert done == dict.fromkeys(ids, 1)
        actors = {
            e.actor for e in AuditLog(lifecycle.control).entries() if e.action == "request.access"
        }
        assert actors == {"worker:M1", "worker:M2"}
    finally:
        lifecycle.close()


def test_finishing_a_job_claims_the_next_in_the_same_transaction(tmp_path: Path) -> None:
    manifest = create_example("vcloudpoint", tmp_path / "vcp", people=5).manifest
    lifecycle = Lifecycle.open(
        load_manifest(manifest), f"sqlite:///{tmp_path / 'kept.db'}", mailer=OutboxMailer(tmp_path)
    )
    try:
        ids = [
            lifecycle.submit(
                "access", [Identity("email", f"p{i}@example.com")], actor="t", verified=True
            ).record.id
            for i in range(3)
        ]
        worker = Worker(lifecycle, name="w1", sweeps=False, data_checks=False)
        assert worker.run_once(handoff=True)
        first, second, third = (lifecycle.get(i) for i in ids)
        assert first.state is State.COMPLETED
        assert second.state is State.RUNNING and second.lease_owner == "w1"
        assert third.state is State.APPROVED
        tail = [(e.action, e.details["request_id"]) for e in AuditLog(lifecycle.control).latest(2)]
        assert tail == [("request.completed", ids[0]), ("request.running", ids[1])]
        other = claim(lifecycle, "w2", dt.timedelta(seconds=30))  # the next job is w1's
        assert other is not None and other.request_id == ids[2]
        assert worker.run_once()  # the job handed over, not a new claim
        assert lifecycle.get(ids[1]).state is State.COMPLETED
        assert lifecycle.get(ids[2]).lease_owner == "w2"  # untouched by w1
    finally:
        lifecycle.close()


def test_a_stopped_worker_runs_the_job_it_was_handed(tmp_path: Path) -> None:
    manifest = create_example("vcloudpoint", tmp_path / "vcp", people=5).manifest
    lifecycle = Lifecycle.open(
        load_manifest(manifest), f"sqlite:///{tmp_path / 'kept.db'}", mailer=OutboxMailer(tmp_path)
    )
    try:
        ids = [
            lifecycle.submit(
                "access", [Identity("email", f"p{i}@example.com")], actor="t", verified=True
            ).record.id
            for i in range(2)
        ]
        worker = Worker(lifecycle, name="w1", sweeps=False, data_checks=False)
        assert worker.run_once(handoff=True)
        assert lifecycle.get(ids[1]).state is State.RUNNING
        worker.stop()
        stats = worker.run()  # stopping: no new claim, but the job already held is finished
        assert stats.completed == 2
        assert [lifecycle.get(i).state for i in ids] == [State.COMPLETED, State.COMPLETED]
        completions = [
            e.details["request_id"]
            for e in AuditLog(lifecycle.control).entries()
            if e.action == "request.completed"
        ]
        assert sorted(completions) == sorted(ids)  # each once
    finally:
        lifecycle.close()
