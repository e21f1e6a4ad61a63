"""Rectification: set given fields to given values on a person's rows, showing before/after.

One UPDATE per table inside one transaction per store, on the rows the traversal finds
(materialised first, like erasure); a dry run shows the same before/after without changing
anything.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import SQLAlchemyError

from kept.errors import RequestError, StoreError
from kept.execution.identity import Identity
from kept.execution.plan import Step, traversal_plan
from kept.execution.session import open_traversals
from kept.execution.traverse import StoreTraversal
from kept.failure import describe
from kept.manifest.datamap import Node
from kept.manifest.loader import LoadedManifest
from kept.stores import StoreEngines

__all__ = ["Change", "RectificationResult", "parse_change", "run_rectification"]


@dataclass(frozen=True)
class Change:
    """Set ``column`` of ``collection`` (``dataset.collection``) to ``value``."""

    dataset: str
    collection: str
    column: str
    value: str | None

    @property
    def node(self) -> Node:
        return Node(self.dataset, self.collection)


def parse_change(text: str) -> Change:
    """``shop.customer.name=Ada Lovelace`` (an empty value after ``=`` sets NULL)."""
    target, sep, value = text.partition("=")
    parts = target.strip().split(".")
    if not sep or len(parts) != 3 or not all(parts):
        raise RequestError(
            f"change {text!r} must be DATASET.COLLECTION.FIELD=VALUE, e.g. shop.customer.name=Ada"
        )
    return Change(parts[0], parts[1], parts[2], value if value != "" else None)


@dataclass
class RectificationResult:
    request_id: str
    dry_run: bool
    changes: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # table → rows
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    matched: bool = True
    """False when the identities match no row at all (``no_match``)."""

    def receipt(self) -> dict[str, Any]:
        """Counts and field names only: the values stay out of the audit log."""
        return {
            "request_id": self.request_id,
            "type": "rectification",
            "dry_run": self.dry_run,
            "tables": {t: {"rows": n} for t, n in self.rows.items()},
            "fields": sorted(
                {c for rows in self.changes.values() for r in rows for c in r["after"]}
            ),
            "seconds": round(self.seconds, 4),
        }


def run_rectification(
    loaded: LoadedManifest,
    identities: list[Identity],
    changes: list[Change],
    *,
    request_id: str,
    dry_run: bool = False,
    engines: StoreEngines | None = None,
    tenant: str | None = None,
) -> RectificationResult:
    """Set the changes on the person's rows (with ``tenant``, on that tenant's rows only where
    a table has a tenant column)."""
    started = time.perf_counter()
    manifest = loaded.manifest
    plan = traversal_plan(manifest, {i.kind for i in identities})
    result = RectificationResult(request_id, dry_run)
    by_node: dict[Node, list[Change]] = {}
    for change in changes:
        collection = manifest.dataset_by_key(change.dataset)
        coll = collection.collection(change.collection) if collection else None
        if coll is None or coll.field(change.column) is None:
            raise RequestError(
                f"{change.dataset}.{change.collection}.{change.column} is not declared "
                "in the manifest",
                request_id=request_id,
            )
        if not any(s.node == change.node for s in plan.steps):
            raise RequestError(
                f"{change.node} cannot be reached from the given identities",
                request_id=request_id,
            )
        by_node.setdefault(change.node, []).append(change)
    requests = {request_id: identities}
    with open_traversals(
        loaded, plan, requests, materialise=True, engines=engines, tenant=tenant
    ) as walks:
        transactions = {name: walk.conn.begin() for name, walk in walks.items()}
        try:
            for step in plan.steps:
                if step.node in by_node:
                    _rectify_step(walks[step.store], step, by_node[step.node], result, dry_run)
            for name in reversed(list(walks)):
                walks[name].drop()
                if not dry_run:
                    transactions[name].commit()
        except SQLAlchemyError as exc:
            reason = describe(exc)
            raise StoreError(step.store, f"rectification rolled back: {reason}") from exc
        finally:
            for transaction in transactions.values():
                if transaction.is_active:
                    transaction.rollback()
    result.seconds = time.perf_counter() - started
    return result


def _rectify_step(
    walk: StoreTraversal,
    step: Step,
    changes: list[Change],
    result: RectificationResult,
    dry_run: bool,
) -> None:
    sets = {c.column: c.value for c in changes}
    pk = walk.pk(step)
    before = [row for _, row in walk.rows(step, [*pk, *sets], stream=False)]
    label = str(step.node)
    result.rows[label] = len(before)
    result.changes[label] = [
        {"key": {k: row[k] for k in pk}, "before": {c: row[c] for c in sets}, "after": sets}
        for row in before
    ]
    if not dry_run and before:
        t = walk.table(step, list(sets))
        walk.conn.execute(sa.update(t).where(walk.where_matched(step, t)).values(sets))
