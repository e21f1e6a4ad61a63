"""The console: the privacy team's pages, signed in with an existing API key.

Signing in checks the key once (:func:`kept.apikey.authenticate`) and sets a session cookie
(HttpOnly, SameSite=Strict, Secure behind TLS) naming the key, never holding it; every page
re-reads the key, so a revoked key ends its sessions. Every form carries the session's CSRF
token. Roles and tenants are the API's: a tenant admin sees only their tenant, a support
agent reads but cannot decide. Every action is the library call the API makes, audited with
the staff member's key as actor.
"""

from __future__ import annotations

import datetime as dt
import hmac
import json
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from kept.api.html.queue import OPEN, queue_page
from kept.api.routes._lifecycle import export_link, get_lifecycle
from kept.api.routes.consent import consent_service
from kept.apikey import Caller, Role, api_keys, authenticate
from kept.audit import AuditLog
from kept.errors import KeptError
from kept.execution.identity import Identity
from kept.execution.retention import holds as legal_holds
from kept.requests import Kind, Lifecycle, State
from kept.requests.plan import approve_plan, preview
from kept.requests.states import DENIAL_REASONS
from kept.web.forms import Form, read_form
from kept.web.pages import redirect, render
from kept.web.session import SignedCookies, new_csrf
from kept.web.words import notice_words

__all__ = ["router"]

router = APIRouter(prefix="/console", include_in_schema=False)

DECIDERS = frozenset({Role.ADMIN, Role.PRIVACY_OFFICER, Role.TENANT_ADMIN})
_SESSION_TTL = 8 * 3600
_COOKIE = "kept_console"


def _lifecycle(request: Request) -> Lifecycle:
    return get_lifecycle(request, request.app.state.kept)


def _cookies(request: Request) -> SignedCookies:
    return SignedCookies(_lifecycle(request).secret(), "console")


def _caller(request: Request) -> tuple[Caller, str] | None:
    """The signed-in staff member and the session's CSRF token, or None."""
    session = _cookies(request).loads(request.cookies.get(_COOKIE))
    if session is None:
        return None
    with _lifecycle(request).control.connect() as conn:
        row = conn.execute(
            sa.select(api_keys).where(api_keys.c.id == str(session.get("key")))
        ).one_or_none()
    if row is None or row.revoked_at is not None:
        return None
    return Caller(row.id, row.name, Role(row.role), row.tenant), str(session["csrf"])


def _page(request: Request, template: str, staff: tuple[Caller, str], **values: Any) -> Response:
    caller, csrf = staff
    loaded = request.app.state.kept.loaded
    return render(
        request,
        template,
        words=notice_words(loaded.manifest),
        caller=caller,
        csrf=csrf,
        decider=caller.role in DECIDERS,
        tenant=None,
        **values,
    )


def _refuse(request: Request, staff: tuple[Caller, str], status: int, message: str) -> Response:
    return _page(request, "console/message.html", staff, status=status, message=message)


# -- signing in ----------------------------------------------------------------------------


@router.get("/sign-in", response_class=HTMLResponse)
def sign_in_form(request: Request) -> Response:
    return render(
        request,
        "console/sign_in.html",
        words=notice_words(request.app.state.kept.loaded.manifest),
        tenant=None,
        error=None,
    )


@router.post("/sign-in", response_class=HTMLResponse)
async def sign_in(request: Request) -> Response:
    form = await read_form(request)
    lifecycle = _lifecycle(request)
    try:
        caller = await run_in_threadpool(authenticate, lifecycle.control, form.get("key"))
    except KeptError:
        return render(
            request,
            "console/sign_in.html",
            status=401,
            words=notice_words(request.app.state.kept.loaded.manifest),
            tenant=None,
            error="That key is not valid.",
        )
    lifecycle.audit.append(caller.actor, "console.sign_in", tenant=caller.tenant, details={})
    response = redirect("/console")
    _cookies(request).set(
        response,
        request,
        _COOKIE,
        {"key": caller.key_id, "csrf": new_csrf()},
        _SESSION_TTL,
        path="/console",
    )
    return response


