"""``kept request``: run a rights request (access, portability, erasure, rectification)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import typer
from rich.markup import escape
from rich.table import Table

from kept.cli import app
from kept.cli._common import (
    EXIT_NO_MATCH,
    ManifestOption,
    err,
    fail,
    open_kept,
    open_manifest,
    out,
    print_json,
)
from kept.errors import KeptError, RequestError
from kept.execution import Identity, parse_change, parse_identity
from kept.execution.identity import IdentityRules
from kept.execution.outcome import NO_MATCH, unmatched_requests
from kept.manifest import LoadedManifest
from kept.rights import RightsService, new_request_id, read_batch

if TYPE_CHECKING:  # the erasure engine loads only for an erasure (start-up time)
    from kept.execution.erasure import ErasureResult

__all__ = ["request_app"]

request_app = typer.Typer(help="Run rights requests against the manifest's stores.")
app.add_typer(request_app, name="request")

IdentityOption = typer.Option(
    ..., "--identity", "-i", help="KIND=VALUE, e.g. email=ada@example.com; repeatable."
)
JsonOption = typer.Option(False, "--json", help="Print the result as JSON.")
DatabaseOption = typer.Option(
    None, "--database", help="Kept's control-plane database (default: KEPT_DATABASE_URL)."
)
PolicyOption = typer.Option(
    None,
    "--policy",
    help="A Fides request policy key from the manifest (default: its default_policy).",
)


@contextmanager
def _service(
    loaded: LoadedManifest, database: str | None, as_json: bool
) -> Iterator[RightsService]:
    """The rights service of the command's ``Kept`` object (the one the workers use); library
    errors end the command cleanly."""
    with open_kept(loaded, database, as_json, actor="cli") as kept:
        yield kept.rights


def _identities(values: list[str], as_json: bool = False) -> list[Identity]:
    try:
        return [parse_identity(v) for v in values]
    except KeptError as exc:
        fail(exc, as_json=as_json)


@request_app.command("access")
def access(
    identity: list[str] = IdentityOption,
    manifest: Path = ManifestOption,
    out_dir: Path = typer.Option(Path(), "--out", help="Folder for the export zip."),
    portability: bool = typer.Option(
        False, "--portability", help="Only data given under consent or contract, JSON only."
    ),
    database: str | None = DatabaseOption,
    policy: str | None = PolicyOption,
    as_json: bool = JsonOption,
) -> None:
    """Export everything the manifest makes reachable for a person (GDPR Art. 15 / 20)."""
    loaded = open_manifest(manifest, as_json=as_json)
    with _service(loaded, database, as_json) as service:
        result = service.access(
            _identities(identity, as_json), out_dir, portability=portability, policy=policy
        )
    payload = {
        "request_id": result.request_id,
        "type": result.kind,
        "export": str(result.export) if result.matched else None,
        "rows": result.rows,
        "unreachable": result.unreachable,
        "seconds": round(result.seconds, 4),
    }
    if not result.matched:
        _no_match(payload, result.tried, result.unreachable, as_json)
    if as_json:
        print_json(payload)
        return
    table = Table("table", "rows")
    for name, count in result.rows.items():
        table.add_row(escape(name), str(count))
    out.print(table)
    _unreachable(result.unreachable)
    out.print(f"{result.total} rows exported to [bold]{escape(str(result.export))}[/]")


def _no_match(
    payload: dict[str, Any], tried: list[str], unreachable: list[str], as_json: bool
) -> NoReturn:
    """Say that nobody matched, with the normalised identities tried, and exit 3."""
    if as_json:
        print_json({**payload, "outcome": NO_MATCH, "tried": tried})
    else:
        out.print(f"[yellow]no match: no row matches {escape(', '.join(tried))}[/]")
        _unreachable(unreachable)
    raise typer.Exit(EXIT_NO_MATCH)


def _unreachable(nodes: list[str]) -> None:
    for node in nodes:
        out.print(f"[yellow]! {escape(node)} holds personal data but cannot be reached[/]")


@request_app.command("erase")
def erase(
    identity: list[str] = IdentityOption,
    manifest: Path = ManifestOption,
    dry_run: bool = typer.Option(False, "--dry-run", help="Show the plan; change nothing."),
    show_rows: int = typer.Option(0, "--show-rows", min=0, help="With --dry-run: rows to show."),
    plan: str | None = typer.Option(None, "--plan", help="Execute only if the plan hash matches."),
    database: str | None = DatabaseOption,
    policy: str | None = PolicyOption,
    as_json: bool = JsonOption,
) -> None:
    """Erase a person: per-field actions, kept rows with their ground, verified afterwards."""
    loaded = open_manifest(manifest, as_json=as_json)
    requests = {new_request_id(): _identities(identity, as_json)}
    _run_erasure(loaded, requests, dry_run, show_rows, plan, database, as_json, policy)


@request_app.command("batch")
def batch(
    file: Path = typer.Argument(..., help="CSV: one person per row, columns email, phone..."),
    manifest: Path = ManifestOption,
    kind: str = typer.Option("erase", "--type", help="The request type: erase."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Show the plan; change nothing."),
    plan: str | None = typer.Option(None, "--plan", help="Execute only if the plan hash matches."),
    database: str | None = DatabaseOption,
    policy: str | None = PolicyOption,
    as_json: bool = JsonOption,
) -> None:
    """Run many requests of one type as one set-based execution; a receipt for each person."""
    loaded = open_manifest(manifest, as_json=as_json)
    if kind != "erase":
        fail(KeptError(f"batch --type {kind!r} is not supported; use erase"), as_json=as_json)
    try:
        requests = read_batch(file)
    except KeptError as exc:
        fail(exc, as_json=as_json)
    _run_erasure(loaded, requests, dry_run, 0, plan, database, as_json, policy)


def _run_erasure(
    loaded: LoadedManifest,
    requests: dict[str, list[Identity]],
    dry_run: bool,
    show_rows: int,
    plan: str | None,
    database: str | None,
    as_json: bool,
    policy: str | None = None,
) -> None:
    from rich.progress import (  # only erasures show progress: not loaded for the others
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    with (
        _service(loaded, database, as_json) as service,
        Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err,
            transient=True,
            disable=as_json,
        ) as bar,
    ):
        label = f"{'planning' if dry_run else 'erasing'} {len(requests)} request(s)"
        task = bar.add_task(label, total=None)

        def advance(what: str, done: int, total: int) -> None:
            bar.update(task, completed=done, total=total, description=f"{label}: {what}")

        result = service.erase(
            requests,
            dry_run=dry_run,
            expected_plan=plan,
            sample_rows=show_rows,
            progress=advance,
            policy=policy,
        )
    unmatched = unmatched_requests(result)
    if len(unmatched) == len(requests):
        rules = IdentityRules.of(loaded.manifest)
        tried = rules.normalised([i for ids in requests.values() for i in ids])
        _no_match(_erasure_json(result), tried, result.unreachable, as_json)
    if as_json:
        print_json(_erasure_json(result))
    else:
        _print_erasure(result)
    if (not dry_run and not result.verified) or not result.executable:
        raise typer.Exit(1)


def _receipt(result: ErasureResult, request_id: str, unmatched: set[str]) -> dict[str, Any]:
    receipt = result.receipt(request_id)
    return {**receipt, "outcome": NO_MATCH} if request_id in unmatched else receipt


def _erasure_json(result: ErasureResult) -> dict[str, Any]:
    unmatched = set(unmatched_requests(result))
    return {
        "dry_run": result.dry_run,
        "plan_hash": result.plan_hash,
        "manifest_version": result.manifest_version,
        "verified": result.verified,
        "requests": len(result.requests),
        "tables": [
            {**t.as_dict(), "sample": t.sample} if t.sample else t.as_dict() for t in result.tables
        ],
        "unreachable": result.unreachable,
        "policy": result.policy,
        "executable": result.executable,
        "problems": result.problems,
        "receipts": [_receipt(result, r, unmatched) for r in result.requests]
        if len(result.requests) <= 100
        else [],
        "unmatched": len(unmatched),
        "seconds": result.seconds,
    }


def _print_problems(result: ErasureResult) -> bool:
    """Print why the plan cannot run; True when it cannot."""
    for problem in result.problems:
        out.print(f"[red]✗ {escape(problem)}[/]")
    if result.dry_run and not result.executable:
        out.print("[red]dry run: nothing changed; the plan is not executable (see above)[/]")
    return not result.executable


def _print_erasure(result: ErasureResult) -> None:
    marks = {"update": "[yellow]~[/]", "delete": "[red]-[/]", "keep": "[blue]=[/]"}
    unmatched = unmatched_requests(result)
    if unmatched:
        out.print(f"[yellow]no match for {len(unmatched)} request(s): no row was found[/]")
    for t in result.tables:
        before = sum(t.before.values())
        if not before:
            continue
        after = "" if result.dry_run else f" → {sum(t.after.values())} reachable after"
        held = sum(t.held.values())  # kept by retention minimums and legal holds
        count = f"{before - held} of {before}" if held else str(before)
        line = f"{marks[t.action]} {escape(t.table)}: {t.action} {count} row(s){after}"
        if t.fields:
            line += f"; fields {escape(', '.join(t.fields))}"
        out.print(line)
        if t.ground:
            out.print(f"    [dim]kept: {escape(t.ground)}[/]")
        for column, ground in t.kept_fields.items():
            out.print(f"    [dim]{escape(column)} kept: {escape(ground)}[/]")
        if held:
            out.print(f"    [dim]{held} row(s) kept: {escape('; '.join(t.held_grounds))}[/]")
        for delink in t.delinked:
            out.print(f"    [dim]de-linked: {escape(delink)}[/]")
    for t in result.tables:
        for row in t.sample:
            out.print(f"  [dim]{escape(t.table)}: {escape(str(row))}[/]")
    _unreachable(result.unreachable)
    if _print_problems(result):
        return
    if result.dry_run:
        out.print(
            f"dry run: nothing changed. Plan [bold]{result.plan_hash}[/]; execute it with "
            f"--plan {result.plan_hash}"
        )
    elif result.verified:
        out.print(f"[green]✓ erased and verified ({len(result.requests)} request(s))[/]")
    else:
        out.print("[red]✗ verification found erasable values left[/]")


@request_app.command("rectify")
def rectify(
    identity: list[str] = IdentityOption,
    change: list[str] = typer.Option(
        ..., "--set", help="DATASET.COLLECTION.FIELD=VALUE; repeatable; empty VALUE sets NULL."
    ),
    manifest: Path = ManifestOption,
    dry_run: bool = typer.Option(False, "--dry-run", help="Show before and after; change nothing."),
    database: str | None = DatabaseOption,
    as_json: bool = JsonOption,
) -> None:
    """Correct a person's data: set fields on their rows, showing before and after."""
    loaded = open_manifest(manifest, as_json=as_json)
    with _service(loaded, database, as_json) as service:
        changes = [parse_change(c) for c in change]
        identities = _identities(identity, as_json)
        result = service.rectify(identities, changes, dry_run=dry_run)
    if not result.matched:
        tried = IdentityRules.of(loaded.manifest).normalised(identities)
        _no_match(result.receipt(), tried, [], as_json)
    if as_json:
        print_json({**result.receipt(), "changes": result.changes})
        return
    for label, rows in result.changes.items():
        for row in rows:
            out.print(
                f"{escape(label)} {escape(str(row['key']))}: {escape(str(row['before']))} → "
                f"{escape(str(row['after']))}"
            )
    verb = "would change" if dry_run else "changed"
    out.print(f"{verb} {sum(result.rows.values())} row(s)")


