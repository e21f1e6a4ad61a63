"""``kept requests``: the request lifecycle from the command line: list (with days left and
``--overdue``), show, submit on a person's behalf, approve, deny, extend, pause, resume.

Thin commands over :class:`kept.requests.Lifecycle`; the actor in the audit log is
``cli:$USER``.
"""

from __future__ import annotations

import getpass
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Column, Table

from kept.cli import app
from kept.cli._common import (
    DatabaseOption,
    JsonOption,
    ManifestOption,
    open_kept,
    open_manifest,
    out,
    print_json,
)
from kept.execution import parse_identity
from kept.requests import DENIAL_REASONS, Lifecycle, RequestRecord

__all__ = ["requests_app"]

requests_app = typer.Typer(
    help="The request lifecycle: list, show, submit, approve, deny, extend, pause, resume, "
    "receipts.",
    no_args_is_help=True,
)
app.add_typer(requests_app, name="requests")

IdArgument = typer.Argument(..., help="The request id (req_...).")


def _actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # pragma: no cover - no user name in this environment
        return "cli"


@contextmanager
def _lifecycle(manifest: Path, database: str | None, as_json: bool) -> Iterator[Lifecycle]:
    loaded = open_manifest(manifest, as_json=as_json)
    with open_kept(loaded, database, as_json) as kept:
        yield kept.requests


def _show(record: RequestRecord, as_json: bool) -> None:
    if as_json:
        print_json(record.as_dict())
        return
    due = record.due.isoformat() if record.due else "clock stopped"
    left = record.days_left()
    out.print(
        f"{record.id} {record.kind.value} [bold]{record.state.value}[/] "
        f"due {due} ({record.deadlines.due_by})"
        + (f", {left} day(s) left" if left is not None else "")
    )
    if record.reason_code:
        out.print(f"  reason {record.reason_code}: {escape(record.reason_message or '')}")
    if record.review and record.state.value == "identity_verified":
        out.print(f"  held for review ({record.review}): approve or deny it")
    params = record.params or {}
    for change in params.get("changes", []):
        value = f" = {change['value']!r}" if "value" in change else ""
        out.print(f"  set {escape(change['field'])}{escape(value)}")
    if "purposes" in params:
        purposes = ", ".join(params["purposes"]) or "every purpose but storage"
        out.print(f"  purposes: {escape(purposes)}; reason: {escape(params.get('reason') or '')}")
    restriction = (record.result or {}).get("restriction_id")
    if restriction:
        out.print(f"  restriction {restriction} (lift with: kept request lift {restriction})")


@requests_app.command("list")
def list_(
    overdue: bool = typer.Option(
        False, "--overdue", help="Only open requests past their due date."
    ),
    state: str | None = typer.Option(None, "--state", help="Only requests in this state."),
    tenant: str | None = typer.Option(None, "--tenant", help="Only this tenant's requests."),
    limit: int = typer.Option(100, "--limit", min=1, help="At most this many."),
    manifest: Path = ManifestOption,
    database: str | None = DatabaseOption,
    as_json: bool = JsonOption,
) -> None:
    """Requests, newest first, with their state, due date and days left."""
    with _lifecycle(manifest, database, as_json) as lifecycle:
        records = lifecycle.find(state=state, tenant=tenant, overdue=overdue, limit=limit)
    if as_json:
        print_json([r.as_dict() for r in records])
        return
    if not records:
        out.print("no overdue request" if overdue else "no request")
        return
    table = Table("kind", "state", "tenant", "received", "due", "days left", "by")
    table.columns.insert(0, Column("id", no_wrap=True, min_width=20))
    for r in records:
        left = r.days_left()
        table.add_row(
            r.id,
            r.kind.value,
            r.state.value,
            escape(r.tenant or ""),
            r.received_at.date().isoformat(),
            r.due.isoformat() if r.due else "stopped",
            "" if left is None else (f"[red]{left}[/]" if left < 0 else str(left)),
            r.deadlines.due_by,
        )
    out.print(table)


@requests_app.command("show")
def show(
    request_id: str = IdArgument,
    manifest: Path = ManifestOption,
    database: str | None = DatabaseOption,
    as_json: bool = JsonOption,
) -> None:
    """One request: state, deadlines, reason."""
    with _lifecycle(manifest, database, as_json) as lifecycle:
        record = lifecycle.get(request_id)
    _show(record, as_json)


@requests_app.command("submit")
def submit(
    kind: str = typer.Option(
        ...,
        "--kind",
        help="access, portability, erasure, rectification, restriction or objection.",
    ),
    identity: list[str] = typer.Option(..., "--identity", "-i", help="KIND=VALUE; repeatable."),
    tenant: str | None = typer.Option(None, "--tenant", help="The tenant the request belongs to."),
    jurisdiction: str | None = typer.Option(None, "--jurisdiction", help="e.g. eu, uk, us-ca."),
    changes: list[str] = typer.Option(
        [],
        "--set",
        help="rectification: DATASET.COLLECTION.FIELD=VALUE, a declared field; repeatable; "
        "an empty VALUE sets NULL.",
    ),
    purposes: list[str] = typer.Option(
        [],
        "--purpose",
        help="restriction, objection: a declared purpose key; repeatable. None: every purpose "
        "but storage.",
    ),
    reason: str | None = typer.Option(
        None,
        "--reason",
        help="restriction, objection: the grounds (an objection to direct marketing needs "
        "none); erasure: child_reported (due within children.erase_within_days).",
    ),
    manifest: Path = ManifestOption,
    database: str | None = DatabaseOption,
    as_json: bool = JsonOption,
) -> None:
    """Submit a request taken by staff (counts as verified): it is queued for a worker."""
    with _lifecycle(manifest, database, as_json) as lifecycle:
        submitted = lifecycle.submit(
            kind,
            [parse_identity(i) for i in identity],
            tenant=tenant,
            jurisdiction=jurisdiction,
            actor=_actor(),
            verified=True,
            changes=changes,
            purposes=purposes,
            reason=reason,
        )
    _show(submitted.record, as_json)


