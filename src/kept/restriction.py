"""Restriction (GDPR Art. 18) and objection (Art. 21): mark a person's rows, check, lift.

A restriction records, in Kept's control-plane database, the rows the traversal finds for the
person (store, collection, primary key) and the purposes they may no longer be used for (none
listed: every purpose but storage). Applications ask :func:`is_restricted` before using a row
for a purpose, or read :func:`restricted_keys` for a collection; lifting records when and why.
Objections are restrictions of kind ``objection``; an objection to a marketing purpose is
absolute (Art. 21(3)) and cannot be lifted by Kept.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from kept.audit import AuditLog
from kept.control import write_transaction
from kept.control.schema import restricted_rows, restrictions, utc_text
from kept.errors import RequestError
from kept.execution.identity import Identity
from kept.execution.plan import traversal_plan
from kept.execution.session import open_traversals
from kept.manifest.loader import LoadedManifest
from kept.stores import StoreEngines
from kept.taxonomy import is_under

__all__ = [
    "Restriction",
    "is_restricted",
    "lift_restriction",
    "restrict",
    "restricted_keys",
    "restriction_for_request",
    "restrictions",
    "row_key",
]


def row_key(values: Mapping[str, Any]) -> str:
    """The stored form of a primary key: JSON of its values in column order."""
    return json.dumps([values[k] for k in values], default=str, separators=(",", ":"))


@dataclass
class Restriction:
    id: str
    kind: str
    request_id: str
    purposes: list[str]
    rows: dict[str, int] = field(default_factory=dict)
    unreachable: list[str] = field(default_factory=list)

    def receipt(self) -> dict[str, Any]:
        return {
            "restriction_id": self.id,
            "kind": self.kind,
            "request_id": self.request_id,
            "purposes": self.purposes,
            "rows": self.rows,
            "unreachable": self.unreachable,
        }


def _now() -> str:
    return utc_text()


def restrict(
    loaded: LoadedManifest,
    control: sa.Engine,
    identities: list[Identity],
    *,
    purposes: list[str],
    reason: str,
    request_id: str,
    kind: str = "restriction",
    actor: str = "kept",
    engines: StoreEngines | None = None,
    tenant: str | None = None,
    audit: bool = True,
) -> Restriction:
    """Record the person's rows as restricted for ``purposes`` (empty: all but storage).

    With ``tenant``, only that tenant's rows (where a table has a tenant column), and the
    restriction is the tenant's. ``audit`` false leaves the receipt to the caller (the
    request worker records it with the request's completion)."""
    manifest = loaded.manifest
    unknown = [p for p in purposes if manifest.purpose(p) is None]
    if unknown:
        raise RequestError(
            f"unknown purpose(s) {unknown}; declared: {[p.key for p in manifest.purposes]}",
            request_id=request_id,
        )
    if kind not in ("restriction", "objection"):
        raise RequestError(f"kind must be restriction or objection, not {kind!r}")
    plan = traversal_plan(manifest, {i.kind for i in identities})
    result = Restriction(f"rst_{uuid.uuid4().hex[:16]}", kind, request_id, sorted(purposes))
    result.unreachable = [str(n) for n in plan.unreachable + plan.unbound]
    found: list[dict[str, str]] = []
    requests = {request_id: identities}
    with open_traversals(
        loaded, plan, requests, materialise=False, engines=engines, tenant=tenant
    ) as walks:
        for step in plan.steps:
            walk = walks[step.store]
            keys = {row_key(row) for _, row in walk.rows(step, walk.pk(step))}
            result.rows[str(step.node)] = len(keys)
            found.extend(
                {"store": step.store, "collection": str(step.node), "row_key": k} for k in keys
            )
    log = AuditLog(control)
    with write_transaction(control) as conn:
        subject = log.subject_ref(str(min(identities)), conn=conn)
        conn.execute(
            restrictions.insert().values(
                id=result.id,
                kind=kind,
                subject_ref=subject,
                request_id=request_id,
                purposes=json.dumps(result.purposes),
                reason=reason,
                tenant=tenant,
                created_at=_now(),
            )
        )
        for start in range(0, len(found), 5000):
            conn.execute(
                restricted_rows.insert(),
                [{"restriction_id": result.id, **row} for row in found[start : start + 5000]],
            )
        if audit:
            log.append(
                actor,
                f"request.{kind}",
                subject_ref=subject,
                tenant=tenant,
                details={**result.receipt(), "reason": reason},
                conn=conn,
            )
    return result


