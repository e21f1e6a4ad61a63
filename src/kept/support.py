"""Support-access grants: support staff see a person's data only within a grant.

The manifest's ``support.scopes`` say what support may look at (collections) and whether a
scope needs the person's grant (VIV-23 "extra authorization", VCP-37 remote access). A grant
names the person (kept as a keyed reference, never the identity itself), the staff member or
role it is for, the scope, the reason, the case and an expiry; it ends at its expiry or when
revoked.

:meth:`SupportGrants.may_access` answers ``may this staff member see this person's data in
this scope?`` from an in-memory snapshot of the active grants (reloaded when the table changes,
at most ``refresh_seconds`` late), so it can sit in a support tool's hot path.
:meth:`SupportGrants.use` is the same decision written to the audit log: every grant, every
use (allowed or refused), every revocation and every expiry is audited. A break-glass use
(where the manifest allows it) needs a reason and is always audited.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import sqlalchemy as sa

from kept.audit import AuditLog, AuditRecord, subject_reference
from kept.control import secret_key, write_transaction
from kept.control.schema import UTC_FORMAT, support_grants
from kept.errors import SupportError
from kept.execution.identity import Identity
from kept.manifest.models import Manifest

__all__ = [
    "AccessDecision",
    "Grant",
    "SupportError",
    "SupportGrants",
    "grants_of",
    "support_export",
    "support_grants",
]

_TIME = UTC_FORMAT
_REF_CACHE = 100_000  # keyed references kept in memory (a bounded cache, cleared when full)
_NOT_AUDITED = ("subject_ref", "expiry_recorded", "revoked_at", "revoked_by")


def _format(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime(_TIME)


def _parse(text: str) -> dt.datetime:
    return dt.datetime.strptime(text, _TIME).replace(tzinfo=dt.UTC)


@dataclass(frozen=True)
class Grant:
    id: str
    subject_ref: str
    scope: str
    grantee: str
    reason: str
    case_ref: str | None
    tenant: str | None
    granted_by: str
    granted_at: dt.datetime
    expires_at: dt.datetime
    revoked_at: dt.datetime | None

    def active(self, now: dt.datetime) -> bool:
        return self.revoked_at is None and now < self.expires_at

    def covers(self, staff: str, role: str | None) -> bool:
        """Whether the grant is for this staff member, their role (``role:NAME``) or anyone."""
        return self.grantee in (staff, "*") or (role is not None and self.grantee == f"role:{role}")

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "scope": self.scope,
            "grantee": self.grantee,
            "reason": self.reason,
            "case": self.case_ref,
            "tenant": self.tenant,
            "granted_by": self.granted_by,
            "granted_at": _format(self.granted_at),
            "expires_at": _format(self.expires_at),
            "revoked_at": _format(self.revoked_at) if self.revoked_at else None,
        }

    @classmethod
    def from_row(cls, row: Any) -> Grant:
        return cls(
            id=row.id,
            subject_ref=row.subject_ref,
            scope=row.scope,
            grantee=row.grantee,
            reason=row.reason,
            case_ref=row.case_ref,
            tenant=row.tenant,
            granted_by=row.granted_by,
            granted_at=_parse(row.granted_at),
            expires_at=_parse(row.expires_at),
            revoked_at=_parse(row.revoked_at) if row.revoked_at else None,
        )


@dataclass(frozen=True)
class AccessDecision:
    allowed: bool
    reason: str
    scope: str
    grant_id: str | None = None
    break_glass: bool = False

    def __bool__(self) -> bool:
        return self.allowed

    def as_dict(self) -> dict[str, Any]:
        return {
            "allowed": self.allowed,
            "reason": self.reason,
            "scope": self.scope,
            "grant_id": self.grant_id,
            "break_glass": self.break_glass,
        }


class SupportGrants:
    """Grants in the control database, with an in-memory snapshot for decisions."""

    def __init__(
        self,
        manifest: Manifest,
        control: sa.Engine,
        *,
        actor: str = "kept",
        refresh_seconds: float = 1.0,
    ) -> None:
        self.config = manifest.support
        self.control = control
        self.actor = actor
        self.refresh_seconds = refresh_seconds
        self._lock = threading.Lock()
        self._key: bytes | None = None
        self._by_subject: dict[str, list[tuple[str, str, float, str]]] = {}
        self._scopes = {s.key: s.grant for s in self.config.scopes}
        self._answers = {  # the decisions that name no grant, made once
            key: {
                reason: AccessDecision(reason == "no_grant_needed", reason, key)
                for reason in ("no_grant_needed", "no_grant", "break_glass_not_allowed")
            }
            for key in self._scopes
        }
        self._marker: tuple[Any, ...] | None = None
        self._checked = 0.0
        self._refs: dict[str, str] = {}

    # -- references ----------------------------------------------------------------------

    def _secret(self) -> bytes:
        if self._key is None:
            with self.control.connect() as conn:
                self._key = secret_key(conn)
        return self._key

    def refs(self, identities: Iterable[Identity]) -> list[str]:
        """The keyed references of a person's identities (what grants are stored under)."""
        return sorted({self._ref(i) for i in identities})

    def _ref(self, identity: Identity) -> str:
        text = str(identity)
        ref = self._refs.get(text)
        if ref is None:
            if len(self._refs) >= _REF_CACHE:
                self._refs.clear()
            ref = self._refs[text] = subject_reference(text, self._secret())
        return ref

    # -- writing -------------------------------------------------------------------------

    def grant(
        self,
        identities: list[Identity],
        scope: str,
        *,
        grantee: str,
        reason: str,
        days: float | None = None,
        case: str | None = None,
        tenant: str | None = None,
        now: dt.datetime | None = None,
    ) -> Grant:
        """Record the person's grant; it lasts ``days`` (the manifest's default otherwise),
        never longer than the scope's ``max_days``."""
        if not identities:
            raise SupportError("a grant needs the person's identity (KIND=VALUE)")
        declared = self.config.scope(scope)
        if declared is None:
            known = ", ".join(s.key for s in self.config.scopes) or "none declared"
            raise SupportError(f"unknown support scope {scope!r} (manifest scopes: {known})")
        if not declared.grant:
            raise SupportError(f"scope {scope!r} needs no grant (the manifest says grant: false)")
        if not reason.strip():
            raise SupportError("a grant needs a reason (the case, what the person asked for)")
        if not grantee.strip():
            raise SupportError("a grant names whom it is for: a staff member, role:NAME or *")
        length = days if days is not None else self.config.default_days
        if length <= 0:
            raise SupportError(f"a grant must last more than 0 days, not {length:g}")
        if declared.max_days is not None and length > declared.max_days:
            raise SupportError(
                f"scope {scope!r} allows grants of at most {declared.max_days} days, not {length:g}"
            )
        start = now or dt.datetime.now(dt.UTC)
        refs = self.refs(identities)
        grant_id = f"grt_{uuid.uuid4().hex[:16]}"
        row = {
            "id": grant_id,
            "subject_ref": refs[0],
            "scope": scope,
            "grantee": grantee.strip(),
            "reason": reason.strip(),
            "case_ref": case,
            "tenant": tenant,
            "granted_by": self.actor,
            "granted_at": _format(start),
            "expires_at": _format(start + dt.timedelta(days=length)),
            "revoked_at": None,
            "revoked_by": None,
            "expiry_recorded": False,
        }
        # one row per identity of the person (each keyed), all under the grant's id
        rows = [row] + [
            {**row, "id": f"{grant_id}-{n}", "subject_ref": ref}
            for n, ref in enumerate(refs[1:], 1)
        ]
        with write_transaction(self.control) as conn:
            conn.execute(sa.insert(support_grants), rows)
            AuditLog(self.control).append(
                self.actor,
                "support.grant",
                subject=str(min(identities)),
                tenant=tenant,
                details={k: v for k, v in row.items() if k not in _NOT_AUDITED},
                conn=conn,
            )
        self._marker = None
        return Grant.from_row(SimpleNamespace(**row))

    def revoke(self, grant_id: str, *, reason: str, now: dt.datetime | None = None) -> Grant:
        """End a grant now (and the grants recorded with it for the person's other identities)."""
        moment = _format(now or dt.datetime.now(dt.UTC))
        family = sa.or_(support_grants.c.id == grant_id, support_grants.c.id.like(f"{grant_id}-%"))
        with write_transaction(self.control) as conn:
            row = conn.execute(
                sa.select(support_grants).where(support_grants.c.id == grant_id)
            ).first()
            if row is None:
                raise SupportError(f"no support grant {grant_id!r}")
            if row.revoked_at is not None:
                raise SupportError(f"grant {grant_id} was already revoked at {row.revoked_at}")
            conn.execute(
                sa.update(support_grants)
                .where(family)
                .values(revoked_at=moment, revoked_by=self.actor)
            )
            AuditLog(self.control).append(
                self.actor,
                "support.revoke",
                tenant=row.tenant,
                details={"id": grant_id, "scope": row.scope, "reason": reason},
                conn=conn,
            )
            updated = conn.execute(
                sa.select(support_grants).where(support_grants.c.id == grant_id)
            ).one()
        self._marker = None
        return Grant.from_row(updated)

    def record_expiries(self, now: dt.datetime | None = None) -> list[str]:
        """Audit every grant that has expired since the last call; returns their ids."""
        moment = _format(now or dt.datetime.now(dt.UTC))
        with write_transaction(self.control) as conn:
            rows = conn.execute(
                sa.select(support_grants.c.id, support_grants.c.scope, support_grants.c.tenant)
                .where(
                    support_grants.c.expires_at <= moment,
                    support_grants.c.revoked_at.is_(None),
                    support_grants.c.expiry_recorded.is_(False),
                    ~support_grants.c.id.like("%-%"),
                )
                .order_by(support_grants.c.id)
            ).all()
            if not rows:
                return []
            conn.execute(
                sa.update(support_grants)
                .where(support_grants.c.expires_at <= moment, support_grants.c.revoked_at.is_(None))
                .values(expiry_recorded=True)
            )
            AuditLog(self.control).append_many(
                [
                    AuditRecord(
                        self.actor,
                        "support.expire",
                        tenant=r.tenant,
                        details={"id": r.id, "scope": r.scope},
                    )
                    for r in rows
                ],
                conn=conn,
            )
        return [r.id for r in rows]

    # -- reading -------------------------------------------------------------------------

    def grants(
        self, identities: list[Identity] | None = None, *, include_past: bool = False
    ) -> list[Grant]:
        """The grants of a person (or everyone's), newest first; active ones only by default."""
        with self.control.connect() as conn:
            return grants_of(
                conn, self.refs(identities) if identities else None, include_past=include_past
            )

    def may_access(
        self,
        staff: str,
        identities: list[Identity],
        scope: str,
        *,
        role: str | None = None,
        break_glass: str | None = None,
        now: dt.datetime | None = None,
    ) -> AccessDecision:
        """May ``staff`` (with ``role``) see this person's data in ``scope``? With the reason."""
        needs = self._scopes.get(scope)
        if needs is None:
            return AccessDecision(False, "unknown_scope", scope)
        if not needs:
            return self._answers[scope]["no_grant_needed"]
        moment = now.timestamp() if now is not None else time.time()
        self._refresh()
        keys = (staff, "*", f"role:{role}") if role is not None else (staff, "*")
        for identity in identities:
            for grant_scope, grantee, expires, grant_id in self._by_subject.get(
                self._ref(identity), ()
            ):
                if grant_scope == scope and moment < expires and grantee in keys:
                    return AccessDecision(True, "granted", scope, grant_id)
        if break_glass is not None and break_glass.strip():
            if self.config.break_glass:
                return AccessDecision(True, "break_glass", scope, break_glass=True)
            return self._answers[scope]["break_glass_not_allowed"]
        return self._answers[scope]["no_grant"]

    def use(
        self,
        staff: str,
        identities: list[Identity],
        scope: str,
        *,
        role: str | None = None,
        break_glass: str | None = None,
        tenant: str | None = None,
    ) -> AccessDecision:
        """The decision of :meth:`may_access`, written to the audit log (allowed or not)."""
        decision = self.may_access(staff, identities, scope, role=role, break_glass=break_glass)
        details = {"staff": staff, "role": role} | decision.as_dict()
        if decision.break_glass:
            details["break_glass_reason"] = break_glass
        action = "support.access" if decision.allowed else "support.access_refused"
        AuditLog(self.control).append(
            staff, action, subject=str(min(identities)), tenant=tenant, details=details
        )
        return decision

    def _refresh(self) -> None:
        clock = time.monotonic()
        if self._marker is not None and clock - self._checked < self.refresh_seconds:
            return
        with self._lock:
            with self.control.connect() as conn:
                marker = tuple(
                    conn.execute(
                        sa.select(
                            sa.func.count(),
                            sa.func.max(support_grants.c.granted_at),
                            sa.func.max(support_grants.c.revoked_at),
                        )
                    ).one()
                )
                if marker != self._marker:
                    rows = conn.execute(
                        sa.select(support_grants).where(support_grants.c.revoked_at.is_(None))
                    )
                    by_subject: dict[str, list[tuple[str, str, float, str]]] = {}
                    for row in rows:
                        grant = Grant.from_row(row)
                        by_subject.setdefault(grant.subject_ref, []).append(
                            (
                                grant.scope,
                                grant.grantee,
                                grant.expires_at.timestamp(),
                                grant.id.split("-")[0],
                            )
                        )
                    self._by_subject = by_subject
                    self._marker = marker
            self._checked = clock


