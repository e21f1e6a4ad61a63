"""An approved erasure plan binds the worker: it erases exactly the plan staff reviewed, or,
when the person's rows changed since, nothing at all and the request goes back for review
(``plan_changed``). Through the library, the staff API, the console and the CLI; vcloudpoint
on SQLite, the control database on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from kept.api import create_app
from kept.apikey import issue_key
from kept.errors import PlanChangedError
from kept.examples import create_example
from kept.execution import Identity
from kept.mail import OutboxMailer
from kept.manifest import load_manifest
from kept.requests import Kind, Lifecycle, State, Worker
from kept.requests.plan import approve_plan, preview


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A fresh sample per test: the tests erase and add rows."""
    return create_example("vcloudpoint", tmp_path / "vcp", people=5).manifest


def store(example: Path) -> sa.Engine:
    return sa.create_engine(f"sqlite:///{example.parent / 'vcloudpoint.sqlite'}")


def first_person(example: Path) -> tuple[str, int]:
    """The e-mail address and account id of the sample's first account."""
    engine = store(example)
    with engine.connect() as conn:
        row = conn.exec_driver_sql("SELECT email, id FROM accounts ORDER BY id LIMIT 1").one()
    engine.dispose()
    return str(row[0]), int(row[1])


def add_device(example: Path, account_id: int) -> None:
    """A new row of the person's, as if they registered a device after the approval."""
    engine = store(example)
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO devices (id, account_id, model, serial_number, firmware_version, "
            "registration_ip, registered_at, warranty_until) "
            "SELECT (SELECT MAX(id) + 1 FROM devices), ?, model, 'PLAN-CHANGED-1', "
            "firmware_version, registration_ip, registered_at, warranty_until "
            "FROM devices ORDER BY id LIMIT 1",
            (account_id,),
        )
    engine.dispose()


def rows_of(example: Path, account_id: int) -> dict[str, int]:
    engine = store(example)
    with engine.connect() as conn:
        counts = {
            table: int(
                conn.exec_driver_sql(
                    f"SELECT COUNT(*) FROM {table} WHERE {column} = ?", (account_id,)
                ).scalar_one()
            )
            for table, column in (("accounts", "id"), ("devices", "account_id"))
        }
    engine.dispose()
    return counts


def erasure_receipt(lifecycle: Lifecycle, request_id: str) -> dict[str, Any]:
    entry = next(r for r in lifecycle.receipts(request_id) if r["action"] == "request.erasure")
    details: dict[str, Any] = entry["details"]
    return details


def held_erasure(lifecycle: Lifecycle, email: str) -> str:
    submitted = lifecycle.submit("erasure", [Identity("email", email)], actor="t", verified=True)
    assert submitted.record.state is State.IDENTITY_VERIFIED  # held for review
    return submitted.record.id


