"""The consent benchmarks run end to end at their quick sizes (the figures live in bench/)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def test_consent_benchmarks_run(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--only", "consent", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=Path(__file__).parents[1],
    )
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert {b["name"]: b["status"] for b in report["benchmarks"]} == {
        "consent.decisions": "ok",
        "consent.http": "ok",
    }
    units = {f["unit"] for f in report["figures"]}
    assert {"decisions/s", "req/s", "ms"} <= units
