"""The request lifecycle: intake, e-mailed codes, decisions, deadlines, the audit trail."""

from __future__ import annotations

import datetime as dt
import json
import re
import threading
from collections.abc import Iterator
from email import message_from_bytes
from email.message import Message
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message as MessageHandler

from kept.audit import AuditLog
from kept.errors import LinkExpiredError, RequestNotFoundError
from kept.examples import create_example
from kept.execution import Identity
from kept.mail import OutboxMailer, SmtpMailer, mailer_from_env, outbox_folder
from kept.manifest import LoadedManifest, load_manifest
from kept.requests import (
    CodePolicy,
    Kind,
    Lifecycle,
    LifecycleError,
    RateLimit,
    RateLimited,
    State,
    VerificationError,
    Worker,
)
from kept.requests.tables import requests as requests_table


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("lifecycle")
    return create_example("vcloudpoint", root / "vcloudpoint", people=20).manifest


@pytest.fixture
def loaded(example: Path) -> LoadedManifest:
    return load_manifest(example)


@pytest.fixture
def email(example: Path) -> str:
    engine = sa.create_engine(f"sqlite:///{example.parent / 'vcloudpoint.sqlite'}")
    with engine.connect() as conn:
        value = conn.exec_driver_sql("SELECT email FROM accounts ORDER BY id LIMIT 1").scalar()
    engine.dispose()
    return str(value)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def outbox(tmp_path: Path) -> OutboxMailer:
    return OutboxMailer(tmp_path / "outbox")


@pytest.fixture
def lifecycle(loaded: LoadedManifest, tmp_path: Path, outbox: OutboxMailer) -> Iterator[Lifecycle]:
    life = Lifecycle.open(loaded, f"sqlite:///{tmp_path / 'kept.db'}", mailer=outbox)
    yield life
    life.close()


def last_mail(outbox: OutboxMailer) -> Message:
    return message_from_bytes(outbox.messages()[-1].read_bytes())


def code_in(message: Message) -> str:
    body = message.get_payload(decode=True)
    assert isinstance(body, bytes)
    found = re.search(r"code is: (\d{6})", body.decode())
    assert found, body
    return found.group(1)


def actions(life: Lifecycle) -> list[str]:
    return [e.action for e in AuditLog(life.control).entries()]


def test_submit_verify_run_complete(lifecycle: Lifecycle, outbox: OutboxMailer, email: str) -> None:
    submitted = lifecycle.submit("access", [Identity("email", email)], client="192.0.2.1")
    record = submitted.record
    assert record.state is State.RECEIVED and record.kind is Kind.ACCESS
    assert record.deadlines.due_by in ("policy", "GDPR")
    assert record.days_left() in range(27, 31)
    message = last_mail(outbox)
    assert message["To"] == email and "verification code" in message["Subject"]
    assert "for an access request about" in str(message.get_payload(decode=True), "utf-8")
    code = code_in(message)
    with pytest.raises(VerificationError, match="not right") as wrong:
        lifecycle.verify(record.id, "000000" if code != "000000" else "111111")
    assert wrong.value.code == "code_invalid"
    verified = lifecycle.verify(record.id, code, token=submitted.token)
    assert verified.state is State.APPROVED and verified.verified_at is not None
    with pytest.raises(LifecycleError, match="cannot verify"):
        lifecycle.verify(record.id, code)  # single use: the request moved on

    worker = Worker(lifecycle, name="w1")
    assert worker.run_once()
    assert not worker.run_once()
    done = lifecycle.with_token(record.id, submitted.token)
    assert done.state is State.COMPLETED and done.result and done.result["rows"] > 0
    name, content = lifecycle.export(record.id)
    assert name.endswith(".zip") and content[:2] == b"PK"
    with lifecycle.control.connect() as conn:
        row = conn.execute(sa.select(requests_table).where(requests_table.c.id == record.id)).one()
    assert row.identities is None and row.contact is None  # purpose-limited: cleared on close
    assert actions(lifecycle) == [
        "request.received",
        "request.code_sent",
        "request.code_failed",
        "request.identity_verified",
        "request.approved",
        "request.running",
        "request.access",
        "request.completed",
    ]
    receipts = lifecycle.receipts(record.id)
    assert [r["action"] for r in receipts][-2:] == ["request.access", "request.completed"]
    assert email not in str(receipts)
    assert "carried out" in str(last_mail(outbox).get_payload(decode=True))
    assert AuditLog(lifecycle.control).verify().ok


