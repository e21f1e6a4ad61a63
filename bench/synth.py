"""A large synthetic company database, generated inside the database, and its Kept manifest.

Schema (``N`` = ``tables``)::

    people(id PK, email UNIQUE, phone, full_name, created_at, tenant_id)
    events_1..events_N(id PK, person_id → people.id, tenant_id, created_at,
                       ip_address, note, amount)
    event_details(id PK, event_id → events_1.id, tenant_id, created_at, user_agent, detail)

Every value is a pure function of the row number and the seed (integer hashing in SQL), so the
same seed gives the same rows on every run and on every database. The rows are produced by the
database itself: ``INSERT ... SELECT ... FROM generate_series(...)`` on PostgreSQL, the
``seq_1_to_N`` sequence tables on MariaDB, a recursive CTE on SQLite; keys, indexes and foreign
keys are built after the load, then ``ANALYZE``.

- Person ``p`` has ``rows_per_person[k-1]`` rows in ``events_k``, spread through the table (row
  ``g`` belongs to person ``(g - 1) % people + 1``), plus ``heavy_rows`` more in the first
  ``heavy_tables`` tables if ``p == 1`` (the *heavy person*, for erasures of 10,000 rows).
- Each ``events_1`` row has ``details_per_event`` rows in ``event_details``.
- Tenants: a person's tenant is a hash of its id, copied to all its rows.
- Times: a person is created within the last ``years`` years before ``end``; each of its
  events happens between then and ``end``; details share their event's time.

Use :func:`generate` or ``python -m bench.synth --url URL --people N --tables T
--rows-per-person R``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Literal

import sqlalchemy as sa
import yaml
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from sqlalchemy.engine import URL
from sqlalchemy.schema import AddConstraint, CreateIndex, CreateTable

from bench.dbs import admin_url, create_database, parse_url
from kept.examples.fake import FIRST_NAMES, LAST_NAMES, MAIL_DOMAINS

__all__ = [
    "CHUNK",
    "END",
    "OUT",
    "Chunk",
    "Column",
    "Sql",
    "SynthInfo",
    "SynthSpec",
    "build_manifest",
    "build_schema",
    "details_columns",
    "events_columns",
    "execute",
    "generate",
    "layout",
    "load_engine",
    "load_plan",
    "main",
    "make_table",
    "people_columns",
    "write_manifest",
]

END = dt.datetime(2026, 1, 1)
"""The default end of the generated time span (fixed, so a seed gives the same database)."""
OUT = Path(__file__).resolve().parent / "out"
"""Where manifests of server databases are written by default (git-ignored)."""

DATASET = "synth"
CHUNK = 500_000
"""Rows per INSERT statement: the granularity of progress (and of PostgreSQL transactions)."""
_MAX_ROWS = 2**32
"""Row numbers stay below this so the integer hashing never overflows 63 bits."""

_M1, _M2 = 2_147_483_647, 2_147_483_629  # primes below 2**31

NOTES = (
    "please call before delivery",
    "gift wrap requested",
    "customer asked about a refund",
    "leave the parcel at the front desk",
    "upgrade to the annual plan",
    "payment retried after a decline",
    "address changed by the customer",
    "support ticket reopened",
    "newsletter signup at checkout",
    "coupon applied at checkout",
)
DETAILS = (
    "page view",
    "button click",
    "form submitted",
    "login succeeded",
    "password reset requested",
    "item added to cart",
    "search performed",
    "video played",
)
USER_AGENTS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Firefox/128.0",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) Safari/605.1.15",
    "Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0 Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Mobile/15E148",
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) Chrome/126.0 Mobile",
    "okhttp/4.12.0",
)
COUNTRY_CODES = ("47", "46", "45", "49", "33", "44")
"""Two-digit E.164 country codes; a phone is ``+CC`` and nine digits."""


# --------------------------------------------------------------------------- the specification


@dataclass(frozen=True)
class SynthSpec:
    """What to generate. Sizes are validated by :meth:`check`."""

    people: int
    tables: int
    rows_per_person: tuple[int, ...]
    seed: int = 0
    heavy_rows: int = 0
    heavy_tables: int = 1
    details_per_event: int = 1
    tenants: int = 1
    years: float = 5.0
    end: dt.datetime = END

    def check(self) -> None:
        """Raise :class:`ValueError` on sizes that cannot be generated."""
        if self.people < 1 or self.tables < 1 or self.tenants < 1:
            raise ValueError("people, tables and tenants must each be at least 1")
        if len(self.rows_per_person) != self.tables:
            raise ValueError(
                f"rows_per_person has {len(self.rows_per_person)} values for {self.tables} tables"
            )
        if min(self.rows_per_person) < 0 or self.heavy_rows < 0 or self.details_per_event < 0:
            raise ValueError("row counts cannot be negative")
        if not 0 <= self.heavy_tables <= self.tables:
            raise ValueError("heavy_tables must be between 0 and the number of tables")
        if self.years <= 0:
            raise ValueError("years must be positive")
        biggest = max(self.expected_rows().values())
        if biggest >= _MAX_ROWS:
            raise ValueError(f"a table would have {biggest:,} rows; the limit is {_MAX_ROWS:,}")

    def events_rows(self, k: int) -> int:
        """Rows of ``events_k`` (1-based)."""
        heavy = self.heavy_rows if k <= self.heavy_tables else 0
        return self.people * self.rows_per_person[k - 1] + heavy

    def expected_rows(self) -> dict[str, int]:
        """Rows per table, in load order."""
        rows = {"people": self.people}
        rows.update({f"events_{k}": self.events_rows(k) for k in range(1, self.tables + 1)})
        rows["event_details"] = self.events_rows(1) * self.details_per_event
        return rows

    @property
    def span_seconds(self) -> int:
        return int(self.years * 365.25 * 86400)


@dataclass
class SynthInfo:
    """What :func:`generate` did: rows per table, seconds per phase, the manifest written."""

    url: str
    """The database, password hidden."""
    dialect: str
    spec: SynthSpec
    rows: dict[str, int]
    """Rows per table, counted after the load (and checked against the specification)."""
    timings: dict[str, float]
    """Seconds per phase: schema, load, indexes, analyze, verify, manifest, and total."""
    manifest: Path | None
    heavy_email: str
    """E-mail of person 1: the heavy person when ``heavy_rows`` > 0."""
    sample_emails: list[str] = field(default_factory=list)
    """E-mails of persons 1 to 5."""

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())

    @property
    def seconds(self) -> float:
        return self.timings["total"]

    @property
    def rows_per_second(self) -> float:
        return self.total_rows / self.seconds if self.seconds > 0 else 0.0

    def summary(self) -> dict[str, Any]:
        """A JSON-ready description."""
        return {
            "url": self.url,
            "dialect": self.dialect,
            "rows": self.rows,
            "total_rows": self.total_rows,
            "timings": {k: round(v, 3) for k, v in self.timings.items()},
            "rows_per_second": round(self.rows_per_second),
            "manifest": str(self.manifest) if self.manifest else None,
            "heavy_email": self.heavy_email,
        }


# --------------------------------------------------------------------------- the schema


@dataclass(frozen=True)
class Column:
    """One column: its SQL type, its manifest tagging, and its keys."""

    name: str
    type: Literal["id", "int", "str", "time", "money"]
    categories: tuple[str, ...]
    identity: str | None = None
    primary_key: bool = False
    references: str | None = None
    index: Literal["unique", "plain"] | None = None
    length: int = 255

    @property
    def erasable(self) -> bool:
        """A personal value of its own (not a key): erasure may set it to NULL."""
        personal = any(c.startswith("user.") for c in self.categories)
        return personal and not self.primary_key and not self.references


def people_columns() -> tuple[Column, ...]:
    return (
        Column("id", "id", ("user.unique_id",), primary_key=True),
        Column("email", "str", ("user.contact.email",), identity="email", index="unique"),
        Column(
            "phone",
            "str",
            ("user.contact.phone_number",),
            identity="phone_number",
            index="plain",
            length=32,
        ),
        Column("full_name", "str", ("user.name",)),
        Column("created_at", "time", ("system.operations",)),
        Column("tenant_id", "int", ("system.operations",)),
    )


def events_columns() -> tuple[Column, ...]:
    return (
        Column("id", "id", ("system.operations",), primary_key=True),
        Column("person_id", "id", ("user.unique_id",), references="people.id", index="plain"),
        Column("tenant_id", "int", ("system.operations",)),
        Column("created_at", "time", ("system.operations",)),
        Column("ip_address", "str", ("user.device.ip_address",), length=45),
        Column("note", "str", ("user.content.private",)),
        Column("amount", "money", ("user.behavior.purchase_history",)),
    )


def details_columns() -> tuple[Column, ...]:
    return (
        Column("id", "id", ("system.operations",), primary_key=True),
        Column("event_id", "id", ("system.operations",), references="events_1.id", index="plain"),
        Column("tenant_id", "int", ("system.operations",)),
        Column("created_at", "time", ("system.operations",)),
        Column("user_agent", "str", ("user.device",)),
        Column("detail", "str", ("user.behavior.browsing_history",)),
    )


def layout(spec: SynthSpec) -> dict[str, tuple[Column, ...]]:
    """The tables and their columns, parents before children."""
    tables = {"people": people_columns()}
    tables.update({f"events_{k}": events_columns() for k in range(1, spec.tables + 1)})
    tables["event_details"] = details_columns()
    return tables


_NAMING = {
    "pk": "%(table_name)s_pkey",
    "fk": "%(table_name)s_%(column_0_name)s_fkey",
    "ix": "ix_%(table_name)s_%(column_0_name)s",
}


def _sa_type(column: Column) -> sa.types.TypeEngine[Any]:
    if column.type == "id":
        # SQLite only makes INTEGER PRIMARY KEY an alias of the rowid (no second index).
        return sa.BigInteger().with_variant(sa.Integer(), "sqlite")
    if column.type == "int":
        return sa.Integer()
    if column.type == "time":
        return sa.DateTime()
    if column.type == "money":
        return sa.Numeric(12, 2)
    return sa.String(column.length)


def make_table(
    metadata: sa.MetaData,
    name: str,
    columns: Sequence[Column],
    *,
    keys: bool = True,
    unlogged: bool = False,
) -> sa.Table:
    """A table of ``columns``; ``keys=False`` leaves out primary keys, foreign keys, indexes."""
    table = sa.Table(
        name,
        metadata,
        *(
            sa.Column(
                c.name,
                _sa_type(c),
                *([sa.ForeignKey(c.references)] if keys and c.references else []),
                primary_key=keys and c.primary_key,
                # Erasure nullifies personal values: those columns take NULL, keys do not.
                nullable=c.erasable,
                autoincrement=False,
            )
            for c in columns
        ),
        prefixes=["UNLOGGED"] if unlogged else [],
        mysql_engine="InnoDB",
    )
    for c in columns:
        if keys and c.index:
            sa.Index(None, table.c[c.name], unique=c.index == "unique")
    return table


def build_schema(spec: SynthSpec, *, keys: bool = True, unlogged: bool = False) -> sa.MetaData:
    """The tables as SQLAlchemy metadata; ``keys=False`` leaves out keys and indexes."""
    metadata = sa.MetaData(naming_convention=_NAMING)
    for name, columns in layout(spec).items():
        make_table(metadata, name, columns, keys=keys, unlogged=unlogged)
    return metadata


# --------------------------------------------------------------------------- the manifest


def _store_url(url: URL) -> str:
    """The URL to write in a manifest: absolute SQLite paths, no literal password."""
    if url.get_backend_name() == "sqlite" and url.database:
        url = url.set(database=str(Path(url.database).resolve()))
    text = url.render_as_string(hide_password=False)
    if url.password:
        text = url.set(password="PASSWORD").render_as_string(hide_password=False)
        text = text.replace(":PASSWORD@", ":${KEPT_STORE_PASSWORD}@")
    return text


def _manifest_field(column: Column) -> dict[str, Any]:
    entry: dict[str, Any] = {"name": column.name, "data_categories": list(column.categories)}
    meta: dict[str, Any] = {}
    if column.primary_key:
        meta["primary_key"] = True
    if column.identity:
        meta["identity"] = column.identity
    if column.references:
        meta["references"] = [{"dataset": DATASET, "field": column.references, "direction": "from"}]
    if meta:
        entry["fides_meta"] = meta
    return entry


def build_manifest(spec: SynthSpec, url: str | URL) -> dict[str, Any]:
    """The Kept manifest of the synthetic database (fideslang Dataset shape)."""
    return {
        "kept": 1,
        "organization": {
            "name": "Synthetic Co",
            "description": "A synthetic company generated by bench.synth for benchmarks.",
            "jurisdictions": ["eu"],
        },
        "stores": [{"name": DATASET, "url": _store_url(parse_url(url))}],
        "dataset": [
            {
                "fides_key": DATASET,
                "name": "Synthetic company database",
                "tenant_column": "tenant_id",
                "collections": [
                    {"name": name, "fields": [_manifest_field(c) for c in columns]}
                    for name, columns in layout(spec).items()
                ],
            }
        ],
    }


def default_manifest_path(url: URL) -> Path:
    """Beside a SQLite file (``x.sqlite`` → ``x.kept.yaml``); else ``bench/out/<db>.kept.yaml``."""
    if url.get_backend_name() == "sqlite" and url.database:
        path = Path(url.database)
        return path.with_name(path.stem + ".kept.yaml")
    return OUT / f"{url.database or 'synth'}.kept.yaml"


def write_manifest(spec: SynthSpec, url: str | URL, path: Path) -> Path:
    """Write :func:`build_manifest` as YAML to ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    header = (
        "# Generated by bench.synth: a synthetic company database for benchmarks.\n"
        f"# people={spec.people} tables={spec.tables} rows_per_person="
        f"{','.join(map(str, spec.rows_per_person))} seed={spec.seed}\n"
    )
    body = yaml.safe_dump(build_manifest(spec, url), sort_keys=False, width=100)
    path.write_text(header + body, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- value expressions


class Sql:
    """SQL expressions that compute the synthetic values, in one database's dialect."""

    def __init__(self, dialect: str, spec: SynthSpec, *, sequence_tables: bool = True) -> None:
        self.dialect = dialect
        self.spec = spec
        # MariaDB's SEQUENCE engine (seq_1_to_N); MySQL has none and gets a recursive CTE.
        self.sequence_tables = sequence_tables and dialect == "mysql"

    # -- dialect differences

    def concat(self, *parts: str) -> str:
        if self.dialect == "mysql":
            return f"CONCAT({', '.join(parts)})"
        return "(" + " || ".join(parts) + ")"

    def idiv(self, a: str, b: int) -> str:
        return f"(({a}) DIV {b})" if self.dialect == "mysql" else f"(({a}) / {b})"

    def timestamp(self, seconds_before_end: str) -> str:
        end = self.spec.end
        if self.dialect == "sqlite":
            epoch = int(end.replace(tzinfo=dt.UTC).timestamp())
            # SQLAlchemy's storage format for DateTime on SQLite, so comparisons line up.
            return (
                f"(strftime('%Y-%m-%d %H:%M:%S', {epoch} - ({seconds_before_end}), "
                f"'unixepoch') || '.000000')"
            )
        literal = f"TIMESTAMP '{end:%Y-%m-%d %H:%M:%S}'"
        if self.dialect == "mysql":
            return f"({literal} - INTERVAL ({seconds_before_end}) SECOND)"
        return f"({literal} - ({seconds_before_end}) * INTERVAL '1 second')"

    def money(self, cents: str) -> str:
        if self.dialect == "postgresql":
            return f"(CAST({cents} AS numeric) / 100)"
        return f"(({cents}) / 100.0)" if self.dialect == "sqlite" else f"(({cents}) / 100)"

    def series(self, name: str, lo: int, hi: int) -> tuple[str, str]:
        """A ``(WITH prefix, FROM item)`` pair yielding the integers ``lo..hi`` as ``name``."""
        if self.dialect == "postgresql":
            return "", f"generate_series(CAST({lo} AS bigint), {hi}) AS {name}({name})"
        if self.sequence_tables:
            return "", f"(SELECT seq AS {name} FROM seq_{lo}_to_{hi}) AS {name}_t"
        # MySQL types a recursive CTE's column after its first SELECT: make it a BIGINT.
        first = f"CAST({lo} AS SIGNED)" if self.dialect == "mysql" else str(lo)
        cte = (
            f"{name}_t({name}) AS (SELECT {first} UNION ALL "
            f"SELECT {name} + 1 FROM {name}_t WHERE {name} < {hi})"
        )
        return cte, f"{name}_t"

    # -- pseudo-random values

    def mix(self, expr: str, salt: str) -> str:
        """An integer in ``[0, 2**31)`` that looks random, a pure function of ``expr``.

        ``h = (expr + b) * a mod p`` scatters the input; squaring ``h`` modulo a second prime
        removes the linear relation between consecutive inputs (products stay below 2**63).
        """
        rng = random.Random(f"{self.spec.seed}:{salt}")
        a, b, c = rng.randrange(2**20, 2**29), rng.randrange(2**30), rng.randrange(2**30)
        h = f"(((({expr}) + {b}) * {a}) % {_M1})"
        return f"(({h} * {h} + {c}) % {_M2})"

    def pick(self, words: Sequence[str], expr: str, salt: str) -> str:
        """One of ``words``, chosen by hashing ``expr`` (an array, ``ELT`` or ``CASE``)."""
        index = f"{self.mix(expr, salt)} % {len(words)}"
        quoted = ["'" + w.replace("'", "''") + "'" for w in words]
        if self.dialect == "postgresql":
            return f"(ARRAY[{', '.join(quoted)}])[{index} + 1]"
        if self.dialect == "mysql":
            return f"ELT({index} + 1, {', '.join(quoted)})"
        cases = " ".join(f"WHEN {i} THEN {w}" for i, w in enumerate(quoted))
        return f"(CASE {index} {cases} END)"

    def tenant(self, person: str) -> str:
        return f"({self.mix(person, 'tenant')} % {self.spec.tenants} + 1)"

    def person_age(self, person: str) -> str:
        """Seconds between a person's creation and the end of the time span."""
        return f"({self.mix(person, 'created')} % {self.spec.span_seconds})"

    # -- statements

    def insert(self, table: str, columns: Sequence[str], select: str, prefix: str = "") -> str:
        """``INSERT INTO table (columns) [WITH RECURSIVE prefix] select``."""
        with_ = f"WITH RECURSIVE {prefix} " if prefix else ""
        return f"INSERT INTO {table} ({', '.join(columns)}) {with_}{select}"

    def people(self, lo: int, hi: int) -> str:
        prefix, source = self.series("g", lo, hi)
        first_name = self.pick(FIRST_NAMES, "g", "first")
        last_name = self.pick(LAST_NAMES, "g", "last")
        email = self.concat(
            f"LOWER({first_name})",
            "'.'",
            f"LOWER({last_name})",
            "g",
            "'@'",
            self.pick(MAIL_DOMAINS, "g", "domain"),
        )
        phone = self.concat(
            "'+'",
            self.pick(COUNTRY_CODES, "g", "country"),
            f"(100000000 + {self.mix('g', 'phone')} % 900000000)",
        )
        full_name = self.concat(first_name, "' '", last_name)
        select = (
            f"SELECT g, {email}, {phone}, {full_name}, "
            f"{self.timestamp(self.person_age('g'))}, {self.tenant('g')} FROM {source}"
        )
        columns = ("id", "email", "phone", "full_name", "created_at", "tenant_id")
        return self.insert("people", columns, select, prefix)

    def events(self, k: int, lo: int, hi: int) -> str:
        spec = self.spec
        prefix, source = self.series("g", lo, hi)
        regular = spec.people * spec.rows_per_person[k - 1]
        person = f"(CASE WHEN g > {regular} THEN 1 ELSE (g - 1) % {spec.people} + 1 END)"
        age = f"({self.mix('g', f'event{k}')} % ({self.person_age(person)} + 1))"
        ip = self.mix("g", f"ip{k}")
        ip_text = self.concat(
            f"({ip} % 223 + 1)",
            "'.'",
            f"({self.idiv(ip, 223)} % 256)",
            "'.'",
            f"({self.idiv(ip, 57088)} % 256)",
            "'.'",
            f"({self.idiv(ip, 14614528)} % 254 + 1)",
        )
        note = self.concat(self.pick(NOTES, "g", f"note{k}"), "' (order '", "g", "')'")
        amount = self.money(f"{self.mix('g', f'amount{k}')} % 100000")
        select = (
            f"SELECT g, {person}, {self.tenant(person)}, {self.timestamp(age)}, {ip_text}, "
            f"{note}, {amount} FROM {source}"
        )
        columns = ("id", "person_id", "tenant_id", "created_at", "ip_address", "note", "amount")
        return self.insert(f"events_{k}", columns, select, prefix)

    def details(self, lo: int, hi: int) -> str:
        """Details of the ``events_1`` rows with ids ``lo..hi``."""
        per = self.spec.details_per_event
        if per == 1:
            prefix, source, detail_id, seq = "", "events_1 e", "e.id", "1"
        else:
            prefix, series = self.series("k", 1, per)
            source = f"events_1 e CROSS JOIN {series}"
            detail_id, seq = f"((e.id - 1) * {per} + k)", "k"
        text = self.concat(self.pick(DETAILS, detail_id, "detail"), "' (step '", seq, "')'")
        select = (
            f"SELECT {detail_id}, e.id, e.tenant_id, e.created_at, "
            f"{self.pick(USER_AGENTS, detail_id, 'agent')}, {text} "
            f"FROM {source} WHERE e.id BETWEEN {lo} AND {hi}"
        )
        columns = ("id", "event_id", "tenant_id", "created_at", "user_agent", "detail")
        return self.insert("event_details", columns, select, prefix)


def chunks(total: int, size: int | None = None) -> Iterator[tuple[int, int]]:
    """``(lo, hi)`` ranges of ``size`` (default :data:`CHUNK`) covering ``1..total``."""
    step = size or CHUNK
    for lo in range(1, total + 1, step):
        yield lo, min(lo + step - 1, total)


# --------------------------------------------------------------------------- progress


class _Progress:
    """A rich progress bar on stderr (one line per table, then indexes), or nothing."""

    def __init__(self, enabled: bool) -> None:
        self.bar: Progress | None = None
        if enabled:
            self.bar = Progress(
                TextColumn("{task.description:<15}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=False,
            )
        self.tasks: dict[str, TaskID] = {}
        self.lock = threading.Lock()

    def __enter__(self) -> _Progress:
        if self.bar:
            self.bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar:
            self.bar.stop()

    def add(self, name: str, total: int) -> None:
        if self.bar:
            self.tasks[name] = self.bar.add_task(name, total=total)

    def advance(self, name: str, rows: int) -> None:
        if self.bar:
            with self.lock:
                self.bar.advance(self.tasks[name], rows)


# --------------------------------------------------------------------------- the loaders


def execute(conn: sa.Connection, sql: str) -> sa.CursorResult[Any]:
    """Run literal SQL as is: no parameters, so ``%`` needs no escaping for any driver."""
    return conn.exec_driver_sql(sql, execution_options={"no_parameters": True})


@contextmanager
def _phase(timings: dict[str, float], name: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        timings[name] = timings.get(name, 0.0) + time.perf_counter() - start


# Per-connection settings for a bulk load into a throwaway database: no waiting for the disk
# at commit, memory for sorted index builds, no JIT for the wide expressions; on MariaDB no
# checks the generator's own keys make redundant; on SQLite no fsync and a large page cache.
_SETTINGS = {
    "postgresql": (
        "SET synchronous_commit = off",
        "SET maintenance_work_mem = '512MB'",
        "SET jit = off",
    ),
    "mysql": (
        "SET SESSION unique_checks = 0",
        "SET SESSION foreign_key_checks = 0",
        # Recursive CTEs (used without MariaDB's sequence tables) stop at 1,000 rows by default;
        # the first name is MariaDB's, the second MySQL's: each server rejects the other's.
        "? SET SESSION max_recursive_iterations = 4294967295",
        "? SET SESSION cte_max_recursion_depth = 4294967295",
    ),
    "sqlite": (
        "PRAGMA foreign_keys = OFF",
        "PRAGMA synchronous = OFF",
        "PRAGMA cache_size = -262144",
        "PRAGMA temp_store = MEMORY",
    ),
}


def load_engine(url: URL, jobs: int = 1) -> sa.Engine:
    """An engine whose connections carry the bulk-load settings (up to ``jobs`` at once)."""
    engine = sa.create_engine(url, pool_size=max(1, jobs), max_overflow=0)
    settings = _SETTINGS.get(engine.dialect.name, ())

    def setup(dbapi_conn: Any, _record: Any) -> None:
        cursor = dbapi_conn.cursor()
        for statement in settings:
            if statement.startswith("? "):  # optional: the server may not know the variable
                try:
                    cursor.execute(statement[2:])
                except Exception:  # the driver's error for an unknown system variable
                    continue
            else:
                cursor.execute(statement)
        cursor.close()
        dbapi_conn.commit()  # a SET inside a rolled-back transaction would be undone

    sa.event.listen(engine, "connect", setup)
    return engine


@dataclass(frozen=True)
class Chunk:
    """One ``INSERT ... SELECT`` of the load; ``after`` is a chunk it reads (by position)."""

    table: str
    sql: str
    rows: int
    after: int | None = None


def load_plan(spec: SynthSpec, sql: Sql) -> list[Chunk]:
    """The load as chunks, interleaved across tables so parallel connections stay busy.

    Rows of ``event_details`` are read from ``events_1``: the details of an ``events_1`` chunk
    come one round after it, and name it in ``after``.
    """
    streams = [[Chunk("people", sql.people(lo, hi), hi - lo + 1) for lo, hi in chunks(spec.people)]]
    for k in range(1, spec.tables + 1):
        streams.append(
            [
                Chunk(f"events_{k}", sql.events(k, lo, hi), hi - lo + 1)
                for lo, hi in chunks(spec.events_rows(k))
            ]
        )
    per = spec.details_per_event
    parents = list(chunks(spec.events_rows(1))) if per else []
    plan: list[Chunk] = []
    parent_at: dict[int, int] = {}

    def details(j: int) -> None:
        first, last = parents[j]
        step = max(1, CHUNK // per)
        for lo in range(first, last + 1, step):
            hi = min(lo + step - 1, last)
            statement = sql.details(lo, hi)
            plan.append(Chunk("event_details", statement, (hi - lo + 1) * per, parent_at[j]))

    rounds = max(len(stream) for stream in streams)
    for r in range(rounds):
        for stream in streams:
            if r < len(stream):
                if stream[r].table == "events_1":
                    parent_at[r] = len(plan)
                plan.append(stream[r])
        if 0 < r <= len(parents):
            details(r - 1)
    for j in range(max(0, rounds - 1), len(parents)):
        details(j)
    return plan


def _drop_existing(engine: sa.Engine) -> None:
    """Drop the synthetic tables left by an earlier run, whatever their number."""
    names = set(sa.inspect(engine).get_table_names())
    ours = [n for n in names if n.startswith("events_") and n[7:].isdigit()]
    order = ["event_details", *sorted(ours, key=lambda n: int(n[7:])), "people"]
    quote = engine.dialect.identifier_preparer.quote
    cascade = " CASCADE" if engine.dialect.name == "postgresql" else ""
    with engine.begin() as conn:
        for name in order:
            if name in names:
                execute(conn, f"DROP TABLE IF EXISTS {quote(name)}{cascade}")


def _has_sequence_tables(engine: sa.Engine) -> bool:
    """Whether the server has MariaDB's ``seq_1_to_N`` tables."""
    if engine.dialect.name != "mysql":
        return False
    try:
        with engine.connect() as conn:
            execute(conn, "SELECT seq FROM seq_1_to_1").all()
    except sa.exc.DBAPIError:
        return False
    return True


class _Loader:
    """Runs the phases of a generation: tables, rows, keys and indexes, statistics."""

    def __init__(
        self, engine: sa.Engine, spec: SynthSpec, progress: _Progress, jobs: int, unlogged: bool
    ) -> None:
        self.engine = engine
        self.dialect = engine.dialect.name
        self.spec = spec
        self.sql = Sql(self.dialect, spec, sequence_tables=_has_sequence_tables(engine))
        self.progress = progress
        self.jobs = 1 if self.dialect == "sqlite" else max(1, jobs)
        self.unlogged = unlogged and self.dialect == "postgresql"
        self.timings: dict[str, float] = {}
        self.schema = build_schema(spec, keys=True, unlogged=self.unlogged)
        self.quote = engine.dialect.identifier_preparer.quote

    # PostgreSQL gets its primary keys after the load (a sorted index build is faster than
    # maintaining the index row by row); InnoDB and SQLite store rows in primary-key order, so
    # there the key is declared up front and rows arrive in key order.
    @property
    def deferred_primary_keys(self) -> bool:
        return self.dialect == "postgresql"

    def run(self) -> None:
        with _phase(self.timings, "schema"):
            self.create_tables()
        with _phase(self.timings, "load"):
            self.load()
        with _phase(self.timings, "indexes"):
            self.build_indexes()
        with _phase(self.timings, "analyze"):
            self.analyze()

    def create_tables(self) -> None:
        _drop_existing(self.engine)
        plain = build_schema(self.spec, keys=False, unlogged=self.unlogged)
        with self.engine.begin() as conn:
            if self.dialect == "sqlite":
                execute(conn, "PRAGMA journal_mode = WAL")
            for table in self.schema.sorted_tables:
                if self.deferred_primary_keys:
                    conn.execute(CreateTable(plain.tables[table.name]))
                elif self.dialect == "sqlite":
                    conn.execute(CreateTable(table))  # SQLite cannot add keys later
                else:
                    conn.execute(CreateTable(table, include_foreign_key_constraints=[]))

    # -- rows

    def load(self) -> None:
        plan = load_plan(self.spec, self.sql)
        for name in self.spec.expected_rows():
            self.progress.add(name, sum(c.rows for c in plan if c.table == name))
        if self.jobs == 1:  # one transaction, in plan order (which respects ``after``)
            with self.engine.begin() as conn:
                for chunk in plan:
                    execute(conn, chunk.sql)
                    self.progress.advance(chunk.table, chunk.rows)
            return
        # The pool takes tasks in order, so a chunk's ``after`` has started before it.
        with ThreadPoolExecutor(max_workers=self.jobs) as pool:
            futures: list[Future[None]] = []
            for chunk in plan:
                before = futures[chunk.after] if chunk.after is not None else None
                futures.append(pool.submit(self._load_chunk, chunk, before))
            for future in futures:
                future.result()

    def _load_chunk(self, chunk: Chunk, before: Future[None] | None) -> None:
        if before is not None:
            before.result()
        with self.engine.begin() as conn:
            execute(conn, chunk.sql)
        self.progress.advance(chunk.table, chunk.rows)

    # -- keys, indexes, statistics

    def _index_plan(self) -> tuple[list[str], list[str], list[str]]:
        """Index builds (biggest tables first), then primary keys, then foreign keys."""
        rows = self.spec.expected_rows()
        tables = sorted(self.schema.sorted_tables, key=lambda t: -rows[t.name])
        dialect = self.engine.dialect
        builds: list[str] = []
        keys: list[str] = []
        for table in tables:
            name = self.quote(table.name)
            if self.deferred_primary_keys:
                # Built like any index (in parallel with the others), then adopted as the key.
                pkey = self.quote(f"{table.name}_pkey")
                builds.append(f"CREATE UNIQUE INDEX {pkey} ON {name} (id)")
                keys.append(
                    f"ALTER TABLE {name} ADD CONSTRAINT {pkey} PRIMARY KEY USING INDEX {pkey}"
                )
            for index in sorted(table.indexes, key=lambda i: str(i.name)):
                builds.append(str(CreateIndex(index).compile(dialect=dialect)))
        foreign = [
            str(AddConstraint(fk).compile(dialect=dialect))
            for table in tables
            for fk in table.foreign_key_constraints
        ]
        return builds, keys, [] if self.dialect == "sqlite" else foreign

    def build_indexes(self) -> None:
        builds, keys, foreign = self._index_plan()
        self.progress.add("indexes", len(builds) + len(keys) + len(foreign))
        for group in (builds, keys, foreign):
            self._parallel([partial(self._ddl, statement, "indexes") for statement in group])

    def analyze(self) -> None:
        names = [self.quote(t.name) for t in self.schema.sorted_tables]
        statements = (
            ["ANALYZE"]
            if self.dialect == "sqlite"
            else [f"{'ANALYZE TABLE' if self.dialect == 'mysql' else 'ANALYZE'} {n}" for n in names]
        )
        self.progress.add("analyze", len(statements))
        self._parallel([partial(self._ddl, statement, "analyze") for statement in statements])

    def _ddl(self, statement: str, task: str) -> None:
        with self.engine.begin() as conn:
            execute(conn, statement)
        self.progress.advance(task, 1)

    def _parallel(self, tasks: list[Callable[[], None]]) -> None:
        if self.jobs == 1 or len(tasks) <= 1:
            for task in tasks:
                task()
            return
        with ThreadPoolExecutor(max_workers=self.jobs) as pool:
            for future in [pool.submit(task) for task in tasks]:
                future.result()


# --------------------------------------------------------------------------- the entry points


def generate(
    url: str | URL,
    *,
    people: int,
    tables: int,
    rows_per_person: int | Sequence[int],
    seed: int = 0,
    heavy_rows: int = 0,
    heavy_tables: int = 1,
    details_per_event: int = 1,
    tenants: int = 1,
    years: float = 5.0,
    end: dt.datetime = END,
    unlogged: bool = False,
    jobs: int = 2,
    manifest: str | Path | None = None,
    write: bool = True,
    progress: bool = False,
) -> SynthInfo:
    """Fill the database at ``url`` with a synthetic company and write its Kept manifest.

    Existing synthetic tables are dropped first; the database itself must exist (a SQLite
    file is created). ``rows_per_person`` is one number for every ``events_k`` table or one per
    table. ``heavy_rows`` extra rows of person 1 go to the first ``heavy_tables`` tables.
    ``unlogged`` makes PostgreSQL tables ``UNLOGGED`` (faster, lost on a crash). ``jobs``
    connections load tables in parallel (not on SQLite). The manifest goes to ``manifest``, or
    beside a SQLite file, or to ``bench/out/<database>.kept.yaml``; ``write=False`` skips it.
    """
    counts = (
        (rows_per_person,) * tables if isinstance(rows_per_person, int) else tuple(rows_per_person)
    )
    spec = SynthSpec(
        people=people,
        tables=tables,
        rows_per_person=counts,
        seed=seed,
        heavy_rows=heavy_rows,
        heavy_tables=heavy_tables,
        details_per_event=details_per_event,
        tenants=tenants,
        years=years,
        end=end,
    )
    spec.check()
    parsed = parse_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database in (None, "", ":memory:"):
        raise ValueError("an in-memory SQLite database cannot be generated into; give a file")
    started = time.perf_counter()
    engine = load_engine(parsed, jobs)
    try:
        with _Progress(progress) as bar:
            loader = _Loader(engine, spec, bar, jobs, unlogged)
            loader.run()
        with engine.connect() as conn, _phase(loader.timings, "verify"):
            rows = {
                name: int(execute(conn, f"SELECT COUNT(*) FROM {name}").scalar_one())
                for name in spec.expected_rows()
            }
            emails = [
                str(e)
                for e in execute(conn, "SELECT email FROM people ORDER BY id LIMIT 5")
                .scalars()
                .all()
            ]
    finally:
        engine.dispose()
    if rows != spec.expected_rows():
        raise RuntimeError(f"generated {rows}, expected {spec.expected_rows()}")
    timings = dict(loader.timings)
    path: Path | None = None
    if write:
        with _phase(timings, "manifest"):
            target = Path(manifest) if manifest else default_manifest_path(parsed)
            path = write_manifest(spec, parsed, target)
    timings["total"] = time.perf_counter() - started
    return SynthInfo(
        url=parsed.render_as_string(hide_password=True),
        dialect=engine.dialect.name,
        spec=spec,
        rows=rows,
        timings=timings,
        manifest=path,
        heavy_email=emails[0],
        sample_emails=emails,
    )


def _counts(text: str) -> list[int]:
    return [int(part) for part in text.split(",")]


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m bench.synth``: generate a database and print what was made."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.synth", description=__doc__.split("\n\n")[0] if __doc__ else None
    )
    parser.add_argument("--url", required=True, help="SQLAlchemy URL of the database to fill")
    parser.add_argument("--people", type=int, required=True)
    parser.add_argument("--tables", type=int, required=True, help="number of events_k tables")
    parser.add_argument(
        "--rows-per-person", type=_counts, required=True, help="one number, or one per table: 3,1"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--heavy-rows", type=int, default=0, help="extra rows of person 1")
    parser.add_argument("--heavy-tables", type=int, default=1)
    parser.add_argument("--details-per-event", type=int, default=1)
    parser.add_argument("--tenants", type=int, default=1)
    parser.add_argument("--years", type=float, default=5.0)
    parser.add_argument("--unlogged", action="store_true", help="PostgreSQL UNLOGGED tables")
    parser.add_argument("--jobs", type=int, default=2, help="parallel connections (servers)")
    parser.add_argument("--create", action="store_true", help="create the database first")
    parser.add_argument("--manifest", type=Path, help="where to write the Kept manifest")
    parser.add_argument("--no-progress", action="store_true")
    args = parser.parse_args(argv)
    counts: list[int] = args.rows_per_person
    url = parse_url(args.url)
    if args.create and url.get_backend_name() != "sqlite":
        create_database(admin_url(url), url.database or "")
    try:
        info = generate(
            url,
            people=args.people,
            tables=args.tables,
            rows_per_person=counts[0] if len(counts) == 1 else counts,
            seed=args.seed,
            heavy_rows=args.heavy_rows,
            heavy_tables=args.heavy_tables,
            details_per_event=args.details_per_event,
            tenants=args.tenants,
            years=args.years,
            unlogged=args.unlogged,
            jobs=args.jobs,
            manifest=args.manifest,
            progress=not args.no_progress,
        )
    except ValueError as exc:
        parser.error(str(exc))
    console = Console(highlight=False)
    for name, rows in info.rows.items():
        console.print(f"{name:<15} {rows:>14,}")
    console.print(
        f"{'total':<15} {info.total_rows:>14,} rows in {info.seconds:.1f} s "
        f"({info.rows_per_second:,.0f} rows/s)"
    )
    phases = ", ".join(f"{k} {v:.1f} s" for k, v in info.timings.items() if k != "total")
    console.print(f"phases: {phases}")
    console.print(f"manifest: {info.manifest}")
    console.print(f"heavy person: {info.heavy_email}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
