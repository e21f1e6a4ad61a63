"""Scan one database: read its schema, sample and classify each table, draft its collections."""

from __future__ import annotations

import multiprocessing
import os
import queue
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from kept.check.classify import Classification, ColumnFacts, classify_table
from kept.scan.draft import CollectionDraft, draft_collections
from kept.scan.sample import sample_table
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

_BATCH = 20  # tables per task sent to a worker process
_AHEAD = 64  # sampled tables waiting for classification, at most (bounds memory)


def _facts(table: Table) -> list[ColumnFacts]:
    names = tuple(table.columns)
    return [
        ColumnFacts(
            name=c.name,
            table=table.name,
            kind=c.kind,
            comment=c.comment,
            neighbours=tuple(n for n in names if n != c.name),
        )
        for c in table.columns.values()
    ]


def classify_batch(batch: list[Sampled]) -> list[tuple[str, dict[str, Classification]]]:
    """Classify sampled tables (in a worker process, or in this one)."""
    return [(name, classify_table(name, facts, samples)) for name, facts, samples in batch]


def _default_workers(tables: int) -> int:
    if tables < PARALLEL_FROM:
        return 0
    return min(4, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1)


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

    Sampling runs in a thread that reads the next tables while the ones already read are
    classified; with ``workers`` (default: one per core, up to four, from
    :data:`PARALLEL_FROM` tables; ``0`` classifies in this process) classification runs in
    worker processes, so reading and classifying overlap and use every core."""
    started = time.perf_counter()
    tables = read_schema(store, engine, schema)
    result = ScanResult(store, engine.dialect.name, schema, dataset or store, tables)
    result.timings = {"catalog": time.perf_counter() - started, "sample": 0.0, "classify": 0.0}
    real = [t for t in tables.values() if not t.view]
    if workers is None:
        workers = _default_workers(len(real))
    sampled = _Handoff()
    reader = threading.Thread(
        target=_read_samples,
        args=(store, engine, schema, real, sample_size, sampled, result),
        name="kept-scan-sample",
        daemon=True,
    )
    reader.start()
    mark = time.perf_counter()
    try:
        if workers > 0:
            _classify_in_workers(workers, sampled, result, len(real), on_table)
        else:
            done = 0
            for item in sampled:
                for name, found in classify_batch([item]):
                    result.found[name] = found
                    done += 1
                    if on_table is not None:
                        on_table(name, done, len(real))
    finally:
        sampled.abandon(reader)
    result.timings["classify"] = time.perf_counter() - mark  # wall, overlapping sampling
    mark = time.perf_counter()
    result.collections = draft_collections(tables, result.found, result.dataset)
    result.timings["draft"] = time.perf_counter() - mark
    result.seconds = time.perf_counter() - started
    return result


class _Handoff:
    """Sampled tables from the reading thread to the classifying one, at most ``_AHEAD``
    waiting; an error in the reader is raised in the classifier; a scan given up (an error
    while classifying, Ctrl-C) stops the reader."""

    def __init__(self) -> None:
        self._queue: queue.Queue[Sampled | BaseException | None] = queue.Queue(maxsize=_AHEAD)
        self._abandoned = threading.Event()

    def put(self, item: Sampled | BaseException | None) -> bool:
        """False when the scan was given up (the reader then stops)."""
        while not self._abandoned.is_set():
            try:
                self._queue.put(item, timeout=0.2)
                return True
            except queue.Full:
                continue
        return False

    def __iter__(self) -> Iterator[Sampled]:
        while True:
            item = self._queue.get()
            if item is None:
                return
            if isinstance(item, BaseException):
                raise item
            yield item

    def abandon(self, reader: threading.Thread) -> None:
        self._abandoned.set()
        reader.join()


def _read_samples(
    store: str,
    engine: sa.Engine,
    schema: str | None,
    real: list[Table],
    sample_size: int,
    out: _Handoff,
    result: ScanResult,
) -> None:
    """The sampling thread: one bounded query per table, in order, then ``None``."""
    try:
        with engine.connect() as conn:
            for table in real:
                wanted = [c.name for c in table.columns.values() if c.kind in _SAMPLED_KINDS]
                mark = time.perf_counter()
                types = {c.name: c.type for c in table.columns.values()}
                samples = sample_table(
                    store, conn, table.name, wanted, sample_size, schema, types=types
                )
                result.timings["sample"] += time.perf_counter() - mark
                result.values_sampled += sum(len(v) for v in samples.values())
                if not out.put((table.name, _facts(table), samples)):
                    return  # the scan was given up
    except BaseException as exc:  # handed to the classifying thread, raised there
        out.put(exc)
        return
    out.put(None)


def _classify_in_workers(
    workers: int,
    sampled: _Handoff,
    result: ScanResult,
    total: int,
    on_table: Callable[[str, int, int], None] | None,
) -> None:
    context = multiprocessing.get_context("spawn")  # no fork of a process holding connections
    done = 0
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
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
