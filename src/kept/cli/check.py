"""``kept check``: hold the manifest against itself, the law and the live databases."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer
from rich.markup import escape

from kept.check import Report, Severity, run_check
from kept.cli import app
from kept.cli._common import (
    DatabaseOption,
    ManifestOption,
    control_engine,
    err,
    fail,
    open_manifest,
    out,
    print_json,
)
from kept.errors import KeptError

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
    data: bool = typer.Option(
        False, "--data", help="Also run the row-level promises of data_checks: on the rows."
    ),
    data_check: list[str] = typer.Option(
        [], "--data-check", metavar="NAME", help="Run only this data check (implies --data)."
    ),
    record: bool = typer.Option(
        False, "--record", help="With --data: write the run's counts to the audit log."
    ),
    database: str | None = DatabaseOption,
    fail_on: FailOn = typer.Option(
        FailOn.ERROR,
        "--fail-on",
        case_sensitive=False,
        help="The lowest severity that fails the check (notes never do).",
    ),
) -> None:
    """Validate the manifest and hold it against every store.

    With --data, also run its data checks: one read-only query each, counting the rows that
    break the promise and showing a few of their primary keys (never other values).
    Exit code 0 when no finding is at or above --fail-on (default: error), 1 when one is,
    2 when the manifest cannot be read.
    """
    loaded = open_manifest(manifest, as_json=as_json)

    def progress(store: str) -> None:
        if not as_json:
            err.print(f"[dim]checking store {escape(store)}…[/]")

    try:
        report = run_check(
            loaded,
            sample_size=sample,
            on_store=progress,
            data=data or bool(data_check),
            data_checks=data_check,
            fail_on=Severity(fail_on.value),
        )
    except KeptError as exc:
        fail(exc, as_json=as_json)
    if record and report.data_checks is not None:
        from kept.check.data import DataCheckRun
        from kept.check.schedule import record_data_checks

        with control_engine(loaded, database, as_json) as control:
            record_data_checks(control, loaded, DataCheckRun(report.data_checks), actor="cli:check")
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
    for result in report.data_checks or []:
        if result.error is not None:
            state = "[red]could not run[/]"
        elif result.rows:
            state = f"[red]{result.rows} row(s) break it[/]"
        else:
            state = "[green]kept[/]"
        where = escape(result.collection or f"store {result.store}")
        out.print(
            f"data check [bold]{escape(result.name)}[/] on {where}: {state} "
            f"[dim]({result.seconds * 1000:.0f} ms)[/]"
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
