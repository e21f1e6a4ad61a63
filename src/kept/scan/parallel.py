"""Tables scanned by worker processes beside the scanning process.

Each worker samples (on a connection of its own) and classifies whole batches of tables
(:func:`kept.scan.batch.scan_tables`): only the tables' descriptions go to it and only what
was found comes back, never the sampled values (handing those over cost more than a second
core gives). Workers take batches from the front of the list while the scanning process
works through it from the back, so neither waits for the other whatever their speed.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

import sqlalchemy as sa

from kept.scan.batch import Scanned, scan_tables, warm
from kept.scan.schema import Table
from kept.stores.engine import open_engine

__all__ = ["PARALLEL_FROM", "default_workers", "open_pool", "scan_in_parallel"]

PARALLEL_FROM = 200
"""Tables from which worker processes scan beside this one (below it, starting them costs
more than it saves)."""

_BATCH = 20  # tables a worker scans per task

Found = Callable[[Scanned], None]


def default_workers(tables: int, engine: sa.Engine) -> int:
    """One worker per core but one, up to four, from :data:`PARALLEL_FROM` tables, when
    another process can open the database (not an in-memory SQLite database)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    if tables < PARALLEL_FROM or cores < 2 or not shareable(engine):
        return 0
    return min(4, cores - 1)


def shareable(engine: sa.Engine) -> bool:
    """Whether another process reaches the same database through the engine's URL."""
    url = engine.url
    if url.get_backend_name() != "sqlite":
        return True
    return url.database not in (None, "", ":memory:") and url.query.get("mode") != "memory"


def open_pool(workers: int) -> ProcessPoolExecutor:
    """Worker processes, started at once: they load the classifier while the catalog is
    read."""
    context = multiprocessing.get_context("spawn")  # no fork of a process with connections
    pool = ProcessPoolExecutor(workers, mp_context=context)
    for _ in range(workers):
        pool.submit(warm)
    return pool


def scan_in_parallel(
    pool: ProcessPoolExecutor,
    workers: int,
    store: str,
    engine: sa.Engine,
    schema: str | None,
    tables: list[Table],
    sample_size: int,
    timings: dict[str, float],
    found: Found,
) -> None:
    """Scan ``tables`` with the pool's workers and this process; ``found`` is told of each
    table as it is done (in no fixed order)."""
    url = engine.url.render_as_string(hide_password=False)
    batches = [tables[i : i + _BATCH] for i in range(0, len(tables), _BATCH)]
    front, back = 0, len(batches)
    pending: set[Future[tuple[list[Scanned], dict[str, float]]]] = set()

    def collect(block: bool) -> None:
        done, _ = wait(pending, timeout=None if block else 0, return_when=FIRST_COMPLETED)
        for future in done:
            pending.discard(future)
            scanned, spent = future.result()
            for key, seconds in spent.items():
                timings[key] = timings.get(key, 0.0) + seconds
            for item in scanned:
                found(item)

    while front < back or pending:
        while front < back and len(pending) <= workers:  # each worker: one running, one next
            task = (store, url, schema, batches[front], sample_size)
            pending.add(pool.submit(scan_batch, *task))
            front += 1
        if front < back:
            back -= 1
            for item in scan_tables(store, engine, schema, batches[back], sample_size, timings):
                found(item)
            collect(block=False)
        else:
            collect(block=True)


def scan_batch(
    store: str, url: str, schema: str | None, tables: list[Table], sample_size: int
) -> tuple[list[Scanned], dict[str, float]]:
    """A worker's task: the tables scanned on the worker's own engine for ``url``."""
    timings = {"sample": 0.0, "classify": 0.0}
    scanned = list(scan_tables(store, _engine(store, url), schema, tables, sample_size, timings))
    return scanned, timings


_ENGINES: dict[str, sa.Engine] = {}
"""A worker's engines (one per database it scans), disposed of when the worker ends."""


def _engine(store: str, url: str) -> sa.Engine:
    engine = _ENGINES.get(url)
    if engine is None:
        engine = _ENGINES[url] = open_engine(store, sa.make_url(url))
        atexit.register(engine.dispose)
    return engine
