"""Retention rules: periods, validation with located errors, check findings, the review report,
the CLI, and the sweep on every database."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from typer.testing import CliRunner

import kept.retention
from kept.audit import AuditLog
from kept.check import Severity, run_check
from kept.cli import _register, app
from kept.control import open_control
from kept.errors import ManifestError
from kept.examples import create_example, example_manifest
from kept.examples.vcloudpoint import sample
from kept.execution import parse_identity
from kept.execution.retention.holds import place_hold
from kept.manifest import dump_manifest, load_manifest
from kept.manifest.retention import Period, Retention, RetentionRule
from kept.retention.report import retention_report
from kept.retention.sweep import run_sweep
from kept.rights import RightsService

NOW = dt.datetime(2026, 1, 15, 12, 0, 0)


# ----------------------------------------------------------------------------- periods


@pytest.mark.parametrize(
    ("text", "count", "unit"),
    [("7 days", 7, "day"), ("1 year", 1, "year"), ("6 Months", 6, "month"), ("2 weeks", 2, "week")],
)
def test_periods_parse(text: str, count: int, unit: str) -> None:
    period = Period.model_validate(text)
    assert (period.count, period.unit) == (count, unit)
    assert Period.model_validate(str(period)) == period


def test_a_bad_period_says_how_to_write_one() -> None:
    with pytest.raises(ValidationError, match="write a number and a unit"):
        Period.model_validate("a fortnight")


def test_calendar_months() -> None:
    assert Period.model_validate("1 month").before(dt.datetime(2026, 3, 31)) == dt.datetime(
        2026, 2, 28
    )
    assert Period.model_validate("1 year").before(dt.datetime(2028, 2, 29)) == dt.datetime(
        2027, 2, 28
    )


moments = st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2200, 1, 1))


@given(moments, st.integers(min_value=0, max_value=600))
def test_months_go_back_whole_months(moment: dt.datetime, months: int) -> None:
    cut = Period(count=months, unit="month").before(moment)
    assert (moment.year * 12 + moment.month) - (cut.year * 12 + cut.month) == months
    assert cut.day <= moment.day and cut.time() == moment.time()
    assert cut <= moment


@given(moments, st.integers(min_value=0, max_value=50))
def test_years_are_twelve_months(moment: dt.datetime, years: int) -> None:
    as_years = Period(count=years, unit="year").before(moment)
    assert as_years == Period(count=12 * years, unit="month").before(moment)


@given(moments, st.integers(min_value=0, max_value=20_000))
def test_days_are_exact(moment: dt.datetime, days: int) -> None:
    assert Period(count=days, unit="day").before(moment) == moment - dt.timedelta(days=days)


def test_rule_needs() -> None:
    base: dict[str, Any] = {"name": "r", "collection": "d.c"}
    with pytest.raises(ValidationError, match="needs a 'period'"):
        RetentionRule.model_validate({**base, "action": "delete", "clock": "t"})
    with pytest.raises(ValidationError, match="needs a 'clock'"):
        RetentionRule.model_validate({**base, "action": "delete", "period": "1 day"})
    with pytest.raises(ValidationError, match="'keep' needs a 'ground'"):
        RetentionRule.model_validate({**base, "action": "keep"})
    with pytest.raises(ValidationError, match="needs 'fields'"):
        RetentionRule.model_validate(
            {**base, "action": "anonymize", "clock": "t", "period": "1 day"}
        )
    with pytest.raises(ValidationError, match="below the platform minimum"):
        RetentionRule.model_validate(
            {**base, "clock": "t", "period": "1 day", "bounds": {"min": "7 days"}}
        )


# ----------------------------------------------------------------------------- the manifest


def vcp_manifest(tmp_path: Path, edit: tuple[str, str] | None = None) -> Path:
    text = example_manifest("vcloudpoint")
    if edit is not None:
        assert edit[0] in text
        text = text.replace(edit[0], edit[1], 1)
    path = tmp_path / "kept.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "collection: vcloudpoint.notifications",
            "collection: vcloudpoint.notification",
            "names unknown collection (dataset.collection) 'vcloudpoint.notification'",
        ),
        ("clock: created_at\n      period: 7 days", "clock: made_at\n      period: 7 days",
         "clock: vcloudpoint.notifications has no field 'made_at'"),
        ("exists: {collection: support_tickets,", "exists: {collection: accounts,",
         "declares no reference to vcloudpoint.accounts"),
        ("where: {status: resolved}}", "where: {state: resolved}}",
         "vcloudpoint.support_tickets has no field 'state'"),
        ("where: {under_investigation: false}", "where: {investigated: false}",
         "has no field 'investigated'"),
    ],
)  # fmt: skip
def test_rules_that_do_not_resolve_are_located(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    path = vcp_manifest(tmp_path, (old, new))
    with pytest.raises(ManifestError) as caught:
        load_manifest(path)
    assert message in str(caught.value)
    first = new.splitlines()[0].strip()
    line = next(i for i, s in enumerate(path.read_text().splitlines(), 1) if first in s)
    assert f"kept.yaml:{line}" in str(caught.value)


def test_the_manifest_round_trips(tmp_path: Path) -> None:
    manifest = load_manifest(vcp_manifest(tmp_path)).manifest
    again = tmp_path / "again.yaml"
    again.write_text(dump_manifest(manifest), encoding="utf-8")
    assert load_manifest(again).manifest.retention == manifest.retention


def findings(path: Path) -> dict[str, list[str]]:
    info_dir = path.parent
    create_example("vcloudpoint", info_dir / "db", people=20)
    text = path.read_text().replace(
        "url: sqlite:///vcloudpoint.sqlite", f"url: sqlite:///{info_dir / 'db'}/vcloudpoint.sqlite"
    )
    path.write_text(text)
    report = run_check(load_manifest(path), sample_size=0)
    out: dict[str, list[str]] = {}
    for f in report.findings:
        if f.level is not Severity.NOTE:  # e.g. the staff directory left out of requests
            out.setdefault(f.code, []).append(f.message)
    return out


def test_a_rule_shorter_than_a_minimum_is_a_check_finding(tmp_path: Path) -> None:
    path = vcp_manifest(
        tmp_path, ("minimum: 3 years\n      # inferred", "minimum: 4 years\n      # inferred")
    )
    found = findings(path)
    assert list(found) == ["retention-below-minimum"]
    assert "after 3 years (its period)" in found["retention-below-minimum"][0]
    assert "at least 4 years" in found["retention-below-minimum"][0]


def test_two_rules_on_one_field_are_a_check_finding(tmp_path: Path) -> None:
    twin = """    - name: notifications-again
      collection: vcloudpoint.notifications
      clock: sent_at
      period: 30 days
      action: delete
      ground: twice
    - name: credentials-until-resolved
