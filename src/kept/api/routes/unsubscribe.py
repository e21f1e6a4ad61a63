"""One-click unsubscribe (RFC 8058): ``POST /unsubscribe/{token}`` withdraws the consent.

The POST needs no cookie, login or other context, answers 200 without redirect, and is
idempotent: a repeated POST changes nothing more. A forged, tampered or garbled token answers
400 ``token_invalid``. ``GET`` shows a confirmation page with a button that sends the same
POST; it changes nothing by itself (mail scanners follow links). A browser's POST (one that
accepts ``text/html``) gets the privacy center's page saying it is done, not the JSON.
"""

from __future__ import annotations

import re

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from kept.api.models import PROBLEMS, PROBLEMS_AS_JSON, Unsubscribed
from kept.api.problems import ApiError
from kept.api.routes.consent import service_of
from kept.consent import ONE_CLICK, ConsentService, unsubscribe
from kept.consent.messages import verify_token
from kept.errors import ConsentError
from kept.web.pages import render
from kept.web.words import notice_words

__all__ = ["router"]

router = APIRouter(tags=["unsubscribe"], responses=PROBLEMS)

_NO_STORE = {"Cache-Control": "no-store"}
_MULTIPART = re.compile(r'name="?List-Unsubscribe"?[^\n]*\r?\n(?:[^\n]*\r?\n)*?\r?\nOne-Click\r?\n')


@router.post(
    "/unsubscribe/{token}",
    summary="One-click unsubscribe (RFC 8058)",
    response_model=Unsubscribed,
    responses={200: {"content": {"text/html": {"schema": {"type": "string"}}}}},
)
async def one_click(
    token: str, request: Request, service: ConsentService = Depends(service_of)
) -> Response:
    body = (await request.body())[:4096].decode("utf-8", "replace")
    if not _one_click(body):
        raise ApiError(400, "one_click_missing", f"the POST body must be {ONE_CLICK!r} (RFC 8058)")
    try:
        verified, entry = unsubscribe(service, token)
    except ConsentError as exc:
        raise ApiError(400, "token_invalid", str(exc)) from None
    if "text/html" in request.headers.get("accept", ""):
        return _page(request, service, verified.message_class, done=True)
    return JSONResponse(
        {
            "unsubscribed": True,
            "changed": entry is not None,
            "purpose": verified.purpose,
            "message_class": verified.message_class,
        },
        headers=_NO_STORE,
    )


def _one_click(body: str) -> bool:
    """Whether the body carries ``List-Unsubscribe=One-Click``, form-urlencoded or as the
    ``multipart/form-data`` of RFC 8058's own example."""
    if ONE_CLICK in body.strip().split("&"):
        return True
    return _MULTIPART.search(body) is not None


@router.get(
    "/unsubscribe/{token}",
    summary="Unsubscribe confirmation page (changes nothing)",
    response_class=HTMLResponse,
    responses=PROBLEMS_AS_JSON,
)
def confirm_page(
    token: str, request: Request, service: ConsentService = Depends(service_of)
) -> HTMLResponse:
    try:
        verified = verify_token(service.signing_key("unsubscribe.v1"), token)
    except ConsentError as exc:
        raise ApiError(400, "token_invalid", str(exc)) from None
    return _page(request, service, verified.message_class, done=False)


def _page(
    request: Request, service: ConsentService, message_class: str, *, done: bool
) -> HTMLResponse:
    name = service.config.message(message_class)
    label = (name.name if name and name.name else None) or message_class
    return render(
        request,
        "center/unsubscribe.html",
        words=notice_words(service.manifest),
        tenant=None,
        label=label,
        done=done,
    )
