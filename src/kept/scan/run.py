"""Scan one database: read its schema, sample and classify each table, draft its collections."""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import SQLAlchemyError

from kept.check.classify import Classification
from kept.scan.batch import Scanned, scan_tables
from kept.scan.draft import CollectionDraft, draft_collections
from kept.scan.parallel import ParallelScan, default_workers, open_pool
from kept.scan.schema import Table, read_schema

__all__ = ["ScanResult", "scan_engine"]


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

    Tables are sampled in one bounded query each, on PostgreSQL several at a time, the next
    ones read while the last are classified. With ``workers`` (default:
    :func:`~kept.scan.parallel.default_workers`, one per core but one from
    :data:`~kept.scan.parallel.PARALLEL_FROM` tables; ``0``: this process alone) worker
    processes sample and classify batches of tables beside this process, each on a
    connection of its own opened from the engine's URL (``workers=0`` for an engine whose
    connections need more than its URL, such as a ``creator`` or ``connect_args``)."""
    started = time.perf_counter()
    if workers is None:
        workers = default_workers(_count_tables(engine, schema), engine)
    if workers > 0:
        pool, warming = open_pool(workers)  # started first: loading the classifier beside
        try:  # the catalog
            result = _scan(store, engine, schema, dataset, sample_size, on_table, pool, warming)
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)  # an error, Ctrl-C: no more work
            raise
        pool.shutdown(wait=True)
    else:
        result = _scan(store, engine, schema, dataset, sample_size, on_table, None, [])
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
    warming: list[Future[None]],
) -> ScanResult:
    started = time.perf_counter()
    result = ScanResult(store, engine.dialect.name, schema, dataset or store)
    result.timings = {"sample": 0.0, "classify": 0.0}
    total = 0

    def found(item: Scanned) -> None:
        name, classified, values = item
        result.found[name] = classified
        result.values_sampled += values
        if on_table is not None:
            on_table(name, len(result.found), total)

    timings = result.timings
    parallel = None
    if pool is not None:
        parallel = ParallelScan(pool, warming, store, engine, schema, sample_size, timings, found)
    tables = read_schema(store, engine, schema, columns_read=parallel.start if parallel else None)
    result.tables = tables
    real = [t for t in tables.values() if not t.view]
    total = len(real)
    result.timings["catalog"] = time.perf_counter() - started  # with the workers' first tables
    mark = time.perf_counter()
    if parallel is not None:
        parallel.finish()
        result.found = {t.name: result.found[t.name] for t in real}  # in the tables' order
    else:
        for item in scan_tables(store, engine, schema, real, sample_size, result.timings):
            found(item)
    result.timings["tables"] = time.perf_counter() - mark  # wall: sampling and classifying
    mark = time.perf_counter()
    result.collections = draft_collections(tables, result.found, result.dataset)
    result.timings["draft"] = time.perf_counter() - mark
    return result
