"""The Vibbio example: its manifest, its sample database, and the policy's facts in it."""

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
from kept.examples.vibbio import sample
from kept.manifest import load_manifest
from kept.manifest.models import Manifest, RecipientRole, Right

NOW = dt.datetime(2026, 2, 2, 8, 0, 0)
NINE = {  # VIB-30, as the policy lists them
    "Chatlio",
    "HubSpot",
    "Google Analytics",
    "Slack",
    "Productboard",
    "Google Cloud",
    "Stackdriver",
    "Facebook",
    "TwentyThree",
}
BILLING = ("billing_org_name", "org_number", "billing_contact_name", "invoice_email")


@pytest.fixture(scope="module")
def manifest(tmp_path_factory: pytest.TempPathFactory) -> Manifest:
    path = tmp_path_factory.mktemp("vib") / "kept.yaml"
    path.write_text(example_manifest("vibbio"), encoding="utf-8")
    return load_manifest(path).manifest


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sa.Engine]:
    """The default sample (300 users) at a fixed ``now``, shared by the fact tests."""
    path = tmp_path_factory.mktemp("vib-db") / "vibbio.sqlite"
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
    assert org is not None and org.legal_name == "VIBBIO AS"  # VIB-01
    assert [c.email for c in org.contacts] == ["privacy@vibbio.com"]  # VIB-34
    assert set(org.jurisdictions) == {"no", "eea"}
    assert org.response_deadline_days is None and org.minimum_age is None  # not promised
    assert {r.right for r in manifest.rights} == {Right.ACCESS, Right.ERASURE}  # VIB-26, VIB-27
    for offer in manifest.rights:
        assert offer.channels == ["privacy@vibbio.com"]
    for purpose in manifest.purposes:
        assert purpose.legal_basis is not None, purpose.key
    assert not manifest.prohibitions.never  # Vibbio promises no "no passwords"


def test_processors_are_the_nine_named(manifest: Manifest) -> None:  # VIB-30
    processors = {r.name for r in manifest.recipients if r.role is RecipientRole.PROCESSOR}
    assert processors == NINE
    cloud = next(r for r in manifest.recipients if r.name == "Google Cloud")
    assert cloud.all_countries == ["US"]  # VIB-24
    transfers = [w for w in manifest.waivers if not w.code.startswith("notice-")]
    waived = {w.target.removeprefix("recipient:") for w in transfers}
    us_processors = {r.name for r in manifest.recipients if "US" in r.all_countries}
    assert waived == us_processors  # no transfer mechanism stated for any US provider
    for waiver in transfers:
        assert waiver.code == "transfer-without-safeguard" and waiver.reason


def test_manifest_declares_exactly_the_generated_schema(manifest: Manifest) -> None:
    dataset = manifest.dataset_by_key("vibbio")
    assert dataset is not None
    declared = {c.name: {f.name for f in c.fields} for c in dataset.collections}
    actual = {t.name: set(t.columns.keys()) for t in sample.METADATA.sorted_tables}
    assert declared == actual
    for coll in dataset.collections:
        for fld in coll.fields:
            assert fld.data_categories, f"{coll.name}.{fld.name}"


def test_erasure_deletes_users_entirely_but_keeps_invoices(manifest: Manifest) -> None:
    dataset = manifest.dataset_by_key("vibbio")
    assert dataset is not None
    users = dataset.collection("users")
    assert users is not None and users.erase is not None
    assert users.erase.action.value == "delete_row"  # VIB-27
    invoices = dataset.collection("invoices")
    assert invoices is not None and invoices.erase is not None
    assert invoices.erase.action.value == "keep"
    assert "Inferred" in (invoices.erase.ground or "")  # bookkeeping law: an inference


def test_store_url_is_the_first_url_line() -> None:
    urls = [line for line in example_manifest("vibbio").splitlines() if re.match(r"\s*url:", line)]
    assert urls[0] == "    url: sqlite:///vibbio.sqlite"


# ----------------------------------------------------------------------------- sample


def test_create_example_fills_every_table_and_passes_check(tmp_path: Path) -> None:
    info = create_example("vibbio", tmp_path)
    assert set(info.rows) == set(sample.METADATA.tables)
    assert info.rows["users"] == 300 and sum(info.rows.values()) >= 10_000
    for table, count in info.rows.items():
        assert count >= 70, (table, count)
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'vibbio.sqlite'}")
    try:
        for table, count in info.rows.items():
            assert scalar(engine, f"SELECT COUNT(*) FROM {table}") == count
    finally:
        engine.dispose()
    report = run_check(load_manifest(info.manifest))
    assert report.ok, [(f.code, f.target) for f in report.findings]
    assert not report.unused_waivers
    assert len([f for f, _ in report.waived if not f.code.startswith("notice-")]) == 8


# ----------------------------------------------------------------------------- policy facts


def test_trial_organizations_have_no_billing_data(engine: sa.Engine) -> None:  # VIB-05
    filled = " OR ".join(f"{c} IS NOT NULL" for c in BILLING)
    assert scalar(engine, f"SELECT COUNT(*) FROM organizations WHERE is_trial AND ({filled})") == 0
    missing = " OR ".join(f"{c} IS NULL" for c in BILLING)
    paid = f"SELECT COUNT(*) FROM organizations WHERE NOT is_trial AND ({missing})"
    assert scalar(engine, paid) == 0
    for table in ("invoices", "store_purchases"):
        sql = f"""SELECT COUNT(*) FROM {table} x JOIN organizations o
                  ON o.id = x.organization_id WHERE o.is_trial"""
        assert scalar(engine, sql) == 0, table
    assert scalar(engine, "SELECT COUNT(*) FROM organizations WHERE is_trial") > 10
    with engine.connect() as conn:
        numbers = conn.execute(sa.text("SELECT org_number FROM organizations WHERE NOT is_trial"))
        for (number,) in numbers:  # Norwegian organisation numbers: modulus 11
            digits = [int(d) for d in number]
            total = sum(w * d for w, d in zip((3, 2, 7, 6, 5, 4, 3, 2), digits, strict=False))
            assert (11 - total % 11) % 11 == digits[8], number


