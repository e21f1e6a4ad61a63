"""Every row of the person and nothing of anyone else: the closure of the references, lookup
tables that never lead on, shared rows kept, on SQLite, PostgreSQL and MariaDB."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
import sqlalchemy as sa

from kept.execution import Identity, run_access, run_erasure, traversal_plan
from kept.manifest import load_manifest

MANIFEST = """\
organization: {name: Closure AS, jurisdictions: [eu]}
stores:
  - {name: main, url: "${CLOSURE_URL}"}
dataset:
  - fides_key: club
    collections:
      - name: members
        fields:
          - {name: id, data_categories: [user.unique_id], fides_meta: {primary_key: true}}
          - {name: email, data_categories: [user.contact.email], fides_meta: {identity: email}}
          - {name: name, data_categories: [user.name]}
      - name: security_logs
        erase: delete_row
        fields:
          - {name: id, data_categories: [system.operations], fides_meta: {primary_key: true}}
          - name: member_id
            data_categories: [user.unique_id]
            fides_meta:
              references: [{dataset: club, field: members.id}]
          - {name: email, data_categories: [user.contact.email], fides_meta: {identity: email}}
          - {name: event, data_categories: [system.operations]}
      - name: products
        fields:
          - {name: id, data_categories: [system.operations], fides_meta: {primary_key: true}}
          - {name: title, data_categories: [system.operations]}
      - name: orders
        fields:
          - {name: id, data_categories: [system.operations], fides_meta: {primary_key: true}}
          - name: member_id
            data_categories: [user.unique_id]
            fides_meta:
              references: [{dataset: club, field: members.id, direction: from}]
          - name: product_id
            data_categories: [system.operations]
            fides_meta:
              references: [{dataset: club, field: products.id}]
          - {name: note, data_categories: [user.content.private]}
      - name: messages
        fields:
          - {name: id, data_categories: [system.operations], fides_meta: {primary_key: true}}
          - name: to_address
            data_categories: [user.contact]
            fides_meta: {identity: [email, phone_number]}
          - {name: body, data_categories: [user.content.private]}
