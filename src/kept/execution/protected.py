"""What an erasure must leave: the rows retention and legal holds protect.

After an erasure has found a person's rows and before it changes any, :func:`keep_protected`
takes out of a step's matched keys every row of a request whose person is under a legal hold,
and the rows a retention minimum, an indefinite keep or a tenant or dataset hold protects
(:mod:`kept.execution.retention.protect` says which), counting them per request with their grounds.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa

from kept.execution.plan import Step
from kept.execution.retention import protect
from kept.execution.traverse import REQ, CreateTempAs, StoreTraversal, count_per_request, drop_temp

__all__ = ["keep_protected"]


def keep_protected(
    walk: StoreTraversal,
    step: Step,
    protection: protect.Protection,
    held_requests: Mapping[str, list[Any]],
    held: dict[str, int],
    grounds: list[str],
) -> None:
    """Take the rows that must stay out of the step's matched keys, counting them per request:
    every row of a request whose person is under a legal hold, and the rows a retention
    minimum, an indefinite keep or a tenant or dataset hold protects."""
    keys = walk.keys(step)
    if not isinstance(keys, sa.TableClause):  # pragma: no cover - erasure materialises
        return
    pk = walk.pk(step)
    req = keys.c[REQ]
    if held_requests:
        held_ids = sorted(held_requests)
        for request_id, count in walk.conn.execute(count_per_request(keys, pk, req.in_(held_ids))):
            held[str(request_id)] = held.get(str(request_id), 0) + int(count)
            for hold in held_requests[str(request_id)]:
                if hold.ground not in grounds:
                    grounds.append(hold.ground)
        walk.conn.execute(sa.delete(keys).where(req.in_(held_ids)))
    t = walk.table(step, protection.columns(step.node))
    guards = protection.guards(step.node, t, walk.schema)
    if not guards:
        return
    on = sa.and_(*[t.c[c] == keys.c[c] for c in pk])
    joined = keys.join(t, on)
    for guard in guards:
        query = sa.select(sa.literal(1)).select_from(joined).where(guard.condition).limit(1)
        if walk.conn.execute(query).first() is not None:
            grounds.append(guard.ground)
    if not any(g.ground in grounds for g in guards):
        return
    _remove_guarded(walk, step, keys, joined, guards, held)


def _remove_guarded(
    walk: StoreTraversal,
    step: Step,
    keys: sa.TableClause,
    joined: sa.Join,
    guards: list[protect.Guard],
    held: dict[str, int],
) -> None:
    pk = walk.pk(step)
    name = f"kept_p{step.index}_{uuid.uuid4().hex[:6]}"
    protected = sa.select(keys.c[REQ], *[keys.c[c] for c in pk]).select_from(joined)
    protected = protected.where(sa.or_(*[g.condition for g in guards]))
    walk.conn.execute(CreateTempAs(name, protected, walk.conn.dialect.name))
    p = sa.table(name, sa.column(REQ), *[sa.column(c) for c in pk])
    for request_id, count in walk.conn.execute(count_per_request(p, pk)):
        held[str(request_id)] = held.get(str(request_id), 0) + int(count)
    gone: sa.ColumnElement[bool]
    if len(pk) == 1:
        gone = keys.c[pk[0]].in_(sa.select(p.c[pk[0]]))
    else:
        gone = sa.exists(sa.select(sa.literal(1)).where(*[p.c[c] == keys.c[c] for c in pk]))
    walk.conn.execute(sa.delete(keys).where(gone))
    drop_temp(walk.conn, name)
