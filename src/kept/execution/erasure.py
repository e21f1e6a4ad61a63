"""Erasure: set-based UPDATE and DELETE statements, one transaction per store, verified.

For each store: the matched keys of every step are materialised first (nothing has changed
yet), counted and, for a dry run, digested; then one UPDATE per table applies the field actions
(``hash``/``hmac`` values come from a temporary mapping of the distinct originals, so there is
still one statement per table), DELETEs run children before parents, and the rows are
re-checked inside the transaction: a single erasable value left rolls everything back. After the
commit, the identities are looked up again and what is still reachable is checked once more.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import SQLAlchemyError

from kept.errors import PlanChangedError, RequestError, StoreError
from kept.execution.actions import FieldAction, TableAction, resolve_actions
from kept.execution.conflict import conflicts, full_deletion_promise
from kept.execution.delink import (
    Delink,
    apply_delinks,
    check_delinks,
    drop_snapshots,
    plan_delinks,
)
from kept.execution.identity import Identity
from kept.execution.plan import TraversalPlan, traversal_plan
from kept.execution.preflight import preflight, statement_problem
from kept.execution.protected import keep_protected
from kept.execution.retention import protect
from kept.execution.session import open_traversals
from kept.execution.shared import keep_shared, shared_condition
from kept.execution.traverse import StoreTraversal
from kept.manifest.loader import LoadedManifest
from kept.manifest.masking import mask_column
from kept.manifest.models import ErasureAction
from kept.manifest.request_policy import RequestPolicy
from kept.stores import StoreEngines

__all__ = ["ErasureResult", "Progress", "TableOutcome", "run_erasure"]

Progress = Callable[[str, int, int], None]
"""Told ``(what was just done, steps done, steps in all)`` as an erasure advances."""


class _Ticker:
    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress, self.total, self.done = progress, total, 0

    def tick(self, what: str) -> None:
        self.done += 1
        if self.progress is not None:
            self.progress(what, min(self.done, self.total), self.total)


@dataclass
class TableOutcome:
    table: str
    store: str
    action: str
    fields: list[str] = field(default_factory=list)
    kept_fields: dict[str, str] = field(default_factory=dict)
    ground: str | None = None
    before: dict[str, int] = field(default_factory=dict)
    after: dict[str, int] = field(default_factory=dict)
    remaining: int = 0
    sample: list[dict[str, Any]] = field(default_factory=list)
    held: dict[str, int] = field(default_factory=dict)
    held_grounds: list[str] = field(default_factory=list)
    delinked: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "table": self.table,
            "store": self.store,
            "action": self.action,
            "fields": self.fields,
            "kept_fields": self.kept_fields,
            "ground": self.ground,
            "rows_before": sum(self.before.values()),
            "rows_after": sum(self.after.values()),
            "erasable_values_remaining": self.remaining,
            "rows_held": sum(self.held.values()),
            "held_grounds": self.held_grounds,
            "delinked": self.delinked,
        }


@dataclass
class ErasureResult:
    requests: dict[str, list[Identity]]
    manifest_version: str
    dry_run: bool
    plan_hash: str = ""
    tables: list[TableOutcome] = field(default_factory=list)
    unreachable: list[str] = field(default_factory=list)
    verified: bool = False
    seconds: dict[str, float] = field(default_factory=dict)
    policy: str | None = None
    promise: str | None = None
    """The manifest's promise of full deletion, if it makes one."""
    problems: list[str] = field(default_factory=list)
    """Why the plan cannot run (a de-link a column cannot take, a statement the dry run saw
    fail); each names table, column or constraint, never a row's values."""

    @property
    def executable(self) -> bool:
        return not self.problems

    def receipt(self, request_id: str) -> dict[str, Any]:
        """One person's receipt: counts, fields, kept rows and grounds; no personal data."""
        tables = []
        for t in self.tables:
            before, after = t.before.get(request_id, 0), t.after.get(request_id, 0)
            if before or after:
                entry = t.as_dict()
                entry["rows_before"], entry["rows_after"] = before, after
                entry["rows_held"] = t.held.get(request_id, 0)
                tables.append(entry)
        found = conflicts(self.promise, self.tables, request_id)
        return {
            "request_id": request_id,
            "type": "erasure",
            "outcome": "conflict" if found else "erased",
            "conflicts": found,
            "dry_run": self.dry_run,
            "manifest_version": self.manifest_version,
            "plan_hash": self.plan_hash,
            "tables": tables,
            "unreachable": self.unreachable,
            "verified": self.verified,
            "policy": self.policy,
            "executable": self.executable,
            "problems": self.problems,
            "seconds": {k: round(v, 4) for k, v in self.seconds.items()},
        }


