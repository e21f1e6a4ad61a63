"""Find a request's rows in one store with set-based SQL: one statement per table per step.

Two modes share one query builder:

- *inline* (single request, read only): each step is a common table expression whose ways are
  ``column IN (:identities)`` or a join with an earlier step's expression; the access query of a
  step is one ``WITH ... SELECT``. No temporary table, no row goes through Python.
- *materialised* (erasure, rectification, batches): each step's keys (request id, primary key,
  the columns later steps join on) are written to a temporary table with ``INSERT ... SELECT``
  before anything changes, so modifications can run in any order (children before parents)
  and can be verified against exactly the rows that were found. Batches put the identities of
  all requests in a temporary table joined by every identity way.

How the rows found are read (a step's rows, streamed; first fetches sent together) is the
traversal's other half, :class:`kept.execution.rows.RowReading`.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.compiler import compiles

from kept.errors import StoreError
from kept.execution.identity import Identity, IdentityRule, IdentityRules
from kept.execution.matching import identity_join, identity_predicate
from kept.execution.plan import Step, TraversalPlan, Way
from kept.execution.rows import (
    _REQ_PARAM,
    REQ,
    AnySelect,
    RowReading,
    _identity_param,
    _short,
)
from kept.manifest.datamap import Node
from kept.stores import introspect
from kept.stores.introspect import SchemaInfo

__all__ = ["REQ", "StoreTraversal", "count_per_request", "drop_temp"]

_MAX_ROUNDS = 1000


@dataclass
class StoreTraversal(RowReading):
    """The steps of a plan that live in one store, over one open connection."""

    conn: sa.Connection
    store: str
    schema: str | None
    plan: TraversalPlan
    requests: dict[str, list[Identity]]
    materialise: bool
    _keys: dict[int, sa.FromClause] = field(default_factory=dict)
    _pks: dict[str, list[str]] = field(default_factory=dict)
    _temp: list[str] = field(default_factory=list)
    _ids: sa.TableClause | None = None
    _tag: str = field(default_factory=lambda: uuid.uuid4().hex[:8])
    peers: dict[str, StoreTraversal] = field(default_factory=dict)
    """The traversals of the other stores of the same request, for cross-store references."""
    tenant: str | None = None
    """With a tenant, the steps of ``tenant_columns`` keep only that tenant's rows."""
    tenant_columns: dict[int, str] = field(default_factory=dict)
    rules: IdentityRules | None = None
    """How each identity kind is normalised and compared (default: by the kind's name)."""

    _closing: bool = False
    _info: SchemaInfo | None = None
    _reads: dict[str, Any] = field(default_factory=dict)
    """:meth:`_reusable` and :meth:`_parameters`, worked out once per traversal."""

    def schema_info(self) -> SchemaInfo:
        """The store's live schema (foreign keys, NOT NULL, types), read at most once per
        traversal and once every ``_SCHEMA_TTL`` seconds per database: a migration is seen
        within a minute, and what it breaks meanwhile the dry run's real statements catch."""
        if self._info is None:
            key = (self.conn.engine.url.render_as_string(hide_password=True), self.schema)
            now = time.monotonic()
            cached = _SCHEMA_CACHE.get(key)
            if cached is None or now - cached[0] > _SCHEMA_TTL:
                cached = (now, introspect(self.store, self.conn.engine, self.schema))
                _SCHEMA_CACHE[key] = cached
            self._info = cached[1]
        return self._info

    def __post_init__(self) -> None:
        # A cycle of references is closed over temporary tables, even for a read.
        if any(self._back(s) for s in self.steps):
            self.materialise = True

    @property
    def steps(self) -> list[Step]:
        return [s for s in self.plan.steps if s.store == self.store]

    def _back(self, step: Step) -> list[Way]:
        """The step's back ways within this store (across stores only forward ways count)."""
        return [w for w in step.back if w.source is not None and self._same_store(w.source)]

    def _same_store(self, node: Node) -> bool:
        return self.plan.step(node).store == self.store

    # ------------------------------------------------------------------ tables and keys

    def pk(self, step: Step) -> list[str]:
        if step.declared_pk:
            return step.declared_pk
        if not self._pks:
            self._pks = _primary_keys(self.store, self.conn.engine, self.schema)
        found = self._pks.get(step.table) or []
        if not found:
            raise StoreError(
                self.store, f"table {step.table!r} has no primary key: declare one in the manifest"
            )
        return found

    def table(self, step: Step, columns: Sequence[str] = ()) -> sa.TableClause:
        ways = [w.column for w in step.ways]
        names = list(dict.fromkeys([*self.pk(step), *step.carried, *ways, *columns]))
        return sa.table(step.table, *[sa.column(c) for c in names], schema=self.schema)

    def key_columns(self, step: Step) -> list[str]:
        return list(dict.fromkeys([*self.pk(step), *step.carried]))

    def keys(self, step: Step) -> sa.FromClause:
        """The step's keys: ``kept_req`` and the key columns, as a CTE or temporary table."""
        if step.index not in self._keys:
            if not self._closing and any(self._back(s) for s in self.steps):
                self._close()
            else:
                self._build(step)  # builds the steps it joins on first, recursively
        return self._keys[step.index]

    def _close(self) -> None:
        """Every step's keys, then the back ways followed (with every reference way after the
        first step a back way leads into) until a round finds no new row: the closure of the
        references, one ``INSERT ... SELECT`` per way and round."""
        self._closing = True
        steps = self.steps
        for step in steps:
            self.keys(step)
        start = min(s.index for s in steps if self._back(s))
        again = [
            (s, [w for w in s.ways if w.source is not None and self._same_store(w.source)])
            for s in steps
            if s.index >= start
        ]
        again = [(s, ways) for s, ways in again if ways]
        for _ in range(_MAX_ROUNDS):
            found = sum(self._extend(step, way) for step, ways in again for way in ways)
            if not found:
                return
        raise StoreError(self.store, f"the references did not close in {_MAX_ROUNDS} rounds")

    def _extend(self, step: Step, way: Way) -> int:
        """Add the rows ``way`` finds that the step's keys do not hold yet; how many."""
        keys = self._keys[step.index]
        assert isinstance(keys, sa.TableClause)
        key_cols = self.key_columns(step)
        selects = self._ways(step, [way])
        if not selects:
            return 0
        name = f"kept_n{step.index}_{len(self._temp)}_{self._tag}"
        self._execute(CreateTempAs(name, selects[0], self.conn.dialect.name))
        self._temp.append(name)
        new = sa.table(name, sa.column(REQ), *[sa.column(c) for c in key_cols])
        pk = self.pk(step)
        known = sa.exists(
            sa.select(sa.literal(1)).where(
                keys.c[REQ] == new.c[REQ], *[keys.c[c] == new.c[c] for c in pk]
            )
        )
        self._execute(sa.delete(new).where(known))
        count = int(self._execute(sa.select(sa.func.count()).select_from(new)).scalar_one())
        if count:
            cols = [REQ, *key_cols]
            self._execute(keys.insert().from_select(cols, sa.select(*[new.c[c] for c in cols])))
        drop_temp(self.conn, name)
        self._temp.remove(name)
        return count

    def _ways(self, step: Step, only: list[Way] | None = None) -> list[AnySelect]:
        tenant_column = self.tenant_columns.get(step.index) if self.tenant is not None else None
        t = self.table(step, [tenant_column] if tenant_column else [])
        cols = [t.c[c] for c in self.key_columns(step)]
        selects: list[AnySelect] = []
        # back ways are followed by _close (within a store); across stores only forward ways
        for way in only if only is not None else [w for w in step.ways if w not in step.back]:
            if self._single():
                where = self._way_predicate(step, t, way)
                if where is not None:
                    selects.append(sa.select(self._request().label(REQ), *cols).where(where))
            elif way.identity is not None:
                selects.extend(self._identity_way(t, cols, way.column, way.identity))
            elif way.source is not None:
                source = self.plan.step(way.source)
                if source.store == self.store:
                    src = self.keys(source)
                    on = t.c[way.column] == src.c[way.source_column or ""]
                else:
                    src = self._bridge(step, source, way.source_column or "", way.column)
                    on = t.c[way.column] == src.c.value
                selects.append(sa.select(src.c[REQ], *cols).select_from(t.join(src, on)).distinct())
        if tenant_column:  # compared as text: tenant ids may be numbers in the store
            owned = sa.cast(t.c[tenant_column], sa.String) == self.tenant
            selects = [s.where(owned) for s in selects]
        return selects

    def _single(self) -> bool:
        """One request read inline: its id is a constant, and a step's rows are found by
        semi-joins (``col IN (SELECT ...)``), each row once, with no ``DISTINCT`` to compute."""
        return not self.materialise and len(self.requests) == 1

    def _request(self) -> sa.BindParameter[str]:
        ((req, _),) = self.requests.items()
        return sa.bindparam(_REQ_PARAM, req, type_=sa.String())

    def _way_predicate(
        self, step: Step, t: sa.TableClause, way: Way
    ) -> sa.ColumnElement[bool] | None:
        """The rows of ``t`` a way reaches, as a condition on ``t`` (one request); ``None`` when
        the request has no identity of the way's kind."""
        if way.identity is not None:
            ((_, identities),) = self.requests.items()
            values = [i.value for i in identities if i.kind == way.identity]
            if not values:
                return None
            return identity_predicate(
                self.conn,
                self._rule(way.identity),
                t.c[way.column],
                values,
                table=t.name,
                schema=self.schema,
                name=_identity_param(self.plan, way.identity),
            )
        assert way.source is not None
        source = self.plan.step(way.source)
        if source.store == self.store:
            src = self.keys(source)
            return t.c[way.column].in_(sa.select(src.c[way.source_column or ""]))
        bridge = self._bridge(step, source, way.source_column or "", way.column)
        return t.c[way.column].in_(sa.select(bridge.c.value))

    def _identity_way(
        self, t: sa.TableClause, cols: list[sa.ColumnClause[Any]], column: str, kind: str
    ) -> list[AnySelect]:
        col = t.c[column]
        rule = self._rule(kind)
        if len(self.requests) == 1:
            (req, identities) = next(iter(self.requests.items()))
            values = [i.value for i in identities if i.kind == kind]
            if not values:
                return []
            where = identity_predicate(
                self.conn,
                rule,
                col,
                values,
                table=t.name,
                schema=self.schema,
                name=_identity_param(self.plan, kind),
            )
            request = sa.bindparam(_REQ_PARAM, req, type_=sa.String())
            return [sa.select(request.label(REQ), *cols).where(where).distinct()]
        ids = self._identities()
        on = sa.and_(identity_join(self.conn, rule, col, ids.c.value), ids.c.kind == kind)
        return [sa.select(ids.c[REQ], *cols).select_from(t.join(ids, on)).distinct()]

    def _rule(self, kind: str) -> IdentityRule:
        return (self.rules or IdentityRules.defaults()).rule(kind)

    def _bridge(self, step: Step, source: Step, source_column: str, column: str) -> sa.Table:
        """The values of ``source_column`` found in another store, copied into a temporary
        table of this store (typed like ``column``) so the join stays one statement."""
        peer = self.peers.get(source.store)
        if peer is None:
            raise StoreError(
                self.store,
                f"{step.node} is reached from {source.node} in store {source.store!r}, "
                "which this traversal cannot see",
            )
        keys = peer.keys(source)
        found = peer._execute(sa.select(keys.c[REQ], keys.c[source_column]).distinct()).all()
        value_type = _column_types(self.store, self.conn, self.schema, step.table).get(column)
        name = f"kept_x{step.index}_{len(self._temp)}_{self._tag}"
        bridge = sa.Table(
            name,
            sa.MetaData(),
            sa.Column(REQ, sa.String(64)),
            sa.Column("value", value_type if value_type is not None else sa.String(255)),
            prefixes=["TEMPORARY"],
        )
        bridge.create(self.conn)
        self._temp.append(name)
        rows = [{REQ: r[0], "value": r[1]} for r in found if r[1] is not None]
        for start in range(0, len(rows), 5000):
            self.conn.execute(bridge.insert(), rows[start : start + 5000])
        self._index(name, ["value"])
        return bridge

    def _identities(self) -> sa.TableClause:
        if self._ids is None:
            name = f"kept_ids_{self._tag}"
            # binary on MariaDB/MySQL: the identity join compares bytes (kept.execution.matching)
            binary = self.conn.dialect.name in ("mysql", "mariadb")
            value = "VARBINARY(1280)" if binary else "VARCHAR(320)"
            self._create_temp(name, f"{REQ} VARCHAR(64), kind VARCHAR(64), value {value}")
            ids = sa.table(name, sa.column(REQ), sa.column("kind"), sa.column("value"))
            rows = [
                {REQ: req, "kind": i.kind, "value": v}
                for req, identities in self.requests.items()
                for i in identities
                for v in self._rule(i.kind).forms(i.value)
            ]
            for start in range(0, len(rows), 5000):
                self.conn.execute(ids.insert(), rows[start : start + 5000])
            self._index(name, ["value"])
            self._ids = ids
        return self._ids

    def _build(self, step: Step) -> None:
        selects = self._ways(step)
        key_cols = self.key_columns(step)
        if not selects:  # no identity of the kinds this step matches: no rows, typed columns
            t = self.table(step)
            empty: AnySelect = sa.select(
                sa.literal("").label(REQ), *[t.c[c] for c in key_cols]
            ).where(sa.false())
            selects = [empty]
        if not self.materialise:
            # one request: the steps after read these keys by semi-joins, where a key found
            # twice does no harm, so the ways are not made distinct
            combine = sa.union_all if self._single() else sa.union
            union = selects[0] if len(selects) == 1 else combine(*selects)
            self._keys[step.index] = union.cte(f"kept_k{step.index}")
            return
        name = f"kept_k{step.index}_{self._tag}"
        self._execute(CreateTempAs(name, selects[0], self.conn.dialect.name))
        self._temp.append(name)
        table = sa.table(name, sa.column(REQ), *[sa.column(c) for c in key_cols])
        for select in selects[1:]:
            self._execute(table.insert().from_select([REQ, *key_cols], select))
        self._index(name, self.pk(step))
        self._keys[step.index] = table

    # ------------------------------------------------------------------ helpers

    def _execute(self, statement: sa.Executable) -> sa.CursorResult[*tuple[Any, ...]]:
        try:
            return self.conn.execute(statement)
        except SQLAlchemyError as exc:
            raise StoreError(self.store, _short(exc)) from exc

    def _create_temp(self, name: str, columns: str) -> None:
        self._temp.append(name)
        self.conn.exec_driver_sql(f"CREATE TEMPORARY TABLE {name} ({columns})")

    def _index(self, name: str, columns: list[str]) -> None:
        if self.conn.dialect.name == "postgresql":
            self.conn.exec_driver_sql(f"ANALYZE {name}")
            return
        quoted = ", ".join(self.conn.dialect.identifier_preparer.quote(c) for c in columns)
        self.conn.exec_driver_sql(f"CREATE INDEX {name}_ix ON {name} ({quoted})")

    def drop(self) -> None:
        """Drop the temporary tables (they also vanish with the connection)."""
        for name in reversed(self._temp):
            drop_temp(self.conn, name)
        self._temp.clear()
        self._keys.clear()
        self._ids = None
        self._closing = False

    def where_matched(self, step: Step, t: sa.TableClause) -> sa.ColumnElement[bool]:
        """A condition selecting the step's matched rows of ``t`` (for UPDATE and DELETE)."""
        keys = self.keys(step)
        pk = self.pk(step)
        if len(pk) == 1:
            return t.c[pk[0]].in_(sa.select(keys.c[pk[0]]))
        return sa.exists(sa.select(sa.literal(1)).where(*[keys.c[c] == t.c[c] for c in pk]))

    def count(self, step: Step) -> dict[str, int]:
        """Rows found per request."""
        query = count_per_request(self.keys(step), self.pk(step))
        return {str(row[0]): int(row[1]) for row in self._execute(query)}


