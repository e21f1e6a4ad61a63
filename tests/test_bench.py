"""The benchmark runner works end to end (small sizes; the figures themselves live in bench/)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def test_quick_benchmarks_run(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--only", "synth.sqlite", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=Path(__file__).parents[1],
    )
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["benchmarks"], report


@pytest.mark.postgres
def test_quick_rights_benchmarks_run(tmp_path: Path, postgres_url: str) -> None:
    """The rights benchmarks at small sizes; ``postgres_url`` only proves the server is up.
    The server URL carries a password (the test server trusts every local connection, so any
    will do): the benchmarks must take it from the URL, with no KEPT_STORE_PASSWORD set."""
    out = tmp_path / "results.json"
    server = "postgresql+psycopg://postgres:from-the-url@127.0.0.1:5432/postgres"
    env = {k: v for k, v in os.environ.items() if k != "KEPT_STORE_PASSWORD"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench",
            "--quick",
            "--only",
            "rights",
            "--out",
            str(out),
            "--postgres",
            server,
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        cwd=Path(__file__).parents[1],
    )
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    statuses = {b["name"]: b["status"] for b in report["benchmarks"]}
    assert statuses == {
        "rights.access_export": "ok",
        "rights.access_peer": "ok",
        "rights.erase_batch": "ok",
        "rights.erase_one": "ok",
        "rights.erase_peer": "ok",
    }, report["benchmarks"]


@pytest.mark.postgres
def test_quick_identity_benchmark_runs(tmp_path: Path, postgres_url: str) -> None:
    """Normalised beside exact matching at a small size: both find the same rows."""
    out = tmp_path / "results.json"
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--only", "identity", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=Path(__file__).parents[1],
    )
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    statuses = {b["name"]: b["status"] for b in report["benchmarks"]}
    assert statuses == {"identity.access_match": "ok"}, report["benchmarks"]


@pytest.mark.slow
def test_quick_records_benchmarks_run(tmp_path: Path, postgres_url: str) -> None:
    """The records benchmarks at small sizes: Kept's breach people match the hand query."""
    out = tmp_path / "results.json"
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--only", "records", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=Path(__file__).parents[1],
    )
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    statuses = {b["name"]: b["status"] for b in report["benchmarks"]}
    assert statuses == {"records.breach_people": "ok", "records.change_notify": "ok"}