def run_erasure(
    loaded: LoadedManifest,
    requests: Mapping[str, list[Identity]],
    *,
    dry_run: bool = False,
    expected_plan: str | None = None,
    secret: bytes | None = None,
    sample_rows: int = 0,
    engines: StoreEngines | None = None,
    progress: Progress | None = None,
    protection: protect.Protection | None = None,
    tenant: str | None = None,
    policy: RequestPolicy | None = None,
) -> ErasureResult:
    """Erase the people of ``requests`` (request id → identities) from every store (with
    ``tenant``, from that tenant's rows only where a table has a tenant column).

    Rows a retention minimum, an indefinite keep or a legal hold protects (``protection``;
    by default the manifest's retention rules measured now) are kept and counted per request.
    ``progress`` is told of each table found, changed and verified. With a request
    ``policy``, only the fields its erasure rules target change.

    ``secret`` (Kept's secret key: :attr:`kept.app.Kept.secret`) keys the hashes that replace
    values and the masking strategies that need a key; an erasure that changes data needs it
    (a dry run changes nothing and does not).
    """
    if not requests:
        raise RequestError("no request to run")
    if not dry_run and not secret:
        raise RequestError("an erasure needs Kept's secret key (secret=...); none was given")
    started = time.perf_counter()
    manifest = loaded.manifest
    protection = protection or protect.Protection.build(manifest)
    kinds = {i.kind for ids in requests.values() for i in ids}
    plan = traversal_plan(manifest, kinds)
    result = ErasureResult(dict(requests), plan.version, dry_run)
    result.promise = full_deletion_promise(manifest)
    result.unreachable = [str(n) for n in plan.unreachable + plan.unbound]
    result.policy = policy.name_key if policy else None
    digest = hashlib.sha256(plan.version.encode())
    for people in sorted(_canonical(requests).values()):
        digest.update(people.encode())
    ticker = _Ticker(progress, len(plan.steps) * (1 if dry_run else 3))
    with open_traversals(
        loaded, plan, requests, materialise=True, engines=engines, tenant=tenant
    ) as walks:
        runs = [
            _StoreErasure(
                walk, dict(requests), secret or b"", sample_rows, protection, ticker, policy
            )
            for walk in walks.values()
        ]
        _run_in_transactions(runs, result, digest, dry_run, expected_plan)
    if dry_run or expected_plan is not None:
        result.plan_hash = digest.hexdigest()[:24]
    result.seconds["execute"] = time.perf_counter() - started
    if not dry_run:
        checked = time.perf_counter()
        _verify_after(
            loaded, plan, dict(requests), result, engines, protection, ticker, tenant, policy
        )
        result.verified = all(t.remaining == 0 for t in result.tables)
        result.seconds["verify"] = time.perf_counter() - checked
    return result


def _run_in_transactions(
    runs: list[_StoreErasure],
    result: ErasureResult,
    digest: Any,
    dry_run: bool,
    expected_plan: str | None,
) -> None:
    """Every store's keys first (nothing changed yet), then the changes, then the commits:
    stores reached later are committed first, so a crash between two commits leaves the
    earlier stores' identities in place and a re-run completes the request."""
    transactions = [run.walk.conn.begin() for run in runs]
    try:
        for run in runs:
            result.tables.extend(run.prepare())
            result.problems.extend(run.problems)
        if result.problems and not dry_run:
            raise RequestError("erasure refused before any change: " + "; ".join(result.problems))
        if dry_run or expected_plan is not None:  # reading every row costs: only then
            for run in runs:
                run.digest(digest)
        if dry_run:
            _rehearse(runs, result)
            return
        if expected_plan is not None and digest.hexdigest()[:24] != expected_plan:
            raise PlanChangedError(
                f"the data changed since plan {expected_plan}: run the dry run again and "
                "approve the new plan"
            )
        for run in runs:
            run.apply_and_check()
        for run, transaction in reversed(list(zip(runs, transactions, strict=True))):
            run.walk.drop()
            transaction.commit()
    except SQLAlchemyError as exc:
        reason = statement_problem(runs[0].walk.store, exc)
        raise StoreError(runs[0].walk.store, f"erasure rolled back: {reason}") from exc
    finally:
        for transaction in transactions:
            if transaction.is_active:
                transaction.rollback()


