"""One-click unsubscribe (RFC 8058): ``POST /unsubscribe/{token}`` withdraws the consent.

The POST needs no cookie, login or other context, answers 200 without redirect, and is
idempotent: a repeated POST changes nothing more. A forged, tampered or garbled token answers
400 ``token_invalid``. ``GET`` shows a confirmation page with a button that sends the same
POST; it changes nothing by itself (mail scanners follow links).
"""

from __future__ import annotations

import html
import re

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse

from kept.api.problems import ApiError
from kept.api.routes.consent import service_of
from kept.consent import ONE_CLICK, ConsentService, unsubscribe
from kept.consent.messages import verify_token
from kept.errors import ConsentError

__all__ = ["router"]

router = APIRouter(tags=["unsubscribe"])

_NO_STORE = {"Cache-Control": "no-store"}
_MULTIPART = re.compile(r'name="?List-Unsubscribe"?[^\n]*\r?\n(?:[^\n]*\r?\n)*?\r?\nOne-Click\r?\n')


@router.post("/unsubscribe/{token}", summary="One-click unsubscribe (RFC 8058)")
async def one_click(
    token: str, request: Request, service: ConsentService = Depends(service_of)
) -> JSONResponse:
    body = (await request.body())[:4096].decode("utf-8", "replace")
    if not _one_click(body):
        raise ApiError(400, "one_click_missing", f"the POST body must be {ONE_CLICK!r} (RFC 8058)")
    try:
        verified, entry = unsubscribe(service, token)
    except ConsentError as exc:
        raise ApiError(400, "token_invalid", str(exc)) from None
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


@router.get("/unsubscribe/{token}", summary="Unsubscribe confirmation page (changes nothing)")
def confirm_page(token: str, service: ConsentService = Depends(service_of)) -> HTMLResponse:
    try:
        verified = verify_token(service.signing_key("unsubscribe.v1"), token)
    except ConsentError as exc:
        raise ApiError(400, "token_invalid", str(exc)) from None
    name = service.config.message(verified.message_class)
    label = html.escape((name.name if name and name.name else None) or verified.message_class)
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Unsubscribe</title></head>
<body><h1>Unsubscribe</h1>
<p>Stop receiving <strong>{label}</strong>?</p>
<form method="post" action="">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit">Unsubscribe</button></form></body></html>"""
    return HTMLResponse(page, headers=_NO_STORE)
