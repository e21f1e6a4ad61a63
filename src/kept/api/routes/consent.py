"""Consent over HTTP: record grants, withdrawals and opt-outs; answer ``may_process``.

Thin endpoints over :class:`kept.consent.ConsentService`, one service per application (its
in-memory snapshot is what makes a decision fast). A ``Sec-GPC: 1`` header on a decision is
the Global Privacy Control signal: it is honoured in the answer and recorded for the subject.
"""

from __future__ import annotations

import threading
from typing import Any

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from kept.api.auth import require
from kept.api.context import ApiContext
from kept.api.models import (
    PROBLEMS,
    ConsentAnswer,
    ConsentDecisionOut,
    ConsentDecisions,
    ConsentLedger,
)
from kept.apikey import Caller, Role
from kept.consent import ConsentService, LedgerEntry

__all__ = ["consent_service", "gpc_signal", "router", "service_of"]

router = APIRouter(tags=["consent"], responses=PROBLEMS)

# A record names the tenant it holds in (none: every tenant), but the ledger and a person's
# state are the organisation's, so tenant-scoped keys are refused here: they could otherwise
# read or change another tenant's customers' state.
_STAFF = require(Role.ADMIN, Role.PRIVACY_OFFICER, Role.SUPPORT_AGENT)
_lock = threading.Lock()
_BATCH_LIMIT = 1000


def consent_service(app: FastAPI) -> ConsentService:
    """The application's one :class:`ConsentService`, made on first use."""
    service: ConsentService | None = getattr(app.state, "kept_consent", None)
    if service is None:
        with _lock:
            service = getattr(app.state, "kept_consent", None)
            if service is None:
                context: ApiContext = app.state.kept
                service = context.kept.consent("api")
                app.state.kept_consent = service
    return service


async def service_of(request: Request) -> ConsentService:
    """The dependency giving an endpoint the application's :class:`ConsentService`; the first
    call loads its snapshot in a worker thread, so the event loop never waits on it."""
    service: ConsentService | None = getattr(request.app.state, "kept_consent", None)
    if service is None:
        service = await run_in_threadpool(consent_service, request.app)
    return service


def gpc_signal(request: Request, service: ConsentService) -> bool:
    """Whether the request carries Global Privacy Control: any ``Sec-GPC`` header equal to 1
    (W3C GPC), or ``DNT: 1`` when the manifest says to treat it so."""
    if any(v.strip() == "1" for v in request.headers.getlist("sec-gpc")):
        return True
    return service.config.dnt and request.headers.get("dnt", "").strip() == "1"


class ConsentBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    subject: str = Field(description="The person as KIND=VALUE, e.g. email=ada@example.com")
    purpose: str = Field(description="A purpose of the manifest")
    source: str = Field("api", description="banner, form, api, dpo_email, phone, import...")
    policy_version: str | None = None
    notice_text: str | None = Field(None, description="The wording shown; stored as its hash")
    jurisdiction: str | None = None
    evidence: dict[str, Any] = Field(default_factory=dict)
    tenant: str | None = Field(
        None, description="The tenant the record holds in; none: organisation-wide"
    )


class OptOutBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    subject: str
    opt_out: str = Field(description="An opt-out of the manifest, e.g. group_sharing")
    source: str = "api"
    jurisdiction: str | None = None
    evidence: dict[str, Any] = Field(default_factory=dict)
    tenant: str | None = Field(
        None, description="The tenant the record holds in; none: organisation-wide"
    )


def _answer(entry: LedgerEntry | None) -> dict[str, Any]:
    return {"recorded": entry is not None, "entry": entry.as_dict() if entry else None}


def _how(body: ConsentBody | OptOutBody, caller: Caller) -> dict[str, Any]:
    how: dict[str, Any] = {
        "source": body.source,
        "jurisdiction": body.jurisdiction,
        "evidence": {**body.evidence, "api_key": caller.key_id},
        "actor": f"api:{caller.name}",
        "tenant": body.tenant or caller.tenant,
    }
    if isinstance(body, ConsentBody):
        how["policy_version"] = body.policy_version
        how["notice_text"] = body.notice_text
    return how


