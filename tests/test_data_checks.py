"""Row-level promises (``data_checks:``): kept on every example's sample, and each kind of
breach injected into the rows is reported, by name, with its count and keys (never values),
on SQLite, PostgreSQL and MariaDB."""

from __future__ import annotations

import datetime as dt
import importlib
import json
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from kept.audit import AuditLog
from kept.check import run_check, run_data_checks
from kept.check.data import read_only
from kept.check.schedule import run_due_data_checks
from kept.cli import _register, app
from kept.control import open_control
from kept.errors import KeptError, ManifestError
from kept.examples import EXAMPLES, create_example
from kept.mail import OutboxMailer
from kept.manifest import LoadedManifest, load_manifest
from kept.manifest.rawsql import select_problem
from kept.requests import Lifecycle, Worker
from kept.stores import expand_url


def invoke(*args: str) -> tuple[int, str]:
    _register()
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


def store_engine(loaded: LoadedManifest) -> sa.Engine:
    store = loaded.manifest.stores[0]
    return sa.create_engine(expand_url(store.name, store.url, base_dir=loaded.directory))


def example(name: str, tmp_path: Path, url: str) -> LoadedManifest:
    kwargs = {} if url.startswith("sqlite") else {"url": url}
    info = create_example(name, tmp_path / name, people=40, **kwargs)
    return load_manifest(info.manifest)


def broken(loaded: LoadedManifest) -> dict[str, tuple[int | None, list[dict[str, object]]]]:
    run = run_data_checks(loaded)
    assert {f.code for f in run.findings} <= {"data-check-failed"}, run.findings
    return {r.name: (r.rows, r.sample_keys) for r in run.results if not r.ok}


# --------------------------------------------------------------------------- the examples


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_example_keeps_its_data_promises(name: str, tmp_path: Path) -> None:
    info = create_example(name, tmp_path, people=80)
    code, output = invoke("check", "-m", str(info.manifest), "--data", "--json")
    report = json.loads(output)
    assert code == 0, report["findings"]
    assert all(r["ok"] and r["rows"] == 0 for r in report["data_checks"])
    assert report["data_checks"], "the example states a row-level promise"


Inject = Callable[[sa.Connection], None]


def _billing_for_a_trial(conn: sa.Connection) -> None:
    conn.execute(
        sa.text("UPDATE organizations SET invoice_email = 'billing@trial.example' WHERE id = 2")
    )


def _raw_ip(conn: sa.Connection) -> None:
    conn.execute(sa.text("UPDATE hotjar_sessions SET ip_anonymized = '203.0.113.77' WHERE id = 3"))
    conn.execute(
        sa.text("UPDATE hotjar_sessions SET ip_anonymized = '2001:db8:1:2::' WHERE id = 5")
    )
    conn.execute(sa.text("UPDATE hotjar_sessions SET ip_anonymized = '2001:db8:1::' WHERE id = 6"))


def _card_number(conn: sa.Connection) -> None:
    conn.execute(
        sa.text("UPDATE tenant_billing SET payment_method_ref = '4242 4242 4242 4242' WHERE id = 2")
    )


def _serial_in_payload(conn: sa.Connection) -> None:
    serial = conn.execute(
        sa.text(
            "SELECT p.serial_number FROM push_registrations p "
            "JOIN notifications n ON n.registration_id = p.id ORDER BY n.id LIMIT 1"
        )
    ).scalar_one()
    first = conn.execute(sa.text("SELECT MIN(id) FROM notifications")).scalar_one()
    conn.execute(
        sa.text("UPDATE notifications SET body = :body WHERE id = :id"),
        {"body": f"Backup finished on {serial}", "id": first},
    )


def _recording_without_consent(conn: sa.Connection) -> None:
    call = conn.execute(
        sa.text(
            "SELECT MIN(c.id) FROM support_calls c WHERE c.recording_consent = :no AND NOT "
            "EXISTS (SELECT 1 FROM call_recordings r WHERE r.call_id = c.id)"
        ),
        {"no": False},
    ).scalar_one()
    conn.execute(
        sa.text(
            "INSERT INTO call_recordings (call_id, audio_uri, duration_seconds, size_bytes, "
            "recorded_at) VALUES (:call, 'recordings/x.opus', 60, 1000, :at)"
        ),
        {"call": call, "at": dt.datetime(2026, 1, 1)},
    )


def _pixel_after_opt_out(conn: sa.Connection) -> None:
    cookie = conn.execute(
        sa.text("SELECT cookie_id FROM ad_pixel_events ORDER BY id LIMIT 1")
    ).scalar_one()
    conn.execute(
        sa.text("UPDATE web_cookies SET sale_share_opt_out = :yes WHERE cookie_id = :c"),
        {"yes": True, "c": cookie},
    )


