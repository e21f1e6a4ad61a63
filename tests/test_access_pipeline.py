"""A single access request sends its tables' statements together (one psycopg pipeline on
PostgreSQL), reads the control database's records of the person while the store runs them,
and writes its zip in memory while small: the same export as one statement at a time, and
nothing left behind when any part fails."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from kept.errors import KeptError, StoreError
from kept.execution import Identity, run_access, traverse
from kept.execution import access as access_module
from kept.export import members as members_module
from kept.manifest import load_manifest
from kept.rights import RightsService
from test_access_readahead import ORDERS, _setup

ADA = [Identity("email", "ada@example.com")]


def _contents(path: Path) -> dict[str, Any]:
    """The export's data members, parsed (the generated times left out)."""
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
        return {
            name: json.loads(archive.read(name)) if name.endswith(".json") else archive.read(name)
            for name in archive.namelist()
            if name.startswith("data/")
        }


@pytest.mark.parametrize("together", [6, 2])
def test_a_request_sends_every_table_together_and_exports_the_same(
    postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, together: int
) -> None:
    """``together`` 2: the orders (more than one fetch, streamed) are read with the customer;
    the notes after the orders are streamed, one by one."""
    monkeypatch.setenv("SHOP_URL", postgres_url)
    monkeypatch.setattr(access_module, "_READ_TOGETHER", together)
    loaded = load_manifest(_setup(tmp_path, postgres_url))
    calls: list[int] = []
    send = traverse.StoreTraversal._driver_send

    def spy(self: traverse.StoreTraversal, sent: list[Any]) -> Any:
        calls.append(len(sent))
        return send(self, sent)

    monkeypatch.setattr(traverse.StoreTraversal, "_driver_send", spy)
    first = run_access(loaded, ADA, tmp_path / "one")  # through SQLAlchemy: learns the texts
    assert calls == []
    again = run_access(loaded, ADA, tmp_path / "two")
    assert calls == ([3] if together == 6 else [2])  # customer, orders, notes: one pipeline
    assert first.rows == again.rows == {"shop.customer": 1, "shop.orders": ORDERS, "shop.notes": 2}
    assert _contents(first.export) == _contents(again.export)


def test_control_records_are_read_while_the_store_works_and_exported(
    postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The consent ledger goes into the export whether it was read during the pipeline (second
    request) or before the statements (first)."""
    from kept.consent.export import CONSENT_FILE
    from kept.consent.ledger import Record, Source, State, TopicKind, write_record

    monkeypatch.setenv("SHOP_URL", postgres_url)
    path = _setup(tmp_path, postgres_url)
    with RightsService.open(load_manifest(path), f"sqlite:///{tmp_path}/kept.db") as service:
        record = Record(ADA[0], TopicKind.PURPOSE, "newsletter", State.GRANTED, Source.API)
        write_record(service.control, record)
        exports = [service.access(ADA, tmp_path / "out") for _ in range(2)]
    for result in exports:
        assert result.consents == 1
        with zipfile.ZipFile(result.export) as archive:
            ledger = json.loads(archive.read(CONSENT_FILE))
        assert [e["topic"] for s in ledger["subjects"] for e in s["ledger"]] == ["newsletter"]


@pytest.mark.parametrize("url", ["sqlite", "postgres"])
def test_a_failed_control_read_fails_the_request_as_it_is_and_leaves_no_export(
    url: str,
    sqlite_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> None:
    shop = request.getfixturevalue("postgres_url") if url == "postgres" else sqlite_url
    monkeypatch.setenv("SHOP_URL", shop)
    path = _setup(tmp_path, shop)

    class BrokenError(KeptError):
        pass

    def broken(*_: Any, **__: Any) -> Any:
        raise BrokenError("the control database is gone")

    with RightsService.open(load_manifest(path), f"sqlite:///{tmp_path}/kept.db") as service:
        service.access(ADA, tmp_path / "warm")  # the statements' texts are known after it
        monkeypatch.setattr("kept.person_export.control_records", broken)
        with pytest.raises(BrokenError):
            service.access(ADA, tmp_path / "out")
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []


def test_a_store_failing_under_the_pipeline_leaves_no_export(
    postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A statement failing in the pipeline (the notes table dropped between two requests) is
    the store's error, named as on SQLAlchemy's path; the half-written export is removed."""
    import sqlalchemy as sa

    monkeypatch.setenv("SHOP_URL", postgres_url)
    loaded = load_manifest(_setup(tmp_path, postgres_url))
    run_access(loaded, ADA, tmp_path / "warm")
    engine = sa.create_engine(postgres_url, poolclass=sa.NullPool)
    with engine.begin() as conn:
        conn.exec_driver_sql("ALTER TABLE notes RENAME TO notes_old")
    with pytest.raises(StoreError, match="UndefinedTable"):
        run_access(loaded, ADA, tmp_path / "out", request_id="req_failed")
    assert not (tmp_path / "out" / "req_failed-access.zip").exists()


def test_an_export_past_the_memory_bound_goes_on_to_its_file_whole(
    sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SHOP_URL", sqlite_url)
    loaded = load_manifest(_setup(tmp_path, sqlite_url))
    held = run_access(loaded, ADA, tmp_path / "held")
    monkeypatch.setattr(members_module, "_HELD_ZIP", 1024)  # spills after the first kilobyte
    spilled = run_access(loaded, ADA, tmp_path / "spilled")
    assert held.export.stat().st_size > 4096
    assert _contents(held.export) == _contents(spilled.export)
