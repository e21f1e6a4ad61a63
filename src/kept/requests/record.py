"""A request as read from the control database, with its deadlines worked out."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from kept.control.schema import UTC_FORMAT, utc_text
from kept.manifest.models import Organization
from kept.requests.deadline import Deadlines, Pause, compute_deadlines
from kept.requests.states import Kind, State

__all__ = ["RequestRecord", "deadlines_of", "now_text", "parse_time", "record_of"]

_TIME = UTC_FORMAT


def now_text(moment: dt.datetime | None = None) -> str:
    """A UTC time as fixed-width ISO 8601 text (sortable, the same on every database)."""
    return utc_text(moment)


def parse_time(text: str | None) -> dt.datetime | None:
    if text is None:
        return None
    return dt.datetime.strptime(text, _TIME).replace(tzinfo=dt.UTC)


@dataclass(frozen=True)
class RequestRecord:
    """One rights request; never holds its token or its verification code."""

    id: str
    kind: Kind
    state: State
    tenant: str | None
    subject_ref: str
    jurisdictions: tuple[str, ...]
    received_at: dt.datetime
    verified_at: dt.datetime | None
    updated_at: dt.datetime
    closed_at: dt.datetime | None
    extended: bool
    extension_reason: str | None
    paused_since: dt.date | None
    paused_days: int
    reason_code: str | None
    reason_message: str | None
    submitted_by: str
    attempts: int
    lease_owner: str | None
    result: dict[str, Any] | None
    deadlines: Deadlines
    params: dict[str, Any] | None = None
    """A rectification's changes, a restriction's or objection's purposes and reason."""
    review: str | None = None
    """Why staff must decide before it runs (``four_eyes``, ``self_rectification``), if held."""
    approved_plan: str | None = None
    """The dry-run plan hash an erasure was approved with: the worker runs exactly that plan."""

    @property
    def due(self) -> dt.date | None:
        return self.deadlines.due

    def days_left(self, today: dt.date | None = None) -> int | None:
        """Days until due (negative when overdue); None once closed or while the clock stops."""
        if self.state.closed:
            return None
        return self.deadlines.days_left(today or dt.date.today())

    def overdue(self, today: dt.date | None = None) -> bool:
        left = self.days_left(today)
        return left is not None and left < 0

    def public(self) -> dict[str, Any]:
        """What the person may see about their own request."""
        return {
            "request_id": self.id,
            "kind": self.kind.value,
            "state": self.state.value,
            "received_at": now_text(self.received_at),
            "due": self.due.isoformat() if self.due else None,
            "days_left": self.days_left(),
            "extended": self.extended,
            "reason_code": self.reason_code,
            "reason": self.reason_message,
            "params": _without_values(self.params),
            "review": self.review,
        }

    def as_dict(self) -> dict[str, Any]:
        """Everything staff may see (no identity but its reference, and for a ``no_match``
        the normalised forms that were tried, in ``result``)."""
        return {
            **self.public(),
            "tenant": self.tenant,
            "subject_ref": self.subject_ref,
            "jurisdictions": list(self.jurisdictions),
            "verified_at": now_text(self.verified_at) if self.verified_at else None,
            "closed_at": now_text(self.closed_at) if self.closed_at else None,
            "due_by": self.deadlines.due_by,
            "acknowledge_by": (
                self.deadlines.acknowledge_by.isoformat() if self.deadlines.acknowledge_by else None
            ),
            "latest_due": self.deadlines.latest.isoformat() if self.deadlines.latest else None,
            "extendable": self.deadlines.extendable and not self.state.closed,
            "extension_reason": self.extension_reason,
            "paused": self.paused_since is not None,
            "submitted_by": self.submitted_by,
            "attempts": self.attempts,
            "worker": self.lease_owner,
            "result": self.result,
            "params": self.params,
            "approved_plan": self.approved_plan,
        }


def _without_values(params: dict[str, Any] | None) -> dict[str, Any] | None:
    """The parameters without a rectification's values (the fields it changes stay)."""
    if params is None or "changes" not in params:
        return params
    return {**params, "changes": [{"field": c["field"]} for c in params["changes"]]}


def deadlines_of(
    row: Any,
    organization: Organization | None,
    today: dt.date | None = None,
    *,
    child_days: int | None = None,
) -> Deadlines:
    """The request's deadlines. An erasure of a reported child's data (reason
    ``child_reported``) is due within ``child_days`` (the manifest's
    ``children.erase_within_days``) when that is sooner than the policy's own promise."""
    received = parse_time(row.received_at)
    verified = parse_time(row.verified_at)
    assert received is not None
    pauses: list[Pause] = []
    if row.paused_days:
        start = received.date()
        pauses.append(Pause(start, start + dt.timedelta(days=int(row.paused_days))))
    if row.paused_since:
        pauses.append(Pause(dt.date.fromisoformat(row.paused_since)))
    policy_days = organization.response_deadline_days if organization else None
    policy_firm = organization.response_deadline_firm if organization else True
    if child_days is not None and _reason(row) == "child_reported":
        policy_days = child_days if policy_days is None else min(policy_days, child_days)
        policy_firm = True  # "as soon as possible": never extended
    return compute_deadlines(
        received.date(),
        [j for j in row.jurisdictions.split(",") if j],
        policy_days=policy_days,
        policy_firm=policy_firm,
        verified=verified.date() if verified else None,
        pauses=pauses,
        extended=bool(row.extended),
        today=today,
    )


def _reason(row: Any) -> str | None:
    text = getattr(row, "params", None)
    if not text:
        return None
    reason = json.loads(text).get("reason")
    return str(reason) if reason is not None else None


def record_of(
    row: Any, organization: Organization | None, *, child_days: int | None = None
) -> RequestRecord:
    received = parse_time(row.received_at)
    updated = parse_time(row.updated_at)
    assert received is not None and updated is not None
    return RequestRecord(
        id=row.id,
        kind=Kind(row.kind),
        state=State(row.state),
        tenant=row.tenant,
        subject_ref=row.subject_ref,
        jurisdictions=tuple(j for j in row.jurisdictions.split(",") if j),
        received_at=received,
        verified_at=parse_time(row.verified_at),
        updated_at=updated,
        closed_at=parse_time(row.closed_at),
        extended=bool(row.extended),
        extension_reason=row.extension_reason,
        paused_since=dt.date.fromisoformat(row.paused_since) if row.paused_since else None,
        paused_days=int(row.paused_days or 0),
        reason_code=row.reason_code,
        reason_message=row.reason_message,
        submitted_by=row.submitted_by,
        attempts=int(row.attempts or 0),
        lease_owner=row.lease_owner,
        result=json.loads(row.result) if row.result else None,
        deadlines=deadlines_of(row, organization, child_days=child_days),
        params=json.loads(row.params) if getattr(row, "params", None) else None,
        review=getattr(row, "review", None),
        approved_plan=getattr(row, "approved_plan", None),
    )
