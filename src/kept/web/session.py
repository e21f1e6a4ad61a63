"""Signed cookies: the person's request tokens and preference sign-in, the staff session.

A cookie's value is ``base64url(JSON).hex(HMAC-SHA256)`` under a key derived from Kept's
secret key for that cookie's use, with an expiry inside the signed part: it cannot be forged
or extended, and a stale one is ignored. The staff session also carries the CSRF token every
console form sends back.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from typing import Any

from fastapi import Request, Response

__all__ = ["SignedCookies", "new_csrf", "secure"]


class SignedCookies:
    """Sign, read and set cookies for one use (``label``) with ``secret``."""

    def __init__(self, secret: bytes, label: str) -> None:
        self._key = hmac.new(secret, f"kept.web.{label}".encode(), hashlib.sha256).digest()

    def dumps(self, payload: dict[str, Any], ttl_s: int) -> str:
        body = {**payload, "exp": int(time.time()) + ttl_s}
        raw = base64.urlsafe_b64encode(json.dumps(body, sort_keys=True).encode()).decode()
        return f"{raw}.{self._sign(raw)}"

    def loads(self, value: str | None) -> dict[str, Any] | None:
        if not value or "." not in value or len(value) > 4000:
            return None
        raw, _, signature = value.rpartition(".")
        if not hmac.compare_digest(self._sign(raw), signature):
            return None
        try:
            body = json.loads(base64.urlsafe_b64decode(raw.encode()))
        except (ValueError, UnicodeDecodeError):
            return None
        if not isinstance(body, dict) or int(body.get("exp", 0)) < time.time():
            return None
        return body

    def set(
        self,
        response: Response,
        request: Request,
        name: str,
        payload: dict[str, Any],
        ttl_s: int,
        *,
        path: str = "/",
    ) -> None:
        response.set_cookie(
            name,
            self.dumps(payload, ttl_s),
            max_age=ttl_s,
            path=path,
            httponly=True,
            samesite="strict",
            secure=secure(request),
        )

    def _sign(self, raw: str) -> str:
        return hmac.new(self._key, raw.encode(), hashlib.sha256).hexdigest()


def secure(request: Request) -> bool:
    """Whether the page was reached over TLS (directly, or behind a trusted proxy that said so:
    uvicorn's ``--forwarded-allow-ips`` sets the scheme)."""
    return request.url.scheme == "https"


def new_csrf() -> str:
    return secrets.token_urlsafe(24)
