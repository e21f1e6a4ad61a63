"""E-mailed verification codes and rate limits, both kept in the control database.

A code is six random digits, valid for a short time (15 minutes by default), usable once and
for a limited number of tries (5): the database holds only its HMAC under Kept's secret key,
compared in constant time. Rate limits count recent hits per *bucket* (a keyed hash of a
client address or an e-mail address, never the address itself) in a sliding window, so they
hold across every process sharing the control database.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

import sqlalchemy as sa

from kept.control import secret_key, write_transaction
from kept.errors import RateLimited, VerificationError
from kept.requests.record import now_text, parse_time
from kept.requests.retry import retrying
from kept.requests.tables import rate_buckets, rate_hits, request_codes

__all__ = [
    "CodePolicy",
    "RateLimit",
    "RateLimited",
    "VerificationError",
    "bucket",
    "check_code",
    "check_rate",
    "hit",
    "issue_code",
    "lock_bucket",
]


@dataclass(frozen=True)
class CodePolicy:
    """How long a code lives and how many wrong tries it survives."""

    ttl: dt.timedelta = dt.timedelta(minutes=15)
    max_attempts: int = 5
    digits: int = 6


@dataclass(frozen=True)
class RateLimit:
    """At most ``limit`` hits per ``window``."""

    limit: int
    window: dt.timedelta


def _code_hash(secret: bytes, request_id: str, code: str) -> str:
    return hmac.new(secret, f"{request_id}:{code}".encode(), hashlib.sha256).hexdigest()


def issue_code(
    conn: sa.Connection, secret: bytes, request_id: str, policy: CodePolicy, now: dt.datetime
) -> str:
    """A new code for the request, replacing any earlier one; returns the code to send."""
    code = f"{secrets.randbelow(10**policy.digits):0{policy.digits}d}"
    values = {
        "code_hash": _code_hash(secret, request_id, code),
        "sent_at": now_text(now),
        "expires_at": now_text(now + policy.ttl),
        "attempts": 0,
        "used_at": None,
    }
    updated = conn.execute(
        request_codes.update().where(request_codes.c.request_id == request_id).values(**values)
    )
    if not updated.rowcount:
        conn.execute(request_codes.insert().values(request_id=request_id, **values))
    return code


def check_code(
    conn: sa.Connection,
    secret: bytes,
    request_id: str,
    code: str,
    policy: CodePolicy,
    now: dt.datetime,
) -> None:
    """Accept ``code`` (marking it used) or raise :class:`VerificationError`.

    A wrong try is counted in the database even though the caller's transaction is then
    rolled back: the caller commits the count before raising (see ``Lifecycle.verify``).
    """
    row = conn.execute(
        sa.select(request_codes).where(request_codes.c.request_id == request_id).with_for_update()
    ).one_or_none()
    if row is None:
        raise VerificationError(
            "no verification code was sent for this request", request_id=request_id, code="no_code"
        )
    if row.used_at is not None:
        raise VerificationError(
            "this code was already used", request_id=request_id, code="code_used"
        )
    if row.attempts >= policy.max_attempts:
        raise VerificationError(
            f"the code was tried {row.attempts} times and is locked; ask for a new code",
            request_id=request_id,
            code="code_locked",
        )
    expires = parse_time(row.expires_at)
    if expires is None or now >= expires:
        raise VerificationError(
            "the code has expired; ask for a new code", request_id=request_id, code="code_expired"
        )
    presented = code.strip()
    valid = hmac.compare_digest(row.code_hash, _code_hash(secret, request_id, presented))
    if not valid:
        conn.execute(
            request_codes.update()
            .where(request_codes.c.request_id == request_id)
            .values(attempts=request_codes.c.attempts + 1)
        )
        left = policy.max_attempts - row.attempts - 1
        raise VerificationError(
            f"the code is not right ({left} tr{'y' if left == 1 else 'ies'} left)",
            request_id=request_id,
            code="code_invalid",
        )
    conn.execute(
        request_codes.update()
        .where(request_codes.c.request_id == request_id)
        .values(used_at=now_text(now))
    )


def bucket(secret: bytes, kind: str, value: str) -> str:
    """The rate-limit bucket of ``value`` (a client or an address): a keyed hash, not the value."""
    normal = value.strip().casefold()
    return hmac.new(secret, f"rate:{kind}:{normal}".encode(), hashlib.sha256).hexdigest()


def hit(conn: sa.Connection, name: str, limit: RateLimit, what: str, now: dt.datetime) -> None:
    """Count one hit in bucket ``name``, or raise :class:`RateLimited` when it is full.

    The bucket's row is locked first (created when missing), so concurrent hits on one bucket
    are counted one after the other however many processes share the control database: the
    count and the insert happen under the lock, until the caller's transaction ends."""
    lock_bucket(conn, name, now)
    since = now - limit.window
    recent = conn.execute(
        sa.select(sa.func.count(), sa.func.min(rate_hits.c.at)).where(
            rate_hits.c.bucket == name, rate_hits.c.at > now_text(since)
        )
    ).one()
    if recent[0] >= limit.limit:
        oldest = parse_time(recent[1]) or now
        raise RateLimited(what, int((oldest + limit.window - now).total_seconds()) + 1)
    conn.execute(rate_hits.insert().values(bucket=name, at=now_text(now)))
    # Old hits are dropped now and then (about one write in fifty), not on every write.
    if secrets.randbelow(50) == 0:
        conn.execute(
            rate_hits.delete().where(rate_hits.c.bucket == name, rate_hits.c.at <= now_text(since))
        )


