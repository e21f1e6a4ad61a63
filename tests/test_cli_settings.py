"""Settings the CLI takes from the environment: an option on the command line wins."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from kept.cli import app
from kept.examples import create_example


def test_kept_manifest_names_the_manifest(tmp_path: Path) -> None:
    import kept.cli.check  # noqa: F401  (registers the command)

    manifest = create_example("vivi", tmp_path / "vivi", people=5).manifest
    runner = CliRunner()
    found = runner.invoke(app, ["check", "--json"], env={"KEPT_MANIFEST": str(manifest)})
    assert found.exit_code == 0, found.output
    explicit = runner.invoke(app, ["check", "--json", "-m", str(manifest)])
    assert found.output == explicit.output
    missing = tmp_path / "nowhere.yaml"
    overridden = runner.invoke(
        app, ["check", "-m", str(missing)], env={"KEPT_MANIFEST": str(manifest)}
    )
    assert overridden.exit_code == 2
    assert "nowhere.yaml" in overridden.output
