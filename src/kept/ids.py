"""Identifiers Kept makes: a prefix naming what it is and random hex digits.

Every rights request, whichever way it comes in (``kept request``, the HTTP API, the privacy
center, a batch file without ids), gets its id from :func:`new_request_id`: ``req_`` and 16
hex digits (64 random bits).
"""

from __future__ import annotations

import secrets

__all__ = ["REQUEST_ID_DIGITS", "new_id", "new_request_id"]

REQUEST_ID_DIGITS = 16


def new_id(prefix: str, digits: int = 16) -> str:
    """``prefix_`` and ``digits`` random hex digits."""
    return f"{prefix}_{secrets.token_hex((digits + 1) // 2)[:digits]}"


def new_request_id() -> str:
    """A new rights request's id: ``req_`` and 16 hex digits."""
    return new_id("req", REQUEST_ID_DIGITS)
