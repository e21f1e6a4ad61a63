"""The console's request queue: open requests by due date (the overdue first), filtered by
state, kind and tenant, one page at a time with keyset pagination (no OFFSET: the next page
starts after the last row shown, so page 1,000 costs what page 1 costs)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from kept.manifest.models import Organization
from kept.requests import State
from kept.requests.record import RequestRecord, record_of
from kept.requests.tables import requests

__all__ = ["OPEN", "QueuePage", "queue_page"]

OPEN = "open"
"""The state filter for every request still waiting for its answer."""

_NO_DUE = "-"
"""The cursor's due date for the requests that have none (listed after those that have)."""


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
    """One page of the queue, ordered by due date then id (requests without a due date
    last); ``after`` is the previous page's cursor. Each step is a range scan of the
    ``due_on`` index, so a deep page costs what the first costs."""
    after_due, _, after_id = (after or "").partition("|")
    base = sa.select(requests).limit(limit + 1)
    if state == OPEN:
        base = base.where(requests.c.state.not_in([State.COMPLETED.value, State.DENIED.value]))
    elif state:
        base = base.where(requests.c.state == State(state).value)
    if kind:
        base = base.where(requests.c.kind == kind)
    if tenant is not None:
        base = base.where(requests.c.tenant == tenant)
    rows: list[Any] = []
    with control.connect() as conn:
        if after_due != _NO_DUE:
            dated = base.where(requests.c.due_on.is_not(None)).order_by(
                requests.c.due_on, requests.c.id
            )
            if after_due:
                dated = dated.where(
                    requests.c.due_on >= after_due,
                    sa.or_(requests.c.due_on > after_due, requests.c.id > after_id),
                )
            rows = list(conn.execute(dated).all())
        if len(rows) <= limit:
            undated = base.where(requests.c.due_on.is_(None)).order_by(requests.c.id)
            if after_due == _NO_DUE:
                undated = undated.where(requests.c.id > after_id)
            rows += conn.execute(undated.limit(limit + 1 - len(rows))).all()
    records = [record_of(row, organization) for row in rows[:limit]]
    cursor = None
    if len(rows) > limit:
        last = rows[limit - 1]
        cursor = f"{last.due_on or _NO_DUE}|{last.id}"
    return QueuePage(records, cursor)
