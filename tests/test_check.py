"""``kept check`` against real databases: the peer's sample on PostgreSQL, and a shop on
SQLite (and MariaDB) seeded with every kind of finding."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from kept.check import CODES, run_check
from kept.check.detect import detect_by_name, detect_by_values, iban_valid, luhn_valid
from kept.cli import _register, app
from kept.manifest import load_manifest

PEER = Path(__file__).parent / "data" / "fides_peer"


def invoke(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    _register()
    result = CliRunner().invoke(app, list(args), env=env)
    return result.exit_code, result.output


def load_peer_sample(url: str) -> None:
    sql = (PEER / "fides" / "postgres_sample.sql").read_text(encoding="utf-8")
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql(sql)
    engine.dispose()


@pytest.mark.postgres
def test_peer_sample_passes_through_its_unchanged_dataset(postgres_url: str) -> None:
    load_peer_sample(postgres_url)
    code, output = invoke(
        "check", "-m", str(PEER / "kept.yaml"), "--json", env={"KEPT_PEER_DB_URL": postgres_url}
    )
    report = json.loads(output)
    assert code == 0, report["findings"]
    assert report["ok"] is True
    assert report["stores"][0]["tables"] == 15
    assert [w["code"] for w in report["waived"]] == ["unreachable"]


@pytest.mark.postgres
def test_undeclared_phone_column_in_peer_sample_fails_naming_it(postgres_url: str) -> None:
    load_peer_sample(postgres_url)
    engine = sa.create_engine(postgres_url)
    with engine.begin() as conn:
        conn.exec_driver_sql("ALTER TABLE customer ADD COLUMN home_number VARCHAR(20)")
        conn.exec_driver_sql("UPDATE customer SET home_number = '+1202555' || (1000 + id)")
    engine.dispose()
    code, output = invoke(
        "check", "-m", str(PEER / "kept.yaml"), env={"KEPT_PEER_DB_URL": postgres_url}
    )
    assert code == 1
    assert "customer.home_number" in output
    assert "user.contact.phone_number" in output


SHOP_MANIFEST = """\
organization:
  name: Shop AS
  jurisdictions: [eu]
prohibitions:
  never:
    - data_category: user.authorization.password
      reason: we store no passwords
  no_sale: true
  no_third_party_marketing: true
stores:
  - name: main
    url: sqlite:///shop.sqlite
dataset:
  - fides_key: shop
    collections:
      - name: customer
        fields:
          - {name: id, data_categories: [user.unique_id], fides_meta: {primary_key: true}}
          - {name: email, data_categories: [user.contact.email], fides_meta: {identity: email}}
          - {name: shoe_size, data_categories: [user.demographic]}
      - name: orders
        tenant_column: tenant
        fields:
          - {name: id, data_categories: [system.operations], fides_meta: {primary_key: true}}
          - name: customer_id
            data_categories: [user.unique_id]
            fides_meta:
              references: [{dataset: shop, field: customer.id, direction: from}]
      - name: notes
        fields:
          - {name: body, data_categories: [user.content.private]}
          - name: order_id
            data_categories: [system.operations]
            fides_meta:
              references: [{dataset: shop, field: order.id, direction: from}]
      - name: ghost
        fields:
          - {name: id, data_categories: [user.unique_id]}
purposes:
  - {key: orders, name: Orders, data_use: essential.service, legal_basis: contract}
  - {key: ads, name: Ads, data_use: marketing.advertising.third_party}
recipients:
  - name: CloudCo
    role: processor
    purposes: [orders]
    country: US
  - name: AdNet
    role: third_party
    purposes: [ads]
    country: DE
    sale: true
waivers:
  - code: no-legal-basis
    target: purpose:nothing-matches-this
    reason: an unused waiver is reported
