"""An access export reads its tables back to back, then writes them: small tables are held,
a table past one fetch is streamed in its turn, and the export is the same either way."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from kept.errors import StoreUnavailableError
from kept.execution import Identity, reads, run_access, traverse
from kept.execution import access as access_module
from kept.execution import rows as rows_module
from kept.manifest import load_manifest

MANIFEST = """\
organization: {name: Read Ahead AS, jurisdictions: [eu]}
stores:
  - {name: shop, url: "${SHOP_URL}", datasets: [shop]}
dataset:
  - fides_key: shop
    collections:
      - name: customer
        fields:
          - {name: id, data_categories: [user.unique_id], fides_meta: {primary_key: true}}
          - {name: email, data_categories: [user.contact.email], fides_meta: {identity: email}}
          - {name: name, data_categories: [user.name]}
      - name: orders
        fields:
          - {name: id, data_categories: [system.operations], fides_meta: {primary_key: true}}
          - name: customer_id
            data_categories: [user.unique_id]
            fides_meta:
              references: [{dataset: shop, field: customer.id, direction: from}]
          - {name: address, data_categories: [user.contact.address]}
      - name: notes
        fields:
          - {name: id, data_categories: [system.operations], fides_meta: {primary_key: true}}
          - name: customer_id
            data_categories: [user.unique_id]
            fides_meta:
              references: [{dataset: shop, field: customer.id, direction: from}]
          - {name: body, data_categories: [user.content]}
"""

ORDERS = 2_600  # past one fetch (2,000 rows): streamed through a cursor


def _setup(tmp_path: Path, url: str) -> Path:
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "CREATE TABLE customer (id INTEGER PRIMARY KEY, email VARCHAR(80), name VARCHAR(80))"
        )
        conn.exec_driver_sql(
            "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER, address VARCHAR(80))"
        )
        conn.exec_driver_sql(
            "CREATE TABLE notes (id INTEGER PRIMARY KEY, customer_id INTEGER, body VARCHAR(80))"
        )
        conn.exec_driver_sql(
            "INSERT INTO customer VALUES (1, 'ada@example.com', 'Ada'), "
            "(2, 'bob@example.com', 'Bob')"
        )
        conn.execute(
            sa.text("INSERT INTO orders VALUES (:id, :c, :a)"),
            [{"id": i, "c": 1, "a": f"Storgata {i}"} for i in range(ORDERS)]
            + [{"id": ORDERS, "c": 2, "a": "Elm 2"}],
        )
        conn.exec_driver_sql(
            "INSERT INTO notes VALUES (1, 1, 'first'), (2, 1, 'second'), (3, 2, 'bob')"
        )
    engine.dispose()
    (tmp_path / "kept.yaml").write_text(MANIFEST, encoding="utf-8")
    return tmp_path / "kept.yaml"


def _notes(loaded: Any, identities: list[Identity], out: Path) -> list[str]:
    """The note bodies in the person's access export."""
    result = run_access(loaded, identities, out)
    with zipfile.ZipFile(result.export) as archive:
        return sorted(n["body"] for n in json.loads(archive.read("data/shop.notes.json")))


@pytest.mark.parametrize("held", [6, 1])
def test_small_and_streamed_tables_are_exported_whole_in_the_plan_order(
    sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, held: int
) -> None:
    """``held`` 1: every table is written as soon as it is read (chunks of one table)."""
    monkeypatch.setenv("SHOP_URL", sqlite_url)
    monkeypatch.setattr(access_module, "_READ_TOGETHER", held)
    loaded = load_manifest(_setup(tmp_path, sqlite_url))
    ada = [Identity("email", "ada@example.com")]
    result = run_access(loaded, ada, tmp_path / "out")
    assert result.rows == {"shop.customer": 1, "shop.orders": ORDERS, "shop.notes": 2}
    with zipfile.ZipFile(result.export) as archive:
        names = [n for n in archive.namelist() if n.startswith("data/")]
        orders = json.loads(archive.read("data/shop.orders.json"))
        notes = json.loads(archive.read("data/shop.notes.json"))
        csv_lines = archive.read("data/shop.orders.csv").decode().splitlines()
    plan_order = [f"data/{table}.{ext}" for table in result.rows for ext in ("json", "csv")]
    assert names == plan_order  # the plan's order, held or not
    assert sorted(o["id"] for o in orders) == list(range(ORDERS))
    assert {o["customer_id"] for o in orders} == {1}
    assert len(csv_lines) == ORDERS + 1
    assert sorted(n["body"] for n in notes) == ["first", "second"]


