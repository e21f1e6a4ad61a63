"""Severity of findings and ``--fail-on``; collections left out of requests on purpose
(fideslang's ``skip_processing``, ``reachable: false``); tenant-scoped consent and restrictions.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from kept.check import Finding, Severity, default_severity, run_check
from kept.cli import _register, app
from kept.consent import ConsentService, verify_ledger
from kept.control import open_control
from kept.errors import ManifestError
from kept.execution import Identity, run_erasure
from kept.execution.plan import traversal_plan
from kept.mail import OutboxMailer
from kept.manifest import load_manifest
from kept.requests import Lifecycle, State, Worker
from kept.restriction import is_restricted, lift_restriction, restrict

ADA = Identity("email", "ada@example.com")


def invoke(*args: str) -> tuple[int, str]:
    _register()
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


# ---------------------------------------------------------------- severity and --fail-on

WARNED = """\
organization: {name: Devices AS, jurisdictions: [eu]}
stores: [{name: main, url: "sqlite:///d.sqlite"}]
dataset:
  - fides_key: d
    collections:
      - name: accounts
        fields:
          - {name: id, data_categories: [user.unique_id], fides_meta: {primary_key: true}}
          - {name: email, data_categories: [user.contact.email], fides_meta: {identity: email}}
      - name: devices
        fields:
          - {name: id, data_categories: [system.operations], fides_meta: {primary_key: true}}
          - name: serial
            data_categories: [user.device.device_id]
            fides_meta: {identity: device_serial}
"""


def warned(tmp_path: Path, extra: str = "") -> Path:
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'd.sqlite'}")
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE accounts (id INTEGER PRIMARY KEY, email TEXT)")
        conn.exec_driver_sql("CREATE TABLE devices (id INTEGER PRIMARY KEY, serial TEXT)")
    engine.dispose()
    (tmp_path / "kept.yaml").write_text(WARNED + extra, encoding="utf-8")
    return tmp_path / "kept.yaml"


def test_unknown_codes_are_errors_and_findings_carry_their_default() -> None:
    assert Finding("made-up-code", "m", "t").level is Severity.ERROR
    assert default_severity("made-up-code") is Severity.ERROR
    assert Finding("identity-not-asked", "m", "t").severity is Severity.WARNING
    assert Finding("unreachable", "m", "t", severity=Severity.NOTE).level is Severity.NOTE
    assert Finding("unreachable", "m", "t").as_dict()["severity"] == "error"


def test_a_warning_passes_by_default_and_fails_with_fail_on_warning(tmp_path: Path) -> None:
    manifest = str(warned(tmp_path))
    code, output = invoke("check", "-m", manifest, "--json")
    report = json.loads(output)
    assert code == 0, output
    assert report["ok"] is True and report["fail_on"] == "error"
    assert report["severities"] == {"error": 0, "warning": 1, "note": 0}
    (finding,) = report["findings"]
    assert (finding["code"], finding["severity"]) == ("identity-not-asked", "warning")

    code, output = invoke("check", "-m", manifest, "--json", "--fail-on", "warning")
    assert code == 1
    assert json.loads(output)["ok"] is False

    code, output = invoke("check", "-m", manifest, "--fail-on", "warning")
    assert code == 1
    assert "! warning identity-not-asked" in output
    assert "1 warning in" in output and "failing at warning" in output
    code, output = invoke("check", "-m", manifest)
    assert code == 0 and "nothing at or above error (1 warning)" in output

    code, output = invoke("check", "-m", manifest, "--fail-on", "note")
    assert code == 2  # not a choice: notes never fail


def test_the_manifest_sets_a_codes_severity(tmp_path: Path) -> None:
    manifest = warned(
        tmp_path, "check:\n  severity:\n    identity-not-asked: error\n    no-such-code: note\n"
    )
    report = run_check(load_manifest(manifest))
    levels = {(f.code, f.level.value) for f in report.findings}
    assert levels == {("identity-not-asked", "error"), ("unknown-severity-code", "warning")}
    unknown = next(f for f in report.findings if f.code == "unknown-severity-code")
    assert unknown.position is not None and unknown.position.line == 19
    assert report.exit_code == 1

    manifest.write_text(
        manifest.read_text(encoding="utf-8")
        .replace("identity-not-asked: error", "identity-not-asked: note")
        .replace("    no-such-code: note\n", ""),
        encoding="utf-8",
    )
    report = run_check(load_manifest(manifest), fail_on="warning")
    assert [(f.code, f.level.value) for f in report.findings] == [("identity-not-asked", "note")]
    assert report.ok and report.exit_code == 0  # notes never fail

    manifest.write_text(WARNED + "check: {severity: {unreachable: fatal}}\n", encoding="utf-8")
    with pytest.raises(ManifestError, match="fatal"):
        load_manifest(manifest)


# ---------------------------------------------------------------- skip_processing

SKIPPING = """\
organization: {name: Skip AS, jurisdictions: [eu]}
stores: [{name: main, url: "${SKIP_URL}"}]
dataset:
  - fides_key: shop
    collections:
      - name: customers
        fields:
          - {name: id, data_categories: [user.unique_id], fides_meta: {primary_key: true}}
          - {name: email, data_categories: [user.contact.email], fides_meta: {identity: email}}
      - name: orders
        fields:
          - {name: id, data_categories: [system.operations], fides_meta: {primary_key: true}}
          - name: customer_id
            data_categories: [user.unique_id]
            fides_meta:
              references: [{dataset: shop, field: customers.id, direction: from}]
          - {name: address, data_categories: [user.contact.address]}
      - name: staff_directory
        description: the company's own staff
        fides_meta: {skip_processing: true}
        fields:
          - {name: id, data_categories: [user.unique_id], fides_meta: {primary_key: true}}
          - {name: email, data_categories: [user.contact.email], fides_meta: {identity: email}}
          - {name: name, data_categories: [user.name]}
      - name: visitor_hits
        reachable: false
        unreachable_reason: anonymous visitors, known by no identity a person can give
        fields:
          - {name: id, data_categories: [system.operations], fides_meta: {primary_key: true}}
          - {name: ip, data_categories: [user.device.ip_address]}
