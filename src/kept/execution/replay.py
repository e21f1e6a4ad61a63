"""Erasures that stay done after a backup is restored.

Every executed erasure leaves one row per identity in ``kept_erasure_log``: the request, the
identity kind, the identity's keyed reference (HMAC-SHA256 with Kept's secret of the
normalised value, never the value), the tenant and the manifest version. After a store is
restored from a backup taken at time T, :func:`replay_erasures` finds the erased people again
among the restored rows and erases them again:

1. the log's entries since T give the (kind, reference) pairs to look for;
2. each identity column of that kind in the manifest is read once (``SELECT DISTINCT``,
   streamed), each value normalised and keyed the same way, and matched against the pairs;
3. the people found are erased as one batch per tenant, with the same engine, retention
   minimums and legal holds as any erasure, and receipted as ``request.erasure.replay``.

A person the restore did not bring back is simply not found, so a replay is idempotent: run
twice, the second run erases nothing.
"""

from __future__ import annotations

import datetime as dt
import hmac
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from kept.audit import AuditLog, AuditRecord
from kept.control import secret_key, write_transaction
from kept.control.schema import UTC_FORMAT, erasure_log
from kept.errors import RequestError
from kept.execution.erasure import ErasureResult, Progress, run_erasure
from kept.execution.identity import Identity, IdentityRule, Method, default_method
from kept.execution.plan import manifest_version, traversal_plan
from kept.execution.retention import holds as legal_holds
from kept.execution.retention import protect
from kept.manifest.loader import LoadedManifest
from kept.stores import StoreEngines

__all__ = [
    "ReplayResult",
    "erasure_log",
    "identity_ref",
    "record_erasure",
    "replay_erasures",
]

_TIME = UTC_FORMAT


def identity_ref(key: bytes, kind: str, value: str, rule: IdentityRule | None = None) -> str:
    """The keyed reference of one identity value, as the erasure log stores it: the kind's
    default rule (the log must not depend on how a later manifest compares values)."""
    normal = _fast_normal(rule or default_rule(kind), value)
    return hmac.digest(key, f"{kind}={normal}".encode(), "sha256").hex()


def default_rule(kind: str) -> IdentityRule:
    return IdentityRule(kind, default_method(kind))


def _fast_normal(rule: IdentityRule, value: str) -> str:
    """The rule's normal form, without Unicode work for a plain ASCII e-mail address (NFC
    changes nothing there and case-folding is lower-casing): the replay keys every stored
    value of an identity column, millions of them."""
    if rule.method is Method.EMAIL and value.isascii():
        return value.strip().lower()
    return rule.normalise(value)


def record_erasure(
    control: sa.Engine,
    requests: Mapping[str, list[Identity]],
    result: ErasureResult,
    *,
    tenant: str | None = None,
    now: dt.datetime | None = None,
    conn: sa.Connection | None = None,
) -> int:
    """Log an executed erasure (never a dry run) for replay; returns the rows written."""
    if result.dry_run:
        return 0
    moment = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).strftime(_TIME)

    def write(c: sa.Connection) -> int:
        key = secret_key(c)
        rows = [
            {
                "request_id": request_id,
                "kind": identity.kind,
                "identity_ref": identity_ref(key, identity.kind, identity.value),
                "tenant": tenant,
                "manifest_version": result.manifest_version,
                "erased_at": moment,
            }
            for request_id, identities in requests.items()
            for identity in sorted(set(identities))
        ]
        if rows:
            c.execute(sa.insert(erasure_log), rows)
        return len(rows)

    if conn is not None:
        return write(conn)
    with write_transaction(control) as own:
        return write(own)


@dataclass
class ReplayResult:
    since: dt.datetime
    logged: int = 0
    requests: int = 0
    found: dict[str, int] = field(default_factory=dict)
    scanned_values: int = 0
    erasures: list[ErasureResult] = field(default_factory=list)
    dry_run: bool = False
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def rows_changed(self) -> int:
        return sum(
            sum(t.before.values()) for e in self.erasures for t in e.tables if t.action != "keep"
        )

    @property
    def verified(self) -> bool:
        return all(e.verified for e in self.erasures) if not self.dry_run else False

    def as_dict(self) -> dict[str, Any]:
        return {
            "since": self.since.astimezone(dt.UTC).strftime(_TIME),
            "dry_run": self.dry_run,
            "logged_identities": self.logged,
            "logged_requests": self.requests,
            "scanned_values": self.scanned_values,
            "found_requests": len(self.found),
            "found": dict(sorted(self.found.items())),
            "rows_changed": self.rows_changed,
            "verified": self.verified,
            "seconds": {k: round(v, 3) for k, v in self.seconds.items()},
        }


