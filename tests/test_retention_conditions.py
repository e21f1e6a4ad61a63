"""Retention rules with row conditions: rules without a clock (swept, dry run, receipts),
conditions with exists (kept while an order refers to it), overlap and minimums computed on the
conditions, row groups and their gaps, partial coverage in the review, bad input; the sweeps
and erasures on SQLite, PostgreSQL and MariaDB."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from pydantic import ValidationError

from kept.audit import AuditLog
from kept.check.retention import retention_findings
from kept.control import open_control
from kept.errors import ManifestError
from kept.execution import Identity, run_erasure
from kept.manifest import load_manifest
from kept.manifest.loader import LoadedManifest
from kept.manifest.retention import RetentionRule
from kept.retention.report import describe_rule, retention_report
from kept.retention.sweep import run_sweep

NOW = dt.datetime(2026, 1, 15, 12, 0, 0)
OLD = dt.datetime(2022, 1, 1)
NEW = dt.datetime(2025, 12, 1)

MANIFEST = """\
organization: {name: Shop AS, jurisdictions: [eu]}
stores:
  - {name: main, url: "${RC_URL}"}
dataset:
  - fides_key: shop
    collections:
      - name: accounts
        erase: delete_row
        fields:
          - {name: id, data_categories: [user.unique_id], fides_meta: {primary_key: true}}
          - {name: email, data_categories: [user.contact.email], fides_meta: {identity: email}}
          - {name: status, data_categories: [system.operations]}
          - {name: created_by, data_categories: [system.operations]}
          - {name: created_at, data_categories: [system.operations]}
      - name: enquiries
        erase: delete_row
        fields:
          - {name: id, data_categories: [system.operations], fides_meta: {primary_key: true}}
          - {name: email, data_categories: [user.contact.email], fides_meta: {identity: email}}
          - {name: message, data_categories: [user.content.private]}
          - {name: status, data_categories: [system.operations]}
          - {name: submitted_at, data_categories: [system.operations]}
      - name: orders
        erase: {action: keep, ground: "Orders are accounting records."}
        fields:
          - {name: id, data_categories: [system.operations], fides_meta: {primary_key: true}}
          - name: enquiry_id
            data_categories: [system.operations]
            fides_meta: {references: [{dataset: shop, field: enquiries.id, direction: from}]}
          - {name: placed_at, data_categories: [system.operations]}
      - name: cases
        fields:
          - {name: id, data_categories: [system.operations], fides_meta: {primary_key: true}}
          - {name: email, data_categories: [user.contact.email], fides_meta: {identity: email}}
          - {name: notes, data_categories: [user.content.private]}
          - {name: status, data_categories: [system.operations]}
"""

ENQUIRIES = [
    # id, email, message, status, submitted_at; orders refer to 2 and 5
    (1, "ada@example.com", "a", "answered", OLD),
    (2, "ada@example.com", "b", "answered", OLD),
    (3, "bob@example.com", "c", "open", OLD),
    (4, "bob@example.com", "d", "answered", NEW),
    (5, "cy@example.com", "e", None, NEW),
    (6, "cy@example.com", "f", "answered", None),
]


def _setup(tmp_path: Path, url: str, monkeypatch: pytest.MonkeyPatch, rules: str) -> LoadedManifest:
    engine = sa.create_engine(url, poolclass=sa.NullPool)
    meta = sa.MetaData()
    accounts = sa.Table(
        "accounts",
        meta,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("email", sa.String(80)),
        sa.Column("status", sa.String(20)),
        sa.Column("created_by", sa.String(20)),
        sa.Column("created_at", sa.DateTime),
    )
    enquiries = sa.Table(
        "enquiries",
        meta,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("email", sa.String(80)),
        sa.Column("message", sa.String(80)),
        sa.Column("status", sa.String(20)),
        sa.Column("submitted_at", sa.DateTime),
    )
    orders = sa.Table(
        "orders",
        meta,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("enquiry_id", sa.Integer, sa.ForeignKey("enquiries.id")),
        sa.Column("placed_at", sa.DateTime),
    )
    cases = sa.Table(
        "cases",
        meta,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("email", sa.String(80)),
        sa.Column("notes", sa.String(80)),
        sa.Column("status", sa.String(20)),
    )
    meta.create_all(engine)
    names = ["id", "email", "message", "status", "submitted_at"]
    with engine.begin() as conn:
        conn.execute(enquiries.insert(), [dict(zip(names, r, strict=True)) for r in ENQUIRIES])
        conn.execute(
            orders.insert(),
            [
                {"id": 20, "enquiry_id": 2, "placed_at": OLD},
                {"id": 21, "enquiry_id": 5, "placed_at": NEW},
            ],
        )
        conn.execute(
            cases.insert(),
            [
                {"id": 30, "email": "ada@example.com", "notes": "n1", "status": "resolved"},
                {"id": 31, "email": "bob@example.com", "notes": "n2", "status": "open"},
                {"id": 32, "email": "cy@example.com", "notes": None, "status": "resolved"},
                {"id": 33, "email": "cy@example.com", "notes": "n3", "status": None},
            ],
        )
        conn.execute(
            accounts.insert(),
            [
                {
                    "id": 1,
                    "email": "ada@example.com",
                    "status": "active",
                    "created_by": "self",
                    "created_at": OLD,
                }
            ],
        )
    engine.dispose()
    monkeypatch.setenv("RC_URL", url)
    path = tmp_path / "kept.yaml"
    path.write_text(MANIFEST + rules, encoding="utf-8")
    return load_manifest(path)


def _rows(url: str, sql: str) -> list[tuple[Any, ...]]:
    engine = sa.create_engine(url, poolclass=sa.NullPool)
    with engine.connect() as conn:
        rows = sorted(tuple(r) for r in conn.exec_driver_sql(sql))
    engine.dispose()
    return rows


CLOCKLESS = """\
retention:
  rules:
    - name: enquiries-once-answered
      collection: shop.enquiries
      where: {status: answered, not: {exists: orders}}
      action: delete
      ground: "Answered enquiries go, unless an order refers to them."
    - name: case-notes-once-resolved
      collection: shop.cases
      where: {status: resolved}
      action: anonymize
      fields: [notes]
      ground: "Case notes go once the case is resolved."
