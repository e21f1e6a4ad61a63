"""How long the ``kept`` command takes before it does anything, beside the interpreter's own
start (``python -c pass``) measured in the same run.

- ``cli.start``: ``kept --version`` (goal: under 250 ms) and ``kept request access`` on the
  peer's sample in PostgreSQL (wall time of the whole command: start, manifest, request,
  export, receipt), each a fresh process, medians of several runs. ``python -X importtime -c
  'import kept.cli'`` shows what the start loads; only the named command's module is imported.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import sqlalchemy as sa

from bench.measure import Timing
from bench.runner import Context, Figure, benchmark

PEER = Path(__file__).resolve().parents[1] / "tests" / "data" / "fides_peer"
START_TARGET_S = 0.250


def _wall(command: Sequence[str], repeat: int, env: dict[str, str] | None = None) -> Timing:
    runs: list[float] = []
    for i in range(repeat + 1):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=env)
        if i:  # the first run warms the file cache
            runs.append(time.perf_counter() - started)
    return Timing(tuple(runs))


@benchmark("cli.start", needs=("postgres",))
def cli_start(ctx: Context) -> Iterator[Figure]:
    """``kept --version`` and ``kept request access`` beside ``python -c pass``."""
    repeat = ctx.size(3, 10)
    python = [sys.executable]
    bare = _wall([*python, "-c", "pass"], repeat)
    version = _wall([*python, "-m", "kept.cli", "--version"], repeat)
    yield Figure(
        "kept --version (fresh process)",
        "s",
        kept=version.median,
        baseline=bare.median,
        target=START_TARGET_S,
        note=f"baseline: python -c pass; best {version.best * 1000:.0f} ms",
        details={"kept": version.summary(), "baseline": bare.summary()},
    )
    with ctx.database("postgres") as url, tempfile.TemporaryDirectory() as folder:
        engine = sa.create_engine(url, poolclass=sa.NullPool)
        with engine.begin() as conn:
            conn.exec_driver_sql((PEER / "fides" / "postgres_sample.sql").read_text("utf-8"))
        engine.dispose()
        env = {**os.environ, "KEPT_PEER_DB_URL": url}
        command = [
            *python,
            "-m",
            "kept.cli",
            "request",
            "access",
            "-m",
            str(PEER / "kept.yaml"),
            "-i",
            "email=jane@example.com",
            "--database",
            f"sqlite:///{folder}/kept.db",
            "--out",
            folder,
        ]
        access = _wall(command, repeat, env)
    yield Figure(
        "kept request access, peer sample (fresh process)",
        "s",
        kept=access.median,
        baseline=bare.median,
        note=f"baseline: python -c pass; best {access.best * 1000:.0f} ms",
        details={"kept": access.summary(), "baseline": bare.summary()},
    )