@requests_app.command("dry-run")
def dry_run(
    request_id: str = IdArgument,
    manifest: Path = ManifestOption,
    database: str | None = DatabaseOption,
    as_json: bool = JsonOption,
) -> None:
    """An erasure request's dry run (nothing changes; audited) and its plan hash, to approve
    with `kept requests approve ID --plan HASH`."""
    from kept.requests.plan import preview

    with _lifecycle(manifest, database, as_json) as lifecycle:
        receipt = preview(lifecycle, request_id, _actor())
    receipt.pop("subject", None)
    if as_json:
        print_json(receipt)
        return
    for table in receipt.get("tables", []):
        rows = table.get("rows_before", 0)
        out.print(f"  {escape(str(table.get('table')))}: {table.get('action')} ({rows} row(s))")
    out.print(f"plan {receipt['plan_hash']} (manifest version {receipt.get('manifest_version')})")


@requests_app.command("approve")
def approve(
    request_id: str = IdArgument,
    plan: str | None = typer.Option(
        None,
        "--plan",
        help="An erasure's dry-run plan hash (kept requests dry-run): run exactly that plan.",
    ),
    manifest: Path = ManifestOption,
    database: str | None = DatabaseOption,
    as_json: bool = JsonOption,
) -> None:
    """Approve a verified request (or retry a failed one): a worker runs it next. With
    --plan, approve an erasure only if its dry run still has that plan hash; the worker then
    runs exactly that plan, or sends the request back for review (plan_changed)."""
    with _lifecycle(manifest, database, as_json) as lifecycle:
        if plan:
            from kept.requests.plan import approve_plan

            record = approve_plan(lifecycle, request_id, plan, actor=_actor())
        else:
            record = lifecycle.approve(request_id, actor=_actor())
    _show(record, as_json)


@requests_app.command("deny")
def deny(
    request_id: str = IdArgument,
    reason: str = typer.Option(
        ..., "--reason", help=f"The reason code: {', '.join(sorted(DENIAL_REASONS))}."
    ),
    note: str | None = typer.Option(None, "--note", help="Why, for the record."),
    manifest: Path = ManifestOption,
    database: str | None = DatabaseOption,
    as_json: bool = JsonOption,
) -> None:
    """Deny a request; the person is told the reason and their right to complain."""
    with _lifecycle(manifest, database, as_json) as lifecycle:
        record = lifecycle.deny(request_id, reason, actor=_actor(), note=note)
    _show(record, as_json)


@requests_app.command("extend")
def extend(
    request_id: str = IdArgument,
    reason: str = typer.Option(..., "--reason", help="Why more time is needed (told to them)."),
    manifest: Path = ManifestOption,
    database: str | None = DatabaseOption,
    as_json: bool = JsonOption,
) -> None:
    """Take the extension the law allows, before the first deadline; the person is told."""
    with _lifecycle(manifest, database, as_json) as lifecycle:
        record = lifecycle.extend(request_id, reason, actor=_actor())
    _show(record, as_json)


@requests_app.command("pause")
def pause(
    request_id: str = IdArgument,
    reason: str = typer.Option(..., "--reason", help="What clarification is awaited."),
    manifest: Path = ManifestOption,
    database: str | None = DatabaseOption,
    as_json: bool = JsonOption,
) -> None:
    """Stop the clock while waiting for the person (counts where the law allows, UK GDPR)."""
    with _lifecycle(manifest, database, as_json) as lifecycle:
        record = lifecycle.pause(request_id, reason, actor=_actor())
    _show(record, as_json)


@requests_app.command("resume")
def resume(
    request_id: str = IdArgument,
    manifest: Path = ManifestOption,
    database: str | None = DatabaseOption,
    as_json: bool = JsonOption,
) -> None:
    """Restart a stopped clock."""
    with _lifecycle(manifest, database, as_json) as lifecycle:
        record = lifecycle.resume(request_id, actor=_actor())
    _show(record, as_json)


@requests_app.command("receipts")
def receipts(
    request_id: str = IdArgument,
    manifest: Path = ManifestOption,
    database: str | None = DatabaseOption,
    as_json: bool = JsonOption,
) -> None:
    """The request's audit entries: every transition and the execution receipt."""
    with _lifecycle(manifest, database, as_json) as lifecycle:
        entries = lifecycle.receipts(request_id)
    if as_json:
        print_json(entries)
        return
    for entry in entries:
        details = {k: v for k, v in entry["details"].items() if k != "request_id"}
        out.print(
            f"{entry['seq']:>6} {entry['created_at']} {escape(entry['action'])} "
            f"[dim]{escape(entry['actor'])}[/] {escape(str(details)) if details else ''}"
        )
