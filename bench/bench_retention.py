"""Retention sweeps: expired rows deleted in short batches, beside one plain ``DELETE``.

Two identical synthetic databases (same seed) hold one table of ``events_1`` rows; the oldest
tenth of them is expired. Kept's sweep (:func:`kept.retention.sweep.run_sweep`, one rule:
``delete 1 day after created_at``) empties one database; the baseline runs a single
``DELETE FROM events_1 WHERE created_at < :cutoff`` on the other. Reported: the two times,
and the longest batch of the sweep (how long any lock it takes is held) beside the duration of
the single ``DELETE`` (which holds its locks for all of it).

``retention.condition_*`` does the same with a rule that has a row condition
(:mod:`kept.manifest.condition`): ``not: {amount: {ge: 500}}`` and ``exists`` a person with a
name, beside the ``DELETE`` a person would write for it (``(amount IS NULL OR amount < 500) AND
EXISTS (SELECT 1 FROM people ...)``).
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import sqlalchemy as sa
import yaml

from bench.measure import once
from bench.runner import Context, Figure, Kind, benchmark
from bench.synth import generate
from kept.control import open_control
from kept.manifest import load_manifest
from kept.retention.sweep import SweepResult, run_sweep

__all__ = [
    "condition_mariadb",
    "condition_postgres",
    "condition_sqlite",
    "retention_mariadb",
    "retention_postgres",
    "retention_sqlite",
    "sweep_beside_delete",
]

CONDITION: dict[str, Any] = {
    "not": {"amount": {"ge": 500}},
    "exists": {"collection": "people", "where": {"full_name": {"is_null": False}}},
}
CONDITION_SQL = (
    " AND (amount IS NULL OR amount < 500) AND EXISTS (SELECT 1 FROM people"
    " WHERE people.id = events_1.person_id AND people.full_name IS NOT NULL)"
)

EXPIRED_SHARE = 0.1
TARGET_RATIO = 1.5
TARGET_LOCK_S = 1.0


def _cutoff(url: str, expired: int) -> dt.datetime:
    """The time before which exactly ``expired`` rows of ``events_1`` lie (ties aside)."""
    engine = sa.create_engine(url, poolclass=sa.NullPool)
    with engine.connect() as conn:
        value = conn.execute(
            sa.text("SELECT created_at FROM events_1 ORDER BY created_at LIMIT 1 OFFSET :n"),
            {"n": expired},
        ).scalar_one()
    engine.dispose()
    return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))


def _with_rule(manifest: Path, where: dict[str, Any] | None = None) -> Path:
    data: dict[str, Any] = yaml.safe_load(manifest.read_text(encoding="utf-8"))
    rule: dict[str, Any] = {
        "name": "events-expire",
        "collection": "synth.events_1",
        "clock": "created_at",
        "period": "1 day",
        "action": "delete",
        "ground": "benchmark",
    }
    if where:
        rule["where"] = where
    data["retention"] = {"rules": [rule]}
    manifest.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return manifest


def _plain_delete(url: str, cutoff: dt.datetime, extra: str = "") -> int:
    engine = sa.create_engine(url, poolclass=sa.NullPool)
    with engine.begin() as conn:
        done = conn.execute(
            sa.text(f"DELETE FROM events_1 WHERE created_at < :t{extra}"), {"t": cutoff}
        ).rowcount
    engine.dispose()
    return int(done)


def sweep_beside_delete(
    ctx: Context, kind: Kind, people: int, *, condition: bool = False
) -> Iterator[Figure]:
    """Generate two equal databases of ``people`` × 10 events; sweep one, DELETE the other
    (``condition``: with the rule's row condition, and the same in the ``DELETE``)."""
    rows = people * 10
    expired = int(rows * EXPIRED_SHARE)
    with ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="kept-ret-")))
        urls = [stack.enter_context(ctx.database(kind)) for _ in range(2)]
        for i, url in enumerate(urls):
            ctx.log(f"generating {rows:,} events in database {i + 1} of 2")
            info = generate(
                url,
                people=people,
                tables=1,
                rows_per_person=10,
                details_per_event=0,
                seed=7,
                manifest=folder / f"synth{i}.kept.yaml",
            )
        cutoff = _cutoff(urls[0], expired)
        assert info.manifest is not None
        manifest = _with_rule(folder / "synth0.kept.yaml", CONDITION if condition else None)
        control = open_control(f"sqlite:///{folder / 'kept.db'}")
        loaded = load_manifest(manifest)
        ctx.log(f"sweeping {expired:,} expired rows of {rows:,}")
        result: SweepResult
        result, kept_s = once(lambda: run_sweep(loaded, control, now=cutoff + dt.timedelta(days=1)))
        control.dispose()
        ctx.log(f"plain DELETE of the same rows in database 2 of 2 ({kind})")
        extra = CONDITION_SQL if condition else ""
        plain_rows, plain_s = once(lambda: _plain_delete(urls[1], cutoff, extra))
    (outcome,) = result.outcomes
    if outcome.rows != plain_rows:
        raise RuntimeError(f"the sweep deleted {outcome.rows} rows, the DELETE {plain_rows}")
    size = f"{outcome.rows:,} of {rows:,} rows" + (" (with a condition)" if condition else "")
    details = {
        "rows": rows,
        "expired": outcome.rows,
        "batches": outcome.batches,
        "max_batch_seconds": outcome.max_batch_seconds,
        "find_seconds": outcome.find_seconds,
        "sweep_seconds": kept_s,
        "delete_seconds": plain_s,
    }
    yield Figure(
        f"delete {size}",
        "s",
        kept=kept_s,
        baseline=plain_s,
        target=plain_s * TARGET_RATIO,
        note=f"find {outcome.find_seconds:.1f} s, then {outcome.batches} batches; baseline: "
        "one DELETE ... WHERE created_at < cutoff" + (" AND the condition" if condition else ""),
        details=details,
    )
    yield Figure(
        f"longest lock, {size}",
        "s",
        kept=outcome.max_batch_seconds,
        baseline=plain_s,
        target=TARGET_LOCK_S,
        note="longest batch transaction; baseline: the one DELETE's transaction",
        details=details,
    )


