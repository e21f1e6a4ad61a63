"""The console's request queue: open requests by due date (the overdue first), filtered by
state, kind and tenant, one page at a time with keyset pagination (no OFFSET: the next page
starts after the last row shown, so page 1,000 costs what page 1 costs)."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from kept.manifest.models import Organization
from kept.requests import State
from kept.requests.record import RequestRecord, record_of
from kept.requests.tables import requests

__all__ = ["OPEN", "QueuePage", "queue_page"]

OPEN = "open"
"""The state filter for every request still waiting for its answer."""

_NO_DUE = "9999-12-31"


@dataclass(frozen=True)
class QueuePage:
    records: list[RequestRecord]
    after: str | None
    """The cursor of the next page (``DUE|ID``), None on the last page."""


def queue_page(
    control: sa.Engine,
    organization: Organization | None,
    *,
    state: str | None = OPEN,
    kind: str | None = None,
    tenant: str | None = None,
    after: str | None = None,
    limit: int = 50,
) -> QueuePage:
    """One page of the queue, ordered by due date then id; ``after`` is the previous page's
    cursor."""
    due = sa.func.coalesce(requests.c.due_on, _NO_DUE)
    stmt = sa.select(requests).order_by(due, requests.c.id).limit(limit + 1)
    if state == OPEN:
        stmt = stmt.where(requests.c.state.not_in([State.COMPLETED.value, State.DENIED.value]))
    elif state:
        stmt = stmt.where(requests.c.state == State(state).value)
    if kind:
        stmt = stmt.where(requests.c.kind == kind)
    if tenant is not None:
        stmt = stmt.where(requests.c.tenant == tenant)
    if after:
        after_due, _, after_id = after.partition("|")
        stmt = stmt.where(
            sa.or_(due > after_due, sa.and_(due == after_due, requests.c.id > after_id))
        )
    with control.connect() as conn:
        rows = conn.execute(stmt).all()
    records = [record_of(row, organization) for row in rows[:limit]]
    cursor = None
    if len(rows) > limit:
        last = rows[limit - 1]
        cursor = f"{last.due_on or _NO_DUE}|{last.id}"
    return QueuePage(records, cursor)
