"""Rows shared with other people: kept by an erasure, with the ground ``shared``.

A row reached through a reference into its key (a shared address, a household, a company
record) may also be referenced by rows that are not the person's: another employee living at
the same address. Before an erasure changes such a row, :func:`keep_shared` takes out of the
step's matched keys every row that a row outside the found rows of the referencing
collection still points at, in one set-based statement per way, and counts them per request
with the ground ``shared``. The person's own referencing rows are erased (deleted, or their
reference de-linked), so the shared row no longer leads to them; the other people keep it.
"""

from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa

from kept.execution.plan import Step, Way
from kept.execution.traverse import REQ, CreateTempAs, StoreTraversal, count_per_request, drop_temp

__all__ = ["SHARED", "keep_shared", "shared_condition"]

SHARED = "shared"
"""The ground of a row kept because other people's rows reference it."""


def _fan_in(walk: StoreTraversal, step: Step) -> list[Way]:
    """The reference ways into the step's key from a collection of the same store."""
    pk = walk.pk(step)
    if len(pk) != 1:
        return []
    return [
        w
        for w in step.ways
        if w.source is not None
        and w.source_column
        and w.column == pk[0]
        and walk.plan.step(w.source).store == walk.store
    ]


def shared_condition(walk: StoreTraversal, step: Step, t: Any) -> sa.ColumnElement[bool] | None:
    """Rows of ``t`` (the step's table) that a row outside the found rows still references."""
    ways = _fan_in(walk, step)
    if not ways:
        return None
    (pk,) = walk.pk(step)
    conditions = []
    for way in ways:
        source = walk.plan.step(way.source) if way.source else step
        column = way.source_column or ""
        other = walk.table(source, [column]).alias(f"kept_o{source.index}")
        found = walk.keys(source)
        source_pk = walk.pk(source)
        outside = sa.not_(
            sa.exists(
                sa.select(sa.literal(1)).where(*[found.c[c] == other.c[c] for c in source_pk])
            )
        )
        conditions.append(
            sa.exists(sa.select(sa.literal(1)).where(other.c[column] == t.c[pk], outside))
        )
    return sa.or_(*conditions)


def keep_shared(walk: StoreTraversal, step: Step, held: dict[str, int], grounds: list[str]) -> int:
    """Take the shared rows out of the step's matched keys, counting them per request;
    how many rows were taken out."""
    keys = walk.keys(step)
    if not isinstance(keys, sa.TableClause):  # pragma: no cover - erasure materialises
        return 0
    condition = shared_condition(walk, step, keys)
    if condition is None:
        return 0
    (pk,) = walk.pk(step)
    name = f"kept_s{step.index}_{uuid.uuid4().hex[:6]}"
    walk.conn.execute(
        CreateTempAs(
            name,
            sa.select(keys.c[REQ], keys.c[pk]).where(condition).distinct(),
            walk.conn.dialect.name,
        )
    )
    p = sa.table(name, sa.column(REQ), sa.column(pk))
    taken = 0
    for request_id, count in walk.conn.execute(count_per_request(p, [pk])):
        held[str(request_id)] = held.get(str(request_id), 0) + int(count)
        taken += int(count)
    if taken:
        if SHARED not in grounds:
            grounds.append(SHARED)
        walk.conn.execute(sa.delete(keys).where(keys.c[pk].in_(sa.select(p.c[pk]))))
    drop_temp(walk.conn, name)
    return taken