"""


def test_rules_without_a_clock_are_swept_with_a_dry_run_and_receipts(
    any_db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded = _setup(tmp_path, any_db_url, monkeypatch, CLOCKLESS)
    control = open_control(f"sqlite:///{tmp_path / 'kept.db'}")
    before = _rows(any_db_url, "SELECT id FROM enquiries")
    dry = run_sweep(loaded, control, now=NOW, dry_run=True, show_rows=5)
    assert _rows(any_db_url, "SELECT id FROM enquiries") == before
    by_rule = {o.rule: o for o in dry.outcomes}
    assert by_rule["enquiries-once-answered"].expired == 3  # 1, 4, 6; not 2 (ordered)
    assert sorted(r["id"] for r in by_rule["enquiries-once-answered"].sample) == [1, 4, 6]
    assert by_rule["case-notes-once-resolved"].expired == 1  # 32 has no notes left
    assert by_rule["enquiries-once-answered"].cutoff is None
    assert by_rule["enquiries-once-answered"].condition == (
        "status = 'answered' and not (exists orders)"
    )
    assert not [e for e in AuditLog(control).latest(20) if e.action == "retention.sweep"]

    result = run_sweep(loaded, control, now=NOW)
    assert {o.rule: o.rows for o in result.outcomes} == {
        "enquiries-once-answered": 3,
        "case-notes-once-resolved": 1,
    }
    assert _rows(any_db_url, "SELECT id FROM enquiries") == [(2,), (3,), (5,)]
    assert _rows(any_db_url, "SELECT id, notes FROM cases") == [
        (30, None),
        (31, "n2"),
        (32, None),
        (33, "n3"),
    ]
    receipts = [e for e in AuditLog(control).latest(20) if e.action == "retention.sweep"]
    assert {e.details["rule"] for e in receipts} == {
        "enquiries-once-answered",
        "case-notes-once-resolved",
    }
    receipt = next(e for e in receipts if e.details["rule"] == "enquiries-once-answered")
    assert receipt.details["cutoff"] is None and receipt.details["rows"] == 3
    assert "not (exists orders)" in receipt.details["condition"]
    assert "ada@example.com" not in str(receipt.details)
    assert run_sweep(loaded, control, now=NOW).rows == 0  # idempotent
    control.dispose()


KEEP_WHILE_ORDERED = """\
retention:
  rules:
    - name: enquiries-2-years-unless-ordered
      collection: shop.enquiries
      clock: submitted_at
      period: 2 years
      where: {not: {exists: orders}}
      action: delete
      ground: "Enquiries go after two years, unless an order refers to them."
    - name: enquiries-while-ordered
      collection: shop.enquiries
      where: {exists: orders}
      action: keep
      ground: "An enquiry is kept while an order refers to it."
