"""References across stores: a person's rows are found, exported and erased in both."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
import sqlalchemy as sa

from kept.execution import Identity, run_access, run_erasure
from kept.manifest import load_manifest

MANIFEST = """\
organization: {name: Two Stores AS, jurisdictions: [eu]}
stores:
  - {name: accounts, url: "sqlite:///accounts.sqlite", datasets: [crm]}
  - {name: shop, url: "${SHOP_URL}", datasets: [shop]}
dataset:
  - fides_key: crm
    collections:
      - name: customer
        fields:
          - {name: id, data_categories: [user.unique_id], fides_meta: {primary_key: true}}
          - {name: email, data_categories: [user.contact.email], fides_meta: {identity: email}}
          - {name: name, data_categories: [user.name]}
  - fides_key: shop
    collections:
      - name: orders
        fields:
          - {name: id, data_categories: [system.operations], fides_meta: {primary_key: true}}
          - name: customer_id
            data_categories: [user.unique_id]
            fides_meta:
              references: [{dataset: crm, field: customer.id, direction: from}]
          - {name: address, data_categories: [user.contact.address]}
      - name: parcels
        erase: delete_row
        fields:
          - {name: id, data_categories: [system.operations], fides_meta: {primary_key: true}}
          - name: order_id
            data_categories: [system.operations]
            fides_meta:
              references: [{dataset: shop, field: orders.id, direction: from}]
          - {name: tracking, data_categories: [user.unique_id]}
"""


def setup(tmp_path: Path, shop_url: str) -> Path:
    accounts = sa.create_engine(f"sqlite:///{tmp_path / 'accounts.sqlite'}")
    with accounts.begin() as conn:
        conn.exec_driver_sql(
            "CREATE TABLE customer (id INTEGER PRIMARY KEY, email TEXT, name TEXT)"
        )
        conn.exec_driver_sql(
            "INSERT INTO customer VALUES (1, 'ada@example.com', 'Ada'), "
            "(2, 'bob@example.com', 'Bob')"
        )
    accounts.dispose()
    shop = sa.create_engine(shop_url)
    with shop.begin() as conn:
        conn.exec_driver_sql(
            "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER, address VARCHAR(80))"
        )
        conn.exec_driver_sql(
            "CREATE TABLE parcels (id INTEGER PRIMARY KEY, order_id INTEGER, tracking VARCHAR(20))"
        )
        conn.exec_driver_sql(
            "INSERT INTO orders VALUES (10, 1, 'Storgata 1'), (11, 1, 'Storgata 1'), "
            "(12, 2, 'Elm 2')"
        )
        conn.exec_driver_sql(
            "INSERT INTO parcels VALUES (100, 10, 'TRK100'), (101, 11, 'TRK101'), "
            "(102, 12, 'TRK102')"
        )
    shop.dispose()
    (tmp_path / "kept.yaml").write_text(MANIFEST, encoding="utf-8")
    return tmp_path / "kept.yaml"


def test_access_and_erasure_follow_references_into_another_store(
    any_db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SHOP_URL", any_db_url)
    loaded = load_manifest(setup(tmp_path, any_db_url))
    ada = [Identity("email", "ada@example.com")]
    access = run_access(loaded, ada, tmp_path / "out")
    assert access.rows == {
        "crm.customer": 1,
        "shop.orders": 2,
        "shop.parcels": 2,
    }
    with zipfile.ZipFile(access.export) as z:
        parcels = json.loads(z.read("data/shop.parcels.json"))
    assert sorted(p["tracking"] for p in parcels) == ["TRK100", "TRK101"]

    result = run_erasure(loaded, {"r": ada}, secret=b"test-secret")
    assert result.verified
    shop = sa.create_engine(any_db_url)
    with shop.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM parcels").scalar() == 1
        addresses = conn.exec_driver_sql("SELECT id, address FROM orders ORDER BY id").all()
    shop.dispose()
    assert [tuple(a) for a in addresses] == [(10, None), (11, None), (12, "Elm 2")]
    assert run_access(loaded, ada, tmp_path / "out").total == 0
