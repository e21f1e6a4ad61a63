"""The Vivi VoIP example: its manifest, its sample database, and the notice's facts in it."""

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
from kept.examples.vivi import sample
from kept.manifest import load_manifest
from kept.manifest.models import Manifest, RecipientRole, Right

NOW = dt.datetime(2026, 4, 1, 16, 45, 0)


@pytest.fixture(scope="module")
def manifest(tmp_path_factory: pytest.TempPathFactory) -> Manifest:
    path = tmp_path_factory.mktemp("voi") / "kept.yaml"
    path.write_text(example_manifest("vivi"), encoding="utf-8")
    return load_manifest(path).manifest


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sa.Engine]:
    """The default sample (300 people) at a fixed ``now``, shared by the fact tests."""
    path = tmp_path_factory.mktemp("voi-db") / "vivi.sqlite"
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


def test_manifest_states_the_notice(manifest: Manifest) -> None:
    org = manifest.organization
    assert org is not None and org.legal_name == "Techbox Solutions Ltd T/A Vivi"  # VOI-01
    assert org.jurisdictions == ["uk"]  # VOI-02
    assert org.dpo is not None and org.dpo.name == "Mr Alan Thorpe-Downey"  # VOI-29
    assert org.dpo.email == "info@vivvoip.co.uk"  # the notice's typo, kept as written
    assert org.response_deadline_days is None
    notice = manifest.notice
    assert notice is not None and notice.last_updated == dt.date(2018, 5, 16)  # VOI-30
    assert notice.review_every_months == 12  # VOI-09, VOI-30 (cadence inferred)
    rights = {r.right for r in manifest.rights}
    assert {Right.ACCESS, Right.RECTIFICATION} <= rights  # VOI-29
    assert {Right.MARKETING_OPT_OUT, Right.GROUP_SHARING_OPT_OUT} <= rights  # VOI-11, VOI-12
    assert Right.ERASURE not in rights  # not offered by the notice
    assert manifest.prohibitions.no_sale and manifest.prohibitions.no_third_party_marketing
    marketing = next(p for p in manifest.purposes if p.key == "group_product_marketing")
    assert marketing.legal_basis is not None and marketing.legal_basis.value == "consent"  # VOI-10
    for purpose in manifest.purposes:
        assert purpose.legal_basis is not None, purpose.key


def test_recipients(manifest: Manifest) -> None:  # VOI-15 ... VOI-28
    by_name = {r.name: r for r in manifest.recipients}
    assert {"Google Analytics", "Mailchimp", "Hotjar"} <= set(by_name)
    assert by_name["Vivi group companies"].role is RecipientRole.GROUP_COMPANY
    assert not any(r.sale for r in manifest.recipients)
    waived = {w.target for w in manifest.waivers if w.code == "transfer-without-safeguard"}
    assert waived == {
        "recipient:Google Analytics",
        "recipient:Mailchimp",
        "recipient:Referral and advertising vendors",
    }


def test_manifest_declares_exactly_the_generated_schema(manifest: Manifest) -> None:
    dataset = manifest.dataset_by_key("vivi")
    assert dataset is not None
    declared = {c.name: {f.name for f in c.fields} for c in dataset.collections}
    actual = {t.name: set(t.columns.keys()) for t in sample.METADATA.sorted_tables}
    assert declared == actual
    for coll in dataset.collections:
        for fld in coll.fields:
            assert fld.data_categories, f"{coll.name}.{fld.name}"


def test_store_url_is_the_first_url_line() -> None:
    urls = [line for line in example_manifest("vivi").splitlines() if re.match(r"\s*url:", line)]
    assert urls[0] == "    url: sqlite:///vivi.sqlite"


# ----------------------------------------------------------------------------- sample


def test_create_example_fills_every_table_and_passes_check(tmp_path: Path) -> None:
    info = create_example("vivi", tmp_path)
    assert set(info.rows) == set(sample.METADATA.tables)
    assert sum(info.rows.values()) >= 8_000
    for table, count in info.rows.items():
        assert count >= (10 if table == "group_sharing_optouts" else 50), (table, count)
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'vivi.sqlite'}")
    try:
        for table, count in info.rows.items():
            assert scalar(engine, f"SELECT COUNT(*) FROM {table}") == count
    finally:
        engine.dispose()
    report = run_check(load_manifest(info.manifest))
    assert report.findings == []  # group companies are inside the group VOI-03 names
    assert not report.unused_waivers
    # 3 transfers and 5 cookie tables (the notice's gaps are waived apart)
    assert len([f for f, _ in report.waived if not f.code.startswith("notice-")]) == 8


# ----------------------------------------------------------------------------- notice facts


def test_trackers_only_after_the_cookie_choice(engine: sa.Engine) -> None:  # VOI-13
    rules = {
        "no choice, nothing allowed": """SELECT COUNT(*) FROM cookie_consents
                                         WHERE decision IS NULL AND (analytics OR marketing)""",
        "deny means deny": """SELECT COUNT(*) FROM cookie_consents
                              WHERE decision = 'deny' AND (analytics OR marketing)""",
    }
    for table, flag in (
        ("analytics_hits", "analytics"),
        ("hotjar_sessions", "analytics"),
        ("referral_cookies", "marketing"),
    ):
        rules[table] = f"""SELECT COUNT(*) FROM {table} t JOIN cookie_consents c
                           ON c.cookie_id = t.cookie_id WHERE NOT c.{flag}"""
        rules[f"{table} before the choice"] = f"""SELECT COUNT(*) FROM {table} t
            JOIN cookie_consents c ON c.cookie_id = t.cookie_id
            WHERE c.decided_at IS NULL"""
    for rule, sql in rules.items():
        assert scalar(engine, sql) == 0, rule
    assert scalar(engine, "SELECT COUNT(*) FROM cookie_consents WHERE decision IS NULL") > 0


