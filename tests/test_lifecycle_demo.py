"""``make demo`` runs the service: serve, submit through the API, code from the outbox, verify,
completion by the in-process worker, export download (here without waiting for Ctrl-C)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.slow
def test_demo_runs_a_request_through_the_service(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kept.demo", str(tmp_path), "--no-wait"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Completed by the in-process worker" in result.stdout
    assert "chain intact" in result.stdout
    assert re.search(
        r"Privacy center \(for the people\): http://127\.0\.0\.1:\d+/privacy", result.stdout
    )
    assert re.search(
        r"Console .*/console — sign in with the privacy officer's key kept_", result.stdout
    )
    exports = list((tmp_path / "vcloudpoint" / "exports").glob("req_*.zip"))
    assert len(exports) == 1 and exports[0].read_bytes()[:2] == b"PK"
    assert list((tmp_path / "vcloudpoint" / "outbox").glob("*.eml"))
