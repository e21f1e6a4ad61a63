"""Tables sampled and classified one after the other, on one connection: the work of a scan
between reading the catalog and drafting, done by the scanning process or by a worker
(:mod:`kept.scan.parallel`) for its share of the tables."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import closing

import sqlalchemy as sa

from kept.check.classify import Classification, ColumnFacts, classify_table
from kept.scan.sample import sample_tables
from kept.scan.schema import Table

__all__ = ["Scanned", "facts_of", "scan_tables"]

_SAMPLED_KINDS = ("text", "number", "date", "binary")

Scanned = tuple[str, dict[str, Classification], int]
"""A table's name, what was found in its columns and how many values were sampled."""


def facts_of(table: Table) -> list[ColumnFacts]:
    """What the classifier knows of each column besides its values."""
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


def scan_tables(
    store: str,
    engine: sa.Engine,
    schema: str | None,
    tables: list[Table],
    sample_size: int,
    timings: dict[str, float],
) -> Iterator[Scanned]:
    """Each table sampled in one bounded query (several sent at a time on PostgreSQL, the next
    ones read while these are classified: :func:`sample_tables`) and classified, in order;
    the seconds spent go to ``timings["sample"]`` and ``timings["classify"]``."""
    wanted = [
        (
            table.name,
            [c.name for c in table.columns.values() if c.kind in _SAMPLED_KINDS],
            {c.name: c.type for c in table.columns.values()},
        )
        for table in tables
    ]
    with (
        engine.connect() as conn,
        closing(sample_tables(store, conn, wanted, sample_size, schema)) as samples,
    ):
        for table in tables:
            mark = time.perf_counter()
            sampled = next(samples)
            clock = time.perf_counter()
            found = classify_table(table.name, facts_of(table), sampled)
            done = time.perf_counter()
            timings["sample"] += clock - mark
            timings["classify"] += done - clock
            yield table.name, found, sum(map(len, sampled.values()))


def warm() -> None:
    """Load the classifier's word lists (a worker's first task, while the catalog is read)."""
    classify_table("warm", [ColumnFacts("name", "people")], {"name": ["Ola Nordmann"] * 3})
