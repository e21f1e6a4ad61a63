"""The service benchmark runs end to end at its quick size (the figures live in bench/)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.slow
def test_service_benchmark_runs(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--only", "service.sqlite", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=Path(__file__).parents[1],
    )
    assert result.returncode == 0, result.stdout + result.stderr
    figures = json.loads(out.read_text(encoding="utf-8"))["figures"]
    names = [f["name"] for f in figures]
    assert names == [
        "submitted (sqlite control)",
        "completed, 1 worker (sqlite control)",
        "completed, 2 workers (sqlite control)",
    ]
    assert all(f["kept"] > 0 and f["baseline"] > 0 for f in figures)
