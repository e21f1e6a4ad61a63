"""``kept check --data``: the manifest's row-level promises (``data_checks:``) held against
the rows themselves.

Each check becomes **one bounded query** on its store, which returns how many rows break the
promise and the primary keys of the first few of them (never other values)::

    SELECT id, COUNT(*) OVER () AS kept_rows
    FROM organizations
    WHERE is_trial = true AND NOT (invoice_email IS NULL AND ...)
    ORDER BY id LIMIT 5

Raw SQL (``sql:`` with ``accept_raw_sql: true``) is wrapped the same way
(``SELECT q.*, COUNT(*) OVER () FROM (<sql>) AS q LIMIT 5``). Every query runs in a read-only
transaction that is rolled back (``SET TRANSACTION READ ONLY`` on PostgreSQL, ``START
TRANSACTION READ ONLY`` on MariaDB, ``PRAGMA query_only`` on SQLite), with a statement
timeout on PostgreSQL and MariaDB. A check that breaks its promise is a ``data-check-failed``
finding; one that cannot run (its table, a column or its store is away, the query fails or
times out) is ``data-check-error``.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from kept.errors import KeptError
from kept.failure import describe
from kept.findings import Finding
from kept.manifest.condition import (
    Condition,
    Not,
    parse_condition,
    resolve_condition,
)
from kept.manifest.data_check_rules import find_collection
from kept.manifest.data_checks import NAMED_PATTERNS, DataCheck
from kept.manifest.models import Collection, Manifest
from kept.stores.condition import compile_condition, condition_columns

if TYPE_CHECKING:
    from kept.manifest.loader import LoadedManifest
    from kept.stores import StoreEngines

__all__ = [
    "DATA_CODES",
    "IPV4_TRUNCATED",
    "IPV6_TRUNCATED",
    "CompiledCheck",
    "DataCheckResult",
    "DataCheckRun",
    "compile_check",
    "read_only",
    "run_data_checks",
]

DATA_CODES: dict[str, str] = {
    "data-check-failed": "rows of a store break a row-level promise of `data_checks:`",
    "data-check-error": "a data check could not run (its table, a column or its store is away, "
    "or the query failed or timed out)",
}

IPV4_TRUNCATED = r"^[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.0+(/[0-9]{1,2})?$"
"""An IPv4 address whose last octet is 0 (``203.0.113.0``, or ``203.0.113.0/24``)."""
IPV6_TRUNCATED = (
    r"^[0-9A-Fa-f]{1,4}(:[0-9A-Fa-f]{1,4}){0,2}(:0{1,4}){0,4}::(/[0-9]{1,3})?$"
    r"|^[0-9A-Fa-f]{1,4}(:[0-9A-Fa-f]{1,4}){2}(:0{1,4}){5}(/[0-9]{1,3})?$"
    r"|^::(/[0-9]{1,3})?$"
)
"""An IPv6 address of which only the first 48 bits may be set (``2001:db8:85a3::``,
``2001:db8:85a3:0:0:0:0:0``)."""

ROWS_LABEL = "kept_rows"


# --------------------------------------------------------------------------- load-time problems


# --------------------------------------------------------------------------- SQL building


class _contains_text(FunctionElement[Any]):  # noqa: N801 - used like an SQL function
    """``haystack`` contains ``needle`` as a substring (no wildcards, unlike LIKE)."""

    name = "kept_contains_text"
    inherit_cache = True


@compiles(_contains_text)
def _contains_default(element: _contains_text, compiler: Any, **kw: Any) -> str:
    hay, needle = list(element.clauses)
    return f"instr({compiler.process(hay, **kw)}, {compiler.process(needle, **kw)}) > 0"


@compiles(_contains_text, "postgresql")
def _contains_postgresql(element: _contains_text, compiler: Any, **kw: Any) -> str:
    hay, needle = list(element.clauses)
    return f"strpos({compiler.process(hay, **kw)}, {compiler.process(needle, **kw)}) > 0"


@compiles(_contains_text, "mysql")
def _contains_mysql(element: _contains_text, compiler: Any, **kw: Any) -> str:
    hay, needle = list(element.clauses)
    return f"LOCATE({compiler.process(needle, **kw)}, {compiler.process(hay, **kw)}) > 0"


def _text(column: sa.ColumnElement[Any]) -> sa.ColumnElement[str]:
    return sa.cast(column, sa.Text())


@dataclass(frozen=True)
class CompiledCheck:
    """A check as its one statement, on its store."""

    check: DataCheck
    store: str
    keys: tuple[str, ...]
    statement: sa.Executable


def _primary_key(coll: Collection) -> tuple[str, ...]:
    return tuple(f.name for f in coll.fields if f.is_primary_key)


def _conditions(check: DataCheck, manifest: Manifest) -> dict[str, Condition]:
    """The check's ``where``, ``forbid`` and ``require``, parsed and resolved."""
    assert check.collection is not None
    found = find_collection(manifest, check.collection)
    assert found is not None
    out: dict[str, Condition] = {}
    for key in ("where", "forbid", "require"):
        raw = getattr(check, key)
        if raw is not None:
            cond, problems = resolve_condition(
                parse_condition(raw, (key,)), manifest, found[0], found[1].name
            )
            if problems:  # pragma: no cover - refused when the manifest is loaded
                raise KeptError(f"data check {check.name!r}: {problems[0].message}")
            out[key] = cond
    return out


