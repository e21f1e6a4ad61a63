"""The queue: approved requests, claimed by workers under a lease, finished exactly once.

A worker *claims* the oldest approved request, or a running one whose lease has expired (its
worker died), and holds it under a lease it renews by heartbeat. On PostgreSQL and MariaDB
the claim is ``SELECT ... FOR UPDATE SKIP LOCKED``, so workers on several machines never take
the same request; on SQLite the claim runs in an immediate (write-locking) transaction. A
worker finishes a request only while it still holds the lease, in one transaction with the
receipt: a job is therefore recorded as done exactly once, even when a worker was presumed
dead and its job taken over.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from kept.control import write_transaction
from kept.errors import LeaseLost
from kept.execution.identity import Identity
from kept.requests.exportfiles import StoredExport
from kept.requests.lifecycle import Lifecycle
from kept.requests.params import RequestParams
from kept.requests.record import now_text, record_of
from kept.requests.retry import retrying
from kept.requests.states import (
    OUTCOME_REASONS,
    PARTIAL_REASONS,
    PLAN_CHANGED,
    PLAN_CHANGED_MESSAGE,
    Kind,
    State,
)
from kept.requests.tables import request_exports, requests

__all__ = ["Handoff", "Job", "LeaseLost", "claim", "complete", "fail", "heartbeat", "send_back"]


@dataclass(frozen=True)
class Job:
    """A request claimed by a worker."""

    request_id: str
    kind: Kind
    identities: list[Identity]
    tenant: str | None
    subject_ref: str
    worker: str
    attempt: int
    resumed_from: str | None
    params: RequestParams | None = None
    """A rectification's changes, a restriction's or objection's purposes and reason."""
    approved_plan: str | None = None
    """The dry-run plan hash an erasure was approved with: run exactly that plan, or none."""


def _lease_until(now: dt.datetime, lease: dt.timedelta) -> str:
    return now_text(now + lease)


@dataclass
class Handoff:
    """Asks :func:`complete` to claim the worker's next job in the transaction that finishes
    this one (one transaction fewer per job); the job claimed, if any, is left in ``job``."""

    lease: dt.timedelta
    job: Job | None = None


@retrying
def claim(lifecycle: Lifecycle, worker: str, lease: dt.timedelta) -> Job | None:
    """Claim one job for ``worker``; None when the queue is empty."""
    with lifecycle._writing() as conn:
        return _claim(lifecycle, conn, worker, lease)


def _claim(
    lifecycle: Lifecycle, conn: sa.Connection, worker: str, lease: dt.timedelta
) -> Job | None:
    """Claim one job in the open write transaction ``conn``."""
    now = lifecycle.clock()
    stamp = now_text(now)
    runnable = sa.or_(
        requests.c.state == State.APPROVED.value,
        sa.and_(requests.c.state == State.RUNNING.value, requests.c.lease_expires < stamp),
    )
    stmt = (
        sa.select(requests)
        .where(runnable)
        .order_by(requests.c.queued_at, requests.c.id)
        .limit(1)
        .with_for_update(skip_locked=True)
    )
    row = conn.execute(stmt).one_or_none()
    if row is None:
        return None
    resumed_from = row.lease_owner if row.state == State.RUNNING.value else None
    attempt = int(row.attempts or 0) + 1
    conn.execute(
        requests.update()
        .where(requests.c.id == row.id)
        .values(
            state=State.RUNNING.value,
            lease_owner=worker,
            lease_expires=_lease_until(now, lease),
            attempts=attempt,
            updated_at=stamp,
        )
    )
    details: dict[str, Any] = {"from": row.state, "worker": worker, "attempt": attempt}
    if resumed_from:
        details["resumed_from"] = resumed_from
    lifecycle._record(conn, row, f"worker:{worker}", "request.running", details)
    identities = [Identity(k, v) for k, v in json.loads(row.identities or "[]")]
    return Job(
        row.id,
        Kind(row.kind),
        identities,
        row.tenant,
        row.subject_ref,
        worker,
        attempt,
        resumed_from,
        RequestParams.from_json(json.loads(row.params)) if row.params else None,
        row.approved_plan,
    )


@retrying
def heartbeat(lifecycle: Lifecycle, job: Job, lease: dt.timedelta) -> bool:
    """Renew the lease; False when the job is no longer this worker's."""
    now = lifecycle.clock()
    with write_transaction(lifecycle.control) as conn:
        updated = conn.execute(
            requests.update()
            .where(
                requests.c.id == job.request_id,
                requests.c.state == State.RUNNING.value,
                requests.c.lease_owner == job.worker,
            )
            .values(lease_expires=_lease_until(now, lease))
        )
    return bool(updated.rowcount)