def test_erasure_through_the_lifecycle_is_partial_with_grounds(
    lifecycle: Lifecycle, email: str
) -> None:
    record = lifecycle.submit(
        "erasure", [Identity("email", email)], actor="apikey:x", verified=True
    ).record
    assert record.state is State.APPROVED
    Worker(lifecycle, name="w").run(until_empty=True)
    done = lifecycle.get(record.id)
    assert done.state is State.COMPLETED
    assert done.reason_code == "kept_with_ground" and done.reason_message
    assert done.result and done.result["verified"] and done.result["erased_rows"] > 0
    receipt = next(r for r in lifecycle.receipts(record.id) if r["action"] == "request.erasure")
    assert receipt["details"]["verified"] is True


def test_codes_expire_lock_and_can_be_resent(
    loaded: LoadedManifest, tmp_path: Path, outbox: OutboxMailer
) -> None:
    clock = Clock(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC))
    life = Lifecycle.open(
        loaded,
        f"sqlite:///{tmp_path / 'k.db'}",
        mailer=outbox,
        clock=clock,
        codes=CodePolicy(ttl=dt.timedelta(minutes=10), max_attempts=2),
    )
    try:
        sub = life.submit("access", [Identity("email", "ada@example.com")])
        code = code_in(last_mail(outbox))
        clock.now += dt.timedelta(minutes=11)
        with pytest.raises(VerificationError, match="expired"):
            life.verify(sub.record.id, code)
        life.resend_code(sub.record.id, sub.token)
        fresh = code_in(last_mail(outbox))
        bad = "000000" if fresh != "000000" else "111111"
        for _ in range(2):
            with pytest.raises(VerificationError, match="not right"):
                life.verify(sub.record.id, bad)
        with pytest.raises(VerificationError, match="locked") as locked:
            life.verify(sub.record.id, fresh)  # even the right code, once locked
        assert locked.value.code == "code_locked"
        life.resend_code(sub.record.id, sub.token)
        assert life.verify(sub.record.id, code_in(last_mail(outbox))).state is State.APPROVED
        with pytest.raises(LifecycleError, match="no such request"):
            life.with_token(sub.record.id, "not-the-token")
    finally:
        life.close()


def test_rate_limits_per_address_and_per_client(
    loaded: LoadedManifest, tmp_path: Path, outbox: OutboxMailer
) -> None:
    life = Lifecycle.open(
        loaded,
        f"sqlite:///{tmp_path / 'k.db'}",
        mailer=outbox,
        address_limit=RateLimit(2, dt.timedelta(hours=1)),
        client_limit=RateLimit(3, dt.timedelta(hours=1)),
    )
    try:
        person = [Identity("email", "Ada@Example.com")]
        life.submit("access", person, client="198.51.100.7")
        life.submit("access", [Identity("email", "ada@example.com ")], client="198.51.100.8")
        with pytest.raises(RateLimited, match="too many codes") as limited:
            life.submit("access", person, client="198.51.100.9")
        assert isinstance(limited.value, RateLimited) and 0 < limited.value.retry_after <= 3600
        life.submit("access", [Identity("email", "bob@example.com")], client="198.51.100.7")
        life.submit("access", [Identity("email", "cy@example.com")], client="198.51.100.7")
        with pytest.raises(RateLimited, match="too many requests"):
            life.submit("access", [Identity("email", "di@example.com")], client="198.51.100.7")
    finally:
        life.close()


def test_denial_tells_the_reason_and_the_right_to_complain(
    lifecycle: Lifecycle, outbox: OutboxMailer
) -> None:
    sub = lifecycle.submit("erasure", [Identity("email", "eve@example.com")])
    with pytest.raises(LifecycleError, match="unknown denial reason"):
        lifecycle.deny(sub.record.id, "because", actor="apikey:k")
    denied = lifecycle.deny(
        sub.record.id, "manifestly_unfounded", actor="apikey:k", note="tenth request this week"
    )
    assert denied.state is State.DENIED and denied.reason_code == "manifestly_unfounded"
    assert denied.reason_message and "supervisory authority" in denied.reason_message
    assert "denied" in str(last_mail(outbox).get_payload(decode=True))
    assert denied.days_left() is None
    with pytest.raises(LifecycleError, match="cannot approve: the request is denied"):
        lifecycle.approve(sub.record.id, actor="apikey:k")
    entry = AuditLog(lifecycle.control).latest(1)[0]
    assert entry.action == "request.denied" and entry.details["note"] == "tenth request this week"