def test_fjord_as_has_billing_data_and_two_users(engine: sa.Engine) -> None:  # §3, Vibbio
    fjord = "(SELECT id FROM organizations WHERE name = 'Fjord AS')"
    assert scalar(engine, f"SELECT is_trial FROM organizations WHERE id = {fjord}") in (0, False)
    assert scalar(engine, f"SELECT COUNT(*) FROM users WHERE organization_id = {fjord}") == 2
    assert scalar(engine, f"SELECT COUNT(*) FROM invoices WHERE organization_id = {fjord}") > 0
    users = f"SELECT id FROM users WHERE organization_id = {fjord}"
    for table, column in (("chat_transcripts", "user_id"), ("hubspot_contacts", "user_id")):
        sql = f"SELECT COUNT(*) FROM {table} WHERE {column} IN ({users})"
        assert scalar(engine, sql) >= 2, table


def test_registration_data_and_password_hashes(engine: sa.Engine) -> None:  # VIB-04
    with engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT email, full_name, password_hash FROM users")).all()
    assert len(rows) == 300
    for email, name, password_hash in rows:
        assert "@" in email and " " in name
        assert password_hash.startswith("$2b$12$") and len(password_hash) == 60


def test_invoices_carry_the_billing_data_of_their_organization(engine: sa.Engine) -> None:
    differs = """SELECT COUNT(*) FROM invoices i JOIN organizations o ON o.id = i.organization_id
                 WHERE i.org_number <> o.org_number OR i.invoice_email <> o.invoice_email
                 OR i.contact_person <> o.billing_contact_name"""
    assert scalar(engine, differs) == 0


def test_web_statistics_are_aggregated_only(engine: sa.Engine) -> None:  # VIB-12
    columns = [c.name for c in sample.WEB_TRAFFIC_DAILY.columns]
    assert not any("ip" in c.split("_") or "cookie" in c or "user_id" in c for c in columns)
    with engine.connect() as conn:
        for column in ("page", "source"):
            values = conn.execute(sa.text(f"SELECT {column} FROM web_traffic_daily")).scalars()
            assert detect_by_values(values) is None, column


def test_beacons_and_logs_identify_people(engine: sa.Engine) -> None:  # VIB-08, VIB-13, VIB-14
    opened = "SELECT COUNT(DISTINCT contact_id) FROM email_events WHERE event_type = 'open'"
    assert scalar(engine, opened) > 50
    for table in ("access_logs", "error_logs"):
        known = f"SELECT COUNT(*) FROM {table} WHERE user_id IS NOT NULL AND ip_address <> ''"
        assert scalar(engine, known) > 0, table
    anonymous = "SELECT COUNT(*) FROM access_logs WHERE user_id IS NULL"
    assert scalar(engine, anonymous) > 0


def test_nametags_only_on_media_showing_people(engine: sa.Engine) -> None:  # VIB-09
    wrong = """SELECT COUNT(*) FROM media_nametags n JOIN media_assets m ON m.id = n.media_id
               WHERE NOT m.shows_people"""
    assert scalar(engine, wrong) == 0
    assert scalar(engine, "SELECT COUNT(*) FROM media_nametags") > 100


def test_backups_stay_in_gcp_us_or_oslo(engine: sa.Engine) -> None:  # VIB-20, VIB-24
    with engine.connect() as conn:
        places = set(conn.execute(sa.text("SELECT DISTINCT location FROM backups")).scalars())
    assert places == {"gcp:us-central1", "oslo-office"}
    last_night = "SELECT COUNT(*) FROM backups WHERE kind = 'nightly' AND taken_at >= :since"
    assert scalar(engine, last_night, since=NOW - dt.timedelta(days=2)) >= 1
    assert scalar(engine, "SELECT COUNT(*) FROM backups WHERE taken_at > :now", now=NOW) == 0


def test_rows_on_both_sides_of_retention_periods(engine: sa.Engine) -> None:
    for table, column in (
        ("access_logs", "occurred_at"),
        ("invoices", "issued_at"),
        ("chat_transcripts", "started_at"),
    ):
        oldest = scalar(engine, f"SELECT MIN({column}) FROM {table}")
        newest = scalar(engine, f"SELECT MAX({column}) FROM {table}")
        assert str(oldest) < str(NOW - dt.timedelta(days=4 * 365)), table
        assert str(newest) > str(NOW - dt.timedelta(days=60)), table
    tax = "SELECT COUNT(*) FROM invoices WHERE issued_at < :cut"
    assert scalar(engine, tax, cut=NOW - dt.timedelta(days=6 * 365)) > 0  # beyond bookkeeping


def test_free_text_holds_no_hidden_personal_data(engine: sa.Engine) -> None:
    columns = {
        "chat_transcripts": ("transcript",),
        "video_orders": ("title", "brief"),
        "survey_responses": ("comment",),
        "error_logs": ("error",),
        "media_assets": ("filename", "folder"),
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
    dataset = manifest.dataset_by_key("vibbio")
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
