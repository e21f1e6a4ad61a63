"""De-identified exports (VCP-43, VCP-48): vCloudPoint's bug reports carry no identity value,
and a column declared anonymised that starts receiving one is reported by ``kept check``."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from kept.check import run_check
from kept.cli import app
from kept.deidentify import DeidentifyError, export_deidentified
from kept.examples import create_example
from kept.execution.session import open_engines
from kept.manifest import load_manifest

SECRET = b"k" * 32


@pytest.fixture(params=["sqlite", "postgres"])
def vcp(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, str]:
    url = None if request.param == "sqlite" else request.getfixturevalue("postgres_url")
    info = create_example("vcloudpoint", tmp_path / "vcp", url=url, people=40)
    return info.manifest, url or f"sqlite:///{tmp_path / 'vcp' / 'vcloudpoint.sqlite'}"


def identity_values(url: str) -> set[str]:
    """Every identity value of the sample, by hand: e-mails and phones of every table."""
    engine = sa.create_engine(url, poolclass=sa.NullPool)
    queries = [
        "SELECT email FROM accounts",
        "SELECT phone FROM accounts WHERE phone IS NOT NULL",
    ]
    with engine.connect() as conn:
        found = {str(v) for q in queries for v in conn.execute(sa.text(q)).scalars()}
    engine.dispose()
    return found


def test_bug_reports_hold_no_identity_value(vcp: tuple[Path, str], tmp_path: Path) -> None:
    manifest, url = vcp
    loaded = load_manifest(manifest)
    out = tmp_path / "bugs.csv"
    with open_engines(loaded) as engines:
        result = export_deidentified(
            loaded, "vcloudpoint.support_tickets", out, engines=engines, secret=SECRET
        )
        again = export_deidentified(
            loaded,
            "vcloudpoint.support_tickets",
            tmp_path / "b2.csv",
            engines=engines,
            secret=SECRET,
        )
    text = out.read_text(encoding="utf-8")
    assert result.rows > 10 and result.identities_checked >= 40
    assert not [v for v in identity_values(url) if v in text or v.lower() in text.lower()]
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert set(rows[0]) == {
        "id",
        "channel",
        "product_model",
        "technical_details",
        "status",
        "escalated_to",
        "opened_at",
        "resolved_at",
    }  # account_id, device_id, subject and description are removed
    assert all(len(r["opened_at"]) == 7 for r in rows)  # generalised to the month
    assert all(len(r["id"]) == 20 and not r["id"].isdigit() for r in rows)  # pseudonymised
    assert out.read_bytes() == (tmp_path / "b2.csv").read_bytes()  # pseudonyms are stable
    assert again.rows == result.rows


def test_an_identity_in_an_anonymised_column_is_caught(
    vcp: tuple[Path, str], tmp_path: Path
) -> None:
    manifest, url = vcp
    engine = sa.create_engine(url, poolclass=sa.NullPool)
    with engine.begin() as conn:
        email = conn.execute(sa.text("SELECT email FROM accounts ORDER BY id LIMIT 1")).scalar_one()
        conn.execute(
            sa.text(
                "UPDATE support_tickets SET technical_details = :t "
                "WHERE id = (SELECT MIN(id) FROM support_tickets)"
            ),
            {"t": f"Reproduce: log in as {email.upper()}. Environment: N130."},
        )
    engine.dispose()
    loaded = load_manifest(manifest)
    out = tmp_path / "bugs.csv"
    with open_engines(loaded) as engines, pytest.raises(DeidentifyError) as caught:
        export_deidentified(
            loaded, "vcloudpoint.support_tickets", out, engines=engines, secret=SECRET
        )
    assert "technical_details (1 rows)" in str(caught.value)
    assert email not in str(caught.value).lower() and not out.exists()
    report = run_check(loaded)
    found = [f for f in report.findings if f.code == "anonymised-holds-personal-data"]
    assert [f.target for f in found] == ["vcloudpoint.support_tickets.technical_details"]
    assert email not in found[0].message


def test_cli_export_and_an_undeclared_collection(tmp_path: Path) -> None:
    import kept.cli.export  # noqa: F401

    manifest = create_example("vcloudpoint", tmp_path / "vcp", people=10).manifest
    common = ["-m", str(manifest), "--database", f"sqlite:///{tmp_path / 'kept.db'}"]
    runner = CliRunner()
    out = tmp_path / "bugs.jsonl"
    export = ["export", "deidentified", "--collection", "vcloudpoint.support_tickets"]
    made = runner.invoke(app, [*export, "--out", str(out), "--format", "jsonl", "--json", *common])
    assert made.exit_code == 0, made.output
    assert json.loads(made.output)["rows"] == len(out.read_text().splitlines())
    missing = runner.invoke(
        app, ["export", "deidentified", "--collection", "vcloudpoint.accounts", *common]
    )
    assert missing.exit_code == 1
    assert "has no deidentify: block" in missing.output
