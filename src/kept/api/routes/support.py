"""Support-access grants over HTTP: record and revoke grants; check and record a use.

Thin endpoints over :class:`kept.support.SupportGrants`, one per application (its snapshot of
the active grants is what makes a check fast). Grants are recorded by the privacy team (an
admin or privacy officer) on the person's word; support staff can only ask, never grant
themselves access. A check made through ``/access`` is a use: it is written to the audit log
under the calling key, allowed or refused.
"""

from __future__ import annotations

import threading

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from kept.api.auth import require
from kept.api.context import ApiContext
from kept.api.models import PROBLEMS
from kept.apikey import Caller, Role
from kept.errors import KeptError
from kept.execution.identity import Identity, parse_identity
from kept.support import SupportError, SupportGrants

__all__ = ["router"]

router = APIRouter(tags=["support"], responses=PROBLEMS)

# Grants belong to the person, not a tenant's object: tenant-scoped keys are refused, as for
# the consent ledger. Only the privacy team records or revokes a grant.
_OFFICERS = require(Role.ADMIN, Role.PRIVACY_OFFICER)
_STAFF = require(Role.ADMIN, Role.PRIVACY_OFFICER, Role.SUPPORT_AGENT)
_lock = threading.Lock()


def _grants(app: FastAPI) -> SupportGrants:
    grants: SupportGrants | None = getattr(app.state, "kept_support", None)
    if grants is None:
        with _lock:
            grants = getattr(app.state, "kept_support", None)
            if grants is None:
                context: ApiContext = app.state.kept
                grants = context.kept.support("api")
                app.state.kept_support = grants
    return grants


async def grants_of(request: Request) -> SupportGrants:
    grants: SupportGrants | None = getattr(request.app.state, "kept_support", None)
    if grants is None:
        grants = await run_in_threadpool(_grants, request.app)
    return grants


def _people(subject: list[str]) -> list[Identity]:
    try:
        return [parse_identity(s) for s in subject]
    except KeptError as exc:
        raise SupportError(str(exc)) from None


class GrantBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    subject: list[str] = Field(
        min_length=1, max_length=10, description="The person: KIND=VALUE, one per identity"
    )
    scope: str = Field(description="A scope of the manifest's support.scopes")
    grantee: str = Field(description="A staff member, role:NAME, or * (anyone in support)")
    reason: str = Field(min_length=1, max_length=2000)
    days: float | None = Field(None, gt=0, description="Default: support.default_days")
    case: str | None = Field(None, max_length=255)


class RevokeBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: str = Field(min_length=1, max_length=2000)


class AccessBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    subject: list[str] = Field(min_length=1, max_length=10)
    scope: str
    break_glass: str | None = Field(
        None, max_length=2000, description="Pass without a grant, for this reason (if allowed)"
    )


class GrantOut(BaseModel):
    id: str
    scope: str
    grantee: str
    reason: str
    case: str | None
    tenant: str | None
    granted_by: str
    granted_at: str
    expires_at: str
    revoked_at: str | None


class DecisionOut(BaseModel):
    allowed: bool
    reason: str
    scope: str
    grant_id: str | None
    break_glass: bool


@router.post("/api/v1/support/grants", summary="Record a person's grant of support access")
def grant(
    body: GrantBody,
    caller: Caller = Depends(_OFFICERS),
    grants: SupportGrants = Depends(grants_of),
) -> GrantOut:
    given = grants.grant(
        _people(body.subject),
        body.scope,
        grantee=body.grantee,
        reason=body.reason,
        days=body.days,
        case=body.case,
    )
    return GrantOut(**given.as_dict())


@router.post("/api/v1/support/grants/{grant_id}/revoke", summary="End a grant now")
def revoke(
    grant_id: str,
    body: RevokeBody,
    caller: Caller = Depends(_OFFICERS),
    grants: SupportGrants = Depends(grants_of),
) -> GrantOut:
    return GrantOut(**grants.revoke(grant_id, reason=body.reason).as_dict())


@router.get("/api/v1/support/grants", summary="The grants in force (or all), of a person")
def list_grants(
    subject: list[str] = Query(default_factory=list, description="KIND=VALUE; repeatable"),
    include_past: bool = Query(False, alias="all"),
    _caller: Caller = Depends(_STAFF),
    grants: SupportGrants = Depends(grants_of),
) -> list[GrantOut]:
    people = _people(subject) if subject else None
    return [GrantOut(**g.as_dict()) for g in grants.grants(people, include_past=include_past)]


@router.post("/api/v1/support/access", summary="May I see this person's data? (audited use)")
def access(
    body: AccessBody,
    caller: Caller = Depends(_STAFF),
    grants: SupportGrants = Depends(grants_of),
) -> DecisionOut:
    decision = grants.use(
        caller.name,
        _people(body.subject),
        body.scope,
        role=caller.role.value,
        break_glass=body.break_glass,
    )
    return DecisionOut(**decision.as_dict())
