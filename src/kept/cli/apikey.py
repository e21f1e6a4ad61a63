"""``kept apikey``: issue, list and revoke the API keys staff use with the HTTP API.

Thin commands over :mod:`kept.apikey`. The full key is printed once, when it is issued.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Column, Table

from kept.apikey import ApiKey, Role, issue_key, list_keys, revoke_key
from kept.cli import app
from kept.cli._common import DatabaseOption, JsonOption, ManifestOption, fail, out, print_json
from kept.control import control_url, open_control
from kept.errors import KeptError

__all__ = ["apikey_app"]

apikey_app = typer.Typer(
    help="API keys for the HTTP API: issue one for a role (and tenant), list, revoke.",
    no_args_is_help=True,
)
app.add_typer(apikey_app, name="apikey")

_ROLES = ", ".join(r.value for r in Role)


@apikey_app.command("create")
def create(
    name: str = typer.Option(..., "--name", help="Who or what uses the key."),
    role: str = typer.Option(..., "--role", help=f"One of: {_ROLES}."),
    tenant: str | None = typer.Option(None, "--tenant", help="The tenant, for tenant_admin."),
    manifest: Path = ManifestOption,
    database: str | None = DatabaseOption,
    as_json: bool = JsonOption,
) -> None:
    """Issue a key; the key is printed once and cannot be shown again."""
    try:
        engine = open_control(database or control_url(manifest))
        try:
            key, text = issue_key(engine, name=name, role=role, tenant=tenant)
        finally:
            engine.dispose()
    except KeptError as exc:
        fail(exc, as_json=as_json)
    if as_json:
        print_json({**_as_dict(key), "key": text})
        return
    out.print(f"issued key {key.id} ({key.role.value}) for {escape(key.name)}")
    out.print(f"key: {text}")
    out.print("store it now: Kept keeps only its hash and cannot show it again")


@apikey_app.command("list")
def list_(
    tenant: str | None = typer.Option(None, "--tenant", help="Only this tenant's keys."),
    manifest: Path = ManifestOption,
    database: str | None = DatabaseOption,
    as_json: bool = JsonOption,
) -> None:
    """Every key: id, name, role, tenant, when issued and revoked (never the secret)."""
    try:
        engine = open_control(database or control_url(manifest))
        try:
            keys = list_keys(engine, tenant=tenant)
        finally:
            engine.dispose()
    except KeptError as exc:
        fail(exc, as_json=as_json)
    if as_json:
        print_json([_as_dict(k) for k in keys])
        return
    if not keys:
        out.print("no API keys; issue one with: kept apikey create --name NAME --role ROLE")
        return
    table = Table(
        Column("id", no_wrap=True),
        *(
            Column(name, overflow="fold")
            for name in ("name", "role", "tenant", "issued", "revoked")
        ),
    )
    for key in keys:
        table.add_row(
            key.id,
            escape(key.name),
            key.role.value,
            escape(key.tenant or ""),
            key.created_at,
            key.revoked_at or "",
        )
    out.print(table)


@apikey_app.command("revoke")
def revoke(
    key_id: str = typer.Argument(..., help="The key's id (the part after kept_)."),
    manifest: Path = ManifestOption,
    database: str | None = DatabaseOption,
    as_json: bool = JsonOption,
) -> None:
    """Revoke a key; it stops working at once. Revoking twice changes nothing."""
    try:
        engine = open_control(database or control_url(manifest))
        try:
            key = revoke_key(engine, key_id)
        finally:
            engine.dispose()
    except KeptError as exc:
        fail(exc, as_json=as_json)
    if as_json:
        print_json(_as_dict(key))
    else:
        out.print(f"key {key.id} revoked at {key.revoked_at}")


def _as_dict(key: ApiKey) -> dict[str, object]:
    return {**asdict(key), "role": key.role.value}
