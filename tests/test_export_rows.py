"""Rows as tuples (the reads of a store) give the same export as the same rows as dicts: the
CSV cells made column by column equal those decoded from the JSON, for every kind of value;
and an access export of a table past a fetch reads every row, on every database."""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import io
import itertools
import json
import threading
import uuid
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

import pytest
import sqlalchemy as sa
from hypothesis import given
from hypothesis import strategies as st

import kept.export
from kept.execution import Identity, run_access, traversal_plan
from kept.execution import rows as rows_module
from kept.execution.reads import _read_ahead
from kept.execution.traverse import StoreTraversal
from kept.export import Export
from kept.export.encoding import _csv_lines
from kept.manifest import load_manifest
from kept.manifest.models import Manifest

COLUMNS = ["id", "n", "text", "amount", "at", "misc"]
UTC = dt.UTC
TEXTS = ["plain", "", None, "=1+1", "-2", "+3", "@A1", "\tx", "\rx", "a\n=b", "x\n-1", 'é, "q"']
AMOUNTS = [decimal.Decimal("12.50"), decimal.Decimal("-1.25"), decimal.Decimal("1E-7"), None]
TIMES = [
    dt.datetime(2024, 1, 2, 3, 4, 5),
    dt.datetime(2024, 1, 2, 3, 4, 5, 120000, tzinfo=UTC),
    dt.date(2024, 2, 29),
    None,
]
MISC: list[Any] = [
    1.5,
    float("nan"),
    float("inf"),
    -0.0,
    True,
    uuid.UUID(int=7),
    b"\x00\xff",
    {"k": [1, "=x", None]},
    [dt.date(2020, 1, 1)],
    dt.time(12, 30),
    None,
    -3,
]


def _rows(start: int, count: int) -> list[tuple[Any, ...]]:
    return [
        (
            i,
            -i if i % 3 else i,
            TEXTS[i % len(TEXTS)],
            AMOUNTS[i % len(AMOUNTS)],
            TIMES[i % len(TIMES)],
            MISC[i % len(MISC)],
        )
        for i in range(start, start + count)
    ]


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {n: archive.read(n) for n in archive.namelist() if n.startswith("data/")}


@pytest.mark.parametrize("size", [7, 6000])
def test_rows_as_tuples_export_as_rows_as_dicts(tmp_path: Path, size: int) -> None:
    """Batches of every kind of value, including one orjson refuses (an integer past 64 bits),
    and columns of text only, of numbers only, and mixed."""
    batches = [_rows(0, size), _rows(size, size), _rows(2 * size, size)]
    batches[1][1] = (*batches[1][1][:5], 2**70)  # the standard library encodes this batch
    texts = [[(i, t) for i, t in enumerate(TEXTS)], [(99, "=only"), (100, None)]]
    numbers = [[(i, i * 7, None, True) for i in range(size)]]
    tables: list[tuple[str, list[str], list[list[tuple[Any, ...]]]]] = [
        ("d.mixed", COLUMNS, batches),
        ("d.texts", ["id", "note"], texts),
        ("d.numbers", ["a", "b", "c", "d"], numbers),
        ("d.empty", ["id"], []),
    ]
    as_dicts, as_tuples = tmp_path / "dicts.zip", tmp_path / "tuples.zip"
    with Export(as_dicts, Manifest(), request_id="req_1") as out:
        for label, columns, parts in tables:
            dicts = [[dict(zip(columns, row, strict=True)) for row in b] for b in parts]
            out.add_batches(label, columns, iter(dicts))
    with Export(as_tuples, Manifest(), request_id="req_1") as out:
        for label, columns, parts in tables:
            assert out.add_rows(label, columns, iter(parts)) == sum(map(len, parts))
    expected, got = _members(as_dicts), _members(as_tuples)
    assert got == expected
    table = list(csv.reader(io.StringIO(got["data/d.texts.csv"].decode())))
    assert [r[1] for r in table[1:]] == [
        *["plain", "", "", "'=1+1", "'-2", "'+3", "'@A1", "'\tx", "'\rx", "a\n=b", "x\n-1"],
        'é, "q"',
        "'=only",
        "",
    ]
    mixed = list(csv.reader(io.StringIO(got["data/d.mixed.csv"].decode())))
    assert mixed[2][3] == "'-1.25" and mixed[3][3] == "1E-7"  # decimals: text, as in JSON


