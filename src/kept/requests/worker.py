"""Workers: claim a job, run it with the rights engine, record the outcome; over and over.

:class:`Worker` runs in its own process (``kept worker``) or as a thread of ``kept serve``. While
a job runs, a heartbeat thread renews the lease; a worker killed mid-job stops renewing, its
lease expires and another worker takes the job over (the rights engine runs each store in one
transaction, so a killed execution left nothing half-done). A job that raises a Kept error is
recorded as failed; the worker goes on with the next.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from kept.errors import KeptError, PlanChangedError, RequestError
from kept.execution.access import run_access
from kept.execution.erasure import run_erasure
from kept.execution.outcome import (
    NO_MATCH,
    matched_requests,
    no_match_summary,
    unmatched_requests,
)
from kept.execution.rectify import run_rectification
from kept.execution.replay import record_erasure
from kept.execution.retention.holds import active_holds
from kept.execution.retention.protect import Protection
from kept.execution.session import open_engines
from kept.failure import describe
from kept.manifest.request_policy import choose_policy
from kept.person_export import add_control_records
from kept.recipients import record_notifications
from kept.requests.lifecycle import Lifecycle
from kept.requests.params import RequestParams
from kept.requests.queue import Job, LeaseLost, claim, complete, fail, heartbeat, send_back
from kept.requests.states import Kind
from kept.requests.wakeup import Waiter
from kept.restriction import restrict, restriction_for_request
from kept.retention.schedule import run_due_sweep
from kept.stores import StoreEngines

__all__ = ["Worker", "WorkerStats", "execute", "worker_name"]

log = logging.getLogger("kept.worker")
_SWEEP_CHECK_S = 60.0


def worker_name() -> str:
    """A name unique to this process: host, pid and a random suffix."""
    return f"{socket.gethostname()[:40]}-{os.getpid()}-{uuid.uuid4().hex[:6]}"


@dataclass
class WorkerStats:
    completed: int = 0
    failed: int = 0
    lost: int = 0
    resumed: int = 0


def _policy(job: Job) -> str | None:
    """The request policy the job was submitted with (None: the manifest's default)."""
    return job.params.policy if job.params else None


def execute(lifecycle: Lifecycle, job: Job, engines: StoreEngines | None = None) -> bool:
    """Run one claimed job and record its outcome (completed, partial or failed); True when
    it completed. ``engines`` are the worker's store engines, reused from job to job.

    An erasure keeps what retention minimums, indefinite keeps and the legal holds in force
    protect, as ``kept request erase`` does. A rectification sets the request's changes; a
    restriction or an objection records the person's rows as restricted for its purposes,
    and the restriction's id goes into the request's result (to lift it later).

    An erasure approved with a plan (:func:`kept.requests.plan.approve_plan`) runs exactly that
    plan: when the person's rows changed since, nothing is erased and the request goes back
    for review (``plan_changed``; counted as not completed)."""
    loaded = lifecycle.loaded
    if job.kind is Kind.RECTIFICATION:
        return _rectify(lifecycle, job, engines)
    if job.kind in (Kind.RESTRICTION, Kind.OBJECTION):
        return _restrict(lifecycle, job, engines)
    if job.kind.has_export:
        with tempfile.TemporaryDirectory(prefix="kept-export-") as folder:
            result = run_access(
                loaded,
                job.identities,
                Path(folder),
                request_id=job.request_id,
                portability=job.kind is Kind.PORTABILITY,
                tenant=job.tenant,
                engines=engines,
                policy=choose_policy(loaded.manifest, _policy(job), "access"),
            )
            if result.matched:
                if job.kind is Kind.ACCESS:  # as `kept request access`: one export, same files
                    add_control_records(result.export, lifecycle.control, job.identities)
                stored = lifecycle.exports.keep(result.export, job.request_id)
        if not result.matched:  # nobody matched: no empty export, a distinct outcome
            _no_match(lifecycle, job, f"request.{result.kind}", {"rows": result.rows})
            return True
        receipt = {
            "request_id": job.request_id,
            "type": result.kind,
            "rows": result.rows,
            "unreachable": result.unreachable,
            "warnings": result.warnings,
            "export": result.export.name,
            "seconds": round(result.seconds, 4),
        }
        summary: dict[str, Any] = {"rows": result.total, "unreachable": result.unreachable}
        try:
            complete(
                lifecycle,
                job,
                receipt_action=f"request.{result.kind}",
                receipt=receipt,
                summary=summary,
                export=stored,
                partial="stores_unreachable" if result.unreachable else None,
            )
        except BaseException:
            lifecycle.exports.delete(stored.name)  # not recorded: nobody could download it
            raise
        return True
    protection = Protection.build(loaded.manifest, active_holds(lifecycle.control))
    try:
        erasure = run_erasure(
            loaded,
            {job.request_id: job.identities},
            expected_plan=job.approved_plan,
            secret=lifecycle.secret(),
            tenant=job.tenant,
            engines=engines,
            protection=protection,
            policy=choose_policy(loaded.manifest, _policy(job), "erasure"),
        )
    except PlanChangedError as exc:  # nothing erased: staff review the new dry run
        send_back(lifecycle, job, str(exc))
        return False
    record_erasure(  # replayed after a restore (kept request replay)
        lifecycle.control, {job.request_id: job.identities}, erasure, tenant=job.tenant
    )
    if not erasure.verified:
        fail(lifecycle, job, "verification found erasable values left after the erasure")
        return False
    if unmatched_requests(erasure) and job.resumed_from is None and job.attempt <= 1:
        # (a resumed or retried job may find nothing because the first run erased it)
        _no_match(lifecycle, job, "request.erasure", erasure.receipt(job.request_id))
        return True
    _tell(lifecycle, job, "erasure", [t.table for t in erasure.tables if sum(t.before.values())])
    kept_rows = sum(sum(t.before.values()) for t in erasure.tables if t.action == "keep")
    kept_rows += sum(sum(t.held.values()) for t in erasure.tables if t.action != "keep")
    changed = sum(sum(t.before.values()) for t in erasure.tables if t.action != "keep")
    receipt = erasure.receipt(job.request_id)
    partial = (
        "stores_unreachable"
        if erasure.unreachable
        else "conflict"
        if receipt["conflicts"]
        else "kept_with_ground"
        if kept_rows or any(t.kept_fields for t in erasure.tables if sum(t.before.values()))
        else None
    )
    complete(
        lifecycle,
        job,
        receipt_action="request.erasure",
        receipt=receipt,
        summary={"erased_rows": changed, "kept_rows": kept_rows, "verified": erasure.verified},
        partial=partial,
    )
    return True


def _no_match(lifecycle: Lifecycle, job: Job, action: str, receipt: dict[str, Any]) -> None:
    """Complete the job as ``no_match``: its result names the normalised identities tried."""
    summary = no_match_summary(lifecycle.loaded, job.identities)
    complete(
        lifecycle,
        job,
        receipt_action=action,
        receipt={**receipt, "request_id": job.request_id, "outcome": NO_MATCH},
        summary={**summary, "rows": 0},
        partial=NO_MATCH,
    )


def _params(job: Job) -> RequestParams:
    if job.params is None:
        raise RequestError(f"{job.kind.phrase} without its parameters", request_id=job.request_id)
    return job.params


def _rectify(lifecycle: Lifecycle, job: Job, engines: StoreEngines | None) -> bool:
    """Setting the same values again changes nothing: a resumed job simply runs again."""
    result = run_rectification(
        lifecycle.loaded,
        job.identities,
        list(_params(job).changes),
        request_id=job.request_id,
        engines=engines,
        tenant=job.tenant,
    )
    receipt = result.receipt()  # counts and field names; never the values
    if not any(result.rows.values()) and not matched_requests(
        lifecycle.loaded, {job.request_id: job.identities}, engines=engines, tenant=job.tenant
    ):
        _no_match(lifecycle, job, "request.rectification", receipt)
        return True
    changed = [c.column for c in _params(job).changes]
    _tell(lifecycle, job, "rectification", [t for t, n in result.rows.items() if n], changed)
    complete(
        lifecycle,
        job,
        receipt_action="request.rectification",
        receipt=receipt,
        summary={"rows": sum(result.rows.values()), "fields": receipt["fields"]},
    )
    return True


def _restrict(lifecycle: Lifecycle, job: Job, engines: StoreEngines | None) -> bool:
    """A job resumed after its worker died finds the restriction already recorded."""
    params = _params(job)
    reason = params.reason or ""
    restriction = restriction_for_request(lifecycle.control, job.request_id)
    if restriction is None:
        restriction = restrict(
            lifecycle.loaded,
            lifecycle.control,
            job.identities,
            purposes=list(params.purposes),
            reason=reason,
            request_id=job.request_id,
            kind=job.kind.value,
            actor=f"worker:{job.worker}",
            engines=engines,
            tenant=job.tenant,
            audit=False,  # the receipt is recorded with the completion, below
        )
    if not any(restriction.rows.values()) and not matched_requests(
        lifecycle.loaded, {job.request_id: job.identities}, engines=engines, tenant=job.tenant
    ):  # recorded all the same (it applies if their data arrives), but nobody matched
        receipt = {**restriction.receipt(), "reason": reason, "restriction_id": restriction.id}
        _no_match(lifecycle, job, f"request.{job.kind.value}", receipt)
        return True
    _tell(lifecycle, job, job.kind.value, [t for t, n in restriction.rows.items() if n])
    complete(
        lifecycle,
        job,
        receipt_action=f"request.{job.kind.value}",
        receipt={**restriction.receipt(), "reason": reason},
        summary={
            "restriction_id": restriction.id,
            "purposes": restriction.purposes,
            "rows": sum(restriction.rows.values()),
            "unreachable": restriction.unreachable,
        },
        partial="stores_unreachable" if restriction.unreachable else None,
    )
    return True


@dataclass
class Worker:
    """Claims and runs jobs from the lifecycle's queue until stopped.

    ``lease`` is how long a claim holds without a heartbeat (renewed every third of it);
    ``poll`` how long to wait when the queue is empty: a request approved meanwhile wakes the
    worker at once on PostgreSQL (LISTEN/NOTIFY) and in the same process
    (:mod:`kept.requests.wakeup`).
    """

    lifecycle: Lifecycle
    name: str = field(default_factory=worker_name)
    lease: dt.timedelta = dt.timedelta(seconds=30)
    poll: float = 1.0
    keep_exports: dt.timedelta | None = dt.timedelta(days=30)
    """How long exports are kept for download; older ones are deleted when the queue is idle."""
    verify_within: dt.timedelta | None = dt.timedelta(days=14)
    """How long a code may go unused; older unverified requests are denied when idle."""
    sweeps: bool = True
    """Run the retention sweep when the manifest's ``retention.schedule`` is due (checked at
    most once a minute while idle; one worker of all those sharing the control database runs
    each scheduled sweep)."""
    stats: WorkerStats = field(default_factory=WorkerStats)
    _engines: StoreEngines | None = None
    _swept_at: float | None = None
    _purged_at: float | None = None
    _stop: threading.Event = field(default_factory=threading.Event)

    def stop(self) -> None:
        """Finish the current job, then return from :meth:`run`."""
        self._stop.set()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def run_once(self) -> bool:
        """Claim and run one job; False when the queue was empty."""
        job = claim(self.lifecycle, self.name, self.lease)
        if job is None:
            return False
        if job.resumed_from:
            self.stats.resumed += 1
            log.info("%s: resuming %s left by %s", self.name, job.request_id, job.resumed_from)
        beat = threading.Event()
        thread = threading.Thread(target=self._heartbeat, args=(job, beat), daemon=True)
        thread.start()
        started = time.perf_counter()
        try:
            if self._engines is None:
                self._engines = open_engines(self.lifecycle.loaded)
            done = execute(self.lifecycle, job, self._engines)
            if done:
                self.stats.completed += 1
            else:
                self.stats.failed += 1
            log.info(
                "%s: %s %s %s in %.2f s",
                self.name,
                job.kind.value,
                job.request_id,
                "done" if done else "failed",
                time.perf_counter() - started,
            )
        except LeaseLost as exc:
            self.stats.lost += 1
            log.warning("%s: %s", self.name, exc)
        except KeptError as exc:
            self._failed(job, f"{type(exc).__name__}: {exc}")
        except Exception as exc:  # a bug must not kill the worker: record it, go on
            log.exception("%s: %s failed unexpectedly", self.name, job.request_id)
            self._failed(job, f"unexpected {type(exc).__name__}: {describe(exc)}")
        finally:
            beat.set()
            thread.join()
        return True

    def run(self, *, max_jobs: int | None = None, until_empty: bool = False) -> WorkerStats:
        """Run jobs until :meth:`stop` (or ``max_jobs`` jobs, or an empty queue)."""
        done = 0
        waiter = Waiter(self.lifecycle.control)
        try:
            while not self.stopping and (max_jobs is None or done < max_jobs):
                try:
                    worked = self.run_once()
                except (KeptError, SQLAlchemyError) as exc:  # the control database is away
                    log.error("%s: %s", self.name, exc)
                    worked = False
                if worked:
                    done += 1
                    continue
                self._purge()
                if until_empty:
                    break
                self._scheduled_sweep()
                waiter.wait(self.poll, self._stop)
        finally:
            waiter.close()
            if self._engines is not None:
                self._engines.close()
                self._engines = None
        return self.stats

    def _purge(self) -> None:
        """Housekeeping when the queue is idle, at most once an hour per worker: delete old
        exports, deny requests whose code went unused."""
        if self._purged_at is not None and time.monotonic() - self._purged_at < 3600:
            return
        self._purged_at = time.monotonic()
        actor = f"worker:{self.name}"
        try:
            if self.keep_exports is not None:
                self.lifecycle.purge_exports(self.keep_exports, actor=actor)
            if self.verify_within is not None:
                self.lifecycle.expire_unverified(self.verify_within, actor=actor)
        except (KeptError, SQLAlchemyError) as exc:
            log.warning("%s: housekeeping failed: %s", self.name, exc)

    def _scheduled_sweep(self) -> None:
        """The retention sweep, when the schedule says so and no other worker claimed it."""
        if not self.sweeps:
            return
        if self._swept_at is not None and time.monotonic() - self._swept_at < _SWEEP_CHECK_S:
            return
        self._swept_at = time.monotonic()
        try:
            result = run_due_sweep(
                self.lifecycle.loaded, self.lifecycle.control, actor=f"worker:{self.name}"
            )
        except (KeptError, SQLAlchemyError) as exc:
            log.error("%s: the scheduled retention sweep failed: %s", self.name, exc)
            return
        if result is not None:
            log.info(
                "%s: scheduled retention sweep %s removed or anonymised %d rows",
                self.name,
                result.sweep_id,
                result.rows,
            )

    def _failed(self, job: Job, error: str) -> None:
        self.stats.failed += 1
        try:
            fail(self.lifecycle, job, error)
        except LeaseLost as exc:
            log.warning("%s: %s", self.name, exc)

    def _heartbeat(self, job: Job, done: threading.Event) -> None:
        interval = max(self.lease.total_seconds() / 3, 0.05)
        while not done.wait(interval):
            try:
                if not heartbeat(self.lifecycle, job, self.lease):
                    return
            except KeptError as exc:  # pragma: no cover - the database is away for a moment
                log.warning("%s: heartbeat failed: %s", self.name, exc)
            except Exception:  # pragma: no cover - keep beating through transient errors
                log.exception("%s: heartbeat failed", self.name)


def _tell(
    lifecycle: Lifecycle,
    job: Job,
    action: str,
    tables: list[str],
    columns: list[str] | None = None,
) -> None:
    """Art. 19: the recipients holding the person's data are told (once per request)."""
    record_notifications(
        lifecycle.control,
        lifecycle.loaded.manifest,
        request_id=job.request_id,
        action=action,
        identities=job.identities,
        tables=tables,
        actor=f"worker:{job.worker}",
        columns=columns,
    )
