"""Staff decisions on a request: approve, deny, extend the deadline, pause and resume it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from kept.errors import (
    LifecycleInputError,
    NotPermittedError,
)
from kept.requests.record import RequestRecord, deadlines_of
from kept.requests.retry import retrying
from kept.requests.states import (
    COMPLAINT,
    DENIAL_REASONS,
    PLAN_CHANGED,
    LifecycleError,
    State,
)
from kept.requests.tables import request_codes
from kept.requests.transitions import LifecycleBase, _iso

__all__ = ["Reviewing"]


class Reviewing(LifecycleBase):
    """The decisions staff take on a verified request; each one audited and, where the law
    says so, told to the person."""

    # -- decisions -------------------------------------------------------------------------

    @retrying
    def approve(self, request_id: str, *, actor: str, plan: str | None = None) -> RequestRecord:
        """Approve a verified request (or retry a failed one): it is queued for a worker.
        ``plan`` (an erasure's dry-run plan hash, checked by :func:`kept.requests.plan.
        approve_plan`) binds the worker to exactly that plan; without it, none is bound."""
        with self._writing() as conn:
            row = self._row(conn, request_id, lock=True)
            if row.review and actor == row.submitted_by:
                raise NotPermittedError(
                    f"cannot approve: the request is held for review ({row.review}) and must be "
                    "approved by someone other than its submitter",
                    request_id=request_id,
                )
            details: dict[str, Any] = {"review": row.review} if row.review else {}
            values: dict[str, Any] = {"approved_plan": plan}
            if plan:
                details["plan_hash"] = plan
            if row.reason_code == PLAN_CHANGED:  # the new approval answers it
                values.update(reason_code=None, reason_message=None)
            self._move(conn, row, State.APPROVED, actor, "approve", details, **values)
            return self._load(conn, request_id)

    @retrying
    def deny(
        self, request_id: str, reason_code: str, *, actor: str, note: str | None = None
    ) -> RequestRecord:
        """Deny with one of :data:`DENIAL_REASONS`; the person is told the reason and their
        right to complain. ``note`` (why, for the record) goes to the audit log."""
        if reason_code not in DENIAL_REASONS:
            codes = ", ".join(sorted(DENIAL_REASONS))
            raise LifecycleInputError(
                f"unknown denial reason {reason_code!r}; reasons are: {codes}",
                request_id=request_id,
            )
        message = DENIAL_REASONS[reason_code] + COMPLAINT
        with self._writing() as conn:
            row = self._row(conn, request_id, lock=True)
            contact = row.contact
            self._move(
                conn,
                row,
                State.DENIED,
                actor,
                "deny",
                {"reason_code": reason_code, "note": note},
                reason_code=reason_code,
                reason_message=message,
            )
            conn.execute(request_codes.delete().where(request_codes.c.request_id == request_id))
            record = self._load(conn, request_id)
        self.notify(contact, record, f"Your request was denied. {message}")
        return record

    @retrying
    def extend(self, request_id: str, reason: str, *, actor: str) -> RequestRecord:
        """Take the extension the law allows (GDPR two months, CCPA 45 days), with its reason,
        told to the person; only before the first deadline passes, and only once."""
        if not reason.strip():
            raise LifecycleInputError("an extension needs a reason, told to the person")
        today = self.clock().date()
        with self._writing() as conn:
            row = self._row(conn, request_id, lock=True)
            state = State(row.state)
            if state.closed:
                raise LifecycleError(
                    f"cannot extend: the request is {state.value}", request_id=request_id
                )
            current = deadlines_of(row, self.organization, today, child_days=self.child_days)
            if not current.extendable:
                why = "it was already extended" if row.extended else _not_extendable(current)
                raise LifecycleError(f"cannot extend: {why}", request_id=request_id)
            if current.due is not None and today > current.due:
                raise LifecycleError(
                    f"cannot extend: the deadline {current.due} has passed; the notice of an "
                    "extension must go out before it",
                    request_id=request_id,
                )
            self._write(conn, row, {"extended": True, "extension_reason": reason.strip()})
            row = self._row(conn, request_id)
            after = deadlines_of(row, self.organization, today, child_days=self.child_days)
            self._write(conn, row, {"due_on": _iso(after.due)})
            self._record(
                conn,
                row,
                actor,
                "request.extended",
                {"reason": reason.strip(), "from": _iso(current.due), "to": _iso(after.due)},
            )
            contact = row.contact
            record = self._load(conn, request_id)
        self.notify(
            contact,
            record,
            f"We need more time to answer your request: {reason.strip()} It is now due on "
            f"{_iso(after.due)}.",
        )
        return record

    @retrying
    def pause(self, request_id: str, reason: str, *, actor: str) -> RequestRecord:
        """Stop the clock while waiting for the person's clarification (counts under UK GDPR)."""
        today = self.clock().date()
        with self._writing() as conn:
            row = self._row(conn, request_id, lock=True)
            if State(row.state).closed or row.paused_since:
                raise LifecycleError(
                    "cannot pause: the request is closed or already paused", request_id=request_id
                )
            self._write(conn, row, {"paused_since": today.isoformat()})
            self._record(conn, row, actor, "request.paused", {"reason": reason})
            return self._load(conn, request_id)

    @retrying
    def resume(self, request_id: str, *, actor: str) -> RequestRecord:
        """Restart the clock stopped by :meth:`pause`."""
        today = self.clock().date()
        with self._writing() as conn:
            row = self._row(conn, request_id, lock=True)
            if not row.paused_since:
                raise LifecycleError(
                    "cannot resume: the request is not paused", request_id=request_id
                )
            days = max(0, (today - dt.date.fromisoformat(row.paused_since)).days)
            self._write(conn, row, {"paused_since": None, "paused_days": row.paused_days + days})
            row = self._row(conn, request_id)
            after = deadlines_of(row, self.organization, today, child_days=self.child_days)
            self._write(conn, row, {"due_on": _iso(after.due)})
            self._record(
                conn, row, actor, "request.unpaused", {"days": days, "due": _iso(after.due)}
            )
            return self._load(conn, request_id)


def _not_extendable(deadlines: Any) -> str:
    if deadlines.due_by == "policy":
        return (
            "the policy promises an answer by "
            f"{_iso(deadlines.due)}, firmly; an extension would break that promise"
        )
    return "no rule that applies allows an extension"