def test_duplicate_column_names_keep_the_rows_as_dicts(tmp_path: Path) -> None:
    path = tmp_path / "dup.zip"
    with Export(path, Manifest(), request_id="req_1") as out:
        assert out.add_rows("d.t", ["a", "a"], [[(1, 2)]]) == 1
    assert json.loads(_members(path)["data/d.t.json"]) == [{"a": 2}]


class _PlainWriter:
    """A zip member writer showing only its public face."""

    def __init__(self, entry: Any) -> None:
        self._entry = entry

    def write(self, data: bytes) -> int:
        return int(self._entry.write(data))

    def __enter__(self) -> _PlainWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self._entry.close()


def test_a_deflated_csv_goes_through_any_zip_writer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large CSV is deflated while the JSON is written, then copied into the zip as it is;
    with a zip writer not as expected, it is inflated again and written the ordinary way."""
    batches = [
        [(i, f"row {i}, " + "x" * 40, -i) for i in range(start, start + 5000)]
        for start in range(0, 20_000, 5000)
    ]
    copied, ordinary = tmp_path / "copied.zip", tmp_path / "ordinary.zip"
    with Export(copied, Manifest(), request_id="req_1") as out:
        out.add_rows("d.t", ["id", "note", "n"], batches)
    real_open = zipfile.ZipFile.open

    def plain_open(self: zipfile.ZipFile, name: Any, mode: Literal["r", "w"] = "r") -> Any:
        entry = real_open(self, name, mode)
        return _PlainWriter(entry) if mode == "w" else entry

    monkeypatch.setattr(zipfile.ZipFile, "open", plain_open)
    with Export(ordinary, Manifest(), request_id="req_1") as out:
        out.add_rows("d.t", ["id", "note", "n"], batches)
    monkeypatch.undo()
    for path in (copied, ordinary):
        with zipfile.ZipFile(path) as archive:
            assert archive.testzip() is None
            info = archive.getinfo("data/d.t.csv")
            assert info.compress_type == zipfile.ZIP_DEFLATED
            assert info.compress_size < info.file_size
    assert _members(copied) == _members(ordinary)
    table = list(csv.reader(io.StringIO(_members(copied)["data/d.t.csv"].decode())))
    assert len(table) == 20_001 and table[7] == ["6", "row 6, " + "x" * 40, "-6"]


MANIFEST = """\
organization: {name: Rows AS, jurisdictions: [eu]}
stores:
  - {name: main, url: "${ROWS_URL}"}
dataset:
  - fides_key: shop
    collections:
      - name: customers
        fields:
          - {name: id, data_categories: [user.unique_id], fides_meta: {primary_key: true}}
          - {name: email, data_categories: [user.contact.email], fides_meta: {identity: email}}
      - name: orders
        fields:
          - {name: id, data_categories: [system.operations], fides_meta: {primary_key: true}}
          - name: customer_id
            data_categories: [user.unique_id]
            fides_meta:
              references: [{dataset: shop, field: customers.id, direction: from}]
          - {name: note, data_categories: [user.content.private]}
          - {name: amount, data_categories: [user.behavior.purchase_history]}
          - {name: placed_at, data_categories: [system.operations]}