def _locked_job(lifecycle: Lifecycle, conn: sa.Connection, job: Job) -> Any:
    row = lifecycle._row(conn, job.request_id, lock=True)
    if row.state != State.RUNNING.value or row.lease_owner != job.worker:
        raise LeaseLost(
            f"worker {job.worker} no longer holds this job (now {row.state}, held by "
            f"{row.lease_owner or 'nobody'})",
            request_id=job.request_id,
        )
    return row


@retrying
def complete(
    lifecycle: Lifecycle,
    job: Job,
    *,
    receipt_action: str,
    receipt: dict[str, Any],
    summary: dict[str, Any],
    export: StoredExport | None = None,
    partial: str | None = None,
    handoff: Handoff | None = None,
) -> None:
    """Record the job done: the export, the execution receipt and ``completed``, at once;
    with ``handoff``, claim the worker's next job in the same transaction."""
    now = lifecycle.clock()
    message = (PARTIAL_REASONS.get(partial) or OUTCOME_REASONS[partial]) if partial else None
    key = "outcome" if partial in OUTCOME_REASONS else "partial"
    with lifecycle._writing() as conn:
        row = _locked_job(lifecycle, conn, job)
        replaced = None
        if export is not None:
            if job.attempt > 1 or job.resumed_from is not None:  # (a first run replaces none)
                replaced = conn.execute(
                    sa.select(request_exports.c.path).where(request_exports.c.request_id == row.id)
                ).first()
            if replaced is not None:  # a job run again: its new export replaces the old
                conn.execute(request_exports.delete().where(request_exports.c.request_id == row.id))
            conn.execute(
                request_exports.insert().values(
                    request_id=row.id,
                    filename=export.filename,
                    size=export.size,
                    created_at=now_text(now),
                    path=export.name,
                )
            )
        lifecycle._record(conn, row, f"worker:{job.worker}", receipt_action, receipt)
        contact = row.contact
        moved = lifecycle._move(
            conn,
            row,
            State.COMPLETED,
            f"worker:{job.worker}",
            "complete",
            {key: partial} if partial else {},
            reason_code=partial,
            reason_message=message,
            result=json.dumps(summary, sort_keys=True),
            lease_owner=None,
            lease_expires=None,
        )
        following = _claim(lifecycle, conn, job.worker, handoff.lease) if handoff else None
    if handoff is not None:
        handoff.job = following
    record = record_of(moved, lifecycle.organization, child_days=lifecycle.child_days)
    if export is not None and replaced is not None and replaced.path not in (None, export.name):
        lifecycle.exports.delete(str(replaced.path))
    text = "Your request has been carried out."
    if record.kind.has_export:
        text += " Your data is ready to download: check your request's status for the link."
    if message:
        text += f" {message}"
    lifecycle.notify(contact, record, text)


@retrying
def fail(lifecycle: Lifecycle, job: Job, error: str) -> None:
    """Record the job failed (staff may retry it by approving it again)."""
    with lifecycle._writing() as conn:
        row = _locked_job(lifecycle, conn, job)
        lifecycle._move(
            conn,
            row,
            State.FAILED,
            f"worker:{job.worker}",
            "fail",
            {"error": error[:2000]},
            reason_code="execution_failed",
            reason_message="We could not complete your request automatically; we are on it.",
            lease_owner=None,
            lease_expires=None,
        )


@retrying
def send_back(lifecycle: Lifecycle, job: Job, error: str) -> None:
    """Send an erasure whose approved plan changed back for staff review (``identity_verified``,
    reason ``plan_changed``, the approval cleared): nothing was erased, and staff review the
    new dry run before approving again."""
    with lifecycle._writing() as conn:
        row = _locked_job(lifecycle, conn, job)
        lifecycle._move(
            conn,
            row,
            State.IDENTITY_VERIFIED,
            f"worker:{job.worker}",
            "send back",
            {"reason_code": PLAN_CHANGED, "plan_hash": job.approved_plan, "error": error[:2000]},
            reason_code=PLAN_CHANGED,
            reason_message=PLAN_CHANGED_MESSAGE,
            approved_plan=None,
            lease_owner=None,
            lease_expires=None,
        )
