"""``kept scan``: the classifier's rate, and a scan of a many-table PostgreSQL database.

``scan.classify`` classifies a corpus of sampled columns (e-mails in both cases, phones in
several formats, bare digits, names, cities, countries, postcodes, dates, amounts, statuses,
free text, tokens, IBANs, cards, SSNs) and reports values per second on one core; the baseline
is the least a scanner does: one compiled e-mail regular expression matched against every value.

``scan.postgres`` creates a synthetic PostgreSQL database of ``tables`` tables of 20 columns
(half with telling names, half named ``c1``..``c19`` so only values can tell), ``rows`` rows
each, then runs ``kept scan`` in a fresh process (its time and peak memory) beside, in the same
run, the plain queries a scan cannot do without: one ``information_schema.columns`` query and
one ``SELECT * FROM t LIMIT 100`` per table.
"""

from __future__ import annotations

import random
import re
import resource
import time
from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa

from bench.measure import isolated, timeit
from bench.runner import Context, Figure, benchmark

SIZES = {"tables": (20, 1000), "rows": (200, 10_000)}  # the issue: 10,000 rows each
SAMPLE = 100


def _corpus(columns: int, per_column: int, seed: int = 0) -> list[list[object]]:
    rnd = random.Random(seed)
    first = ["Ola", "Kari", "Jonas", "EMMA", "Lukas", "Chloé", "Ahmed", "Mei", "Sean", "Ingrid"]
    last = ["Hansen", "Berg", "Müller", "Dubois", "Khan", "Nakamura", "Murphy", "Rossi"]
    cities = ["Oslo", "Bergen", "Paris", "Köln", "Lyon", "Madrid", "Warszawa", "Dublin"]
    kinds: list[Any] = [
        lambda i: f"user{i}@example.com" if i % 3 else f"USER{i}@EXAMPLE.COM",
        lambda i: rnd.choice(["+47 912 34 567", "(212) 555-0143", "0711-555361", "+4791234567"]),
        lambda i: str(rnd.randrange(2_000_000_000, 9_999_999_999)),
        lambda i: f"{rnd.choice(first)} {rnd.choice(last)}",
        lambda i: rnd.choice(cities),
        lambda i: rnd.choice(["Norway", "France", "Germany", "Spain"]),
        lambda i: f"{rnd.randrange(1000, 99999):05d}",
        lambda i: f"20{rnd.randrange(10, 25)}-0{rnd.randrange(1, 9)}-1{rnd.randrange(0, 9)}",
        lambda i: f"{rnd.randrange(100, 99999)}.{rnd.randrange(10, 99)}",
        lambda i: rnd.choice(["new", "paid", "shipped", "cancelled"]),
        lambda i: (
            rnd.choice(["Check on availability.", "Customer asked for DHL, ok.", ""])
            + " Thanks for the quick reply, will follow up next week."
        ),
        lambda i: f"{rnd.getrandbits(128):032x}",
        lambda i: rnd.choice(["DE89370400440532013000", "NO9386011117947"]),
        lambda i: rnd.choice(["4111 1111 1111 1111", "5500 0000 0000 0004"]),
        lambda i: rnd.choice(["536-90-4399", "212-67-1123", "401-23-4567"]),
        lambda i: rnd.randrange(1, 10_000),
    ]
    return [[kinds[c % len(kinds)](i) for i in range(per_column)] for c in range(columns)]


def _cpu(fn: Any) -> float:
    started = time.process_time()
    fn()
    return time.process_time() - started


@benchmark("scan.classify")
def classify_rate(ctx: Context) -> Iterator[Figure]:
    """Values classified per second on one core, by sampled column."""
    from kept.check import classify

    columns = _corpus(ctx.size(80, 800), SAMPLE)
    n = sum(len(c) for c in columns)
    classify.classify_values(columns[0])  # load the word lists once, untimed

    def run() -> None:
        classify.clear_memos()  # no help from an earlier run
        for values in columns:
            classify.classify_values(values)

    email = re.compile(r"^[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$")
    texts = [str(v) for c in columns for v in c]
    # CPU seconds of this process: the rate on one core, whatever else the machine runs
    kept = min(_cpu(run) for _ in range(ctx.size(2, 5)))
    base = min(_cpu(lambda: [email.match(t) for t in texts]) for _ in range(ctx.size(2, 5)))
    wall = timeit(run, repeat=1, warmup=0)
    yield Figure(
        f"values classified per core ({len(columns)} columns × {SAMPLE})",
        "values/s",
        kept=n / kept,
        baseline=n / base,
        higher_is_better=True,
        target=50_000,
        note="CPU time; baseline: one e-mail regex per value",
        details={"values": n, "kept_cpu_s": kept, "regex_cpu_s": base, "wall_s": wall.median},
    )


