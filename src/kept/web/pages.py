"""Rendering a page: the Jinja2 environment, the language, and the security headers.

Every page is served with a strict Content-Security-Policy (only Kept's own styles and
images; no script, no frame, forms post to Kept only), ``no-store`` when it shows a person's
or staff data, and no referrer.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse

from kept.web.i18n import pick_language, translator
from kept.web.templating import environment

__all__ = ["CSP", "HEADERS", "environment", "redirect", "render"]

CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}


def render(request: Request, template: str, status: int = 200, **values: Any) -> HTMLResponse:
    """``template`` rendered in the person's language, with the security headers."""
    language = pick_language(
        request.headers.get("accept-language"), request.query_params.get("lang")
    )
    page = (
        environment()
        .get_template(template)
        .render(
            t=translator(language),
            lang=language,
            today=dt.date.today(),
            path=request.url.path,
            **values,
        )
    )
    return HTMLResponse(page, status_code=status, headers=HEADERS)


def redirect(url: str) -> RedirectResponse:
    """POST-redirect-GET: ``303 See Other`` to ``url``."""
    return RedirectResponse(url, status_code=303, headers=HEADERS)
