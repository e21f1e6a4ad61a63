"""Scan one database: read its schema, sample and classify each table, draft its collections."""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import closing
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import SQLAlchemyError

from kept.check.classify import Classification, ColumnFacts, classify_table
from kept.scan.draft import CollectionDraft, draft_collections
from kept.scan.sample import sample_tables
from kept.scan.schema import Table, read_schema

__all__ = ["ScanResult", "scan_engine"]

_SAMPLED_KINDS = ("text", "number", "date", "binary")


@dataclass
class ScanResult:
    store: str
    dialect: str
    schema: str | None
    dataset: str
    tables: dict[str, Table] = field(default_factory=dict)
    found: dict[str, dict[str, Classification]] = field(default_factory=dict)
    collections: list[CollectionDraft] = field(default_factory=list)
    values_sampled: int = 0
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)  # seconds per phase

    def as_dict(self) -> dict[str, Any]:
        columns = []
        for coll in self.collections:
            for fld in coll.fields:
                columns.append(
                    {
                        "table": coll.name,
                        "column": fld.name,
                        "type": fld.column.type,
                        "nullable": fld.column.nullable,
                        "primary_key": fld.column.primary_key,
                        "category": fld.category,
                        "personal": fld.personal,
                        "confidence": fld.found.confidence if fld.found else None,
                        "evidence": list(fld.found.evidence) if fld.found else [],
                        "identity": fld.identity,
                        "references": [
                            {
                                "table": r.table,
                                "column": r.column,
                                "direction": r.direction,
                                "inferred": r.inferred,
                            }
                            for r in fld.references
                        ],
                        "erase": fld.erase,
                    }
                )
        return {
            "store": self.store,
            "dialect": self.dialect,
            "schema": self.schema,
            "dataset": self.dataset,
            "tables": len([t for t in self.tables.values() if not t.view]),
            "views": len([t for t in self.tables.values() if t.view]),
            "personal_columns": sum(1 for c in columns if c["personal"]),
            "values_sampled": self.values_sampled,
            "seconds": round(self.seconds, 3),
            "columns": columns,
        }


Sampled = tuple[str, list[ColumnFacts], dict[str, list[object]]]
"""One table's name, its columns' facts and its sampled values: the unit of classification."""

PARALLEL_FROM = 200
"""Tables from which classification runs in worker processes (below it, starting them costs
more than it saves)."""

_BATCH = 20  # tables per task sent to a worker process (at most 2 tasks a worker waiting)


def _facts(table: Table) -> list[ColumnFacts]:
    names = tuple(table.columns)
    return [
        ColumnFacts(
            name=c.name,
            table=table.name,
            kind=c.kind,
            comment=c.comment,
            neighbours=names[:i] + names[i + 1 :],  # the others (names are unique)
        )
        for i, c in enumerate(table.columns.values())
    ]


def classify_batch(batch: list[Sampled]) -> list[tuple[str, dict[str, Classification]]]:
    """Classify sampled tables (in a worker process, or in this one)."""
    return [(name, classify_table(name, facts, samples)) for name, facts, samples in batch]


PARALLEL_CORES = 3
"""Cores from which classification runs in worker processes. Below, one process classifies:
on two cores the workers' own cost (starting, loading the word lists, values copied to them:
about 70% more CPU time in all) outweighs the second core, which the database server and the
reading of samples need too."""


def _default_workers(tables: int) -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    if tables < PARALLEL_FROM or cores < PARALLEL_CORES:
        return 0
    return min(4, cores - 1)  # one core left for this process's reading and the server


def scan_engine(
    store: str,
    engine: sa.Engine,
    *,
    schema: str | None = None,
    dataset: str | None = None,
    sample_size: int = 100,
    on_table: Callable[[str, int, int], None] | None = None,
    workers: int | None = None,
) -> ScanResult:
    """Read, sample and classify every table of ``schema``; ``on_table(name, done, total)`` is
    told after each table (for a progress bar).

    One thread reads each table's sample in turn. With ``workers`` (default: one per core but
    one, up to four, from :data:`PARALLEL_FROM` tables and :data:`PARALLEL_CORES` cores; ``0``
    classifies in this process) the sampled
    tables are classified in worker processes while the next ones are read, so reading and
    classifying overlap and use every core; without, each table is classified as soon as it is
    read (a second thread would only wait for this one's hold on the interpreter)."""
    started = time.perf_counter()
    if workers is None:
        workers = _default_workers(_count_tables(engine, schema))
    if workers > 0:
        # started first: the workers load the classifier while the catalog is read
        context = multiprocessing.get_context("spawn")  # no fork of a process with connections
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            warming = [pool.submit(_warm) for _ in range(workers)]
            try:
                result = _scan(store, engine, schema, dataset, sample_size, on_table, pool, workers)
                for future in warming:
                    future.result()
            except BaseException:
                pool.shutdown(wait=True, cancel_futures=True)  # an error, Ctrl-C: no more work
                raise
    else:
        result = _scan(store, engine, schema, dataset, sample_size, on_table, None, 0)
    result.seconds = time.perf_counter() - started
    return result


