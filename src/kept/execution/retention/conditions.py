"""SQL conditions of retention rules, shared by the sweep and by erasure's retention floors.

Every condition is one SQLAlchemy expression over the rule's table (a clock on a referenced
collection becomes a correlated ``EXISTS``; the rule's ``where`` is compiled by
:mod:`kept.stores.condition`), so the sweep and erasure stay set-based: the database evaluates
the rule, no row travels through Python to be judged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import sqlalchemy as sa

from kept.execution.actions import FieldAction
from kept.manifest.models import ErasureAction
from kept.manifest.retention_rules import Target
from kept.stores.condition import compile_condition, condition_columns, moment

__all__ = [
    "Cutoff",
    "anonymize_values",
    "anonymized",
    "clock_before",
    "clock_not_before",
    "not_anonymized",
    "rule_table",
    "rule_where",
    "table_columns",
    "tenant_cutoff",
]

Cutoff = dt.datetime | sa.ColumnElement[Any]
"""One cut-off time, or an expression choosing one per row (per-tenant periods)."""


def table_columns(target: Target, pk: Sequence[str]) -> list[str]:
    """The columns of the rule's own table that its conditions and actions read."""
    names = [*pk]
    if target.clock is not None:
        clock = target.clock
        names.append((clock.via or "") if clock.parent else clock.name)
    names += condition_columns(target.condition)
    names += [name for name, _, _ in target.fields]
    if target.tenant:
        names.append(target.tenant)
    return list(dict.fromkeys(n for n in names if n))


def rule_table(target: Target, pk: Sequence[str], schema: str | None) -> sa.TableClause:
    return sa.table(
        target.node.collection, *[sa.column(c) for c in table_columns(target, pk)], schema=schema
    )


def _parent(target: Target, name: str, schema: str | None, extra: list[str]) -> sa.TableClause:
    columns = set()
    if target.clock is not None and target.clock.parent == name:
        columns.add(target.clock.parent_key or "")
    return sa.table(name, *[sa.column(c) for c in sorted({*columns, *extra})], schema=schema)


def rule_where(
    target: Target, t: sa.TableClause, schema: str | None
) -> list[sa.ColumnElement[bool]]:
    """The rule's ``where`` condition (none: an empty list)."""
    if target.condition is None:
        return []
    return [compile_condition(target.condition, t, schema)]


def clock_before(
    target: Target, t: sa.TableClause, cutoff: Cutoff, schema: str | None
) -> sa.ColumnElement[bool]:
    """The rows whose clock is set and older than ``cutoff`` (NULL: the clock has not
    started, e.g. a ticket not yet resolved, so the row is not expired)."""
    clock = target.clock
    if clock is None:
        raise ValueError(f"rule {target.name!r} has no clock")
    bound = cutoff if isinstance(cutoff, sa.ColumnElement) else sa.literal(cutoff, sa.DateTime())
    if clock.parent is None:
        return moment(t.c[clock.name]) < moment(bound)
    p = _parent(target, clock.parent, schema, [clock.name])
    return sa.exists(
        sa.select(sa.literal(1))
        .select_from(p)
        .where(
            p.c[clock.parent_key or ""] == t.c[clock.via or ""],
            moment(p.c[clock.name]) < moment(bound),
        )
    )


def clock_not_before(
    target: Target, t: sa.TableClause, cutoff: dt.datetime, schema: str | None
) -> sa.ColumnElement[bool]:
    """The rows whose clock is at or after ``cutoff``, or has not started (NULL): the rows a
    ``minimum`` still protects."""
    clock = target.clock
    if clock is not None and clock.parent is None:
        column = t.c[clock.name]
        bound = sa.literal(cutoff, sa.DateTime())
        return sa.or_(column.is_(None), moment(column) >= moment(bound))
    return sa.not_(clock_before(target, t, cutoff, schema))


def tenant_cutoff(
    t: sa.TableClause, tenant: str, default: dt.datetime, per_tenant: Mapping[Any, dt.datetime]
) -> Cutoff:
    """``default``, or a ``CASE`` choosing each tenant's own cut-off."""
    if not per_tenant:
        return default
    whens = [
        (t.c[tenant] == sa.literal(k), sa.literal(v, sa.DateTime())) for k, v in per_tenant.items()
    ]
    return sa.case(*whens, else_=sa.literal(default, sa.DateTime()))


def anonymized(fields: list[tuple[str, ErasureAction, Any]]) -> list[FieldAction]:
    return [FieldAction(name, action, value=value) for name, action, value in fields]


def not_anonymized(t: sa.TableClause, fields: list[FieldAction]) -> sa.ColumnElement[bool]:
    """Rows where some field is not yet in its anonymized state (so re-runs change nothing)."""
    left: list[sa.ColumnElement[bool]] = []
    for fa in fields:
        col = t.c[fa.column]
        if fa.action is ErasureAction.FIXED:
            left.append(sa.or_(col.is_(None), col != sa.literal(fa.value)))
        else:
            left.append(col.is_not(None))
    return sa.or_(*left)


def anonymize_values(fields: list[FieldAction]) -> dict[str, Any]:
    return {fa.column: (fa.value if fa.action is ErasureAction.FIXED else None) for fa in fields}
