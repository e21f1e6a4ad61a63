"""The cookie banner and the Global Privacy Control resource, for browsers (no API key).

- ``GET /consent/banner.js``: the banner script, built from the manifest's tracker inventory;
- ``GET /consent/banner/config``: the same configuration as JSON;
- ``POST /consent/banner/choice``: a visitor's choice, recorded in the consent ledger. The
  body is JSON sent as ``text/plain`` (a CORS "simple request": no preflight), no cookie is
  read or set, and the answer allows any origin, since the banner runs on the company's site;
  each client (:func:`kept.api.clients.client_address`) records at most 100 choices an hour
  (``kept serve --banner-limit``), then 429;
- ``GET /.well-known/gpc.json``: whether GPC is honoured (W3C GPC, §"Support resource").
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import JSONResponse

from kept.api.clients import BANNER_LIMIT, rate_limit
from kept.api.context import ApiContext, get_context
from kept.api.models import PROBLEMS, BannerChoiceOut, BannerConfigOut, GpcResource
from kept.api.problems import ApiError
from kept.api.routes.consent import gpc_signal, service_of
from kept.consent import ConsentService, banner_config, banner_script, record_choice
from kept.consent.banner import BANNER_PATH, CHOICE_PATH

__all__ = ["router"]

router = APIRouter(tags=["banner"], responses=PROBLEMS)

_CORS = {"Access-Control-Allow-Origin": "*", "Vary": "Origin"}
_MAX_BODY = 8 * 1024


def _endpoint(request: Request) -> str:
    return str(request.base_url).rstrip("/") + CHOICE_PATH


@router.get(
    BANNER_PATH,
    summary="The cookie banner script",
    response_class=Response,
    responses={200: {"content": {"text/javascript": {"schema": {"type": "string"}}}}},
)
def script(request: Request, context: ApiContext = Depends(get_context)) -> Response:
    text = banner_script(context.loaded.manifest, endpoint=_endpoint(request))
    return Response(
        text,
        media_type="text/javascript; charset=utf-8",
        headers={**_CORS, "Cache-Control": "no-cache"},
    )


@router.get(
    "/consent/banner/config",
    summary="The cookie banner's configuration",
    response_model=BannerConfigOut,
)
def config(request: Request, context: ApiContext = Depends(get_context)) -> JSONResponse:
    body = banner_config(context.loaded.manifest, endpoint=_endpoint(request))
    return JSONResponse(body, headers=_CORS)


@router.options(CHOICE_PATH, include_in_schema=False)
def preflight() -> Response:
    return Response(
        status_code=204,
        headers={
            **_CORS,
            "Access-Control-Allow-Methods": "POST",
            "Access-Control-Allow-Headers": "Content-Type",
            "Access-Control-Max-Age": "86400",
        },
    )


@router.post(
    CHOICE_PATH,
    summary="Record a visitor's banner choice (rate-limited per client)",
    dependencies=[Depends(rate_limit("banner", "banner choices", BANNER_LIMIT))],
    response_model=BannerChoiceOut,
)
async def choice(request: Request, service: ConsentService = Depends(service_of)) -> JSONResponse:
    raw = await request.body()
    if len(raw) > _MAX_BODY:
        raise ApiError(413, "too_large", f"the choice is larger than {_MAX_BODY} bytes")
    try:
        body: Any = json.loads(raw or b"{}")
    except ValueError:
        raise ApiError(422, "invalid_input", "the body must be a JSON object") from None
    if not isinstance(body, dict) or not isinstance(body.get("choices", {}), dict):
        raise ApiError(422, "invalid_input", "expected {visitor, version, choices: {...}}")
    gpc = body.get("gpc") is True or gpc_signal(request, service)
    written = record_choice(
        service,
        visitor=body.get("visitor", ""),
        choices=body.get("choices", {}),
        version=str(body["version"]) if body.get("version") else None,
        config_hash=str(body["config_hash"]) if body.get("config_hash") else None,
        gpc=gpc,
        evidence={"user_agent": request.headers.get("user-agent", "")[:200]},
    )
    answer = {"recorded": len(written), "gpc": gpc, "entries": [e.id for e in written]}
    return JSONResponse(answer, headers=_CORS)


@router.get(
    "/.well-known/gpc.json",
    summary="Global Privacy Control support resource",
    response_model=GpcResource,
)
def gpc_json(context: ApiContext = Depends(get_context)) -> JSONResponse:
    manifest = context.loaded.manifest
    notice = manifest.notice
    day = (notice.last_updated or notice.effective) if notice else None
    return JSONResponse(
        {"gpc": manifest.consent.gpc, "lastUpdate": (day or dt.date.today()).isoformat()},
        headers=_CORS,
    )
