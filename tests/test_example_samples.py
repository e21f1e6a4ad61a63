"""What every example's sample generator promises: the same seed and clock give the same rows,
a re-run replaces the tables, and PostgreSQL and MariaDB get exactly the rows SQLite gets."""

from __future__ import annotations

import datetime as dt
import importlib
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from kept.examples import EXAMPLES, create_example

NOW = dt.datetime(2026, 2, 2, 8, 0, 0)


def generate(name: str, engine: sa.Engine, **kwargs: Any) -> dict[str, int]:
    counts: dict[str, int] = _sample(name).generate(engine, **kwargs)
    return counts


def _sample(name: str) -> Any:
    return importlib.import_module(f"kept.examples.{name}.sample")


def all_rows(engine: sa.Engine, name: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of example ``name``, in primary-key order, read through the
    generator's own table definitions (so values come back as the same Python types)."""
    sample = _sample(name)
    metadata: sa.MetaData = getattr(sample, "METADATA", None) or sample.metadata
    with engine.connect() as conn:
        return {
            t.name: [
                tuple(r)
                for r in conn.execute(sa.select(t).order_by(*(t.primary_key.columns or t.c)))
            ]
            for t in metadata.sorted_tables
        }


@pytest.mark.parametrize("name", EXAMPLES)
def test_create_example_is_deterministic(name: str, tmp_path: Path) -> None:
    """The same seed gives the same rows; only the clock shifts timestamps."""

    def values(directory: Path) -> dict[str, list[tuple[Any, ...]]]:
        create_example(name, directory, people=60, seed=7)
        engine = sa.create_engine(f"sqlite:///{directory / f'{name}.sqlite'}")
        try:
            rows = all_rows(engine, name)
        finally:
            engine.dispose()
        return {
            t: [tuple(v for v in r if not isinstance(v, dt.date)) for r in rs]
            for t, rs in rows.items()
        }

    assert values(tmp_path / "a") == values(tmp_path / "b")


@pytest.mark.parametrize("name", EXAMPLES)
def test_generate_is_deterministic_and_rerunnable(name: str, tmp_path: Path) -> None:
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'a.sqlite'}")
    other = sa.create_engine(f"sqlite:///{tmp_path / 'b.sqlite'}")
    try:
        counts = generate(name, engine, people=50, seed=3, now=NOW)
        first = all_rows(engine, name)
        assert generate(name, engine, people=50, seed=3, now=NOW) == counts  # drops, refills
        assert all_rows(engine, name) == first
        generate(name, other, people=50, seed=4, now=NOW)
        assert all_rows(other, name) != first
    finally:
        engine.dispose()
        other.dispose()


def _same_rows_as_sqlite(name: str, url: str, tmp_path: Path) -> None:
    reference = sa.create_engine(f"sqlite:///{tmp_path / 'ref.sqlite'}")
    engine = sa.create_engine(url, poolclass=sa.NullPool)
    try:
        expected = generate(name, reference, people=40, seed=1, now=NOW)
        assert generate(name, engine, people=40, seed=1, now=NOW) == expected
        assert all_rows(engine, name) == all_rows(reference, name)
        generate(name, engine, people=40, seed=1, now=NOW)  # re-runnable on a server too
    finally:
        engine.dispose()
        reference.dispose()


@pytest.mark.postgres
@pytest.mark.parametrize("name", EXAMPLES)
def test_generate_fills_postgres(name: str, postgres_url: str, tmp_path: Path) -> None:
    _same_rows_as_sqlite(name, postgres_url, tmp_path)


@pytest.mark.mariadb
@pytest.mark.parametrize("name", EXAMPLES)
def test_generate_fills_mariadb(name: str, mariadb_url: str, tmp_path: Path) -> None:
    _same_rows_as_sqlite(name, mariadb_url, tmp_path)
