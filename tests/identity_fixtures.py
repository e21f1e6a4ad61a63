"""A small store of people for the identity tests, on any engine, and its manifest."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import sqlalchemy as sa

MANIFEST = """\
kept: 1
organization:
  name: Look-alike Ltd
  jurisdictions: [eu]
stores:
  - name: shop
    url: "{url}"
identities:
  - kind: phone_number
    normalise: phone
    region: "NO"
  - kind: member_no
    normalise: exact
dataset:
  - fides_key: shop
    collections:
      - name: people
        fields:
          - name: id
            fides_meta: {{primary_key: true}}
          - name: email
            data_categories: [user.contact.email]
            fides_meta: {{identity: email}}
          - name: phone
            data_categories: [user.contact.phone_number]
            fides_meta: {{identity: phone_number}}
          - name: name
            data_categories: [user.name]
      - name: orders
        fields:
          - name: id
            fides_meta: {{primary_key: true}}
          - name: person_id
            data_categories: [system.operations]
            fides_meta:
              references: [{{dataset: shop, field: people.id, direction: from}}]
          - name: item
            data_categories: [user.behavior.purchase_history]
"""

NFD_EMAIL = unicodedata.normalize("NFD", "Zoé@Café.example")

PEOPLE = [
    (1, "henrik.wang1@mail.example", "+47 912 34 567", "Henrik"),
    (2, "Mixed.Case@Acme.example", None, "Mixed"),
    (3, NFD_EMAIL, None, "Zoe"),
    (4, "ola@xn--mal-sma.example", "0047 (22) 33-44-55", "Ola"),
]


def create_store(
    url: str, folder: Path, people: list[tuple[int, str, str | None, str]] = PEOPLE
) -> Path:
    """The tables, with an accent- and case-insensitive collation on MariaDB; the manifest."""
    engine = sa.create_engine(url, poolclass=sa.NullPool)
    collate = " COLLATE utf8mb4_general_ci" if engine.dialect.name in ("mysql", "mariadb") else ""
    charset = " CHARACTER SET utf8mb4" if collate else ""
    with engine.begin() as conn:
        conn.exec_driver_sql(
            f"CREATE TABLE people (id INTEGER PRIMARY KEY, email VARCHAR(200){charset}{collate}, "
            f"phone VARCHAR(40){charset}{collate}, name VARCHAR(100))"
        )
        if collate:
            conn.exec_driver_sql("CREATE INDEX people_email ON people (email)")
        conn.exec_driver_sql(
            "CREATE TABLE orders (id INTEGER PRIMARY KEY, person_id INTEGER, item VARCHAR(100))"
        )
        if people:
            conn.execute(
                sa.text("INSERT INTO people VALUES (:id, :email, :phone, :name)"),
                [{"id": i, "email": e, "phone": p, "name": n} for i, e, p, n in people],
            )
            conn.execute(
                sa.text("INSERT INTO orders VALUES (:id, :person, :item)"),
                [{"id": 10 + i, "person": i, "item": f"item of {n}"} for i, _, _, n in people],
            )
    engine.dispose()
    manifest = folder / "kept.yaml"
    manifest.write_text(MANIFEST.format(url=url), encoding="utf-8")
    return manifest


def rows(url: str, sql: str) -> list[tuple[object, ...]]:
    engine = sa.create_engine(url, poolclass=sa.NullPool)
    with engine.connect() as conn:
        found = [tuple(r) for r in conn.exec_driver_sql(sql)]
    engine.dispose()
    return found