@router.post(
    "/api/v1/consent/grant",
    summary="Record that a person gave consent to a purpose",
    response_model=ConsentAnswer,
)
def grant(
    body: ConsentBody,
    caller: Caller = Depends(_STAFF),
    service: ConsentService = Depends(service_of),
) -> dict[str, Any]:
    return _answer(service.grant(body.subject, body.purpose, **_how(body, caller)))


@router.post(
    "/api/v1/consent/withdraw",
    summary="Record that a person withdrew consent",
    response_model=ConsentAnswer,
)
def withdraw(
    body: ConsentBody,
    caller: Caller = Depends(_STAFF),
    service: ConsentService = Depends(service_of),
) -> dict[str, Any]:
    return _answer(service.withdraw(body.subject, body.purpose, **_how(body, caller)))


@router.post(
    "/api/v1/consent/opt-out",
    summary="Record an opt-out (group sharing, sale/sharing)",
    response_model=ConsentAnswer,
)
def opt_out(
    body: OptOutBody,
    caller: Caller = Depends(_STAFF),
    service: ConsentService = Depends(service_of),
) -> dict[str, Any]:
    return _answer(service.opt_out(body.subject, body.opt_out, **_how(body, caller)))


@router.post("/api/v1/consent/opt-in", summary="Undo an opt-out", response_model=ConsentAnswer)
def opt_in(
    body: OptOutBody,
    caller: Caller = Depends(_STAFF),
    service: ConsentService = Depends(service_of),
) -> dict[str, Any]:
    return _answer(service.opt_in(body.subject, body.opt_out, **_how(body, caller)))


@router.get(
    "/api/v1/consent/decision",
    summary="May this person's data be used for a purpose?",
    response_model=ConsentDecisionOut,
)
async def decision(
    request: Request,
    subject: str = Query(description="The person as KIND=VALUE"),
    purpose: str = Query(description="A purpose of the manifest"),
    recipient: str | None = Query(None, description="A recipient of the manifest"),
    jurisdiction: str | None = Query(None, description="The person's, for the marketing rule"),
    tenant: str | None = Query(None, description="The tenant processing (docs/consent.md)"),
    caller: Caller = Depends(_STAFF),
    service: ConsentService = Depends(service_of),
) -> dict[str, Any]:
    # Answered on the event loop, without a worker thread: a decision reads the in-memory
    # snapshot (its catch-up with the ledger, at most once a second, is one small query).
    gpc = gpc_signal(request, service)
    if gpc:
        await run_in_threadpool(
            service.record_gpc,
            subject,
            evidence={"header": "Sec-GPC: 1", "api_key": caller.key_id},
            actor="api",
        )
    answer = service.may_process(
        subject, purpose, recipient, gpc=gpc, jurisdiction=jurisdiction, tenant=tenant
    )
    return {**answer.as_dict(), "gpc": gpc}


class DecisionQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    subject: str
    purpose: str
    recipient: str | None = None
    jurisdiction: str | None = None
    tenant: str | None = None


class DecisionBatch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    decisions: list[DecisionQuery] = Field(max_length=_BATCH_LIMIT)


@router.post(
    "/api/v1/consent/decisions",
    summary=f"Up to {_BATCH_LIMIT} decisions in one request (e.g. a campaign's audience)",
    response_model=ConsentDecisions,
)
async def decisions(
    body: DecisionBatch,
    request: Request,
    _caller: Caller = Depends(_STAFF),
    service: ConsentService = Depends(service_of),
) -> dict[str, Any]:
    gpc = gpc_signal(request, service)
    answers = [
        service.may_process(
            q.subject, q.purpose, q.recipient, gpc=gpc, jurisdiction=q.jurisdiction, tenant=q.tenant
        ).as_dict()
        for q in body.decisions
    ]
    return {"decisions": answers, "gpc": gpc}


@router.get(
    "/api/v1/consent/subjects/{subject}",
    summary="A person's consent state and ledger",
    response_model=ConsentLedger,
)
def subject_ledger(
    subject: str,
    _caller: Caller = Depends(_STAFF),
    service: ConsentService = Depends(service_of),
) -> dict[str, Any]:
    return service.export(subject)