BREACHES: list[tuple[str, str, str, Inject, int | None]] = [
    ("vibbio", "billing-only-for-paid-plans", "require", _billing_for_a_trial, 1),
    ("vivi", "hotjar-ips-anonymised", "ip_truncated", _raw_ip, 2),
    ("smartspace", "no-card-data-in-billing", "pattern_absent", _card_number, 1),
    ("vcloudpoint", "no-device-identifier-in-push-payload", "values_of", _serial_in_payload, 1),
    ("vcloudpoint", "recording-only-with-consent", "exists", _recording_without_consent, 1),
    ("vivibit", "ad-pixels-only-with-consent", "sql", _pixel_after_opt_out, None),
]


@pytest.mark.parametrize(
    ("name", "check", "kind", "inject", "rows"), BREACHES, ids=[b[2] for b in BREACHES]
)
def test_an_injected_breach_is_reported(
    name: str,
    check: str,
    kind: str,
    inject: Inject,
    rows: int | None,
    any_db_url: str,
    tmp_path: Path,
) -> None:
    loaded = example(name, tmp_path, any_db_url)
    assert broken(loaded) == {}
    engine = store_engine(loaded)
    with engine.begin() as conn:
        inject(conn)
    engine.dispose()
    found = broken(loaded)
    assert list(found) == [check]
    count, keys = found[check]
    assert count == rows if rows is not None else count is not None and count >= 1
    assert keys and all(set(k) == {"id"} for k in keys)  # keys only, never values
    report = run_check(loaded, data_checks=[check])
    (finding,) = [f for f in report.findings if f.code == "data-check-failed"]
    assert finding.target == f"data-check:{check}"
    assert finding.position is not None and finding.position.line > 0
    assert "4242" not in finding.message and "@" not in finding.message


# --------------------------------------------------------------------------- small manifests

MANIFEST = """\
kept: 1
organization: {{name: Shop, jurisdictions: [eu]}}
stores:
  - {{name: main, url: "{url}"}}
dataset:
  - fides_key: shop
    collections:
      - name: customer
        fields:
          - {{name: id, data_categories: [system.operations], fides_meta: {{primary_key: true}}}}
          - {{name: email, data_categories: [user.contact.email], fides_meta: {{identity: email}}}}
          - {{name: plan, data_categories: [system.operations]}}
          - {{name: note, data_categories: [user.content.private]}}
data_checks:
{checks}
"""


def shop(tmp_path: Path, url: str, checks: str) -> LoadedManifest:
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(
            sa.text(
                "CREATE TABLE customer (id INTEGER PRIMARY KEY, email VARCHAR(100), "
                "plan VARCHAR(10), note VARCHAR(200))"
            )
        )
        conn.execute(
            sa.text("INSERT INTO customer VALUES (:id, :email, :plan, :note)"),
            [
                {"id": 1, "email": "ada@example.com", "plan": "paid", "note": "call back"},
                {"id": 2, "email": "bob@example.com", "plan": "free", "note": "ada@example.com"},
                {"id": 3, "email": "cy@example.com", "plan": "free", "note": None},
                {"id": 4, "email": "di@example.com", "plan": "free", "note": "fine"},
            ],
        )
    engine.dispose()
    path = tmp_path / "kept.yaml"
    path.write_text(MANIFEST.format(url=url, checks=checks), encoding="utf-8")
    return load_manifest(path)


def test_forbid_counts_every_row_and_samples_the_first_keys(
    any_db_url: str, tmp_path: Path
) -> None:
    loaded = shop(
        tmp_path,
        any_db_url,
        """\
  sample: 2
  checks:
    - name: no-free-plans
      collection: shop.customer
      forbid: {plan: free}
    - name: notes-without-emails
      collection: shop.customer
      pattern_absent: {column: note, patterns: [email]}
      sample: 0
""",
    )
    run = run_data_checks(loaded)
    by_name = {r.name: r for r in run.results}
    assert by_name["no-free-plans"].rows == 3
    assert by_name["no-free-plans"].sample_keys == [{"id": 2}, {"id": 3}]
    assert by_name["notes-without-emails"].rows == 1
    assert by_name["notes-without-emails"].sample_keys == []
    assert sorted(f.code for f in run.findings) == ["data-check-failed"] * 2


def test_raw_sql_on_a_store_reports_a_count_only(any_db_url: str, tmp_path: Path) -> None:
    loaded = shop(
        tmp_path,
        any_db_url,
        """\
  checks:
    - name: emails-are-lowercase
      store: main
      accept_raw_sql: true
      sql: SELECT email FROM customer WHERE email <> LOWER(email) OR plan = 'paid';
""",
    )
    (result,) = run_data_checks(loaded).results
    assert result.rows == 1 and result.sample_keys == []  # the e-mail is never shown