@router.post("/sign-out", response_class=HTMLResponse)
async def sign_out(request: Request) -> Response:
    response = redirect("/console/sign-in")
    response.delete_cookie(_COOKIE, path="/console")
    return response


async def _post(request: Request) -> tuple[tuple[Caller, str] | None, Form | None, Response | None]:
    """The staff member and form of a console POST, or the response refusing it."""
    staff = _caller(request)
    if staff is None:
        return None, None, redirect("/console/sign-in")
    form = await read_form(request)
    if not hmac.compare_digest(staff[1], form.get("csrf")):
        return staff, None, _refuse(request, staff, 403, "This form has expired; reload the page.")
    return staff, form, None


# -- the queue -----------------------------------------------------------------------------


@router.get("", response_class=HTMLResponse)
def queue(request: Request) -> Response:
    staff = _caller(request)
    if staff is None:
        return redirect("/console/sign-in")
    caller = staff[0]
    query = request.query_params
    state = query.get("state", OPEN)
    kind = query.get("kind") or None
    tenant = caller.tenant if caller.role.tenant_scoped else (query.get("tenant") or None)
    if state not in (OPEN, "", *(s.value for s in State)) or kind not in (
        None,
        *(k.value for k in Kind),
    ):
        return _refuse(request, staff, 400, "Unknown state or kind.")
    lifecycle = _lifecycle(request)
    page = queue_page(
        lifecycle.control,
        lifecycle.organization,
        state=state or None,
        kind=kind,
        tenant=tenant,
        after=query.get("after") or None,
    )
    filters = {"state": state, "kind": kind or "", "tenant": tenant or ""}
    return _page(
        request,
        "console/queue.html",
        staff,
        page=page,
        filters=filters,
        states=[OPEN, *(s.value for s in State)],
        kinds=[k.value for k in Kind],
    )


# -- one request ---------------------------------------------------------------------------


def _visible(request: Request, staff: tuple[Caller, str], request_id: str) -> Any:
    try:
        record = _lifecycle(request).get(request_id)
    except KeptError:
        return None
    return record if staff[0].may_see(record.tenant) else None


@router.get("/requests/{request_id}", response_class=HTMLResponse)
def request_page(request: Request, request_id: str) -> Response:
    staff = _caller(request)
    if staff is None:
        return redirect("/console/sign-in")
    record = _visible(request, staff, request_id)
    if record is None:
        return _refuse(request, staff, 404, f"No request {request_id}.")
    lifecycle = _lifecycle(request)
    decider = staff[0].role in DECIDERS
    timeline = lifecycle.receipts(request_id) if decider else []
    link = None
    if decider and record.kind.has_export and lifecycle.has_export(request_id):
        link = export_link(lifecycle, request_id)
    return _page(
        request,
        "console/request.html",
        staff,
        record=record,
        timeline=timeline,
        link=link,
        reasons=DENIAL_REASONS,
        done=request.query_params.get("done", ""),
        json=json,
    )


@router.get("/requests/{request_id}/dry-run", response_class=HTMLResponse)
async def dry_run(request: Request, request_id: str) -> Response:
    """What an erasure would do, per table, with the ground of every row it keeps (audited)."""
    staff = _caller(request)
    if staff is None:
        return redirect("/console/sign-in")
    record = _visible(request, staff, request_id)
    if record is None or record.kind is not Kind.ERASURE:
        return _refuse(request, staff, 404, f"No erasure request {request_id}.")
    lifecycle = _lifecycle(request)
    try:
        receipt = await run_in_threadpool(preview, lifecycle, record.id, staff[0].actor)
    except KeptError as exc:
        return _refuse(request, staff, 409, str(exc))
    return _page(request, "console/dry_run.html", staff, record=record, receipt=receipt)


_ACTIONS = ("approve", "deny", "extend", "pause", "resume")