def test_review_holds_a_kind_for_staff_approval(
    loaded: LoadedManifest, tmp_path: Path, outbox: OutboxMailer
) -> None:
    life = Lifecycle.open(
        loaded, f"sqlite:///{tmp_path / 'k.db'}", mailer=outbox, review=["erasure"]
    )
    try:
        sub = life.submit("erasure", [Identity("email", "fay@example.com")], tenant="acme")
        with pytest.raises(LifecycleError, match="cannot approve"):
            life.approve(sub.record.id, actor="apikey:k")
        held = life.verify(sub.record.id, code_in(last_mail(outbox)))
        assert held.state is State.IDENTITY_VERIFIED
        assert life.approve(sub.record.id, actor="apikey:k").state is State.APPROVED
        assert {e.tenant for e in AuditLog(life.control).entries()} == {"acme"}
    finally:
        life.close()


def test_deadlines_extensions_pauses_and_overdue(
    loaded: LoadedManifest, tmp_path: Path, outbox: OutboxMailer
) -> None:
    clock = Clock(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC))
    life = Lifecycle.open(loaded, f"sqlite:///{tmp_path / 'k.db'}", mailer=outbox, clock=clock)
    try:
        person = [Identity("email", "gus@example.com")]
        firm = life.submit("access", person, verified=True, actor="apikey:k").record
        assert (firm.due, firm.deadlines.due_by) == (dt.date(2026, 4, 1), "policy")
        with pytest.raises(LifecycleError, match="firmly"):
            life.extend(firm.id, "many systems to search", actor="apikey:k")
        organization = life.loaded.manifest.organization
        assert organization is not None
        organization.response_deadline_firm = False  # a "typically within 30 days" promise
        soft = life.submit("access", person, verified=True, actor="apikey:k").record
        extended = life.extend(soft.id, "many systems to search.", actor="apikey:k")
        assert extended.extended and extended.due == dt.date(2026, 6, 2)
        assert "more time" in str(last_mail(outbox).get_payload(decode=True))
        with pytest.raises(LifecycleError, match="already extended"):
            life.extend(soft.id, "again", actor="apikey:k")
        paused = life.pause(soft.id, "asked which account", actor="apikey:k")
        assert paused.paused_since == dt.date(2026, 3, 2)
        clock.now += dt.timedelta(days=4)
        assert life.resume(soft.id, actor="apikey:k").paused_days == 4
        clock.now = dt.datetime(2026, 5, 1, tzinfo=dt.UTC)
        overdue = life.find(overdue=True)
        assert [r.id for r in overdue] == [firm.id]
        assert overdue[0].days_left(dt.date(2026, 5, 1)) == -30
        late = life.submit("access", person, verified=True, actor="apikey:k").record
        assert {r.id for r in life.find()} == {firm.id, soft.id, late.id}
        assert [r.id for r in life.find(state="approved", limit=1)] == [late.id]
    finally:
        life.close()


def test_a_jurisdiction_outside_the_organization_is_refused(lifecycle: Lifecycle) -> None:
    with pytest.raises(Exception, match="not one the organization operates under"):
        lifecycle.submit("access", [Identity("email", "h@example.com")], jurisdiction="us-ca")
    with pytest.raises(Exception, match="unknown request kind"):
        lifecycle.submit("delete", [Identity("email", "h@example.com")])


def test_outbox_is_beside_the_control_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("KEPT_SMTP_URL", raising=False)
    url = f"sqlite:///{tmp_path / 'x' / 'kept.db'}"
    assert outbox_folder(url) == tmp_path / "x" / "outbox"
    assert outbox_folder("postgresql://db/kept") == Path("outbox")
    mailer = mailer_from_env(url)
    assert isinstance(mailer, OutboxMailer)
    monkeypatch.setenv("KEPT_SMTP_URL", "smtp://127.0.0.1:2525")
    assert isinstance(mailer_from_env(url), SmtpMailer)


class _Inbox(MessageHandler):
    def __init__(self) -> None:
        super().__init__()
        self.messages: list[Message] = []
        self.arrived = threading.Event()

    def handle_message(self, message: Message) -> None:
        self.messages.append(message)
        self.arrived.set()


def test_codes_go_out_through_real_smtp(
    loaded: LoadedManifest, tmp_path: Path, unused_port: int
) -> None:
    inbox = _Inbox()
    server = Controller(inbox, hostname="127.0.0.1", port=unused_port)
    server.start()
    try:
        mailer = SmtpMailer(f"smtp://127.0.0.1:{unused_port}", "privacy@vcloudpoint.test")
        life = Lifecycle.open(loaded, f"sqlite:///{tmp_path / 'k.db'}", mailer=mailer)
        try:
            sub = life.submit("access", [Identity("email", "ivy@example.com")])
            assert inbox.arrived.wait(10)
            message = inbox.messages[-1]
            assert message["To"] == "ivy@example.com"
            assert message["From"] == "privacy@vcloudpoint.test"
            code = re.search(r"code is: (\d{6})", str(message.get_payload()))
            assert code
            assert life.verify(sub.record.id, code.group(1)).state is State.APPROVED
        finally:
            life.close()
    finally:
        server.stop()