def test_raw_sql_returning_values_of_a_collection_is_an_error(
    any_db_url: str, tmp_path: Path
) -> None:
    loaded = shop(
        tmp_path,
        any_db_url,
        """\
  checks:
    - name: paid
      collection: shop.customer
      accept_raw_sql: true
      sql: SELECT id, email FROM customer WHERE plan = 'paid'
""",
    )
    run = run_data_checks(loaded)
    (finding,) = run.findings
    assert finding.code == "data-check-error"
    assert "email" in finding.message and "ada@" not in finding.message


def test_the_query_runs_read_only(any_db_url: str) -> None:
    engine = sa.create_engine(any_db_url)
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE t (id INTEGER PRIMARY KEY)"))
    with engine.connect() as conn:
        with pytest.raises(sa.exc.SQLAlchemyError), read_only(conn, timeout=5):
            conn.execute(sa.text("INSERT INTO t VALUES (1)"))
        with read_only(conn):  # the connection is usable again, and still read-only inside
            assert conn.execute(sa.text("SELECT COUNT(*) FROM t")).scalar_one() == 0
        conn.execute(sa.text("INSERT INTO t VALUES (2)"))  # outside: writable as before
        conn.commit()
    engine.dispose()


def test_a_check_on_a_missing_table_is_an_error_not_a_crash(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'shop.sqlite'}"
    loaded = shop(
        tmp_path,
        url,
        """\
  checks:
    - name: no-free-plans
      collection: shop.customer
      forbid: {plan: free}
""",
    )
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("ALTER TABLE customer RENAME TO clients"))
    engine.dispose()
    code, output = invoke("check", "-m", str(loaded.root), "--data", "--json")
    assert code == 1
    codes = {f["code"] for f in json.loads(output)["findings"]}
    assert "data-check-error" in codes


@pytest.mark.parametrize(
    ("checks", "message"),
    [
        (
            "  checks:\n    - {name: x, collection: shop.custmer, forbid: {plan: free}}\n",
            "unknown collection 'shop.custmer'",
        ),
        (
            "  checks:\n    - {name: x, collection: shop.customer, forbid: {plann: free}}\n",
            "has no field 'plann'",
        ),
        (
            "  checks:\n    - {name: x, store: main, sql: SELECT 1}\n",
            "accept_raw_sql: true",
        ),
        (
            "  checks:\n    - {name: x, store: main, accept_raw_sql: true, "
            "sql: 'SELECT 1; DELETE FROM customer'}\n",
            "more than one statement",
        ),
        (
            "  checks:\n    - {name: x, collection: shop.customer, ip_truncated: note, "
            "forbid: {plan: free}}\n",
            "exactly one of",
        ),
        (
            "  checks:\n    - {name: x, collection: shop.customer, "
            "pattern_absent: {column: note, patterns: [iban]}}\n",
            "unknown pattern 'iban'",
        ),
        ("  schedule: every night\n", "not a five-field cron expression"),
    ],
)
def test_a_bad_check_makes_the_manifest_unreadable_naming_its_line(
    checks: str, message: str, tmp_path: Path
) -> None:
    with pytest.raises(ManifestError) as caught:
        shop(tmp_path, f"sqlite:///{tmp_path / 'shop.sqlite'}", checks)
    assert message in str(caught.value)
    assert all(p.line is not None and p.line >= 15 for p in caught.value.problems)


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE customer SET plan = 'x'",
        "SELECT * INTO copy FROM customer",
        "WITH d AS (DELETE FROM customer RETURNING id) SELECT id FROM d",
        "SELECT id FROM customer FOR UPDATE",
        "SELECT pg_sleep(10)",
        "SELECT 1 /* unterminated",
        "SELECT ';' AS a; DROP TABLE customer",
    ],
)
def test_raw_sql_other_than_one_select_is_refused(sql: str) -> None:
    assert select_problem(sql) is not None


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT id FROM customer WHERE note = 'delete; drop'  -- update later\n",
        'WITH x AS (SELECT id FROM "update") SELECT id FROM x;',
        "select id from customer where updated_at is null",
    ],
)
def test_one_select_passes_the_guard(sql: str) -> None:
    assert select_problem(sql) is None


def test_unknown_check_name_is_a_clean_error(tmp_path: Path) -> None:
    loaded = shop(
        tmp_path,
        f"sqlite:///{tmp_path / 'shop.sqlite'}",
        "  checks:\n    - {name: free, collection: shop.customer, forbid: {plan: free}}\n",
    )
    with pytest.raises(KeptError, match="unknown data check 'fre'"):
        run_data_checks(loaded, names=["fre"])
    code, output = invoke("check", "-m", str(loaded.root), "--data-check", "fre")
    assert code == 2 and "unknown data check" in output