"""


def test_an_enquiry_is_kept_while_an_order_refers_to_it(
    any_db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded = _setup(tmp_path, any_db_url, monkeypatch, KEEP_WHILE_ORDERED)
    # the rules do not overlap, and deleting only unreferenced enquiries orphans no order
    assert list(retention_findings(loaded)) == []
    control = open_control(f"sqlite:///{tmp_path / 'kept.db'}")
    result = run_sweep(loaded, control, now=NOW)
    assert result.rows == 2  # 1 and 3: old, no order; 2 is old but ordered
    assert _rows(any_db_url, "SELECT id FROM enquiries") == [(2,), (4,), (5,), (6,)]
    # an erasure keeps Cy's ordered enquiry (5) and erases the other (6)
    erased = run_erasure(
        loaded, {"r": [Identity("email", "cy@example.com")]}, secret=b"test-secret"
    )
    assert erased.verified
    assert _rows(any_db_url, "SELECT id FROM enquiries") == [(2,), (4,), (5,)]
    tables = {t["table"]: t for t in erased.receipt("r")["tables"]}
    assert tables["shop.enquiries"]["rows_held"] == 1
    assert "kept while an order refers to it" in str(tables["shop.enquiries"]["held_grounds"])
    control.dispose()


def test_without_the_exists_condition_the_delete_orphans_orders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rules = KEEP_WHILE_ORDERED.replace("      where: {not: {exists: orders}}\n", "")
    loaded = _setup(tmp_path, f"sqlite:///{tmp_path / 'd.sqlite'}", monkeypatch, rules)
    codes = sorted(f.code for f in retention_findings(loaded))
    assert codes == ["retention-orphans", "retention-overlap"]


# ----------------------------------------------------------------------------- findings


def _findings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rules: str) -> dict[str, list[str]]:
    url = f"sqlite:///{tmp_path / f'f{len(list(tmp_path.iterdir()))}.sqlite'}"
    loaded = _setup(tmp_path, url, monkeypatch, rules)
    out: dict[str, list[str]] = {}
    for f in retention_findings(loaded):
        out.setdefault(f.code, []).append(f.message)
    return out


def _two(first: str, second: str, second_action: str = "action: keep") -> str:
    return f"""\
retention:
  rules:
    - name: first
      collection: shop.cases
      where: {first}
      action: delete
    - name: second
      collection: shop.cases
      where: {second}
      {second_action}
      ground: "kept"
"""


@pytest.mark.parametrize(
    ("first", "second", "overlap"),
    [
        ("{status: open}", "{status: closed}", False),
        ("{status: open}", "{not: {status: open}}", False),
        ("{status: [open, pending]}", "{status: {not_in: [open, pending]}}", False),
        ("{status: open}", "{status: [open, closed]}", True),
        ("{status: open}", "{notes: {like: 'x%'}}", True),
        ("{status: {ne: open}}", "{any: [{status: null}, {status: open}]}", False),
        ("{status: {ne: open}}", "{not: {status: closed}}", True),
    ],
)
def test_overlap_is_computed_on_the_conditions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, first: str, second: str, overlap: bool
) -> None:
    found = _findings(tmp_path, monkeypatch, _two(first, second))
    assert ("retention-overlap" in found) is overlap, found


def test_a_rule_without_a_clock_under_a_minimum_is_a_finding_unless_disjoint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    floor = """\
    - name: closed-cases-at-least-1-year
      collection: shop.cases
      clock: id
      where: {status: closed}
      minimum: 1 year
      action: none
      ground: "closed cases are evidence for a year"
"""
    rule = """\
retention:
  rules:
    - name: cases-once-{status}
      collection: shop.cases
      where: {{status: {status}}}
      action: delete
"""
    apart = _findings(tmp_path, monkeypatch, rule.format(status="resolved") + floor)
    assert "retention-below-minimum" not in apart
    same = _findings(tmp_path, monkeypatch, rule.format(status="closed") + floor)
    (message,) = same["retention-below-minimum"]
    assert "after 0 days (as soon as its condition holds)" in message


GROUP = """\
  row_groups:
    - name: temporary-accounts
      collection: shop.accounts
      where: {created_by: agent, status: pending_activation}
      description: accounts an agent creates
