"""An erasure's plan: its dry run as staff review it, and an approval bound to that plan.

Staff approve the plan they reviewed (its hash); the approval is stored with the request and
the worker runs the erasure with it as ``expected_plan``. When the person's rows changed in
between, the worker erases nothing and sends the request back for review (``plan_changed``).
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa

from kept.errors import LifecycleInputError, PlanChangedError, RequestNotFoundError
from kept.execution.erasure import run_erasure
from kept.execution.identity import Identity
from kept.execution.retention.holds import active_holds
from kept.execution.retention.protect import Protection
from kept.manifest.request_policy import choose_policy
from kept.requests.lifecycle import Lifecycle
from kept.requests.params import RequestParams
from kept.requests.record import RequestRecord
from kept.requests.states import Kind, LifecycleError
from kept.requests.tables import requests

__all__ = ["approve_plan", "preview"]


def preview(lifecycle: Lifecycle, request_id: str, actor: str) -> dict[str, Any]:
    """The erasure's dry run for the request as its receipt (with ``plan_hash``), audited as
    done by ``actor``; run as the worker will run it (same protections, same policy).
    ``subject``, added to the receipt, is what the audit entries are filed under."""
    with lifecycle.control.connect() as conn:
        row = conn.execute(
            sa.select(
                requests.c.kind, requests.c.tenant, requests.c.identities, requests.c.params
            ).where(requests.c.id == request_id)
        ).one_or_none()
    if row is None:
        raise RequestNotFoundError(f"no request {request_id}", request_id=request_id)
    if row.kind != Kind.ERASURE.value:
        raise LifecycleInputError(
            f"a {row.kind} request has no erasure plan", request_id=request_id
        )
    identities = [Identity(k, v) for k, v in json.loads(row.identities or "[]")]
    if not identities:
        raise LifecycleError("the request holds no identities any more", request_id=request_id)
    params = RequestParams.from_json(json.loads(row.params)) if row.params else None
    loaded = lifecycle.loaded
    result = run_erasure(
        loaded,
        {request_id: identities},
        dry_run=True,
        protection=Protection.build(loaded.manifest, active_holds(lifecycle.control)),
        tenant=row.tenant,
        policy=choose_policy(loaded.manifest, params.policy if params else None, "erasure"),
    )
    receipt = result.receipt(request_id)
    subject = str(min(identities))
    lifecycle.audit.append(
        actor, "request.erasure.dry_run", subject=subject, tenant=row.tenant, details=receipt
    )
    return {**receipt, "subject": subject}


def approve_plan(lifecycle: Lifecycle, request_id: str, plan: str, *, actor: str) -> RequestRecord:
    """Approve the erasure only if its plan is still ``plan`` (same rows, same actions, same
    protections), audited as ``request.erasure.plan_approved``; the plan is stored with the
    request and binds the worker. Raises :class:`kept.errors.PlanChangedError` when the plan
    changed (nothing is approved then)."""
    plan = plan.strip()
    now = preview(lifecycle, request_id, actor)
    if now["plan_hash"] != plan:
        raise PlanChangedError(
            f"the data changed since the dry run you reviewed (plan {plan} is now "
            f"{now['plan_hash']}); review the dry run again",
            request_id=request_id,
        )
    lifecycle.audit.append(
        actor,
        "request.erasure.plan_approved",
        subject=now["subject"],
        tenant=lifecycle.get(request_id).tenant,
        details={"request_id": request_id, "plan_hash": plan},
    )
    return lifecycle.approve(request_id, actor=actor, plan=plan)
