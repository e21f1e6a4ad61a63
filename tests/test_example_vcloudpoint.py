"""The vCloudPoint example: its manifest, its sample database, and the policy's facts in it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from kept.check import run_check
from kept.check.detect import detect_by_name, detect_by_values
from kept.examples import create_example, example_manifest
from kept.examples.vcloudpoint import sample
from kept.manifest import load_manifest
from kept.manifest.models import ErasureAction, LegalBasis, Manifest

NOW = dt.datetime(2026, 1, 15, 12, 0, 0)


@pytest.fixture(scope="module")
def manifest(tmp_path_factory: pytest.TempPathFactory) -> Manifest:
    path = tmp_path_factory.mktemp("vcp") / "kept.yaml"
    path.write_text(example_manifest("vcloudpoint"), encoding="utf-8")
    return load_manifest(path).manifest


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sa.Engine]:
    """The default sample (300 people) at a fixed ``now``, shared by the fact tests."""
    path = tmp_path_factory.mktemp("vcp-db") / "vcloudpoint.sqlite"
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


def scalar(engine: sa.Engine, sql: str) -> Any:
    with engine.connect() as conn:
        return conn.execute(sa.text(sql)).scalar()


# ----------------------------------------------------------------------------- manifest


def test_manifest_states_the_policy(manifest: Manifest) -> None:
    org = manifest.organization
    assert org is not None
    assert org.minimum_age == 13  # VCP-65
    assert org.response_deadline_days == 30 and org.response_deadline_firm  # VCP-25
    assert [n.data_category for n in manifest.prohibitions.never] == [
        "user.demographic.date_of_birth"  # VCP-66
    ]
    assert manifest.prohibitions.no_third_party_marketing  # VCP-15
    for purpose in manifest.purposes:
        assert purpose.legal_basis is not None, purpose.key
        assert purpose.retention, purpose.key
    assert manifest.purpose("call_recording").legal_basis is LegalBasis.CONSENT  # type: ignore[union-attr]
    assert manifest.purpose("device_analytics").legal_basis is LegalBasis.CONSENT  # type: ignore[union-attr]
    assert all(not r.sale for r in manifest.recipients)


def test_manifest_keeps_what_the_policy_keeps(manifest: Manifest) -> None:
    dataset = manifest.dataset_by_key("vcloudpoint")
    assert dataset is not None

    def erase(collection: str) -> ErasureAction | None:
        coll = dataset.collection(collection)
        assert coll is not None
        return coll.erase.action if coll.erase else None

    assert erase("shipments") is ErasureAction.KEEP  # VCP-49
    # VCP-46: at least three years; erasure deletes only older ones (retention minimum)
    assert erase("communications") is ErasureAction.DELETE_ROW
    assert erase("surveys") is ErasureAction.DELETE_ROW
    floors = {r.collection: r.minimum for r in manifest.retention.rules if r.minimum}
    assert str(floors["vcloudpoint.communications"]) == "3 years"
    assert str(floors["vcloudpoint.surveys"]) == "3 years"
    assert erase("remote_access_credentials") is ErasureAction.DELETE_ROW  # VCP-45
    assert erase("notifications") is ErasureAction.DELETE_ROW  # VCP-52
    assert erase("accounts") is ErasureAction.DELETE_ROW  # VCP-30
    shipments = dataset.collection("shipments")
    assert shipments is not None and shipments.erase is not None
    assert "indefinitely" in (shipments.erase.ground or "")


def test_logistics_recipients_cover_the_sample_carriers(manifest: Manifest) -> None:
    logistics = next(r for r in manifest.recipients if "logistics" in r.name)
    assert {c for _, c in sample.CARRIERS} <= set(logistics.all_countries)
    assert logistics.transfer_safeguard is not None and logistics.transfer_safeguard.value == "scc"


def test_manifest_declares_exactly_the_generated_schema(manifest: Manifest) -> None:
    dataset = manifest.dataset_by_key("vcloudpoint")
    assert dataset is not None
    declared = {c.name: {f.name for f in c.fields} for c in dataset.collections}
    actual = {t.name: set(t.columns.keys()) for t in sample.metadata.sorted_tables}
    assert declared == actual
    for coll in dataset.collections:
        for fld in coll.fields:
            assert fld.data_categories, f"{coll.name}.{fld.name}"


# ----------------------------------------------------------------------------- sample


def test_create_example_fills_every_table(tmp_path: Path) -> None:
    info = create_example("vcloudpoint", tmp_path)
    assert set(info.rows) == set(sample.TABLES)
    people = {t: n for t, n in info.rows.items() if t != "support_agents"}
    assert min(people.values()) >= 100, info.rows
    assert info.rows["accounts"] == 300
    assert info.rows["support_agents"] == sample.AGENTS  # the staff directory
    first = (tmp_path / "kept.yaml").read_text(encoding="utf-8")
    assert "url: sqlite:///vcloudpoint.sqlite" in first
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'vcloudpoint.sqlite'}")
    try:
        for table, count in info.rows.items():
            assert scalar(engine, f"SELECT COUNT(*) FROM {table}") == count
    finally:
        engine.dispose()
    report = run_check(load_manifest(info.manifest))
    assert report.ok, [(f.code, f.target) for f in report.findings]


# ----------------------------------------------------------------------------- policy facts


def test_recordings_exist_only_where_consent_was_given(engine: sa.Engine) -> None:  # VCP-33
    without_consent = """
        SELECT COUNT(*) FROM call_recordings r JOIN support_calls c ON c.id = r.call_id
        WHERE NOT c.recording_consent"""
    assert scalar(engine, without_consent) == 0
    consenting = scalar(engine, "SELECT COUNT(*) FROM support_calls WHERE recording_consent")
    assert scalar(engine, "SELECT COUNT(*) FROM call_recordings") == consenting
    refused = scalar(engine, "SELECT COUNT(*) FROM support_calls WHERE NOT recording_consent")
    assert refused > 0
    ledger_mismatch = """
        SELECT COUNT(*) FROM consents k JOIN support_calls c ON c.id = k.call_id
        WHERE k.purpose = 'call_recording' AND k.granted <> c.recording_consent"""
    assert scalar(engine, ledger_mismatch) == 0


def test_no_date_of_birth_anywhere(engine: sa.Engine) -> None:  # VCP-66
    inspector = sa.inspect(engine)
    for table in inspector.get_table_names():
        for column in inspector.get_columns(table):
            found = detect_by_name(column["name"])
            assert found is None or found.category != "user.demographic.date_of_birth"
            assert "birth" not in column["name"]


def test_device_analytics_hold_no_identifier(engine: sa.Engine) -> None:  # VCP-11
    table = sa.inspect(engine)
    assert table.get_foreign_keys("device_analytics") == []
    with engine.connect() as conn:
        for column in table.get_columns("device_analytics"):
            name = column["name"]
            assert detect_by_name(name) is None, name
            values = conn.execute(sa.text(f"SELECT {name} FROM device_analytics")).scalars()
            if name != "day":  # ISO dates look like formatted phone numbers to the detector
                assert detect_by_values(values) is None, name


def test_cards_are_masked(engine: sa.Engine) -> None:  # VCP-08
    with engine.connect() as conn:
        last4 = conn.execute(
            sa.text("SELECT card_last4 FROM payment_methods WHERE kind = 'card'")
        ).scalars()
        assert all(len(v) == 4 and v.isdigit() for v in last4)
        for table in sample.metadata.sorted_tables:
            for column in table.columns:
                if isinstance(column.type, sa.String):
                    values = conn.execute(sa.select(column).limit(200)).scalars()
                    found = detect_by_values(values)
                    assert found is None or found.category != "user.financial.credit_card"


def test_temporary_accounts_pending_activation(engine: sa.Engine) -> None:  # VCP-36
    pending = """SELECT COUNT(*) FROM accounts WHERE created_by = 'agent'
                 AND status = 'pending_activation' AND activated_at IS NULL"""
    assert scalar(engine, pending) > 0
    enabled = "SELECT COUNT(*) FROM accounts WHERE created_by = 'agent' AND status = 'active'"
    assert scalar(engine, enabled) > 0
    with_ticket = """SELECT COUNT(*) FROM accounts a WHERE a.created_by = 'agent' AND NOT EXISTS
                     (SELECT 1 FROM support_tickets t WHERE t.account_id = a.id)"""
    assert scalar(engine, with_ticket) == 0


def test_retention_periods_have_rows_on_both_sides(engine: sa.Engine) -> None:
    week = NOW - dt.timedelta(days=7)
    three_years = NOW - dt.timedelta(days=3 * 365)
    with engine.connect() as conn:

        def count(sql: str, **params: Any) -> int:
            return int(conn.execute(sa.text(sql), params).scalar_one())

        for op in ("<", ">="):  # VCP-52 notifications, VCP-46 communication records
            for table, column, cut in (
                ("notifications", "created_at", week),
                ("communications", "sent_at", three_years),
                ("surveys", "submitted_at", three_years),
            ):
                assert count(f"SELECT COUNT(*) FROM {table} WHERE {column} {op} :t", t=cut)
        assert count("SELECT COUNT(*) FROM shipments WHERE shipped_at < :t", t=three_years)
        credentials = """SELECT COUNT(*) FROM remote_access_credentials c
                         JOIN support_tickets t ON t.id = c.ticket_id
                         WHERE t.status {} 'resolved'"""
        assert count(credentials.format("="))  # VCP-45: to be removed by the sweep
        assert count(credentials.format("<>"))  # still needed
        assert count("SELECT COUNT(*) FROM security_logs WHERE under_investigation")
        latest = [
            conn.execute(sa.text(f"SELECT MAX({c}) FROM {t}")).scalar_one()
            for t, c in (("accounts", "created_at"), ("communications", "sent_at"))
        ]
        assert all(dt.datetime.fromisoformat(str(v)) <= NOW for v in latest)


def test_notifications_carry_no_device_identifier(engine: sa.Engine) -> None:  # VCP-54
    leaked = """SELECT COUNT(*) FROM notifications n JOIN push_registrations p
                ON p.id = n.registration_id
                WHERE n.body LIKE '%' || p.serial_number || '%'
                   OR n.body LIKE '%' || p.device_uid || '%'
                   OR n.title LIKE '%' || p.serial_number || '%'"""
    assert scalar(engine, leaked) == 0
