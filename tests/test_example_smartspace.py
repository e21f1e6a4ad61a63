"""The SmartSpace example: its manifest, its sample database, and the policy's facts in it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError

from kept.check import run_check
from kept.check.detect import detect_by_name, detect_by_values
from kept.examples import create_example, example_manifest
from kept.examples.smartspace import sample
from kept.manifest import load_manifest
from kept.manifest.models import Manifest, Right
from kept.taxonomy import is_under

NOW = dt.datetime(2026, 1, 15, 12, 0, 0)
SMALL_TABLES = {"tenants", "tenant_settings", "tenant_billing", "lockers"}  # per tenant


@pytest.fixture(scope="module")
def manifest(tmp_path_factory: pytest.TempPathFactory) -> Manifest:
    path = tmp_path_factory.mktemp("vts") / "kept.yaml"
    path.write_text(example_manifest("smartspace"), encoding="utf-8")
    return load_manifest(path).manifest


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sa.Engine]:
    """The default sample (300 users) at a fixed ``now``, shared by the fact tests."""
    path = tmp_path_factory.mktemp("vts-db") / "smartspace.sqlite"
    eng = sa.create_engine(f"sqlite:///{path}")
    sample.generate(eng, now=NOW)
    yield eng
    eng.dispose()


def all_rows(engine: sa.Engine) -> dict[str, list[tuple[Any, ...]]]:
    with engine.connect() as conn:
        return {
            t.name: [tuple(r) for r in conn.execute(sa.select(t).order_by(t.c.id))]
            for t in sample.metadata.sorted_tables
        }


def scalar(engine: sa.Engine, sql: str, **params: Any) -> Any:
    with engine.connect() as conn:
        return conn.execute(sa.text(sql), params).scalar()


# ----------------------------------------------------------------------------- manifest


def test_manifest_states_the_policy(manifest: Manifest) -> None:
    org = manifest.organization
    assert org is not None and org.legal_name == "VividTech AS"
    assert org.minimum_age == 18  # VTS-30
    assert org.response_deadline_days == 30 and not org.response_deadline_firm  # VTS-38
    assert org.dpo is not None and org.dpo.email == "[email protected]"  # VTS-37, as published
    assert manifest.notice is not None and manifest.notice.last_updated == dt.date(2025, 1, 1)
    never = {n.data_category for n in manifest.prohibitions.never}
    assert {"user.authorization.password", "user.authorization.credentials"} <= never  # VTS-02
    assert manifest.prohibitions.no_sale  # VTS-14
    assert {r.right for r in manifest.rights} >= {  # VTS-26
        Right.ACCESS,
        Right.RECTIFICATION,
        Right.ERASURE,
        Right.PORTABILITY,
        Right.OBJECTION,
        Right.RESTRICTION,
        Right.WITHDRAW_CONSENT,
    }
    for purpose in manifest.purposes:
        assert purpose.legal_basis is not None, purpose.key
    subjects = {s.key: s for s in manifest.data_subjects}
    assert subjects["package_recipient"].has_account is False  # VTS-05
    entra = next(r for r in manifest.recipients if r.name == "Microsoft Entra ID")
    assert "authentication" in entra.purposes


def test_every_tenant_scoped_collection_names_its_tenant_column(manifest: Manifest) -> None:
    dataset = manifest.dataset_by_key("smartspace")
    assert dataset is not None
    for coll in dataset.collections:  # VTS-15
        assert coll.tenant_column == ("id" if coll.name == "tenants" else "tenant_id"), coll.name


def test_manifest_declares_exactly_the_generated_schema(manifest: Manifest) -> None:
    dataset = manifest.dataset_by_key("smartspace")
    assert dataset is not None
    declared = {c.name: {f.name for f in c.fields} for c in dataset.collections}
    actual = {t.name: set(t.columns.keys()) for t in sample.metadata.sorted_tables}
    assert declared == actual
    for coll in dataset.collections:
        for fld in coll.fields:
            assert fld.data_categories, f"{coll.name}.{fld.name}"
            for category in fld.data_categories:
                for rule in manifest.prohibitions.never:
                    assert not is_under(category, rule.data_category), f"{coll.name}.{fld.name}"


# ----------------------------------------------------------------------------- sample


def test_create_example_fills_every_table(tmp_path: Path) -> None:
    info = create_example("smartspace", tmp_path)
    assert set(info.rows) == set(sample.TABLES)
    assert info.rows["tenants"] == len(sample.TENANTS) >= 2
    assert info.rows["users"] == 300
    for table, count in info.rows.items():
        assert count >= (len(sample.TENANTS) if table in SMALL_TABLES else 100), (table, count)
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'smartspace.sqlite'}")
    try:
        for table, count in info.rows.items():
            assert scalar(engine, f"SELECT COUNT(*) FROM {table}") == count
    finally:
        engine.dispose()
    report = run_check(load_manifest(info.manifest))
    assert report.ok, [(f.code, f.target) for f in report.findings]


# ----------------------------------------------------------------------------- policy facts


def test_no_password_or_credential_column(engine: sa.Engine) -> None:  # VTS-02
    inspector = sa.inspect(engine)
    for table in inspector.get_table_names():
        for column in inspector.get_columns(table):
            found = detect_by_name(column["name"])
            assert found is None or not is_under(found.category, "user.authorization"), (
                table,
                column["name"],
            )
            assert "pass" not in column["name"] and "secret" not in column["name"]


def test_no_card_or_bank_data_is_stored(engine: sa.Engine) -> None:  # VTS-06
    with engine.connect() as conn:
        for table in sample.metadata.sorted_tables:
            for column in table.columns:
                if isinstance(column.type, sa.String):
                    found = detect_by_values(conn.execute(sa.select(column).limit(300)).scalars())
                    assert found is None or not is_under(found.category, "user.financial")


def test_every_personal_table_carries_its_tenant(engine: sa.Engine) -> None:  # VTS-15
    for table in sample.metadata.sorted_tables:
        if table.name != "tenants":
            assert "tenant_id" in table.columns
            assert not table.c.tenant_id.nullable


def test_rows_never_point_across_tenants(engine: sa.Engine) -> None:  # VTS-15, VTS-16
    crossings = {
        "recipient": """SELECT COUNT(*) FROM packages p JOIN users u
                        ON u.id = p.recipient_user_id WHERE u.tenant_id <> p.tenant_id""",
        "mailroom": """SELECT COUNT(*) FROM packages p JOIN users u
                       ON u.id = p.handled_by_user_id WHERE u.tenant_id <> p.tenant_id""",
        "locker": """SELECT COUNT(*) FROM packages p JOIN lockers l
                     ON l.id = p.locker_id WHERE l.tenant_id <> p.tenant_id""",
        "notification": """SELECT COUNT(*) FROM notifications n JOIN packages p
                           ON p.id = n.package_id WHERE n.tenant_id <> p.tenant_id""",
        "log": """SELECT COUNT(*) FROM access_logs a JOIN users u
                  ON u.id = a.user_id WHERE u.tenant_id <> a.tenant_id""",
    }
    for name, sql in crossings.items():
        assert scalar(engine, sql) == 0, name


def test_external_recipients_have_no_user_row(engine: sa.Engine) -> None:  # VTS-05
    externals = "SELECT COUNT(*) FROM packages WHERE recipient_user_id IS NULL"
    assert scalar(engine, externals) >= 100
    matched = """SELECT COUNT(*) FROM packages p WHERE p.recipient_user_id IS NULL AND EXISTS
                 (SELECT 1 FROM users u WHERE u.email = p.recipient_email
                  OR u.phone = p.recipient_phone)"""
    assert scalar(engine, matched) == 0
    unreachable = """SELECT COUNT(*) FROM packages WHERE recipient_user_id IS NULL
                     AND recipient_email IS NULL AND recipient_phone IS NULL"""
    assert scalar(engine, unreachable) == 0  # found by e-mail or phone
    in_several_tenants = """SELECT COUNT(*) FROM (SELECT recipient_email FROM packages
                            WHERE recipient_user_id IS NULL AND recipient_email IS NOT NULL
                            GROUP BY recipient_email HAVING COUNT(DISTINCT tenant_id) > 1) x"""
    assert scalar(engine, in_several_tenants) > 0


def test_roles_and_entra_ids(engine: sa.Engine) -> None:  # VTS-03, VTS-16
    with engine.connect() as conn:
        roles = set(conn.execute(sa.text("SELECT DISTINCT role FROM users")).scalars())
        assert roles == {"tenant_admin", "mailroom", "employee"}
        tenants = conn.execute(sa.text("SELECT COUNT(DISTINCT tenant_id) FROM users")).scalar()
        assert tenants == len(sample.TENANTS)
    duplicates = """SELECT COUNT(*) FROM (SELECT entra_object_id FROM users
                    GROUP BY entra_object_id HAVING COUNT(*) > 1) x"""
    assert scalar(engine, duplicates) == 0


def test_tenant_retention_settings_stay_within_bounds(engine: sa.Engine) -> None:  # VTS-25
    with engine.connect() as conn:
        settings = {
            name: (packages, logs)
            for name, packages, logs in conn.execute(
                sa.text(
                    "SELECT t.name, s.package_retention_days, s.log_retention_days "
                    "FROM tenant_settings s JOIN tenants t ON t.id = s.tenant_id"
                )
            )
        }
    assert settings["Acme Corporation"] == (90, 30)
    assert settings["Globex AB"] == sample.DEFAULT_SETTINGS[:2]
    for column, (low, _) in sample.BOUNDS.items():
        with pytest.raises(DBAPIError), engine.begin() as conn:
            conn.execute(sa.text(f"UPDATE tenant_settings SET {column} = {low - 1}"))


def test_retention_periods_have_rows_on_both_sides(engine: sa.Engine) -> None:
    acme = "(SELECT id FROM tenants WHERE name = 'Acme Corporation')"
    for sql, days in (
        (f"SELECT COUNT(*) FROM packages WHERE tenant_id = {acme} AND received_at {{}} :t", 90),
        (f"SELECT COUNT(*) FROM access_logs WHERE tenant_id = {acme} AND occurred_at {{}} :t", 30),
    ):
        cut = NOW - dt.timedelta(days=days)
        assert scalar(engine, sql.format("<"), t=cut) > 0
        assert scalar(engine, sql.format(">="), t=cut) > 0


def test_sms_only_where_the_tenant_enabled_it(engine: sa.Engine) -> None:  # VTS-09
    sms_off = """SELECT COUNT(*) FROM notifications n JOIN tenant_settings s
                 ON s.tenant_id = n.tenant_id WHERE n.channel = 'sms' AND NOT s.sms_notifications"""
    assert scalar(engine, sms_off) == 0
    wrong_address = """SELECT COUNT(*) FROM notifications WHERE
                       (channel = 'email' AND (to_email IS NULL OR to_phone IS NOT NULL))
                       OR (channel = 'sms' AND (to_phone IS NULL OR to_email IS NOT NULL))"""
    assert scalar(engine, wrong_address) == 0