"""
LOYALTY = """\
      - name: loyalty
        fields:
          - {name: id, data_categories: [system.operations], fides_meta: {primary_key: true}}
          - {name: name, data_categories: [user.name]}
"""


def skipping(tmp_path: Path, url: str, extra: str = "") -> Path:
    engine = sa.create_engine(url, poolclass=sa.NullPool)
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE customers (id INTEGER PRIMARY KEY, email VARCHAR(80))")
        conn.exec_driver_sql(
            "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER, address VARCHAR(80))"
        )
        conn.exec_driver_sql(
            "CREATE TABLE staff_directory (id INTEGER PRIMARY KEY, email VARCHAR(80), "
            "name VARCHAR(80))"
        )
        conn.exec_driver_sql("CREATE TABLE visitor_hits (id INTEGER PRIMARY KEY, ip VARCHAR(40))")
        conn.exec_driver_sql("CREATE TABLE loyalty (id INTEGER PRIMARY KEY, name VARCHAR(80))")
        conn.exec_driver_sql("INSERT INTO customers VALUES (1, 'ada@example.com')")
        conn.exec_driver_sql("INSERT INTO orders VALUES (10, 1, 'Storgata 1')")
        # Ada works there too: her staff row must stay out of her customer request
        conn.exec_driver_sql("INSERT INTO staff_directory VALUES (7, 'ada@example.com', 'Ada')")
        conn.exec_driver_sql("INSERT INTO visitor_hits VALUES (1, '192.0.2.7')")
    engine.dispose()
    (tmp_path / "kept.yaml").write_text(SKIPPING + extra, encoding="utf-8")
    return tmp_path / "kept.yaml"


def test_a_skip_processing_collection_is_a_note_not_a_violation(
    any_db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SKIP_URL", any_db_url)
    loaded = load_manifest(skipping(tmp_path, any_db_url))
    report = run_check(loaded, sample_size=0)
    found = {(f.code, f.target, f.level.value) for f in report.findings}
    assert found == {
        ("skipped-collection", "collection:shop.staff_directory", "note"),
        ("skipped-collection", "collection:shop.visitor_hits", "note"),
    }
    reasons = {f.target: f.message for f in report.findings}
    assert "anonymous visitors" in reasons["collection:shop.visitor_hits"]
    assert "skip_processing" in reasons["collection:shop.staff_directory"]
    assert report.ok and report.exit_code == 0
    assert "shop.staff_directory" not in report.paths

    plan = traversal_plan(loaded.manifest, ["email"])
    assert [str(n) for n in plan.skipped] == ["shop.staff_directory", "shop.visitor_hits"]
    assert plan.unreachable == []
    assert {str(s.node) for s in plan.steps} == {"shop.customers", "shop.orders"}

    # the request service: complete, not partial, and the staff row neither read nor erased
    lifecycle = Lifecycle.open(
        loaded, f"sqlite:///{tmp_path / 'control.db'}", mailer=OutboxMailer(tmp_path)
    )
    try:
        record = lifecycle.submit("access", [ADA], actor="test", verified=True).record
        Worker(lifecycle, name="w").run(until_empty=True)
        done = lifecycle.get(record.id)
        assert done.state is State.COMPLETED
        assert done.reason_code is None, done.reason_message
        assert done.result is not None and done.result["unreachable"] == []
        export = lifecycle.exports.folder / next(
            p.name for p in lifecycle.exports.folder.iterdir() if p.suffix == ".zip"
        )
        with zipfile.ZipFile(export) as z:
            names = z.namelist()
        assert "data/shop.customers.json" in names
        assert not any("staff_directory" in n for n in names)
    finally:
        lifecycle.close()
    erased = run_erasure(loaded, {"r": [ADA]}, secret=b"test-secret")
    assert erased.verified and erased.unreachable == []
    engine = sa.create_engine(any_db_url, poolclass=sa.NullPool)
    with engine.connect() as conn:
        staff = conn.exec_driver_sql("SELECT email FROM staff_directory").scalar()
        customer = conn.exec_driver_sql("SELECT email FROM customers").scalar()
    engine.dispose()
    assert staff == "ada@example.com" and customer is None


def test_a_truly_unreachable_collection_still_makes_the_request_partial(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'shop.sqlite'}"
    monkeypatch.setenv("SKIP_URL", url)
    loaded = load_manifest(skipping(tmp_path, url, LOYALTY))
    report = run_check(loaded, sample_size=0)
    assert ("unreachable", "collection:shop.loyalty") in {
        (f.code, f.target) for f in report.findings
    }
    assert report.exit_code == 1
    lifecycle = Lifecycle.open(
        loaded, f"sqlite:///{tmp_path / 'control.db'}", mailer=OutboxMailer(tmp_path)
    )
    try:
        record = lifecycle.submit("access", [ADA], actor="test", verified=True).record
        Worker(lifecycle, name="w").run(until_empty=True)
        done = lifecycle.get(record.id)
        assert done.reason_code == "stores_unreachable"
        assert done.result is not None and done.result["unreachable"] == ["shop.loyalty"]
    finally:
        lifecycle.close()


def test_reachable_false_needs_its_reason(tmp_path: Path) -> None:
    text = SKIPPING.replace(
        "        unreachable_reason: anonymous visitors, known by no identity a person can give\n",
        "",
    )
    (tmp_path / "kept.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ManifestError, match="unreachable_reason"):
        load_manifest(tmp_path / "kept.yaml")


# ---------------------------------------------------------------- tenants

TENANTED = """\
organization: {name: Lockers AS, jurisdictions: [eu]}
stores: [{name: main, url: "sqlite:///t.sqlite"}]
purposes:
  - {key: delivery, name: Delivering parcels, data_use: essential.service, legal_basis: contract}
  - key: newsletter
    name: Newsletter
    data_use: marketing.communications.email
    legal_basis: consent
