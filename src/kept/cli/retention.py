"""``kept retention``: run the retention sweep, review the rules, place and release legal holds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn
from rich.table import Column, Table

from kept.cli import app
from kept.cli._common import (
    DatabaseOption,
    JsonOption,
    ManifestOption,
    err,
    fail,
    open_manifest,
    out,
    print_json,
)
from kept.cli._common import (
    control_engine as _control,
)
from kept.errors import KeptError
from kept.execution import parse_identity
from kept.execution.retention.holds import active_holds, place_hold, release_hold
from kept.retention.report import RetentionReport, record_review, retention_report
from kept.retention.sweep import RuleOutcome, SweepResult, run_sweep

__all__ = ["hold_app", "retention_app"]

retention_app = typer.Typer(help="Retention: sweep expired data, review the rules, legal holds.")
app.add_typer(retention_app, name="retention")
hold_app = typer.Typer(help="Legal holds: data no sweep or erasure may delete.")
retention_app.add_typer(hold_app, name="hold")

NowOption = typer.Option(
    None,
    "--now",
    help="Measure periods back from this UTC time (ISO 8601; default: the current time).",
)


def _parse_now(value: str | None, as_json: bool) -> dt.datetime | None:
    if value is None:
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        fail(KeptError(f"--now {value!r} is not an ISO 8601 time"), as_json=as_json)
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return moment


@retention_app.command("run")
def run(
    manifest: Path = ManifestOption,
    dry_run: bool = typer.Option(False, "--dry-run", help="Count expired rows; change nothing."),
    show_rows: int = typer.Option(0, "--show-rows", min=0, help="With --dry-run: rows to show."),
    rule: list[str] = typer.Option([], "--rule", help="Run only this rule; repeatable."),
    now: str | None = NowOption,
    database: str | None = DatabaseOption,
    as_json: bool = JsonOption,
) -> None:
    """Delete or anonymize what the retention rules say has expired, in short batches.

    Resumes an interrupted sweep; writes a receipt per rule to the audit log.
    """
    loaded = open_manifest(manifest, as_json=as_json)
    moment = _parse_now(now, as_json)
    with (
        _control(loaded, database, as_json) as control,
        Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=err,
            disable=as_json or dry_run,
            transient=False,
        ) as bar,
    ):
        tasks: dict[str, TaskID] = {}

        def progress(outcome: RuleOutcome, done: int, total: int) -> None:
            key = f"{outcome.rule} {outcome.collection}"
            if key not in tasks:
                tasks[key] = bar.add_task(escape(key), total=max(total, 1))
            bar.update(tasks[key], completed=done if total else 1, total=max(total, 1))

        try:
            result = run_sweep(
                loaded,
                control,
                now=moment,
                dry_run=dry_run,
                rules=rule,
                show_rows=show_rows,
                progress=progress,
            )
        except KeptError as exc:
            fail(exc, as_json=as_json, code=1)
    if as_json:
        payload = result.as_dict()
        if dry_run and show_rows:
            for entry, outcome in zip(payload["rules"], result.outcomes, strict=True):
                entry["sample"] = outcome.sample
        print_json(payload)
        return
    _print_sweep(result)


def _table(*columns: str) -> Table:
    """A table whose cells wrap instead of being cut short in a narrow terminal."""
    table = Table()
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def _print_sweep(result: SweepResult) -> None:
    marks = {"delete": "[red]-[/]", "anonymize": "[yellow]~[/]"}
    for o in result.outcomes:
        count = o.expired if result.dry_run else o.rows
        verb = {"delete": "delete", "anonymize": "anonymize"}[o.action]
        default = " (the default)" if o.tenant_cutoffs else ""
        line = f"{marks[o.action]} [bold]{escape(o.rule)}[/] {escape(o.collection)}: {verb} "
        if o.cutoff is None:  # a rule without a clock: its condition alone
            line += f"{count} row(s) where {escape(o.condition or '')}"
        else:
            when = o.cutoff[:16].replace("T", " ")
            line += f"{count} row(s) from before {when}{default}"
        if not result.dry_run:
            line += f"; {o.batches} batch(es), longest {o.max_batch_seconds * 1000:.0f} ms"
        if o.resumed:
            line += " (resumed)"
        out.print(line)
        if o.tenant_cutoffs:
            own = ", ".join(f"{k}: {v[:10]}" for k, v in sorted(o.tenant_cutoffs.items()))
            out.print(f"    [dim]tenants' own cut-offs: {escape(own)}[/]")
        for ground in o.held_by:
            out.print(f"    [blue]{o.held} row(s) kept:[/] {escape(ground)}")
        for row in o.sample:
            out.print(f"    [dim]{escape(str(row))}[/]")
    if result.dry_run:
        out.print("dry run: nothing changed")
    else:
        resumed = " (resumed)" if result.resumed else ""
        out.print(f"[green]✓ sweep {result.sweep_id}{resumed}: {result.rows} row(s)[/]")


@retention_app.command("report")
def report(
    manifest: Path = ManifestOption,
    strict: bool = typer.Option(
        False,
        "--strict",
        help=(
            "Exit 1 when a field has no rule (or rules for only some of its rows), or the "
            "review is overdue or was never dated."
        ),
    ),
    record: bool = typer.Option(
        False, "--record", help="Record the review and its findings in the audit log."
    ),
    database: str | None = DatabaseOption,
    as_json: bool = JsonOption,
) -> None:
    """Every personal-data field with its retention rule (or none), and the review date."""
    loaded = open_manifest(manifest, as_json=as_json)
    result = retention_report(loaded.manifest)
    if record:
        with _control(loaded, database, as_json) as control:
            record_review(control, loaded.manifest, result)
    if as_json:
        print_json(result.as_dict())
    else:
        _print_report(result)
    review = result.review
    gaps = result.gaps or result.row_gaps
    if strict and (gaps or review.overdue or review.last_reviewed is None):
        raise typer.Exit(1)


def _print_report(result: RetentionReport) -> None:
    table = _table("collection", "field", "rule")
    for f in result.fields:
        rule = escape(", ".join(f.rules)) if f.rules else "[red]none[/]"
        if f.uncovered is not None:
            rule += f" [yellow](none where {escape(f.uncovered)})[/]"
        table.add_row(escape(f.collection), escape(f.field), rule)
    out.print(table)
    for entry in result.rules:
        name, covers, does = (escape(str(entry[k])) for k in ("name", "covers", "does"))
        out.print(f"[bold]{name}[/] ({covers}): {does}")
    review = result.review
    if review.last_reviewed is None:
        out.print("[yellow]! no review date: set retention.last_reviewed[/]")
    elif review.overdue:
        out.print(
            f"[red]✗ review overdue: last reviewed {review.last_reviewed} ({review.source}), "
            f"every {review.every_months} months, due {review.due}[/]"
        )
    else:
        due = f", next due {review.due}" if review.due else " (no review cadence set)"
        out.print(f"last reviewed {review.last_reviewed} ({review.source}){due}")
    gaps = len(result.gaps)
    if gaps:
        out.print(f"[yellow]{gaps} personal-data field(s) have no retention rule[/]")
    if result.row_gaps:
        count = len(result.row_gaps)
        out.print(f"[yellow]{count} personal-data field(s) have rules for only some rows[/]")
    if not gaps and not result.row_gaps:
        out.print("[green]✓ every personal-data field has a retention rule[/]")


@hold_app.command("place")
def hold_place(
    reason: str = typer.Option(..., "--reason", help="Why (the case, the investigation)."),
    identity: list[str] = typer.Option(
        [], "--identity", "-i", help="A person: KIND=VALUE; repeatable."
    ),
    tenant: str | None = typer.Option(None, "--tenant", help="A tenant (its tenant_column value)."),
    dataset: str | None = typer.Option(None, "--dataset", help="A dataset's fides_key."),
    until: str | None = typer.Option(None, "--until", help="Last day of the hold (YYYY-MM-DD)."),
    manifest: Path = ManifestOption,
    database: str | None = DatabaseOption,
    as_json: bool = JsonOption,
) -> None:
    """Place a legal hold on a person, a tenant or a dataset."""
    loaded = open_manifest(manifest, as_json=as_json)
    with _control(loaded, database, as_json) as control:
        try:
            ends = dt.date.fromisoformat(until) if until else None
            ids = [parse_identity(v) for v in identity]
            hold = place_hold(
                control,
                reason=reason,
                identities=ids,
                tenant=tenant,
                dataset=dataset,
                ends_on=ends,
                manifest=loaded.manifest,
            )
        except ValueError:
            fail(KeptError(f"--until {until!r} is not a date (YYYY-MM-DD)"), as_json=as_json)
        except KeptError as exc:
            fail(exc, as_json=as_json, code=1)
    if as_json:
        print_json(hold.as_dict())
        return
    out.print(f"placed {hold.id} ({hold.scope}): {escape(hold.reason)}")


@hold_app.command("list")
def hold_list(
    all_holds: bool = typer.Option(False, "--all", help="Include released and ended holds."),
    manifest: Path = ManifestOption,
    database: str | None = DatabaseOption,
    as_json: bool = JsonOption,
) -> None:
    """List the legal holds in force (or all of them)."""
    loaded = open_manifest(manifest, as_json=as_json)
    with _control(loaded, database, as_json) as control:
        holds = active_holds(control, include_past=all_holds)
    if as_json:
        print_json([h.as_dict() for h in holds])
        return
    table = Table(
        Column("id", no_wrap=True),
        *(
            Column(name, overflow="fold")
            for name in ("scope", "covers", "until", "released", "reason")
        ),
    )
    for h in holds:
        covers = h.tenant or h.dataset or ", ".join(sorted({i.kind for i in h.identities}))
        table.add_row(
            h.id,
            h.scope,
            escape(covers or ""),
            str(h.ends_on or ""),
            h.released_at or "",
            escape(h.reason),
        )
    out.print(table)


@hold_app.command("release")
def hold_release(
    hold_id: str = typer.Argument(..., help="The hold's id (hold_...)."),
    reason: str = typer.Option(..., "--reason", help="Why the hold ends."),
    manifest: Path = ManifestOption,
    database: str | None = DatabaseOption,
) -> None:
    """Release a legal hold: its rows follow the retention rules again."""
    loaded = open_manifest(manifest)
    with _control(loaded, database, False) as control:
        try:
            release_hold(control, hold_id, reason=reason)
        except KeptError as exc:
            fail(exc, code=1)
    out.print(f"released {escape(hold_id)}")
