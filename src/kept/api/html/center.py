"""The privacy center: the pages a person uses, from the manifest alone, without JavaScript.

``/privacy`` is the notice in plain words; ``/privacy/request`` makes a request for any right
the manifest grants, then asks for the e-mailed code; ``/privacy/requests/{id}`` follows it
and links the export; ``/privacy/preferences`` shows and changes the person's consents and
opt-outs after an e-mailed code (recorded with source ``privacy_center``). Every form posts
and redirects (POST-redirect-GET). The same library calls as the JSON API: :class:`Lifecycle`
for requests, :class:`ConsentService` for choices. The request's token, shown once by the
API, lives here in an HttpOnly cookie scoped to the request's pages.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from kept.api.routes._lifecycle import export_link, get_lifecycle
from kept.api.routes.consent import consent_service
from kept.consent import ConsentService
from kept.control import write_transaction
from kept.errors import KeptError
from kept.execution.identity import Identity
from kept.manifest.consent import MessageKind
from kept.manifest.models import LegalBasis
from kept.requests import Kind, Lifecycle, RateLimit, State
from kept.requests.verification import bucket, hit
from kept.web.forms import read_form
from kept.web.pages import redirect, render
from kept.web.session import SignedCookies, new_csrf
from kept.web.words import REQUEST_KINDS, notice_words, plain

__all__ = ["PRIVACY_CENTER", "router"]

router = APIRouter(include_in_schema=False)

PRIVACY_CENTER = "privacy_center"
"""The consent ledger's source for choices made on the preferences page."""

_REQUEST_ID = r"^req_[0-9a-f]{16}$"
_TOKEN_TTL = 90 * 24 * 3600
_PREFS_TTL = 30 * 60
_CODE_TTL = 15 * 60
_CODE_LIMIT = RateLimit(5, dt.timedelta(hours=1))
_CHANGEABLE = (LegalBasis.CONSENT, LegalBasis.LEGITIMATE_INTERESTS, LegalBasis.PUBLIC_INTEREST)


def _lifecycle(request: Request) -> Lifecycle:
    return get_lifecycle(request, request.app.state.kept)


def _cookies(request: Request, label: str) -> SignedCookies:
    return SignedCookies(_lifecycle(request).secret(), label)


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _tenant(request: Request) -> str | None:
    tenant = request.query_params.get("tenant", "").strip()
    return tenant[:255] or None


def _common(request: Request) -> dict[str, Any]:
    loaded = request.app.state.kept.loaded
    return {"words": notice_words(loaded.manifest), "tenant": _tenant(request)}


@router.get("/", include_in_schema=False)
def home() -> RedirectResponse:
    return redirect("/privacy")


@router.get("/privacy", response_class=HTMLResponse)
def notice(request: Request) -> HTMLResponse:
    return render(request, "center/notice.html", **_common(request))


# -- requests -------------------------------------------------------------------------------


def _kinds(request: Request) -> list[str]:
    words = notice_words(request.app.state.kept.loaded.manifest)
    return words.request_kinds


@router.get("/privacy/request", response_class=HTMLResponse)
def request_form(request: Request) -> HTMLResponse:
    return _request_page(request, {})


def _request_page(
    request: Request, values: dict[str, str], error: str | None = None
) -> HTMLResponse:
    manifest = request.app.state.kept.loaded.manifest
    kinds = _kinds(request)
    chosen = values.get("kind") or request.query_params.get("kind") or ""
    return render(
        request,
        "center/request.html",
        status=400 if error else 200,
        kinds=[(k, REQUEST_KINDS[k]) for k in kinds],
        chosen=chosen if chosen in kinds else (kinds[0] if kinds else ""),
        purposes=[(p.key, p.name) for p in manifest.purposes],
        values=values,
        error=error,
        **_common(request),
    )


