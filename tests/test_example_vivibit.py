"""The VIVIBIT example: its manifest, its sample database, and the policy's facts in it."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from kept.check import run_check
from kept.check.classify import agrees
from kept.check.detect import detect_by_values
from kept.examples import create_example, example_manifest
from kept.examples.vivibit import sample
from kept.jurisdictions import needs_transfer_safeguard
from kept.manifest import load_manifest
from kept.manifest.models import Manifest, RecipientRole, Right

NOW = dt.datetime(2026, 3, 20, 9, 30, 0)


@pytest.fixture(scope="module")
def manifest(tmp_path_factory: pytest.TempPathFactory) -> Manifest:
    path = tmp_path_factory.mktemp("viv") / "kept.yaml"
    path.write_text(example_manifest("vivibit"), encoding="utf-8")
    return load_manifest(path).manifest


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sa.Engine]:
    """The default sample (300 people) at a fixed ``now``, shared by the fact tests."""
    path = tmp_path_factory.mktemp("viv-db") / "vivibit.sqlite"
    eng = sa.create_engine(f"sqlite:///{path}")
    sample.generate(eng, now=NOW)
    yield eng
    eng.dispose()


def all_rows(engine: sa.Engine) -> dict[str, list[tuple[Any, ...]]]:
    with engine.connect() as conn:
        return {
            t.name: [tuple(r) for r in conn.execute(sa.select(t).order_by(*t.primary_key))]
            for t in sample.METADATA.sorted_tables
        }


def scalar(engine: sa.Engine, sql: str, **params: Any) -> Any:
    with engine.connect() as conn:
        return conn.execute(sa.text(sql), params).scalar()


# ----------------------------------------------------------------------------- manifest


def test_manifest_states_the_policy(manifest: Manifest) -> None:
    org = manifest.organization
    assert org is not None and org.name == "VIVIBIT"
    assert org.legal_name is None and org.dpo is None  # VIV-33: nothing given, nothing invented
    assert org.response_deadline_days is None  # the law's deadline applies
    assert {"eea", "uk", "us-ca", "us", "sg", "jp"} <= set(org.jurisdictions)  # VIV-38
    notice = manifest.notice
    assert notice is not None
    assert (notice.effective, notice.last_updated) == (dt.date(2026, 3, 10), dt.date(2026, 3, 16))
    assert manifest.prohibitions.no_sale and not manifest.prohibitions.no_sharing  # VIV-18
    rights = {r.right for r in manifest.rights}
    assert rights == {  # VIV-30's nine, plus the CCPA opt-out of §6/§15
        Right.ACCESS,
        Right.RECTIFICATION,
        Right.ERASURE,
        Right.RESTRICTION,
        Right.OBJECTION,
        Right.WITHDRAW_CONSENT,
        Right.PORTABILITY,
        Right.MARKETING_OPT_OUT,
        Right.COMPLAINT,
        Right.SALE_OPT_OUT,
    }
    for purpose in manifest.purposes:  # VIV-16
        assert purpose.legal_basis is not None, purpose.key
        assert purpose.retention, purpose.key


def test_recipients_are_the_twelve_categories(manifest: Manifest) -> None:  # VIV-19, VIV-25
    assert len(manifest.recipients) == 13  # §6's twelve, marketing/ads split by role
    org = manifest.organization
    assert org is not None
    for rec in manifest.recipients:
        for country in rec.all_countries:
            if needs_transfer_safeguard(org.jurisdictions, country):
                assert rec.transfer_safeguard is not None, rec.name
        assert not rec.sale, rec.name
    sharing = [r.name for r in manifest.recipients if r.sharing]
    assert sharing == ["Advertising partners (ad pixels)"]
    roles = {r.role for r in manifest.recipients}
    assert {RecipientRole.GROUP_COMPANY, RecipientRole.PUBLIC_AUTHORITY} <= roles
    # Only the notice items the policy does not state are waived (docs/records.md), and the one
    # contradiction of the policy: §6's corporate transaction uses device data VIV-07 limits.
    assert all(
        w.code.startswith("notice-") for w in manifest.waivers if w.code != "purpose-limitation"
    )
    (limit,) = [w for w in manifest.waivers if w.code == "purpose-limitation"]
    assert "corporate" in limit.target


def test_manifest_declares_exactly_the_generated_schema(manifest: Manifest) -> None:
    dataset = manifest.dataset_by_key("vivibit")
    assert dataset is not None
    declared = {c.name: {f.name for f in c.fields} for c in dataset.collections}
    actual = {t.name: set(t.columns.keys()) for t in sample.METADATA.sorted_tables}
    assert declared == actual
    for coll in dataset.collections:
        for fld in coll.fields:
            assert fld.data_categories, f"{coll.name}.{fld.name}"


def test_tax_and_warranty_records_are_kept_on_erasure(manifest: Manifest) -> None:
    dataset = manifest.dataset_by_key("vivibit")
    assert dataset is not None
    for name in ("orders", "order_items", "invoices"):
        coll = dataset.collection(name)
        assert coll is not None and coll.erase is not None
        assert coll.erase.action.value == "keep" and "tax" in (coll.erase.ground or "").lower()
    registrations = dataset.collection("product_registrations")
    assert registrations is not None
    warranty = registrations.field("warranty_ends_at")
    assert warranty is not None and warranty.erase is not None
    assert warranty.erase.action.value == "keep" and "warranty" in (warranty.erase.ground or "")


def test_store_url_is_the_first_url_line() -> None:
    urls = [line for line in example_manifest("vivibit").splitlines() if re.match(r"\s*url:", line)]
    assert urls[0] == "    url: sqlite:///vivibit.sqlite"


# ----------------------------------------------------------------------------- sample


def test_create_example_fills_every_table_and_passes_check(tmp_path: Path) -> None:
    info = create_example("vivibit", tmp_path)
    assert set(info.rows) == set(sample.METADATA.tables)
    assert info.rows["accounts"] >= 200 and sum(info.rows.values()) >= 10_000
    for table, count in info.rows.items():
        assert count >= 30, (table, count)
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'vivibit.sqlite'}")
    try:
        for table, count in info.rows.items():
            assert scalar(engine, f"SELECT COUNT(*) FROM {table}") == count
    finally:
        engine.dispose()
    report = run_check(load_manifest(info.manifest))
    assert report.ok, [(f.code, f.target) for f in report.findings]


def test_generate_works_from_one_person(tmp_path: Path) -> None:
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'x.sqlite'}")
    try:
        with pytest.raises(ValueError, match="at least 1"):
            sample.generate(engine, people=0)
        counts = sample.generate(engine, people=1, now=NOW)  # Anna alone
        assert counts["accounts"] == 1 and counts["orders"] == 2
    finally:
        engine.dispose()


# ----------------------------------------------------------------------------- policy facts


def test_ad_pixels_only_for_people_who_did_not_opt_out(engine: sa.Engine) -> None:  # VIV-18
    refused = """SELECT COUNT(*) FROM ad_pixel_events e JOIN web_cookies c
                 ON c.cookie_id = e.cookie_id
                 WHERE c.sale_share_opt_out OR c.gpc_signal OR NOT c.advertising_allowed"""
    assert scalar(engine, refused) == 0
    assert scalar(engine, "SELECT COUNT(*) FROM ad_pixel_events") > 0
    opted_out = "SELECT COUNT(*) FROM web_cookies WHERE sale_share_opt_out"
    assert scalar(engine, opted_out) > 0
    gpc_honoured = "SELECT COUNT(*) FROM web_cookies WHERE gpc_signal AND NOT sale_share_opt_out"
    assert scalar(engine, gpc_honoured) == 0


def test_trackers_wait_for_consent_in_the_eea_and_uk(engine: sa.Engine) -> None:  # VIV-17
    without_choice = """SELECT COUNT(*) FROM web_cookies WHERE privacy_region IN ('eea', 'uk')
                        AND (analytics_allowed OR advertising_allowed)
                        AND choice_recorded_at IS NULL"""
    assert scalar(engine, without_choice) == 0
    not_allowed = """SELECT COUNT(*) FROM web_analytics_events e JOIN web_cookies c
                     ON c.cookie_id = e.cookie_id WHERE NOT c.analytics_allowed"""
    assert scalar(engine, not_allowed) == 0


def test_the_scenario_people(engine: sa.Engine) -> None:  # PROMISES.md §3, VIVIBIT
    anna = "(SELECT id FROM accounts WHERE full_name = 'Anna Schmidt')"
    counts = {
        "login_history": f"SELECT COUNT(*) FROM login_history WHERE account_id = {anna}",
        "trusted_devices": f"SELECT COUNT(*) FROM trusted_devices WHERE account_id = {anna}",
        "orders": f"SELECT COUNT(*) FROM orders WHERE account_id = {anna}",
        "in_warranty": f"""SELECT COUNT(*) FROM product_registrations
                          WHERE account_id = {anna} AND warranty_ends_at > :now""",
        "open_ticket": f"""SELECT COUNT(*) FROM support_tickets
                          WHERE account_id = {anna} AND status = 'open'""",
        "newsletter": f"""SELECT COUNT(*) FROM marketing_preferences
                         WHERE account_id = {anna} AND status = 'subscribed'""",
        "analytics": f"""SELECT COUNT(*) FROM web_analytics_events e JOIN web_cookies c
                        ON c.cookie_id = e.cookie_id WHERE c.account_id = {anna}""",
        "reseller": f"SELECT COUNT(*) FROM reseller_records WHERE account_id = {anna}",
    }
    for what, sql in counts.items():
        assert scalar(engine, sql, now=NOW) >= (2 if what == "orders" else 1), what
    kinds = f"""SELECT COUNT(DISTINCT a.kind) FROM support_attachments a
                JOIN support_tickets t ON t.id = a.ticket_id WHERE t.account_id = {anna}"""
    assert scalar(engine, kinds) == 2  # a diagnostic bundle and a configuration dump
    assert scalar(engine, f"SELECT privacy_region FROM accounts WHERE id = {anna}") == "eea"
    ben = "(SELECT id FROM accounts WHERE full_name = 'Ben Walker')"
    pixels = f"""SELECT COUNT(*) FROM ad_pixel_events e JOIN web_cookies c
                 ON c.cookie_id = e.cookie_id WHERE c.account_id = {ben}"""
    assert scalar(engine, pixels) > 0
    assert scalar(engine, f"SELECT privacy_region FROM accounts WHERE id = {ben}") == "us-ca"


def test_support_access_grants(engine: sa.Engine) -> None:  # VIV-11, VIV-23
    rules = {
        "metadata by ticket": """SELECT COUNT(*) FROM support_access_grants
                                 WHERE scope = 'service_metadata' AND basis <> 'support_ticket'""",
        "content by customer": """SELECT COUNT(*) FROM support_access_grants
                                  WHERE scope <> 'service_metadata'
                                  AND basis NOT IN ('customer_authorization', 'break_glass')""",
        "expiry": "SELECT COUNT(*) FROM support_access_grants WHERE expires_at <= granted_at",
        "break-glass reason": """SELECT COUNT(*) FROM support_access_grants
                                 WHERE basis = 'break_glass' AND reason IS NULL""",
    }
    for rule, sql in rules.items():
        assert scalar(engine, sql) == 0, rule
    assert scalar(engine, "SELECT COUNT(*) FROM support_access_grants WHERE basis = 'break_glass'")
    dumps = "SELECT COUNT(*) FROM support_attachments WHERE kind = 'config_dump'"
    scoped = dumps + " AND access_scope = 'user_content'"
    assert scalar(engine, dumps) == scalar(engine, scoped) > 0


def test_orders_invoices_and_marketing_opt_outs(engine: sa.Engine) -> None:
    checks = {
        "invoice per order": """SELECT COUNT(*) FROM orders o WHERE (o.status = 'cancelled')
                                = EXISTS (SELECT 1 FROM invoices i WHERE i.order_id = o.id)""",
        "unsubscribed with date": """SELECT COUNT(*) FROM marketing_preferences
                                     WHERE (status = 'unsubscribed')
                                     <> (unsubscribed_at IS NOT NULL)""",
        "channel recorded": """SELECT COUNT(*) FROM marketing_preferences
                               WHERE status = 'unsubscribed' AND unsubscribe_channel IS NULL""",
    }
    for rule, sql in checks.items():
        assert scalar(engine, sql) == 0, rule
    guests = "SELECT COUNT(*) FROM orders WHERE account_id IS NULL"
    assert scalar(engine, guests) > 0  # found by the order's e-mail


def test_rows_on_both_sides_of_retention_periods(engine: sa.Engine) -> None:
    for table, column in (
        ("orders", "placed_at"),
        ("login_history", "occurred_at"),
        ("web_analytics_events", "occurred_at"),
    ):
        oldest = scalar(engine, f"SELECT MIN({column}) FROM {table}")
        newest = scalar(engine, f"SELECT MAX({column}) FROM {table}")
        assert str(oldest) < str(NOW - dt.timedelta(days=4 * 365)), table
        assert str(newest) > str(NOW - dt.timedelta(days=30)), table
    warranty = "SELECT COUNT(*) FROM product_registrations WHERE warranty_ends_at {} :now"
    assert scalar(engine, warranty.format("<"), now=NOW) > 100  # expired: may go
    assert scalar(engine, warranty.format(">="), now=NOW) > 100  # running: kept (VIV-27)
    tax = "SELECT COUNT(*) FROM invoices WHERE issued_at < :cut"
    assert scalar(engine, tax, cut=NOW - dt.timedelta(days=6 * 365)) > 0  # beyond bookkeeping


def test_free_text_holds_no_hidden_personal_data(engine: sa.Engine) -> None:
    columns = {
        "support_tickets": ("subject", "body"),
        "device_events": ("message",),
        "support_access_grants": ("reason",),
        "reseller_records": ("reseller",),
    }
    with engine.connect() as conn:
        for table, names in columns.items():
            for name in names:
                values = conn.execute(sa.text(f"SELECT {name} FROM {table}")).scalars()
                assert detect_by_values(values) is None, (table, name)


def test_values_match_their_declared_categories(manifest: Manifest, engine: sa.Engine) -> None:
    """`kept check` samples only undeclared columns; here every declared column's values are
    held against its categories (an e-mail column declared as operations data would pass the
    check unnoticed)."""
    dataset = manifest.dataset_by_key("vivibit")
    assert dataset is not None
    with engine.connect() as conn:
        for coll in dataset.collections:
            for fld in coll.fields:
                sql = f'SELECT "{fld.name}" FROM "{coll.name}" LIMIT 500'
                found = detect_by_values(conn.execute(sa.text(sql)).scalars())
                if found is not None:
                    declared = fld.data_categories or []
                    assert any(agrees(found.category, c) for c in declared), (
                        f"{coll.name}.{fld.name}: {found.reason}"
                    )
