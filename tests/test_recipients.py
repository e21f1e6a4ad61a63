"""Recipients told (GDPR Art. 19): one notification per recipient holding the person's data."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import threading
import zipfile
from collections.abc import Iterator
from email import message_from_bytes
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from kept.audit import AuditLog
from kept.cli import _register, app
from kept.control import open_control
from kept.examples import create_example
from kept.execution import parse_identity
from kept.mail import OutboxMailer
from kept.manifest import load_manifest
from kept.recipients import (
    SIGNATURE_HEADER,
    confirm,
    dispatch,
    escalate_overdue,
    recipients_holding,
    told,
)
from kept.rights import RightsService

MAILER = "Marketing and e-mail service providers"
ANALYTICS = "Analytics, performance and diagnostic service providers"
NOTIFY = {
    MAILER: "    notify: {method: email, address: dpa@mailer.example, deadline_days: 7}\n",
    ANALYTICS: "    notify: {method: webhook, url: WEBHOOK, secret_env: ANALYTICS_HOOK_KEY}\n",
}


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def setup(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Path, str, str]]:
    """(manifest, store URL, control URL) of a VIVIBIT example whose manifest tells two
    recipients by e-mail and webhook."""
    if request.param == "sqlite":
        info = create_example("vivibit", tmp_path / "viv", people=30)
        url = f"sqlite:///{tmp_path / 'viv' / 'vivibit.sqlite'}"
        control = f"sqlite:///{tmp_path / 'viv' / 'kept.db'}"
    else:
        url = request.getfixturevalue("postgres_url")
        info = create_example("vivibit", tmp_path / "viv", url=url, people=30)
        control = url
    text = info.manifest.read_text(encoding="utf-8")
    for name, line in NOTIFY.items():
        anchor = f"  - name: {name}\n"
        assert anchor in text
        text = text.replace(anchor, anchor + line)
    info.manifest.write_text(text, encoding="utf-8")
    yield info.manifest, url, control


def anna(url: str) -> str:
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        email = conn.execute(
            sa.text("SELECT email FROM accounts WHERE full_name = 'Anna Schmidt'")
        ).scalar()
    engine.dispose()
    return str(email)


class Hook(BaseHTTPRequestHandler):
    received: ClassVar[list[tuple[bytes, str]]] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        Hook.received.append((body, self.headers[SIGNATURE_HEADER]))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def webhook() -> Iterator[str]:
    server = HTTPServer(("127.0.0.1", 0), Hook)
    Hook.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/kept"
    server.shutdown()
    server.server_close()


def test_erasure_tells_each_recipient_holding_the_data(
    setup: tuple[Path, str, str], webhook: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    manifest_path, url, control_url = setup
    manifest_path.write_text(
        manifest_path.read_text(encoding="utf-8").replace("WEBHOOK", webhook), encoding="utf-8"
    )
    loaded = load_manifest(manifest_path)
    email = anna(url)
    identity = parse_identity(f"email={email}")
    control = open_control(control_url)
    try:
        with RightsService(loaded, control, actor="tester") as rights:
            result = rights.erase({"req_anna": [identity]})
        assert result.verified
        tables = [t.table for t in result.tables if sum(t.before.values())]
        expected = {r.name for r in recipients_holding(loaded.manifest, tables)}
        notes = told(control, request_id="req_anna")
        assert {n.recipient for n in notes} == expected
        assert {MAILER, ANALYTICS} <= expected
        assert len(notes) == len(expected) and all(n.status == "pending" for n in notes)
        methods = {n.recipient: n.method for n in notes}
        assert methods[MAILER] == "email" and methods[ANALYTICS] == "webhook"
        assert {m for r, m in methods.items() if r not in NOTIFY} == {"manual"}

        # The erasure's receipt names who is told.
        receipt = next(
            e for e in AuditLog(control).entries() if e.action == "request.erasure"
        ).details
        assert {t["recipient"] for t in receipt["recipients_told"]} == expected

        # Recording again for the same request creates nothing new.
        from kept.recipients import record_notifications

        again = record_notifications(
            control,
            loaded.manifest,
            request_id="req_anna",
            action="erasure",
            identities=[identity],
            tables=tables,
            actor="tester",
        )
        assert len(again) == len(notes)

        # Sending: the e-mail through the outbox, the webhook signed with HMAC-SHA256.
        outbox = OutboxMailer(tmp_path / "outbox")
        key = "s3cret-hook-key"
        counts = dispatch(
            control, loaded.manifest, outbox, actor="tester", env={"ANALYTICS_HOOK_KEY": key}
        )
        assert counts == {"sent": 2, "failed": 0}
        (message,) = [message_from_bytes(p.read_bytes()) for p in outbox.messages()]
        assert message["To"] == "dpa@mailer.example"
        assert "req_anna" in message["Subject"]
        ((body, signature),) = Hook.received
        assert signature == "sha256=" + hmac.new(key.encode(), body, hashlib.sha256).hexdigest()
        payload = json.loads(body)
        assert payload["action"] == "erasure" and payload["identities"] == [str(identity)]
        states = {n.recipient: n.status for n in told(control, request_id="req_anna")}
        assert states[MAILER] == states[ANALYTICS] == "sent"

        # Confirmation, then escalation of what is still unconfirmed past its deadline.
        mail_note = next(n for n in notes if n.recipient == MAILER)
        confirmed = confirm(control, mail_note.id, actor="tester", note="DPA desk replied")
        assert confirmed.status == "confirmed" and confirmed.confirmed_at
        later = dt.datetime.now(dt.UTC) + dt.timedelta(days=30)
        escalated = escalate_overdue(control, actor="tester", now=later)
        assert {n.recipient for n in escalated} == expected - {MAILER}
        assert escalate_overdue(control, actor="tester", now=later) == []

        # The person's access export lists who was told and when.
        access = rights_access(loaded, control, identity, tmp_path / "out")
        with zipfile.ZipFile(access) as z:
            data = json.loads(z.read("recipients.json"))
        assert {n["recipient"] for n in data["notifications"]} == expected
        assert all(n["created_at"] for n in data["notifications"])
        actions = [e.action for e in AuditLog(control).entries()]
        for step in (
            "recipients.notifications_created",
            "recipients.notification_sent",
            "recipients.notification_confirmed",
            "recipients.notification_escalated",
        ):
            assert step in actions
    finally:
        control.dispose()


def rights_access(loaded: Any, control: sa.Engine, identity: Any, out: Path) -> Path:
    with RightsService(loaded, control) as rights:
        return rights.access([identity], out).export


def test_rectification_and_restriction_tell_recipients(
    setup: tuple[Path, str, str], tmp_path: Path
) -> None:
    manifest_path, url, control_url = setup
    loaded = load_manifest(manifest_path)
    identity = parse_identity(f"email={anna(url)}")
    control = open_control(control_url)
    try:
        from kept.execution.rectify import Change

        with RightsService(loaded, control) as rights:
            rights.rectify(
                [identity],
                [Change("vivibit", "accounts", "full_name", "Anna Schmidt-Berg")],
                request_id="req_fix",
            )
            rights.restrict(
                [identity],
                purposes=["marketing_email"],
                reason="accuracy contested",
                request_id="req_stop",
            )
        fix = told(control, request_id="req_fix")
        stop = told(control, request_id="req_stop")
        assert fix and all(n.action == "rectification" for n in fix)
        assert stop and all(n.action == "restriction" for n in stop)
        # Only the table that changed: recipients of account data, not the ad pixel partner.
        assert "Advertising partners (ad pixels)" not in {n.recipient for n in fix}
    finally:
        control.dispose()


def test_cli_recipients(setup: tuple[Path, str, str]) -> None:
    manifest_path, url, control_url = setup
    loaded = load_manifest(manifest_path)
    control = open_control(control_url)
    try:
        with RightsService(loaded, control) as rights:
            rights.erase({"req_cli": [parse_identity(f"email={anna(url)}")]})
    finally:
        control.dispose()
    _register()
    runner = CliRunner()
    base = ["-m", str(manifest_path), "--database", control_url]
    result = runner.invoke(app, ["recipients", "list", *base, "--json"])
    assert result.exit_code == 0, result.output
    items = json.loads(result.stdout)
    manual = next(i for i in items if i["method"] == "manual")
    result = runner.invoke(app, ["recipients", "confirm", manual["id"], *base, "--note", "phoned"])
    assert result.exit_code == 0, result.output
    assert "confirmed" in result.stdout
    result = runner.invoke(app, ["recipients", "confirm", manual["id"], *base])
    assert result.exit_code == 1
    assert "already confirmed" in result.output
    result = runner.invoke(app, ["recipients", "list", *base, "--status", "confirmed", "--json"])
    assert [i["id"] for i in json.loads(result.stdout)] == [manual["id"]]
    result = runner.invoke(app, ["recipients", "escalate", *base])
    assert result.exit_code == 0  # nothing is overdue yet
