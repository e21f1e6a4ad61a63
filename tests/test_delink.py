"""Erasures that keep the schema whole: kept rows of a deleted parent are de-linked, a column
that cannot take it refuses the erasure before any change, on SQLite, PostgreSQL and MariaDB."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from kept.errors import RequestError
from kept.execution import Identity, run_erasure
from kept.manifest import load_manifest

MANIFEST = """\
organization: {name: Delink AS, jurisdictions: [eu]}
stores:
  - {name: main, url: "${DELINK_URL}"}
dataset:
  - fides_key: shop
    collections:
      - name: accounts
        erase: delete_row
        fields:
          - {name: id, data_categories: [user.unique_id], fides_meta: {primary_key: true}}
          - {name: email, data_categories: [user.contact.email], fides_meta: {identity: email}}
      - name: call_logs
        erase: {action: keep, ground: "Calls are kept for quality (VCP-33)."}
        fields:
          - {name: id, data_categories: [system.operations], fides_meta: {primary_key: true}}
          - name: account_id
            data_categories: [user.unique_id]
            fides_meta:
              references: [{dataset: shop, field: accounts.id, direction: from}]
          - {name: minutes, data_categories: [system.operations]}
      - name: orders
        erase: delete_row
        fields:
          - {name: id, data_categories: [system.operations], fides_meta: {primary_key: true}}
          - name: account_id
            data_categories: [user.unique_id]
            fides_meta:
              references: [{dataset: shop, field: accounts.id, direction: from}]
          - {name: created_at, data_categories: [system.operations]}
          - {name: address, data_categories: [user.contact.address]}
retention:
  rules:
    - name: orders-5-years
      collection: shop.orders
      clock: created_at
      minimum: 5 years
      period: 5 years
      action: delete
      ground: "Bookkeeping: orders are kept five years."
"""

ADA = [Identity("email", "ada@example.com")]


def setup(
    tmp_path: Path, url: str, monkeypatch: pytest.MonkeyPatch, *, calls_not_null: bool = False
) -> Path:
    engine = sa.create_engine(url, poolclass=sa.NullPool)
    null = " NOT NULL" if calls_not_null else ""
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE accounts (id INTEGER PRIMARY KEY, email VARCHAR(80))")
        conn.exec_driver_sql(
            f"CREATE TABLE call_logs (id INTEGER PRIMARY KEY, account_id INTEGER{null} "
            "REFERENCES accounts (id), minutes INTEGER)"
        )
        conn.exec_driver_sql(
            "CREATE TABLE orders (id INTEGER PRIMARY KEY, account_id INTEGER "
            "REFERENCES accounts (id), created_at TIMESTAMP NULL, address VARCHAR(80))"
        )
        conn.exec_driver_sql(
            "INSERT INTO accounts VALUES (1, 'ada@example.com'), (2, 'bob@example.com')"
        )
        conn.exec_driver_sql("INSERT INTO call_logs VALUES (10, 1, 5), (11, 2, 7)")
        conn.exec_driver_sql(
            "INSERT INTO orders VALUES (20, 1, '2000-01-01 00:00:00', 'Old 1'), "
            "(21, 1, CURRENT_TIMESTAMP, 'New 1'), (22, 2, CURRENT_TIMESTAMP, 'Bob 2')"
        )
    engine.dispose()
    monkeypatch.setenv("DELINK_URL", url)
    path = tmp_path / "kept.yaml"
    path.write_text(MANIFEST, encoding="utf-8")
    return path


def _all(url: str, sql: str) -> list[tuple[object, ...]]:
    engine = sa.create_engine(url, poolclass=sa.NullPool)
    with engine.connect() as conn:
        rows = [tuple(r) for r in conn.exec_driver_sql(sql)]
    engine.dispose()
    return rows


def test_kept_children_of_a_deleted_parent_are_de_linked(
    any_db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded = load_manifest(setup(tmp_path, any_db_url, monkeypatch))
    dry = run_erasure(loaded, {"r": ADA}, dry_run=True, secret=b"test-secret")
    assert dry.executable, dry.problems
    result = run_erasure(loaded, {"r": ADA}, secret=b"test-secret")
    assert result.verified
    assert _all(any_db_url, "SELECT id FROM accounts") == [(2,)]
    # the kept call log stays, de-linked; Bob's keeps its link
    assert sorted(_all(any_db_url, "SELECT id, account_id FROM call_logs")) == [
        (10, None),
        (11, 2),
    ]
    # the young order is held by the retention minimum and de-linked; the old one is deleted
    assert sorted(_all(any_db_url, "SELECT id, account_id FROM orders")) == [
        (21, None),
        (22, 2),
    ]
    receipt = result.receipt("r")
    tables = {t["table"]: t for t in receipt["tables"]}
    assert tables["shop.orders"]["rows_held"] == 1
    assert tables["shop.orders"]["delinked"] and tables["shop.call_logs"]["delinked"]


def test_a_not_null_reference_refuses_the_erasure_before_any_change(
    any_db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded = load_manifest(setup(tmp_path, any_db_url, monkeypatch, calls_not_null=True))
    dry = run_erasure(loaded, {"r": ADA}, dry_run=True, secret=b"test-secret")
    assert not dry.executable
    (problem,) = dry.problems
    assert "shop.call_logs" in problem and "account_id" in problem and "NOT NULL" in problem
    assert "ada" not in problem
    with pytest.raises(RequestError, match="NOT NULL"):
        run_erasure(loaded, {"r": ADA}, secret=b"test-secret")
    assert _all(any_db_url, "SELECT count(*) FROM accounts") == [(2,)]
    assert _all(any_db_url, "SELECT count(*) FROM orders") == [(3,)]


SWEEP = """\
organization: {name: Sweep AS, jurisdictions: [eu]}
stores:
  - {name: main, url: "${DELINK_URL}"}