@request_app.command("restrict")
def restrict(
    identity: list[str] = IdentityOption,
    reason: str = typer.Option(..., "--reason", help="Why (e.g. accuracy contested, Art. 18)."),
    purpose: list[str] = typer.Option(
        [], "--purpose", help="A purpose key; repeatable. None: every purpose but storage."
    ),
    objection: bool = typer.Option(False, "--objection", help="Record an objection (Art. 21)."),
    manifest: Path = ManifestOption,
    database: str | None = DatabaseOption,
    as_json: bool = JsonOption,
) -> None:
    """Restrict (or object to) the processing of a person's rows; applications can check."""
    loaded = open_manifest(manifest, as_json=as_json)
    identities = _identities(identity, as_json)
    with _service(loaded, database, as_json) as service:
        result = service.restrict(identities, purposes=purpose, reason=reason, objection=objection)
        matched = any(result.rows.values()) or service.matched(identities)
    if not matched:  # recorded all the same: it applies if the person's data ever arrives
        tried = IdentityRules.of(loaded.manifest).normalised(identities)
        _no_match(result.receipt(), tried, result.unreachable, as_json)
    if as_json:
        print_json(result.receipt())
        return
    total = sum(result.rows.values())
    scope = ", ".join(result.purposes) or "every purpose but storage"
    out.print(f"{result.kind} {result.id}: {total} row(s) restricted for {escape(scope)}")
    _unreachable(result.unreachable)