@router.post("/privacy/request", response_class=HTMLResponse)
async def submit(request: Request) -> Response:
    form = await read_form(request)
    kind, email = form.get("kind"), form.get("email")
    values = {
        "kind": kind,
        "email": email,
        "changes": form.get("changes"),
        "reason": form.get("reason"),
    }
    if kind not in _kinds(request):
        return _request_page(request, values, "Choose what you want to ask for.")
    if "@" not in email or len(email) > 320:
        return _request_page(request, values, "Enter your e-mail address.")
    changes = [line.strip() for line in form.get("changes").splitlines() if line.strip()]
    lifecycle = _lifecycle(request)
    try:
        submitted = await run_in_threadpool(
            lifecycle.submit,
            Kind(kind),
            [Identity("email", email)],
            contact=email,
            tenant=form.get("tenant") or None,
            client=_client(request),
            changes=changes if kind == Kind.RECTIFICATION else [],
            purposes=form.all("purpose") if kind in (Kind.RESTRICTION, Kind.OBJECTION) else [],
            reason=form.get("reason") or None,
        )
    except KeptError as exc:
        return _request_page(request, values, str(exc))
    request_id = submitted.record.id
    response = redirect(f"/privacy/requests/{request_id}/verify")
    _cookies(request, "request").set(
        response,
        request,
        "kept_request",
        {"id": request_id, "token": submitted.token},
        _TOKEN_TTL,
        path=f"/privacy/requests/{request_id}",
    )
    return response


def _token(request: Request, request_id: str) -> str | None:
    payload = _cookies(request, "request").loads(request.cookies.get("kept_request"))
    if payload is None or payload.get("id") != request_id:
        return None
    token = payload.get("token")
    return token if isinstance(token, str) else None


def _not_found(request: Request) -> HTMLResponse:
    return render(
        request,
        "center/error.html",
        status=404,
        message=(
            "We cannot show this request in this browser. Open it in the browser you made it "
            "in, or make a new request."
        ),
        **_common(request),
    )


@router.get("/privacy/requests/{request_id}/verify", response_class=HTMLResponse)
def verify_form(request: Request, request_id: str) -> HTMLResponse:
    if _token(request, request_id) is None:
        return _not_found(request)
    return render(
        request,
        "center/verify.html",
        request_id=request_id,
        error=None,
        sent=request.query_params.get("sent") == "1",
        **_common(request),
    )


@router.post("/privacy/requests/{request_id}/verify", response_class=HTMLResponse)
async def verify(request: Request, request_id: str) -> Response:
    token = _token(request, request_id)
    if token is None:
        return _not_found(request)
    form = await read_form(request)
    lifecycle = _lifecycle(request)
    try:
        await run_in_threadpool(
            lifecycle.verify,
            request_id,
            form.get("code")[:12],
            token=token,
            client=_client(request),
        )
    except KeptError as exc:
        return render(
            request,
            "center/verify.html",
            status=400,
            request_id=request_id,
            error=str(exc),
            sent=False,
            **_common(request),
        )
    return redirect(f"/privacy/requests/{request_id}")


@router.post("/privacy/requests/{request_id}/code", response_class=HTMLResponse)
async def resend(request: Request, request_id: str) -> Response:
    token = _token(request, request_id)
    if token is None:
        return _not_found(request)
    lifecycle = _lifecycle(request)
    try:
        await run_in_threadpool(lifecycle.resend_code, request_id, token, client=_client(request))
    except KeptError as exc:
        return render(
            request,
            "center/verify.html",
            status=400,
            request_id=request_id,
            error=str(exc),
            sent=False,
            **_common(request),
        )
    return redirect(f"/privacy/requests/{request_id}/verify?sent=1")


@router.get("/privacy/requests/{request_id}", response_class=HTMLResponse)
def status(request: Request, request_id: str) -> HTMLResponse:
    token = _token(request, request_id)
    if token is None:
        return _not_found(request)
    lifecycle = _lifecycle(request)
    try:
        record = lifecycle.with_token(request_id, token)
    except KeptError:
        return _not_found(request)
    if record.state is State.RECEIVED:
        return redirect(f"/privacy/requests/{request_id}/verify")  # type: ignore[return-value]
    has_export = (
        record.state is State.COMPLETED
        and record.kind.has_export
        and lifecycle.has_export(request_id)
    )
    return render(
        request, "center/status.html", record=record, has_export=has_export, **_common(request)
    )