def test_a_table_past_one_fetch_is_read_once_by_its_stream(
    sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first fetch that found more rows than it holds is not run again: the table is
    streamed at once (one statement for the first fetch, one for the stream)."""
    monkeypatch.setenv("SHOP_URL", sqlite_url)
    loaded = load_manifest(_setup(tmp_path, sqlite_url))
    seen: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        if "FROM orders" in statement and statement.lstrip().upper().startswith(("SELECT", "WITH")):
            seen.append(statement)

    sa.event.listen(sa.Engine, "before_cursor_execute", record)
    try:
        result = run_access(loaded, [Identity("email", "ada@example.com")], tmp_path / "out")
    finally:
        sa.event.remove(sa.Engine, "before_cursor_execute", record)
    assert result.rows["shop.orders"] == ORDERS
    assert len(seen) == 2
    assert sum("LIMIT" in s for s in seen) == 1
    assert rows_module._STREAM_BATCH < ORDERS


def test_a_reused_statement_sent_as_its_sql_text_finds_each_persons_rows(
    postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On PostgreSQL a request after the first sends each table's read as the SQL text of the
    first, with its own values: each person gets their own rows, with one e-mail or two."""
    monkeypatch.setenv("SHOP_URL", postgres_url)
    loaded = load_manifest(_setup(tmp_path, postgres_url))
    sent: list[str] = []
    as_text: list[bool] = []

    def record(
        _conn: object, _cursor: object, statement: str, _params: object, context: Any, *_: object
    ) -> None:
        sent.append(statement)
        if "FROM notes" in statement:
            as_text.append(context.compiled is None)  # exec_driver_sql: no compiled statement

    def notes_of(identities: list[Identity]) -> list[str]:
        return _notes(loaded, identities, tmp_path / "out")

    ada = [Identity("email", "ada@example.com")]
    bob = [Identity("email", "BOB@example.com")]
    assert notes_of(ada) == ["first", "second"]
    known = len(reads._SENT)
    assert known >= 3  # one per table read by a reusable statement
    sa.event.listen(sa.Engine, "before_cursor_execute", record)
    try:
        assert notes_of(bob) == ["bob"]
        assert notes_of(ada) == ["first", "second"]
        both = [*ada, Identity("email", "bob@example.com")]
        assert notes_of(both) == ["bob", "first", "second"]
    finally:
        sa.event.remove(sa.Engine, "before_cursor_execute", record)
    assert len(reads._SENT) > known  # two e-mails: other texts, learnt the same way
    assert any("kept_ids_0_2" in s for s in sent)
    assert as_text == [True, True, False]  # the first with two e-mails is compiled, once


def test_unwatched_reused_statements_go_to_the_driver_as_the_same_text(
    postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With nothing listening to the statements, a reused read is sent on the connection's
    own psycopg connection: the same SQL text a listener sees when one is there, and the same
    rows for each person."""
    monkeypatch.setenv("SHOP_URL", postgres_url)
    loaded = load_manifest(_setup(tmp_path, postgres_url))
    direct: list[str] = []
    for name in ("_driver_reads", "_driver_send"):  # one statement, several together
        original = getattr(traverse.StoreTraversal, name)

        def spy(self: traverse.StoreTraversal, sent: list[Any], _original: Any = original) -> Any:
            direct.extend(text for text, _ in sent)
            return _original(self, sent)

        monkeypatch.setattr(traverse.StoreTraversal, name, spy)

    def notes_of(identities: list[Identity]) -> list[str]:
        return _notes(loaded, identities, tmp_path / "out")

    ada = [Identity("email", "ada@example.com")]
    bob = [Identity("email", "BOB@example.com")]
    assert notes_of(ada) == ["first", "second"]  # learns the texts
    direct.clear()
    assert notes_of(bob) == ["bob"]
    assert notes_of(ada) == ["first", "second"]
    assert any("FROM notes" in s for s in direct)
    unwatched = set(direct)

    seen: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            seen.append(statement)

    direct.clear()
    sa.event.listen(sa.Engine, "before_cursor_execute", record)
    try:
        assert notes_of(ada) == ["first", "second"]
    finally:
        sa.event.remove(sa.Engine, "before_cursor_execute", record)
    assert direct == []  # watched: every statement through SQLAlchemy
    assert {s for s in seen if "pg_catalog." not in s} == unwatched


def test_a_service_plans_once_per_kinds_and_again_for_a_new_manifest(
    sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A service works out the plan of a set of identity kinds once; a manifest put in its
    place (a reload) is planned anew, and each export holds that manifest's tables."""
    from kept.rights import RightsService

    monkeypatch.setenv("SHOP_URL", sqlite_url)
    path = _setup(tmp_path, sqlite_url)
    planned: list[object] = []
    plan_of = access_module.traversal_plan

    def spy(manifest: Any, kinds: Any) -> Any:
        planned.append(manifest)
        return plan_of(manifest, kinds)

    monkeypatch.setattr("kept.rights.traversal_plan", spy)
    ada = [Identity("email", "ada@example.com")]
    with RightsService.open(load_manifest(path), f"sqlite:///{tmp_path}/kept.db") as service:
        first = service.access(ada, tmp_path / "out")
        again = service.access(ada, tmp_path / "out")
        assert len(planned) == 1
        assert (
            first.rows
            == again.rows
            == {
                "shop.customer": 1,
                "shop.orders": ORDERS,
                "shop.notes": 2,
            }
        )
        path.write_text(MANIFEST.split("      - name: notes")[0], encoding="utf-8")
        service.loaded = load_manifest(path)  # no notes table any more
        reloaded = service.access(ada, tmp_path / "out")
        assert len(planned) == 2
        assert reloaded.rows == {"shop.customer": 1, "shop.orders": ORDERS}


def test_a_store_lost_during_a_direct_read_is_unavailable(
    postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server ending the connection under a read sent straight to the driver is what it
    is on SQLAlchemy's path: the store is unavailable (the CLI's exit code 4), no values in
    the message, and the connection is not handed out again."""
    monkeypatch.setenv("SHOP_URL", postgres_url)
    loaded = load_manifest(_setup(tmp_path, postgres_url))
    send = traverse.StoreTraversal._driver_send
    admin = sa.create_engine(postgres_url, poolclass=sa.NullPool)

    def cut(self: traverse.StoreTraversal, sent: list[tuple[str, dict[str, Any]]]) -> Any:
        pid = self.conn.connection.driver_connection.info.backend_pid
        with admin.connect() as conn:
            conn.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        return send(self, sent)

    ada = [Identity("email", "ada@example.com")]
    run_access(loaded, ada, tmp_path / "out")  # learns the texts
    monkeypatch.setattr(traverse.StoreTraversal, "_driver_send", cut)
    with pytest.raises(StoreUnavailableError) as raised:
        run_access(loaded, ada, tmp_path / "out")
    assert "ada@example.com" not in str(raised.value)
    admin.dispose()
