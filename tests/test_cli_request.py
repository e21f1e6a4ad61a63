"""``kept request``: every sub-command end to end on the vCloudPoint example, through the CLI."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from kept.cli import _register, app
from kept.examples import create_example


@pytest.fixture
def example(tmp_path: Path) -> tuple[Path, str, list[str]]:
    info = create_example("vcloudpoint", tmp_path / "vcp", people=40)
    url = f"sqlite:///{tmp_path / 'vcp' / 'vcloudpoint.sqlite'}"
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        emails = [r[0] for r in conn.exec_driver_sql("SELECT email FROM accounts ORDER BY id")]
    engine.dispose()
    return info.manifest, url, emails


def run(*args: str) -> tuple[int, str]:
    _register()
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


def count(url: str, sql: str) -> int:
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        value = int(conn.exec_driver_sql(sql).scalar_one())
    engine.dispose()
    return value


def test_access_writes_the_export(example: tuple[Path, str, list[str]], tmp_path: Path) -> None:
    manifest, _, emails = example
    code, output = run(
        "request", "access", "-m", str(manifest), "-i", f"email={emails[0]}", "--out",
        str(tmp_path / "out"), "--json",
    )  # fmt: skip
    assert code == 0, output
    payload = json.loads(output)
    assert payload["rows"]["vcloudpoint.accounts"] == 1
    with zipfile.ZipFile(payload["export"]) as archive:
        assert "summary.html" in archive.namelist()


def test_erase_dry_run_then_plan_then_erase(example: tuple[Path, str, list[str]]) -> None:
    manifest, url, emails = example
    who = f"email={emails[1]}"
    code, output = run("request", "erase", "-m", str(manifest), "-i", who, "--dry-run", "--json")
    assert code == 0, output
    plan = json.loads(output)["plan_hash"]
    assert count(url, f"SELECT count(*) FROM accounts WHERE email = '{emails[1]}'") == 1
    code, output = run("request", "erase", "-m", str(manifest), "-i", who, "--plan", "0" * 24)
    assert code == 2 and "changed since plan" in output
    code, output = run("request", "erase", "-m", str(manifest), "-i", who, "--plan", plan)
    assert code == 0, output
    assert "verified" in output
    assert count(url, f"SELECT count(*) FROM accounts WHERE email = '{emails[1]}'") == 0


def test_batch_erases_everyone_in_the_file(
    example: tuple[Path, str, list[str]], tmp_path: Path
) -> None:
    manifest, url, emails = example
    batch = tmp_path / "batch.csv"
    batch.write_text("email\n" + "".join(f"{e}\n" for e in emails[:5]), encoding="utf-8")
    code, output = run("request", "batch", "-m", str(manifest), "--type", "erase", str(batch))
    assert code == 0, output
    assert count(url, "SELECT count(*) FROM accounts") == len(emails) - 5
    code, output = run("request", "batch", "-m", str(manifest), "--type", "access", str(batch))
    assert code == 2 and "not supported" in output
    bad = tmp_path / "bad.csv"
    bad.write_text("email\n\n,\n", encoding="utf-8")
    code, output = run("request", "batch", "-m", str(manifest), str(bad))
    assert code == 2 and "bad.csv:3: no identity on this line" in output


def test_rectify_restrict_and_lift(example: tuple[Path, str, list[str]]) -> None:
    manifest, url, emails = example
    who = f"email={emails[2]}"
    code, output = run(
        "request", "rectify", "-m", str(manifest), "-i", who,
        "--set", "vcloudpoint.accounts.city=Oslo",
    )  # fmt: skip
    assert code == 0, output
    assert "changed 1 row(s)" in output
    where = f"city = 'Oslo' AND email = '{emails[2]}'"
    assert count(url, f"SELECT count(*) FROM accounts WHERE {where}") == 1
    code, output = run(
        "request", "restrict", "-m", str(manifest), "-i", who, "--reason", "accuracy contested",
        "--json",
    )  # fmt: skip
    assert code == 0, output
    restriction = json.loads(output)
    assert sum(restriction["rows"].values()) >= 1
    code, output = run(
        "request", "lift", restriction["restriction_id"], "-m", str(manifest),
        "--reason", "corrected; told",
    )  # fmt: skip
    assert code == 0 and "lifted" in output


def test_bad_identity_exits_2(example: tuple[Path, str, list[str]]) -> None:
    manifest, _, _ = example
    code, output = run("request", "erase", "-m", str(manifest), "-i", "nonsense")
    assert code == 2 and "KIND=VALUE" in output