dataset:
  - fides_key: shop
    collections:
      - name: accounts
        fields:
          - {name: id, data_categories: [user.unique_id], fides_meta: {primary_key: true}}
          - {name: email, data_categories: [user.contact.email], fides_meta: {identity: email}}
          - {name: closed_at, data_categories: [system.operations]}
      - name: orders
        fields:
          - {name: id, data_categories: [system.operations], fides_meta: {primary_key: true}}
          - name: account_id
            data_categories: [user.unique_id]
            fides_meta:
              references: [{dataset: shop, field: accounts.id, direction: from}]
          - {name: created_at, data_categories: [system.operations]}
retention:
  rules:
    - name: accounts-after-closing
      collection: shop.accounts
      clock: closed_at
      period: 30 days
      action: delete
      ground: "Closed accounts go after a month."
    - name: orders-5-years
      collection: shop.orders
      clock: created_at
      period: 5 years
      action: delete
      ground: "Bookkeeping: orders are kept five years."
"""


@pytest.mark.parametrize("not_null", [False, True])
def test_a_sweep_deleting_parents_de_links_the_children_that_stay(
    any_db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, not_null: bool
) -> None:
    from kept.control import open_control
    from kept.errors import RetentionError
    from kept.retention import run_sweep

    engine = sa.create_engine(any_db_url, poolclass=sa.NullPool)
    null = " NOT NULL" if not_null else ""
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "CREATE TABLE accounts (id INTEGER PRIMARY KEY, email VARCHAR(80), "
            "closed_at TIMESTAMP NULL)"
        )
        conn.exec_driver_sql(
            f"CREATE TABLE orders (id INTEGER PRIMARY KEY, account_id INTEGER{null} "
            "REFERENCES accounts (id), created_at TIMESTAMP NULL)"
        )
        conn.exec_driver_sql(
            "INSERT INTO accounts VALUES (1, 'ada@example.com', '2001-01-01 00:00:00'), "
            "(2, 'bob@example.com', NULL)"
        )
        conn.exec_driver_sql(
            "INSERT INTO orders VALUES (10, 1, '2000-01-01 00:00:00'), "
            "(11, 1, CURRENT_TIMESTAMP), (12, 2, CURRENT_TIMESTAMP)"
        )
    engine.dispose()
    monkeypatch.setenv("DELINK_URL", any_db_url)
    (tmp_path / "kept.yaml").write_text(SWEEP, encoding="utf-8")
    loaded = load_manifest(tmp_path / "kept.yaml")
    control = open_control(f"sqlite:///{tmp_path / 'kept.db'}")
    try:
        if not_null:
            with pytest.raises(RetentionError, match="NOT NULL"):
                run_sweep(loaded, control, rules=["accounts-after-closing"])
            assert _all(any_db_url, "SELECT count(*) FROM accounts") == [(2,)]
            return
        run_sweep(loaded, control, rules=["accounts-after-closing"])
    finally:
        control.dispose()
    assert _all(any_db_url, "SELECT id FROM accounts") == [(2,)]
    assert sorted(_all(any_db_url, "SELECT id, account_id FROM orders")) == [
        (10, None),
        (11, None),
        (12, 2),
    ]


def test_a_refused_erasure_is_audited_with_its_reason_and_no_personal_data(
    sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    from kept.audit import AuditLog
    from kept.rights import RightsService

    loaded = load_manifest(setup(tmp_path, sqlite_url, monkeypatch, calls_not_null=True))
    service = RightsService.open(loaded, database=f"sqlite:///{tmp_path / 'kept.db'}")
    try:
        with pytest.raises(RequestError):
            service.erase({"req-1": ADA})
        (entry,) = AuditLog(service.control).latest(1)
    finally:
        service.close()
    assert entry.action == "request.erasure.refused"
    assert entry.details["request_id"] == "req-1" and "NOT NULL" in entry.details["reason"]
    assert "ada" not in json.dumps(entry.details).lower()


def test_cli_dry_run_shows_the_problem_and_exits_1(
    sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    from typer.testing import CliRunner

    from kept.cli import _register, app

    path = setup(tmp_path, sqlite_url, monkeypatch, calls_not_null=True)
    _register()
    args = ["request", "erase", "-m", str(path), "-i", "email=ada@example.com", "--dry-run"]
    result = CliRunner().invoke(app, [*args, "--json"])
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["executable"] is False and "NOT NULL" in report["problems"][0]
    text = CliRunner().invoke(app, args)
    assert text.exit_code == 1 and "not executable" in text.output
