"""The retention benchmark runs end to end at a tiny size (the figures live in bench/)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def test_quick_retention_benchmark_runs(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--only", "retention.sqlite", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=Path(__file__).parents[1],
    )
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    figures = {f["name"]: f for f in report["figures"]}
    assert figures["delete 1,000 of 10,000 rows"]["details"]["expired"] == 1_000
    assert figures["longest lock, 1,000 of 10,000 rows"]["meets_target"]
