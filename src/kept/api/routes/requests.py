"""The person's endpoints: submit a request, verify it with the e-mailed code, follow it,
download the export. No API key: the request token (shown once, at submission) and the
e-mailed code stand for the person; submission and verification are rate-limited."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Path, Query, Request, Response
from fastapi.responses import FileResponse, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from kept.api.clients import client_address
from kept.api.models import PROBLEMS, PublicRequest, ResendOut, SubmittedRequest
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
from kept.execution.identity import Identity
from kept.requests import Kind, Lifecycle, RequestRecord, State

__all__ = ["router"]

router = APIRouter(prefix="/api/v1", tags=["requests"], responses=PROBLEMS)

RequestId = Annotated[str, Path(max_length=40, pattern=r"^req_[0-9a-f]{16}$")]
Token = Annotated[
    str,
    Header(
        alias="X-Request-Token",
        max_length=200,
        description="The token returned when the request was submitted.",
    ),
]
_EMAIL = r"^[^@\s]{1,64}@[^@\s]{1,255}$"


class SubmitBody(BaseModel):
    """A person's request."""

    model_config = ConfigDict(extra="forbid")

    kind: Kind
    email: str = Field(
        max_length=320,
        pattern=_EMAIL,
        description="Where the code goes, and the only identity the request is searched by.",
    )
    tenant: str | None = Field(default=None, min_length=1, max_length=255)
    jurisdiction: str | None = Field(default=None, min_length=1, max_length=10)
    changes: Changes | None = CHANGES_FIELD
    purposes: Purposes | None = PURPOSES_FIELD
    reason: str | None = REASON_FIELD
    policy: str | None = POLICY_FIELD


class VerifyBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: str = Field(min_length=1, max_length=12)


def _client(request: Request) -> str:
    return client_address(request)


def status_of(lifecycle: Lifecycle, record: RequestRecord) -> dict[str, Any]:
    body = record.public()
    if record.state is State.COMPLETED and record.kind.has_export:
        if lifecycle.has_export(record.id):
            body["export"] = export_link(lifecycle, record.id)
        else:
            body["export"] = None  # deleted after its download window
    return body


@router.post(
    "/requests",
    status_code=202,
    summary="Submit a rights request (e-mails a code)",
    response_model=SubmittedRequest,
)
def submit(
    body: SubmitBody, request: Request, lifecycle: Lifecycle = Depends(get_lifecycle)
) -> dict[str, Any]:
    identities = [Identity("email", body.email.strip())]
    with lifecycle_errors():
        submitted = lifecycle.submit(
            body.kind,
            identities,
            contact=body.email.strip(),
            tenant=body.tenant,
            jurisdiction=body.jurisdiction,
            client=_client(request),
            **params_of(body.changes, body.purposes, body.reason, body.policy),
        )
    return {
        **submitted.record.public(),
        "token": submitted.token,
        "message": "We sent a verification code to your address; send it to the verify endpoint.",
    }


@router.post(
    "/requests/{request_id}/verify",
    summary="Verify a request with the e-mailed code",
    response_model=PublicRequest,
    response_model_exclude_unset=True,  # "export" only once there is one
)
def verify(
    request_id: RequestId,
    body: VerifyBody,
    token: Token,
    request: Request,
    lifecycle: Lifecycle = Depends(get_lifecycle),
) -> dict[str, Any]:
    with lifecycle_errors():
        record = lifecycle.verify(request_id, body.code, token=token, client=_client(request))
    return status_of(lifecycle, record)


@router.post(
    "/requests/{request_id}/code",
    status_code=202,
    summary="Send a new code",
    response_model=ResendOut,
)
def resend(
    request_id: RequestId,
    token: Token,
    request: Request,
    lifecycle: Lifecycle = Depends(get_lifecycle),
) -> dict[str, Any]:
    with lifecycle_errors():
        lifecycle.resend_code(request_id, token, client=_client(request))
    return {"request_id": request_id, "message": "A new code is on its way."}


@router.get(
    "/requests/{request_id}",
    summary="The request's state, deadline and export link",
    response_model=PublicRequest,
    response_model_exclude_unset=True,
)
def status(
    request_id: RequestId, token: Token, lifecycle: Lifecycle = Depends(get_lifecycle)
) -> dict[str, Any]:
    with lifecycle_errors():
        record = lifecycle.with_token(request_id, token)
    return status_of(lifecycle, record)


@router.get(
    "/exports/{request_id}",
    summary="Download an export through a signed, expiring link",
    response_class=Response,
    responses={
        200: {"content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}}}
    },
)
def download(
    request_id: RequestId,
    expires: Annotated[int, Query(ge=0, le=2**40)],
    signature: Annotated[str, Query(max_length=64, pattern=r"^[0-9a-f]{64}$")],
    lifecycle: Lifecycle = Depends(get_lifecycle),
) -> Response:
    with lifecycle_errors():
        lifecycle.check_export_link(request_id, expires, signature)
        found = lifecycle.export_file(request_id)
    headers = {
        "Content-Disposition": f'attachment; filename="{found.filename}"',
        "Cache-Control": "no-store",
    }
    if found.path is not None:  # streamed from the file in chunks: memory does not grow
        return FileResponse(found.path, media_type="application/zip", headers=headers)
    if found.location is not None:  # from an object store (fsspec), in chunks
        headers["Content-Length"] = str(found.size)
        return StreamingResponse(found.chunks(), media_type="application/zip", headers=headers)
    return Response(found.content, media_type="application/zip", headers=headers)