def _violation(
    check: DataCheck,
    manifest: Manifest,
    conds: dict[str, Condition],
    t: sa.TableClause,
    schema: str | None,
) -> sa.ColumnElement[bool]:
    broken: sa.ColumnElement[bool]
    if "forbid" in conds:
        broken = compile_condition(conds["forbid"], t, schema)
    elif "require" in conds:  # the exact complement: rows where it does not hold
        broken = compile_condition(Not(conds["require"]), t, schema)
    elif check.ip_truncated is not None:
        parts = []
        for name in check.ip_truncated:
            value = _text(t.c[name])
            truncated = value.regexp_match(f"{IPV4_TRUNCATED}|{IPV6_TRUNCATED}")
            parts.append(
                sa.and_(value.is_not(None), value != "", sa.case((truncated, 0), else_=1) == 1)
            )
        broken = sa.or_(*parts)
    elif check.pattern_absent is not None:
        broken = _pattern_found(check, manifest, t, schema)
    else:  # pragma: no cover - validated
        raise AssertionError(check.form)
    if "where" in conds:
        return sa.and_(compile_condition(conds["where"], t, schema), broken)
    return broken


def _pattern_found(
    check: DataCheck, manifest: Manifest, t: sa.TableClause, schema: str | None
) -> sa.ColumnElement[bool]:
    spec = check.pattern_absent
    assert spec is not None
    regexes = [NAMED_PATTERNS[p] for p in spec.patterns] + list(spec.regex)
    hay = [_text(t.c[name]) for name in spec.columns]
    parts: list[sa.ColumnElement[bool]] = [v.regexp_match(r) for v in hay for r in regexes]
    others: dict[str, list[str]] = {}
    for ref in spec.values_of:
        coll_text, _, column = ref.rpartition(".")
        others.setdefault(coll_text, []).append(column)
    for n, (coll_text, columns) in enumerate(others.items()):
        # One EXISTS per other collection (each of its rows read once per row checked).
        other = find_collection(manifest, coll_text)
        assert other is not None
        o = sa.table(other[1].name, *[sa.column(c) for c in columns], schema=schema)
        alias = o.alias(f"kept_values_{n}")
        found = []
        for column in columns:
            needle = _text(alias.c[column])
            found += [sa.and_(needle != "", _contains_text(v, needle)) for v in hay]
        parts.append(sa.exists(sa.select(sa.literal(1)).select_from(alias).where(sa.or_(*found))))
    return sa.or_(*parts)


def _columns(check: DataCheck, conds: dict[str, Condition], keys: Sequence[str]) -> list[str]:
    names = [*keys]
    for cond in conds.values():
        names += condition_columns(cond)
    names += check.ip_truncated or []
    if check.pattern_absent is not None:
        names += check.pattern_absent.columns
    return list(dict.fromkeys(names))


