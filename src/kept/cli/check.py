"""``kept check``: hold the manifest against itself, the law and the live databases."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape

from kept.check import Report, run_check
from kept.cli import app
from kept.cli._common import ManifestOption, err, open_manifest, out, print_json

__all__ = ["check"]


@app.command()
def check(
    manifest: Path = ManifestOption,
    as_json: bool = typer.Option(False, "--json", help="Print a stable JSON report."),
    sample: int = typer.Option(
        100, "--sample", min=0, help="Values sampled per undeclared column (0: names only)."
    ),
    paths: bool = typer.Option(
        False, "--paths", help="Also print, per collection, the ways a person is reached."
    ),
) -> None:
    """Validate the manifest and hold it against every store.

    Exit code 0 when clean, 1 with findings, 2 when the manifest cannot be read.
    """
    loaded = open_manifest(manifest, as_json=as_json)

    def progress(store: str) -> None:
        if not as_json:
            err.print(f"[dim]checking store {escape(store)}…[/]")

    report = run_check(loaded, sample_size=sample, on_store=progress)
    if as_json:
        print_json(report.as_dict())
    else:
        if paths:
            _print_paths(report)
        _print(report)
    raise typer.Exit(report.exit_code)


def _print_paths(report: Report) -> None:
    for collection, ways in report.paths.items():
        out.print(f"[bold]{escape(collection)}[/] reached by:")
        for way in ways:
            out.print(f"  - {escape(way)}")


def _print(report: Report) -> None:
    for store in report.stores:
        state = "ok" if store.reachable else "[red]unreachable[/]"
        out.print(
            f"store [bold]{escape(store.name)}[/] ({store.dialect or '?'}): {store.tables} "
            f"tables, {store.columns_sampled} undeclared columns sampled, {state}"
        )
    for finding in report.findings:
        where = f"{finding.position}: " if finding.position else ""
        out.print(f"[red]✗[/] [bold]{finding.code}[/] {escape(where + finding.message)}")
    for finding, waiver in report.waived:
        out.print(
            f"[yellow]~[/] [dim]{finding.code} {escape(finding.target)} waived: "
            f"{escape(waiver.reason)}[/]"
        )
    for waiver in report.unused_waivers:
        out.print(
            f"[yellow]![/] waiver of {escape(waiver.code)} for {escape(waiver.target)} matches "
            "no finding; remove it"
        )
    for note in report.notes:
        out.print(f"[blue]i[/] [dim]{escape(note.message)}[/]")
    if report.ok:
        out.print(f"[green]✓ {escape(report.manifest)}: no findings[/]")
    else:
        n = len(report.findings)
        out.print(f"[red]{n} finding{'s' if n != 1 else ''} in {escape(report.manifest)}[/]")
