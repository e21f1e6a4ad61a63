"""Rights requests as a service: the lifecycle, deadlines, verification codes, queue and workers.

* :class:`Lifecycle` — intake, e-mailed verification, approval, denial, extension, pauses;
  every transition stored in the control database and written to the audit log.
* :func:`compute_deadlines` — due dates per jurisdiction and the policy's own promise.
* :class:`Worker` — claims approved requests under a lease and runs them with the engine.

See ``docs/service.md``.
"""

from kept.requests.deadline import RULES, Deadlines, Pause, Rule, compute_deadlines, rules_for
from kept.requests.lifecycle import PUBLIC, Lifecycle, Submission
from kept.requests.queue import Job, LeaseLost, claim, complete, fail, heartbeat
from kept.requests.record import RequestRecord
from kept.requests.states import (
    DENIAL_REASONS,
    PARTIAL_REASONS,
    TRANSITIONS,
    Kind,
    LifecycleError,
    State,
)
from kept.requests.verification import CodePolicy, RateLimit, RateLimited, VerificationError
from kept.requests.worker import Worker, WorkerStats, execute, worker_name

__all__ = [
    "DENIAL_REASONS",
    "PARTIAL_REASONS",
    "PUBLIC",
    "RULES",
    "TRANSITIONS",
    "CodePolicy",
    "Deadlines",
    "Job",
    "Kind",
    "LeaseLost",
    "Lifecycle",
    "LifecycleError",
    "Pause",
    "RateLimit",
    "RateLimited",
    "RequestRecord",
    "Rule",
    "State",
    "Submission",
    "VerificationError",
    "Worker",
    "WorkerStats",
    "claim",
    "complete",
    "compute_deadlines",
    "execute",
    "fail",
    "heartbeat",
    "rules_for",
    "worker_name",
]