@benchmark("retention.postgres", needs=("postgres",))
def retention_postgres(ctx: Context) -> Iterator[Figure]:
    """Sweep 1,000,000 expired rows of 10,000,000 (quick: 10,000 of 100,000) in PostgreSQL."""
    yield from sweep_beside_delete(ctx, "postgres", ctx.size(10_000, 1_000_000))


@benchmark("retention.sqlite")
def retention_sqlite(ctx: Context) -> Iterator[Figure]:
    """Sweep 100,000 expired rows of 1,000,000 (quick: 1,000 of 10,000) in SQLite."""
    yield from sweep_beside_delete(ctx, "sqlite", ctx.size(1_000, 100_000))


@benchmark("retention.mariadb", needs=("mariadb",))
def retention_mariadb(ctx: Context) -> Iterator[Figure]:
    """Sweep 100,000 expired rows of 1,000,000 (quick: 1,000 of 10,000) in MariaDB."""
    yield from sweep_beside_delete(ctx, "mariadb", ctx.size(1_000, 100_000))


@benchmark("retention.condition_postgres", needs=("postgres",))
def condition_postgres(ctx: Context) -> Iterator[Figure]:
    """Sweep with a row condition (not, exists) over 1,000,000 rows (quick: 100,000), PostgreSQL."""
    yield from sweep_beside_delete(ctx, "postgres", ctx.size(10_000, 100_000), condition=True)


@benchmark("retention.condition_sqlite")
def condition_sqlite(ctx: Context) -> Iterator[Figure]:
    """Sweep with a row condition (not, exists) over 1,000,000 rows (quick: 10,000), SQLite."""
    yield from sweep_beside_delete(ctx, "sqlite", ctx.size(1_000, 100_000), condition=True)


@benchmark("retention.condition_mariadb", needs=("mariadb",))
def condition_mariadb(ctx: Context) -> Iterator[Figure]:
    """Sweep with a row condition (not, exists) over 1,000,000 rows (quick: 10,000), MariaDB."""
    yield from sweep_beside_delete(ctx, "mariadb", ctx.size(1_000, 100_000), condition=True)