"""
    path = vcp_manifest(tmp_path, ("    - name: credentials-until-resolved\n", twin))
    found = findings(path)
    assert list(found) == ["retention-overlap"]
    assert "'notifications-7-days' and 'notifications-again'" in found["retention-overlap"][0]


def test_deleting_referenced_rows_is_a_check_finding(tmp_path: Path) -> None:
    tickets = """    - name: tickets-5-years
      collection: vcloudpoint.support_tickets
      clock: resolved_at
      period: 5 years
      action: delete
      ground: old tickets
    - name: account-data-until-deleted
"""
    path = vcp_manifest(tmp_path, ("    - name: account-data-until-deleted\n", tickets))
    found = findings(path)
    assert list(found) == ["retention-orphans"]
    referencing = sorted(m.split(" rows that ")[1].split(" references")[0] for m in found[
        "retention-orphans"])  # fmt: skip
    # credentials, communications and surveys have rules that delete them first
    assert referencing == [
        "vcloudpoint.payments.ticket_id",
        "vcloudpoint.shipments.ticket_id",
        "vcloudpoint.support_calls.ticket_id",
    ]


def test_examples_check_clean_with_their_rules(tmp_path: Path) -> None:
    assert findings(vcp_manifest(tmp_path)) == {}


# ----------------------------------------------------------------------------- the review


@pytest.mark.parametrize("name", ["vivibit", "vibbio", "smartspace", "vivi", "vcloudpoint"])
def test_every_example_has_rules_for_every_personal_field(tmp_path: Path, name: str) -> None:
    path = tmp_path / "kept.yaml"
    path.write_text(example_manifest(name), encoding="utf-8")
    manifest = load_manifest(path).manifest
    report = retention_report(manifest, today=dt.date(2026, 12, 1))
    assert report.fields and not report.gaps, [(f.collection, f.field) for f in report.gaps]
    assert any(r.acts for r in manifest.retention.rules)


def test_vivis_review_is_overdue(tmp_path: Path) -> None:
    path = tmp_path / "kept.yaml"
    path.write_text(example_manifest("vivi"), encoding="utf-8")
    review = retention_report(load_manifest(path).manifest, today=dt.date(2026, 12, 1)).review
    assert review.last_reviewed == dt.date(2018, 5, 16)
    assert review.every_months == 12 and review.due == dt.date(2019, 5, 16)
    assert review.overdue


def test_a_field_without_a_rule_is_flagged(tmp_path: Path) -> None:
    text = example_manifest("vcloudpoint")
    start = text.index("    - name: account-data-until-deleted")
    path = tmp_path / "kept.yaml"
    path.write_text(text[:start], encoding="utf-8")
    report = retention_report(load_manifest(path).manifest)
    gaps = {(f.collection, f.field) for f in report.gaps}
    assert ("vcloudpoint.accounts", "email") in gaps
    assert ("vcloudpoint.notifications", "body") not in gaps


# ----------------------------------------------------------------------------- the CLI


@pytest.fixture
def cli_example(tmp_path: Path) -> Iterator[Path]:
    _register()
    info = create_example("vcloudpoint", tmp_path, people=60)
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'vcloudpoint.sqlite'}")
    sample.generate(engine, people=60, now=NOW)
    engine.dispose()
    yield info.manifest


def invoke(*args: str) -> Any:
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def test_cli_run_report_and_holds(cli_example: Path) -> None:
    m = str(cli_example)
    dry = invoke("retention", "run", "-m", m, "--dry-run", "--json", "--now", NOW.isoformat(),
                 "--show-rows", "2")  # fmt: skip
    assert dry.exit_code == 0, dry.output
    payload = json.loads(dry.output)
    assert payload["dry_run"] and payload["rules"][0]["expired"] > 0
    assert len(payload["rules"][0]["sample"]) == 2

    placed = invoke("retention", "hold", "place", "-m", m, "--dataset", "vcloudpoint",
                    "--reason", "audit", "--json")  # fmt: skip
    hold = json.loads(placed.output)
    listed = invoke("retention", "hold", "list", "-m", m, "--json")
    assert [h["id"] for h in json.loads(listed.output)] == [hold["id"]]
    held = invoke("retention", "run", "-m", m, "--now", NOW.isoformat())
    assert held.exit_code == 0 and "kept: legal hold" in held.output
    assert invoke("retention", "hold", "release", hold["id"], "-m", m, "--reason", "done")
    again = invoke("retention", "hold", "release", hold["id"], "-m", m, "--reason", "done")
    assert again.exit_code == 1 and "already released" in again.output

    run = invoke("retention", "run", "-m", m, "--json", "--now", NOW.isoformat())
    assert run.exit_code == 0, run.output
    assert json.loads(run.output)["rows"] == sum(r["expired"] for r in payload["rules"])

    report = invoke("retention", "report", "-m", m, "--json")
    assert json.loads(report.output)["gaps"] == 0
    strict = invoke("retention", "report", "-m", m, "--strict")
    assert strict.exit_code == 1 and "no review date" in strict.output  # no review date set

    bad = invoke("retention", "hold", "place", "-m", m, "--reason", "x")
    assert bad.exit_code == 1 and "exactly one of" in bad.output
    kind = invoke("retention", "hold", "place", "-m", m, "--reason", "x", "-i", "iban=NO93")
    assert kind.exit_code == 1 and "identity kind(s) iban are not declared" in kind.output
    nowhere = invoke("retention", "hold", "place", "-m", m, "--reason", "x", "--dataset", "crm")
    assert nowhere.exit_code == 1 and "unknown dataset 'crm'" in nowhere.output
    unknown = invoke("retention", "run", "-m", m, "--rule", "nope")
    assert unknown.exit_code == 1 and "unknown retention rule(s): nope" in unknown.output


# ----------------------------------------------------------------------------- databases


def test_the_sweep_does_the_same_on_every_database(any_db_url: str, tmp_path: Path) -> None:
    """SQLite, PostgreSQL and MariaDB end in the same state (MariaDB's temporary tables may
    appear once per statement; the sweep's statements respect that)."""
    ref_dir, db_dir = tmp_path / "ref", tmp_path / "db"
    ref = create_example("vcloudpoint", ref_dir, people=80)
    ref_engine = sa.create_engine(f"sqlite:///{ref_dir / 'vcloudpoint.sqlite'}")
    sample.generate(ref_engine, people=80, now=NOW)
    control = open_control(f"sqlite:///{ref_dir / 'kept.db'}")
    expected = run_sweep(load_manifest(ref.manifest), control, now=NOW)
    control.dispose()

    info = create_example("vcloudpoint", db_dir, people=80, url=any_db_url)
    engine = sa.create_engine(any_db_url, poolclass=sa.NullPool)
    sample.generate(engine, people=80, now=NOW)
    control = open_control(f"sqlite:///{db_dir / 'kept.db'}")
    with engine.connect() as conn:
        email = conn.execute(sa.text("SELECT email FROM accounts ORDER BY id")).scalars().first()
    place_hold(control, reason="case", identities=[parse_identity(f"email={email}")])
    place_hold(control, reason="none", tenant="nobody")
    got = run_sweep(load_manifest(info.manifest), control, now=NOW, batch_size=25)
    control.dispose()
    held = {o.rule: o.held for o in got.outcomes}
    assert {o.rule: o.rows + held[o.rule] for o in got.outcomes} == {
        o.rule: o.rows for o in expected.outcomes
    }
    assert sum(held.values()) > 0
    engine.dispose()
    ref_engine.dispose()


# ----------------------------------------------------------------------------- a small store

SMALL = """
kept: 1
organization: {name: Small, jurisdictions: [eu]}
stores: [{name: small, url: "sqlite:///small.sqlite"}]
dataset:
  - fides_key: small
    tenant_column: tenant
    collections:
      - name: visits
        fields:
          - {name: site, data_categories: [system.operations], fides_meta: {primary_key: true}}
          - {name: seq, data_categories: [system.operations], fides_meta: {primary_key: true}}
          - {name: tenant, data_categories: [system.operations]}
          - {name: email, data_categories: [user.contact.email], fides_meta: {identity: email}}
          - {name: ip, data_categories: [user.device.ip_address]}
          - {name: at, data_categories: [system.operations]}
retention:
  rules:
    - name: visits-ip-30-days
      collection: small.visits
      clock: at
      period: 30 days
      action: anonymize
      fields: [ip]
      ground: IPs serve security for a month.
    - name: visits-1-year
      collection: small.visits
      clock: at
      action: none
      ground: the rows themselves have no time limit
"""


def test_composite_keys_anonymize_and_tenant_holds(tmp_path: Path) -> None:
    (tmp_path / "kept.yaml").write_text(SMALL, encoding="utf-8")
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'small.sqlite'}")
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "CREATE TABLE visits (site TEXT, seq INTEGER, tenant INTEGER, email TEXT, ip TEXT, "
            "at TIMESTAMP, PRIMARY KEY (site, seq))"
        )
        for i in range(40):
            conn.execute(
                sa.text("INSERT INTO visits VALUES (:s, :q, :t, :e, :ip, :at)"),
                {"s": f"s{i % 3}", "q": i, "t": i % 2 + 1, "e": f"p{i}@example.com",
                 "ip": f"10.0.0.{i}", "at": NOW - dt.timedelta(days=i * 3)},
            )  # fmt: skip
    loaded = load_manifest(tmp_path / "kept.yaml")
    control = open_control(f"sqlite:///{tmp_path / 'kept.db'}")
    place_hold(control, reason="tenant dispute", tenant="2")
    dry = run_sweep(loaded, control, now=NOW, dry_run=True)
    (outcome,) = dry.outcomes  # the `none` rule does not act
    old = [i for i in range(40) if i * 3 > 30]
    assert outcome.expired == len([i for i in old if i % 2 + 1 == 1])
    assert outcome.held == len([i for i in old if i % 2 + 1 == 2])
    result = run_sweep(loaded, control, now=NOW)
    assert result.outcomes[0].rows == outcome.expired and result.outcomes[0].batches == 1
    with engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT seq, tenant, ip FROM visits")).all()
    for seq, tenant, ip in rows:
        assert (ip is None) == (seq * 3 > 30 and tenant == 1), (seq, tenant, ip)
    assert run_sweep(loaded, control, now=NOW).rows == 0
    # the erasure of a person of the held tenant keeps the row and says why
    erased = RightsService(loaded, control).erase(
        {"r": [parse_identity("email=p1@example.com")]}, now=NOW
    )
    (table,) = erased.receipt("r")["tables"]
    assert table["rows_held"] == 1 and "tenant dispute" in table["held_grounds"][0]
    control.dispose()
    engine.dispose()