def _rehearse(runs: list[_StoreErasure], result: ErasureResult) -> None:
    """A dry run executes the real statements inside the transactions that are then rolled
    back: whatever would fail fails here, and the plan is marked not executable."""
    if result.problems:
        return
    for run in runs:
        try:
            run.apply_and_check()
        except SQLAlchemyError as exc:
            result.problems.append(statement_problem(run.walk.store, exc))
            return
        except RequestError as exc:
            result.problems.append(str(exc))
            return


class _StoreErasure:
    """One store's part of an erasure, inside that store's transaction."""

    def __init__(
        self,
        walk: StoreTraversal,
        requests: dict[str, list[Identity]],
        secret: bytes,
        sample_rows: int,
        protection: protect.Protection,
        ticker: _Ticker,
        policy: RequestPolicy | None = None,
    ) -> None:
        self.walk, self.requests = walk, requests
        self.policy = policy
        self.secret, self.sample_rows = secret, sample_rows
        self.protection = protection
        self.ticker = ticker
        self.actions: list[TableAction] = []
        self.outcomes: list[TableOutcome] = []
        self.delinks: list[Delink] = []
        self.problems: list[str] = []

    def prepare(self) -> list[TableOutcome]:
        """Materialise the keys, resolve the actions, count the rows."""
        self.actions = [resolve_actions(step, self.policy) for step in self.walk.steps]
        self._protect_references(self.walk, self.actions)
        self.delinks = plan_delinks(self.walk, self.actions)  # before any key is taken out
        self.outcomes = []
        held = self.protection.held_requests(self.requests)
        for action in self.actions:
            outcome = self._outcome(self.walk, action)
            self.outcomes.append(outcome)
            if action.changes:  # all keys exist now: removing some cannot hide later rows
                keep_protected(
                    self.walk,
                    action.step,
                    self.protection,
                    held,
                    outcome.held,
                    outcome.held_grounds,
                )
                keep_shared(self.walk, action.step, outcome.held, outcome.held_grounds)
            self.ticker.tick(f"found {action.step.node}")
        self.problems = check_delinks(self.walk, self.delinks)
        found = {o.table: sum(o.before.values()) for o in self.outcomes}
        self.problems.extend(preflight(self.walk, self.actions, found))
        by_step = {o.table: o for o in self.outcomes}
        for delink in self.delinks:
            if delink.rows:
                by_step[str(delink.child.step.node)].delinked.append(delink.describe())
        return self.outcomes

    def digest(self, digest: Any) -> None:
        for action, outcome in zip(self.actions, self.outcomes, strict=True):
            self._digest(self.walk, action, outcome, digest)

    def apply_and_check(self) -> None:
        originals = self._apply(self.walk, self.actions)
        for action, outcome in zip(self.actions, self.outcomes, strict=True):
            outcome.remaining = _remaining(self.walk, action, originals, after_delete=True)
            self.ticker.tick(f"{action.row} {action.step.node}")
        left = sum(o.remaining for o in self.outcomes)
        if left:
            raise RequestError(
                f"store {self.walk.store!r}: {left} erasable values remained inside the "
                "transaction; nothing was changed"
            )

    def _outcome(self, walk: StoreTraversal, action: TableAction) -> TableOutcome:
        step = action.step
        outcome = TableOutcome(
            table=str(step.node),
            store=self.walk.store,
            action=action.row,
            fields=[f"{f.column}:{f.label}" for f in action.fields],
            kept_fields={f.column: f.ground or "" for f in action.kept_fields},
            ground=action.ground,
            before=walk.count(step),
        )
        if self.sample_rows and action.changes:
            columns = list(dict.fromkeys([*walk.pk(step), *(f.column for f in action.fields)]))
            for n, (_, row) in enumerate(walk.rows(step, columns, stream=False)):
                if n >= self.sample_rows:
                    break
                outcome.sample.append(row)
        return outcome

    def _digest(
        self, walk: StoreTraversal, action: TableAction, outcome: TableOutcome, digest: Any
    ) -> None:
        counts = sorted((_canonical(self.requests)[r], n) for r, n in outcome.before.items())
        digest.update(json.dumps([outcome.as_dict(), counts], sort_keys=True).encode())
        if not action.changes:
            return
        columns = list(dict.fromkeys([*walk.pk(action.step), *(f.column for f in action.fields)]))
        canonical = _canonical(self.requests)
        rows = sorted(
            json.dumps([canonical[req], row], sort_keys=True, default=str)
            for req, row in walk.rows(action.step, columns, ordered=True)
        )
        for row_text in rows:
            digest.update(row_text.encode())

    def _protect_references(self, walk: StoreTraversal, actions: list[TableAction]) -> None:
        """A kept or updated row must not point at a deleted one: null such references."""
        deleted = {a.step.table for a in actions if a.row == "delete"}
        if not deleted:
            return
        info = walk.schema_info()
        for action in actions:
            if action.row == "delete":
                continue
            table = info.tables.get(action.step.table)
            for columns, referred, _ in table.foreign_keys if table else []:
                if referred not in deleted:
                    continue
                if action.row == "keep":
                    continue  # its rows are de-linked (kept.execution.delink)
                have = {f.column for f in action.fields}
                for column in columns:
                    if column not in have:
                        action.fields.append(FieldAction(column, ErasureAction.NULLIFY))

    def _apply(self, walk: StoreTraversal, actions: list[TableAction]) -> dict[str, set[str]]:
        originals: dict[str, set[str]] = {}
        for action in actions:
            if action.row == "update" and action.fields:
                self._update(walk, action, originals)
        apply_delinks(walk, self.delinks)
        drop_snapshots(walk, self.delinks)
        for action in _delete_order(walk, [a for a in actions if a.row == "delete"]):
            t = walk.table(action.step)
            walk.conn.execute(sa.delete(t).where(walk.where_matched(action.step, t)))
        return originals

    def _update(
        self, walk: StoreTraversal, action: TableAction, originals: dict[str, set[str]]
    ) -> None:
        step = action.step
        t = walk.table(step, [f.column for f in action.fields])
        values: dict[str, Any] = {}
        for fa in action.fields:
            if fa.action is ErasureAction.NULLIFY:
                values[fa.column] = None
            elif fa.action is ErasureAction.FIXED:
                values[fa.column] = fa.value
            elif fa.masking is not None:
                masked = mask_column(walk, step, t, fa.column, fa.masking, self.secret, originals)
                if masked is not None:
                    values[fa.column] = masked
            else:
                mapping = self._hash_table(walk, action, fa, originals)
                values[fa.column] = (
                    sa.select(mapping.c.h).where(mapping.c.v == t.c[fa.column]).scalar_subquery()
                )
        if values:
            walk.conn.execute(sa.update(t).where(walk.where_matched(step, t)).values(values))

    def _hash_table(
        self,
        walk: StoreTraversal,
        action: TableAction,
        fa: FieldAction,
        originals: dict[str, set[str]],
    ) -> sa.TableClause:
        step = action.step
        seen: set[str] = set()
        for _, row in walk.rows(step, [fa.column], stream=False):
            if row[fa.column] is not None:
                seen.add(str(row[fa.column]))
        originals[f"{step.index}.{fa.column}"] = seen
        name = f"kept_h{step.index}_{uuid.uuid4().hex[:6]}"
        walk.conn.exec_driver_sql(
            f"CREATE TEMPORARY TABLE {name} (v VARCHAR(1024), h VARCHAR(128))"
        )
        mapping = sa.table(name, sa.column("v"), sa.column("h"))
        rows = [{"v": v, "h": self._hash(fa.action, v)} for v in sorted(seen)]
        if rows:
            walk.conn.execute(mapping.insert(), rows)
        return mapping

    def _hash(self, action: ErasureAction, value: str) -> str:
        if action is ErasureAction.HMAC:
            return hmac.new(self.secret, value.encode(), hashlib.sha256).hexdigest()
        return hashlib.sha256(value.encode()).hexdigest()


