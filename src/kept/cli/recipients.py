"""``kept recipients``: recipients told of erasures, rectifications and restrictions (Art. 19)."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape

from kept.cli import app
from kept.cli._common import (
    DatabaseOption,
    JsonOption,
    ManifestOption,
    fail,
    open_manifest,
    out,
    print_json,
)
from kept.cli._common import (
    control_engine as _control,
)
from kept.errors import KeptError
from kept.mail import mailer_from_env
from kept.recipients import Notification, confirm, dispatch, escalate_overdue, told

__all__ = ["recipients_app"]

recipients_app = typer.Typer(
    help="Art. 19: recipients told of erasures, rectifications, restrictions."
)
app.add_typer(recipients_app, name="recipients")


def _print(items: list[Notification], as_json: bool) -> None:
    if as_json:
        print_json([n.as_dict() for n in items])
        return
    for n in items:
        when = n.confirmed_at or n.escalated_at or n.sent_at or n.created_at
        out.print(
            f"{n.id} {n.request_id} {n.action} [bold]{escape(n.recipient)}[/] ({n.method}) "
            f"{n.status} {when} due {n.due_at}"
        )


@recipients_app.command("list")
def list_(
    manifest: Path = ManifestOption,
    database: str | None = DatabaseOption,
    request_id: str | None = typer.Option(None, "--request", help="Only this request's."),
    status: str | None = typer.Option(
        None, "--status", help="pending, sent, confirmed or escalated."
    ),
    as_json: bool = JsonOption,
) -> None:
    """List the notifications to recipients, oldest first."""
    loaded = open_manifest(manifest, as_json=as_json)
    with _control(loaded, database, as_json) as engine:
        _print(told(engine, request_id=request_id, status=status), as_json)


@recipients_app.command("send")
def send(
    manifest: Path = ManifestOption,
    database: str | None = DatabaseOption,
    as_json: bool = JsonOption,
) -> None:
    """Send the pending e-mail and webhook notifications (manual ones wait for confirm)."""
    loaded = open_manifest(manifest, as_json=as_json)
    with _control(loaded, database, as_json) as engine:
        counts = dispatch(engine, loaded.manifest, mailer_from_env(str(engine.url)), actor="cli")
    if as_json:
        print_json(counts)
    else:
        out.print(f"sent {counts['sent']}, failed {counts['failed']}")
    raise typer.Exit(1 if counts["failed"] else 0)


@recipients_app.command("confirm")
def confirm_(
    notification_id: str = typer.Argument(..., help="The notification's id (ntf_...)."),
    manifest: Path = ManifestOption,
    database: str | None = DatabaseOption,
    note: str | None = typer.Option(None, "--note", help="How the recipient confirmed."),
    as_json: bool = JsonOption,
) -> None:
    """Record that a recipient confirmed (for manual ones: was told and confirmed)."""
    loaded = open_manifest(manifest, as_json=as_json)
    with _control(loaded, database, as_json) as engine:
        try:
            _print([confirm(engine, notification_id, actor="cli", note=note)], as_json)
        except KeptError as exc:
            fail(exc, as_json=as_json, code=1)


@recipients_app.command("escalate")
def escalate(
    manifest: Path = ManifestOption,
    database: str | None = DatabaseOption,
    as_json: bool = JsonOption,
) -> None:
    """Mark the notifications unconfirmed past their deadline as escalated, and list them."""
    loaded = open_manifest(manifest, as_json=as_json)
    with _control(loaded, database, as_json) as engine:
        items = escalate_overdue(engine, actor="cli")
    _print(items, as_json)
    raise typer.Exit(1 if items else 0)
