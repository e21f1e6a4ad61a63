"""A short-lived cache of verified API keys, so that a busy API does not read the key table on
every call.

Only keys that verified are cached, for :data:`TTL_SECONDS` (5 s; ``KEPT_APIKEY_CACHE_SECONDS``,
``0`` turns the cache off), keyed by the key id and the SHA-256 of the presented secret (a
wrong secret never matches an entry). **Revocation bound:** a key revoked in the same process
(``kept serve``'s API, ``revoke_key``) stops working at once; revoked from another process
(``kept apikey revoke`` beside a running server), it keeps working for at most
:data:`TTL_SECONDS` in each server process.
"""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kept.apikey import Caller

__all__ = ["TTL_SECONDS", "forget", "lookup", "remember"]

TTL_SECONDS: float | None = None
"""Set to override ``KEPT_APIKEY_CACHE_SECONDS`` (None: the settings' value)."""


def _ttl() -> float:
    if TTL_SECONDS is not None:
        return TTL_SECONDS
    from kept.settings import current_settings  # pydantic-settings: only when needed

    return current_settings().apikey_cache_seconds


_MAX_ENTRIES = 10_000
_entries: dict[tuple[int, str], tuple[str, Caller, float]] = {}
_lock = threading.Lock()


def lookup(engine_id: int, key_id: str, secret_hash: str) -> Caller | None:
    """The caller of a key verified less than :data:`TTL_SECONDS` ago, with this secret."""
    entry = _entries.get((engine_id, key_id))
    if entry is None or entry[0] != secret_hash or entry[2] < time.monotonic():
        return None
    return entry[1]


def remember(engine_id: int, key_id: str, secret_hash: str, caller: Caller) -> None:
    ttl = _ttl()
    if ttl <= 0:
        return
    with _lock:
        if len(_entries) >= _MAX_ENTRIES:
            _entries.clear()
        _entries[(engine_id, key_id)] = (secret_hash, caller, time.monotonic() + ttl)


def forget(key_id: str) -> None:
    """A key was revoked in this process: it stops working at once."""
    with _lock:
        for cached in [k for k in _entries if k[1] == key_id]:
            del _entries[cached]
