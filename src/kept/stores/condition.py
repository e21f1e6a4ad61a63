"""Row conditions (:mod:`kept.manifest.condition`) compiled to one SQLAlchemy expression.

The expression runs in the database on SQLite, PostgreSQL and MariaDB/MySQL: set-based, no row
goes through Python to be judged. Negations are pushed down to the comparisons, so that the
expression is never SQL's unknown (``not {status: open}`` becomes ``status IS NULL OR status <>
'open'``) and the complement of a condition is exactly the rows it leaves out. ``exists``
becomes a correlated ``EXISTS`` on the linked collection. Times are compared as moments
(``julianday`` on SQLite, where times are text written in several formats).

::

    t = sa.table("orders", *[sa.column(c) for c in condition_columns(cond)], schema=schema)
    sa.select(t.c.id).where(compile_condition(cond, t, schema))
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from kept.manifest.condition import (
    All,
    AnyOf,
    ColumnRef,
    Compare,
    Condition,
    Exists,
    Not,
    local_columns,
)

__all__ = ["compile_condition", "condition_columns", "moment"]


class moment(FunctionElement[Any]):  # noqa: N801 - used like an SQL function
    """A point in time, comparable across formats: ``julianday(x)`` on SQLite, where times are
    text that other writers format differently (``T`` or a space, with or without fractions);
    the value itself elsewhere (native timestamps, and their indexes stay usable)."""

    name = "kept_moment"
    inherit_cache = True


@compiles(moment)
def _moment_default(element: moment, compiler: Any, **kw: Any) -> str:
    return str(compiler.process(element.clauses, **kw))


@compiles(moment, "sqlite")
def _moment_sqlite(element: moment, compiler: Any, **kw: Any) -> str:
    return f"julianday({compiler.process(element.clauses, **kw)})"


def condition_columns(cond: Condition | None) -> list[str]:
    """The columns of the condition's own table it reads (declare them on the table)."""
    return local_columns(cond)


def compile_condition(
    cond: Condition | None, t: sa.TableClause, schema: str | None
) -> sa.ColumnElement[bool]:
    """``cond`` (resolved: :func:`kept.manifest.condition.resolve_condition`) over the rows of
    ``t``, a table declaring at least :func:`condition_columns`; ``schema`` is where the
    collections ``exists`` reaches live (the store's schema)."""
    if cond is None:
        return sa.true()
    return _compile(cond, t, schema, True)


def _compile(
    cond: Condition, t: sa.FromClause, schema: str | None, positive: bool
) -> sa.ColumnElement[bool]:
    if isinstance(cond, Compare):
        return _compare(cond, t.c[cond.column], positive, t)
    if isinstance(cond, Not):
        return _compile(cond.item, t, schema, not positive)
    if isinstance(cond, All | AnyOf):
        parts = [_compile(c, t, schema, positive) for c in cond.items]
        if isinstance(cond, All) == positive:
            return sa.and_(sa.true(), *parts) if not parts else sa.and_(*parts)
        return sa.or_(sa.false(), *parts) if not parts else sa.or_(*parts)
    found = _exists(cond, t, schema)
    return found if positive else sa.not_(found)


def _exists(cond: Exists, t: sa.FromClause, schema: str | None) -> sa.ColumnElement[bool]:
    link = cond.link
    if link is None:
        raise ValueError(f"condition 'exists {cond.collection}' is not resolved")
    names = [link.remote, *local_columns(cond.where)]
    inner = sa.table(
        link.collection, *[sa.column(c) for c in dict.fromkeys(names)], schema=schema
    ).alias()
    where = [inner.c[link.remote] == t.c[link.local]]
    if cond.where is not None:
        where.append(_compile(cond.where, inner, schema, True))
    return sa.exists(sa.select(sa.literal(1)).select_from(inner).where(*where))


def _is_time(value: Any) -> bool:
    return isinstance(value, dt.date)


def _literal(value: Any) -> sa.ColumnElement[Any]:
    if isinstance(value, dt.datetime):
        return moment(sa.literal(value, sa.DateTime()))
    if isinstance(value, dt.date):
        return moment(sa.literal(value, sa.Date()))
    return sa.literal(value)


def _compare(
    cond: Compare, column: sa.ColumnElement[Any], positive: bool, t: sa.FromClause
) -> sa.ColumnElement[bool]:
    op, value = cond.op, cond.value
    if isinstance(value, ColumnRef):  # another column of the row, compared as stored
        other = t.c[value.name]
        if not positive:
            return sa.or_(column.is_(None), other.is_(None), _OPS[_OPPOSITE[op]](column, other))
        return _OPS[op](column, other)  # type: ignore[no-any-return]
    if op == "is_null":
        return column.is_(None) if value == positive else column.is_not(None)
    values = list(value) if op in ("in", "not_in") else [value]
    col: sa.ColumnElement[Any] = moment(column) if any(_is_time(v) for v in values) else column
    test: sa.ColumnElement[bool]
    if op == "like":
        test = column.ilike(sa.literal(value)) if positive else column.not_ilike(sa.literal(value))
    elif op in ("in", "not_in"):
        literals = [_literal(v) for v in values]
        test = col.in_(literals) if (op == "in") == positive else col.not_in(literals)
    else:
        if not positive:
            op = _OPPOSITE[op]
        test = _OPS[op](col, _literal(value))
    # Comparisons never hold on NULL; their negation then must (the exact complement).
    return test if positive else sa.or_(column.is_(None), test)


_OPS: dict[str, Any] = {
    "eq": lambda a, b: a == b,
    "ne": lambda a, b: a != b,
    "lt": lambda a, b: a < b,
    "le": lambda a, b: a <= b,
    "gt": lambda a, b: a > b,
    "ge": lambda a, b: a >= b,
}
_OPPOSITE = {"eq": "ne", "ne": "eq", "lt": "ge", "le": "gt", "gt": "le", "ge": "lt"}
