"""The breach register (GDPR Art. 33(5)): every breach documented, notified or not.

:func:`record_breach` stores what happened, when it was discovered, its scope and the people
and records it affects (counted in the stores, by identity and per tenant); the 72-hour clock
to the supervisory authority runs from ``discovered_at`` (:func:`clock`). :func:`notify_authority`
records the notification (after 72 hours only with the reasons for the delay, Art. 33(1));
:func:`notify_people` sends the drafted notice (Art. 34) to each affected person with an
e-mail identity through Kept's mailer; :func:`close_breach` closes it. Every step is an audit
log entry.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from kept.audit import AuditLog
from kept.breach.affected import Scope, affected_people, count_affected
from kept.breach.drafts import people_notice
from kept.control import write_transaction
from kept.control.schema import breaches
from kept.errors import RecordsError
from kept.mail import Mailer, is_address
from kept.manifest.models import Manifest
from kept.stores.engine import StoreEngines

__all__ = [
    "AUTHORITY_HOURS",
    "RISKS",
    "Breach",
    "assess",
    "breaches",
    "clock",
    "close_breach",
    "get_breach",
    "list_breaches",
    "notify_authority",
    "notify_people",
    "record_breach",
]

AUTHORITY_HOURS = 72
RISKS = ("unlikely", "risk", "high")


def _stamp(when: dt.datetime) -> str:
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _parse(text: str) -> dt.datetime:
    return dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)


@dataclass(frozen=True)
class Breach:
    id: str
    summary: str
    discovered_at: str
    occurred_at: str | None
    recorded_at: str
    recorded_by: str
    scope: Scope
    counts: dict[str, dict[str, int]]
    people: int
    records: int
    risk: str | None
    consequences: str | None
    measures: str | None
    status: str
    authority_notified_at: str | None
    authority_reference: str | None
    delay_reason: str | None
    people_notified_at: str | None
    people_notified: int | None
    closed_at: str | None
    close_reason: str | None

    @property
    def authority_due(self) -> dt.datetime:
        return _parse(self.discovered_at) + dt.timedelta(hours=AUTHORITY_HOURS)

    def as_dict(self, now: dt.datetime | None = None) -> dict[str, Any]:
        data = {k: getattr(self, k) for k in self.__dataclass_fields__}
        data["scope"] = self.scope.as_dict()
        data["clock"] = clock(self, now)
        return data


def clock(breach: Breach, now: dt.datetime | None = None) -> dict[str, Any]:
    """The 72-hour clock to the authority and what is due (Art. 33(1), 33(3), 34)."""
    at = now or dt.datetime.now(dt.UTC)
    left = (breach.authority_due - at).total_seconds() / 3600
    due: list[str] = []
    if breach.authority_notified_at is None and breach.risk != "unlikely":
        due.append("notify the supervisory authority (Art. 33)")
        if left < 0 and not breach.delay_reason:
            due.append("state the reasons for the delay (Art. 33(1))")
    if breach.risk is None:
        due.append("assess the risk to people (unlikely, risk, high)")
    if breach.risk == "high" and breach.people_notified_at is None:
        due.append("tell the affected people without undue delay (Art. 34)")
    if breach.status != "closed":
        due.append("close the breach once remedied")
    return {
        "authority_due": _stamp(breach.authority_due),
        "hours_left": round(left, 1),
        "overdue": left < 0 and breach.authority_notified_at is None,
        "due": due,
    }


def _from_row(row: sa.RowMapping) -> Breach:
    scope = json.loads(row["scope"])
    return Breach(
        **{k: row[k] for k in Breach.__dataclass_fields__ if k not in ("scope", "counts")},
        scope=Scope(
            tuple(scope["stores"]),
            tuple(scope["collections"]),
            tuple(scope["categories"]),
            scope.get("tenant"),
        ),
        counts=json.loads(row["counts"]),
    )


def record_breach(
    control: sa.Engine,
    manifest: Manifest,
    engines: StoreEngines,
    *,
    summary: str,
    discovered_at: dt.datetime,
    scope: Scope,
    actor: str,
    occurred_at: dt.datetime | None = None,
    risk: str | None = None,
    consequences: str | None = None,
    measures: str | None = None,
    now: dt.datetime | None = None,
) -> Breach:
    """Record a breach with the people and records it affects, counted in the stores."""
    if not (scope.stores or scope.collections or scope.categories):
        raise RecordsError("a breach names at least one store, collection or data category")
    if risk is not None and risk not in RISKS:
        raise RecordsError(f"unknown risk {risk!r}: use one of {', '.join(RISKS)}")
    counts = count_affected(manifest, scope, engines)
    breach_id = f"brc_{uuid.uuid4().hex[:12]}"
    row = {
        "id": breach_id,
        "summary": summary,
        "discovered_at": _stamp(discovered_at),
        "occurred_at": _stamp(occurred_at) if occurred_at else None,
        "recorded_at": _stamp(now or dt.datetime.now(dt.UTC)),
        "recorded_by": actor,
        "scope": json.dumps(scope.as_dict()),
        "tenant": scope.tenant,
        "counts": json.dumps(counts),
        "people": sum(counts["people"].values()),
        "records": sum(counts["records"].values()),
        "risk": risk,
        "consequences": consequences,
        "measures": measures,
        "status": "open",
    }
    with write_transaction(control) as conn:
        conn.execute(breaches.insert().values(**row))
    AuditLog(control).append(
        actor,
        "breach.recorded",
        details={
            "breach_id": breach_id,
            "discovered_at": row["discovered_at"],
            "scope": scope.as_dict(),
            "people": row["people"],
            "records": row["records"],
            "risk": risk,
        },
    )
    return get_breach(control, breach_id)


def get_breach(control: sa.Engine, breach_id: str) -> Breach:
    with control.connect() as conn:
        row = conn.execute(sa.select(breaches).where(breaches.c.id == breach_id)).mappings().first()
    if row is None:
        raise RecordsError(f"no breach {breach_id!r} in the register")
    return _from_row(row)


def list_breaches(control: sa.Engine) -> list[Breach]:
    with control.connect() as conn:
        rows = conn.execute(sa.select(breaches).order_by(breaches.c.discovered_at)).mappings()
        return [_from_row(r) for r in rows]


def _update(control: sa.Engine, breach_id: str, actor: str, action: str, **values: Any) -> Breach:
    breach = get_breach(control, breach_id)
    if breach.status == "closed":
        raise RecordsError(f"breach {breach_id} is closed")
    with write_transaction(control) as conn:
        conn.execute(breaches.update().where(breaches.c.id == breach_id).values(**values))
    AuditLog(control).append(actor, action, details={"breach_id": breach_id, **values})
    return get_breach(control, breach_id)


def assess(
    control: sa.Engine,
    breach_id: str,
    *,
    actor: str,
    risk: str | None = None,
    consequences: str | None = None,
    measures: str | None = None,
) -> Breach:
    """Record (or revise) the risk assessment fields."""
    if risk is not None and risk not in RISKS:
        raise RecordsError(f"unknown risk {risk!r}: use one of {', '.join(RISKS)}")
    values = {
        k: v
        for k, v in (("risk", risk), ("consequences", consequences), ("measures", measures))
        if v is not None
    }
    return _update(control, breach_id, actor, "breach.assessed", **values)


def notify_authority(
    control: sa.Engine,
    breach_id: str,
    *,
    actor: str,
    reference: str | None = None,
    delay_reason: str | None = None,
    now: dt.datetime | None = None,
) -> Breach:
    """Record the notification to the supervisory authority; late only with a reason."""
    at = now or dt.datetime.now(dt.UTC)
    breach = get_breach(control, breach_id)
    if breach.authority_notified_at is not None:
        raise RecordsError(f"breach {breach_id}: the authority was already notified")
    if at > breach.authority_due and not (delay_reason or breach.delay_reason):
        raise RecordsError(
            f"breach {breach_id}: the 72 hours ended at {_stamp(breach.authority_due)}; a late "
            "notification must give the reasons for the delay (--delay-reason, Art. 33(1))"
        )
    return _update(
        control,
        breach_id,
        actor,
        "breach.authority_notified",
        authority_notified_at=_stamp(at),
        authority_reference=reference,
        delay_reason=delay_reason or breach.delay_reason,
    )


def notify_people(
    control: sa.Engine,
    manifest: Manifest,
    engines: StoreEngines,
    breach_id: str,
    mailer: Mailer,
    *,
    actor: str,
    now: dt.datetime | None = None,
) -> Breach:
    """Send the drafted notice to every affected person with an e-mail identity (each
    address once), streaming them from the stores; records how many were told."""
    breach = get_breach(control, breach_id)
    subject, body = people_notice(manifest, breach)
    sent = 0
    for address in _addresses(affected_people(manifest, breach.scope, engines)):
        mailer.send(address, subject, body)
        sent += 1
    return _update(
        control,
        breach_id,
        actor,
        "breach.people_notified",
        people_notified_at=_stamp(now or dt.datetime.now(dt.UTC)),
        people_notified=sent,
    )


def _addresses(people: Iterable[tuple[str, str, str | None]]) -> Iterable[str]:
    # The union of one store is already distinct; across stores an address may repeat, and
    # e-mail identities are few enough per breach to remember which were sent.
    seen: set[str] = set()
    for _kind, value, _tenant in people:
        key = value.strip().lower()
        if is_address(value) and key not in seen:
            seen.add(key)
            yield value


def close_breach(
    control: sa.Engine, breach_id: str, *, actor: str, reason: str, now: dt.datetime | None = None
) -> Breach:
    if not reason.strip():
        raise RecordsError("closing a breach needs the reason (what was done)")
    return _update(
        control,
        breach_id,
        actor,
        "breach.closed",
        status="closed",
        closed_at=_stamp(now or dt.datetime.now(dt.UTC)),
        close_reason=reason,
    )