def _logged_since(
    control: sa.Engine, since: dt.datetime
) -> tuple[bytes, dict[tuple[str, str], set[tuple[str, str | None]]], int]:
    text = since.astimezone(dt.UTC).strftime(_TIME)
    wanted: dict[tuple[str, str], set[tuple[str, str | None]]] = {}
    with control.connect() as conn:
        key = secret_key(conn)
        rows = conn.execute(
            sa.select(
                erasure_log.c.request_id,
                erasure_log.c.kind,
                erasure_log.c.identity_ref,
                erasure_log.c.tenant,
            ).where(erasure_log.c.erased_at >= text)
        )
        logged = 0
        for row in rows:
            logged += 1
            wanted.setdefault((row.kind, row.identity_ref), set()).add((row.request_id, row.tenant))
    return key, wanted, logged


def replay_erasures(
    loaded: LoadedManifest,
    control: sa.Engine,
    *,
    since: dt.datetime,
    engines: StoreEngines,
    dry_run: bool = False,
    actor: str = "kept",
    progress: Progress | None = None,
    now: dt.datetime | None = None,
) -> ReplayResult:
    """Erase again, in the stores as they are now, everyone erased since ``since``."""
    if since.tzinfo is None:
        raise RequestError("--since needs a time zone (e.g. 2026-12-01T00:00:00Z)")
    key, wanted, logged = _logged_since(control, since)
    result = ReplayResult(since, logged, len({r for v in wanted.values() for r, _ in v}))
    result.dry_run = dry_run
    if not wanted:
        return result
    started = time.perf_counter()
    kinds = sorted({kind for kind, _ in wanted})
    plan = traversal_plan(loaded.manifest, kinds)
    stores = {s.name: s for s in loaded.manifest.stores}
    people: dict[tuple[str, str | None], set[Identity]] = {}
    for step in plan.steps:
        for way in step.ways:
            if way.identity is None:
                continue
            table = sa.table(step.table, sa.column(way.column), schema=stores[step.store].db_schema)
            column = table.c[way.column]
            query = sa.select(column).where(column.is_not(None)).distinct()
            rule = default_rule(way.identity)
            with engines.get(step.store).connect() as conn:
                for (value,) in conn.execution_options(yield_per=5000).execute(query):
                    result.scanned_values += 1
                    text = str(value)
                    ref = identity_ref(key, way.identity, text, rule)
                    for target in wanted.get((way.identity, ref), ()):
                        people.setdefault(target, set()).add(Identity(way.identity, text))
    by_tenant: dict[str | None, dict[str, list[Identity]]] = {}
    for (request_id, tenant), identities in sorted(people.items(), key=lambda i: str(i[0])):
        by_tenant.setdefault(tenant, {})[request_id] = sorted(identities)
        result.found[request_id] = len(identities)
    result.seconds["find"] = time.perf_counter() - started
    started = time.perf_counter()
    holds = legal_holds.active_holds(control, today=now.date() if now else None)
    protection = protect.Protection.build(loaded.manifest, holds, now)
    with control.connect() as conn:
        secret = secret_key(conn)
    for tenant, requests in sorted(by_tenant.items(), key=lambda i: str(i[0])):
        erasure = run_erasure(
            loaded,
            requests,
            dry_run=dry_run,
            secret=secret,
            engines=engines,
            progress=progress,
            protection=protection,
            tenant=tenant,
        )
        result.erasures.append(erasure)
        action = "request.erasure.replay.dry_run" if dry_run else "request.erasure.replay"
        AuditLog(control).append_many(
            [
                AuditRecord(
                    actor,
                    action,
                    subject=str(min(identities)),
                    tenant=tenant,
                    details=erasure.receipt(request_id)
                    | {"replay_of": request_id, "since": result.as_dict()["since"]},
                )
                for request_id, identities in requests.items()
            ]
        )
    result.seconds["erase"] = time.perf_counter() - started
    AuditLog(control).append(
        actor,
        "erasure.replay",
        details=result.as_dict() | {"manifest_version": manifest_version(loaded.manifest)},
    )
    return result
