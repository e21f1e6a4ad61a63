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
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.compiler import compiles

from kept.errors import StoreError, StoreUnavailableError
from kept.execution.identity import Identity, IdentityRule, IdentityRules
from kept.execution.matching import identity_join, identity_parameters, identity_predicate
from kept.execution.plan import Step, TraversalPlan, Way
from kept.execution.reads import (
    _SENT,
    _STATEMENTS_MAX,
    FIRST_FETCH,
    PendingRows,
    _as_sent,
    _flat,
    _numeric_text,
    _read_ahead,
)
from kept.failure import describe, describe_unreachable
from kept.manifest.datamap import Node
from kept.stores import introspect
from kept.stores.introspect import SchemaInfo
from kept.stores.pipeline import Pipelined, pipelined, pipelines

__all__ = ["REQ", "StoreTraversal", "count_per_request", "drop_temp"]

REQ = "kept_req"
_STREAM_BATCH = FIRST_FETCH  # rows a first fetch reads in one round trip
_CURSOR_BATCH = 10_000  # rows per fetch from a server-side cursor
_MAX_ROUNDS = 1000
AnySelect = sa.Select[*tuple[Any, ...]]
_T = TypeVar("_T")


@dataclass
class StoreTraversal:
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

    # ------------------------------------------------------------------ reading

    def rows(
        self, step: Step, columns: Sequence[str], *, ordered: bool = False, stream: bool = True
    ) -> Iterator[tuple[str, dict[str, Any]]]:
        """``(request id, row)`` for the step's rows, with the given columns; ``stream`` reads
        through a server-side cursor so memory does not grow with the number of rows."""
        for part in self._fetch(step, columns, ordered=ordered, stream=stream):
            for row in part:
                yield row[0], dict(zip(columns, row[1:], strict=True))

    def row_batches(
        self, step: Step, columns: Sequence[str], *, large: bool = False
    ) -> Iterator[list[dict[str, Any]]]:
        """The step's rows (``columns`` only, without the request id), as lists of up to a
        fetch's rows, streamed: for a single request's export, where no row needs telling
        apart by request. ``large``: :meth:`first_rows` found more than one fetch."""
        for part in self.row_tuples(step, columns, large=large):
            yield [dict(zip(columns, row, strict=True)) for row in part]

    def row_tuples(
        self, step: Step, columns: Sequence[str], *, large: bool = False
    ) -> Generator[list[tuple[Any, ...]]]:
        """:meth:`row_batches` as plain tuples of the ``columns`` values. One request's rows
        are selected without the request id; on PostgreSQL (psycopg) a large table's rows come
        straight from the driver's server-side cursor, as the tuples it makes (no result row
        object per row: an export of a million rows reads them as fast as a plain dump)."""
        if not self._single():
            for part in self._fetch(step, columns, ordered=False, stream=True, large=large):
                yield [tuple(row[1:]) for row in part]
            return
        for part in self._fetch(
            step, columns, ordered=False, stream=True, large=large, request=False
        ):
            if isinstance(part, list) and (not part or type(part[0]) is tuple):
                yield part  # the driver's own rows: tuples already
            else:
                yield [tuple(row) for row in part]

    def first_rows(self, step: Step, columns: Sequence[str]) -> list[Any] | None:
        """The step's rows (request id first, then ``columns``) read in one round trip when
        they fit one fetch; None when there are more (then :meth:`row_batches` with
        ``large`` streams them)."""
        with closing(self.send_first_rows([(step, columns)])) as pending:
            return pending.rows()[0]

    def send_first_rows(self, wanted: Sequence[tuple[Step, Sequence[str]]]) -> PendingRows:
        """:meth:`first_rows` of several steps, in two halves: on PostgreSQL the statements
        already sent once go out now, together in one pipeline (one round trip for all: the
        database runs them while the caller does other work, not on this connection), and
        :meth:`PendingRows.rows` collects their rows; elsewhere the statements run one by one
        when the rows are asked for. Lets a single request read every table back to back,
        and write one chunk of tables while the database reads the next."""
        reads = [self._statements(step, columns, ordered=False) for step, columns in wanted]

        def one_by_one() -> list[Sequence[Any]]:
            return [self._first_fetch(first, params, key) for _, first, params, key in reads]

        try:
            sent = [self._sent(params, key) for _, _, params, key in reads]
            known = [s for s in sent if s is not None]
            if len(known) < len(sent) or len(known) < 2 or not self._reads.get("direct"):
                return PendingRows(self.store, one_by_one, None)
            pipeline = self._driver_send(known)
        except SQLAlchemyError as exc:
            raise StoreError(self.store, _short(exc)) from exc

        def collect() -> list[Sequence[Any]]:
            return [*self._driver_call(pipeline.rows, known[0][0])]

        return PendingRows(self.store, collect, pipeline)

    def _driver_send(self, sent: list[tuple[str, dict[str, Any]]]) -> Pipelined:
        """Statements already sent once through SQLAlchemy (:func:`_as_sent`) sent again
        together as the same texts with the same named parameters on the connection's own
        psycopg connection, in its transaction (:class:`Pipelined`)."""
        driver: Any = self.conn.connection.driver_connection
        return self._driver_call(lambda: Pipelined(driver, sent), sent[0][0])

    def _sent(
        self, params: dict[str, Any] | None, key: tuple[Any, ...] | None
    ) -> tuple[str, dict[str, Any]] | None:
        """The SQL text and values a reusable statement is sent as on PostgreSQL from its
        second request on (:func:`_as_sent`): the text the driver was given the first time,
        with the new values in the same named parameters; None when not known (yet)."""
        if key is None or params is None or self.conn.dialect.name != "postgresql":
            return None
        if "flat" not in self._reads:  # the same for every step of the request
            self._reads["spellings"] = tuple(
                sorted((n, len(v)) for n, v in params.items() if isinstance(v, list))
            )
            self._reads["flat"] = _flat(params)
            self._reads["direct"] = pipelines(self.conn)
        sent = _SENT.get((*key, *self._reads["spellings"]))
        if sent is None:
            return None
        text, constants = sent
        return text, {**constants, **self._reads["flat"]}

    def _first_fetch(
        self, statement: AnySelect, params: dict[str, Any] | None, key: tuple[Any, ...] | None
    ) -> Sequence[Any]:
        """Run a first fetch: a reusable statement whose text is known (:meth:`_sent`) as that
        text, without compiling and expanding it again (half the client's work per table);
        else through SQLAlchemy, learning its text when running it again is known to be
        equivalent: every parameter traced to the request's values or a constant, and no
        column whose value SQLAlchemy would convert."""
        sent = self._sent(params, key)
        if sent is not None:
            if self._reads["direct"]:
                return self._driver_reads([sent])[0]
            return self.conn.exec_driver_sql(*sent).all()
        result = self.conn.execute(statement, params)
        rows = result.all()
        if key is not None and params is not None and self.conn.dialect.name == "postgresql":
            as_sent = _as_sent(result, params)
            if as_sent is not None:
                if len(_SENT) >= _STATEMENTS_MAX:
                    _SENT.clear()
                _SENT[(*key, *self._reads["spellings"])] = as_sent
        return rows

    def _driver_reads(self, sent: list[tuple[str, dict[str, Any]]]) -> list[list[Any]]:
        """The rows of a statement already sent once through SQLAlchemy (:func:`_as_sent`),
        sent again as the same text with the same named parameters on the connection's own
        psycopg connection, in its transaction: the same statement and rows (no column whose
        value SQLAlchemy converts), without building a result object."""
        driver: Any = self.conn.connection.driver_connection
        return self._driver_call(lambda: pipelined(driver, sent), sent[0][0])

    def _driver_call(self, call: Callable[[], _T], text: str) -> _T:
        """``call()``, the driver's errors described as SQLAlchemy's own are (names, no
        values); a lost connection is the store unavailable and is not handed out again."""
        driver: Any = self.conn.connection.driver_connection
        error: type[Exception] = self.conn.dialect.loaded_dbapi.Error
        try:
            return call()
        except error as exc:
            wrapped = sa.exc.DBAPIError.instance(text, None, exc, error)
            failure: Any = exc  # the dialect's own DBAPI error type
            if self.conn.dialect.is_disconnect(failure, driver, None):
                self.conn.invalidate(exc)  # the pool does not hand this connection out again
                # as the engine's handle_error hook says it on SQLAlchemy's path (exit code 4)
                raise StoreUnavailableError(
                    self.store, f"unavailable: {describe_unreachable(exc)}"
                ) from None
            raise StoreError(self.store, describe(wrapped)) from exc

    def _statements(
        self, step: Step, columns: Sequence[str], *, ordered: bool, request: bool = True
    ) -> tuple[AnySelect, AnySelect, dict[str, Any] | None, tuple[Any, ...] | None]:
        """The step's read (the request id first unless not ``request``: one request's rows
        only), the same limited to a first fetch, their parameters, and the key they are kept
        under while they can be reused (built once per key)."""
        reused = self._reusable()
        key = (*reused, step.index, tuple(columns), ordered, request) if reused else None
        cached = _STATEMENTS.get(key) if key else None
        if cached is None:
            query = (
                self._rows_query(step, columns, ordered)
                if request
                else self._single_rows_query(step, columns, ordered, request=False)
            )
            cached = (query, query.limit(_STREAM_BATCH + 1))
            if key:
                if len(_STATEMENTS) >= _STATEMENTS_MAX:
                    _STATEMENTS.clear()
                _STATEMENTS[key] = cached
        query, first_batch = cached
        return query, first_batch, self._parameters() if reused else None, key

    def _fetch(
        self,
        step: Step,
        columns: Sequence[str],
        *,
        ordered: bool,
        stream: bool,
        large: bool = False,
        request: bool = True,
    ) -> Iterator[Iterable[Any]]:
        """The rows of :meth:`rows` (request id first unless not ``request``: one request's
        rows only), as the fetches bring them; ``large``: known to exceed a first fetch
        (:meth:`first_rows` said so), streamed at once."""
        query, first_batch, params, _ = self._statements(
            step, columns, ordered=ordered, request=request
        )
        try:
            if not stream:
                yield self.conn.execute(query, params)
                return
            # Most people have few rows per table: read up to a batch in one round trip, and
            # only when there are more, stream them through a server-side cursor.
            if not large:
                first = self.conn.execute(first_batch, params).all()
                if len(first) <= _STREAM_BATCH:
                    yield first
                    return
                del first
            if not request and self.conn.dialect.driver == "psycopg":
                yield from self._driver_batches(query, params)
                return
            options = {"yield_per": _CURSOR_BATCH}
            yield from self.conn.execute(query, params, execution_options=options).partitions()
        except SQLAlchemyError as exc:
            raise StoreError(self.store, _short(exc)) from exc

    def _driver_batches(
        self, query: AnySelect, params: dict[str, Any] | None
    ) -> Iterator[list[tuple[Any, ...]]]:
        """``query``'s rows read through a psycopg server-side cursor of the connection's own
        driver connection (in its transaction), ``_CURSOR_BATCH`` tuples a fetch. The statement
        is compiled by the connection's dialect, expanding parameters and all, so the database
        receives what SQLAlchemy would have sent; only the result rows skip its row objects.
        The next fetch is read while the caller works on the last (:func:`_read_ahead`).
        Numeric values come as text: ``str`` of the ``Decimal`` the driver would have made."""
        state = query.compile(dialect=self.conn.dialect).construct_expanded_state(params)
        values = dict(state.parameters)
        for name, process in state.processors.items():
            if name in values:
                values[name] = process(values[name])
        from psycopg.types.string import TextLoader  # the driver is psycopg: installed

        driver: Any = self.conn.connection.driver_connection
        error: type[Exception] = self.conn.dialect.loaded_dbapi.Error
        try:
            with driver.cursor(name=f"kept_rows_{uuid.uuid4().hex[:12]}") as cursor:
                # numeric values as PostgreSQL's text, not parsed into Decimal objects that the
                # export turns back into the same text (_numeric_text keeps it the same)
                cursor.adapters.register_loader("numeric", TextLoader)
                cursor.execute(state.statement, values)
                oid = cursor.adapters.types["numeric"].oid
                numeric = [i for i, c in enumerate(cursor.description or ()) if c.type_code == oid]

                def fetch() -> list[tuple[Any, ...]]:
                    return _numeric_text(cursor.fetchmany(_CURSOR_BATCH), numeric)

                yield from _read_ahead(fetch)
        except error as exc:  # described as SQLAlchemy's own errors are (names, no values)
            wrapped = sa.exc.DBAPIError.instance(None, None, exc, error)
            raise StoreError(self.store, describe(wrapped)) from exc

    def _rows_query(self, step: Step, columns: Sequence[str], ordered: bool) -> AnySelect:
        if self._single():
            return self._single_rows_query(step, columns, ordered)
        keys = self.keys(step)
        t = self.table(step, columns)
        pk = self.pk(step)
        if len(pk) == 1:
            matched = sa.select(keys.c[REQ], keys.c[pk[0]]).distinct().subquery()
            on = t.c[pk[0]] == matched.c[pk[0]]
        else:
            matched = sa.select(keys.c[REQ], *[keys.c[c] for c in pk]).distinct().subquery()
            on = sa.and_(*[t.c[c] == matched.c[c] for c in pk])
        query = sa.select(matched.c[REQ], *[t.c[c] for c in columns]).select_from(
            t.join(matched, on)
        )
        if ordered:
            query = query.order_by(matched.c[REQ], *[matched.c[c] for c in pk])
        return query

    def _single_rows_query(
        self, step: Step, columns: Sequence[str], ordered: bool, *, request: bool = True
    ) -> AnySelect:
        """One request's rows of a step, selected straight from the table: by its one way's
        condition (an index scan, as a hand-written query would do), or by its keys; the
        request id first unless not ``request``."""
        tenant_column = self.tenant_columns.get(step.index) if self.tenant is not None else None
        t = self.table(step, [*columns, *([tenant_column] if tenant_column else [])])
        pk = self.pk(step)
        ways = [w for w in step.ways if w not in step.back]
        where: sa.ColumnElement[bool] | None = None
        if len(ways) == 1:
            where = self._way_predicate(step, t, ways[0])
        if where is None:
            keys = self.keys(step)
            if len(pk) == 1:
                where = t.c[pk[0]].in_(sa.select(keys.c[pk[0]]))
            else:
                found = sa.select(*[keys.c[c] for c in pk])
                where = sa.tuple_(*[t.c[c] for c in pk]).in_(found)
        if tenant_column:  # compared as text: tenant ids may be numbers in the store
            where = sa.and_(where, sa.cast(t.c[tenant_column], sa.String) == self.tenant)
        selected: list[sa.ColumnElement[Any]] = [t.c[c] for c in columns]
        if request:
            selected.insert(0, self._request().label(REQ))
        query = sa.select(*selected).where(where)
        if ordered:
            query = query.order_by(*[t.c[c] for c in pk])
        return query

    def _reusable(self) -> tuple[Any, ...] | None:
        """What a read's statement depends on besides the request's values, when it can be
        built once and run again with new values (one request, read inline, one store: no
        temporary table named per request); else ``None``."""
        if "reusable" not in self._reads:
            reusable = None
            if self._single() and len(self.plan.stores()) == 1:
                url = self.conn.engine.url.render_as_string(hide_password=True)
                reusable = (
                    url,
                    self.store,
                    self.schema,
                    self.plan.version,
                    self.plan.kinds,
                    self.tenant,
                )
            self._reads["reusable"] = reusable
        return self._reads["reusable"]  # type: ignore[no-any-return]

    def _parameters(self) -> dict[str, Any]:
        """The request's values for the named parameters of a reusable statement (the same
        for every step: worked out once)."""
        if "parameters" in self._reads:
            return self._reads["parameters"]  # type: ignore[no-any-return]
        ((req, identities),) = self.requests.items()
        params: dict[str, Any] = {_REQ_PARAM: req}
        for kind in self.plan.kinds:
            values = [i.value for i in identities if i.kind == kind]
            if values:
                name = _identity_param(self.plan, kind)
                params.update(identity_parameters(self.conn, self._rule(kind), values, name))
        self._reads["parameters"] = params
        return params

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


# Reads of single requests, built once per plan, store and shape and run again with the next
# request's values (named parameters): building a statement costs more than running it.
_STATEMENTS: dict[tuple[Any, ...], tuple[AnySelect, AnySelect]] = {}
_REQ_PARAM = "kept_req_id"


def _identity_param(plan: TraversalPlan, kind: str) -> str:
    """The parameter that carries the spellings of the request's identities of ``kind``."""
    return f"kept_ids_{plan.kinds.index(kind) if kind in plan.kinds else kind}"


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


def _short(exc: SQLAlchemyError) -> str:
    return describe(exc)
