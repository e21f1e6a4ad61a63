"""The scan benchmarks run at small sizes (figures are in bench/, never asserted here)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.postgres
@pytest.mark.slow
def test_quick_scan_benchmarks_run(tmp_path: Path, postgres_url: str) -> None:
    """``postgres_url`` only proves the server is up; the benchmark makes its own database."""
    out = tmp_path / "results.json"
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--only", "scan", "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    results = json.loads(out.read_text(encoding="utf-8"))
    names = {f["benchmark"] for f in results["figures"]}
    assert names == {"scan.classify", "scan.postgres"}
