"""Consent over HTTP and e-mail: one-click unsubscribe, GPC, the banner endpoints, messages
delivered to a real SMTP server, and the ``kept consent`` commands."""

from __future__ import annotations

import email
import json
import socket
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from aiosmtpd.controller import Controller
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from kept.api import create_app
from kept.api.routes.consent import consent_service
from kept.apikey import issue_key
from kept.cli import _register, app
from kept.consent import ONE_CLICK, ConsentService, compose_message, deliver, unsubscribe_url
from kept.consent.ledger import consent_ledger
from kept.consent.messages import sign_token, verify_token
from kept.control import open_control
from kept.errors import ConsentError
from kept.examples import create_example
from kept.mail import OutboxMailer, SmtpMailer
from kept.manifest import load_manifest

ADA = "email=ada@example.com"


@pytest.fixture(scope="module")
def manifest(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return create_example("vivibit", tmp_path_factory.mktemp("vivibit"), people=12).manifest


@pytest.fixture
def client(manifest: Path, tmp_path: Path) -> Iterator[TestClient]:
    application = create_app(manifest, database_url=f"sqlite:///{tmp_path / 'kept.db'}")
    with TestClient(application, raise_server_exceptions=False) as test_client:
        yield test_client


def engine_of(client: TestClient) -> sa.Engine:
    engine: sa.Engine = client.app.state.kept.control  # type: ignore[attr-defined]
    return engine


def consents_of(client: TestClient) -> ConsentService:
    return consent_service(client.app)  # type: ignore[arg-type]


def key(client: TestClient, role: str = "privacy_officer") -> dict[str, str]:
    _, text = issue_key(engine_of(client), name="desk", role=role)
    return {"Authorization": f"Bearer {text}"}


def ledger_rows(client: TestClient) -> list[dict[str, Any]]:
    with engine_of(client).connect() as conn:
        return [dict(r) for r in conn.execute(sa.select(consent_ledger)).mappings()]


# ----------------------------------------------------------------------------- messages


def test_vivibit_opt_out_stops_marketing_but_not_password_reset(client: TestClient) -> None:
    consents = consents_of(client)
    consents.grant(ADA, "marketing_email", source="form")
    kw: dict[str, Any] = {"subject": ADA, "to": "ada@example.com", "sender": "news@vivibit.example"}
    news = compose_message(consents, "newsletter", title="New racks", text="Hello", **kw)
    assert news.sendable and news.message is not None
    assert news.message["List-Unsubscribe-Post"] == ONE_CLICK
    url = news.unsubscribe_url
    assert url is not None and url.startswith("https://privacy.vivibit.example/unsubscribe/")
    assert news.message["List-Unsubscribe"] == f"<{url}>"
    assert url in news.message.get_content()
    payload = _unb64(url.rsplit("/", 1)[1].split(".")[0])
    assert b"ada@" not in payload  # the token carries the keyed reference, not the address
    consents.withdraw(ADA, "marketing_email", source="unsubscribe")
    blocked = compose_message(consents, "promotions", title="Sale", text="Buy", **kw)
    assert not blocked.sendable and blocked.decision.code == "consent_withdrawn"
    reset = compose_message(consents, "password_reset", title="Reset", text="Link", **kw)
    assert reset.sendable and reset.message is not None
    assert reset.decision.code == "service_message"
    assert reset.message["List-Unsubscribe"] is None
    with pytest.raises(ConsentError, match="unknown message class"):
        compose_message(consents, "spam", title="x", text="y", **kw)


class _Sink:
    def __init__(self) -> None:
        self.received: list[bytes] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.received.append(envelope.content)
        return "250 OK"


@pytest.fixture
def smtp_server() -> Iterator[tuple[int, _Sink]]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    sink = _Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    yield port, sink
    controller.stop()


def test_marketing_mail_through_smtp_then_one_click(
    client: TestClient, smtp_server: tuple[int, _Sink]
) -> None:
    port, sink = smtp_server
    consents = consents_of(client)
    consents.grant(ADA, "marketing_email", source="form")
    composed = compose_message(
        consents,
        "newsletter",
        subject=ADA,
        to="ada@example.com",
        sender="news@vivibit.example",
        title="Spring news",
        text="Our new NAS.",
    )
    assert composed.message is not None
    assert deliver(composed, SmtpMailer(f"smtp://127.0.0.1:{port}"))
    (raw,) = sink.received
    assert b"=?utf-8?" not in raw  # the URL header is not mangled into encoded words
    delivered = email.message_from_bytes(raw)
    assert delivered["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = delivered["List-Unsubscribe"].strip("<>")
    # The mailbox provider's one-click POST: no cookie, no key, body per RFC 8058.
    path = link.removeprefix("https://privacy.vivibit.example")
    answer = client.post(
        path,
        content=ONE_CLICK,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        follow_redirects=False,
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["changed"] is True
    assert "set-cookie" not in answer.headers
    assert not consents.may_process(ADA, "marketing_email").allowed


def test_marketing_goes_to_the_outbox_only_when_allowed(client: TestClient, tmp_path: Path) -> None:
    consents = consents_of(client)
    outbox = OutboxMailer(tmp_path / "outbox")
    kw: dict[str, Any] = {"subject": ADA, "to": "ada@example.com", "sender": "news@x.example"}
    refused = compose_message(consents, "newsletter", title="News", text="Hi", **kw)
    assert not deliver(refused, outbox) and outbox.messages() == []
    consents.grant(ADA, "marketing_email", source="form")
    allowed = compose_message(consents, "newsletter", title="News", text="Hi", **kw)
    assert deliver(allowed, outbox)
    (written,) = outbox.messages()
    delivered = email.message_from_bytes(written.read_bytes())
    assert delivered["List-Unsubscribe"] == f"<{allowed.unsubscribe_url}>"
    assert delivered["List-Unsubscribe-Post"] == ONE_CLICK


def test_one_click_unsubscribe_is_idempotent_and_refuses_forgeries(client: TestClient) -> None:
    consents = consents_of(client)
    consents.grant(ADA, "marketing_email", source="form")
    url = unsubscribe_url(consents, ADA, "newsletter", public_url="https://x.example")
    path = url.removeprefix("https://x.example")
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    page = client.get(path)
    assert page.status_code == 200 and "Unsubscribe" in page.text
    assert consents.may_process(ADA, "marketing_email").allowed  # a GET changes nothing
    first = client.post(path, content=ONE_CLICK, headers=form, follow_redirects=False)
    assert first.status_code == 200 and first.json()["changed"] is True
    again = client.post(path, content=ONE_CLICK, headers=form, follow_redirects=False)
    assert again.status_code == 200 and again.json()["changed"] is False
    withdrawn = [r for r in ledger_rows(client) if r["state"] == "withdrawn"]
    assert len(withdrawn) == 1
    assert withdrawn[0]["source"] == "unsubscribe"
    assert json.loads(withdrawn[0]["evidence"])["message_class"] == "newsletter"
    token = path.rsplit("/", 1)[1]
    body, _, signature = token.partition(".")
    tampered_sig = signature[:-2] + ("AA" if signature[-2:] != "AA" else "BB")
    payload = json.loads(_unb64(body))
    payload[3] = "advertising"
    forged_body = _b64(json.dumps(payload, separators=(",", ":")).encode())
    for bad in (f"{body}.{tampered_sig}", f"{forged_body}.{signature}", "garbage", body):
        refused = client.post(f"/unsubscribe/{bad}", content=ONE_CLICK, headers=form)
        assert refused.status_code == 400, bad
        assert refused.json()["code"] == "token_invalid"
    multipart = (
        '--b\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\n'
        "One-Click\r\n--b--\r\n"
    )
    rfc_example = client.post(
        path, content=multipart, headers={"Content-Type": "multipart/form-data; boundary=b"}
    )
    assert rfc_example.status_code == 200 and rfc_example.json()["changed"] is False
    missing = client.post(path, content="", headers=form)
    assert missing.status_code == 400 and missing.json()["code"] == "one_click_missing"
    assert len(ledger_rows(client)) == 2  # the grant and one withdrawal: nothing else


def _b64(data: bytes) -> str:
    import base64

    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    import base64

    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def test_tokens_under_another_key_do_not_verify() -> None:
    from kept.consent import UnsubscribeToken

    token = sign_token(b"k1", UnsubscribeToken("a" * 64, "email", "news", "newsletter", 1))
    assert verify_token(b"k1", token).purpose == "news"
    with pytest.raises(ConsentError, match="not valid"):
        verify_token(b"k2", token)


def test_unsubscribe_urls_must_be_https(client: TestClient) -> None:
    consents = consents_of(client)
    with pytest.raises(ConsentError, match="https"):
        unsubscribe_url(consents, ADA, "newsletter", public_url="http://privacy.example")
    with pytest.raises(ConsentError, match="not marketing"):
        unsubscribe_url(consents, ADA, "password_reset")


# ----------------------------------------------------------------------------- GPC and banner


def test_gpc_json_is_served(client: TestClient) -> None:
    answer = client.get("/.well-known/gpc.json")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("application/json")
    assert answer.json() == {"gpc": True, "lastUpdate": "2026-03-16"}


def test_sec_gpc_header_records_the_do_not_sell_opt_out(client: TestClient) -> None:
    headers = key(client)
    consents_of(client).grant(ADA, "advertising", source="banner")
    query = {"subject": ADA, "purpose": "advertising"}
    plain = client.get("/api/v1/consent/decision", params=query, headers=headers)
    assert plain.status_code == 200 and plain.json()["allowed"] is True
    signalled = client.get(
        "/api/v1/consent/decision", params=query, headers={**headers, "Sec-GPC": "1"}
    )
    assert signalled.json()["allowed"] is False and signalled.json()["gpc"] is True
    after = client.get("/api/v1/consent/decision", params=query, headers=headers).json()
    assert after["allowed"] is False and after["code"] == "opted_out"
    (opt,) = [r for r in ledger_rows(client) if r["topic_kind"] == "opt_out"]
    assert (opt["topic"], opt["source"]) == ("do_not_sell_or_share", "gpc")
    client.get("/api/v1/consent/decision", params=query, headers={**headers, "Sec-GPC": "1"})
    assert len([r for r in ledger_rows(client) if r["topic_kind"] == "opt_out"]) == 1
    other = {"subject": "email=ben@example.com", "purpose": "advertising"}
    dnt = client.get("/api/v1/consent/decision", params=other, headers={**headers, "DNT": "1"})
    assert dnt.json()["gpc"] is False  # VIVIBIT does not treat Do Not Track as an opt-out


def test_consent_endpoints(client: TestClient) -> None:
    headers = key(client)
    body = {"subject": ADA, "purpose": "marketing_email", "source": "form"}
    assert client.post("/api/v1/consent/grant", json=body).status_code == 401
    granted = client.post("/api/v1/consent/grant", json=body, headers=headers)
    assert granted.status_code == 200 and granted.json()["recorded"] is True
    assert client.post("/api/v1/consent/grant", json=body, headers=headers).json() == {
        "recorded": False,
        "entry": None,
    }
    decision = client.get(
        "/api/v1/consent/decision",
        params={"subject": ADA, "purpose": "marketing_email"},
        headers=headers,
    ).json()
    assert decision["allowed"] is True and decision["code"] == "consent_given"
    withdrawn = client.post("/api/v1/consent/withdraw", json=body, headers=headers)
    assert withdrawn.json()["entry"]["state"] == "withdrawn"
    opt = {"subject": ADA, "opt_out": "do_not_sell_or_share"}
    assert client.post("/api/v1/consent/opt-out", json=opt, headers=headers).json()["recorded"]
    assert client.post("/api/v1/consent/opt-in", json=opt, headers=headers).json()["recorded"]
    person = client.get(f"/api/v1/consent/subjects/{ADA}", headers=headers).json()
    assert [e["state"] for e in person["ledger"]] == [
        "granted",
        "withdrawn",
        "opted_out",
        "opted_in",
    ]
    assert person["current"]["opt_outs"] == {"do_not_sell_or_share": "opted_in"}
    unknown = client.post(
        "/api/v1/consent/grant", json={**body, "purpose": "nope"}, headers=headers
    )
    assert unknown.status_code == 400 and unknown.json()["code"] == "consent_invalid"


def test_decisions_in_a_batch(client: TestClient) -> None:
    headers = key(client, "support_agent")
    consents_of(client).grant(ADA, "marketing_email", source="form")
    audience = [
        {"subject": ADA, "purpose": "marketing_email"},
        {"subject": "email=ben@example.com", "purpose": "marketing_email"},
        {"subject": "email=ben@example.com", "purpose": "marketing_email", "jurisdiction": "us"},
    ]
    answer = client.post("/api/v1/consent/decisions", json={"decisions": audience}, headers=headers)
    assert answer.status_code == 200, answer.text
    codes = [d["code"] for d in answer.json()["decisions"]]
    assert codes == ["consent_given", "no_consent", "marketing_opt_out_rule"]
    too_many = {"decisions": audience * 400}
    refused = client.post("/api/v1/consent/decisions", json=too_many, headers=headers)
    assert refused.status_code == 422


def test_banner_endpoints(client: TestClient) -> None:
    script = client.get("/consent/banner.js")
    assert script.status_code == 200
    assert script.headers["content-type"].startswith("text/javascript")
    assert "http://testserver/consent/banner/choice" in script.text
    assert "__KEPT_CONFIG__" not in script.text
    config = client.get("/consent/banner/config").json()
    assert config["gpc"] is True and config["version"] == "2026-03-16"
    choice = {
        "visitor": "b" * 32,
        "version": config["version"],
        "config_hash": config["config_hash"],
        "choices": {"analytics": True, "marketing": True},
    }
    recorded = client.post(
        "/consent/banner/choice",
        content=json.dumps(choice),
        headers={"Content-Type": "text/plain", "Origin": "https://www.vivibit.example"},
    )
    assert recorded.status_code == 200, recorded.text
    assert recorded.headers["access-control-allow-origin"] == "*"
    assert "set-cookie" not in recorded.headers
    assert recorded.json()["recorded"] == 2  # web_analytics and advertising: consent-based
    with_gpc = client.post(
        "/consent/banner/choice",
        content=json.dumps({**choice, "visitor": "c" * 32}),
        headers={"Content-Type": "text/plain", "Sec-GPC": "1"},
    ).json()
    assert with_gpc["gpc"] is True
    consents = consents_of(client)
    assert consents.may_process(f"cookie_id={'b' * 32}", "advertising").allowed
    assert {e.topic for e in consents.history(f"cookie_id={'b' * 32}")} == {
        "web_analytics",
        "advertising",
    }
    blocked = consents.may_process(f"cookie_id={'c' * 32}", "advertising")
    assert blocked.code == "opted_out"
    bad = client.post("/consent/banner/choice", content="{", headers={"Content-Type": "text/plain"})
    assert bad.status_code == 422
    preflight = client.options("/consent/banner/choice")
    assert preflight.status_code == 204


# ----------------------------------------------------------------------------- CLI


def test_the_consent_commands(manifest: Path, tmp_path: Path) -> None:
    _register()
    runner = CliRunner()
    db = ["-m", str(manifest), "--database", f"sqlite:///{tmp_path / 'kept.db'}"]
    who = ["-i", ADA]

    def run(*args: str) -> Any:
        result = runner.invoke(app, ["consent", *args, *db])
        return result

    granted = run("grant", *who, "-p", "marketing_email", "--source", "phone", "--json")
    assert granted.exit_code == 0, granted.output
    assert json.loads(granted.output)["entry"]["source"] == "phone"
    assert "already in force" in run("grant", *who, "-p", "marketing_email").output
    decided = run("decide", *who, "-p", "marketing_email")
    assert decided.exit_code == 0 and "allowed" in decided.output
    withdrawn = run("withdraw", *who, "-p", "marketing_email", "--source", "dpo_email")
    assert withdrawn.exit_code == 0 and "withdrawn" in withdrawn.output
    assert run("decide", *who, "-p", "marketing_email").exit_code == 1
    opted = run("opt-out", *who, "--opt-out", "do_not_sell_or_share", "--evidence", "letter")
    assert opted.exit_code == 0, opted.output
    shown = run("show", *who)
    assert shown.exit_code == 0 and "opt-out do_not_sell_or_share: opted_out" in shown.output
    out = tmp_path / "ada-consent.json"
    exported = run("export", *who, "-o", str(out))
    assert exported.exit_code == 0, exported.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [e["source"] for e in data["ledger"]] == ["phone", "dpo_email", "cli"]
    assert data["ledger"][2]["evidence"] == {"note": "letter"}
    verified = run("verify")
    assert verified.exit_code == 0 and "3 records verified" in verified.output
    gaps = runner.invoke(app, ["consent", "check", "-m", str(manifest), "--json"])
    assert gaps.exit_code == 0, gaps.output
    assert json.loads(gaps.output) == {"ok": True, "findings": []}
    bad = run("grant", *who, "-p", "nope")
    assert bad.exit_code == 2 and "unknown purpose" in bad.output


def test_messages_are_email_messages(manifest: Path, tmp_path: Path) -> None:
    engine = open_control(f"sqlite:///{tmp_path / 'kept.db'}")
    try:
        consents = ConsentService(load_manifest(manifest).manifest, engine)
        composed = compose_message(
            consents,
            "order_confirmation",
            subject=ADA,
            to="ada@example.com",
            sender="shop@vivibit.example",
            title="Your order",
            text="Shipped.",
        )
        assert isinstance(composed.message, EmailMessage)
        assert composed.message["Message-ID"].endswith("@vivibit.example>")
    finally:
        engine.dispose()


def test_importing_the_consents_a_company_holds(manifest: Path, tmp_path: Path) -> None:
    _register()
    runner = CliRunner()
    db = ["-m", str(manifest), "--database", f"sqlite:///{tmp_path / 'kept.db'}"]
    audience = tmp_path / "audience.csv"
    audience.write_text(
        "subject,purpose,opt_out,state,source,given_at,evidence\n"
        "email=ada@example.com,marketing_email,,granted,form,2025-11-02T10:00:00Z,signup form\n"
        "email=ben@example.com,marketing_email,,withdrawn,dpo_email,2026-01-05,letter\n"
        "email=ben@example.com,,do_not_sell_or_share,opted_out,,,\n",
        encoding="utf-8",
    )
    done = runner.invoke(app, ["consent", "import", str(audience), *db, "--json"])
    assert done.exit_code == 0, done.output
    assert json.loads(done.output) == {"lines": 3, "recorded": 3, "unchanged": 0}
    again = runner.invoke(app, ["consent", "import", str(audience), *db])
    assert "3 lines: 0 recorded, 3 already in force" in again.output
    exported = runner.invoke(app, ["consent", "export", "-i", ADA, *db])
    (record,) = json.loads(exported.output)["ledger"]
    assert record["source"] == "form"
    assert record["evidence"] == {
        "file": "audience.csv",
        "line": 2,
        "given_at": "2025-11-02T10:00:00Z",
        "evidence": "signup form",
    }
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "subject,purpose,state\nemail=c@example.com,marketing_email,granted\n"
        "email=d@example.com,marketing_email,opted_out\n",
        encoding="utf-8",
    )
    refused = runner.invoke(app, ["consent", "import", str(bad), *db])
    assert refused.exit_code == 2
    assert "bad.csv:3: a purpose is granted or withdrawn, not 'opted_out'" in refused.output
    nothing = runner.invoke(app, ["consent", "show", "-i", "email=c@example.com", *db])
    assert "no consent records" in nothing.output  # nothing was written
