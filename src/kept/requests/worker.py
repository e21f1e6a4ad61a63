"""Workers: claim a job, make the rights service's call, record the outcome; over and over.

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

from kept.errors import KeptError, LeaseLost, PlanChangedError, RequestError
from kept.execution.outcome import NO_MATCH, no_match_summary
from kept.failure import describe
from kept.requests.lifecycle import Lifecycle
from kept.requests.params import RequestParams
from kept.requests.queue import Handoff, Job, claim, complete, fail, heartbeat, send_back
from kept.requests.states import Kind
from kept.requests.wakeup import Waiter
from kept.retention.schedule import run_due_sweep
from kept.rights import RightsService

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


def _cause(exc: BaseException) -> str:
    """Why a job failed, for the log: the error's kind and, for a database failure, what
    :func:`kept.failure.describe` names (tables, columns, constraints); never the message of a
    Kept error, which may quote the person's identity (the receipt holds it, for staff)."""
    found = type(exc).__name__
    inner = exc.__cause__ or exc.__context__
    if isinstance(inner, SQLAlchemyError):
        found += f" ({describe(inner)})"
    elif isinstance(exc, SQLAlchemyError):
        found += f" ({describe(exc)})"
    return found


def execute(
    lifecycle: Lifecycle, job: Job, rights: RightsService, *, handoff: Handoff | None = None
) -> bool:
    """Run one claimed job and record its outcome (completed, partial or failed); True when
    it completed. The job runs through the same call of ``rights`` (the rights service of the
    :class:`kept.app.Kept` object, whose store engines are reused from job to job) as
    ``kept request`` does; only the recording differs (on the request, by :func:`complete`).

    An erasure keeps what retention minimums, indefinite keeps and the legal holds in force
    protect, as ``kept request erase`` does. A rectification sets the request's changes; a
    restriction or an objection records the person's rows as restricted for its purposes,
    and the restriction's id goes into the request's result (to lift it later).

    An erasure approved with a plan (:func:`kept.requests.plan.approve_plan`) runs exactly that
    plan: when the person's rows changed since, nothing is erased and the request goes back
    for review (``plan_changed``; counted as not completed).

    With ``handoff``, the transaction recording the job completed also claims the worker's
    next job (:class:`kept.requests.queue.Handoff`)."""
    if job.kind is Kind.RECTIFICATION:
        return _rectify(lifecycle, job, rights, handoff)
    if job.kind in (Kind.RESTRICTION, Kind.OBJECTION):
        return _restrict(lifecycle, job, rights, handoff)
    if job.kind.has_export:
        return _export(lifecycle, job, rights, handoff)
    return _erase(lifecycle, job, rights, handoff)


def _actor(job: Job) -> str:
    return f"worker:{job.worker}"


def _export(lifecycle: Lifecycle, job: Job, rights: RightsService, handoff: Handoff | None) -> bool:
    with tempfile.TemporaryDirectory(prefix="kept-export-") as folder:
        result = rights.export(
            job.identities,
            Path(folder),
            portability=job.kind is Kind.PORTABILITY,
            request_id=job.request_id,
            policy=_policy(job),
            tenant=job.tenant,
        )
        if result.matched:
            stored = lifecycle.exports.keep(result.export, job.request_id)
    if not result.matched:  # nobody matched: no empty export, a distinct outcome
        _no_match(lifecycle, job, f"request.{result.kind}", {"rows": result.rows}, handoff)
        return True
    receipt = {
        "request_id": job.request_id,
        "type": result.kind,
        "rows": result.rows,
        "unreachable": result.unreachable,
        "warnings": result.warnings,
        "export": result.export.name,
        "policy": result.policy,
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
            handoff=handoff,
        )
    except BaseException:
        lifecycle.exports.delete(stored.name)  # not recorded: nobody could download it
        raise
    return True


def _erase(lifecycle: Lifecycle, job: Job, rights: RightsService, handoff: Handoff | None) -> bool:
    requests = {job.request_id: job.identities}
    try:
        run = rights.erase_requests(
            requests,
            expected_plan=job.approved_plan,
            policy=_policy(job),
            tenant=job.tenant,
            actor=_actor(job),
        )
    except PlanChangedError as exc:  # nothing erased: staff review the new dry run
        send_back(lifecycle, job, str(exc))
        return False
    erasure = run.result
    rights.remember_erasure(run, requests, tenant=job.tenant)  # replayed after a restore
    if not erasure.verified:
        fail(lifecycle, job, "verification found erasable values left after the erasure")
        return False
    if run.unmatched and job.resumed_from is None and job.attempt <= 1:
        # (a resumed or retried job may find nothing because the first run erased it)
        _no_match(lifecycle, job, "request.erasure", erasure.receipt(job.request_id), handoff)
        return True
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
        handoff=handoff,
    )
    return True


def _no_match(
    lifecycle: Lifecycle,
    job: Job,
    action: str,
    receipt: dict[str, Any],
    handoff: Handoff | None,
) -> None:
    """Complete the job as ``no_match``: its result names the normalised identities tried."""
    summary = no_match_summary(lifecycle.loaded, job.identities)
    complete(
        lifecycle,
        job,
        receipt_action=action,
        receipt={**receipt, "request_id": job.request_id, "outcome": NO_MATCH},
        summary={**summary, "rows": 0},
        partial=NO_MATCH,
        handoff=handoff,
    )


def _params(job: Job) -> RequestParams:
    if job.params is None:
        raise RequestError(f"{job.kind.phrase} without its parameters", request_id=job.request_id)
    return job.params