def lock_bucket(conn: sa.Connection, name: str, now: dt.datetime) -> None:
    """Hold the row of bucket ``name`` until the transaction ends, creating it when missing.

    An existing row is locked with ``SELECT ... FOR UPDATE`` (no write). A missing one is
    created and locked by one statement: ``INSERT ... ON CONFLICT DO UPDATE`` (PostgreSQL,
    SQLite) or ``INSERT ... ON DUPLICATE KEY UPDATE`` (MariaDB/MySQL), a no-op update that takes
    the row's exclusive lock even when a concurrent transaction created it first (it waits for
    that one to commit). SQLite's write transaction already holds the whole database's lock.
    """
    found = conn.execute(
        sa.select(rate_buckets.c.bucket).where(rate_buckets.c.bucket == name).with_for_update()
    ).first()
    if found is not None:
        return
    values = {"bucket": name, "created_at": now_text(now)}
    unchanged = {"created_at": rate_buckets.c.created_at}
    dialect = conn.dialect.name
    if dialect in ("mysql", "mariadb"):
        from sqlalchemy.dialects import mysql

        conn.execute(mysql.insert(rate_buckets).values(**values).on_duplicate_key_update(unchanged))
    else:
        from sqlalchemy.dialects import postgresql, sqlite

        module = postgresql if dialect == "postgresql" else sqlite
        conn.execute(
            module.insert(rate_buckets)
            .values(**values)
            .on_conflict_do_update(index_elements=[rate_buckets.c.bucket], set_=unchanged)
        )


@retrying
def check_rate(
    engine: sa.Engine,
    kind: str,
    value: str,
    limit: RateLimit,
    what: str,
    *,
    now: dt.datetime | None = None,
) -> None:
    """Count one hit of ``value`` in the ``kind`` buckets in a transaction of its own, or raise
    :class:`RateLimited` (e.g. the banner's choices per client)."""
    if engine.dialect.name in ("mysql", "mariadb"):
        engine = engine.execution_options(isolation_level="READ COMMITTED")
    with write_transaction(engine) as conn:
        name = bucket(secret_key(conn), kind, value)
        hit(conn, name, limit, what, now or dt.datetime.now(dt.UTC))
