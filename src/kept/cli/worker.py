"""``kept worker``: run queued requests. Start several, on several machines, on one
PostgreSQL control database: each request runs once; a killed worker's job is taken over."""

from __future__ import annotations

import datetime as dt
import logging
import signal
import threading
from pathlib import Path
from types import FrameType

import typer

from kept.cli import app
from kept.cli._common import DatabaseOption, ManifestOption, open_kept, open_manifest, out
from kept.requests import Worker, worker_name

__all__ = ["worker"]


@app.command("worker")
def worker(
    manifest: Path = ManifestOption,
    database: str | None = DatabaseOption,
    name: str | None = typer.Option(None, "--name", help="The worker's name (default: host-pid)."),
    lease: float = typer.Option(30.0, "--lease", min=0.5, help="Seconds a claim holds unrenewed."),
    poll: float = typer.Option(1.0, "--poll", min=0.01, help="Seconds to wait on an empty queue."),
    until_empty: bool = typer.Option(False, "--until-empty", help="Stop when the queue is empty."),
    sweeps: bool = typer.Option(
        True,
        "--sweeps/--no-sweeps",
        help="Run the retention sweep when the manifest's retention.schedule is due.",
    ),
    data_checks: bool = typer.Option(
        True,
        "--data-checks/--no-data-checks",
        help="Run the data checks when the manifest's data_checks.schedule is due.",
    ),
) -> None:
    """Claim and run approved requests until stopped (Ctrl-C or SIGTERM ends after the job)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)  # migrations run quietly
    loaded = open_manifest(manifest)
    with open_kept(loaded, database) as kept:
        runner = kept.worker(
            name=name or worker_name(),
            lease=dt.timedelta(seconds=lease),
            poll=poll,
            sweeps=sweeps,
            data_checks=data_checks,
        )
        _run(runner, until_empty)


def _run(runner: Worker, until_empty: bool) -> None:
    def stop(_signum: int, _frame: FrameType | None) -> None:
        # Not runner.stop() here: the handler runs in the main thread, possibly inside the
        # very Event.wait() it would set, whose lock is not reentrant. Another thread sets it.
        threading.Thread(target=runner.stop, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    out.print(f"worker {runner.name} started")
    stats = runner.run(until_empty=until_empty)
    out.print(
        f"worker {runner.name} stopped: {stats.completed} completed, {stats.failed} failed, "
        f"{stats.resumed} resumed, {stats.lost} lost"
    )