_GRANTS_OF = (
    sa.select(support_grants)
    .where(support_grants.c.subject_ref.in_(sa.bindparam("refs", expanding=True)))
    .order_by(support_grants.c.granted_at.desc())
)
"""Some people's grants, newest first (built once: each access request reads them)."""


def grants_of(
    conn: sa.Connection, refs: list[str] | None, *, include_past: bool = False
) -> list[Grant]:
    """:meth:`SupportGrants.grants` of the people with these subject references (None:
    everyone's), on an open connection."""
    if refs is not None:
        rows = conn.execute(_GRANTS_OF, {"refs": refs})
    else:
        stmt = sa.select(support_grants).order_by(support_grants.c.granted_at.desc())
        rows = conn.execute(stmt.where(~support_grants.c.id.like("%-%")))
    now = dt.datetime.now(dt.UTC)
    found = [Grant.from_row(r) for r in rows]
    seen: set[str] = set()
    unique = []
    for g in found:
        base = g.id.split("-")[0]
        if base in seen:
            continue
        seen.add(base)
        unique.append(g)
    return unique if include_past else [g for g in unique if g.active(now)]


def support_export(
    engine: sa.Engine,
    identities: list[Identity],
    *,
    conn: sa.Connection | None = None,
    key: bytes | None = None,
) -> dict[str, Any]:
    """The person's support-access grants, past and present, for their access export; with
    ``conn`` (and Kept's secret ``key``), read on that connection."""
    if conn is None:
        with engine.connect() as own:
            return support_export(engine, identities, conn=own, key=key)
    key = key if key is not None else secret_key(conn)
    refs = sorted({subject_reference(str(i), key) for i in identities}) if identities else None
    return {
        "about": (
            "The support-access grants you gave: which support staff could see which of your "
            "data, why, and until when."
        ),
        "grants": [g.as_dict() for g in grants_of(conn, refs, include_past=True)],
    }