@pytest.fixture
def unused_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


@pytest.mark.parametrize(
    "database",
    [
        "sqlite",
        pytest.param("postgres", marks=pytest.mark.postgres),
        pytest.param("mariadb", marks=pytest.mark.mariadb),
    ],
)
def test_the_lifecycle_on_every_control_database(
    database: str,
    request: pytest.FixtureRequest,
    loaded: LoadedManifest,
    outbox: OutboxMailer,
    email: str,
) -> None:
    url: str = request.getfixturevalue(f"{database}_url")
    life = Lifecycle.open(loaded, url, mailer=outbox)
    try:
        sub = life.submit("access", [Identity("email", email)], tenant="acme", client="c1")
        life.verify(sub.record.id, code_in(last_mail(outbox)), token=sub.token)
        other = life.submit("erasure", [Identity("email", "x@example.com")], tenant="globex")
        life.deny(other.record.id, "not_a_customer", actor="apikey:k")
        assert Worker(life, name="w").run(until_empty=True).completed == 1
        done = life.with_token(sub.record.id, sub.token)
        assert done.state is State.COMPLETED and life.export(sub.record.id)[1][:2] == b"PK"
        assert [r.id for r in life.find(tenant="acme")] == [sub.record.id]
        assert [r.id for r in life.find(state="denied")] == [other.record.id]
        assert AuditLog(life.control).verify().ok
    finally:
        life.close()


def test_the_requests_commands(
    example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from kept.cli import _register, app

    _register()
    monkeypatch.delenv("KEPT_SMTP_URL", raising=False)
    database = ["-m", str(example), "--database", f"sqlite:///{tmp_path / 'kept.db'}"]
    runner = CliRunner()

    def run(*args: str) -> Any:
        return runner.invoke(app, [*args, *database])

    made = run("requests", "submit", "--kind", "access", "-i", "email=ann@example.com", "--json")
    assert made.exit_code == 0, made.output
    rid = json.loads(made.output)["request_id"]
    listed = run("requests", "list")
    assert listed.exit_code == 0 and rid in listed.output
    assert [r["request_id"] for r in json.loads(run("requests", "list", "--json").output)] == [rid]
    assert "no overdue request" in run("requests", "list", "--overdue").output
    bad = run("requests", "list", "--state", "bogus")
    assert bad.exit_code == 2 and "unknown state 'bogus'" in bad.output
    refused = run("requests", "extend", rid, "--reason", "busy")
    assert refused.exit_code == 2 and "firmly" in refused.output
    assert run("requests", "pause", rid, "--reason", "which account?").exit_code == 0
    assert run("requests", "resume", rid).exit_code == 0
    denied = run("requests", "deny", rid, "--reason", "excessive", "--note", "again")
    assert denied.exit_code == 0 and "denied" in denied.output
    again = run("requests", "approve", rid)
    assert again.exit_code == 2 and "cannot approve" in again.output
    receipts = run("requests", "receipts", rid)
    assert receipts.exit_code == 0 and "request.denied" in receipts.output
    shown = run("requests", "show", rid, "--json")
    assert json.loads(shown.output)["reason_code"] == "excessive"
    worker = runner.invoke(app, ["worker", "--until-empty", *database])
    assert worker.exit_code == 0 and "0 completed" in worker.output


def test_exports_are_deleted_after_their_window(
    loaded: LoadedManifest, tmp_path: Path, outbox: OutboxMailer, email: str
) -> None:
    clock = Clock(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC))
    life = Lifecycle.open(loaded, f"sqlite:///{tmp_path / 'k.db'}", mailer=outbox, clock=clock)
    try:
        rid = life.submit("access", [Identity("email", email)], actor="t", verified=True).record.id
        Worker(life, name="w").run(until_empty=True)  # purges nothing: the export is new
        assert life.has_export(rid)
        expires = int(clock.now.timestamp()) + 60
        life.check_export_link(rid, expires, life.sign_export(rid, expires))
        with pytest.raises(LifecycleError, match="not valid"):
            life.check_export_link(rid, expires + 1, life.sign_export(rid, expires))
        clock.now += dt.timedelta(minutes=2)
        with pytest.raises(LifecycleError, match="expired") as gone:
            life.check_export_link(rid, expires, life.sign_export(rid, expires))
        assert isinstance(gone.value, LinkExpiredError)  # the API answers 410
        clock.now += dt.timedelta(days=31)
        worker = Worker(life, name="w2", keep_exports=dt.timedelta(days=30))
        worker.run(until_empty=True)
        assert not life.has_export(rid)
        with pytest.raises(LifecycleError, match="no longer") as missing:
            life.export(rid)
        assert isinstance(missing.value, RequestNotFoundError)  # the API answers 404
        assert AuditLog(life.control).latest(1)[0].action == "request.export_deleted"
        waiting = life.submit("access", [Identity("email", "slow@example.com")]).record.id
        clock.now += dt.timedelta(days=15)
        Worker(life, name="w3").run(until_empty=True)
        expired = life.get(waiting)
        assert expired.state is State.DENIED and expired.reason_code == "identity_not_verified"
    finally:
        life.close()


