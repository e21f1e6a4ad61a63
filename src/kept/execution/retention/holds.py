"""Legal holds: a person's, a tenant's or a dataset's data that nothing may delete for now.

A hold has a scope (``person`` with the person's identities, ``tenant`` with the tenant value,
``dataset`` with its key), a reason and an optional end date; it is released explicitly or
lapses at its end. While a hold is active, the retention sweep skips the rows it covers, and an
erasure request keeps them, each saying so in its receipt.

The person's identities are stored in the hold (Kept needs them to find the person's rows at
every sweep); the audit log records only the subject reference, as everywhere.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

import sqlalchemy as sa

from kept.audit import AuditLog, normalise_identity
from kept.control import write_transaction
from kept.control.schema import legal_holds, utc_text
from kept.errors import RetentionError
from kept.execution.identity import Identity, parse_identity
from kept.manifest.datamap import DataMap
from kept.manifest.models import Manifest

__all__ = [
    "Hold",
    "Scope",
    "active_holds",
    "holds_for_identities",
    "legal_holds",
    "place_hold",
    "release_hold",
]

Scope = Literal["person", "tenant", "dataset"]
SCOPES: tuple[Scope, ...] = ("person", "tenant", "dataset")


@dataclass(frozen=True)
class Hold:
    """An active or past legal hold."""

    id: str
    scope: Scope
    reason: str
    placed_at: str
    identities: tuple[Identity, ...] = ()
    tenant: str | None = None
    dataset: str | None = None
    ends_on: dt.date | None = None
    released_at: str | None = None

    @property
    def ground(self) -> str:
        """How a receipt names the hold."""
        until = f" until {self.ends_on}" if self.ends_on else ""
        return f"legal hold {self.id}{until}: {self.reason}"

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready view without the person's identities (only their kinds)."""
        return {
            "id": self.id,
            "scope": self.scope,
            "reason": self.reason,
            "placed_at": self.placed_at,
            "identity_kinds": sorted({i.kind for i in self.identities}),
            "tenant": self.tenant,
            "dataset": self.dataset,
            "ends_on": self.ends_on.isoformat() if self.ends_on else None,
            "released_at": self.released_at,
        }


def _now() -> str:
    return utc_text()


def place_hold(
    control: sa.Engine,
    *,
    reason: str,
    identities: Iterable[Identity] = (),
    tenant: str | None = None,
    dataset: str | None = None,
    ends_on: dt.date | None = None,
    actor: str = "kept",
    manifest: Manifest | None = None,
) -> Hold:
    """Place a hold on exactly one of: a person (``identities``), a ``tenant``, a ``dataset``.

    With ``manifest``, the identity kinds and the dataset must be ones it declares (a hold that
    could match nothing is refused).
    """
    ids = tuple(sorted(set(identities), key=str))
    if manifest is not None:
        _check_scope(manifest, ids, dataset)
    given = [bool(ids), tenant is not None, dataset is not None]
    if sum(given) != 1:
        raise RetentionError(
            "a legal hold covers exactly one of: a person (--identity), a tenant (--tenant) "
            "or a dataset (--dataset)"
        )
    if not reason.strip():
        raise RetentionError("a legal hold needs a reason (e.g. the case or investigation)")
    scope: Scope = "person" if ids else "tenant" if tenant is not None else "dataset"
    hold = Hold(
        f"hold_{uuid.uuid4().hex[:16]}",
        scope,
        reason,
        _now(),
        ids,
        tenant,
        dataset,
        ends_on,
    )
    log = AuditLog(control)
    with write_transaction(control) as conn:
        subject = log.subject_ref(str(min(ids)), conn=conn) if ids else None
        conn.execute(
            legal_holds.insert().values(
                id=hold.id,
                scope=scope,
                identities=json.dumps([str(i) for i in ids]) if ids else None,
                subject_ref=subject,
                tenant=tenant,
                dataset=dataset,
                reason=reason,
                placed_by=actor,
                placed_at=hold.placed_at,
                ends_on=ends_on,
            )
        )
        log.append(
            actor,
            "retention.hold.placed",
            subject_ref=subject,
            tenant=tenant,
            details={k: v for k, v in hold.as_dict().items() if k != "released_at"},
            conn=conn,
        )
    return hold


def _check_scope(manifest: Manifest, ids: tuple[Identity, ...], dataset: str | None) -> None:
    kinds = {kind for fields in DataMap.build(manifest).identities.values() for _, kind in fields}
    unknown = sorted({i.kind for i in ids} - kinds)
    if unknown:
        raise RetentionError(
            f"identity kind(s) {', '.join(unknown)} are not declared in the manifest "
            f"(declared: {', '.join(sorted(kinds)) or 'none'})"
        )
    if dataset is not None and manifest.dataset_by_key(dataset) is None:
        known = ", ".join(d.fides_key for d in manifest.dataset)
        raise RetentionError(f"unknown dataset {dataset!r} (the manifest has: {known})")


def release_hold(control: sa.Engine, hold_id: str, *, reason: str, actor: str = "kept") -> None:
    """Release a hold: from now on its rows follow the retention rules again."""
    with write_transaction(control) as conn:
        row = (
            conn.execute(sa.select(legal_holds).where(legal_holds.c.id == hold_id))
            .mappings()
            .one_or_none()
        )
        if row is None:
            raise RetentionError(f"no legal hold {hold_id!r}")
        if row["released_at"] is not None:
            raise RetentionError(f"legal hold {hold_id} was already released")
        conn.execute(
            legal_holds.update()
            .where(legal_holds.c.id == hold_id)
            .values(released_at=_now(), release_reason=reason)
        )
        AuditLog(control).append(
            actor,
            "retention.hold.released",
            subject_ref=row["subject_ref"],
            tenant=row["tenant"],
            details={"hold_id": hold_id, "reason": reason},
            conn=conn,
        )


def _hold(row: Any) -> Hold:
    ids = tuple(parse_identity(v) for v in json.loads(row["identities"] or "[]"))
    ends = row["ends_on"]
    if isinstance(ends, str):
        ends = dt.date.fromisoformat(ends)
    return Hold(
        row["id"],
        row["scope"],
        row["reason"],
        row["placed_at"],
        ids,
        row["tenant"],
        row["dataset"],
        ends,
        row["released_at"],
    )


def active_holds(
    control: sa.Engine, *, today: dt.date | None = None, include_past: bool = False
) -> list[Hold]:
    """Holds in force on ``today`` (not released, not past their end), oldest first."""
    day = today or dt.datetime.now(dt.UTC).date()
    query = sa.select(legal_holds).order_by(legal_holds.c.placed_at, legal_holds.c.id)
    if not include_past:
        query = query.where(
            legal_holds.c.released_at.is_(None),
            sa.or_(legal_holds.c.ends_on.is_(None), legal_holds.c.ends_on >= day),
        )
    with control.connect() as conn:
        return [_hold(row) for row in conn.execute(query).mappings()]


def holds_for_identities(holds: Iterable[Hold], identities: Iterable[Identity]) -> list[Hold]:
    """The person holds that share an identity with ``identities`` (normalised comparison)."""
    wanted = {(i.kind, normalise_identity(v)) for i in identities for v in i.variants}
    return [
        h
        for h in holds
        if h.scope == "person"
        and any((i.kind, normalise_identity(v)) in wanted for i in h.identities for v in i.variants)
    ]