@router.post("/requests/{request_id}/{action}", response_class=HTMLResponse)
async def act(request: Request, request_id: str, action: str) -> Response:
    staff, form, refused = await _post(request)
    if refused is not None or staff is None or form is None:
        return refused or redirect("/console/sign-in")
    if action not in _ACTIONS:
        return _refuse(request, staff, 404, "No such action.")
    caller = staff[0]
    if caller.role not in DECIDERS:
        return _refuse(request, staff, 403, f"A {caller.role.value} may not {action} requests.")
    record = _visible(request, staff, request_id)
    if record is None:
        return _refuse(request, staff, 404, f"No request {request_id}.")
    lifecycle = _lifecycle(request)
    actor = caller.actor
    plan = form.get("plan")
    calls: dict[str, Callable[[], object]] = {
        "approve": lambda: (
            approve_plan(lifecycle, request_id, plan, actor=actor)
            if plan
            else lifecycle.approve(request_id, actor=actor)
        ),
        "deny": lambda: lifecycle.deny(
            request_id, form.get("reason_code"), actor=actor, note=form.get("note") or None
        ),
        "extend": lambda: lifecycle.extend(request_id, form.get("reason"), actor=actor),
        "pause": lambda: lifecycle.pause(request_id, form.get("reason"), actor=actor),
        "resume": lambda: lifecycle.resume(request_id, actor=actor),
    }
    try:
        await run_in_threadpool(calls[action])
    except KeptError as exc:
        return _refuse(request, staff, 409, str(exc))
    return redirect(f"/console/requests/{request_id}?done={action}")


# -- retention, consent, check, audit --------------------------------------------------------


@router.get("/retention", response_class=HTMLResponse)
def retention(request: Request) -> Response:
    staff = _caller(request)
    if staff is None:
        return redirect("/console/sign-in")
    from kept.retention.report import describe_rule, retention_report

    lifecycle = _lifecycle(request)
    manifest = lifecycle.loaded.manifest
    schedule = manifest.retention.schedule
    next_sweep = None
    if schedule:
        from croniter import croniter

        next_sweep = croniter(schedule, dt.datetime.now(dt.UTC)).get_next(dt.datetime)
    caller = staff[0]
    holds = [
        h
        for h in legal_holds.active_holds(lifecycle.control)
        if not caller.role.tenant_scoped or h.tenant == caller.tenant
    ]
    receipts = _retention_receipts(lifecycle, caller)
    return _page(
        request,
        "console/retention.html",
        staff,
        rules=[(r, describe_rule(r)) for r in manifest.retention.rules],
        report=retention_report(manifest),
        schedule=schedule,
        next_sweep=next_sweep,
        holds=holds,
        receipts=receipts,
        datasets=[d.fides_key for d in manifest.dataset],
        done=request.query_params.get("done", ""),
    )


@router.post("/retention/holds", response_class=HTMLResponse)
async def place(request: Request) -> Response:
    staff, form, refused = await _post(request)
    if refused is not None or staff is None or form is None:
        return refused or redirect("/console/sign-in")
    caller = staff[0]
    if caller.role not in DECIDERS:
        return _refuse(request, staff, 403, f"A {caller.role.value} may not place holds.")
    lifecycle = _lifecycle(request)
    scope = form.get("scope")
    identities = []
    if scope == "person":
        kind, _, value = form.get("identity").partition("=")
        identities = [Identity(kind.strip(), value.strip())]
    tenant = form.get("tenant") or None
    if caller.role.tenant_scoped and (scope != "tenant" or tenant != caller.tenant):
        return _refuse(request, staff, 403, "A tenant admin holds their own tenant only.")
    ends = form.get("ends_on")
    try:
        await run_in_threadpool(
            lambda: legal_holds.place_hold(
                lifecycle.control,
                reason=form.get("reason"),
                identities=identities,
                tenant=tenant if scope == "tenant" else None,
                dataset=form.get("dataset") if scope == "dataset" else None,
                ends_on=dt.date.fromisoformat(ends) if ends else None,
                actor=caller.actor,
                manifest=lifecycle.loaded.manifest,
            )
        )
    except (KeptError, ValueError) as exc:
        return _refuse(request, staff, 400, str(exc))
    return redirect("/console/retention?done=placed")


