"""How a traversal's rows are read: the statements of a step's rows, run once or streamed.

:class:`RowReading` is the reading half of :class:`kept.execution.traverse.StoreTraversal`
(which rows are a person's is the other): a step's rows as dicts or tuples, streamed through a
server-side cursor past one fetch; the first fetches of several steps sent together on
PostgreSQL (:meth:`RowReading.send_first_rows`); a single request's statements built once per
plan, store and shape and sent again as the same SQL text with the next request's values
(:mod:`kept.execution.reads`).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.exc import SQLAlchemyError

from kept.errors import StoreError, StoreUnavailableError
from kept.execution.identity import Identity, IdentityRule
from kept.execution.matching import identity_parameters
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
from kept.stores.pipeline import Pipelined, pipelined, pipelines

__all__ = ["REQ", "AnySelect", "RowReading"]

REQ = "kept_req"
_STREAM_BATCH = FIRST_FETCH  # rows a first fetch reads in one round trip
_CURSOR_BATCH = 10_000  # rows per fetch from a server-side cursor
AnySelect = sa.Select[*tuple[Any, ...]]
_T = TypeVar("_T")

# Reads of single requests, built once per plan, store and shape and run again with the next
# request's values (named parameters): building a statement costs more than running it.
_STATEMENTS: dict[tuple[Any, ...], tuple[AnySelect, AnySelect]] = {}
_REQ_PARAM = "kept_req_id"


class RowReading:
    """The reading methods of :class:`~kept.execution.traverse.StoreTraversal`, a mixin: what
    they need of the traversal is declared here and defined there."""

    conn: sa.Connection
    store: str
    schema: str | None
    plan: TraversalPlan
    requests: dict[str, list[Identity]]
    tenant: str | None
    tenant_columns: dict[int, str]
    _reads: dict[str, Any]

    def pk(self, step: Step) -> list[str]:
        raise NotImplementedError

    def table(self, step: Step, columns: Sequence[str] = ()) -> sa.TableClause:
        raise NotImplementedError

    def keys(self, step: Step) -> sa.FromClause:
        raise NotImplementedError

    def _single(self) -> bool:
        raise NotImplementedError

    def _request(self) -> sa.BindParameter[str]:
        raise NotImplementedError

    def _way_predicate(
        self, step: Step, t: sa.TableClause, way: Way
    ) -> sa.ColumnElement[bool] | None:
        raise NotImplementedError

    def _rule(self, kind: str) -> IdentityRule:
        raise NotImplementedError

    def rows(
        self,
        step: Step,
        columns: Sequence[str],
        *,
        ordered: bool = False,
        stream: bool = True,
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
        apart by request. ``large``: :meth:`send_first_rows` found more than one fetch."""
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

    def send_first_rows(self, wanted: Sequence[tuple[Step, Sequence[str]]]) -> PendingRows:
        """The steps' rows (request id first, then the columns), each read in one round trip
        when it fits one fetch (else None: :meth:`row_batches` with ``large`` streams it), in
        two halves: on PostgreSQL the statements
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
        self,
        statement: AnySelect,
        params: dict[str, Any] | None,
        key: tuple[Any, ...] | None,
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
        self,
        step: Step,
        columns: Sequence[str],
        *,
        ordered: bool,
        request: bool = True,
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
        (:meth:`send_first_rows` said so), streamed at once."""
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
        self,
        step: Step,
        columns: Sequence[str],
        ordered: bool,
        *,
        request: bool = True,
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


def _identity_param(plan: TraversalPlan, kind: str) -> str:
    """The parameter that carries the spellings of the request's identities of ``kind``."""
    return f"kept_ids_{plan.kinds.index(kind) if kind in plan.kinds else kind}"


def _short(exc: SQLAlchemyError) -> str:
    return describe(exc)