"""

ADA = [Identity("email", "ada@example.com")]


def setup(tmp_path: Path, url: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    engine = sa.create_engine(url, poolclass=sa.NullPool)
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "CREATE TABLE members (id INTEGER PRIMARY KEY, email VARCHAR(80), name VARCHAR(80))"
        )
        conn.exec_driver_sql(
            "CREATE TABLE security_logs (id INTEGER PRIMARY KEY, member_id INTEGER, "
            "email VARCHAR(80), event VARCHAR(40))"
        )
        conn.exec_driver_sql("CREATE TABLE products (id INTEGER PRIMARY KEY, title VARCHAR(40))")
        conn.exec_driver_sql(
            "CREATE TABLE orders (id INTEGER PRIMARY KEY, member_id INTEGER, "
            "product_id INTEGER, note VARCHAR(80))"
        )
        conn.exec_driver_sql(
            "CREATE TABLE messages (id INTEGER PRIMARY KEY, to_address VARCHAR(80), "
            "body VARCHAR(80))"
        )
        conn.exec_driver_sql(
            "INSERT INTO members VALUES (1, 'ada@example.com', 'Ada'), "
            "(2, 'bob@example.com', 'Bob'), (3, 'old-ada@example.com', 'Ada Old')"
        )
        conn.exec_driver_sql(
            "INSERT INTO security_logs VALUES (10, 1, 'ada@example.com', 'login'), "
            "(11, 1, NULL, 'password reset'), (12, 2, NULL, 'login'), "
            "(13, 3, 'ada@example.com', 'login')"
        )
        conn.exec_driver_sql("INSERT INTO products VALUES (100, 'Cookie'), (101, 'Cake')")
        conn.exec_driver_sql(
            "INSERT INTO orders VALUES (20, 1, 100, 'gift'), (21, 2, 100, 'for me'), "
            "(22, 3, 101, 'old')"
        )
        conn.exec_driver_sql(
            "INSERT INTO messages VALUES (30, 'ada@example.com', 'hi'), "
            "(31, '+4799999999', 'sms'), (32, 'bob@example.com', 'yo')"
        )
    engine.dispose()
    monkeypatch.setenv("CLOSURE_URL", url)
    path = tmp_path / "kept.yaml"
    path.write_text(MANIFEST, encoding="utf-8")
    return path


def _rows(export: Path, table: str) -> list[dict[str, object]]:
    with zipfile.ZipFile(export) as z:
        name = next(n for n in z.namelist() if n.endswith(f"{table}.json"))
        rows: list[dict[str, object]] = json.loads(z.read(name))
        return rows


def test_plan_follows_back_ways_and_stops_at_lookups(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    manifest = load_manifest(setup(tmp_path, f"sqlite:///{tmp_path / 'c.sqlite'}", monkeypatch))
    plan = traversal_plan(manifest.manifest, {"email"})
    steps = {str(s.node): s for s in plan.steps}
    # members and security_logs reach each other (no direction): a cycle, closed by back ways
    assert any(s.back for s in plan.steps)
    assert steps["club.products"].lookup
    # the lookup is reached from orders, but nothing goes on from it back to other orders
    assert all(
        w.source is None or str(w.source) != "club.products" for s in plan.steps for w in s.ways
    )
    assert [w.identity for w in steps["club.messages"].ways] == ["email"]
    both = traversal_plan(manifest.manifest, {"email", "phone_number"})
    assert sorted(
        str(w.identity) for w in next(s for s in both.steps if s.node.collection == "messages").ways
    ) == ["email", "phone_number"]


def test_access_finds_rows_reachable_only_by_reference(
    any_db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded = load_manifest(setup(tmp_path, any_db_url, monkeypatch))
    result = run_access(loaded, ADA, tmp_path / "out")
    # security log 11 has no e-mail, only Ada's member id; log 13 carries Ada's e-mail under
    # member 3, so member 3 (an old account of hers) and its order are hers too; Bob's are not.
    assert result.rows["club.security_logs"] == 3
    assert result.rows["club.members"] == 2
    assert result.rows["club.orders"] == 2
    assert result.rows["club.messages"] == 1
    logs = sorted(int(str(r["id"])) for r in _rows(result.export, "security_logs"))
    assert logs == [10, 11, 13]
    orders = sorted(int(str(r["id"])) for r in _rows(result.export, "orders"))
    assert orders == [20, 22]  # product 100 is Bob's too, but a lookup leads nowhere
    phone = run_access(loaded, [Identity("phone_number", "+4799999999")], tmp_path / "p")
    assert phone.rows["club.messages"] == 1


def test_erasure_erases_rows_reachable_only_by_reference(
    any_db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded = load_manifest(setup(tmp_path, any_db_url, monkeypatch))
    result = run_erasure(loaded, {"r1": ADA}, secret=b"test-secret")
    assert result.verified
    engine = sa.create_engine(any_db_url, poolclass=sa.NullPool)
    with engine.connect() as conn:
        logs = sorted(r[0] for r in conn.exec_driver_sql("SELECT id FROM security_logs"))
        names = dict(conn.exec_driver_sql("SELECT id, name FROM members").all())
        notes = dict(conn.exec_driver_sql("SELECT id, note FROM orders").all())
        products = conn.exec_driver_sql("SELECT count(*) FROM products").scalar()
    engine.dispose()
    assert logs == [12]  # Bob's log stays; Ada's three are gone, the one without an e-mail too
    assert names == {1: None, 2: "Bob", 3: None}
    assert notes == {20: None, 21: "for me", 22: None}
    assert products == 2


SHARED = """\
organization: {name: Shared AS, jurisdictions: [eu]}
stores:
  - {name: main, url: "${CLOSURE_URL}"}
dataset:
  - fides_key: hr
    collections:
      - name: address
        fields:
          - {name: id, data_categories: [system.operations], fides_meta: {primary_key: true}}
          - {name: street, data_categories: [user.contact.address.street]}
      - name: employee
        erase: delete_row
        fields:
          - {name: id, data_categories: [user.unique_id], fides_meta: {primary_key: true}}
          - {name: email, data_categories: [user.contact.email], fides_meta: {identity: email}}
          - name: address_id
            data_categories: [system.operations]
            fides_meta:
              references: [{dataset: hr, field: address.id, direction: to}]