# ----------------------------------------------------------------------------- modules


@pytest.mark.parametrize(
    "module",
    [
        "kept.execution.retention.holds",
        "kept.execution.retention.protect",
        "kept.retention.sweep",
        "kept.retention.report",
        "kept.manifest.retention_rules",
        "kept.execution.erasure",
        "kept.check",
    ],
)
def test_each_module_imports_first(module: str) -> None:
    """Any entry point imports on its own (no cycle: ``lint-imports`` checks the layers)."""
    done = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True)
    assert done.returncode == 0, done.stderr.decode()


def test_the_package_exports() -> None:
    for name in kept.retention.__all__:
        assert getattr(kept.retention, name) is not None
    with pytest.raises(AttributeError):
        _ = kept.retention.nothing_here  # type: ignore[attr-defined]


def test_a_review_is_recorded(cli_example: Path) -> None:
    done = invoke("retention", "report", "-m", str(cli_example), "--record")
    assert done.exit_code == 0, done.output
    control = open_control(f"sqlite:///{cli_example.parent / 'kept.db'}")
    (entry,) = [e for e in AuditLog(control).latest(5) if e.action == "retention.review"]
    assert entry.details["gaps"] == [] and "notifications-7-days" in entry.details["rules"]
    control.dispose()


# ----------------------------------------------------------------------------- invariant

