"""Errors as JSON: ``{"code": "...", "message": "...", "details": ...}`` with a stable code.

Every error an endpoint can meet is turned into such a body here: Kept's own errors (by
class), bad input (422, ``invalid_input``, naming each field), unknown paths and methods, and
anything unexpected (500, ``internal_error``, logged with its traceback, never shown).
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from kept.errors import (
    ApiKeyInvalidError,
    ApiKeyNotFoundError,
    AuditError,
    AuthError,
    ConsentError,
    ControlError,
    KeptError,
    LeaseLost,
    LifecycleError,
    LifecycleInputError,
    LinkExpiredError,
    MailError,
    ManifestError,
    NotPermittedError,
    ParamsError,
    PermissionDeniedError,
    PlanChangedError,
    RateLimited,
    RequestError,
    RequestNotFoundError,
    SettingsError,
    StoreError,
    SupportError,
    UnknownIdentityKindError,
    VerificationError,
)

__all__ = ["ERRORS", "ApiError", "install_handlers", "problem_for", "problem_response"]

log = logging.getLogger("kept.api")

ERRORS: list[tuple[type[KeptError], int, str]] = [
    # (error class, HTTP status, stable code); checked in order: subclasses before parents.
    # ParamsError and VerificationError answer their own ``code`` attribute instead.
    (RateLimited, 429, "rate_limited"),
    (UnknownIdentityKindError, 422, "unknown_identity_kind"),
    (ParamsError, 400, "params_invalid"),
    (VerificationError, 400, "code_invalid"),
    (RequestNotFoundError, 404, "not_found"),
    (LifecycleInputError, 400, "request_invalid"),
    (NotPermittedError, 403, "forbidden"),
    (LinkExpiredError, 410, "gone"),
    (LeaseLost, 409, "conflict"),
    (LifecycleError, 409, "conflict"),
    (PlanChangedError, 409, "plan_changed"),
    (RequestError, 400, "request_invalid"),
    (ConsentError, 400, "consent_invalid"),
    (SupportError, 400, "support_invalid"),
    (PermissionDeniedError, 403, "forbidden"),
    (ApiKeyInvalidError, 400, "invalid_input"),
    (ApiKeyNotFoundError, 404, "not_found"),
    (AuthError, 401, "unauthorized"),
    (MailError, 503, "mail_unavailable"),
    (ManifestError, 500, "manifest_invalid"),
    (SettingsError, 500, "settings_invalid"),
    (StoreError, 503, "store_unavailable"),
    (ControlError, 503, "control_unavailable"),
    (AuditError, 503, "audit_unavailable"),
]
"""The one mapping from Kept's error classes to HTTP statuses and stable problem codes."""

_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    410: "gone",
    413: "too_large",
    415: "unsupported_media_type",
    429: "rate_limited",
}


class ApiError(KeptError):
    """Raise from an endpoint to answer with this status, code and message."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        details: Any = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details
        self.headers = headers


def problem_response(
    status: int,
    code: str,
    message: str,
    details: Any = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body: dict[str, Any] = {"code": code, "message": message}
    if details is not None:
        body["details"] = details
    return JSONResponse(body, status_code=status, headers=headers)


def install_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _on_problem)
    app.add_exception_handler(KeptError, _on_kept_error)
    app.add_exception_handler(RequestValidationError, _on_validation)
    app.add_exception_handler(StarletteHTTPException, _on_http)
    app.add_exception_handler(Exception, _on_unexpected)


async def _on_problem(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return problem_response(exc.status, exc.code, exc.message, exc.details, exc.headers)


def problem_for(exc: KeptError) -> tuple[int, str]:
    """The HTTP status and stable code of a Kept error (:data:`ERRORS`; else 400 ``error``)."""
    for kind, status, code in ERRORS:
        if isinstance(exc, kind):
            if isinstance(exc, ParamsError | VerificationError):
                code = exc.code
            return status, code
    return 400, "error"


def _details(exc: KeptError) -> Any:
    if isinstance(exc, UnknownIdentityKindError):
        return {"kinds": exc.kinds}
    if isinstance(exc, ParamsError):  # the names of the bad fields or purposes
        return {"names": exc.names}
    return None


def _headers(exc: KeptError, status: int) -> dict[str, str] | None:
    if isinstance(exc, RateLimited):
        return {"Retry-After": str(exc.retry_after)}
    if status == 401:
        return {"WWW-Authenticate": "Bearer"}
    return None


async def _on_kept_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, KeptError)
    status, code = problem_for(exc)
    if status >= 500:
        log.error("%s: %s", code, exc)
    return problem_response(status, code, str(exc), _details(exc), _headers(exc, status))


async def _on_validation(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    fields = [
        {
            "where": ".".join(str(part) for part in error.get("loc", ())),
            "message": error.get("msg", "invalid"),
        }
        for error in exc.errors()
    ]
    summary = "; ".join(f"{f['where']}: {f['message']}" for f in fields) or "invalid input"
    return problem_response(422, "invalid_input", summary, fields)


async def _on_http(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = _HTTP_CODES.get(exc.status_code, f"http_{exc.status_code}")
    headers = dict(exc.headers) if exc.headers else None
    return problem_response(exc.status_code, code, str(exc.detail), headers=headers)


async def _on_unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    return problem_response(500, "internal_error", "an unexpected error occurred; see the log")