@request_app.command("lift")
def lift(
    restriction_id: str = typer.Argument(..., help="The restriction's id (rst_...)."),
    reason: str = typer.Option(..., "--reason", help="Why, and that the person was told."),
    manifest: Path = ManifestOption,
    database: str | None = DatabaseOption,
) -> None:
    """Lift a restriction or objection (an objection to direct marketing cannot be lifted)."""
    loaded = open_manifest(manifest)
    with _service(loaded, database, False) as service:
        service.lift(restriction_id, reason=reason)
    out.print(f"lifted {escape(restriction_id)}")


@request_app.command("replay")
def replay(
    since: str = typer.Option(
        ...,
        "--since",
        help="When the restored backup was taken (ISO time, e.g. 2026-12-01T02:00Z).",
    ),
    manifest: Path = ManifestOption,
    dry_run: bool = typer.Option(False, "--dry-run", help="Find and count; change nothing."),
    database: str | None = DatabaseOption,
    as_json: bool = JsonOption,
) -> None:
    """Re-apply every erasure done since a backup's time, after that backup was restored."""
    try:
        moment = dt.datetime.fromisoformat(since.replace("Z", "+00:00"))
    except ValueError:
        fail(RequestError(f"--since {since!r} is not an ISO time, e.g. 2026-12-01T02:00:00Z"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    loaded = open_manifest(manifest, as_json=as_json)
    with _service(loaded, database, as_json) as service:
        result = service.replay(moment, dry_run=dry_run)
    if as_json:
        print_json(result.as_dict())
        return
    verb = "would erase again" if dry_run else "erased again"
    out.print(
        f"{result.logged} logged identities of {result.requests} erasures since {since}; "
        f"{len(result.found)} found in the stores ({result.scanned_values} values read); "
        f"{verb}: {result.rows_changed} rows"
        + ("" if dry_run else f", verified: {'yes' if result.verified else 'NO'}")
    )
    if not dry_run and result.found and not result.verified:
        raise typer.Exit(1)
