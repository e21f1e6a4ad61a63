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
import pickle
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

import sqlalchemy as sa

from kept.scan.batch import Scanned, scan_tables, warm
from kept.scan.schema import Table
from kept.stores.engine import open_engine

__all__ = ["PARALLEL_FROM", "ParallelScan", "default_workers", "open_pool"]

PARALLEL_FROM = 200
"""Tables from which worker processes scan beside this one (below it, starting them costs
more than it saves)."""

_BATCH = 20  # tables a worker scans per task
_AHEAD = 4  # batches a worker is given while the scanning process reads the constraints

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


def open_pool(workers: int) -> tuple[ProcessPoolExecutor, list[Future[None]]]:
    """Worker processes, started at once, and their first tasks: loading the classifier
    while the catalog is read."""
    context = multiprocessing.get_context("spawn")  # no fork of a process with connections
    pool = ProcessPoolExecutor(workers, mp_context=context)
    return pool, [pool.submit(warm) for _ in range(workers)]


class ParallelScan:
    """Tables scanned by the pool's workers and this process; ``found`` is told of each table
    as it is done (in no fixed order). :meth:`start` hands the workers their first batches
    as soon as the tables' columns are known (the scanning process reads the keys and
    constraints meanwhile); :meth:`finish` shares out the rest and waits for all."""

    def __init__(
        self,
        pool: ProcessPoolExecutor,
        warming: list[Future[None]],
        store: str,
        engine: sa.Engine,
        schema: str | None,
        sample_size: int,
        timings: dict[str, float],
        found: Found,
    ) -> None:
        self.pool, self.warming, self.store, self.engine = pool, warming, store, engine
        self.schema, self.sample_size = schema, sample_size
        self.timings, self.found = timings, found
        self._url = engine.url.render_as_string(hide_password=False)
        self._batches: list[list[Table]] = []
        self._front = self._back = 0
        self._pending: set[Future[tuple[list[Scanned], dict[str, float]]]] = set()

    def start(self, tables: dict[str, Table]) -> None:
        """The tables to scan (views left out), and the workers' first batches."""
        real = [t for t in tables.values() if not t.view]
        self._batches = [real[i : i + _BATCH] for i in range(0, len(real), _BATCH)]
        self._front, self._back = 0, len(self._batches)
        self._submit(_AHEAD)

    def finish(self) -> None:
        while self._front < self._back or self._pending:
            self._submit(2)  # each worker: one running, one next
            if self._front < self._back:
                self._back -= 1
                batch = self._batches[self._back]
                scanned = scan_tables(
                    self.store, self.engine, self.schema, batch, self.sample_size, self.timings
                )
                for item in scanned:
                    self.found(item)
                self._collect(block=False)
            else:
                self._collect(block=True)

    def _submit(self, per_worker: int) -> None:
        """Batches for the workers up and ready (a worker still starting is given none: this
        process would end up waiting for it)."""
        ready = sum(1 for future in self.warming if future.done())
        while self._front < self._back and len(self._pending) < ready * per_worker:
            # pickled now: this process goes on filling in the tables' keys and constraints
            batch = pickle.dumps(self._batches[self._front], protocol=pickle.HIGHEST_PROTOCOL)
            task = (self.store, self._url, self.schema, batch, self.sample_size)
            self._pending.add(self.pool.submit(scan_batch, *task))
            self._front += 1

    def _collect(self, block: bool) -> None:
        timeout = None if block else 0
        done, _ = wait(self._pending, timeout=timeout, return_when=FIRST_COMPLETED)
        for future in done:
            self._pending.discard(future)
            scanned, spent = future.result()  # a worker's error, raised here
            for key, seconds in spent.items():
                self.timings[key] = self.timings.get(key, 0.0) + seconds
            for item in scanned:
                self.found(item)


def scan_batch(
    store: str, url: str, schema: str | None, pickled: bytes, sample_size: int
) -> tuple[list[Scanned], dict[str, float]]:
    """A worker's task: the tables (pickled) scanned on the worker's own engine for ``url``."""
    tables: list[Table] = pickle.loads(pickled)
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