@router.post("/retention/holds/{hold_id}/release", response_class=HTMLResponse)
async def release(request: Request, hold_id: str) -> Response:
    staff, form, refused = await _post(request)
    if refused is not None or staff is None or form is None:
        return refused or redirect("/console/sign-in")
    caller = staff[0]
    if caller.role not in DECIDERS:
        return _refuse(request, staff, 403, f"A {caller.role.value} may not release holds.")
    lifecycle = _lifecycle(request)
    held = {h.id: h for h in legal_holds.active_holds(lifecycle.control)}.get(hold_id)
    if held is None or (caller.role.tenant_scoped and held.tenant != caller.tenant):
        return _refuse(request, staff, 404, f"No hold {hold_id}.")
    try:
        await run_in_threadpool(
            lambda: legal_holds.release_hold(
                lifecycle.control, hold_id, reason=form.get("reason"), actor=caller.actor
            )
        )
    except KeptError as exc:
        return _refuse(request, staff, 400, str(exc))
    return redirect("/console/retention?done=released")


@router.get("/consent", response_class=HTMLResponse)
def consent(request: Request) -> Response:
    staff = _caller(request)
    if staff is None:
        return redirect("/console/sign-in")
    if staff[0].role.tenant_scoped:
        # The ledger is organisation-wide, as in the API: not a tenant's to read.
        return _refuse(request, staff, 403, "Consent is organisation-wide: not for tenant keys.")
    subject = request.query_params.get("subject", "").strip()[:400]
    found = None
    error = None
    if subject:
        try:
            found = consent_service(request.app).export(subject)
        except KeptError as exc:
            error = str(exc)
    return _page(request, "console/consent.html", staff, subject=subject, found=found, error=error)


@router.get("/check", response_class=HTMLResponse)
async def check(request: Request) -> Response:
    staff = _caller(request)
    if staff is None:
        return redirect("/console/sign-in")
    if staff[0].role.tenant_scoped:
        return _refuse(request, staff, 403, "kept check covers every tenant: not for tenant keys.")
    from kept.check import run_check

    loaded = request.app.state.kept.loaded
    report = await run_in_threadpool(run_check, loaded)
    return _page(request, "console/check.html", staff, report=report)


def _retention_receipts(lifecycle: Lifecycle, caller: Caller) -> list[Any]:
    """The last 20 retention entries of the audit log (the caller's tenant's, if scoped)."""
    from kept.control import audit_log

    stmt = (
        sa.select(audit_log.c.seq, audit_log.c.created_at, audit_log.c.action, audit_log.c.actor)
        .where(audit_log.c.action.like("retention.%"))
        .order_by(audit_log.c.seq.desc())
        .limit(20)
    )
    if caller.role.tenant_scoped:
        stmt = stmt.where(audit_log.c.tenant == caller.tenant)
    with lifecycle.control.connect() as conn:
        return list(conn.execute(stmt).all())


def _recent(lifecycle: Lifecycle, caller: Caller, count: int) -> list[Any]:
    log = AuditLog(lifecycle.control)
    with lifecycle.control.connect() as conn:
        from kept.control import audit_log

        head = conn.execute(sa.select(sa.func.max(audit_log.c.seq))).scalar() or 0
    tenant = caller.tenant if caller.role.tenant_scoped else None
    return list(log.entries(since=max(0, head - count), limit=count, tenant=tenant))


@router.get("/audit", response_class=HTMLResponse)
async def audit(request: Request) -> Response:
    staff = _caller(request)
    if staff is None:
        return redirect("/console/sign-in")
    caller = staff[0]
    if caller.role not in DECIDERS:
        return _refuse(request, staff, 403, f"A {caller.role.value} may not read the audit log.")
    lifecycle = _lifecycle(request)
    verification = await run_in_threadpool(AuditLog(lifecycle.control).verify)
    entries = list(reversed(_recent(lifecycle, caller, 100)))
    return _page(
        request,
        "console/audit.html",
        staff,
        entries=entries,
        verification=verification,
        json=json,
    )