def restriction_for_request(control: sa.Engine, request_id: str) -> Restriction | None:
    """The restriction a request already recorded (a worker resuming a job finds it here)."""
    with control.connect() as conn:
        row = (
            conn.execute(
                sa.select(restrictions)
                .where(restrictions.c.request_id == request_id)
                .order_by(restrictions.c.created_at)
                .limit(1)
            )
            .mappings()
            .one_or_none()
        )
        if row is None:
            return None
        counts = conn.execute(
            sa.select(restricted_rows.c.collection, sa.func.count())
            .where(restricted_rows.c.restriction_id == row["id"])
            .group_by(restricted_rows.c.collection)
        ).all()
    found = Restriction(row["id"], row["kind"], request_id, json.loads(row["purposes"]))
    found.rows = {str(c): int(n) for c, n in counts}
    return found


def lift_restriction(
    loaded: LoadedManifest,
    control: sa.Engine,
    restriction_id: str,
    *,
    reason: str,
    actor: str = "kept",
) -> None:
    """Lift a restriction (the person must be told before, Art. 18(3): say so in ``reason``)."""
    with write_transaction(control) as conn:
        row = (
            conn.execute(sa.select(restrictions).where(restrictions.c.id == restriction_id))
            .mappings()
            .one_or_none()
        )
        if row is None:
            raise RequestError(f"no restriction {restriction_id!r}")
        if row["lifted_at"] is not None:
            raise RequestError(f"restriction {restriction_id} was already lifted")
        purposes = json.loads(row["purposes"])
        marketing = [
            p
            for p in purposes
            if (decl := loaded.manifest.purpose(p)) and is_under(decl.data_use, "marketing")
        ]
        if row["kind"] == "objection" and marketing:
            raise RequestError(
                f"an objection to direct marketing ({', '.join(marketing)}) is absolute "
                "(GDPR Art. 21(3)) and cannot be lifted"
            )
        conn.execute(
            restrictions.update()
            .where(restrictions.c.id == restriction_id)
            .values(lifted_at=_now(), lift_reason=reason)
        )
        AuditLog(control).append(
            actor,
            f"request.{row['kind']}.lifted",
            subject_ref=row["subject_ref"],
            details={"restriction_id": restriction_id, "reason": reason},
            conn=conn,
        )


def _active(purpose: str | None, tenant: str | None = None) -> sa.ColumnElement[bool]:
    condition: sa.ColumnElement[bool] = restrictions.c.lifted_at.is_(None)
    if tenant is not None:  # the tenant's own restrictions and the organisation-wide ones
        condition = sa.and_(
            condition, sa.or_(restrictions.c.tenant.is_(None), restrictions.c.tenant == tenant)
        )
    if purpose is None:
        return condition
    # purposes is a JSON list; "[]" restricts every purpose but storage
    return sa.and_(
        condition,
        sa.or_(
            restrictions.c.purposes == "[]", restrictions.c.purposes.contains(json.dumps(purpose))
        ),
    )


def is_restricted(
    control: sa.Engine,
    store: str,
    collection: str,
    key: Mapping[str, Any],
    purpose: str | None,
    *,
    tenant: str | None = None,
) -> bool:
    """Whether a row may not be used for ``purpose`` (``None``: for anything but storage).

    With ``tenant``, only that tenant's restrictions and the organisation-wide ones count (a
    restriction recorded in another tenant does not stop this one); without it, every one."""
    query = (
        sa.select(sa.literal(1))
        .select_from(restricted_rows.join(restrictions))
        .where(
            restricted_rows.c.store == store,
            restricted_rows.c.collection == collection,
            restricted_rows.c.row_key == row_key(key),
            _active(purpose, tenant),
        )
        .limit(1)
    )
    with control.connect() as conn:
        return conn.execute(query).first() is not None


def restricted_keys(
    control: sa.Engine,
    store: str,
    collection: str,
    purpose: str | None,
    *,
    tenant: str | None = None,
) -> set[str]:
    """The stored keys (see :func:`row_key`) of a collection's rows restricted for a purpose
    (in ``tenant``, if given: as :func:`is_restricted`)."""
    query = (
        sa.select(restricted_rows.c.row_key)
        .distinct()
        .select_from(restricted_rows.join(restrictions))
        .where(
            restricted_rows.c.store == store,
            restricted_rows.c.collection == collection,
            _active(purpose, tenant),
        )
    )
    with control.connect() as conn:
        return {str(r[0]) for r in conn.execute(query)}
