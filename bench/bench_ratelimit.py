"""Rate-limit hits per second, with the bucket's row lock that makes them hold under concurrency.

* **kept**: :func:`kept.requests.verification.check_rate`: one transaction that creates or
  locks the bucket's row (one upsert), counts the recent hits and inserts one.
* **baseline**: the same transaction without the bucket row (count, then insert): what Kept
  did before, which lets concurrent hits through past the limit. The difference is the price
  of the lock.

Single client, sequential hits (the lock is uncontended; contention only orders hits that
would otherwise race).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator

import sqlalchemy as sa

from bench.runner import Context, Figure, Kind, benchmark
from kept.control import open_control, secret_key, write_transaction
from kept.requests.record import now_text
from kept.requests.tables import rate_hits
from kept.requests.verification import RateLimit, bucket, check_rate

QUICK, FULL = 200, 2_000


def _unlocked(engine: sa.Engine, value: str, count: int) -> float:
    """Seconds for ``count`` hits counted and inserted without the bucket's row."""
    since = now_text(dt.datetime.now(dt.UTC) - dt.timedelta(hours=1))
    start = time.perf_counter()
    for _ in range(count):
        with write_transaction(engine) as conn:
            name = bucket(secret_key(conn), "bench-plain", value)
            conn.execute(
                sa.select(sa.func.count(), sa.func.min(rate_hits.c.at)).where(
                    rate_hits.c.bucket == name, rate_hits.c.at > since
                )
            ).one()
            conn.execute(rate_hits.insert().values(bucket=name, at=now_text()))
    return time.perf_counter() - start


def _rate(ctx: Context, kind: Kind) -> Iterator[Figure]:
    count = ctx.size(QUICK, FULL)
    limit = RateLimit(count * 10, dt.timedelta(hours=1))
    with ctx.database(kind) as url:
        engine = open_control(url)
        if engine.dialect.name in ("mysql", "mariadb"):
            engine = engine.execution_options(isolation_level="READ COMMITTED")
        try:
            start = time.perf_counter()
            for _ in range(count):
                check_rate(engine, "bench", "203.0.113.9", limit, "hits")
            locked_s = time.perf_counter() - start
            plain_s = _unlocked(engine, "203.0.113.9", count)
        finally:
            engine.dispose()
    yield Figure(
        f"rate-limit hits ({kind} control)",
        "hits/s",
        kept=count / locked_s,
        baseline=count / plain_s,
        higher_is_better=True,
        note=f"{count} hits, one client; baseline: count + insert without the bucket lock",
    )


@benchmark("ratelimit.postgres", needs=("postgres",))
def ratelimit_postgres(ctx: Context) -> Iterator[Figure]:
    """Rate-limit hits/s with the per-bucket row lock, PostgreSQL control database."""
    yield from _rate(ctx, "postgres")


@benchmark("ratelimit.mariadb", needs=("mariadb",))
def ratelimit_mariadb(ctx: Context) -> Iterator[Figure]:
    """Rate-limit hits/s with the per-bucket row lock, MariaDB control database."""
    yield from _rate(ctx, "mariadb")
