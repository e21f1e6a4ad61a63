"""Rectification, restriction and objection as requests of the lifecycle: submitted with their
parameters (checked against the manifest), verified by the e-mailed code, approved, run by a
worker; on SQLite and on PostgreSQL (stores and control database)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from email import message_from_bytes
from pathlib import Path

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from kept.api import create_app
from kept.apikey import issue_key
from kept.audit import AuditLog
from kept.cli import _register, app
from kept.errors import RequestError
from kept.examples import create_example
from kept.execution import Identity
from kept.mail import OutboxMailer
from kept.manifest import LoadedManifest, load_manifest
from kept.requests import Kind, Lifecycle, State, Worker
from kept.requests.params import ParamsError
from kept.requests.tables import requests as requests_table
from kept.restriction import is_restricted, lift_restriction

DB = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@dataclass
class Setup:
    manifest: Path
    loaded: LoadedManifest
    store_url: str
    control_url: str
    outbox: OutboxMailer
    life: Lifecycle

    def scalar(self, sql: str, **params: object) -> object:
        engine = sa.create_engine(self.store_url, poolclass=sa.NullPool)
        with engine.connect() as conn:
            value = conn.execute(sa.text(sql), params).scalar()
        engine.dispose()
        return value


def _setup(
    example: str, db: str, request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[Setup]:
    url = None if db == "sqlite" else request.getfixturevalue("postgres_url")
    info = create_example(example, tmp_path / example, url=url, people=20)
    store_url = url or f"sqlite:///{tmp_path / example / f'{example}.sqlite'}"
    control = url or f"sqlite:///{tmp_path / 'kept.db'}"
    loaded = load_manifest(info.manifest)
    outbox = OutboxMailer(tmp_path / "outbox")
    life = Lifecycle.open(loaded, control, mailer=outbox)
    try:
        yield Setup(info.manifest, loaded, store_url, control, outbox, life)
    finally:
        life.close()


@pytest.fixture(params=DB)
def vcp(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Setup]:
    yield from _setup("vcloudpoint", request.param, request, tmp_path)


@pytest.fixture(params=DB)
def vivibit(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Setup]:
    yield from _setup("vivibit", request.param, request, tmp_path)


def code_of(outbox: OutboxMailer) -> str:
    message = message_from_bytes(outbox.messages()[-1].read_bytes())
    body = message.get_payload(decode=True)
    assert isinstance(body, bytes)
    found = re.search(r"code is: (\d{6})", body.decode())
    assert found, body
    return found.group(1)


def first_account(s: Setup) -> tuple[int, str]:
    row = s.scalar("SELECT id FROM accounts ORDER BY id LIMIT 1")
    email = s.scalar("SELECT email FROM accounts WHERE id = :i", i=row)
    return int(str(row)), str(email)


def audit_text(life: Lifecycle) -> str:
    return json.dumps([e.details for e in AuditLog(life.control).entries()])


def test_rectification_submit_verify_approve_run(vcp: Setup) -> None:
    life = vcp.life
    life.review = frozenset({Kind.RECTIFICATION})  # staff approve after verification
    account, email = first_account(vcp)
    submitted = life.submit(
        "rectification",
        [Identity("email", email)],
        changes=["vcloudpoint.accounts.city=Tromsø-Nord"],
        client="192.0.2.7",
    )
    record = submitted.record
    assert record.kind is Kind.RECTIFICATION and record.state is State.RECEIVED
    assert record.params == {
        "changes": [{"field": "vcloudpoint.accounts.city", "value": "Tromsø-Nord"}]
    }
    assert record.public()["params"] == {"changes": [{"field": "vcloudpoint.accounts.city"}]}
    assert record.due is not None  # the same deadline rules as every other kind

    verified = life.verify(record.id, code_of(vcp.outbox), token=submitted.token)
    assert verified.state is State.IDENTITY_VERIFIED
    assert life.approve(record.id, actor="staff:dpo").state is State.APPROVED
    assert Worker(life, name="w").run_once()

    done = life.with_token(record.id, submitted.token)
    assert done.state is State.COMPLETED, done.reason_message
    assert done.result == {"fields": ["city"], "rows": 1}
    city = vcp.scalar("SELECT city FROM accounts WHERE id = :i", i=account)
    assert city == "Tromsø-Nord"

    receipts = {r["action"]: r["details"] for r in life.receipts(record.id)}
    assert receipts["request.rectification"]["fields"] == ["city"]
    assert receipts["request.received"]["fields"] == ["vcloudpoint.accounts.city"]
    assert "Tromsø" not in audit_text(life)  # field names, never values
    # Closed: the value is dropped from the request too (the field name stays).
    assert life.get(record.id).params == {"changes": [{"field": "vcloudpoint.accounts.city"}]}
    with life.control.connect() as conn:
        stored = conn.execute(
            sa.select(requests_table.c.params).where(requests_table.c.id == record.id)
        ).scalar()
    assert stored is not None and "Tromsø" not in stored


def test_restriction_then_lift(vcp: Setup, tmp_path: Path) -> None:
    life = vcp.life
    account, email = first_account(vcp)
    submitted = life.submit(
        "restriction",
        [Identity("email", email)],
        reason="accuracy contested (Art. 18(1)(a))",
        actor="staff:desk",
        verified=True,
    )
    assert submitted.record.state is State.APPROVED
    Worker(life, name="w").run(until_empty=True)
    done = life.get(submitted.record.id)
    assert done.state is State.COMPLETED, done.reason_message
    assert done.result is not None
    restriction_id = done.result["restriction_id"]
    assert restriction_id.startswith("rst_") and done.result["rows"] >= 1
    store = vcp.loaded.manifest.store_for("vcloudpoint")
    assert store is not None
    key = {"id": account}
    assert is_restricted(life.control, store.name, "vcloudpoint.accounts", key, None)
    assert is_restricted(life.control, store.name, "vcloudpoint.accounts", key, "security")
    other = {"id": account + 1}
    assert not is_restricted(life.control, store.name, "vcloudpoint.accounts", other, None)
    receipts = [r["action"] for r in life.receipts(submitted.record.id)]
    assert receipts.count("request.restriction") == 1  # one receipt, with the completion

    _register()
    result = CliRunner().invoke(
        app,
        [
            "request", "lift", restriction_id, "-m", str(vcp.manifest),
            "--database", vcp.control_url, "--reason", "accuracy verified; person told",
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert not is_restricted(life.control, store.name, "vcloudpoint.accounts", key, None)


def test_objection_to_marketing(vivibit: Setup) -> None:
    life = vivibit.life
    email = str(vivibit.scalar("SELECT email FROM accounts ORDER BY id LIMIT 1"))
    person = [Identity("email", email)]
    submitted = life.submit("objection", person, purposes=["marketing_email"])
    assert submitted.record.params == {
        "purposes": ["marketing_email"],
        "reason": "objection to direct marketing (GDPR Art. 21(2))",
    }
    life.verify(submitted.record.id, code_of(vivibit.outbox), token=submitted.token)
    Worker(life, name="w").run(until_empty=True)
    done = life.get(submitted.record.id)
    assert done.state is State.COMPLETED and done.result is not None
    restriction_id = done.result["restriction_id"]
    assert done.result["purposes"] == ["marketing_email"]
    customer = vivibit.scalar("SELECT id FROM accounts ORDER BY id LIMIT 1")
    store = vivibit.loaded.manifest.store_for("vivibit")
    assert store is not None
    key = {"id": customer}
    collection = "vivibit.accounts"
    assert is_restricted(life.control, store.name, collection, key, "marketing_email")
    assert not is_restricted(life.control, store.name, collection, key, "advertising")
    with pytest.raises(RequestError, match="absolute"):
        lift_restriction(vivibit.loaded, life.control, restriction_id, reason="no")
    # An objection on other grounds (here: to every purpose but storage) needs them stated.
    with pytest.raises(ParamsError) as missing:
        life.submit("objection", person)
    assert missing.value.code == "reason_missing"


@pytest.fixture
def vcp_sqlite(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Setup]:
    yield from _setup("vcloudpoint", "sqlite", request, tmp_path)


@pytest.mark.parametrize(
    ("kind", "params", "code", "names"),
    [
        ("rectification", {}, "changes_missing", []),
        (
            "rectification",
            {"changes": ["vcloudpoint.accounts.nope=x", "vcloudpoint.nothing.city=y"]},
            "unknown_field",
            ["vcloudpoint.accounts.nope", "vcloudpoint.nothing.city"],
        ),
        (
            "rectification",
            {"changes": ["vcloudpoint.accounts.city=a", "vcloudpoint.accounts.city=b"]},
            "duplicate_field",
            ["vcloudpoint.accounts.city"],
        ),
        ("rectification", {"changes": ["city=Oslo"]}, "change_invalid", []),
        (
            "rectification",
            {"changes": ["vcloudpoint.accounts.city=x"], "purposes": ["security"]},
            "params_not_allowed",
            [],
        ),
        ("restriction", {"purposes": ["security"]}, "reason_missing", []),
        (
            "restriction",
            {"purposes": ["nope", "security"], "reason": "r"},
            "unknown_purpose",
            ["nope"],
        ),
        (
            "restriction",
            {"changes": ["vcloudpoint.accounts.city=x"], "reason": "r"},
            "params_not_allowed",
            [],
        ),
        ("access", {"reason": "because"}, "params_not_allowed", []),
    ],
)
def test_bad_parameters_are_named(
    vcp_sqlite: Setup, kind: str, params: dict[str, object], code: str, names: list[str]
) -> None:
    with pytest.raises(ParamsError) as error:
        vcp_sqlite.life.submit(
            kind, [Identity("email", "a@example.com")], actor="t", verified=True, **params
        )  # type: ignore[arg-type]
    assert error.value.code == code
    assert error.value.names == names
    for name in names:
        assert name in str(error.value)
    assert vcp_sqlite.life.find() == []  # nothing stored, nothing sent


def test_api_and_cli(vcp_sqlite: Setup) -> None:
    s = vcp_sqlite
    application = create_app(s.manifest, database_url=s.control_url)
    application.state.lifecycle = s.life
    _, key = issue_key(s.life.control, name="staff", role="admin")
    staff = {"Authorization": f"Bearer {key}"}
    account, email = first_account(s)
    with TestClient(application) as client:
        answer = client.post(
            "/api/v1/requests",
            json={
                "kind": "rectification",
                "email": email,
                "changes": {"vcloudpoint.accounts.city": "Bergen", "vcloudpoint.accounts.x": "1"},
            },
        )
        assert answer.status_code == 400, answer.text
        assert answer.json()["code"] == "unknown_field"
        assert answer.json()["details"] == {"names": ["vcloudpoint.accounts.x"]}
        assert "Bergen" not in answer.text
        answer = client.post(
            "/api/v1/requests",
            json={"kind": "rectification", "email": email, "changes": {"no dots": "1"}},
        )
        assert answer.status_code == 422 and answer.json()["code"] == "invalid_input"
        answer = client.post(
            "/api/v1/requests",
            json={"kind": "rectification", "email": email, "reason": "r", "purposes": []},
        )
        assert answer.status_code == 400 and answer.json()["code"] == "params_not_allowed"
        answer = client.post(
            "/api/v1/requests",
            json={
                "kind": "rectification",
                "email": email,
                "changes": {"vcloudpoint.accounts.city": "Bergen"},
            },
        )
        assert answer.status_code == 202, answer.text
        assert answer.json()["params"] == {"changes": [{"field": "vcloudpoint.accounts.city"}]}

        answer = client.post(
            "/api/v1/staff/requests",
            json={
                "kind": "restriction",
                "identities": {"email": email},
                "purposes": ["nope"],
                "reason": "accuracy contested",
            },
            headers=staff,
        )
        assert answer.status_code == 400 and answer.json()["code"] == "unknown_purpose"
        answer = client.post(
            "/api/v1/staff/requests",
            json={
                "kind": "objection",
                "identities": {"email": email},
                "purposes": ["device_analytics"],
                "reason": "my particular situation",
            },
            headers=staff,
        )
        assert answer.status_code == 201, answer.text
        objection = answer.json()
        assert objection["kind"] == "objection" and objection["params"] == {
            "purposes": ["device_analytics"],
            "reason": "my particular situation",
        }
        Worker(s.life, name="w").run(until_empty=True)
        shown = client.get(f"/api/v1/staff/requests/{objection['request_id']}", headers=staff)
        assert shown.status_code == 200, shown.text
        assert shown.json()["result"]["restriction_id"].startswith("rst_")

    _register()
    runner = CliRunner()
    base = ["-m", str(s.manifest), "--database", s.control_url]
    result = runner.invoke(
        app,
        [
            "requests", "submit", "--kind", "rectification", "-i", f"email={email}",
            "--set", "vcloudpoint.accounts.city=Stavanger", *base, "--json",
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["params"]["changes"][0]["value"] == "Stavanger"
    result = runner.invoke(
        app,
        [
            "requests", "submit", "--kind", "restriction", "-i", f"email={email}",
            "--purpose", "nope", *base,
        ],
    )  # fmt: skip
    assert result.exit_code != 0 and "nope" in result.output
    Worker(s.life, name="w").run(until_empty=True)
    assert s.scalar("SELECT city FROM accounts WHERE id = :i", i=account) == "Stavanger"