@pytest.mark.parametrize(
    "database", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def test_the_worker_erases_exactly_the_approved_plan(
    database: str, request: pytest.FixtureRequest, example: Path, tmp_path: Path
) -> None:
    url: str = request.getfixturevalue(f"{database}_url")
    email, account = first_person(example)
    life = Lifecycle.open(
        load_manifest(example), url, mailer=OutboxMailer(tmp_path), review=[Kind.ERASURE]
    )
    try:
        rid = held_erasure(life, email)
        plan = preview(life, rid, "apikey:officer")["plan_hash"]
        with pytest.raises(PlanChangedError, match="review the dry run again"):
            approve_plan(life, rid, "0" * 24, actor="apikey:officer")
        assert life.get(rid).state is State.IDENTITY_VERIFIED  # a stale plan approves nothing
        approved = approve_plan(life, rid, plan, actor="apikey:officer")
        assert approved.state is State.APPROVED and approved.approved_plan == plan
        Worker(life, name="w").run(until_empty=True)
        done = life.get(rid)
        assert done.state is State.COMPLETED, done.reason_message
        assert erasure_receipt(life, rid)["plan_hash"] == plan
        assert rows_of(example, account)["accounts"] == 0 or done.reason_code == "kept_with_ground"
        actions = [r["action"] for r in life.receipts(rid)]
        assert "request.erasure.plan_approved" in actions
    finally:
        life.close()


@pytest.mark.parametrize(
    "database", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def test_a_changed_plan_erases_nothing_and_goes_back_for_review(
    database: str, request: pytest.FixtureRequest, example: Path, tmp_path: Path
) -> None:
    url: str = request.getfixturevalue(f"{database}_url")
    email, account = first_person(example)
    life = Lifecycle.open(
        load_manifest(example), url, mailer=OutboxMailer(tmp_path), review=[Kind.ERASURE]
    )
    try:
        rid = held_erasure(life, email)
        plan = preview(life, rid, "apikey:officer")["plan_hash"]
        approve_plan(life, rid, plan, actor="apikey:officer")
        add_device(example, account)
        before = rows_of(example, account)
        stats = Worker(life, name="w").run(until_empty=True)
        assert stats.completed == 0
        assert rows_of(example, account) == before  # nothing erased
        back = life.get(rid)
        assert back.state is State.IDENTITY_VERIFIED
        assert back.reason_code == "plan_changed" and back.reason_message
        assert back.approved_plan is None
        sent_back = [r for r in life.receipts(rid) if r["action"] == "request.identity_verified"]
        assert sent_back[-1]["details"]["reason_code"] == "plan_changed"
        assert sent_back[-1]["details"]["plan_hash"] == plan
        assert not [r for r in life.receipts(rid) if r["action"] == "request.erasure"]
        # Staff review the new dry run and approve it: now it runs, and the reason is cleared.
        fresh = preview(life, rid, "apikey:officer")["plan_hash"]
        assert fresh != plan
        assert approve_plan(life, rid, fresh, actor="apikey:officer").reason_code is None
        Worker(life, name="w").run(until_empty=True)
        assert life.get(rid).state is State.COMPLETED
        assert erasure_receipt(life, rid)["plan_hash"] == fresh
        assert rows_of(example, account)["devices"] < before["devices"]
    finally:
        life.close()


@pytest.fixture
def api(example: Path, tmp_path: Path) -> Iterator[TestClient]:
    application = create_app(example, database_url=f"sqlite:///{tmp_path / 'kept.db'}")
    context = application.state.kept
    application.state.lifecycle = Lifecycle(context.control, context.loaded, review=[Kind.ERASURE])
    with TestClient(application, base_url="https://testserver") as client:
        yield client


def lifecycle_of(client: TestClient) -> Lifecycle:
    lifecycle: Lifecycle = client.app.state.lifecycle  # type: ignore[attr-defined]
    return lifecycle


def test_the_api_binds_the_plan(api: TestClient, example: Path) -> None:
    email, account = first_person(example)
    _, key = issue_key(lifecycle_of(api).control, name="officer", role="privacy_officer")
    headers = {"Authorization": f"Bearer {key}"}
    made = api.post(
        "/api/v1/staff/requests",
        json={"kind": "erasure", "identities": {"email": email}},
        headers=headers,
    )
    assert made.status_code == 201, made.text
    rid = made.json()["request_id"]
    assert made.json()["state"] == "identity_verified"
    dry = api.post(f"/api/v1/staff/requests/{rid}/dry-run", headers=headers)
    assert dry.status_code == 200, dry.text
    plan = dry.json()["plan_hash"]
    assert dry.json()["dry_run"] is True and "subject" not in dry.json()
    stale = api.post(
        f"/api/v1/staff/requests/{rid}/approve", json={"plan": "0" * 24}, headers=headers
    )
    assert stale.status_code == 409 and stale.json()["code"] == "plan_changed"
    approved = api.post(
        f"/api/v1/staff/requests/{rid}/approve", json={"plan": plan}, headers=headers
    )
    assert approved.status_code == 200, approved.text
    assert approved.json()["approved_plan"] == plan
    add_device(example, account)
    before = rows_of(example, account)
    Worker(lifecycle_of(api), name="w").run(until_empty=True)
    assert rows_of(example, account) == before
    shown = api.get(f"/api/v1/staff/requests/{rid}", headers=headers).json()
    assert shown["state"] == "identity_verified" and shown["reason_code"] == "plan_changed"


def test_the_console_approval_binds_the_plan(api: TestClient, example: Path) -> None:
    email, account = first_person(example)
    life = lifecycle_of(api)
    rid = held_erasure(life, email)
    _, key = issue_key(life.control, name="desk", role="privacy_officer")
    assert (
        api.post("/console/sign-in", data={"key": key}, follow_redirects=False).status_code == 303
    )
    dry = api.get(f"/console/requests/{rid}/dry-run")
    found = re.search(r'name="plan" value="([0-9a-f]+)"', dry.text)
    csrf = re.search(r'name="csrf" value="([^"]+)"', dry.text)
    assert found and csrf
    approved = api.post(
        f"/console/requests/{rid}/approve",
        data={"csrf": csrf.group(1), "plan": found.group(1)},
        follow_redirects=False,
    )
    assert approved.status_code == 303
    assert life.get(rid).approved_plan == found.group(1)
    assert f"<code>{found.group(1)}</code>" in api.get(f"/console/requests/{rid}").text
    add_device(example, account)
    before = rows_of(example, account)
    Worker(life, name="w").run(until_empty=True)
    assert rows_of(example, account) == before
    page = api.get(f"/console/requests/{rid}").text
    assert "plan_changed" in page
    assert life.get(rid).state is State.IDENTITY_VERIFIED


def test_the_cli_dry_run_and_approve_with_a_plan(
    example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from kept.cli import _register, app

    _register()
    monkeypatch.delenv("KEPT_SMTP_URL", raising=False)
    email, _ = first_person(example)
    database = ["-m", str(example), "--database", f"sqlite:///{tmp_path / 'kept.db'}"]
    runner = CliRunner()

    def run(*args: str) -> Any:
        return runner.invoke(app, [*args, *database])

    life = Lifecycle.open(
        load_manifest(example),
        f"sqlite:///{tmp_path / 'kept.db'}",
        mailer=OutboxMailer(tmp_path),
        review=[Kind.ERASURE],
    )
    try:
        rid = held_erasure(life, email)
    finally:
        life.close()
    dry = run("requests", "dry-run", rid, "--json")
    assert dry.exit_code == 0, dry.output
    plan = json.loads(dry.output)["plan_hash"]
    shown = run("requests", "dry-run", rid)
    assert shown.exit_code == 0 and f"plan {plan}" in shown.output
    stale = run("requests", "approve", rid, "--plan", "0" * 24)
    assert stale.exit_code != 0 and "review the dry run again" in stale.output
    approved = run("requests", "approve", rid, "--plan", plan, "--json")
    assert approved.exit_code == 0, approved.output
    assert json.loads(approved.output)["approved_plan"] == plan
    worker = runner.invoke(app, ["worker", "--until-empty", *database])
    assert worker.exit_code == 0 and "1 completed" in worker.output
