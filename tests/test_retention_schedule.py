"""Scheduled sweeps: due by the manifest's cron schedule, claimed by exactly one worker."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from kept.audit import AuditLog
from kept.control import open_control
from kept.errors import ManifestError
from kept.examples import create_example
from kept.examples.vcloudpoint import sample
from kept.mail import OutboxMailer
from kept.manifest import LoadedManifest, load_manifest
from kept.requests import Lifecycle, Worker
from kept.retention.schedule import _claim, last_fire, run_due_sweep

NOW = dt.datetime(2026, 1, 15, 12, 0, 0)  # the vCloudPoint schedule is "0 3 * * *"


@pytest.fixture
def vcp(tmp_path: Path) -> Iterator[tuple[LoadedManifest, sa.Engine]]:
    info = create_example("vcloudpoint", tmp_path, people=60)
    store = sa.create_engine(f"sqlite:///{tmp_path / 'vcloudpoint.sqlite'}")
    sample.generate(store, people=60, now=NOW)
    store.dispose()
    control = open_control(f"sqlite:///{tmp_path / 'kept.db'}")
    yield load_manifest(info.manifest), control
    control.dispose()


@pytest.mark.parametrize(
    ("expression", "now", "fired"),
    [
        ("0 3 * * *", dt.datetime(2026, 1, 15, 12, 0), dt.datetime(2026, 1, 15, 3, 0)),
        ("0 3 * * *", dt.datetime(2026, 1, 15, 2, 59), dt.datetime(2026, 1, 14, 3, 0)),
        ("0 3 * * *", dt.datetime(2026, 1, 15, 3, 0, 30), dt.datetime(2026, 1, 15, 3, 0)),
        ("0 4 * * 1", dt.datetime(2026, 1, 15, 12, 0), dt.datetime(2026, 1, 12, 4, 0)),
        ("*/15 * * * *", dt.datetime(2026, 1, 15, 12, 7), dt.datetime(2026, 1, 15, 12, 0)),
    ],
)
def test_last_fire(expression: str, now: dt.datetime, fired: dt.datetime) -> None:
    assert last_fire(expression, now) == fired


def test_a_due_sweep_runs_once_per_fire_time(vcp: tuple[LoadedManifest, sa.Engine]) -> None:
    loaded, control = vcp
    first = run_due_sweep(loaded, control, now=NOW)
    assert first is not None and first.rows > 0
    assert run_due_sweep(loaded, control, now=NOW + dt.timedelta(hours=1)) is None
    next_day = run_due_sweep(loaded, control, now=NOW + dt.timedelta(days=1))
    assert next_day is not None and next_day.rows < first.rows  # only a day more expired
    sweeps = [e for e in AuditLog(control).entries() if e.action == "retention.sweep"]
    assert sweeps and {e.actor for e in sweeps} == {"kept-worker"}


def test_an_idle_worker_runs_the_scheduled_sweep(
    vcp: tuple[LoadedManifest, sa.Engine], tmp_path: Path
) -> None:
    loaded, control = vcp
    lifecycle = Lifecycle(control, loaded, mailer=OutboxMailer(tmp_path / "outbox"))
    worker = Worker(lifecycle, name="w1")
    worker._scheduled_sweep()
    worker._scheduled_sweep()  # checked at most once a minute
    sweeps = [e for e in AuditLog(control).entries() if e.action == "retention.sweep"]
    assert sweeps and {e.actor for e in sweeps} == {"worker:w1"}
    idle = Worker(lifecycle, name="w2", sweeps=False)
    idle._scheduled_sweep()
    assert len([e for e in AuditLog(control).entries() if e.action == "retention.sweep"]) == len(
        sweeps
    )


@pytest.mark.postgres
def test_two_workers_claim_a_fire_time_once(postgres_url: str) -> None:
    control = open_control(postgres_url)
    try:
        fired = "2026-01-15T03:00:00"
        won: list[bool] = []
        barrier = threading.Barrier(4)

        def claim() -> None:
            barrier.wait()
            won.append(_claim(control, fired))

        threads = [threading.Thread(target=claim) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(won) == [False, False, False, True]
        assert not _claim(control, fired)
        assert _claim(control, "2026-01-16T03:00:00")
    finally:
        control.dispose()


def test_a_bad_schedule_is_a_manifest_error(tmp_path: Path) -> None:
    info = create_example("vcloudpoint", tmp_path, people=5)
    text = info.manifest.read_text(encoding="utf-8")
    info.manifest.write_text(text.replace('schedule: "0 3 * * *"', 'schedule: "3am"'), "utf-8")
    with pytest.raises(ManifestError, match="not a five-field cron expression") as caught:
        load_manifest(info.manifest)
    assert caught.value.problems[0].line is not None
