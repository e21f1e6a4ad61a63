"""A process killed in the middle of an erasure leaves the store untouched; re-running the
request completes it. Tested with a real ``kill -9`` on a real PostgreSQL server."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

PEER_MANIFEST = Path(__file__).parent / "data" / "fides_peer" / "kept.yaml"
ERASE = [
    sys.executable,
    "-m",
    "kept.cli",
    "request",
    "erase",
    "-m",
    str(PEER_MANIFEST),
    "--identity",
    "email=jane@example.com",
]


def snapshot(conn: sa.Connection) -> list[object]:
    queries = (
        "SELECT email, name FROM customer WHERE id = 3",
        "SELECT street, city FROM address WHERE id = 4",
        "SELECT time FROM login WHERE id = 8",
        "SELECT ccn, name FROM payment_card WHERE id = 'pay_ccc-ccc'",
    )
    return [tuple(conn.exec_driver_sql(q).one()) for q in queries]


@pytest.mark.postgres
def test_killed_erasure_rolls_back_and_rerun_completes(
    peer_postgres_url: str, tmp_path: Path
) -> None:
    env = {
        **os.environ,
        "KEPT_PEER_DB_URL": peer_postgres_url,
        "KEPT_DATABASE_URL": f"sqlite:///{tmp_path / 'kept.db'}",
    }
    engine = sa.create_engine(peer_postgres_url, poolclass=sa.NullPool)
    with engine.connect() as conn:
        before = snapshot(conn)
    blocker = engine.connect()
    blocker.begin()
    # Hold a lock on a row the erasure changes last: it blocks there, mid-transaction,
    # after its earlier UPDATEs have run.
    blocker.exec_driver_sql("SELECT * FROM payment_card WHERE id = 'pay_ccc-ccc' FOR UPDATE")
    process = subprocess.Popen(ERASE, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        waiting = 0
        with engine.connect() as watch:
            while time.monotonic() < deadline and not waiting:
                waiting = watch.exec_driver_sql(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                    "AND query ILIKE 'UPDATE payment_card%%'"
                ).scalar_one()
                watch.rollback()  # pg_stat_activity is a snapshot per transaction
                time.sleep(0.05)
            assert waiting, "the erasure never reached the locked row"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
        blocker.rollback()
        blocker.close()
    assert process.returncode == -signal.SIGKILL
    with engine.connect() as conn:
        assert snapshot(conn) == before  # untouched: the earlier UPDATEs were rolled back

    rerun = subprocess.run(ERASE, env=env, capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert "erased and verified" in rerun.stdout
    with engine.connect() as conn:
        after = snapshot(conn)
    engine.dispose()
    assert after == [(None, None), (None, None), (None,), (None, None)]
