"""The lifecycle's tables in the control-plane database (migrations 0006, 0007, 0008, 0010,
0012), declared with every other table in :mod:`kept.control.schema`."""

from __future__ import annotations

from kept.control.schema import rate_buckets, rate_hits, request_codes, request_exports, requests

__all__ = ["rate_buckets", "rate_hits", "request_codes", "request_exports", "requests"]
