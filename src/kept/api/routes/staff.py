"""Staff endpoints: list and filter requests, submit on a person's behalf, approve, deny,
extend, pause and resume, read receipts, get an export link, read the audit log.

Every endpoint is tenant-scoped: a tenant-scoped key (``tenant_admin``) sees and acts on its
own tenant's requests, receipts, exports and audit entries only; anything else answers 404,
as if it did not exist.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query
from pydantic import BaseModel, ConfigDict, Field

from kept.api.auth import require
from kept.api.models import (
    PROBLEMS,
    AuditPage,
    ErasurePlan,
    Receipts,
    RequestList,
    StaffExportLink,
    StaffRequest,
)
from kept.api.problems import ApiError
from kept.api.routes._lifecycle import (
    CHANGES_FIELD,
    POLICY_FIELD,
    PURPOSES_FIELD,
    REASON_FIELD,
    Changes,
    Purposes,
    export_link,
    get_lifecycle,
    lifecycle_errors,
    params_of,
)
from kept.apikey import Caller, Role
from kept.approval import APPROVERS, review_for
from kept.audit import AuditLog
from kept.errors import PlanChangedError
from kept.execution.identity import Identity
from kept.requests import Kind, Lifecycle, RequestRecord, State
from kept.requests.plan import approve_plan, preview
from kept.requests.states import PLAN_CHANGED

__all__ = ["router"]

router = APIRouter(prefix="/api/v1/staff", tags=["staff"], responses=PROBLEMS)

READERS = (Role.ADMIN, Role.PRIVACY_OFFICER, Role.SUPPORT_AGENT, Role.TENANT_ADMIN)
DECIDERS = APPROVERS

RequestId = Annotated[str, Path(max_length=40, pattern=r"^req_[0-9a-f]{16}$")]
_KIND = r"^[a-z][a-z0-9_]{0,39}$"


class StaffSubmitBody(BaseModel):
    """A request taken by staff (phone, letter, desk): counts as verified by them."""

    model_config = ConfigDict(extra="forbid")

    kind: Kind
    identities: dict[
        Annotated[str, Field(pattern=_KIND)], Annotated[str, Field(max_length=320)]
    ] = Field(min_length=1, max_length=10, description='e.g. {"email": "ada@example.com"}')
    contact: str | None = Field(default=None, max_length=320, description="Where to write.")
    tenant: str | None = Field(default=None, min_length=1, max_length=255)
    jurisdiction: str | None = Field(default=None, min_length=1, max_length=10)
    changes: Changes | None = CHANGES_FIELD
    purposes: Purposes | None = PURPOSES_FIELD
    reason: str | None = REASON_FIELD
    policy: str | None = POLICY_FIELD


class ApproveBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    plan: str | None = Field(
        default=None,
        max_length=64,
        pattern=r"^[0-9a-f]+$",
        description="An erasure's dry-run plan hash: the worker runs exactly that plan.",
    )


class DenyBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason_code: str = Field(max_length=40, description="One of the documented reason codes.")
    note: str | None = Field(default=None, max_length=2000, description="Why, for the record.")


class ReasonBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: str = Field(min_length=1, max_length=2000)


def _visible(lifecycle: Lifecycle, caller: Caller, request_id: str) -> RequestRecord:
    with lifecycle_errors():
        record = lifecycle.get(request_id)
    if not caller.may_see(record.tenant):
        raise ApiError(404, "not_found", f"request {request_id}: no such request")
    return record


def _tenant_filter(caller: Caller, tenant: str | None) -> str | None:
    return caller.tenant if caller.role.tenant_scoped else tenant


@router.get(
    "/requests",
    summary="Requests, newest first; filter by state, kind, overdue",
    response_model=RequestList,
)
def list_requests(
    state: State | None = None,
    kind: Kind | None = None,
    overdue: bool = False,
    tenant: Annotated[str | None, Query(max_length=255)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=10**9)] = 0,
    caller: Caller = Depends(require(*READERS)),
    lifecycle: Lifecycle = Depends(get_lifecycle),
) -> dict[str, Any]:
    records = lifecycle.find(
        state=state,
        kind=kind,
        tenant=_tenant_filter(caller, tenant),
        overdue=overdue,
        limit=limit,
        offset=offset,
    )
    return {"requests": [r.as_dict() for r in records]}


@router.post(
    "/requests",
    status_code=201,
    summary="Submit a request on a person's behalf",
    response_model=StaffRequest,
)
def submit(
    body: StaffSubmitBody,
    caller: Caller = Depends(require(*READERS)),
    lifecycle: Lifecycle = Depends(get_lifecycle),
) -> dict[str, Any]:
    tenant = body.tenant
    if caller.role.tenant_scoped:
        if tenant is not None and tenant != caller.tenant:
            raise ApiError(403, "forbidden", "a tenant key submits for its own tenant only")
        tenant = caller.tenant
    identities = [Identity(k, v.strip()) for k, v in body.identities.items() if v.strip()]
    with lifecycle_errors():
        submitted = lifecycle.submit(
            body.kind,
            identities,
            contact=body.contact,
            tenant=tenant,
            jurisdiction=body.jurisdiction,
            actor=caller.actor,
            verified=True,
            review=review_for(caller.role, body.kind),
            **params_of(body.changes, body.purposes, body.reason, body.policy),
        )
    # No request token: staff follow the request here, and a support agent must not be able
    # to fetch the export through the person's status endpoint.
    return submitted.record.as_dict()


@router.get(
    "/requests/{request_id}", summary="One request, with its deadlines", response_model=StaffRequest
)
def show(
    request_id: RequestId,
    caller: Caller = Depends(require(*READERS)),
    lifecycle: Lifecycle = Depends(get_lifecycle),
) -> dict[str, Any]:
    return _visible(lifecycle, caller, request_id).as_dict()


@router.post(
    "/requests/{request_id}/dry-run",
    summary="An erasure's dry run and plan hash",
    response_model=ErasurePlan,
)
def dry_run(
    request_id: RequestId,
    caller: Caller = Depends(require(*DECIDERS)),
    lifecycle: Lifecycle = Depends(get_lifecycle),
) -> dict[str, Any]:
    """What the erasure would do, per table (nothing changes; audited as
    ``request.erasure.dry_run``); approve its ``plan_hash`` to bind the worker to it."""
    _visible(lifecycle, caller, request_id)
    with lifecycle_errors():
        receipt = preview(lifecycle, request_id, caller.actor)
    receipt.pop("subject", None)  # the person's identity stays out of the answer
    return receipt


@router.post(
    "/requests/{request_id}/approve",
    summary="Approve a verified request",
    response_model=StaffRequest,
)
def approve(
    request_id: RequestId,
    body: ApproveBody | None = None,
    caller: Caller = Depends(require(*DECIDERS)),
    lifecycle: Lifecycle = Depends(get_lifecycle),
) -> dict[str, Any]:
    """With ``plan`` (an erasure's dry-run plan hash), approve only that plan: refused with
    ``plan_changed`` when the data changed since, and binding on the worker."""
    _visible(lifecycle, caller, request_id)
    plan = body.plan if body else None
    with lifecycle_errors():
        if not plan:
            return lifecycle.approve(request_id, actor=caller.actor).as_dict()
        try:
            return approve_plan(lifecycle, request_id, plan, actor=caller.actor).as_dict()
        except PlanChangedError as exc:
            raise ApiError(409, PLAN_CHANGED, str(exc)) from exc


@router.post(
    "/requests/{request_id}/deny",
    summary="Deny a request with a reason code",
    response_model=StaffRequest,
)
def deny(
    request_id: RequestId,
    body: DenyBody,
    caller: Caller = Depends(require(*DECIDERS)),
    lifecycle: Lifecycle = Depends(get_lifecycle),
) -> dict[str, Any]:
    _visible(lifecycle, caller, request_id)
    with lifecycle_errors():
        return lifecycle.deny(
            request_id, body.reason_code, actor=caller.actor, note=body.note
        ).as_dict()


@router.post(
    "/requests/{request_id}/extend",
    summary="Extend the deadline, with the reason",
    response_model=StaffRequest,
)
def extend(
    request_id: RequestId,
    body: ReasonBody,
    caller: Caller = Depends(require(*DECIDERS)),
    lifecycle: Lifecycle = Depends(get_lifecycle),
) -> dict[str, Any]:
    _visible(lifecycle, caller, request_id)
    with lifecycle_errors():
        return lifecycle.extend(request_id, body.reason, actor=caller.actor).as_dict()


@router.post(
    "/requests/{request_id}/pause",
    summary="Stop the clock awaiting clarification",
    response_model=StaffRequest,
)
def pause(
    request_id: RequestId,
    body: ReasonBody,
    caller: Caller = Depends(require(*DECIDERS)),
    lifecycle: Lifecycle = Depends(get_lifecycle),
) -> dict[str, Any]:
    _visible(lifecycle, caller, request_id)
    with lifecycle_errors():
        return lifecycle.pause(request_id, body.reason, actor=caller.actor).as_dict()


@router.post(
    "/requests/{request_id}/resume", summary="Restart a stopped clock", response_model=StaffRequest
)
def resume(
    request_id: RequestId,
    caller: Caller = Depends(require(*DECIDERS)),
    lifecycle: Lifecycle = Depends(get_lifecycle),
) -> dict[str, Any]:
    _visible(lifecycle, caller, request_id)
    with lifecycle_errors():
        return lifecycle.resume(request_id, actor=caller.actor).as_dict()


@router.get(
    "/requests/{request_id}/receipts",
    summary="The request's audit entries",
    response_model=Receipts,
)
def receipts(
    request_id: RequestId,
    caller: Caller = Depends(require(*DECIDERS)),
    lifecycle: Lifecycle = Depends(get_lifecycle),
) -> dict[str, Any]:
    _visible(lifecycle, caller, request_id)
    with lifecycle_errors():
        return {"request_id": request_id, "receipts": lifecycle.receipts(request_id)}


@router.get(
    "/requests/{request_id}/export",
    summary="A signed download link for the export",
    response_model=StaffExportLink,
)
def export(
    request_id: RequestId,
    caller: Caller = Depends(require(*DECIDERS)),
    lifecycle: Lifecycle = Depends(get_lifecycle),
) -> dict[str, Any]:
    _visible(lifecycle, caller, request_id)
    with lifecycle_errors():
        lifecycle.export_file(request_id)  # 404 when there is none (the file is not read)
    return {"request_id": request_id, **export_link(lifecycle, request_id)}


@router.get(
    "/audit",
    summary="Audit log entries, oldest first, after a sequence number",
    response_model=AuditPage,
)
def audit(
    since: Annotated[int, Query(ge=0, le=2**62)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    tenant: Annotated[str | None, Query(max_length=255)] = None,
    caller: Caller = Depends(require(*DECIDERS)),
    lifecycle: Lifecycle = Depends(get_lifecycle),
) -> dict[str, Any]:
    entries = AuditLog(lifecycle.control).entries(
        since=since, limit=limit, tenant=_tenant_filter(caller, tenant)
    )
    return {"entries": [e.as_dict() for e in entries]}
