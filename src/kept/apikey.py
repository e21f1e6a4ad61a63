"""API keys: who may call Kept's HTTP API, in which role and, for tenant roles, for which tenant.

A key is shown once, when it is issued (``kept_<id>_<secret>``); the control-plane database
keeps only the SHA-256 of its secret (keys are 256-bit random, so a plain hash is enough; no
password stretching is needed) and compares in constant time. Issuing and revoking are written
to the audit log.

Roles, from most to least powerful:

* ``admin`` — everything, every tenant; issues keys.
* ``privacy_officer`` — every request, receipt and audit entry of every tenant; approves,
  denies and extends requests.
* ``support_agent`` — submits requests on a person's behalf and reads their status; no audit
  log, no approvals.
* ``tenant_admin`` — like a privacy officer, but bound to one tenant: never sees or acts on
  another tenant's anything.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from enum import StrEnum

import sqlalchemy as sa

from kept import keycache
from kept.audit import AuditLog
from kept.control import write_transaction
from kept.control.schema import api_keys, utc_text
from kept.errors import ApiKeyInvalidError, ApiKeyNotFoundError, AuthError

__all__ = [
    "ApiKey",
    "Caller",
    "Role",
    "api_keys",
    "authenticate",
    "issue_key",
    "list_keys",
    "revoke_key",
]

_PREFIX = "kept_"


class Role(StrEnum):
    ADMIN = "admin"
    PRIVACY_OFFICER = "privacy_officer"
    SUPPORT_AGENT = "support_agent"
    TENANT_ADMIN = "tenant_admin"

    @property
    def tenant_scoped(self) -> bool:
        return self is Role.TENANT_ADMIN


@dataclass(frozen=True)
class Caller:
    """An authenticated API caller."""

    key_id: str
    name: str
    role: Role
    tenant: str | None  # set for tenant-scoped roles only

    @property
    def actor(self) -> str:
        """How the caller is named in the audit log."""
        return f"apikey:{self.key_id}"

    def may_see(self, tenant: str | None) -> bool:
        """Whether this caller may see or act on something belonging to ``tenant``."""
        return not self.role.tenant_scoped or tenant == self.tenant


@dataclass(frozen=True)
class ApiKey:
    """A key as listed: never its secret."""

    id: str
    name: str
    role: Role
    tenant: str | None
    created_at: str
    revoked_at: str | None


def issue_key(
    engine: sa.Engine,
    *,
    name: str,
    role: Role | str,
    tenant: str | None = None,
    actor: str = "cli",
) -> tuple[ApiKey, str]:
    """Create a key; returns it and the full key text, which is shown only this once."""
    try:
        role = Role(role)
    except ValueError:
        allowed = ", ".join(r.value for r in Role)
        raise ApiKeyInvalidError(f"unknown role {role!r}; roles are: {allowed}") from None
    if role.tenant_scoped and not tenant:
        raise ApiKeyInvalidError(f"role {role.value!r} needs a tenant")
    if not role.tenant_scoped and tenant:
        raise ApiKeyInvalidError(f"role {role.value!r} is not bound to a tenant; drop the tenant")
    if not name.strip():
        raise ApiKeyInvalidError("a key needs a name saying who or what uses it")
    key_id = secrets.token_hex(8)
    secret = secrets.token_urlsafe(32)
    key = ApiKey(key_id, name.strip(), role, tenant, _now(), None)
    with write_transaction(engine) as conn:
        conn.execute(
            api_keys.insert().values(
                id=key.id,
                name=key.name,
                role=key.role.value,
                tenant=key.tenant,
                secret_hash=_hash(secret),
                created_at=key.created_at,
            )
        )
        AuditLog(engine).append(
            actor,
            "apikey.issued",
            tenant=tenant,
            details={"key_id": key_id, "name": key.name, "role": role.value},
            conn=conn,
        )
    return key, f"{_PREFIX}{key_id}_{secret}"


def authenticate(engine: sa.Engine, presented: str | None) -> Caller:
    """The caller a presented key belongs to; :class:`AuthError` when it is not valid."""
    if not presented:
        raise AuthError("this endpoint needs an API key (header: Authorization: Bearer KEY)")
    parts = presented.strip().split("_", 2)
    if len(parts) != 3 or f"{parts[0]}_" != _PREFIX or not parts[1] or not parts[2]:
        raise AuthError("the API key is malformed (expected kept_<id>_<secret>)")
    _, key_id, secret = parts
    presented_hash = _hash(secret)
    cached = keycache.lookup(id(engine), key_id, presented_hash)
    if cached is not None:  # verified within the last few seconds (kept.keycache)
        return cached
    with engine.connect() as conn:
        row = conn.execute(sa.select(api_keys).where(api_keys.c.id == key_id)).one_or_none()
    # Compare even when the key is unknown, so timing does not tell which ids exist.
    stored = row.secret_hash if row is not None else "0" * 64
    if not hmac.compare_digest(stored, presented_hash) or row is None:
        raise AuthError("the API key is not valid")
    if row.revoked_at is not None:
        raise AuthError(f"the API key {key_id} was revoked at {row.revoked_at}")
    caller = Caller(row.id, row.name, Role(row.role), row.tenant)
    keycache.remember(id(engine), key_id, presented_hash, caller)
    return caller


def list_keys(engine: sa.Engine, *, tenant: str | None = None) -> list[ApiKey]:
    """Every key (or a tenant's), oldest first."""
    stmt = sa.select(api_keys).order_by(api_keys.c.created_at, api_keys.c.id)
    if tenant is not None:
        stmt = stmt.where(api_keys.c.tenant == tenant)
    with engine.connect() as conn:
        return [
            ApiKey(r.id, r.name, Role(r.role), r.tenant, r.created_at, r.revoked_at)
            for r in conn.execute(stmt)
        ]


def revoke_key(engine: sa.Engine, key_id: str, *, actor: str = "cli") -> ApiKey:
    """Revoke a key; revoking a revoked key changes nothing and says when it was revoked."""
    with write_transaction(engine) as conn:
        row = conn.execute(sa.select(api_keys).where(api_keys.c.id == key_id)).one_or_none()
        if row is None:
            raise ApiKeyNotFoundError(f"no API key {key_id!r}")
        revoked_at = row.revoked_at
        if revoked_at is None:
            revoked_at = _now()
            conn.execute(
                api_keys.update().where(api_keys.c.id == key_id).values(revoked_at=revoked_at)
            )
            AuditLog(engine).append(
                actor, "apikey.revoked", tenant=row.tenant, details={"key_id": key_id}, conn=conn
            )
    keycache.forget(key_id)
    return ApiKey(row.id, row.name, Role(row.role), row.tenant, row.created_at, revoked_at)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _now() -> str:
    return utc_text()
