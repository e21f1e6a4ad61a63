"""The audit log: verifying a long chain, beside reading it with plain SQL in the same run.

``audit.verify`` fills a SQLite control database with 100,000 entries (a batch's receipts,
through :meth:`AuditLog.append_many`), then times :meth:`AuditLog.verify` (every entry's hash
recomputed and chained) against one plain ``SELECT`` streaming the same rows (the floor any
verification pays). Goal: under 10 s for 100,000 entries.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import sqlalchemy as sa

from bench.runner import Context, Figure, benchmark
from kept.audit import AuditLog, AuditRecord
from kept.control import audit_log, open_control

ENTRIES = (10_000, 100_000)
VERIFY_TARGET_S = 10.0


@benchmark("audit.verify")
def verify(ctx: Context) -> Iterator[Figure]:
    """Verifying 100,000 chained entries (goal: under 10 s)."""
    entries = ctx.size(*ENTRIES)
    with ctx.database("sqlite") as url:
        engine = open_control(url)
        try:
            log = AuditLog(engine)
            ctx.log(f"appending {entries:,} entries")
            for start in range(0, entries, 5_000):
                log.append_many(
                    [
                        AuditRecord("bench", "bench.entry", tenant="acme", details={"i": i})
                        for i in range(start, min(start + 5_000, entries))
                    ]
                )
            started = time.perf_counter()
            result = log.verify()
            seconds = time.perf_counter() - started
            assert result.ok and result.checked == entries, result.as_dict()
            started = time.perf_counter()
            with engine.connect() as conn:
                rows = sum(
                    1
                    for _ in conn.execution_options(yield_per=5_000).execute(
                        sa.select(audit_log).order_by(audit_log.c.seq)
                    )
                )
            baseline = time.perf_counter() - started
            assert rows == entries
        finally:
            engine.dispose()
    yield Figure(
        f"verify {entries:,} audit entries",
        "s",
        kept=seconds,
        baseline=baseline,
        target=VERIFY_TARGET_S if not ctx.quick else None,
        note="baseline: the same rows read by one plain SELECT (no hashing)",
    )