"""


@pytest.mark.parametrize(
    ("rules", "gap", "partial"),
    [
        ("", True, False),
        # "no time limit" gives no period
        ("    - {name: all, dataset: shop, action: none, ground: until deleted}\n", True, False),
        # a rule for exactly those rows
        ("    - {name: temp, collection: shop.accounts, where: {status: pending_activation},"
         " clock: created_at, period: 90 days, action: delete}\n", False, False),
        # a rule for all the collection
        ("    - {name: keep, collection: shop.accounts, action: keep, ground: kept}\n",
         False, False),
        # a rule for some of them only
        ("    - {name: temp, collection: shop.accounts, where: {email: {like: '%@x.com'}},"
         " clock: created_at, period: 90 days, action: delete}\n", True, True),
        # two rules that cover them together
        ("    - {name: a, collection: shop.accounts, where: {email: {like: '%@x.com'}},"
         " action: delete}\n"
         "    - {name: b, collection: shop.accounts, where: {not: {email: {like: '%@x.com'}}},"
         " action: delete}\n", False, False),
    ],
)  # fmt: skip
def test_a_row_group_without_a_period_is_a_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rules: str, gap: bool, partial: bool
) -> None:
    text = "retention:\n  rules:\n" + rules + GROUP if rules else "retention:\n" + GROUP
    found = _findings(tmp_path, monkeypatch, text)
    assert ("retention-row-gap" in found) is gap, found
    if gap:
        (message,) = found["retention-row-gap"]
        assert "row group 'temporary-accounts'" in message
        assert "created_by = 'agent' and status = 'pending_activation'" in message
        assert ("cover only some" in message) is partial


def test_the_review_shows_rows_no_rule_covers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded = _setup(
        tmp_path,
        f"sqlite:///{tmp_path / 'r.sqlite'}",
        monkeypatch,
        _two("{status: open}", "{status: closed}"),
    )
    report = retention_report(loaded.manifest, today=NOW.date())
    fields = {f"{f.collection}.{f.field}": f for f in report.fields}
    notes = fields["shop.cases.notes"]
    assert notes.covered and notes.uncovered == "not (status = 'open' or status = 'closed')"
    assert "shop.cases.notes" in [f"{f.collection}.{f.field}" for f in report.row_gaps]
    assert report.as_dict()["row_gaps"] == len(report.row_gaps) > 0
    rule = loaded.manifest.retention.rules[0]
    assert describe_rule(rule) == "delete as soon as status = 'open'"


# ----------------------------------------------------------------------------- bad input


def test_rule_shapes() -> None:
    base: dict[str, Any] = {"name": "r", "collection": "d.c", "action": "delete"}
    with pytest.raises(ValidationError, match="or, to act as soon as a condition holds"):
        RetentionRule.model_validate(base)
    with pytest.raises(ValidationError, match="needs a 'clock'"):
        RetentionRule.model_validate({**base, "period": "1 day", "where": {"a": 1}})
    with pytest.raises(ValidationError, match="tenant overrides need a 'clock'"):
        RetentionRule.model_validate({**base, "where": {"a": 1}, "tenants": {"1": "3 days"}})
    with pytest.raises(ValidationError, match="'where' is a mapping"):
        RetentionRule.model_validate({**base, "where": ["a"]})
    assert RetentionRule.model_validate({**base, "where": {"a": 1}}).clockless


@pytest.mark.parametrize(
    ("group", "message"),
    [
        ("{name: g, collection: shop.acounts, where: {status: x}}",
         "row group 'g' names unknown collection (dataset.collection) 'shop.acounts'"),
        ("{name: g, collection: shop.accounts, where: {state: x}}",
         "row group 'g': shop.accounts has no field 'state'"),
        ("{name: g, collection: shop.accounts, where: {status: {is: x}}}",
         "row group 'g': unknown operator 'is' (did you mean 'eq'?)"),
        ("{name: g, collection: shop.accounts, where: {}}", "a row group needs a 'where'"),
    ],
)  # fmt: skip
def test_bad_row_groups_are_located(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, group: str, message: str
) -> None:
    monkeypatch.setenv("RC_URL", "sqlite:///x.sqlite")
    path = tmp_path / "kept.yaml"
    path.write_text(MANIFEST + f"retention:\n  row_groups:\n    - {group}\n", encoding="utf-8")
    with pytest.raises(ManifestError) as caught:
        load_manifest(path)
    assert message in str(caught.value)
    assert f"kept.yaml:{MANIFEST.count(chr(10)) + 3}" in str(caught.value)


def test_the_cli_shows_rules_without_a_clock_and_rows_without_a_rule(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from kept.cli import _register, app

    _register()
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    _setup(tmp_path, url, monkeypatch, CLOCKLESS)
    m = str(tmp_path / "kept.yaml")
    monkeypatch.setenv("KEPT_DATABASE_URL", f"sqlite:///{tmp_path / 'kept.db'}")
    runner = CliRunner()
    dry = runner.invoke(app, ["retention", "run", "-m", m, "--dry-run", "--now", NOW.isoformat()])
    assert dry.exit_code == 0, dry.output
    text = " ".join(dry.output.split())
    assert "enquiries-once-answered shop.enquiries: delete 3 row(s) where status = 'answered'" in (
        text
    )
    assert "dry run: nothing changed" in text
    report = runner.invoke(app, ["retention", "report", "-m", m])
    text = " ".join(report.output.split())
    assert "(none where" in text and "have rules for only some rows" in text
    as_json = runner.invoke(app, ["retention", "report", "-m", m, "--json"])
    fields = {f"{f['collection']}.{f['field']}": f for f in json.loads(as_json.output)["fields"]}
    assert fields["shop.cases.notes"]["uncovered"] == "not (status = 'resolved')"
    strict = runner.invoke(app, ["retention", "report", "-m", m, "--strict"])
    assert strict.exit_code == 1
