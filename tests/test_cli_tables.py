"""The CLI's tables keep the ids the next command needs whole, however narrow the terminal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kept.cli import app
from kept.cli._common import out
from kept.examples import create_example


def _register() -> None:
    import kept.cli.apikey
    import kept.cli.retention  # noqa: F401


@pytest.fixture
def narrow(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(out, "width", 60)


@pytest.mark.usefixtures("narrow")
def test_apikey_and_hold_ids_are_never_cut(tmp_path: Path) -> None:
    _register()
    manifest = create_example("vivi", tmp_path / "vivi", people=5).manifest
    common = ["-m", str(manifest), "--database", f"sqlite:///{tmp_path / 'kept.db'}"]
    runner = CliRunner()
    name = "a key with a name far longer than the narrow terminal can show on one line"
    created = runner.invoke(
        app, ["apikey", "create", "--name", name, "--role", "privacy_officer", "--json", *common]
    )
    assert created.exit_code == 0, created.output
    key_id = json.loads(created.output)["id"]
    listed = runner.invoke(app, ["apikey", "list", *common])
    assert listed.exit_code == 0, listed.output
    assert key_id in listed.output

    reason = "litigation case 2026-117, opened by the legal department for the whole group"
    place = ["retention", "hold", "place", "--reason", reason, "-i", "email=a@example.com"]
    placed = runner.invoke(app, [*place, "--json", *common])
    assert placed.exit_code == 0, placed.output
    hold_id = json.loads(placed.output)["id"]
    holds = runner.invoke(app, ["retention", "hold", "list", *common])
    assert holds.exit_code == 0, holds.output
    assert hold_id in holds.output
