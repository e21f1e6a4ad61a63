"""The retention sweep: find every rule's expired rows set-based, act on them in small batches.

For each rule that acts (``delete`` or ``anonymize``) on each collection it covers:

1. the expired rows' primary keys are written to a temporary table with one
   ``INSERT ... SELECT`` (the rule's clock, conditions and tenant periods evaluated by the
   database; rows under a legal hold left out);
2. they are deleted (or anonymized) in keyset-paginated batches: each batch is one statement
   over a key range of that table, re-checking the rule, in its own short transaction. The batch
   size adapts so that a batch (and so any lock it takes) lasts about ``max_batch_seconds``;
3. after each batch the last key done is checkpointed in the control database, so a sweep that
   crashed resumes where it stopped, measuring against the same time as before, and ends in the
   same state as one that never stopped (the statements are idempotent: a row deleted twice is
   deleted once);
4. a receipt per rule goes to the audit log: rule, collection, action, cut-off, rows, batches,
   longest batch, rows kept under legal holds. No personal data.

A rule with no clock (``delete`` once its ``where`` holds) is swept the same way, its rows
chosen by the condition alone; its receipt has no cut-off (``cutoff`` null) and names the
condition.

A dry run counts each rule's expired rows (and shows some on request) and changes nothing.
:func:`run_sweep` is what the CLI and scheduled workers call.
"""

from __future__ import annotations

import datetime as dt
import json
import time
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import SQLAlchemyError

from kept.errors import RetentionError, StoreError
from kept.execution.identity import Identity, IdentityRules
from kept.execution.plan import manifest_version, traversal_plan
from kept.execution.retention import conditions as cond
from kept.execution.retention.holds import Hold, active_holds
from kept.execution.traverse import CreateTempAs, StoreTraversal
from kept.failure import describe
from kept.manifest.condition import describe as describe_condition
from kept.manifest.loader import LoadedManifest
from kept.manifest.retention import Period, RetentionAction
from kept.manifest.retention_rules import Target, resolve_rules
from kept.retention.delink import ChildLink, child_links, delink_statements
from kept.retention.progress import (
    begin_sweep,
    complete_rule,
    finish_sweep,
    record_checkpoint,
    retention_progress,
    retention_sweeps,
)
from kept.stores import introspect, store_engine

__all__ = [
    "RuleOutcome",
    "SweepResult",
    "retention_progress",
    "retention_sweeps",
    "run_sweep",
    "utcnow",
]

Progress = Callable[["RuleOutcome", int, int], None]
"""Called as ``(outcome, rows done, rows expired)`` after every batch (and at a rule's start)."""

_MIN_BATCH, _MAX_BATCH = 100, 200_000


def utcnow() -> dt.datetime:
    """The current UTC time without time zone, whole seconds (how the stores keep times)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


@dataclass
class RuleOutcome:
    """What a sweep did (or, dry, would do) for one rule on one collection."""

    rule: str
    collection: str
    store: str
    action: str
    cutoff: str | None
    """The time rows' clocks must be before (None: a rule without a clock)."""
    tenant_cutoffs: dict[str, str] = field(default_factory=dict)
    expired: int = 0
    rows: int = 0
    held: int = 0
    held_by: list[str] = field(default_factory=list)
    batches: int = 0
    max_batch_seconds: float = 0.0
    find_seconds: float = 0.0
    seconds: float = 0.0
    resumed: bool = False
    ground: str | None = None
    condition: str | None = None
    """The rule's ``where``, described (None: every row)."""
    sample: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "collection": self.collection,
            "store": self.store,
            "action": self.action,
            "cutoff": self.cutoff,
            "tenant_cutoffs": self.tenant_cutoffs,
            "expired": self.expired,
            "rows": self.rows,
            "held": self.held,
            "held_by": self.held_by,
            "batches": self.batches,
            "max_batch_seconds": round(self.max_batch_seconds, 4),
            "find_seconds": round(self.find_seconds, 4),
            "seconds": round(self.seconds, 4),
            "resumed": self.resumed,
            "ground": self.ground,
            "condition": self.condition,
        }