def compile_check(check: DataCheck, manifest: Manifest, *, sample: int) -> CompiledCheck:
    """The check's one statement: the count of rows breaking it and up to ``sample`` keys."""
    if check.sql is not None:
        store_name = check.store
        if store_name is None and check.collection is not None:
            found = find_collection(manifest, check.collection)
            store = manifest.store_for(found[0]) if found else None
            store_name = store.name if store else None
        if store_name is None:  # pragma: no cover - validated at load
            raise KeptError(f"data check {check.name!r} has no store")
        inner = check.sql.strip().rstrip(";").strip()
        text = f"SELECT kept_check.*, COUNT(*) OVER () AS {ROWS_LABEL} FROM ({inner}) kept_check"
        limit = sample if sample and check.collection is not None else 1
        statement: sa.Executable = sa.text(f"{text} LIMIT {limit}")
        return CompiledCheck(check, store_name, (), statement)
    assert check.collection is not None
    found = find_collection(manifest, check.collection)
    if found is None:  # pragma: no cover - validated at load
        raise KeptError(f"data check {check.name!r}: unknown collection {check.collection!r}")
    ds_key, coll = found
    store = manifest.store_for(ds_key)
    if store is None:  # pragma: no cover - validated at load
        raise KeptError(f"data check {check.name!r}: no store holds dataset {ds_key!r}")
    keys = _primary_key(coll) if sample else ()
    conds = _conditions(check, manifest)
    columns = _columns(check, conds, keys)
    t = sa.table(coll.name, *[sa.column(c) for c in columns], schema=store.db_schema)
    broken = _violation(check, manifest, conds, t, store.db_schema)
    select: sa.Select[Any]
    if keys:
        select = (
            sa.select(*[t.c[k] for k in keys], sa.func.count().over().label(ROWS_LABEL))
            .where(broken)
            .order_by(*[t.c[k] for k in keys])
            .limit(sample)
        )
    else:
        select = sa.select(sa.func.count().label(ROWS_LABEL)).select_from(t).where(broken)
    return CompiledCheck(check, store.name, keys, select)


# --------------------------------------------------------------------------- running


@contextmanager
def read_only(conn: sa.Connection, timeout: float | None = None) -> Iterator[sa.Connection]:
    """A read-only transaction on ``conn``, rolled back at the end, with a statement timeout
    (seconds) on PostgreSQL and MariaDB."""
    dialect = conn.dialect.name
    if conn.in_transaction():
        conn.rollback()
    if dialect == "sqlite":
        conn.exec_driver_sql("PRAGMA query_only = ON")
        try:
            yield conn
        finally:
            conn.rollback()
            conn.exec_driver_sql("PRAGMA query_only = OFF")
        return
    if dialect == "postgresql":
        conn.exec_driver_sql("SET TRANSACTION READ ONLY")
        if timeout is not None:
            conn.exec_driver_sql(f"SET LOCAL statement_timeout = {int(timeout * 1000)}")
        try:
            yield conn
        finally:
            conn.rollback()
        return
    if dialect in ("mysql", "mariadb"):
        mariadb = bool(getattr(conn.dialect, "is_mariadb", False))
        variable = "max_statement_time" if mariadb else "max_execution_time"
        if timeout is not None:
            limit = f"{float(timeout):.3f}" if mariadb else str(int(timeout * 1000))
            conn.exec_driver_sql(f"SET SESSION {variable} = {limit}")
        conn.exec_driver_sql("START TRANSACTION READ ONLY")
        try:
            yield conn
        finally:
            conn.rollback()
            if timeout is not None:
                conn.exec_driver_sql(f"SET SESSION {variable} = 0")
        return
    raise KeptError(f"data checks cannot run read-only on a {dialect} database")


@dataclass
class DataCheckResult:
    """What one check found: how many rows break the promise and a few of their keys."""

    name: str
    store: str
    collection: str | None
    form: str
    promise: str | None = None
    rows: int | None = None
    """Rows breaking the promise; None when the check could not run."""
    sample_keys: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and self.rows == 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "store": self.store,
            "collection": self.collection,
            "form": self.form,
            "promise": self.promise,
            "ok": self.ok,
            "rows": self.rows,
            "sample_keys": self.sample_keys,
            "seconds": round(self.seconds, 6),
            "error": self.error,
        }


@dataclass
class DataCheckRun:
    """The results of a run of data checks, and their findings."""

    results: list[DataCheckResult] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.results)

    def summary(self) -> dict[str, Any]:
        """What the audit log records of a run: counts per check, never keys or values."""
        return {
            "checks": len(self.results),
            "failed": [r.name for r in self.results if r.error is None and r.rows],
            "errors": [r.name for r in self.results if r.error is not None],
            "rows": {r.name: r.rows for r in self.results},
        }


