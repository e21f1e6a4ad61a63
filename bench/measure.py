"""Timing and memory helpers for benchmarks.

- :func:`timeit` runs a call several times (after an untimed ``setup`` each time) and keeps
  every duration: use ``.best`` for steady-state speed, ``.median`` for the typical run.
- :func:`once` times a single call and returns its result.
- :func:`traced_peak` is the peak of Python allocations (``tracemalloc``) during a call: cheap,
  in-process, but blind to memory held by C libraries and database drivers.
- :func:`isolated` runs ``module:function`` in a fresh interpreter and reports its peak
  resident memory (``getrusage`` max RSS), everything included: use it for claims such as
  "an export of 1,000,000 rows in under 200 MB".
"""

from __future__ import annotations

import importlib
import json
import os
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

__all__ = ["Isolated", "Timing", "isolated", "maxrss_bytes", "once", "timeit", "traced_peak"]

T = TypeVar("T")


@dataclass(frozen=True)
class Timing:
    """Durations of repeated runs, in seconds."""

    runs: tuple[float, ...]

    @property
    def best(self) -> float:
        return min(self.runs)

    @property
    def median(self) -> float:
        return statistics.median(self.runs)

    @property
    def mean(self) -> float:
        return statistics.fmean(self.runs)

    def summary(self) -> dict[str, Any]:
        return {"best": self.best, "median": self.median, "runs": list(self.runs)}


def timeit(
    fn: Callable[[], object],
    *,
    repeat: int = 5,
    warmup: int = 1,
    setup: Callable[[], object] | None = None,
) -> Timing:
    """Time ``fn`` ``repeat`` times after ``warmup`` untimed runs; ``setup`` runs, untimed,
    before every run (to restore the rows a destructive benchmark changed)."""
    if repeat < 1:
        raise ValueError("repeat must be at least 1")
    runs: list[float] = []
    for i in range(warmup + repeat):
        if setup is not None:
            setup()
        start = time.perf_counter()
        fn()
        elapsed = time.perf_counter() - start
        if i >= warmup:
            runs.append(elapsed)
    return Timing(tuple(runs))


def once(fn: Callable[[], T]) -> tuple[T, float]:
    """``fn()`` and the seconds it took."""
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def traced_peak(fn: Callable[[], T]) -> tuple[T, int]:
    """``fn()`` and the peak bytes of Python allocations made during it."""
    was_tracing = tracemalloc.is_tracing()
    if not was_tracing:
        tracemalloc.start()
    tracemalloc.reset_peak()
    base = tracemalloc.get_traced_memory()[0]
    try:
        result = fn()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        if not was_tracing:
            tracemalloc.stop()
    return result, max(0, peak - base)


def maxrss_bytes() -> int:
    """This process's peak resident memory so far, in bytes."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(peak if sys.platform == "darwin" else peak * 1024)  # Linux reports KiB


@dataclass(frozen=True)
class Isolated:
    """What a call in a fresh interpreter returned and cost."""

    result: Any
    seconds: float
    peak_rss: int
    """Peak resident memory of the child process, bytes (interpreter and imports included)."""
    baseline_rss: int
    """Peak resident memory after importing the target, before calling it, bytes."""

    @property
    def growth(self) -> int:
        """Memory the call itself added on top of the imports, bytes."""
        return max(0, self.peak_rss - self.baseline_rss)


def isolated(
    target: str, *args: Any, timeout: float | None = None, python: str | None = None
) -> Isolated:
    """Call ``target`` (``"package.module:function"``) with JSON-able ``args`` in a new Python
    process and return its JSON-able result with its time and peak memory."""
    command = [python or sys.executable, "-m", "bench.measure", target, json.dumps(list(args))]
    root = str(Path(__file__).resolve().parent.parent)  # so ``bench`` imports from anywhere
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")])),
    }
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=timeout, check=False, env=env
    )
    if done.returncode != 0:
        raise RuntimeError(f"{target} failed in its subprocess:\n{done.stderr.strip()}")
    report = json.loads(done.stdout.strip().splitlines()[-1])
    return Isolated(
        result=report["result"],
        seconds=report["seconds"],
        peak_rss=report["peak_rss"],
        baseline_rss=report["baseline_rss"],
    )


def _child(argv: Sequence[str]) -> int:
    """The subprocess side of :func:`isolated`: its report is the last line of stdout."""
    target, raw = argv
    module_name, _, function_name = target.partition(":")
    function = getattr(importlib.import_module(module_name), function_name)
    args = json.loads(raw)
    baseline = maxrss_bytes()
    result, seconds = once(lambda: function(*args))
    report = {
        "result": result,
        "seconds": seconds,
        "peak_rss": maxrss_bytes(),
        "baseline_rss": baseline,
    }
    print(json.dumps(report, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(_child(sys.argv[1:]))