@dataclass
class SweepResult:
    sweep_id: str
    manifest_version: str
    now: dt.datetime
    dry_run: bool
    outcomes: list[RuleOutcome] = field(default_factory=list)
    resumed: bool = False

    @property
    def rows(self) -> int:
        return sum(o.rows for o in self.outcomes)

    @property
    def max_batch_seconds(self) -> float:
        return max((o.max_batch_seconds for o in self.outcomes), default=0.0)

    def as_dict(self) -> dict[str, Any]:
        return {
            "sweep_id": self.sweep_id,
            "manifest_version": self.manifest_version,
            "now": self.now.isoformat(),
            "dry_run": self.dry_run,
            "resumed": self.resumed,
            "rows": self.rows,
            "max_batch_seconds": round(self.max_batch_seconds, 4),
            "rules": [o.as_dict() for o in self.outcomes],
        }


def run_sweep(
    loaded: LoadedManifest,
    control: sa.Engine,
    *,
    now: dt.datetime | None = None,
    dry_run: bool = False,
    rules: Sequence[str] = (),
    show_rows: int = 0,
    batch_size: int | None = None,
    max_batch_seconds: float | None = None,
    progress: Progress | None = None,
    actor: str = "kept",
    env: Mapping[str, str] | None = None,
) -> SweepResult:
    """Run (or, with ``dry_run``, preview) the manifest's retention rules against its stores.

    ``now`` is the time periods are measured back from (default: the current UTC time; a
    resumed sweep keeps the time it started with). ``rules`` limits the sweep to those rule
    names. A sweep interrupted before it finished is resumed by the next call with the same
    manifest. Raises :class:`RetentionError` when a tenant's own period is outside its rule's
    bounds, before anything changes.
    """
    manifest = loaded.manifest
    settings = manifest.retention
    targets = [t for t in resolve_rules(manifest) if t.rule.acts]
    unknown = sorted(set(rules) - {r.name for r in manifest.retention.rules})
    if unknown:
        raise RetentionError(f"unknown retention rule(s): {', '.join(unknown)}")
    if rules:
        targets = [t for t in targets if t.name in rules]
    version = manifest_version(manifest)
    holds = active_holds(control, today=(now or utcnow()).date())
    begun = begin_sweep(control, version, now or utcnow(), dry_run, actor, pinned=now is not None)
    sweep_id, moment, checkpoints, resumed = begun
    result = SweepResult(sweep_id, version, moment, dry_run, resumed=resumed)
    runner = _Runner(
        loaded,
        moment,
        holds,
        batch_size or settings.batch_size,
        max_batch_seconds or settings.max_batch_seconds,
        show_rows,
        progress,
        env,
    )
    with runner.open(targets):
        try:
            cutoffs = {t.key: runner.cutoffs(t) for t in targets}  # every tenant's, first
        except RetentionError:
            if not dry_run:  # nothing was done: the next sweep starts afresh
                finish_sweep(control, sweep_id, status="refused")
            raise
        for target in targets:
            checkpoint = checkpoints.get(target.key)
            outcome = runner.outcome(target, cutoffs[target.key])
            result.outcomes.append(outcome)
            if checkpoint is not None and checkpoint["done"]:
                outcome.rows, outcome.batches = checkpoint["rows"], checkpoint["batches"]
                outcome.resumed = True
                continue
            if dry_run:
                runner.preview(target, outcome, cutoffs[target.key])
                continue

            def save(outcome: RuleOutcome, last: Any, done: bool, target: Target = target) -> None:
                record_checkpoint(
                    control, sweep_id, target.key, last, outcome.rows, outcome.batches, done
                )

            last = runner.sweep(target, outcome, cutoffs[target.key], checkpoint, save)
            details = {"sweep_id": sweep_id, "now": moment.isoformat(), **outcome.as_dict()}
            complete_rule(
                control, actor, sweep_id, target.key, last, outcome.rows, outcome.batches, details
            )
    if not dry_run:
        finish_sweep(control, sweep_id)
    return result


# --------------------------------------------------------------------------- the work


@dataclass
class _Cutoffs:
    default: dt.datetime | None
    """None: a rule without a clock."""
    per_tenant: dict[Any, dt.datetime]