def test_hotjar_keeps_no_raw_ip_and_only_the_country(engine: sa.Engine) -> None:  # VOI-21/22
    with engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT ip_anonymized, country FROM hotjar_sessions")).all()
    assert len(rows) > 100
    for ip, country in rows:
        assert ip.endswith(".0") and ip.count(".") == 3, ip
        assert re.fullmatch(r"[A-Z]{2}", country), country
    with engine.connect() as conn:  # Google Analytics: no IP address at all (VOI-15)
        for column in sample.ANALYTICS_HITS.columns:
            values = conn.execute(sa.select(column).limit(500)).scalars()
            found = detect_by_values(values)
            assert found is None or found.category != "user.device.ip_address", column.name


def test_referral_cookies_expire_after_30_days(engine: sa.Engine) -> None:  # VOI-16
    limits = {vendor: days for vendor, _, days in sample.REFERRAL_VENDORS}
    assert sorted(v for v, d in limits.items() if d > 30) == ["Google Ads"]  # the exception
    with engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT vendor, set_at, expires_at FROM referral_cookies"))
        for vendor, set_at, expires_at in rows:
            lifetime = dt.datetime.fromisoformat(str(expires_at)) - dt.datetime.fromisoformat(
                str(set_at)
            )
            assert lifetime <= dt.timedelta(days=limits[vendor]), vendor


def test_marketing_only_with_consent(engine: sa.Engine) -> None:  # VOI-10, VOI-19
    rules = {
        "consent recorded": """SELECT COUNT(*) FROM marketing_subscribers
                               WHERE consent_given_at IS NULL OR consent_wording IS NULL""",
        "unsubscribe recorded": """SELECT COUNT(*) FROM marketing_subscribers
                                   WHERE (status = 'unsubscribed')
                                   <> (unsubscribed_at IS NOT NULL)""",
        "engagement after consent": """SELECT COUNT(*) FROM email_engagement e
                                       JOIN marketing_subscribers s ON s.id = e.subscriber_id
                                       WHERE e.occurred_at < s.consent_given_at""",
    }
    for rule, sql in rules.items():
        assert scalar(engine, sql) == 0, rule
    by_dpo = "SELECT COUNT(*) FROM marketing_subscribers WHERE unsubscribe_channel = 'dpo_email'"
    assert scalar(engine, by_dpo) > 0


def test_no_group_sharing_after_an_opt_out(engine: sa.Engine) -> None:  # VOI-12, VOI-27
    after = """SELECT COUNT(*) FROM group_shares g
               JOIN marketing_subscribers s ON s.id = g.subscriber_id
               JOIN group_sharing_optouts o ON o.email = s.email
               WHERE g.shared_at >= o.opted_out_at"""
    assert scalar(engine, after) == 0
    unconsented = """SELECT COUNT(*) FROM group_shares g
                     JOIN marketing_subscribers s ON s.id = g.subscriber_id
                     WHERE NOT s.group_products_consent"""
    assert scalar(engine, unconsented) == 0
    assert scalar(engine, "SELECT COUNT(*) FROM group_shares") > 0


def test_transaction_details_are_encrypted(engine: sa.Engine) -> None:  # VOI-25
    with engine.connect() as conn:
        values = list(
            conn.execute(sa.text("SELECT payment_details_encrypted FROM purchases")).scalars()
        )
    assert values and all(v.startswith("enc:v1:") for v in values)
    assert detect_by_values(values) is None


def test_rows_on_both_sides_of_retention_periods(engine: sa.Engine) -> None:  # VOI-08
    for table, column in (
        ("enquiries", "submitted_at"),
        ("analytics_hits", "occurred_at"),
        ("purchases", "purchased_at"),
    ):
        oldest = scalar(engine, f"SELECT MIN({column}) FROM {table}")
        newest = scalar(engine, f"SELECT MAX({column}) FROM {table}")
        assert str(oldest) < str(NOW - dt.timedelta(days=4 * 365)), table
        assert str(newest) > str(NOW - dt.timedelta(days=60)), table
    tax = "SELECT COUNT(*) FROM purchases WHERE purchased_at < :cut"
    assert scalar(engine, tax, cut=NOW - dt.timedelta(days=6 * 365)) > 0  # beyond bookkeeping


def test_free_text_holds_no_hidden_personal_data(engine: sa.Engine) -> None:
    columns = {"enquiries": ("message",), "email_engagement": ("campaign", "url")}
    with engine.connect() as conn:
        for table, names in columns.items():
            for name in names:
                values = conn.execute(sa.text(f"SELECT {name} FROM {table}")).scalars()
                assert detect_by_values(values) is None, (table, name)


def test_values_match_their_declared_categories(manifest: Manifest, engine: sa.Engine) -> None:
    """`kept check` samples only undeclared columns; here every declared column's values are
    held against its categories (an e-mail column declared as operations data would pass the
    check unnoticed)."""
    dataset = manifest.dataset_by_key("vivi")
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
