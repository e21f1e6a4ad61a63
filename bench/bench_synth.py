"""Generation throughput of :func:`bench.synth.generate` against one plain ``INSERT ... SELECT``.

The generator writes ``people``, two ``events_k`` tables and ``event_details`` with hashed,
realistic values, then builds keys, indexes and foreign keys and runs ``ANALYZE``. The
baseline is the floor the database sets: a single ``INSERT ... SELECT`` of as many rows, with
constant values, into one table of the same columns and no index.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import sqlalchemy as sa
from sqlalchemy.schema import CreateTable, DropTable

from bench.dbs import parse_url
from bench.runner import Context, Figure, Kind, benchmark
from bench.synth import Sql, SynthSpec, events_columns, execute, generate, load_engine, make_table

FULL_PEOPLE = {"sqlite": 1_000_000, "postgres": 1_000_000, "mariadb": 100_000}
QUICK_PEOPLE = 10_000
TABLES, ROWS_PER_PERSON = 2, 3  # people + 2 × 3 events + 3 details per person = 10 rows each
GENERATION_TARGET_S = 120.0


def plain_insert(url: str, spec: SynthSpec, rows: int) -> float:
    """Seconds for one ``INSERT ... SELECT`` of ``rows`` rows into a new unindexed table."""
    engine = load_engine(parse_url(url))
    try:
        sql = Sql(engine.dialect.name, spec)
        table = make_table(sa.MetaData(), "baseline_rows", events_columns(), keys=False)
        prefix, source = sql.series("g", 1, rows)
        select = (
            f"SELECT g, (g - 1) % {spec.people} + 1, 1, {sql.timestamp('0')}, '192.0.2.1', "
            f"'a note', {sql.money('g % 100000')} FROM {source}"
        )
        statement = sql.insert(table.name, [c.name for c in table.columns], select, prefix)
        with engine.begin() as conn:
            conn.execute(CreateTable(table))
        start = time.perf_counter()
        with engine.begin() as conn:
            execute(conn, statement)
        seconds = time.perf_counter() - start
        with engine.begin() as conn:
            conn.execute(DropTable(table))
        return seconds
    finally:
        engine.dispose()


def _generation(ctx: Context, kind: Kind) -> Iterator[Figure]:
    people = ctx.size(QUICK_PEOPLE, FULL_PEOPLE[kind])
    with ctx.database(kind) as url:
        info = generate(
            url,
            people=people,
            tables=TABLES,
            rows_per_person=ROWS_PER_PERSON,
            tenants=10,
            manifest=ctx.out / f"synth-{kind}.kept.yaml",
        )
        rows = info.total_rows
        ctx.log(f"generated {rows:,} rows in {info.seconds:.1f} s; now the baseline")
        baseline = plain_insert(url, info.spec, rows)
    size = f"{rows / 1e6:g}M rows" if rows >= 1_000_000 else f"{rows:,} rows"
    details = info.summary()
    details["baseline_seconds"] = baseline
    phases = ", ".join(f"{k} {v:.1f} s" for k, v in info.timings.items() if k != "total")
    # The target applies to the full size on PostgreSQL: 10 million rows in two minutes.
    target = rows / GENERATION_TARGET_S if kind == "postgres" and not ctx.quick else None
    yield Figure(
        f"generate {size}",
        "rows/s",
        kept=rows / info.seconds,
        baseline=rows / baseline,
        higher_is_better=True,
        target=target,
        note=f"{info.seconds:.1f} s: {phases}",
        details=details,
    )
    yield Figure(
        f"load phase of {size}",
        "rows/s",
        kept=rows / info.timings["load"],
        baseline=rows / baseline,
        higher_is_better=True,
        note=f"baseline {baseline:.1f} s: 1 INSERT of constants, 1 table, no index",
    )


@benchmark("synth.sqlite")
def synth_sqlite(ctx: Context) -> Iterator[Figure]:
    """Synthetic database generation on SQLite (recursive CTE, one transaction)."""
    yield from _generation(ctx, "sqlite")


@benchmark("synth.postgres", needs=("postgres",))
def synth_postgres(ctx: Context) -> Iterator[Figure]:
    """Synthetic database generation on PostgreSQL (generate_series, 2 connections)."""
    yield from _generation(ctx, "postgres")


@benchmark("synth.mariadb", needs=("mariadb",))
def synth_mariadb(ctx: Context) -> Iterator[Figure]:
    """Synthetic database generation on MariaDB (seq_1_to_N sequence tables)."""
    yield from _generation(ctx, "mariadb")