def _canonical(requests: Mapping[str, list[Identity]]) -> dict[str, str]:
    """Each request as its sorted identities: plan hashes must not depend on request ids."""
    return {req: json.dumps(sorted(map(str, ids))) for req, ids in requests.items()}


def _delete_order(walk: StoreTraversal, deletes: list[TableAction]) -> list[TableAction]:
    """Children (tables with foreign keys to other deleted tables) before their parents."""
    if len(deletes) < 2:
        return deletes
    names = {a.step.table for a in deletes}
    info = walk.schema_info()
    parents = {
        a.step.table: {ref for _, ref, _ in info.tables[a.step.table].foreign_keys if ref in names}
        if a.step.table in info.tables
        else set()
        for a in deletes
    }
    ordered: list[TableAction] = []
    remaining = list(deletes)
    while remaining:
        # a table can go when no other remaining table references it
        ready = [
            a
            for a in remaining
            if not any(a.step.table in parents[b.step.table] for b in remaining if b is not a)
        ]
        if not ready:
            ready = remaining[:1]  # a cycle: let the database decide
        for a in ready:
            ordered.append(a)
            remaining.remove(a)
    return ordered


def _remaining(
    walk: StoreTraversal, action: TableAction, originals: dict[str, set[str]], *, after_delete: bool
) -> int:
    """Erasable values still present in the matched rows (0 after a correct erasure)."""
    step = action.step
    if action.row == "keep" or not action.changes:
        return 0
    t = walk.table(step, [f.column for f in action.fields])
    if action.row == "delete":
        query = sa.select(sa.func.count()).select_from(t).where(walk.where_matched(step, t))
        return int(walk.conn.execute(query).scalar_one()) if after_delete else 0
    return _count_left(walk, step, t, action.fields, originals)