"""


def shop(folder: Path, extra_sql: tuple[str, ...] = ()) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(f"sqlite:///{folder / 'shop.sqlite'}")
    with engine.begin() as conn:
        for statement in (
            "CREATE TABLE customer (id INTEGER PRIMARY KEY, email TEXT, card TEXT, iban TEXT,"
            " last_ip TEXT, shoe_sz INTEGER)",
            "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER)",
            "CREATE TABLE notes (order_id INTEGER, body TEXT)",
            "CREATE TABLE audit_trail (id INTEGER PRIMARY KEY, who TEXT, password_hash TEXT)",
            "INSERT INTO customer VALUES (1, 'a@example.com', '4539 1488 0343 6467',"
            " 'NO9386011117947', '10.1.2.3', 42)",
            "INSERT INTO customer VALUES (2, 'b@example.com', '4111111111111111',"
            " 'GB82WEST12345698765432', '2001:db8::1', 38)",
            "INSERT INTO notes VALUES (1, 'call Anna back')",
            "INSERT INTO audit_trail VALUES (1, 'Jane Doe', 'x')",
            "INSERT INTO audit_trail VALUES (2, 'John Smith', 'y')",
            *extra_sql,
        ):
            conn.exec_driver_sql(statement)
    engine.dispose()
    path = folder / "kept.yaml"
    path.write_text(SHOP_MANIFEST, encoding="utf-8")
    return path


def test_every_kind_of_finding_is_reported_with_its_place(tmp_path: Path) -> None:
    report = run_check(load_manifest(shop(tmp_path)))
    found = {(f.code, f.target) for f in report.findings}
    expected = {
        ("missing-table", "collection:shop.ghost"),
        ("missing-column", "column:shop.customer.shoe_size"),
        ("no-primary-key", "collection:shop.notes"),
        ("unknown-tenant-column", "column:shop.orders.tenant"),
        ("dangling-reference", "field:shop.notes.order_id"),
        ("unreachable", "collection:shop.notes"),
        ("unreachable", "collection:shop.ghost"),
        ("undeclared-personal-data", "column:main.customer.card"),
        ("undeclared-personal-data", "column:main.customer.iban"),
        ("undeclared-personal-data", "column:main.customer.last_ip"),
        ("undeclared-personal-data", "column:main.audit_trail.who"),
        ("prohibited-category", "column:main.audit_trail.password_hash"),
        ("no-legal-basis", "purpose:ads"),
        ("transfer-without-safeguard", "recipient:CloudCo"),
        ("sale-prohibited", "recipient:AdNet"),
        ("third-party-marketing", "recipient:AdNet"),
    }
    assert found == expected
    assert set(CODES) >= {code for code, _ in found}
    by_target = {f.target: f for f in report.findings}
    assert by_target["column:main.customer.card"].category == "user.financial.credit_card"
    assert by_target["column:main.customer.iban"].category == "user.financial.bank_account"
    assert by_target["column:main.customer.last_ip"].category == "user.device.ip_address"
    assert by_target["column:main.audit_trail.who"].category == "user.name"
    missing = by_target["column:shop.customer.shoe_size"]
    assert missing.position is not None and missing.position.line == 20
    assert [w.target for w in report.unused_waivers] == ["purpose:nothing-matches-this"]
    assert report.exit_code == 1


def test_waivers_accept_findings_and_cli_json_is_stable(tmp_path: Path) -> None:
    path = shop(tmp_path)
    text = path.read_text(encoding="utf-8") + (
        "  - code: undeclared-personal-data\n    target: column:main.customer.*\n"
        "    reason: legacy columns being migrated\n"
    )
    path.write_text(text, encoding="utf-8")
    code, output = invoke("check", "-m", str(path), "--json")
    assert code == 1
    report = json.loads(output)
    assert list(report) == [
        "kept",
        "manifest",
        "ok",
        "fail_on",
        "counts",
        "severities",
        "findings",
        "waived",
        "unused_waivers",
        "notes",
        "stores",
        "paths",
    ]
    assert report["paths"]["shop.customer"] == ["identity email: email"]
    assert {w["target"] for w in report["waived"]} == {
        "column:main.customer.card",
        "column:main.customer.iban",
        "column:main.customer.last_ip",
    }
    assert report["counts"]["undeclared-personal-data"] == 1
    code, output = invoke("check", "-m", str(path))
    assert code == 1
    assert "audit_trail.password_hash" in output
    assert "Traceback" not in output


def test_clean_store_exits_0(tmp_path: Path) -> None:
    folder = tmp_path / "clean"
    folder.mkdir()
    engine = sa.create_engine(f"sqlite:///{folder / 'c.sqlite'}")
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE person (id INTEGER PRIMARY KEY, email TEXT)")
        conn.exec_driver_sql("CREATE TABLE product (id INTEGER PRIMARY KEY, title TEXT)")
        conn.exec_driver_sql("INSERT INTO product VALUES (1, 'Thin client T1')")
    engine.dispose()
    (folder / "kept.yaml").write_text(
        "organization: {name: C, jurisdictions: [uk]}\n"
        "stores: [{name: main, url: 'sqlite:///c.sqlite'}]\n"
        "dataset:\n  - fides_key: c\n    collections:\n"
        "      - name: person\n        fields:\n"
        "          - {name: id, data_categories: [user.unique_id]}\n"
        "          - {name: email, data_categories: [user.contact.email],"
        " fides_meta: {identity: email}}\n",
        encoding="utf-8",
    )
    code, output = invoke("check", "-m", str(folder / "kept.yaml"))
    assert code == 0, output
    assert "table 'product' is not declared" in output


def test_unreachable_store_is_a_finding_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "kept.yaml").write_text(
        "stores: [{name: far, url: 'postgresql://nobody@127.0.0.1:1/none'}]\n", encoding="utf-8"
    )
    code, output = invoke("check", "-m", str(tmp_path / "kept.yaml"))
    assert code == 1
    assert "store-unreachable" in output
    assert "Traceback" not in output


@pytest.mark.mariadb
def test_check_on_mariadb_finds_undeclared_email_column(mariadb_url: str, tmp_path: Path) -> None:
    engine = sa.create_engine(mariadb_url)
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE person (id INT PRIMARY KEY, contact VARCHAR(100))")
        conn.exec_driver_sql("INSERT INTO person VALUES (1, 'ola@example.no'), (2, 'kari@x.no')")
    engine.dispose()
    (tmp_path / "kept.yaml").write_text(
        f"stores: [{{name: m, url: '{mariadb_url}'}}]\n"
        "dataset:\n  - fides_key: d\n    collections:\n"
        "      - name: person\n        fields:\n"
        "          - {name: id, data_categories: [user.unique_id],"
        " fides_meta: {identity: user_id}}\n",
        encoding="utf-8",
    )
    report = run_check(load_manifest(tmp_path / "kept.yaml"))
    assert [(f.code, f.column, f.category) for f in report.findings] == [
        ("identity-not-asked", None, None),  # the form asks for an e-mail, not a user id
        ("undeclared-personal-data", "contact", "user.contact.email"),
    ]


@pytest.mark.parametrize(
    ("column", "category"),
    [
        ("home_phone", "user.contact.phone_number"),
        ("emailAddress", "user.contact.email"),
        ("password_hash", "user.authorization.password"),
        ("date_of_birth", "user.demographic.date_of_birth"),
        ("client_ip", "user.device.ip_address"),
        ("zip", "user.contact.address.postal_code"),
        ("payment_card_id", None),
        ("shipping_address_id", None),
        ("total_visits", None),
    ],
)
def test_detect_by_name(column: str, category: str | None) -> None:
    found = detect_by_name(column)
    assert (found.category if found else None) == category


@pytest.mark.parametrize(
    ("values", "category"),
    [
        (["+4791234567", "+447700900123"], "user.contact.phone_number"),
        (["(202) 555-0143", "202-555-0199"], "user.contact.phone_number"),
        (["Jane Customer", "Olga Berg"], "user.name"),
        (["4539 1488 0343 6467"], "user.financial.credit_card"),
        (["4539148803436468"], None),  # fails the Luhn check
        (["NO9386011117947"], "user.financial.bank_account"),
        (["NO9386011117948"], None),  # fails mod-97
        (["192.168.0.1", "::1"], "user.device.ip_address"),
        (["see ticket from ola@example.no", "n/a", "n/a", "n/a"], "user.contact.email"),
        (["1.2.3", "v2.0.1", "Thin client"], None),
        (["2027-03-15", "2026-11-22 10:00:00", "15-03-2027"], None),
        (["Cookie Monster Inc", "Acme"], None),
        ([None, ""], None),
    ],
)
def test_detect_by_values(values: list[str | None], category: str | None) -> None:
    found = detect_by_values(values)
    assert (found.category if found else None) == category


def test_check_digits() -> None:
    assert luhn_valid("4111111111111111") and not luhn_valid("4111111111111112")
    assert iban_valid("GB82WEST12345698765432") and not iban_valid("GB82WEST12345698765433")


def test_check_flags_collections_only_identities_outside_the_form_reach(tmp_path: Path) -> None:
    path = tmp_path / "kept.yaml"
    path.write_text(
        f"stores: [{{name: s, url: 'sqlite:///{tmp_path / 'c.sqlite'}'}}]\n"
        "dataset:\n  - fides_key: c\n    collections:\n"
        "      - name: members\n        fields:\n"
        "          - {name: id, data_categories: [user.unique_id],"
        " fides_meta: {primary_key: true}}\n"
        "          - {name: email, data_categories: [user.contact.email],"
        " fides_meta: {identity: email}}\n"
        "      - name: calls\n        fields:\n"
        "          - {name: id, data_categories: [system.operations],"
        " fides_meta: {primary_key: true}}\n"
        "          - {name: phone, data_categories: [user.contact.phone_number],"
        " fides_meta: {identity: phone_number}}\n",
        encoding="utf-8",
    )
    report = run_check(load_manifest(path))
    flagged = [f for f in report.findings if f.code == "identity-not-asked"]
    assert [f.target for f in flagged] == ["collection:c.calls"]
    assert report.paths["c.calls"] == ["identity phone_number: phone"]
