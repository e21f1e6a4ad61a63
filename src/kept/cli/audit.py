"""``kept audit``: verify and show the tamper-evident audit log.

Thin commands over :class:`kept.audit.AuditLog`. Exit codes of ``kept audit verify``: 0 when
the log is intact, 1 when it is broken (each broken entry is named), 2 when the control
database cannot be opened or read.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import typer
from rich.markup import escape
from rich.table import Table

from kept.audit import AuditEntry, AuditLog, AuditVerification
from kept.cli import app
from kept.cli._common import (
    EXIT_FINDINGS,
    DatabaseOption,
    JsonOption,
    ManifestOption,
    fail,
    out,
    print_json,
)
from kept.control import control_url, open_control
from kept.errors import KeptError

__all__ = ["audit_app"]

T = TypeVar("T")

audit_app = typer.Typer(
    help="The tamper-evident audit log: verify the hash chain, show the latest entries.",
    no_args_is_help=True,
)
app.add_typer(audit_app, name="audit")


@audit_app.command("verify")
def verify(
    manifest: Path = ManifestOption,
    database: str | None = DatabaseOption,
    as_json: bool = JsonOption,
) -> None:
    """Check every entry's hash, the links between entries and the head.

    Exit code 0 when intact, 1 when broken, 2 when the database cannot be opened.
    """
    try:
        result = _with_log(manifest, database, AuditLog.verify)
    except KeptError as exc:
        fail(exc, as_json=as_json)
    if as_json:
        print_json(result.as_dict())
    else:
        _print_verification(result)
    if not result.ok:
        raise typer.Exit(EXIT_FINDINGS)


@audit_app.command("show")
def show(
    manifest: Path = ManifestOption,
    database: str | None = DatabaseOption,
    limit: int = typer.Option(20, "--limit", "-n", min=1, help="How many entries."),
    as_json: bool = JsonOption,
) -> None:
    """Show the latest entries, oldest first."""
    try:
        entries = _with_log(manifest, database, lambda log: log.latest(limit))
    except KeptError as exc:
        fail(exc, as_json=as_json)
    if as_json:
        print_json([e.as_dict() for e in entries])
    else:
        _print_entries(entries)


def _with_log(manifest: Path, database: str | None, call: Callable[[AuditLog], T]) -> T:
    engine = open_control(database or control_url(manifest), create=False)
    try:
        return call(AuditLog(engine))
    finally:
        engine.dispose()


def _print_verification(result: AuditVerification) -> None:
    if result.ok:
        out.print(
            f"[green]audit log intact[/]: {result.checked} entries verified, "
            f"head at entry {result.head_seq} ({result.head_hash})"
        )
        return
    count = len(result.breaks)
    out.print(
        f"[red]audit log broken[/]: {count} problem{'s' if count != 1 else ''} "
        f"in {result.checked} entries"
    )
    for item in result.breaks:
        out.print(f"  [bold]{item.kind.value}[/]: {escape(item.message)}")


def _print_entries(entries: list[AuditEntry]) -> None:
    if not entries:
        out.print("the audit log is empty")
        return
    table = Table()
    table.add_column("seq", justify="right", no_wrap=True)
    table.add_column("time (UTC)", no_wrap=True)
    table.add_column("actor", overflow="fold")
    table.add_column("action", no_wrap=True)  # what `kept audit show --action` filters on
    for name in ("subject", "tenant", "details"):
        table.add_column(name, overflow="fold")
    for entry in entries:
        table.add_row(
            str(entry.seq),
            entry.created_at.strftime("%Y-%m-%d %H:%M:%S"),
            escape(entry.actor),
            escape(entry.action),
            entry.subject_ref[:12] + "…" if entry.subject_ref else "",
            escape(entry.tenant or ""),
            escape(json.dumps(entry.details, ensure_ascii=False, sort_keys=True)),
        )
    out.print(table)
