"""What the examples' sample generators share: column builders, the rows being generated, and
writing them out.

Each ``kept.examples.<name>.sample`` declares its tables with the column builders below, fills
a :class:`Sample` (or a subclass with the company's own ways of making rows) and ends with
:func:`write`. Nothing here draws from the random generator except through the methods of
:class:`Sample`, so a generator's rows depend only on its own calls, in its own order.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from kept.examples import fake

__all__ = [
    "BATCH_SIZE",
    "SPAN_DAYS",
    "Row",
    "Sample",
    "boolean",
    "check_people",
    "fk",
    "integer",
    "naive_utc",
    "pk",
    "timestamp",
    "utcnow",
    "varchar",
    "write",
]

Row = dict[str, Any]
SPAN_DAYS = 5 * 365
"""How far back :meth:`Sample.when` reaches by default, in days."""
BATCH_SIZE = 1000
"""Rows per INSERT statement when :func:`write` fills a table."""

# ----------------------------------------------------------------------------- columns


def pk(*, autoincrement: bool = False) -> sa.Column[int]:
    """The integer primary key ``id``. The generators number their rows themselves; with
    ``autoincrement`` the database numbers rows inserted later too (a serial on PostgreSQL,
    whose sequence :func:`write` moves past the generated ids)."""
    return sa.Column(
        "id", sa.Integer, primary_key=True, autoincrement="auto" if autoincrement else False
    )


def fk(
    name: str, target: str, *, nullable: bool = False, ondelete: str | None = None
) -> sa.Column[int]:
    """A reference column, indexed (rights requests and retention sweeps join on it)."""
    return sa.Column(
        name, sa.Integer, sa.ForeignKey(target, ondelete=ondelete), nullable=nullable, index=True
    )


def varchar(name: str, length: int, *, nullable: bool = True, **kw: Any) -> sa.Column[str]:
    """A string column of at most ``length`` characters; ``kw`` (``unique``, ``index``,
    ``primary_key``) goes to the column."""
    return sa.Column(name, sa.String(length), nullable=nullable, **kw)


def timestamp(name: str, *, nullable: bool = True) -> sa.Column[dt.datetime]:
    """A timezone-naive UTC time."""
    return sa.Column(name, sa.DateTime, nullable=nullable)


def boolean(name: str, *, nullable: bool = True) -> sa.Column[bool]:
    """A flag."""
    return sa.Column(name, sa.Boolean, nullable=nullable)


def integer(name: str, *, nullable: bool = True) -> sa.Column[int]:
    """An integer that is not a reference."""
    return sa.Column(name, sa.Integer, nullable=nullable)


# ----------------------------------------------------------------------------- time


def utcnow() -> dt.datetime:
    """The current time as a timezone-naive UTC time, whole seconds."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def naive_utc(now: dt.datetime | None) -> dt.datetime:
    """``now`` (default: the current time) as a timezone-naive UTC time, whole seconds."""
    if now is None:
        return utcnow()
    if now.tzinfo is not None:
        now = now.astimezone(dt.UTC).replace(tzinfo=None)
    return now.replace(microsecond=0)


def check_people(people: int) -> None:
    """Refuse a sample of fewer than one person."""
    if people < 1:
        raise ValueError(f"people must be at least 1, not {people}")


# ----------------------------------------------------------------------------- rows


@dataclass
class Sample:
    """The rows being generated for ``metadata``'s tables, in memory, deterministically from
    one random generator and one ``now``."""

    metadata: sa.MetaData
    rng: random.Random
    now: dt.datetime
    rows: dict[str, list[Row]] = field(init=False)
    """Every table's rows by table name, in the order they were added."""

    def __post_init__(self) -> None:
        self.rows = {table.name: [] for table in self.metadata.sorted_tables}

    def add(self, table: sa.Table | str, row: Row | None = None, /, **values: Any) -> int:
        """Keep a row for ``table`` (given as ``row``, as ``values`` or both); returns its
        number in the table, which is its id: in a table with an ``id`` column a row without
        one gets that number."""
        name = table if isinstance(table, str) else table.name
        rows = self.rows[name]
        kept = {**(row or {}), **values}
        if "id" in self.metadata.tables[name].c:
            kept = {"id": len(rows) + 1, **kept}
        rows.append(kept)
        return len(rows)

    def counts(self, names: Iterable[str]) -> dict[str, int]:
        """The number of rows of each of the tables ``names``, in that order."""
        return {name: len(self.rows[name]) for name in names}

    def ago(self, days: float) -> dt.datetime:
        """A time in the last ``days`` days (second precision)."""
        return fake.timestamp(self.rng, self.now, days)

    def when(self, days: float = SPAN_DAYS, after: dt.datetime | None = None) -> dt.datetime:
        """A time in the last ``days`` days, or (given ``after``) between ``after`` and now."""
        if after is not None:
            days = max((self.now - after).total_seconds() / 86400, 0.001)
        return self.ago(days)

    def between(self, start: dt.datetime, end: dt.datetime | None = None) -> dt.datetime:
        """A time between ``start`` and ``end`` (default: now), at second precision."""
        stop = self.now if end is None else min(end, self.now)
        if stop <= start:
            return start
        span = int((stop - start).total_seconds())
        return start + dt.timedelta(seconds=self.rng.randint(0, span))

    def after(self, start: dt.datetime, max_hours: float) -> dt.datetime:
        """A time up to ``max_hours`` after ``start``, never after now."""
        return self.between(start, start + dt.timedelta(hours=max_hours))

    def token(self, length: int) -> str:
        """A random token of ``length`` letters and digits."""
        return fake.token(self.rng, length)

    def uuid4(self) -> str:
        """A random (version 4) UUID."""
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))


# ----------------------------------------------------------------------------- writing out


def write(engine: sa.Engine, sample: Sample) -> None:
    """(Re)create the sample's tables in ``engine`` and insert its rows, in one transaction.

    The rows of a table must all have the same keys: the first row of each batch of
    :data:`BATCH_SIZE` decides which columns its INSERT sets.
    """
    metadata = sample.metadata
    with engine.begin() as conn:
        metadata.drop_all(conn)
        metadata.create_all(conn)
        for table in metadata.sorted_tables:
            for batch in _batches(sample.rows[table.name], BATCH_SIZE):
                conn.execute(table.insert(), batch)
        if conn.dialect.name == "postgresql":
            _advance_sequences(conn, metadata)


def _batches(rows: Sequence[Row], size: int) -> Iterator[Sequence[Row]]:
    """``rows`` in slices of at most ``size``."""
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _advance_sequences(conn: sa.Connection, metadata: sa.MetaData) -> None:
    """Explicit ids leave PostgreSQL's serial sequences behind; move them past the data."""
    for table in metadata.sorted_tables:
        column = table.autoincrement_column
        if column is None:  # no sequence: the ids are always given
            continue
        conn.execute(
            sa.text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', '{column.name}'), "
                f"COALESCE((SELECT MAX({column.name}) FROM {table.name}), 0) + 1, false)"
            )
        )