"""


def test_a_shared_row_survives_one_persons_erasure(
    any_db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = sa.create_engine(any_db_url, poolclass=sa.NullPool)
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE address (id INTEGER PRIMARY KEY, street VARCHAR(80))")
        conn.exec_driver_sql(
            "CREATE TABLE employee (id INTEGER PRIMARY KEY, email VARCHAR(80), "
            "address_id INTEGER REFERENCES address (id))"
        )
        conn.exec_driver_sql("INSERT INTO address VALUES (1, 'Shared 1'), (2, 'Own 2')")
        conn.exec_driver_sql(
            "INSERT INTO employee VALUES (1, 'a@example.com', 1), (2, 'b@example.com', 1), "
            "(3, 'c@example.com', 2)"
        )
    monkeypatch.setenv("CLOSURE_URL", any_db_url)
    (tmp_path / "kept.yaml").write_text(SHARED, encoding="utf-8")
    loaded = load_manifest(tmp_path / "kept.yaml")
    result = run_erasure(loaded, {"a": [Identity("email", "a@example.com")]}, secret=b"test-secret")
    assert result.verified
    receipt = result.receipt("a")
    address = next(t for t in receipt["tables"] if t["table"] == "hr.address")
    assert address["rows_held"] == 1 and address["held_grounds"] == ["shared"]
    with engine.connect() as conn:
        streets = dict(conn.exec_driver_sql("SELECT id, street FROM address").all())
    assert streets == {1: "Shared 1", 2: "Own 2"}
    # the last one living there: the row is theirs alone now and is erased with them
    run_erasure(loaded, {"b": [Identity("email", "b@example.com")]}, secret=b"test-secret")
    run_erasure(loaded, {"c": [Identity("email", "c@example.com")]}, secret=b"test-secret")
    with engine.connect() as conn:
        streets = dict(conn.exec_driver_sql("SELECT id, street FROM address").all())
    engine.dispose()
    assert streets == {1: None, 2: None}


@pytest.mark.postgres
def test_peer_erasing_one_employee_keeps_the_address_another_references(
    peer_postgres_url: str,
) -> None:
    loaded = load_manifest(Path(__file__).parent / "data" / "fides_peer" / "kept.yaml")
    one = [Identity("email", "employee-1@example.com")]
    result = run_erasure(loaded, {"e1": one}, secret=b"test-secret")
    assert result.verified
    address = next(t for t in result.receipt("e1")["tables"] if t["table"].endswith(".address"))
    assert address["held_grounds"] == ["shared"]
    engine = sa.create_engine(peer_postgres_url, poolclass=sa.NullPool)
    with engine.connect() as conn:
        row = conn.exec_driver_sql("SELECT street, city FROM address WHERE id = 3").one()
        employee = conn.exec_driver_sql("SELECT email FROM employee WHERE id = 1").scalar()
    engine.dispose()
    assert tuple(row) == ("Example Ave", "Example City")
    assert employee is None


def test_vibbio_kept_invoices_conflict_with_the_promise_of_full_deletion(tmp_path: Path) -> None:
    from kept.examples import create_example

    info = create_example("vibbio", tmp_path, people=40)
    url = f"sqlite:///{tmp_path / 'vibbio.sqlite'}"
    engine = sa.create_engine(url, poolclass=sa.NullPool)
    with engine.connect() as conn:
        email = conn.exec_driver_sql(
            "SELECT o.invoice_email FROM organizations o JOIN invoices i "
            "ON i.organization_id = o.id WHERE o.invoice_email IS NOT NULL LIMIT 1"
        ).scalar()
    engine.dispose()
    loaded = load_manifest(info.manifest)
    result = run_erasure(loaded, {"r": [Identity("email", str(email))]}, secret=b"test-secret")
    receipt = result.receipt("r")
    assert receipt["outcome"] == "conflict"
    conflict = next(c for c in receipt["conflicts"] if c["table"] == "vibbio.invoices")
    assert "VIB-27" in conflict["promise"] and "Bookkeeping" in conflict["grounds"][0]
    assert str(email) not in json.dumps(receipt)


def test_portability_without_bound_categories_falls_back_to_every_field(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded = load_manifest(setup(tmp_path, f"sqlite:///{tmp_path / 'p.sqlite'}", monkeypatch))
    assert not loaded.manifest.purposes
    result = run_access(loaded, ADA, tmp_path / "out", portability=True)
    assert result.warnings and "every field" in result.warnings[0]
    assert result.rows["club.members"] == 2
    assert {"id", "email", "name"} <= set(_rows(result.export, "members")[0])