class _Runner:
    """One sweep's connections (one per store) and the rules' statements on them."""

    def __init__(
        self,
        loaded: LoadedManifest,
        now: dt.datetime,
        holds: list[Hold],
        batch_size: int,
        max_seconds: float,
        show_rows: int,
        progress: Progress | None,
        env: Mapping[str, str] | None,
    ) -> None:
        self.loaded, self.now, self.holds = loaded, now, holds
        self.batch_size, self.max_seconds = batch_size, max_seconds
        self.show_rows, self.progress, self.env = show_rows, progress, env
        self.conns: dict[str, sa.Connection] = {}
        self.schemas: dict[str, str | None] = {}
        self.walks: dict[str, StoreTraversal] = {}
        self._pks: dict[str, dict[str, list[str]]] = {}
        self._links: dict[tuple[str, str], list[ChildLink]] = {}
        self._tag = uuid.uuid4().hex[:8]

    # -- connections -----------------------------------------------------------------------

    def open(self, targets: list[Target]) -> ExitStack:
        stack = ExitStack()
        manifest = self.loaded.manifest
        stores = {s.name: s for s in manifest.stores}
        wanted = [self._store(t) for t in targets]
        for target in targets:
            if target.rule.tenant_setting:
                wanted.append(self._store_of_setting(target))
        people = [h for h in self.holds if h.scope == "person"]
        if people:
            kinds = {i.kind for h in people for i in h.identities}
            plan = traversal_plan(manifest, kinds)
            wanted += plan.stores()
        for name in dict.fromkeys(wanted):
            store = stores[name]
            engine = store_engine(store, self.loaded.base_dirs.get(name), self.env)
            stack.callback(engine.dispose)
            self.conns[name] = stack.enter_context(engine.connect())
            self.schemas[name] = store.db_schema
        if people:
            requests: dict[str, list[Identity]] = {h.id: list(h.identities) for h in people}
            for name in plan.stores():
                self.walks[name] = StoreTraversal(
                    self.conns[name],
                    name,
                    self.schemas[name],
                    plan,
                    requests,
                    True,
                    rules=IdentityRules.of(manifest),
                )
            for walk in self.walks.values():
                walk.peers = self.walks
        return stack

    def _store(self, target: Target) -> str:
        store = self.loaded.manifest.store_for(target.node.dataset)
        if store is None:
            raise RetentionError(
                f"retention rule {target.name!r}: dataset {target.node.dataset!r} is not held "
                "by any store"
            )
        return store.name

    def _store_of_setting(self, target: Target) -> str:
        collection = (target.rule.tenant_setting or "").rpartition(".")[0]
        for dataset in self.loaded.manifest.dataset:
            if dataset.collection(collection) is not None:
                store = self.loaded.manifest.store_for(dataset.fides_key)
                if store is not None:
                    return store.name
        return self._store(target)

    def _pk(self, store: str, target: Target) -> list[str]:
        declared = [f.name for f in target.collection.fields if f.is_primary_key]
        if declared:
            return declared
        if store not in self._pks:
            info = introspect(store, self.conns[store].engine, self.schemas[store])
            self._pks[store] = {n: t.primary_key for n, t in info.tables.items()}
        found = self._pks[store].get(target.node.collection) or []
        if not found:
            raise StoreError(
                store, f"table {target.node.collection!r} has no primary key: declare one"
            )
        return found

    # -- cut-offs --------------------------------------------------------------------------

    def cutoffs(self, target: Target) -> _Cutoffs:
        rule = target.rule
        periods: dict[Any, Period] = {}
        if rule.tenant_setting:
            periods.update(self._settings(target))
        for tenant, period in rule.tenants.items():
            periods[_tenant_value(self._column_type(target), tenant)] = period
        for tenant, period in periods.items():
            try:
                rule.check_bound(period, f"the period tenant {tenant!r} sets")
            except ValueError as exc:
                raise RetentionError(f"{exc}; the sweep was not started") from None
        per_tenant = {k: p.before(self.now) for k, p in periods.items()}
        if rule.clockless:
            return _Cutoffs(None, {})
        return _Cutoffs(target.cutoff(self.now), per_tenant)

    def _column_type(self, target: Target) -> Any:
        store = self._store(target)
        columns = sa.inspect(self.conns[store]).get_columns(
            target.node.collection, schema=self.schemas[store]
        )
        self.conns[store].commit()
        return next((c["type"] for c in columns if c["name"] == target.tenant), None)

    def _settings(self, target: Target) -> dict[Any, Period]:
        collection, _, column = (target.rule.tenant_setting or "").rpartition(".")
        dataset = next(d for d in self.loaded.manifest.dataset if d.collection(collection))
        coll = dataset.collection(collection)
        tenant = (coll.tenant_column if coll else None) or dataset.tenant_column or ""
        store = self._store_of_setting(target)
        t = sa.table(collection, sa.column(tenant), sa.column(column), schema=self.schemas[store])
        conn = self.conns[store]
        try:
            rows = conn.execute(sa.select(t.c[tenant], t.c[column])).all()
        except SQLAlchemyError as exc:
            raise StoreError(
                store, f"cannot read tenant periods from {collection}: {_short(exc)}"
            ) from exc
        finally:
            conn.commit()
        return {row[0]: Period(count=int(row[1]), unit="day") for row in rows if row[1] is not None}

    def outcome(self, target: Target, cutoffs: _Cutoffs) -> RuleOutcome:
        return RuleOutcome(
            rule=target.name,
            collection=str(target.node),
            store=self._store(target),
            action=target.rule.action.value,
            cutoff=cutoffs.default.isoformat() if cutoffs.default else None,
            tenant_cutoffs={str(k): v.isoformat() for k, v in cutoffs.per_tenant.items()},
            ground=target.rule.ground or target.rule.description,
            condition=describe_condition(target.condition)
            if target.condition is not None
            else None,
        )

    # -- conditions ------------------------------------------------------------------------

    def _conditions(
        self, target: Target, cutoffs: _Cutoffs, t: sa.TableClause, store: str, pk: list[str]
    ) -> tuple[sa.ColumnElement[bool], list[tuple[str, sa.ColumnElement[bool]]]]:
        """(the rule's expired rows, [(hold ground, rows it holds)])."""
        schema = self.schemas[store]
        expired: list[sa.ColumnElement[bool]] = []
        if cutoffs.default is not None:
            cutoff: cond.Cutoff = cutoffs.default
            if target.tenant and cutoffs.per_tenant:
                cutoff = cond.tenant_cutoff(t, target.tenant, cutoffs.default, cutoffs.per_tenant)
            expired.append(cond.clock_before(target, t, cutoff, schema))
        expired += cond.rule_where(target, t, schema)
        if target.rule.action is RetentionAction.ANONYMIZE:
            expired.append(cond.not_anonymized(t, cond.anonymized(target.fields)))
        held: list[tuple[str, sa.ColumnElement[bool]]] = []
        for hold in self.holds:
            if hold.scope == "dataset" and hold.dataset == target.node.dataset:
                held.append((hold.ground, sa.true()))
            elif hold.scope == "tenant" and target.tenant:
                value = _tenant_value(self._column_type(target), hold.tenant or "")
                held.append((hold.ground, t.c[target.tenant] == sa.literal(value)))
        walk = self.walks.get(store)
        step = next((s for s in walk.steps if s.node == target.node), None) if walk else None
        if walk is not None and step is not None:
            keys = walk.keys(step)
            grounds = "; ".join(h.ground for h in self.holds if h.scope == "person")
            mine: sa.ColumnElement[bool]
            if len(pk) == 1:
                mine = t.c[pk[0]].in_(sa.select(keys.c[pk[0]]))
            else:
                mine = sa.exists(sa.select(sa.literal(1)).where(*[keys.c[c] == t.c[c] for c in pk]))
            held.append((grounds, mine))
        return sa.and_(*expired), held

    # -- dry run ---------------------------------------------------------------------------

    def preview(self, target: Target, outcome: RuleOutcome, cutoffs: _Cutoffs) -> None:
        started = time.perf_counter()
        store = outcome.store
        conn = self.conns[store]
        pk = self._pk(store, target)
        t = cond.rule_table(target, pk, self.schemas[store])
        expired, held = self._conditions(target, cutoffs, t, store, pk)
        try:
            self._count_held(conn, t, expired, held, outcome)
            eligible = sa.and_(expired, *[sa.not_(c) for _, c in held])
            outcome.expired = _count(conn, t, eligible)
            if self.show_rows:
                columns = [t.c[c] for c in cond.table_columns(target, pk)]
                query = sa.select(*columns).where(eligible).order_by(*[t.c[c] for c in pk])
                for row in conn.execute(query.limit(self.show_rows)).mappings():
                    outcome.sample.append(dict(row))
        except SQLAlchemyError as exc:
            conn.rollback()
            raise StoreError(store, f"rule {target.name!r}: {_short(exc)}") from exc
        conn.commit()  # only reads (and the holds' temporary tables, kept for later rules)
        outcome.seconds = time.perf_counter() - started

    def _count_held(
        self,
        conn: sa.Connection,
        t: sa.TableClause,
        expired: sa.ColumnElement[bool],
        held: list[tuple[str, sa.ColumnElement[bool]]],
        outcome: RuleOutcome,
    ) -> None:
        if not held:
            return
        outcome.held = _count(conn, t, sa.and_(expired, sa.or_(*[c for _, c in held])))
        if outcome.held:
            outcome.held_by = [g for g, c in held if _count(conn, t, sa.and_(expired, c))]

    # -- the sweep -------------------------------------------------------------------------

    def sweep(
        self,
        target: Target,
        outcome: RuleOutcome,
        cutoffs: _Cutoffs,
        checkpoint: Mapping[str, Any] | None,
        save: Callable[[RuleOutcome, Any, bool], None],
    ) -> Any:
        """Sweep one rule on one collection; the last key done (None: no key)."""
        started = time.perf_counter()
        store = outcome.store
        conn = self.conns[store]
        pk = self._pk(store, target)
        t = cond.rule_table(target, pk, self.schemas[store])
        expired, held = self._conditions(target, cutoffs, t, store, pk)
        eligible = sa.and_(expired, *[sa.not_(c) for _, c in held])
        last: Any = None
        if checkpoint is not None:
            outcome.rows, outcome.batches = checkpoint["rows"], checkpoint["batches"]
            outcome.resumed = True
            last = json.loads(checkpoint["last_key"]) if checkpoint["last_key"] else None
        try:
            self._count_held(conn, t, expired, held, outcome)
            if len(pk) != 1:  # no single key to paginate on: one statement
                outcome.expired = outcome.rows + self._whole(target, conn, t, eligible, outcome)
                outcome.seconds = time.perf_counter() - started
                return None
            key = pk[0]
            todo = self._materialise(conn, t, key, eligible, last)
            outcome.expired = outcome.rows + _count(conn, todo, sa.true())
            conn.commit()
            outcome.find_seconds = time.perf_counter() - started
            if self.progress:
                self.progress(outcome, outcome.rows, outcome.expired)
            for done in self._batches(target, conn, t, todo, key, eligible, last, outcome):
                last = done
                save(outcome, last, False)
                if self.progress:
                    self.progress(outcome, outcome.rows, outcome.expired)
            conn.exec_driver_sql(f"DROP TABLE IF EXISTS {todo.name}")
            conn.commit()
        except SQLAlchemyError as exc:
            conn.rollback()
            raise StoreError(store, f"retention rule {target.name!r}: {_short(exc)}") from exc
        outcome.seconds = time.perf_counter() - started
        return last

    def _delinks(
        self,
        target: Target,
        conn: sa.Connection,
        t: sa.TableClause,
        pk: list[str],
        where: sa.ColumnElement[bool],
    ) -> list[sa.Update]:
        """The de-links of the children that stay, before a batch deletes their parents."""
        store = self._store(target)
        if (store, target.node.collection) not in self._links:
            self._links[(store, target.node.collection)] = child_links(
                store, conn.engine, self.schemas[store], target.node.collection, pk
            )
        links = self._links[(store, target.node.collection)]
        if not links:
            return []
        return delink_statements(links, t, pk[0], where, self.schemas[store], target.name, conn)

    def _materialise(
        self,
        conn: sa.Connection,
        t: sa.TableClause,
        key: str,
        eligible: sa.ColumnElement[bool],
        last: Any,
    ) -> sa.TableClause:
        """The expired rows' keys (after ``last``) in a temporary table, in one statement."""
        name = f"kept_sweep_{self._tag}_{len(self.conns)}_{uuid.uuid4().hex[:6]}"
        where = [eligible] + ([t.c[key] > sa.literal(last)] if last is not None else [])
        select = sa.select(t.c[key].label("k")).where(*where)
        conn.execute(CreateTempAs(name, select, conn.dialect.name))
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql(f"CREATE INDEX ON {name} (k)")
            conn.exec_driver_sql(f"ANALYZE {name}")
        else:
            conn.exec_driver_sql(f"CREATE INDEX {name}_ix ON {name} (k)")
        return sa.table(name, sa.column("k"))

    def _batches(
        self,
        target: Target,
        conn: sa.Connection,
        t: sa.TableClause,
        todo: sa.TableClause,
        key: str,
        eligible: sa.ColumnElement[bool],
        last: Any,
        outcome: RuleOutcome,
    ) -> Iterator[Any]:
        """Act on the keys of ``todo`` in key order, one short transaction per batch; yield
        the last key of each batch once it is committed."""
        size = self.batch_size
        fields = cond.anonymized(target.fields)
        while True:
            after = [todo.c.k > sa.literal(last)] if last is not None else []
            window = sa.select(todo.c.k).where(*after).order_by(todo.c.k).limit(size).subquery()
            upper = conn.execute(sa.select(sa.func.max(window.c.k))).scalar()
            conn.commit()
            if upper is None:
                return
            where = sa.and_(_in_batch(conn, t.c[key], todo, last, upper), eligible)
            deleting = target.rule.action is RetentionAction.DELETE
            if deleting:
                statement: sa.Executable = sa.delete(t).where(where)
            else:
                statement = sa.update(t).where(where).values(cond.anonymize_values(fields))
            began = time.perf_counter()
            with conn.begin():
                if deleting:  # the children that stay first (kept.retention.delink)
                    for delink in self._delinks(target, conn, t, [key], where):
                        conn.execute(delink)
                done = conn.execute(statement).rowcount
            took = time.perf_counter() - began
            outcome.rows += max(done, 0)
            outcome.batches += 1
            outcome.max_batch_seconds = max(outcome.max_batch_seconds, took)
            size = _next_size(size, took, self.max_seconds)
            last = upper
            yield last

    def _whole(
        self,
        target: Target,
        conn: sa.Connection,
        t: sa.TableClause,
        eligible: sa.ColumnElement[bool],
        outcome: RuleOutcome,
    ) -> int:
        if target.rule.action is RetentionAction.DELETE:
            statement: sa.Executable = sa.delete(t).where(eligible)
        else:
            values = cond.anonymize_values(cond.anonymized(target.fields))
            statement = sa.update(t).where(eligible).values(values)
        conn.commit()  # end the reads' transaction: the change gets its own
        began = time.perf_counter()
        with conn.begin():
            done = max(conn.execute(statement).rowcount, 0)
        outcome.max_batch_seconds = time.perf_counter() - began
        outcome.rows += done
        outcome.batches += 1
        return done