"""
ADA = [Identity("email", "ada@example.com")]
ORDERS = 4321  # past the first read (2,000 rows): the rest streams from a server-side cursor


def _order(i: int) -> tuple[int, int, str | None, decimal.Decimal, dt.datetime]:
    note = None if i % 11 == 0 else ("=SUM(A1)" if i % 7 == 0 else f"order {i}, gift")
    amount = (decimal.Decimal(i % 500 - 100) / 4).quantize(decimal.Decimal("0.01"))
    return (i, 1 if i <= ORDERS else 2, note, amount, dt.datetime(2024, 1, 1) + dt.timedelta(i))


def test_a_large_table_exports_every_row(
    any_db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = sa.create_engine(any_db_url, poolclass=sa.NullPool)
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE customers (id INTEGER PRIMARY KEY, email VARCHAR(80))")
        conn.exec_driver_sql(
            "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER, note VARCHAR(80),"
            " amount NUMERIC(10, 2), placed_at TIMESTAMP)"
        )
        conn.exec_driver_sql(
            "INSERT INTO customers VALUES (1, 'ada@example.com'), (2, 'bob@example.com')"
        )
        orders = sa.table(
            "orders", *[sa.column(c) for c in ("id", "customer_id", "note", "amount", "placed_at")]
        )
        sqlite = conn.dialect.name == "sqlite"  # no decimals nor times: a number, ISO text
        values: list[dict[str, Any]] = [
            {
                "id": i,
                "customer_id": c,
                "note": note,
                "amount": float(amount) if sqlite else amount,
                "placed_at": at.isoformat() if sqlite else at,
            }
            for i, c, note, amount, at in map(_order, range(1, ORDERS + 9))
        ]
        conn.execute(orders.insert(), values)
    engine.dispose()
    monkeypatch.setenv("ROWS_URL", any_db_url)
    (tmp_path / "kept.yaml").write_text(MANIFEST, encoding="utf-8")
    loaded = load_manifest(tmp_path / "kept.yaml")
    ada = [Identity("email", "ada@example.com")]
    result = run_access(loaded, ada, tmp_path / "out")
    assert result.rows["shop.orders"] == ORDERS
    # a statement built for this request alone (values bound inline) reads the same rows
    monkeypatch.setattr(StoreTraversal, "_reusable", lambda _self: None)
    again = run_access(loaded, ada, tmp_path / "again")
    assert _members(again.export) == _members(result.export)
    expected = sorted(_order(i) for i in range(1, ORDERS + 1))
    with zipfile.ZipFile(result.export) as archive:
        as_json = json.loads(archive.read("data/shop.orders.json"))
        table = list(csv.reader(io.StringIO(archive.read("data/shop.orders.csv").decode())))
    assert table[0] == ["id", "customer_id", "note", "amount", "placed_at"]
    rows = sorted(as_json, key=lambda r: r["id"])
    assert [(r["id"], r["customer_id"], r["note"]) for r in rows] == [e[:3] for e in expected]
    # SQLite has no exact decimals: a number there, text (as the database gives it) elsewhere
    assert [decimal.Decimal(str(r["amount"])) for r in rows] == [e[3] for e in expected]
    assert [r["placed_at"] for r in rows] == [e[4].isoformat() for e in expected]
    formula = ("=", "-")
    cells = sorted(table[1:], key=lambda r: int(r[0]))
    assert cells == [
        [
            str(r["id"]),
            str(r["customer_id"]),
            "" if r["note"] is None else ("'" * r["note"].startswith(formula)) + r["note"],
            (("'" * r["amount"].startswith(formula)) if isinstance(r["amount"], str) else "")
            + str(r["amount"]),
            r["placed_at"],
        ]
        for r in rows
    ]
    assert traversal_plan(loaded.manifest, {"email"}).steps  # the plan the export walked


CELLS = st.one_of(
    st.none(),
    st.text(alphabet=st.sampled_from([*'a,"\r\n =-\t\x00é ', "\u2028"]), max_size=6),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.booleans(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.builds(dict, st.lists(st.tuples(st.text(max_size=2), st.integers()), max_size=2)),
)


@given(
    st.integers(min_value=2, max_value=4).flatmap(
        lambda n: st.lists(st.lists(CELLS, min_size=n, max_size=n), min_size=1, max_size=6)
    )
)
def test_csv_lines_are_the_csv_writers(rows: list[list[Any]]) -> None:
    """The CSV lines joined a column at a time are what ``csv.writer`` writes, byte for byte."""
    columns = [list(column) for column in zip(*rows, strict=True)]
    written = io.StringIO(newline="")
    csv.writer(written).writerows(rows)
    assert _csv_lines(columns) == written.getvalue()


def test_read_ahead_hands_over_every_fetch_and_ends_its_thread() -> None:
    fetches = iter([[1], [2, 3], [4], []])
    assert list(_read_ahead(lambda: next(fetches))) == [[1], [2, 3], [4]]
    counter = itertools.count()
    endless = _read_ahead(lambda: [next(counter)])
    assert next(endless) == [0]
    endless.close()  # left early: the fetch under way ends, no further one starts
    assert not [t for t in threading.enumerate() if t.name == "kept-read-ahead"]
    assert next(counter) <= 3

    def failing() -> list[int]:
        raise RuntimeError("lost the connection")

    with pytest.raises(RuntimeError, match="lost the connection"):
        list(_read_ahead(failing))
    assert not [t for t in threading.enumerate() if t.name == "kept-read-ahead"]


NUMERICS = ["0.0000001", "-0.00000050", "0.0000000", "0.000000", "NaN", "12.50", "-3", None]


def test_numeric_values_export_as_their_decimals_do(
    postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PostgreSQL's text of a numeric value is what its Decimal becomes in the export, also
    for the values str(Decimal) writes with an exponent (read as text past the first fetch)."""
    engine = sa.create_engine(postgres_url, poolclass=sa.NullPool)
    count = 2600
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE customers (id INTEGER PRIMARY KEY, email VARCHAR(80))")
        conn.exec_driver_sql(
            "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER, note VARCHAR(80),"
            " amount NUMERIC, placed_at TIMESTAMP)"
        )
        conn.exec_driver_sql("INSERT INTO customers VALUES (1, 'ada@example.com')")
        conn.exec_driver_sql(
            "INSERT INTO orders SELECT i, 1, NULL, (%(values)s::TEXT[])[1 + i %% 8]::NUMERIC, NULL"
            " FROM generate_series(1, %(count)s) AS i",
            {"values": NUMERICS, "count": count},
        )
    engine.dispose()
    monkeypatch.setenv("ROWS_URL", postgres_url)
    (tmp_path / "kept.yaml").write_text(MANIFEST, encoding="utf-8")
    result = run_access(load_manifest(tmp_path / "kept.yaml"), ADA, tmp_path / "out")
    assert result.rows["shop.orders"] == count
    with zipfile.ZipFile(result.export) as archive:
        rows = json.loads(archive.read("data/shop.orders.json"))
        table = list(csv.reader(io.StringIO(archive.read("data/shop.orders.csv").decode())))
    expected = {
        i: None if NUMERICS[i % 8] is None else str(decimal.Decimal(str(NUMERICS[i % 8])))
        for i in range(1, count + 1)
    }
    assert {r["id"]: r["amount"] for r in rows} == expected
    assert expected[1] == "-5.0E-7" and expected[2] == "0E-7"
    cells = {int(r[0]): r[3] for r in table[1:]}
    assert cells[1] == "'-5.0E-7" and cells[8] == "1E-7" and cells[4] == "NaN"
    assert cells[7] == "" and cells[6] == "'-3"


