"""The web benchmarks run end to end at small sizes (the figures themselves live in bench/)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.slow
def test_quick_web_benchmarks_run(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--only", "web", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=Path(__file__).parents[1],
    )
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    statuses = {b["name"]: b["status"] for b in report["benchmarks"]}
    assert statuses == {"web.pages": "ok", "web.queue": "ok"}, statuses
    names = {f["name"] for f in report["figures"]}
    assert any(n.startswith("console queue p99") for n in names), names
