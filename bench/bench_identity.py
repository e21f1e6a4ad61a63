"""Identity matching on PostgreSQL: the normalised comparison beside today's exact match.

- ``identity.access_match``: access requests for people of a large synthetic database (1M
  people and 2M events at full size), asked with the address upper-cased, so only the
  normalised comparison (``lower(email) IN (...)``, with the expression index ``kept check``
  suggests) finds them. Baseline, in the same run and on the same database: the same requests
  with the e-mail kind declared ``normalise: exact`` and the stored spelling (``email IN
  (...)`` on the unique index), which is how Kept matched before. Goal: within 1.2x.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import yaml

from bench.bench_rights import _dsn, _service
from bench.dbs import parse_url
from bench.runner import Context, Figure, benchmark
from bench.synth import generate
from kept.execution.identity import IdentityRule, Method
from kept.execution.matching import index_statement
from kept.rights import RightsService

RATIO_TARGET = 1.2


def _exact_manifest(manifest: Path) -> Path:
    """The same manifest with the e-mail kind compared exactly (today's matching)."""
    data = yaml.safe_load(manifest.read_text("utf-8"))
    data["identities"] = [{"kind": "email", "normalise": "exact"}]
    exact = manifest.with_name(manifest.stem + ".exact.yaml")
    exact.write_text(yaml.safe_dump(data, sort_keys=False), "utf-8")
    return exact


def _round(service: RightsService, emails: list[str], out: Path) -> tuple[float, int]:
    from kept.execution.identity import Identity

    rows = 0
    started = time.perf_counter()
    for email in emails:
        rows += service.access([Identity("email", email)], out).total
    return (time.perf_counter() - started) / len(emails), rows


@benchmark("identity.access_match", needs=("postgres",))
def access_match(ctx: Context) -> Iterator[Figure]:
    """Access with normalised e-mail matching vs exact matching (goal: within 1.2x)."""
    people = ctx.size(5_000, 1_000_000)
    count = ctx.size(20, 50)
    rounds = ctx.size(3, 7)
    with ctx.database("postgres") as url:
        ctx.log(f"generating {people:,} people with 2 events each")
        started = time.perf_counter()
        info = generate(
            url,
            people=people,
            tables=1,
            rows_per_person=2,
            details_per_event=0,
            manifest=ctx.out / f"identity-{parse_url(url).database}.kept.yaml",
        )
        ctx.log(f"{info.total_rows:,} rows in {time.perf_counter() - started:.1f} s")
        assert info.manifest is not None
        statement = index_statement(
            IdentityRule("email", Method.EMAIL), "people", "email", None, "postgresql"
        )
        assert statement is not None
        with psycopg.connect(_dsn(url), autocommit=True) as conn:
            started = time.perf_counter()
            conn.execute(statement)
            conn.execute("ANALYZE people")
            index_s = time.perf_counter() - started
            step = max(1, people // count)
            emails = [
                str(r[0])
                for r in conn.execute(
                    "SELECT email FROM people WHERE id %% %s = 1 ORDER BY id LIMIT %s",
                    (step, count),
                )
            ]
            lookups = _lookups(conn, emails, rounds)
        shouted = [e.upper() for e in emails]
        exact_manifest = _exact_manifest(info.manifest)
        normal_t: list[float] = []
        exact_t: list[float] = []
        with (
            _service(info.manifest) as normal,
            _service(exact_manifest) as exact,
            tempfile.TemporaryDirectory() as folder,
        ):
            out = Path(folder)
            _, normal_rows = _round(normal, shouted, out)  # warm-up, and both find the same
            _, exact_rows = _round(exact, emails, out)
            assert normal_rows == exact_rows == 3 * len(emails), (normal_rows, exact_rows)
            for _ in range(rounds):  # interleaved, so both see the same cache and load
                exact_t.append(_round(exact, emails, out)[0])
                normal_t.append(_round(normal, shouted, out)[0])
    kept, baseline = statistics.median(normal_t), statistics.median(exact_t)
    yield Figure(
        f"access request, normalised e-mail match, {people:,} people ({info.total_rows:,} rows)",
        "s",
        kept=kept,
        baseline=baseline,
        target=baseline * RATIO_TARGET,
        note=f"baseline: exact match on the unique index; {count} requests x {rounds} rounds; "
        f"index {statement.split(' ON ')[1]} built in {index_s:.1f} s",
        details={"normalised": normal_t, "exact": exact_t, "rows_per_request": 3},
    )
    yield Figure(
        f"the identity lookup alone, {people:,} people",
        "s",
        kept=lookups["normalised"],
        baseline=lookups["exact"],
        note="lower(email) = ANY(spellings), the spellings computed in Python, beside "
        "email = ANY(value); psycopg, per lookup; no goal (the goal is the request's)",
        details=lookups,
    )


def _lookups(conn: psycopg.Connection[Any], emails: list[str], rounds: int) -> dict[str, float]:
    """Median seconds per lookup: the normalised predicate Kept sends, and the exact one."""
    rule = IdentityRule("email", Method.EMAIL)
    times: dict[str, list[float]] = {"normalised": [], "exact": []}
    for _ in range(rounds):
        started = time.perf_counter()
        for email in emails:
            spellings = list(rule.forms(email.upper()))
            conn.execute("SELECT id FROM people WHERE lower(email) = ANY(%s)", (spellings,))
        times["normalised"].append((time.perf_counter() - started) / len(emails))
        started = time.perf_counter()
        for email in emails:
            conn.execute("SELECT id FROM people WHERE email = ANY(%s)", ([email],))
        times["exact"].append((time.perf_counter() - started) / len(emails))
    return {k: statistics.median(v) for k, v in times.items()}
