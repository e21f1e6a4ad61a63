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

from kept.anchor import read_anchors, take_anchor, verify_with_anchors
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
from kept.errors import AuditError, KeptError

__all__ = ["audit_app"]

T = TypeVar("T")

audit_app = typer.Typer(
    help="The tamper-evident audit log: verify the hash chain, anchor its head, show entries.",
    no_args_is_help=True,
)
app.add_typer(audit_app, name="audit")


@audit_app.command("verify")
def verify(
    manifest: Path = ManifestOption,
    database: str | None = DatabaseOption,
    anchor: list[str] = typer.Option(
        [],
        "--anchor",
        help="An anchor line printed by `kept audit anchor`, or a file of them; repeatable. "
        "The log must still hold each anchored entry with its hash (no truncation).",
    ),
    as_json: bool = JsonOption,
) -> None:
    """Check every entry's hash, the links between entries, the head and any anchors.

    Exit code 0 when intact, 1 when broken, 2 when the database cannot be opened.
    """
    try:
        anchors = [a for value in anchor for a in read_anchors(value)]
        result = _with_log(manifest, database, lambda log: verify_with_anchors(log, anchors))
    except KeptError as exc:
        fail(exc, as_json=as_json)
    if as_json:
        print_json(result.as_dict())
    else:
        _print_verification(result)
    if not result.ok:
        raise typer.Exit(EXIT_FINDINGS)


@audit_app.command("anchor")
def anchor_command(
    manifest: Path = ManifestOption,
    database: str | None = DatabaseOption,
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Also append the anchor line to this file."
    ),
    as_json: bool = JsonOption,
) -> None:
    """Print the log's head as a signed anchor line, to keep outside the database.

    The log is verified first; a broken log is not anchored (exit 1). Later,
    `kept audit verify --anchor LINE|FILE` detects a log shortened behind the anchor.
    """
    try:
        taken = _with_log(manifest, database, take_anchor)
        if output is not None:
            with output.open("a", encoding="utf-8") as handle:
                handle.write(taken.text() + "\n")
    except AuditError as exc:
        if as_json:
            print_json({"ok": False, "error": str(exc)})
        else:
            out.print(f"[red]not anchored[/]: {escape(str(exc))}")
        raise typer.Exit(EXIT_FINDINGS) from None
    except (KeptError, OSError) as exc:
        fail(exc if isinstance(exc, KeptError) else KeptError(str(exc)), as_json=as_json)
    if as_json:
        print_json(taken.as_dict())
    else:
        print(taken.text())


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