def _rectify(
    lifecycle: Lifecycle, job: Job, rights: RightsService, handoff: Handoff | None
) -> bool:
    result, _told = rights.rectify_request(
        job.identities,
        list(_params(job).changes),
        request_id=job.request_id,
        tenant=job.tenant,
        actor=_actor(job),
    )
    receipt = result.receipt()  # counts and field names; never the values
    if not result.matched:
        _no_match(lifecycle, job, "request.rectification", receipt, handoff)
        return True
    complete(
        lifecycle,
        job,
        receipt_action="request.rectification",
        receipt=receipt,
        summary={"rows": sum(result.rows.values()), "fields": receipt["fields"]},
        handoff=handoff,
    )
    return True


def _restrict(
    lifecycle: Lifecycle, job: Job, rights: RightsService, handoff: Handoff | None
) -> bool:
    """A job resumed after its worker died finds the restriction already recorded."""
    params = _params(job)
    reason = params.reason or ""
    restriction = rights.restrict_request(
        job.identities,
        purposes=list(params.purposes),
        reason=reason,
        request_id=job.request_id,
        kind=job.kind.value,
        tenant=job.tenant,
        actor=_actor(job),
        audit=False,  # the receipt is recorded with the completion, below
    )
    if not any(restriction.rows.values()) and not rights.matched(
        job.identities, tenant=job.tenant
    ):  # recorded all the same (it applies if their data arrives), but nobody matched
        receipt = {**restriction.receipt(), "reason": reason, "restriction_id": restriction.id}
        _no_match(lifecycle, job, f"request.{job.kind.value}", receipt, handoff)
        return True
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
        handoff=handoff,
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
    data_checks: bool = True
    """Run the data checks when the manifest's ``data_checks.schedule`` is due (likewise: one
    worker runs each scheduled run, written to the audit log)."""
    stats: WorkerStats = field(default_factory=WorkerStats)
    rights: RightsService | None = None
    """The rights service jobs run through (the ``Kept`` object's); by default the worker
    makes its own on the lifecycle's control database and closes it when it stops."""
    _own_rights: RightsService | None = None
    _swept_at: float | None = None
    _checked_at: float | None = None
    _purged_at: float | None = None
    _handed: Job | None = None
    """The next job, claimed by the transaction that finished the last one."""
    _stop: threading.Event = field(default_factory=threading.Event)

    def stop(self) -> None:
        """Finish the current job, then return from :meth:`run`."""
        self._stop.set()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def run_once(self, *, handoff: bool = False) -> bool:
        """Claim and run one job; False when the queue was empty. With ``handoff``, the
        transaction that records the job done also claims the next one, which the next call
        runs (:meth:`run` does so; a job claimed that way is run before the worker stops)."""
        job, self._handed = self._handed, None
        if job is None:
            job = claim(self.lifecycle, self.name, self.lease)
        if job is None:
            return False
        passing = Handoff(self.lease) if handoff and not self.stopping else None
        if job.resumed_from:
            self.stats.resumed += 1
            log.info("%s: resuming %s left by %s", self.name, job.request_id, job.resumed_from)
        beat = threading.Event()
        thread = threading.Thread(target=self._heartbeat, args=(job, beat), daemon=True)
        thread.start()
        started = time.perf_counter()
        try:
            done = execute(self.lifecycle, job, self._rights(), handoff=passing)
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
            log.warning(
                "%s: %s %s failed: %s", self.name, job.kind.value, job.request_id, _cause(exc)
            )
            self._failed(job, f"{type(exc).__name__}: {exc}")
        except Exception as exc:  # a bug must not kill the worker: record it, go on
            log.exception("%s: %s failed unexpectedly", self.name, job.request_id)
            self._failed(job, f"unexpected {type(exc).__name__}: {describe(exc)}")
        finally:
            beat.set()
            thread.join()
            if passing is not None:
                self._handed = passing.job
        return True

    def run(self, *, max_jobs: int | None = None, until_empty: bool = False) -> WorkerStats:
        """Run jobs until :meth:`stop` (or ``max_jobs`` jobs, or an empty queue)."""
        done = 0
        waiter = Waiter(self.lifecycle.control)
        try:
            while not self.stopping and (max_jobs is None or done < max_jobs):
                try:
                    worked = self.run_once(handoff=max_jobs is None or done + 1 < max_jobs)
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
                self._scheduled_data_checks()
                waiter.wait(self.poll, self._stop)
            if self._handed is not None:  # claimed when the last job finished: run it too
                self.run_once()
        finally:
            waiter.close()
            if self._own_rights is not None:
                self._own_rights.close()
                self._own_rights = None
        return self.stats

    def _rights(self) -> RightsService:
        if self.rights is not None:
            return self.rights
        if self._own_rights is None:
            self._own_rights = RightsService(
                self.lifecycle.loaded,
                self.lifecycle.control,
                actor="worker",
                secret=self.lifecycle.secret(),
                owns_resources=False,
            )
        return self._own_rights

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

    def _scheduled_data_checks(self) -> None:
        """The data checks, when their schedule says so and no other worker claimed them."""
        if not self.data_checks or not self.lifecycle.loaded.manifest.data_checks.schedule:
            return
        if self._checked_at is not None and time.monotonic() - self._checked_at < _SWEEP_CHECK_S:
            return
        self._checked_at = time.monotonic()
        from kept.check.schedule import run_due_data_checks

        try:
            run = run_due_data_checks(
                self.lifecycle.loaded, self.lifecycle.control, actor=f"worker:{self.name}"
            )
        except (KeptError, SQLAlchemyError) as exc:
            log.error("%s: the scheduled data checks failed: %s", self.name, exc)
            return
        if run is not None:
            broken = run.summary()["failed"] + run.summary()["errors"]
            log.info(
                "%s: scheduled data checks: %d run, %s",
                self.name,
                len(run.results),
                f"broken: {', '.join(broken)}" if broken else "all kept",
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
