"""``kept scan`` samples PostgreSQL tables several statements at a time (one psycopg pipeline
per chunk, the next chunk read while the last is classified): the same samples as one
statement at a time, and a table that cannot be read is named as before."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from kept.errors import StoreError
from kept.scan import sample as sample_module
from kept.scan.sample import sample_table, sample_tables

TABLES = 60  # over two chunks of 25, and a part of one


@pytest.fixture
def shop(postgres_url: str) -> Iterator[sa.Engine]:
    engine = sa.create_engine(postgres_url)
    with engine.begin() as conn:
        for t in range(TABLES):
            conn.exec_driver_sql(
                f"CREATE TABLE t{t:02d} (id bigint PRIMARY KEY, email text, seen timestamp, "
                "ip inet, amount numeric(8,2))"
            )
            rows = 30 + t
            conn.exec_driver_sql(
                f"INSERT INTO t{t:02d} SELECT g, 'u' || g || '@t{t}.example', "
                "timestamp '2026-01-01' + g * interval '1 hour', "
                f"('10.0.0.' || (g %% 250 + 1))::inet, g / 7.0 FROM generate_series(1, {rows}) g"
            )
        conn.exec_driver_sql('CREATE TABLE "odd%%name" (id int PRIMARY KEY, email text)')
        conn.exec_driver_sql("INSERT INTO \"odd%%name\" VALUES (1, 'odd@example.com')")
    yield engine
    engine.dispose()


def _wanted() -> list[sample_module.Wanted]:
    types = {"id": "BIGINT", "email": "TEXT", "seen": "TIMESTAMP", "ip": "INET"}
    wanted = [(f"t{t:02d}", ["id", "email", "seen", "ip", "amount"], types) for t in range(TABLES)]
    wanted[7] = ("t07", [], types)  # nothing of it sampled: no statement
    wanted[40] = ("odd%name", ["id", "email"], {})  # quoted with a doubled % for the driver
    return wanted


def test_pipelined_samples_equal_one_table_at_a_time(
    shop: sa.Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    wanted = _wanted()

    def no_fallback(*_: object, **__: object) -> None:
        raise AssertionError("a chunk was sampled one table at a time")

    with shop.connect() as conn:
        monkeypatch.setattr(sample_module, "sample_table", no_fallback)
        together = list(sample_tables("shop", conn, wanted, 20))
        monkeypatch.undo()
    with shop.connect() as conn:
        alone = [sample_table("shop", conn, t, c, 20, types=k) for t, c, k in wanted]
    assert together == alone
    assert together[7] == {}
    assert together[40] == {"id": [1], "email": ["odd@example.com"]}
    assert together[3]["ip"][:2] == ["10.0.0.2", "10.0.0.3"]  # as text, no /32
    assert len(together[59]["email"]) == 20


def test_a_table_that_cannot_be_read_is_named(shop: sa.Engine) -> None:
    with shop.begin() as conn:
        conn.exec_driver_sql("ALTER TABLE t31 RENAME TO t31_gone")
    with shop.connect() as conn, pytest.raises(StoreError, match="'t31'"):
        list(sample_tables("shop", conn, _wanted(), 20))


def test_a_scan_stopped_early_leaves_the_connection_usable(shop: sa.Engine) -> None:
    """The consumer stops after the first table (an error, Ctrl-C): the pipeline of the next
    chunk is ended, and the connection reads again."""
    with shop.connect() as conn:
        samples = sample_tables("shop", conn, _wanted(), 20)
        next(samples)
        samples.close()
        assert conn.exec_driver_sql("SELECT count(*) FROM t00").scalar_one() == 30


def test_workers_find_what_one_process_finds_on_postgres(
    shop: sa.Engine, ready_workers: list[int]
) -> None:
    """Workers sampling and classifying on their own connections, the scanning process
    taking batches from the back: the same classifications and counts as one process."""
    from kept.scan import scan_engine

    seen: list[int] = []
    alone = scan_engine("shop", shop, workers=0, sample_size=20)
    together = scan_engine(
        "shop", shop, workers=1, sample_size=20, on_table=lambda _n, d, _t: seen.append(d)
    )
    assert list(together.found) == list(alone.found)  # the tables' order
    assert together.found == alone.found
    assert together.values_sampled == alone.values_sampled
    assert sorted(seen) == list(range(1, TABLES + 2))
    assert alone.found["t05"]["email"].category == "user.contact.email"
    assert 0 < len(ready_workers) < 4  # batches done by the worker; the rest by this process


def test_a_table_a_worker_cannot_read_is_named(shop: sa.Engine, ready_workers: list[int]) -> None:
    """The store's error raised in a worker comes back as it is: the table named."""
    import uuid

    from kept.scan import scan_engine

    role = f"kept_scan_{uuid.uuid4().hex[:8]}"
    with shop.begin() as conn:
        conn.exec_driver_sql(f"CREATE ROLE {role} LOGIN")
        conn.exec_driver_sql(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}")
        conn.exec_driver_sql(f"REVOKE SELECT ON t03 FROM {role}")
    limited = sa.create_engine(shop.url.set(username=role))
    try:
        with pytest.raises(StoreError, match="cannot sample table 't03'"):
            scan_engine("shop", limited, workers=1, sample_size=20)
    finally:
        limited.dispose()
        with shop.begin() as conn:
            conn.exec_driver_sql(f"DROP OWNED BY {role}")
            conn.exec_driver_sql(f"DROP ROLE {role}")