_NAMED = [
    ("user_id", "bigint", "g % 1000"),
    ("email", "text", "'user' || g || '@example.com'"),
    ("phone", "text", "'+47 9' || lpad((g % 10000000)::text, 7, '0')"),
    ("first_name", "text", "(array['Ola','Kari','Jonas','Emma','Lukas','Chloé'])[1 + g % 6]"),
    ("last_name", "text", "(array['Hansen','Berg','Müller','Dubois','Khan'])[1 + g % 5]"),
    ("city", "text", "(array['Oslo','Bergen','Paris','Köln','Lyon','Madrid'])[1 + g % 6]"),
    ("country", "text", "(array['Norway','France','Germany','Spain'])[1 + g % 4]"),
    ("created_at", "timestamp", "timestamp '2024-01-01' + g * interval '1 minute'"),
    ("amount", "numeric(10,2)", "(g % 1000) / 7.0"),
    ("status", "varchar(12)", "(array['new','paid','sent'])[1 + g % 3]"),
    ("note", "text", "'Delivered to the front desk, ticket ' || g"),
    ("ip", "inet", "('10.0.' || (g % 256) || '.' || (g % 250 + 1))::inet"),
    ("birth_date", "date", "date '1950-01-01' + (g * 7919) % 20000"),
    ("token", "text", "md5(g::text)"),
    ("qty", "integer", "g % 50"),
    ("active", "boolean", "g % 2 = 0"),
    ("ref", "varchar(20)", "'R' || g"),
    ("zip", "varchar(10)", "lpad((g % 9999)::text, 4, '0')"),
    ("descr", "text", "'Lorem ipsum dolor sit amet ' || g"),
]


def _create(url: str, tables: int, rows: int) -> float:
    engine = sa.create_engine(url)
    started = time.perf_counter()
    raw = engine.raw_connection()
    try:
        conn = raw.cursor()
        for t in range(tables):
            named = t % 2 == 0
            cols = [
                (name if named else f"c{i + 1}", kind, expr)
                for i, (name, kind, expr) in enumerate(_NAMED)
            ]
            ddl = ", ".join(f"{n} {k}" for n, k, _ in cols)
            conn.execute(f"CREATE TABLE t{t:04d} (id bigint PRIMARY KEY, {ddl})")
            exprs = ", ".join(e for _, _, e in cols)
            conn.execute(
                f"INSERT INTO t{t:04d} SELECT g, {exprs} FROM generate_series(1, {rows}) g"
            )
            if t % 50 == 49:
                raw.commit()
        raw.commit()
    finally:
        raw.close()
        engine.dispose()
    return time.perf_counter() - started


def scan_in_child(url: str) -> dict[str, Any]:
    """Run in a fresh process by :func:`bench.measure.isolated`: the scan and its phases."""
    from kept.scan import scan_engine
    from kept.scan.parallel import default_workers
    from kept.scan.schema import read_schema

    engine = sa.create_engine(url)
    started = time.perf_counter()
    read_schema("bench", engine)
    catalog = time.perf_counter() - started
    started, cpu = time.perf_counter(), time.process_time()
    result = scan_engine("bench", engine, sample_size=SAMPLE)
    total, cpu = time.perf_counter() - started, time.process_time() - cpu
    engine.dispose()
    personal = sum(1 for c in result.collections for f in c.fields if f.personal)
    workers = default_workers(len(result.collections), engine)
    # the largest worker process's peak (they are children of this one, waited for)
    worker_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    return {
        "workers": workers,
        "worker_peak_rss": worker_peak,
        "seconds": total,
        "cpu_seconds": cpu,
        "phases": {k: round(v, 3) for k, v in result.timings.items()},
        "catalog_seconds": catalog,
        "values": result.values_sampled,
        "tables": len(result.collections),
        "personal_columns": personal,
    }


def _plain(url: str, tables: int) -> float:
    engine = sa.create_engine(url)
    raw = engine.raw_connection()
    started = time.perf_counter()
    try:
        cur = raw.cursor()
        cur.execute(
            "SELECT table_name, column_name, data_type, character_maximum_length, "
            "is_nullable, column_default FROM information_schema.columns "
            "WHERE table_schema = 'public' ORDER BY table_name, ordinal_position"
        )
        cur.fetchall()
        cur.execute(
            "SELECT tc.table_name, tc.constraint_type, kcu.column_name "
            "FROM information_schema.table_constraints tc "
            "JOIN information_schema.key_column_usage kcu USING (constraint_schema, "
            "constraint_name) WHERE tc.table_schema = 'public'"
        )
        cur.fetchall()
        for t in range(tables):
            cur.execute(f"SELECT * FROM t{t:04d} LIMIT {SAMPLE}")
            cur.fetchall()
    finally:
        raw.close()
        engine.dispose()
    return time.perf_counter() - started


@benchmark("scan.postgres", needs=("postgres",))
def scan_postgres(ctx: Context) -> Iterator[Figure]:
    """kept scan on many tables beside the plain catalog query and sampling SELECTs."""
    tables, rows = ctx.size(*SIZES["tables"]), ctx.size(*SIZES["rows"])
    with ctx.database("postgres") as url:
        ctx.log(f"creating {tables} tables × 20 columns × {rows} rows")
        made = _create(url, tables, rows)
        plain_before = _plain(url, tables)  # warms the server's caches for both
        child = isolated("bench.bench_scan:scan_in_child", url)
        plain = min(plain_before, _plain(url, tables))
        info = child.result
        yield Figure(
            f"kept scan, {tables} tables × 20 columns",
            "s",
            kept=info["seconds"],
            baseline=plain,
            target=60.0,
            note="baseline: information_schema queries + one SELECT … LIMIT 100 per table",
            details={**info, "create_seconds": made, "rows_per_table": rows},
        )
        workers = info["workers"]
        yield Figure(
            f"kept scan peak memory, {tables} tables",
            "bytes",
            kept=float(child.peak_rss + workers * info["worker_peak_rss"]),
            target=500 * 1024 * 1024,
            note=(
                f"the scanning process + {workers} worker processes at the largest's "
                f"peak; {info['personal_columns']} personal columns found"
            ),
            details={"main_peak_rss": child.peak_rss, "worker_peak_rss": info["worker_peak_rss"]},
        )
