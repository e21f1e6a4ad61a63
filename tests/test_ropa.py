"""The record of processing activities (Art. 30) from the manifest and its stores."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from kept.cli import _register, app
from kept.examples import EXAMPLES
from kept.manifest import load_manifest
from kept.ropa import CONTROLLER_COLUMNS, controller_records, processor_records, write_csv


def manifest_of(name: str) -> Path:
    return Path(__file__).parents[1] / "src" / "kept" / "examples" / name / "kept.yaml"


@pytest.mark.parametrize("name", EXAMPLES)
def test_one_row_per_purpose_category_recipient(name: str) -> None:
    m = load_manifest(manifest_of(name)).manifest
    rows = controller_records(m)
    keys = [(r["purpose"], r["data_category"], r["recipient"]) for r in rows]
    assert len(keys) == len(set(keys))
    # Every purpose × category of the manifest is there, at least once.
    assert {(p.key, c) for p in m.purposes for c in p.data_categories} == {
        (r["purpose"], r["data_category"]) for r in rows
    }
    for r in rows:
        assert r["controller"] and r["purpose_name"] and r["legal_basis"]
        assert list(r) == list(CONTROLLER_COLUMNS)


def test_vivibit_rows_name_recipients_transfers_and_stores() -> None:
    m = load_manifest(manifest_of("vivibit")).manifest
    rows = controller_records(m)
    row = next(
        r
        for r in rows
        if r["purpose"] == "marketing_email"
        and r["data_category"] == "user.contact.email"
        and r["recipient"] == "Marketing and e-mail service providers"
    )
    assert row["recipient_role"] == "processor"
    assert row["third_country_transfer"] == "yes: US"
    assert row["transfer_safeguard"] == "scc"
    assert row["erasure_time_limit"] == "Until the person unsubscribes (§13)."
    assert "vivibit_db/vivibit.marketing_preferences" in row["held_in"].split("; ")
    # The advertising partner never receives e-mail addresses.
    assert not [
        r
        for r in rows
        if r["recipient"] == "Advertising partners (ad pixels)"
        and r["data_category"] == "user.contact.email"
    ]
    processors = processor_records(m)
    assert {r["processor"] for r in processors} == {
        r.name for r in m.recipients if r.role.value in ("processor", "subprocessor")
    }


def test_csv_neutralises_formulas(tmp_path: Path) -> None:
    path = tmp_path / "kept.yaml"
    path.write_text(
        """
kept: 1
organization: {name: "=HYPERLINK(1)", jurisdictions: [eu]}
purposes:
  - {key: a, name: A, data_use: essential.service, legal_basis: contract,
     data_categories: [user.name]}
""",
        encoding="utf-8",
    )
    buf = io.StringIO()
    assert write_csv(load_manifest(path).manifest, buf) == 1
    (row,) = csv.DictReader(io.StringIO(buf.getvalue()))
    assert row["controller"] == "'=HYPERLINK(1)"
    assert row["recipient"] == ""


def test_cli_ropa_formats(tmp_path: Path) -> None:
    _register()
    runner = CliRunner()
    m = str(manifest_of("smartspace"))
    result = runner.invoke(app, ["ropa", "-m", m])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and rows[0]["controller"] == "VividTech AS"
    result = runner.invoke(app, ["ropa", "-m", m, "--record", "processor"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("processor,processor_role,controller")
    out = tmp_path / "ropa.xlsx"
    result = runner.invoke(app, ["ropa", "-m", m, "--format", "xlsx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    book = load_workbook(out, read_only=True)
    assert book.sheetnames == ["Art. 30(1) controller", "Art. 30(2) processors"]
    sheet = book["Art. 30(1) controller"]
    values = list(sheet.values)
    assert values[0] == CONTROLLER_COLUMNS
    assert len(values) == len(rows) + 1
    result = runner.invoke(app, ["ropa", "-m", m, "--format", "html"])
    assert result.exit_code == 0
    assert '<table id="controller">' in result.stdout and '<table id="processor">' in result.stdout
    result = runner.invoke(app, ["ropa", "-m", m, "--format", "pdf"])
    assert result.exit_code == 2
    assert "unknown ROPA format 'pdf'" in result.output