def test_a_persons_own_request_is_searched_by_the_verified_address_only(
    lifecycle: Lifecycle,
) -> None:
    for identities in (
        [Identity("email", "me@example.com"), Identity("phone_number", "+4791234567")],
        [Identity("email", "someone.else@example.com")],
    ):
        with pytest.raises(Exception, match="by nothing else"):
            lifecycle.submit("access", identities, contact="me@example.com")
    staff = lifecycle.submit(
        "access", [Identity("phone_number", "+4791234567")], contact="me@example.com", verified=True
    )
    assert staff.record.state is State.APPROVED


def test_the_public_names_are_pinned() -> None:
    import kept.requests

    assert set(kept.requests.__all__) == {
        "DENIAL_REASONS",
        "PARTIAL_REASONS",
        "PUBLIC",
        "RULES",
        "TRANSITIONS",
        "CodePolicy",
        "Deadlines",
        "Job",
        "Kind",
        "LeaseLost",
        "Lifecycle",
        "LifecycleError",
        "Pause",
        "RateLimit",
        "RateLimited",
        "RequestRecord",
        "Rule",
        "State",
        "Submission",
        "VerificationError",
        "Worker",
        "WorkerStats",
        "claim",
        "complete",
        "compute_deadlines",
        "execute",
        "fail",
        "heartbeat",
        "rules_for",
        "worker_name",
    }
    for name in kept.requests.__all__:
        assert hasattr(kept.requests, name), name
    for state, nexts in kept.requests.TRANSITIONS.items():
        assert not (state.closed and nexts), state  # closed is final


def test_a_failed_job_is_recorded_and_can_be_retried(tmp_path: Path, outbox: OutboxMailer) -> None:
    manifest = create_example("vcloudpoint", tmp_path / "vcp", people=5).manifest
    store = manifest.parent / "vcloudpoint.sqlite"
    life = Lifecycle.open(load_manifest(manifest), f"sqlite:///{tmp_path / 'k.db'}", mailer=outbox)
    try:
        rid = life.submit(
            "access", [Identity("email", "a@example.com")], actor="t", verified=True
        ).record.id
        store.rename(tmp_path / "away.sqlite")
        stats = Worker(life, name="w").run(until_empty=True)
        assert (stats.completed, stats.failed) == (0, 1)
        failed = life.get(rid)
        assert failed.state is State.FAILED and failed.reason_code == "execution_failed"
        (tmp_path / "away.sqlite").replace(store)
        assert life.approve(rid, actor="apikey:k").state is State.APPROVED
        assert Worker(life, name="w").run(until_empty=True).completed == 1
        assert life.get(rid).state is State.COMPLETED
    finally:
        life.close()


def test_deadlock_victims_are_retried_other_errors_are_not() -> None:
    from sqlalchemy.exc import OperationalError

    from kept.errors import AuditError
    from kept.requests.retry import is_transient, retrying

    class DriverError(Exception):
        pass

    deadlock = OperationalError("UPDATE ...", {}, DriverError(1213, "Deadlock found"))
    other = OperationalError("UPDATE ...", {}, DriverError(1146, "no such table"))
    wrapped = AuditError("cannot append")
    wrapped.__cause__ = deadlock
    assert is_transient(deadlock) and is_transient(wrapped) and not is_transient(other)
    calls: list[int] = []

    @retrying
    def flaky(fail: int, error: Exception) -> int:
        calls.append(1)
        if len(calls) <= fail:
            raise error
        return len(calls)

    assert flaky(2, wrapped) == 3
    calls.clear()
    with pytest.raises(OperationalError):
        flaky(1, other)
    assert len(calls) == 1