def test_an_export_failing_mid_table_stops_reading_before_the_connection_goes(
    postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The read-ahead thread of a table whose export fails has ended when the error comes out
    (no fetch of it can reach the connection once the pool has it back)."""
    engine = sa.create_engine(postgres_url, poolclass=sa.NullPool)
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE customers (id INTEGER PRIMARY KEY, email VARCHAR(80))")
        conn.exec_driver_sql(
            "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER, note VARCHAR(80),"
            " amount NUMERIC, placed_at TIMESTAMP)"
        )
        conn.exec_driver_sql("INSERT INTO customers VALUES (1, 'ada@example.com')")
        conn.exec_driver_sql(
            "INSERT INTO orders SELECT i, 1, 'n', i, NULL FROM generate_series(1, 100000) AS i"
        )
    engine.dispose()
    monkeypatch.setenv("ROWS_URL", postgres_url)
    (tmp_path / "kept.yaml").write_text(MANIFEST, encoding="utf-8")
    encode = kept.export._encode_tuples
    calls = itertools.count()

    def failing(columns: list[str], batch: list[tuple[Any, ...]], with_csv: bool) -> Any:
        if next(calls) == 1:
            raise OSError("no space left on device")
        return encode(columns, batch, with_csv)

    fetch_errors: list[BaseException] = []
    read_ahead = rows_module._read_ahead

    def watched_read_ahead(fetch: Callable[[], list[Any]]) -> Any:
        def watched() -> list[Any]:
            try:
                return fetch()
            except BaseException as exc:  # a fetch after the connection went back
                fetch_errors.append(exc)
                raise

        return read_ahead(watched)

    monkeypatch.setattr(kept.export, "_encode_tuples", failing)
    monkeypatch.setattr(rows_module, "_read_ahead", watched_read_ahead)
    with pytest.raises(OSError, match="no space left"):
        run_access(load_manifest(tmp_path / "kept.yaml"), ADA, tmp_path / "out")
    assert not [t for t in threading.enumerate() if t.name == "kept-read-ahead"]
    assert fetch_errors == []