@router.get("/privacy/requests/{request_id}/export", response_class=HTMLResponse)
def export_page(request: Request, request_id: str) -> HTMLResponse:
    token = _token(request, request_id)
    if token is None:
        return _not_found(request)
    lifecycle = _lifecycle(request)
    try:
        record = lifecycle.with_token(request_id, token)
    except KeptError:
        return _not_found(request)
    link = None
    if record.state is State.COMPLETED and lifecycle.has_export(request_id):
        link = export_link(lifecycle, request_id)
    return render(request, "center/export.html", record=record, link=link, **_common(request))


# -- preferences ----------------------------------------------------------------------------


def _service(request: Request) -> ConsentService:
    return consent_service(request.app)


def _prefs(request: Request) -> dict[str, Any] | None:
    return _cookies(request, "preferences").loads(request.cookies.get("kept_preferences"))


def _code_hash(request: Request, email: str, code: str) -> str:
    key = _lifecycle(request).secret()
    return hmac.new(
        key, f"kept.web.code:{email.casefold()}:{code}".encode(), hashlib.sha256
    ).hexdigest()


def _choices(request: Request, email: str) -> list[dict[str, Any]]:
    """What the person can change: consent and interest-based purposes, and the opt-outs."""
    service = _service(request)
    manifest = service.manifest
    state = service.state(f"email={email}")
    messages: dict[str, list[str]] = {}
    for m in manifest.consent.messages:
        if m.purpose and m.kind is MessageKind.MARKETING:
            messages.setdefault(m.purpose, []).append(plain(m.name or m.key))
    choices: list[dict[str, Any]] = []
    for purpose in manifest.purposes:
        if purpose.legal_basis not in _CHANGEABLE:
            continue
        choices.append(
            {
                "name": f"purpose:{purpose.key}",
                "label": purpose.name,
                "description": plain(purpose.description),
                "marketing": ", ".join(messages.get(purpose.key, [])) or None,
                "on": bool(state["purposes"][purpose.key]["allowed"]),
                "kind": "purpose",
            }
        )
    for opt in manifest.consent.opt_outs:
        choices.append(
            {
                "name": f"opt_out:{opt.key}",
                "label": plain(opt.name) or opt.key.replace("_", " ").capitalize(),
                "description": "",
                "marketing": None,
                "on": state["opt_outs"].get(opt.key) == "opted_out",
                "kind": "opt_out",
            }
        )
    return choices


@router.get("/privacy/preferences", response_class=HTMLResponse)
async def preferences(request: Request) -> HTMLResponse:
    session = _prefs(request)
    if session is None:
        return render(request, "center/preferences_sign_in.html", error=None, **_common(request))
    choices = await run_in_threadpool(_choices, request, session["email"])
    return render(
        request,
        "center/preferences.html",
        choices=choices,
        csrf=session["csrf"],
        saved=request.query_params.get("saved") == "1",
        **_common(request),
    )


@router.post("/privacy/preferences/sign-in", response_class=HTMLResponse)
async def preferences_sign_in(request: Request) -> Response:
    form = await read_form(request)
    email = form.get("email")
    if "@" not in email or len(email) > 320:
        return render(
            request,
            "center/preferences_sign_in.html",
            status=400,
            error="Enter your e-mail address.",
            **_common(request),
        )
    code = f"{secrets.randbelow(10**6):06d}"
    lifecycle = _lifecycle(request)
    name = lifecycle.organization.name if lifecycle.organization else "Kept"

    def send() -> None:
        secret = lifecycle.secret()
        with write_transaction(lifecycle.control) as conn:
            now = lifecycle.clock()
            hit(
                conn,
                bucket(secret, "client", _client(request)),
                lifecycle.client_limit,
                "sign-ins from this client",
                now,
            )
            hit(conn, bucket(secret, "prefs", email), _CODE_LIMIT, "codes to this address", now)
        lifecycle.mailer.send(
            email,
            f"Your code for your privacy choices at {name}: {code}",
            f"Someone, hopefully you, asked to see the privacy choices of this address at "
            f"{name}.\n\nYour verification code is: {code}\n\nIt expires in "
            f"{_CODE_TTL // 60} minutes. If you did not ask, ignore this message.\n",
        )

    try:
        await run_in_threadpool(send)
    except KeptError as exc:
        return render(
            request,
            "center/preferences_sign_in.html",
            status=400,
            error=str(exc),
            **_common(request),
        )
    response = redirect("/privacy/preferences/verify")
    _cookies(request, "preferences-code").set(
        response,
        request,
        "kept_preferences_code",
        {"email": email, "hash": _code_hash(request, email, code)},
        _CODE_TTL,
        path="/privacy/preferences",
    )
    return response