def _json_key(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def _run_one(
    conn: sa.Connection,
    compiled: CompiledCheck,
    manifest: Manifest,
    timeout: float | None,
    sample: int,
    result: DataCheckResult,
) -> None:
    with read_only(conn, timeout):
        rows = conn.execute(compiled.statement).mappings().all()
    result.rows = int(rows[0][ROWS_LABEL]) if rows else 0
    check = compiled.check
    if check.sql is not None:
        if check.collection is None or not rows:
            return  # a query on a store reports its count only: its columns may be values
        found = find_collection(manifest, check.collection)
        keys = set(_primary_key(found[1])) if found else set()
        returned = [k for k in rows[0] if k != ROWS_LABEL]
        values = [k for k in returned if k not in keys]
        if values or not returned:
            shown = ", ".join(values) or "no column"
            raise KeptError(
                f"the SQL returns {shown}, not the primary key of {check.collection} "
                f"({', '.join(sorted(keys)) or 'none declared'}): a data check reports keys only"
            )
    for row in rows[:sample]:
        result.sample_keys.append({k: _json_key(v) for k, v in row.items() if k != ROWS_LABEL})


def _finding(loaded: LoadedManifest, index: int, result: DataCheckResult) -> Finding | None:
    position = loaded.locate(("data_checks", "checks", index))
    where = result.collection or f"store {result.store}"
    promise = f" ({result.promise})" if result.promise else ""
    if result.error is not None:
        return Finding(
            "data-check-error",
            f"data check {result.name!r} on {where} could not run: {result.error}",
            f"data-check:{result.name}",
            store=result.store,
            table=result.collection,
            position=position,
        )
    if not result.rows:
        return None
    keys = "; ".join(", ".join(f"{k}={v}" for k, v in key.items()) for key in result.sample_keys)
    shown = f"; first keys: {keys}" if keys else ""
    noun = "row breaks" if result.rows == 1 else "rows break"
    return Finding(
        "data-check-failed",
        f"{result.rows} {noun} data check {result.name!r} on {where}{promise}{shown}",
        f"data-check:{result.name}",
        store=result.store,
        table=result.collection,
        position=position,
    )


def run_data_checks(
    loaded: LoadedManifest,
    *,
    names: Sequence[str] = (),
    engines: StoreEngines | None = None,
    env: Mapping[str, str] | None = None,
    skip_stores: Sequence[str] = (),
) -> DataCheckRun:
    """Run the manifest's data checks (or those ``names``), one query each, read-only.

    ``engines`` are the caller's long-lived store engines (else opened and closed here);
    checks on ``skip_stores`` (found unreachable already) are reported as errors unrun.
    """
    from kept.execution.session import open_engines

    section = loaded.manifest.data_checks
    unknown = sorted(set(names) - {c.name for c in section.checks})
    if unknown:
        known = ", ".join(c.name for c in section.checks) or "none"
        raise KeptError(f"unknown data check {', '.join(map(repr, unknown))}; known: {known}")
    run = DataCheckRun()
    with ExitStack() as stack:
        if engines is None:
            engines = stack.enter_context(open_engines(loaded, env))
        conns: dict[str, sa.Connection] = {}
        for index, check in enumerate(section.checks):
            if names and check.name not in names:
                continue
            sample = section.sample if check.sample is None else check.sample
            timeout = check.timeout if check.timeout is not None else section.timeout
            compiled = compile_check(check, loaded.manifest, sample=sample)
            result = DataCheckResult(
                check.name, compiled.store, check.collection, check.form, check.promise
            )
            started = time.perf_counter()
            try:
                if compiled.store in skip_stores:
                    raise KeptError(f"store {compiled.store!r} is unreachable")
                conn = conns.get(compiled.store)
                if conn is None:
                    conn = stack.enter_context(engines.get(compiled.store).connect())
                    conns[compiled.store] = conn
                _run_one(conn, compiled, loaded.manifest, timeout, sample, result)
            except KeptError as exc:
                result.error = str(exc)
            except SQLAlchemyError as exc:
                result.error = describe(exc)
                conn = conns.pop(compiled.store, None)
                if conn is not None:
                    conn.invalidate()
            result.seconds = time.perf_counter() - started
            run.results.append(result)
            finding = _finding(loaded, index, result)
            if finding is not None:
                run.findings.append(finding)
    return run
