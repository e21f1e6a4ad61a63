"""A sweep killed mid-way (``kill -9``, on a real PostgreSQL server) and run again ends in the
same state as a sweep that was never interrupted."""

from __future__ import annotations

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

from kept.control import open_control
from kept.examples import create_example
from kept.examples.vcloudpoint import sample
from kept.manifest import load_manifest
from kept.retention.sweep import run_sweep

NOW = dt.datetime(2026, 1, 15, 12, 0, 0)


def all_rows(engine: sa.Engine) -> dict[str, list[tuple[Any, ...]]]:
    with engine.connect() as conn:
        return {
            t.name: [tuple(r) for r in conn.execute(sa.select(t).order_by(t.c.id))]
            for t in sample.metadata.sorted_tables
        }


def small_batches(manifest: Path) -> None:
    text = manifest.read_text(encoding="utf-8")
    text = text.replace('  schedule: "0 3 * * *"', '  schedule: "0 3 * * *"\n  batch_size: 20', 1)
    manifest.write_text(text, encoding="utf-8")


@pytest.mark.postgres
def test_killed_sweep_resumes_to_the_uninterrupted_state(postgres_url: str, tmp_path: Path) -> None:
    # The reference: the same sample on SQLite, swept without interruption.
    ref = create_example("vcloudpoint", tmp_path / "ref")
    ref_store = sa.create_engine(f"sqlite:///{tmp_path / 'ref' / 'vcloudpoint.sqlite'}")
    sample.generate(ref_store, now=NOW)
    ref_control = open_control(f"sqlite:///{tmp_path / 'ref' / 'kept.db'}")
    run_sweep(load_manifest(ref.manifest), ref_control, now=NOW)
    ref_control.dispose()
    expected = all_rows(ref_store)
    ref_store.dispose()

    info = create_example("vcloudpoint", tmp_path / "pg", url=postgres_url)
    small_batches(info.manifest)
    engine = sa.create_engine(postgres_url, poolclass=sa.NullPool)
    sample.generate(engine, now=NOW)
    with engine.connect() as conn:
        expired = [
            r[0]
            for r in conn.execute(
                sa.text("SELECT id FROM notifications WHERE created_at < :t ORDER BY id"),
                {"t": NOW - dt.timedelta(days=7)},
            )
        ]
    assert len(expired) > 200
    locked = expired[len(expired) * 2 // 3]
    env = {**os.environ, "KEPT_DATABASE_URL": f"sqlite:///{tmp_path / 'kept.db'}"}
    command = [
        sys.executable, "-m", "kept.cli", "retention", "run", "-m", str(info.manifest),
        "--now", NOW.isoformat(), "--json",
    ]  # fmt: skip
    blocker = engine.connect()
    blocker.begin()
    blocker.execute(sa.text("SELECT * FROM notifications WHERE id = :i FOR UPDATE"), {"i": locked})
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 60
        waiting = 0
        with engine.connect() as watch:
            while time.monotonic() < deadline and not waiting:
                waiting = watch.exec_driver_sql(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                    "AND query ILIKE 'DELETE FROM notifications%%'"
                ).scalar_one()
                watch.rollback()
                time.sleep(0.05)
        assert waiting, "the sweep never reached the locked row"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
        blocker.rollback()
        blocker.close()
    assert process.returncode == -signal.SIGKILL
    with engine.connect() as conn:
        left = conn.execute(
            sa.text("SELECT COUNT(*) FROM notifications WHERE created_at < :t"),
            {"t": NOW - dt.timedelta(days=7)},
        ).scalar_one()
    assert 0 < left < len(expired)  # stopped mid-way: earlier batches were committed

    rerun = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert '"resumed": true' in rerun.stdout
    assert all_rows(engine) == expected
    engine.dispose()
