"""``kept support``: support-access grants (grant, revoke, check, list)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Column, Table

from kept.cli import app
from kept.cli._common import (
    EXIT_UNREADABLE,
    DatabaseOption,
    JsonOption,
    ManifestOption,
    control_engine,
    fail,
    open_manifest,
    out,
    print_json,
)
from kept.errors import KeptError
from kept.execution.identity import Identity, parse_identity
from kept.support import SupportGrants

__all__ = ["support_app"]

support_app = typer.Typer(help="Support-access grants: who may see whose data, until when.")
app.add_typer(support_app, name="support")

IdentityOption = typer.Option(
    ..., "--identity", "-i", help="The person: KIND=VALUE, e.g. email=ada@example.com; repeatable."
)
ActorOption = typer.Option("kept", "--actor", help="Who records this (for the audit log).")


@contextmanager
def _grants(
    manifest: Path, database: str | None, actor: str, as_json: bool
) -> Iterator[SupportGrants]:
    loaded = open_manifest(manifest, as_json=as_json)
    with control_engine(loaded, database, as_json, code=EXIT_UNREADABLE) as engine:
        yield SupportGrants(loaded.manifest, engine, actor=actor)


def _identities(values: list[str], as_json: bool) -> list[Identity]:
    try:
        return [parse_identity(v) for v in values]
    except KeptError as exc:
        fail(exc, as_json=as_json)


@support_app.command("grant")
def grant(
    identity: list[str] = IdentityOption,
    scope: str = typer.Option(..., "--scope", help="A scope of the manifest's support.scopes."),
    to: str = typer.Option(
        ..., "--to", help="Whom it is for: a staff member, role:NAME (e.g. role:support) or *."
    ),
    reason: str = typer.Option(..., "--reason", help="Why: the person's words, the case."),
    days: float | None = typer.Option(
        None, "--days", help="How long it lasts (default: support.default_days)."
    ),
    case: str | None = typer.Option(None, "--case", help="The support case or ticket."),
    tenant: str | None = typer.Option(None, "--tenant", help="The tenant of the person."),
    manifest: Path = ManifestOption,
    database: str | None = DatabaseOption,
    actor: str = ActorOption,
    as_json: bool = JsonOption,
) -> None:
    """Record a person's grant of support access to a scope, for a time."""
    people = _identities(identity, as_json)
    with _grants(manifest, database, actor, as_json) as grants:
        try:
            given = grants.grant(
                people, scope, grantee=to, reason=reason, days=days, case=case, tenant=tenant
            )
        except KeptError as exc:
            fail(exc, as_json=as_json)
    if as_json:
        print_json(given.as_dict())
        return
    out.print(f"grant {given.id}: {scope} for {escape(to)} until {given.as_dict()['expires_at']}")


@support_app.command("revoke")
def revoke(
    grant_id: str = typer.Argument(..., help="The grant's id (kept support list)."),
    reason: str = typer.Option(..., "--reason", help="Why it ends early."),
    manifest: Path = ManifestOption,
    database: str | None = DatabaseOption,
    actor: str = ActorOption,
    as_json: bool = JsonOption,
) -> None:
    """End a grant now."""
    with _grants(manifest, database, actor, as_json) as grants:
        try:
            ended = grants.revoke(grant_id, reason=reason)
        except KeptError as exc:
            fail(exc, as_json=as_json)
    if as_json:
        print_json(ended.as_dict())
        return
    out.print(f"grant {ended.id} revoked")


@support_app.command("check")
def check(
    identity: list[str] = IdentityOption,
    scope: str = typer.Option(..., "--scope", help="The scope staff want to look at."),
    staff: str = typer.Option(..., "--staff", help="The staff member asking."),
    role: str | None = typer.Option(None, "--role", help="The staff member's role."),
    break_glass: str | None = typer.Option(
        None, "--break-glass", help="Pass without a grant, for this reason (where allowed)."
    ),
    use: bool = typer.Option(
        False, "--use", help="Record this as a use in the audit log (allowed or refused)."
    ),
    manifest: Path = ManifestOption,
    database: str | None = DatabaseOption,
    as_json: bool = JsonOption,
) -> None:
    """May a staff member see this person's data in a scope? Exit 0 yes, 1 no."""
    people = _identities(identity, as_json)
    with _grants(manifest, database, staff, as_json) as grants:
        ask = grants.use if use else grants.may_access
        decision = ask(staff, people, scope, role=role, break_glass=break_glass)
    if as_json:
        print_json(decision.as_dict())
    else:
        verdict = "allowed" if decision.allowed else "refused"
        via = f" (grant {decision.grant_id})" if decision.grant_id else ""
        out.print(f"{verdict}: {decision.reason}{via}")
    raise typer.Exit(0 if decision.allowed else 1)


@support_app.command("list")
def list_grants(
    identity: list[str] = typer.Option(
        [], "--identity", "-i", help="Only this person's grants: KIND=VALUE; repeatable."
    ),
    all_grants: bool = typer.Option(False, "--all", help="Also expired and revoked grants."),
    manifest: Path = ManifestOption,
    database: str | None = DatabaseOption,
    as_json: bool = JsonOption,
) -> None:
    """The grants in force (with --all, every grant); expiries are audited on the way."""
    people = _identities(identity, as_json) if identity else None
    with _grants(manifest, database, "kept", as_json) as grants:
        grants.record_expiries()
        found = grants.grants(people, include_past=all_grants)
    if as_json:
        print_json([g.as_dict() for g in found])
        return
    if not found:
        out.print("no support grant")
        return
    table = Table(
        Column("id", no_wrap=True),
        *(Column(name, overflow="fold") for name in ("scope", "for", "case", "until", "revoked")),
    )
    for g in found:
        table.add_row(
            g.id,
            g.scope,
            escape(g.grantee),
            escape(g.case_ref or ""),
            g.expires_at.strftime("%Y-%m-%d %H:%MZ"),
            g.revoked_at.strftime("%Y-%m-%d %H:%MZ") if g.revoked_at else "",
        )
    out.print(table)