# --------------------------------------------------------------------------- schedule, audit


def test_scheduled_run_once_per_fire_time_and_audited(tmp_path: Path) -> None:
    loaded = shop(
        tmp_path,
        f"sqlite:///{tmp_path / 'shop.sqlite'}",
        """\
  schedule: "30 4 * * *"
  checks:
    - {name: no-free-plans, collection: shop.customer, forbid: {plan: free}}
""",
    )
    control = open_control(f"sqlite:///{tmp_path / 'kept.db'}")
    now = dt.datetime(2026, 1, 15, 12, 0)
    first = run_due_data_checks(loaded, control, now=now)
    assert first is not None and not first.ok
    assert run_due_data_checks(loaded, control, now=now + dt.timedelta(hours=1)) is None
    assert run_due_data_checks(loaded, control, now=now + dt.timedelta(days=1)) is not None
    entries = [e for e in AuditLog(control).entries() if e.action == "data_checks.run"]
    assert len(entries) == 2
    details = entries[0].details
    assert details["failed"] == ["no-free-plans"] and details["rows"] == {"no-free-plans": 3}
    assert details["scheduled_for"] == "2026-01-15T04:30:00"
    assert "ada@" not in json.dumps(details)
    code, _ = invoke(
        "check", "-m", str(loaded.root), "--data", "--record", "--database",
        f"sqlite:///{tmp_path / 'kept.db'}",
    )  # fmt: skip
    assert code == 1
    actors = [e.actor for e in AuditLog(control).entries() if e.action == "data_checks.run"]
    assert actors[-1] == "cli:check"
    assert AuditLog(control).verify().ok
    control.dispose()


def test_an_idle_worker_runs_the_scheduled_checks(tmp_path: Path) -> None:
    loaded = shop(
        tmp_path,
        f"sqlite:///{tmp_path / 'shop.sqlite'}",
        """\
  schedule: "* * * * *"
  checks:
    - {name: no-free-plans, collection: shop.customer, forbid: {plan: free}}
""",
    )
    control = open_control(f"sqlite:///{tmp_path / 'kept.db'}")
    lifecycle = Lifecycle(control, loaded, mailer=OutboxMailer(tmp_path / "outbox"))
    Worker(lifecycle, name="w2", data_checks=False)._scheduled_data_checks()
    assert not [e for e in AuditLog(control).entries() if e.action == "data_checks.run"]
    worker = Worker(lifecycle, name="w1")
    worker._scheduled_data_checks()
    worker._scheduled_data_checks()  # looked at most once a minute
    runs = [e for e in AuditLog(control).entries() if e.action == "data_checks.run"]
    assert [e.actor for e in runs] == ["worker:w1"]
    assert runs[0].details["failed"] == ["no-free-plans"]
    control.dispose()


# --------------------------------------------------------------------------- speed, same result


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_sqlite_catalogue_reads_what_the_inspector_reads(name: str, tmp_path: Path) -> None:
    module = importlib.import_module("kept.stores.introspect")

    create_example(name, tmp_path, people=20)
    engine = sa.create_engine(f"sqlite:///{tmp_path / f'{name}.sqlite'}")
    with engine.begin() as conn:  # a reference to a primary key without naming its column
        conn.exec_driver_sql("CREATE TABLE extra (id INTEGER PRIMARY KEY, a_id REFERENCES extra)")
    fast = module.introspect(name, engine)
    with engine.connect() as conn:
        assert module._sqlite_catalogue(name, conn) is not None
    original = module._sqlite_catalogue
    module._sqlite_catalogue = lambda store, conn: None  # type: ignore[assignment]
    try:
        slow = module.introspect(name, engine)
    finally:
        module._sqlite_catalogue = original
    engine.dispose()
    assert fast == slow
    assert fast.tables["extra"].foreign_keys == [(["a_id"], "extra", ["id"])]


def test_a_check_on_an_unreachable_store_is_an_error(tmp_path: Path) -> None:
    loaded = shop(
        tmp_path,
        f"sqlite:///{tmp_path / 'shop.sqlite'}",
        "  checks:\n    - {name: free, collection: shop.customer, forbid: {plan: free}}\n",
    )
    (tmp_path / "shop.sqlite").unlink()
    report = run_check(loaded, data=True)
    codes = sorted(f.code for f in report.findings)
    assert "store-unreachable" in codes and "data-check-error" in codes
    assert report.data_checks is not None and report.data_checks[0].rows is None