# PostgreSQL writes a numeric value without an exponent; str(Decimal) of it too, unless its
# first significant digit is past the sixth decimal place (0.0000001 is "1E-7").
def drop_temp(conn: sa.Connection, name: str) -> None:
    """Drop a temporary table. On MariaDB and MySQL only ``DROP TEMPORARY TABLE`` leaves the
    transaction open (a plain ``DROP TABLE`` commits it implicitly, half an erasure with it)."""
    temporary = " TEMPORARY" if conn.dialect.name in ("mysql", "mariadb") else ""
    conn.exec_driver_sql(f"DROP{temporary} TABLE IF EXISTS {name}")


def count_per_request(
    keys: sa.FromClause, pk: Sequence[str], where: sa.ColumnElement[bool] | None = None
) -> sa.Select[tuple[Any, int]]:
    """Distinct rows of ``keys`` per request (a row found by two ways is in the keys twice)."""
    rows = sa.select(keys.c[REQ], *[keys.c[c] for c in pk])
    if where is not None:
        rows = rows.where(where)
    distinct = rows.distinct().subquery()
    return sa.select(distinct.c[REQ], sa.func.count()).group_by(distinct.c[REQ])


class CreateTempAs(sa.Executable, sa.ClauseElement):
    """``CREATE TEMPORARY TABLE name AS SELECT ...`` for every dialect."""

    inherit_cache = False

    def __init__(self, name: str, select: AnySelect, dialect: str) -> None:
        self.name = name
        self.select = select
        self.dialect = dialect