def _count_tables(engine: sa.Engine, schema: str | None) -> int:
    """How many tables (one quick catalog query; 0 when it fails: reading the schema will
    report why)."""
    try:
        with engine.connect() as conn:
            return len(sa.inspect(conn).get_table_names(schema=schema))
    except SQLAlchemyError:
        return 0


def _scan(
    store: str,
    engine: sa.Engine,
    schema: str | None,
    dataset: str | None,
    sample_size: int,
    on_table: Callable[[str, int, int], None] | None,
    pool: ProcessPoolExecutor | None,
    workers: int,
) -> ScanResult:
    started = time.perf_counter()
    tables = read_schema(store, engine, schema)
    result = ScanResult(store, engine.dialect.name, schema, dataset or store, tables)
    result.timings = {"catalog": time.perf_counter() - started, "sample": 0.0, "classify": 0.0}
    real = [t for t in tables.values() if not t.view]
    mark = time.perf_counter()
    sampled = _samples(store, engine, schema, real, sample_size, result)
    if pool is not None:
        _classify_in_workers(pool, workers, sampled, result, len(real), on_table)
        result.timings["classify"] = time.perf_counter() - mark  # wall, overlapping sampling
    else:
        for done, (name, facts, samples) in enumerate(sampled, start=1):
            clock = time.perf_counter()
            result.found[name] = classify_table(name, facts, samples)
            result.timings["classify"] += time.perf_counter() - clock
            if on_table is not None:
                on_table(name, done, len(real))
    mark = time.perf_counter()
    result.collections = draft_collections(tables, result.found, result.dataset)
    result.timings["draft"] = time.perf_counter() - mark
    return result


def _samples(
    store: str,
    engine: sa.Engine,
    schema: str | None,
    real: list[Table],
    sample_size: int,
    result: ScanResult,
) -> Iterator[Sampled]:
    """One bounded query per table, in order, on one connection (sent several at a time on
    PostgreSQL, the next ones read while these are classified: :func:`sample_tables`)."""
    wanted = [
        (
            table.name,
            [c.name for c in table.columns.values() if c.kind in _SAMPLED_KINDS],
            {c.name: c.type for c in table.columns.values()},
        )
        for table in real
    ]
    with (
        engine.connect() as conn,
        closing(sample_tables(store, conn, wanted, sample_size, schema)) as samples,
    ):
        for table in real:
            mark = time.perf_counter()
            sampled = next(samples)
            result.timings["sample"] += time.perf_counter() - mark
            result.values_sampled += sum(map(len, sampled.values()))
            yield table.name, _facts(table), sampled


def _warm() -> None:
    """A worker's first task: load the word lists while the first tables are read."""
    classify_table("warm", [ColumnFacts("name", "people")], {"name": ["Ola Nordmann"] * 3})


def _classify_in_workers(
    pool: ProcessPoolExecutor,
    workers: int,
    sampled: Iterator[Sampled],
    result: ScanResult,
    total: int,
    on_table: Callable[[str, int, int], None] | None,
) -> None:
    done = 0
    pending: set[Future[list[tuple[str, dict[str, Classification]]]]] = set()

    def collect(block: bool) -> None:
        nonlocal done
        finished, _ = wait(pending, timeout=None if block else 0, return_when=FIRST_COMPLETED)
        for future in finished:
            pending.discard(future)
            for name, found in future.result():
                result.found[name] = found
                done += 1
                if on_table is not None:
                    on_table(name, done, total)

    batch: list[Sampled] = []
    for item in sampled:
        batch.append(item)
        if len(batch) >= _BATCH:
            pending.add(pool.submit(classify_batch, batch))
            batch = []
            collect(block=len(pending) > workers * 2)
    if batch:
        pending.add(pool.submit(classify_batch, batch))
    while pending:
        collect(block=True)