EVENTS = """
kept: 1
organization: {name: Events, jurisdictions: [eu]}
stores: [{name: ev, url: "sqlite:///ev.sqlite"}]
dataset:
  - fides_key: ev
    collections:
      - name: events
        fields:
          - {name: id, data_categories: [system.operations], fides_meta: {primary_key: true}}
          - {name: email, data_categories: [user.contact.email], fides_meta: {identity: email}}
          - {name: at, data_categories: [system.operations]}
retention:
  rules:
    - {name: events, collection: ev.events, clock: at, period: PERIOD, action: delete,
       ground: test}
"""


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    ages=st.lists(st.integers(min_value=0, max_value=60), max_size=120),
    period=st.integers(min_value=0, max_value=60),
    batch=st.integers(min_value=1, max_value=40),
    held=st.sets(st.integers(min_value=0, max_value=119), max_size=5),
)
def test_a_sweep_removes_exactly_the_expired_unheld_rows(
    tmp_path: Path,
    migrated_control: Callable[[Path], str],
    ages: list[int],
    period: int,
    batch: int,
    held: set[int],
) -> None:
    """Whatever the data, period, batch size and holds: after a sweep, the rows left are
    exactly those not yet expired or held, and a second sweep changes nothing."""
    folder = tmp_path / uuid.uuid4().hex  # one folder per example
    folder.mkdir()
    (folder / "kept.yaml").write_text(EVENTS.replace("PERIOD", f"{period} days"), "utf-8")
    engine = sa.create_engine(f"sqlite:///{folder / 'ev.sqlite'}")
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "CREATE TABLE events (id INTEGER PRIMARY KEY, email TEXT, at TIMESTAMP)"
        )
        rows = [
            {"id": i, "email": f"p{i}@example.com", "at": NOW - dt.timedelta(days=age, hours=1)}
            for i, age in enumerate(ages)
        ]
        if rows:
            conn.execute(sa.text("INSERT INTO events VALUES (:id, :email, :at)"), rows)
    control = open_control(migrated_control(folder / "kept.db"))
    for i in held:
        place_hold(control, reason="case", identities=[parse_identity(f"email=p{i}@example.com")])
    loaded = load_manifest(folder / "kept.yaml")
    first = run_sweep(loaded, control, now=NOW, batch_size=batch)
    with engine.connect() as conn:
        left = {r[0] for r in conn.execute(sa.text("SELECT id FROM events"))}
    keep = {i for i, age in enumerate(ages) if age < period or i in held}
    assert left == keep
    assert first.rows == len(ages) - len(keep)
    assert run_sweep(loaded, control, now=NOW, batch_size=batch).rows == 0
    control.dispose()
    engine.dispose()


