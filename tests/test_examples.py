"""Every example passes `kept check`; breaking a promise in one makes it fail, by name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from kept.check import run_check
from kept.cli import _register, app
from kept.examples import EXAMPLES, create_example
from kept.manifest import load_manifest


def check_json(manifest: Path) -> tuple[int, dict[str, object]]:
    _register()
    result = CliRunner().invoke(app, ["check", "-m", str(manifest), "--json"])
    return result.exit_code, json.loads(result.output)


@pytest.mark.parametrize("name", EXAMPLES)
def test_example_passes_check(name: str, tmp_path: Path) -> None:
    info = create_example(name, tmp_path / name, people=120)
    code, report = check_json(info.manifest)
    assert code == 0, report["findings"]
    assert report["severities"]["error"] == 0, report["findings"]
    assert not report["unused_waivers"]
    assert sum(info.rows.values()) >= 500


@pytest.mark.parametrize("name", EXAMPLES)
def test_example_cli_create(name: str, tmp_path: Path) -> None:
    _register()
    result = CliRunner().invoke(app, ["example", "create", name, str(tmp_path), "--people", "50"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "kept.yaml").exists()
    assert (tmp_path / f"{name}.sqlite").exists()


def test_example_create_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    _register()
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(app, ["example", "create", "vivi", str(tmp_path)])
    assert result.exit_code == 2
    assert "is not empty" in result.output
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert not (tmp_path / "kept.yaml").exists()
    forced = ["example", "create", "vivi", str(tmp_path), "--people", "20", "--force"]
    result = CliRunner().invoke(app, forced)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "kept.yaml").exists()


def test_unknown_example_is_a_clean_error(tmp_path: Path) -> None:
    _register()
    result = CliRunner().invoke(app, ["example", "create", "acme", str(tmp_path)])
    assert result.exit_code == 2
    assert "unknown example 'acme'" in result.output


def first_personal_table(manifest: Path) -> str:
    loaded = load_manifest(manifest)
    for dataset in loaded.manifest.dataset:
        for coll in dataset.collections:
            if any(f.is_identity for f in coll.fields):
                return coll.name
    raise AssertionError("no table with an identity")


@pytest.mark.parametrize("name", EXAMPLES)
def test_undeclared_home_phone_fails_naming_table_and_column(name: str, tmp_path: Path) -> None:
    info = create_example(name, tmp_path, people=60)
    table = first_personal_table(info.manifest)
    engine = sa.create_engine(f"sqlite:///{tmp_path / f'{name}.sqlite'}")
    with engine.begin() as conn:
        conn.exec_driver_sql(f'ALTER TABLE "{table}" ADD COLUMN hp VARCHAR(20)')
        conn.exec_driver_sql(f"UPDATE \"{table}\" SET hp = '+4799' || printf('%06d', rowid)")
        conn.exec_driver_sql(f'ALTER TABLE "{table}" ADD COLUMN home_phone VARCHAR(20)')
    engine.dispose()
    report = run_check(load_manifest(info.manifest))
    found = {(f.code, f.table, f.column) for f in report.findings}
    assert ("undeclared-personal-data", table, "hp") in found  # recognised by its values
    assert ("undeclared-personal-data", table, "home_phone") in found  # by its name
    assert report.exit_code == 1


def test_password_column_breaks_smartspace_promise(tmp_path: Path) -> None:
    info = create_example("smartspace", tmp_path, people=60)
    table = first_personal_table(info.manifest)
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'smartspace.sqlite'}")
    with engine.begin() as conn:
        conn.exec_driver_sql(f'ALTER TABLE "{table}" ADD COLUMN password_hash VARCHAR(100)')
    engine.dispose()
    code, report = check_json(info.manifest)
    assert code == 1
    findings = report["findings"]
    assert isinstance(findings, list)
    assert [(f["code"], f["table"], f["column"]) for f in findings] == [
        ("prohibited-category", table, "password_hash")
    ]


@pytest.mark.postgres
@pytest.mark.parametrize("name", ["vcloudpoint", "smartspace"])
def test_example_in_postgres_passes_check(name: str, postgres_url: str, tmp_path: Path) -> None:
    info = create_example(name, tmp_path, url=postgres_url, people=80)
    code, report = check_json(info.manifest)
    assert code == 0, report["findings"]


@pytest.mark.mariadb
@pytest.mark.parametrize("name", ["vivibit", "vibbio", "vivi"])
def test_example_in_mariadb_passes_check(name: str, mariadb_url: str, tmp_path: Path) -> None:
    info = create_example(name, tmp_path, url=mariadb_url, people=80)
    code, report = check_json(info.manifest)
    assert code == 0, report["findings"]