def _in_batch(
    conn: sa.Connection, key: sa.ColumnClause[Any], todo: sa.TableClause, last: Any, upper: Any
) -> sa.ColumnElement[bool]:
    """The batch's rows. On SQLite, the keys of ``todo`` in ``(last, upper]`` (an index probe
    per expired row, the fastest there). Elsewhere the table's own key range ``(last, upper]``,
    re-checked against the rule: a range scan of the primary key, twice as fast as probing each
    key on PostgreSQL, and on MariaDB and MySQL the only fast form (they run ``DELETE ... WHERE
    key IN (SELECT ...)`` as a dependent subquery over the whole table)."""
    low = [key > sa.literal(last)] if last is not None else []
    if conn.dialect.name != "sqlite":
        return sa.and_(*low, key <= sa.literal(upper))
    after = [todo.c.k > sa.literal(last)] if last is not None else []
    return key.in_(sa.select(todo.c.k).where(*after, todo.c.k <= sa.literal(upper)))


def _next_size(size: int, took: float, target: float) -> int:
    """Grow the batch while batches are quick, shrink it when one takes too long."""
    if took > target:
        return max(_MIN_BATCH, int(size * max(0.25, target / took * 0.8)))
    if took < target / 3:
        return min(_MAX_BATCH, size * 2)
    return size


def _count(conn: sa.Connection, t: sa.FromClause, where: sa.ColumnElement[bool]) -> int:
    return int(conn.execute(sa.select(sa.func.count()).select_from(t).where(where)).scalar_one())


def _tenant_value(column_type: Any, value: str) -> Any:
    """A tenant named in the manifest (always text) as the tenant column's type."""
    if isinstance(value, str) and isinstance(column_type, sa.Integer):
        try:
            return int(value)
        except ValueError:
            return value
    return value


def _short(exc: SQLAlchemyError) -> str:
    return describe(exc)