CATEGORIES = """
kept: 1
organization: {name: Cat, jurisdictions: [eu]}
stores: [{name: cat, url: "sqlite:///cat.sqlite"}]
dataset:
  - fides_key: cat
    collections:
      - name: logins
        fields:
          - {name: id, data_categories: [system.operations], fides_meta: {primary_key: true}}
          - {name: email, data_categories: [user.contact.email], fides_meta: {identity: email}}
          - {name: ip, data_categories: [user.device.ip_address]}
          - {name: at, data_categories: [system.operations]}
      - name: orders
        fields:
          - {name: id, data_categories: [system.operations], fides_meta: {primary_key: true}}
          - {name: buyer_ip, data_categories: [user.device.ip_address]}
          - {name: total, data_categories: [system.operations]}
          - {name: at, data_categories: [system.operations]}
      - name: notes
        fields:
          - {name: id, data_categories: [system.operations], fides_meta: {primary_key: true}}
          - {name: text, data_categories: [user.content.private]}
retention:
  rules:
    - name: ip-addresses-30-days
      categories: [CATEGORY]
      clock: at
      period: 30 days
      action: anonymize
      ground: IP addresses serve security for a month.
"""


def test_a_rule_per_data_category(tmp_path: Path) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "kept.yaml").write_text(CATEGORIES.replace("CATEGORY", "user.device.ip_adress"))
    with pytest.raises(ManifestError) as e:
        load_manifest(bad / "kept.yaml")
    assert "unknown data category 'user.device.ip_adress'" in str(e.value)
    assert "did you mean 'user.device.ip_address'" in str(e.value)

    (tmp_path / "kept.yaml").write_text(CATEGORIES.replace("CATEGORY", "user.device"))
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'cat.sqlite'}")
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "CREATE TABLE logins (id INTEGER PRIMARY KEY, email TEXT, ip TEXT, at TIMESTAMP)"
        )
        conn.exec_driver_sql(
            "CREATE TABLE orders (id INTEGER PRIMARY KEY, buyer_ip TEXT, total INTEGER, "
            "at TIMESTAMP)"
        )
        conn.exec_driver_sql("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
        for i in range(10):
            at = NOW - dt.timedelta(days=i * 10)
            conn.execute(
                sa.text("INSERT INTO logins VALUES (:i, :e, :ip, :at)"),
                {"i": i, "e": f"p{i}@example.com", "ip": "10.0.0.1", "at": at},
            )
            conn.execute(
                sa.text("INSERT INTO orders VALUES (:i, :ip, 5, :at)"),
                {"i": i, "ip": "10.0.0.2", "at": at},
            )
    loaded = load_manifest(tmp_path / "kept.yaml")
    control = open_control(f"sqlite:///{tmp_path / 'kept.db'}")
    result = run_sweep(loaded, control, now=NOW)
    assert {o.collection: o.rows for o in result.outcomes} == {"cat.logins": 6, "cat.orders": 6}
    with engine.connect() as conn:
        for table, column in (("logins", "ip"), ("orders", "buyer_ip")):
            ids = conn.execute(sa.text(f"SELECT id FROM {table} WHERE {column} IS NULL")).scalars()
            assert sorted(ids) == [4, 5, 6, 7, 8, 9]
        assert conn.execute(sa.text("SELECT COUNT(*) FROM orders WHERE total = 5")).scalar() == 10
    report = retention_report(loaded.manifest)
    covered = {(f.collection, f.field): f.rules for f in report.fields}
    assert covered[("cat.orders", "buyer_ip")] == ["ip-addresses-30-days"]
    assert covered[("cat.logins", "email")] == []  # not a device category: a gap
    control.dispose()
    engine.dispose()


# ----------------------------------------------------------------------------- the docs

DOCS = Path(__file__).parents[1] / "docs" / "retention.md"


def test_the_documented_rules_are_valid() -> None:
    text = DOCS.read_text(encoding="utf-8")
    (block,) = re.findall(r"```yaml\n(.*?)```", text, re.S)
    section = Retention.model_validate(yaml.safe_load(block)["retention"])
    assert {r.action.value for r in section.rules} == {"delete", "anonymize", "keep", "none"}
    assert section.schedule and section.review_every_months == 12


def test_the_documented_library_calls_run(
    cli_example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import re

    text = DOCS.read_text(encoding="utf-8")
    (block,) = re.findall(r"```python\n(.*?)```", text, re.S)
    run = cli_example.parent / "run"  # the docs name the example's folder vcp/
    run.mkdir()
    (run / "vcp").symlink_to(cli_example.parent, target_is_directory=True)
    monkeypatch.chdir(run)
    namespace: dict[str, Any] = {}
    exec(compile(block, str(DOCS), "exec"), namespace)  # the documentation's own code
    assert namespace["result"].rows > 0
    namespace["control"].dispose()
