"""``kept check``: hold the manifest against itself, the law and the live databases."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer
from rich.markup import escape

from kept.check import Report, Severity, run_check
from kept.cli import app
from kept.cli._common import ManifestOption, err, open_manifest, out, print_json

__all__ = ["check"]


class FailOn(StrEnum):
    WARNING = "warning"
    ERROR = "error"


_MARKS = {
    Severity.ERROR: "[red]✗ error  [/]",
    Severity.WARNING: "[yellow]! warning[/]",
    Severity.NOTE: "[blue]i note   [/]",
}


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
    fail_on: FailOn = typer.Option(
        FailOn.ERROR,
        "--fail-on",
        case_sensitive=False,
        help="The lowest severity that fails the check (notes never do).",
    ),
) -> None:
    """Validate the manifest and hold it against every store.

    Exit code 0 when no finding is at or above --fail-on (default: error), 1 when one is,
    2 when the manifest cannot be read.
    """
    loaded = open_manifest(manifest, as_json=as_json)

    def progress(store: str) -> None:
        if not as_json:
            err.print(f"[dim]checking store {escape(store)}…[/]")

    report = run_check(
        loaded, sample_size=sample, on_store=progress, fail_on=Severity(fail_on.value)
    )
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
    for finding in report.by_severity():
        where = f"{finding.position}: " if finding.position else ""
        out.print(
            f"{_MARKS[finding.level]} [bold]{finding.code}[/] {escape(where + finding.message)}"
        )
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
    counts = report.severities()
    tally = ", ".join(f"{n} {level}{'s' if n != 1 else ''}" for level, n in counts.items() if n)
    if not report.findings:
        out.print(f"[green]✓ {escape(report.manifest)}: no findings[/]")
    elif report.ok:
        out.print(
            f"[green]✓ {escape(report.manifest)}: nothing at or above {report.fail_on.value}[/] "
            f"({tally})"
        )
    else:
        out.print(
            f"[red]{tally} in {escape(report.manifest)}; failing at {report.fail_on.value} "
            "(--fail-on)[/]"
        )