dataset:
  - fides_key: t
    tenant_column: tenant_id
    collections:
      - name: users
        fields:
          - {name: id, data_categories: [user.unique_id], fides_meta: {primary_key: true}}
          - {name: tenant_id, data_categories: [system.operations]}
          - {name: email, data_categories: [user.contact.email], fides_meta: {identity: email}}
"""


def tenanted(tmp_path: Path) -> Path:
    engine = sa.create_engine(f"sqlite:///{tmp_path / 't.sqlite'}")
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "CREATE TABLE users (id INTEGER PRIMARY KEY, tenant_id TEXT, email TEXT)"
        )
        conn.exec_driver_sql(
            "INSERT INTO users VALUES (1, 'acme', 'ada@example.com'), "
            "(2, 'globex', 'ada@example.com')"
        )
    engine.dispose()
    (tmp_path / "kept.yaml").write_text(TENANTED, encoding="utf-8")
    return tmp_path / "kept.yaml"


def test_a_restriction_in_one_tenant_does_not_block_another(
    any_db_url: str, tmp_path: Path
) -> None:
    loaded = load_manifest(tenanted(tmp_path))
    control = open_control(any_db_url)
    try:
        acme = restrict(
            loaded,
            control,
            [ADA],
            purposes=["delivery"],
            reason="accuracy contested",
            request_id="req_acme",
            tenant="acme",
        )
        assert acme.rows == {"t.users": 1}
        service = ConsentService(loaded.manifest, control)
        subject = "email=ada@example.com"
        assert service.may_process(subject, "delivery", tenant="acme").code == "restriction"
        assert service.may_process(subject, "delivery", tenant="globex").allowed
        # without a tenant Kept cannot tell whose processing it is: the restriction holds
        assert service.may_process(subject, "delivery").code == "restriction"
        key = {"id": 1}
        assert is_restricted(control, "main", "t.users", key, "delivery")
        assert is_restricted(control, "main", "t.users", key, "delivery", tenant="acme")
        assert not is_restricted(control, "main", "t.users", key, "delivery", tenant="globex")

        lift_restriction(loaded, control, acme.id, reason="told the person; corrected")
        everywhere = restrict(
            loaded,
            control,
            [ADA],
            purposes=["delivery"],
            reason="objects everywhere",
            request_id="req_all",
        )
        service.refresh()
        assert service.may_process(subject, "delivery", tenant="globex").code == "restriction"
        assert service.may_process(subject, "delivery", tenant="acme").code == "restriction"
        lift_restriction(loaded, control, everywhere.id, reason="lifted")
        service.refresh()
        assert service.may_process(subject, "delivery", tenant="globex").allowed
    finally:
        control.dispose()


def test_consent_given_in_one_tenant_holds_there_only(any_db_url: str, tmp_path: Path) -> None:
    loaded = load_manifest(tenanted(tmp_path))
    control = open_control(any_db_url)
    subject = "email=ada@example.com"
    try:
        service = ConsentService(loaded.manifest, control)
        assert service.grant(subject, "newsletter", source="form", tenant="acme") is not None
        assert service.may_process(subject, "newsletter", tenant="acme").code == "consent_given"
        assert service.may_process(subject, "newsletter", tenant="globex").code == "no_consent"
        assert service.may_process(subject, "newsletter").code == "no_consent"
        # a withdrawal made organisation-wide, later, holds in every tenant
        service.withdraw(subject, "newsletter", source="dpo_email")
        assert service.may_process(subject, "newsletter", tenant="acme").code == (
            "consent_withdrawn"
        )
        # then a new consent in globex holds in globex (newer than the organisation's record)
        service.grant(subject, "newsletter", source="form", tenant="globex")
        assert service.may_process(subject, "newsletter", tenant="globex").allowed
        assert not service.may_process(subject, "newsletter", tenant="acme").allowed
        assert service.grant(subject, "newsletter", source="form", tenant="globex") is None

        fresh = ConsentService(loaded.manifest, control)  # the snapshot as loaded from the db
        answers = {
            t: fresh.may_process(subject, "newsletter", tenant=t).code
            for t in ("acme", "globex", None)
        }
        assert answers == {
            "acme": "consent_withdrawn",
            "globex": "consent_given",
            None: "consent_withdrawn",
        }
        assert fresh.state(subject, tenant="globex")["purposes"]["newsletter"]["allowed"]
        tenants = [e.tenant for e in fresh.history(subject)]
        assert tenants == ["acme", None, "globex"]
        assert verify_ledger(control).ok, verify_ledger(control).problems
    finally:
        control.dispose()


def test_cli_decides_per_tenant(tmp_path: Path) -> None:
    manifest = str(tenanted(tmp_path))
    database = f"sqlite:///{tmp_path / 'control.db'}"
    common = ["-m", manifest, "--database", database, "-i", "email=ada@example.com"]
    code, output = invoke("consent", "grant", *common, "-p", "newsletter", "--tenant", "acme")
    assert code == 0, output
    code, output = invoke("consent", "decide", *common, "-p", "newsletter", "--tenant", "acme")
    assert code == 0 and "consent_given" in output
    code, output = invoke("consent", "decide", *common, "-p", "newsletter", "--tenant", "globex")
    assert code == 1 and "no_consent" in output


def test_migration_keeps_existing_consent_states_organisation_wide(
    any_db_url: str, tmp_path: Path
) -> None:
    from alembic import command

    import kept.control

    loaded = load_manifest(tenanted(tmp_path))
    control = open_control(any_db_url)
    try:
        ConsentService(loaded.manifest, control).grant(ADA, "newsletter", source="form")
        with control.connect() as conn, conn.begin():
            command.downgrade(kept.control._alembic_config(conn), "0012")
            columns = {c["name"] for c in sa.inspect(conn).get_columns("kept_consent_state")}
            assert "tenant" not in columns
            command.upgrade(kept.control._alembic_config(conn), "head")
            tenants = conn.execute(sa.text("SELECT tenant FROM kept_consent_state")).all()
        assert [t for (t,) in tenants] == [""]
        service = ConsentService(loaded.manifest, control)
        assert service.may_process(ADA, "newsletter", tenant="globex").code == "consent_given"
        service.grant(ADA, "newsletter", source="form", tenant="acme")  # a second state row
        assert verify_ledger(control).ok
    finally:
        control.dispose()