@router.get("/privacy/preferences/verify", response_class=HTMLResponse)
def preferences_verify_form(request: Request) -> HTMLResponse:
    return render(request, "center/preferences_verify.html", error=None, **_common(request))


@router.post("/privacy/preferences/verify", response_class=HTMLResponse)
async def preferences_verify(request: Request) -> Response:
    form = await read_form(request)
    pending = _cookies(request, "preferences-code").loads(
        request.cookies.get("kept_preferences_code")
    )
    error = None
    if pending is None:
        error = "The code has expired; ask for a new one."
    else:
        lifecycle = _lifecycle(request)
        email = str(pending["email"])

        def attempt() -> None:
            with write_transaction(lifecycle.control) as conn:
                hit(
                    conn,
                    bucket(lifecycle.secret(), "prefs-try", email),
                    _CODE_LIMIT,
                    "attempts for this address",
                    lifecycle.clock(),
                )

        try:
            await run_in_threadpool(attempt)
        except KeptError as exc:
            error = str(exc)
        else:
            expected = str(pending["hash"])
            if not hmac.compare_digest(expected, _code_hash(request, email, form.get("code"))):
                error = "That code is not right; check the latest e-mail."
    if error is not None:
        return render(
            request,
            "center/preferences_verify.html",
            status=400,
            error=error,
            **_common(request),
        )
    response = redirect("/privacy/preferences")
    response.delete_cookie("kept_preferences_code", path="/privacy/preferences")
    _cookies(request, "preferences").set(
        response,
        request,
        "kept_preferences",
        {"email": str(pending["email"]) if pending else "", "csrf": new_csrf()},
        _PREFS_TTL,
        path="/privacy/preferences",
    )
    return response


@router.post("/privacy/preferences", response_class=HTMLResponse)
async def save_preferences(request: Request) -> Response:
    session = _prefs(request)
    if session is None:
        return redirect("/privacy/preferences")
    form = await read_form(request)
    if not hmac.compare_digest(str(session["csrf"]), form.get("csrf")):
        return render(
            request,
            "center/error.html",
            status=403,
            message="This form has expired; open the page again.",
            **_common(request),
        )
    email = str(session["email"])
    service = _service(request)
    subject = f"email={email}"
    how = {
        "source": PRIVACY_CENTER,
        "actor": "subject",
        "evidence": {"page": "/privacy/preferences"},
    }

    def save() -> None:
        for choice in _choices(request, email):
            wanted = form.has(choice["name"])
            if wanted == choice["on"]:
                continue
            key = choice["name"].partition(":")[2]
            if choice["kind"] == "purpose":
                (service.grant if wanted else service.withdraw)(subject, key, **how)
            else:
                (service.opt_out if wanted else service.opt_in)(subject, key, **how)

    try:
        await run_in_threadpool(save)
    except KeptError as exc:
        return render(
            request, "center/error.html", status=400, message=str(exc), **_common(request)
        )
    return redirect("/privacy/preferences?saved=1")


@router.post("/privacy/preferences/sign-out", response_class=HTMLResponse)
def preferences_sign_out() -> Response:
    response = redirect("/privacy")
    response.delete_cookie("kept_preferences", path="/privacy/preferences")
    return response