@compiles(CreateTempAs)
def _compile_create_temp_as(element: CreateTempAs, compiler: Any, **kw: Any) -> str:
    body = compiler.process(element.select, **kw)
    return f"CREATE TEMPORARY TABLE {element.name} AS {body}"


_PK_CACHE: dict[tuple[str, str | None], dict[str, list[str]]] = {}
_SCHEMA_CACHE: dict[tuple[str, str | None], tuple[float, SchemaInfo]] = {}
_SCHEMA_TTL = 60.0


def _primary_keys(store: str, engine: sa.Engine, schema: str | None) -> dict[str, list[str]]:
    """Primary keys of a store's tables, read once per process and database."""
    key = (engine.url.render_as_string(hide_password=True), schema)
    if key not in _PK_CACHE:
        info = introspect(store, engine, schema)
        _PK_CACHE[key] = {name: t.primary_key for name, t in info.tables.items()}
    return _PK_CACHE[key]


def _column_types(
    store: str, conn: sa.Connection, schema: str | None, table: str
) -> dict[str, Any]:
    try:
        columns = sa.inspect(conn).get_columns(table, schema=schema)
    except SQLAlchemyError as exc:
        raise StoreError(store, f"cannot read the columns of {table!r}: {_short(exc)}") from exc
    return {c["name"]: c["type"] for c in columns}