def _count_left(
    walk: StoreTraversal,
    step: Any,
    t: sa.TableClause,
    fields: list[FieldAction],
    originals: dict[str, set[str]],
    keep: sa.ColumnElement[bool] | None = None,
) -> int:
    """One statement per table: the matched rows' values that are not in their erased state
    (leaving out the rows ``keep`` selects: those retention or a legal hold protects)."""
    counts = []
    for fa in fields:
        col = t.c[fa.column]
        if fa.action is ErasureAction.NULLIFY:
            left: sa.ColumnElement[bool] = col.is_not(None)
        elif fa.action is ErasureAction.FIXED:
            left = sa.or_(col.is_(None), col != fa.value)
        else:
            values = originals.get(f"{step.index}.{fa.column}", set())
            if not values:
                continue
            left = col.in_(sorted(values))
        counts.append(sa.func.coalesce(sa.func.sum(sa.case((left, 1), else_=0)), 0))
    if not counts:
        return 0
    where = walk.where_matched(step, t)
    if keep is not None:
        where = sa.and_(where, sa.not_(keep))
    query = sa.select(*counts).select_from(t).where(where)
    return sum(int(v or 0) for v in walk.conn.execute(query).one())


def _verify_after(
    loaded: LoadedManifest,
    plan: TraversalPlan,
    requests: dict[str, list[Identity]],
    result: ErasureResult,
    engines: StoreEngines | None,
    protection: protect.Protection,
    ticker: _Ticker,
    tenant: str | None,
    policy: RequestPolicy | None = None,
) -> None:
    """After the commit: look the identities up again; what is found must hold no erasable
    value (rows kept with a ground, or protected by retention or a legal hold, are expected)."""
    by_table = {t.table: t for t in result.tables}
    held = protection.held_requests(requests)
    for table in result.tables:
        for request_id in held:  # a held person's rows all stay
            table.after[request_id] = table.before.get(request_id, 0)
    checked = {r: ids for r, ids in requests.items() if r not in held}
    if not checked:
        for _ in plan.steps:
            ticker.tick("verified (held)")
        return
    batch = len(checked) > 1
    with open_traversals(
        loaded, plan, checked, materialise=batch, engines=engines, tenant=tenant
    ) as walks:
        for step in plan.steps:
            walk = walks[step.store]
            outcome = by_table.get(str(step.node))
            ticker.tick(f"verified {step.node}")
            if outcome is None:
                continue
            outcome.after.update(walk.count(step))
            action = resolve_actions(step, policy)
            if not action.changes or not sum(outcome.after.values()):
                continue
            columns = [*(f.column for f in action.fields), *protection.columns(step.node)]
            t = walk.table(step, columns)
            guards = protection.guards(step.node, t, walk.schema)
            kept = [g.condition for g in guards]
            shared = shared_condition(walk, step, t)
            if shared is not None:
                kept.append(shared)
            keep = sa.or_(*kept) if kept else None
            if action.row == "update" and action.fields:
                outcome.remaining += _count_left(walk, step, t, action.fields, {}, keep)
            elif action.row == "delete":
                where = walk.where_matched(step, t)
                if keep is not None:
                    where = sa.and_(where, sa.not_(keep))
                query = sa.select(sa.func.count()).select_from(t).where(where)
                outcome.remaining += int(walk.conn.execute(query).scalar_one())
        for walk in walks.values():
            walk.drop()
