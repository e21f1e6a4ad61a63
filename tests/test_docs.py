"""Documentation that cannot drift from the code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kept.check import CODES, default_severity
from kept.cli import _register, app
from kept.manifest import load_manifest

ROOT = Path(__file__).parents[1]
DOCS = ROOT / "docs"


def yaml_blocks(path: Path) -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", path.read_text(encoding="utf-8"), re.S)


def test_annotated_manifest_example_loads(tmp_path: Path) -> None:
    (block,) = yaml_blocks(DOCS / "manifest.md")
    path = tmp_path / "kept.yaml"
    path.write_text(block, encoding="utf-8")
    manifest = load_manifest(path).manifest
    assert manifest.organization is not None
    assert manifest.organization.response_deadline_days == 30
    keys = {
        f.erase.action.value for c in manifest.dataset[0].collections for f in c.fields if f.erase
    }
    assert keys == {"hmac", "nullify", "fixed", "delete_row"}


def test_every_finding_code_is_documented() -> None:
    text = (DOCS / "check.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([a-z-]+)` \|", text, re.M))
    assert documented == set(CODES)


def test_every_finding_code_has_its_severity_documented() -> None:
    text = (DOCS / "check.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `([a-z-]+)` \| (error|warning|note) \|", text, re.M))
    assert rows == {code: default_severity(code).value for code in CODES}


def commands() -> list[list[str]]:
    _register()
    import typer.main

    group = typer.main.get_command(app)
    found: list[list[str]] = []

    def walk(cmd: object, prefix: list[str]) -> None:
        subs = getattr(cmd, "commands", None)
        if subs:
            for name, sub in subs.items():
                walk(sub, [*prefix, name])
        else:
            found.append(prefix)

    walk(group, [])
    return found


@pytest.mark.parametrize("command", commands(), ids=lambda c: " ".join(c))
def test_every_command_has_help_and_is_documented(command: list[str]) -> None:
    result = CliRunner().invoke(app, [*command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output
    docs = "\n".join(
        p.read_text(encoding="utf-8") for p in [ROOT / "README.md", *DOCS.glob("*.md")]
    )
    assert f"kept {' '.join(command)}" in docs, f"`kept {' '.join(command)}` is not documented"
