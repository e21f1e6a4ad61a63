"""The privacy center and the console over HTTP, without a browser: every page answers, the
forms do what the JSON API does, and the rules hold (tokens, codes, CSRF, roles, tenants).

vivibit (consent purposes, a marketing newsletter, a do-not-sell opt-out) on SQLite; the
requests' code is read from the outbox, as a person reads it from their mail.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from email import message_from_bytes
from pathlib import Path

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from kept.api import create_app
from kept.api.html.queue import queue_page
from kept.api.routes.consent import consent_service
from kept.apikey import issue_key
from kept.consent import unsubscribe_url
from kept.consent.ledger import consent_ledger
from kept.examples import create_example
from kept.requests import Kind, Lifecycle, Worker
from kept.requests.tables import requests as requests_table
from kept.web.i18n import pick_language
from kept.web.words import plain

ADA = "ada@example.com"


@pytest.fixture(scope="module")
def manifest(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return create_example("vivibit", tmp_path_factory.mktemp("vivibit"), people=12).manifest


@pytest.fixture
def client(manifest: Path, tmp_path: Path) -> Iterator[TestClient]:
    application = create_app(manifest, database_url=f"sqlite:///{tmp_path / 'kept.db'}")
    context = application.state.kept
    application.state.lifecycle = Lifecycle(context.control, context.loaded, review=[Kind.ERASURE])
    with TestClient(application, base_url="https://testserver") as test_client:
        yield test_client


def lifecycle_of(client: TestClient) -> Lifecycle:
    lifecycle: Lifecycle = client.app.state.lifecycle  # type: ignore[attr-defined]
    return lifecycle


def last_code(client: TestClient, address: str) -> str:
    outbox = Path(str(lifecycle_of(client).control.url.database)).parent / "outbox"
    for path in sorted(outbox.glob("*.eml"), key=lambda p: p.stat().st_mtime_ns, reverse=True):
        message = message_from_bytes(path.read_bytes())
        found = re.search(r"code is: (\d{6})", str(message.get_payload()))
        if message["To"] == address and found:
            return found.group(1)
    raise AssertionError(f"no code for {address} in {outbox}")


def submit(client: TestClient, kind: str, email: str = ADA) -> str:
    answer = client.post(
        "/privacy/request", data={"kind": kind, "email": email}, follow_redirects=False
    )
    assert answer.status_code == 303, answer.text
    found = re.fullmatch(r"/privacy/requests/(req_[0-9a-f]{16})/verify", answer.headers["location"])
    assert found
    return found.group(1)


def verify(client: TestClient, request_id: str, email: str = ADA) -> None:
    answer = client.post(
        f"/privacy/requests/{request_id}/verify",
        data={"code": last_code(client, email)},
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text
    assert answer.headers["location"] == f"/privacy/requests/{request_id}"


def staff(client: TestClient, role: str = "privacy_officer", tenant: str | None = None) -> str:
    """Sign ``client`` in to the console; return the session's CSRF token."""
    _, key = issue_key(lifecycle_of(client).control, name=f"{role} desk", role=role, tenant=tenant)
    answer = client.post("/console/sign-in", data={"key": key}, follow_redirects=False)
    assert answer.status_code == 303
    cookie = answer.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Secure" in cookie
    page = client.get("/console")
    found = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert found
    return found.group(1)


# ------------------------------------------------------------------------- the notice


def test_notice_is_in_plain_words_with_a_strict_policy(client: TestClient) -> None:
    page = client.get("/privacy")
    assert page.status_code == 200
    csp = page.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src" not in csp
    assert "<script" not in page.text
    text = page.text
    assert "Newsletter" in text or "marketing" in text.lower()
    assert re.search(r"\buser\.[a-z_]+\.", text) is None, "a taxonomy key is shown"
    assert re.search(r"\bVIV-\d+", text) is None, "a promise id is shown"
    assert "legitimate interests" in text and "Right of access" in text
    assert 'href="/privacy/request"' in text
    assert 'src="http' not in text and 'href="http' not in text.replace('href="https://', "")


def test_norwegian_by_accept_language(client: TestClient) -> None:
    page = client.get("/privacy", headers={"Accept-Language": "nb-NO,nb;q=0.9,en;q=0.5"})
    assert '<html lang="nb">' in page.text and "Personvernerklæring" in page.text
    assert '<html lang="en">' in client.get("/privacy").text
    assert pick_language("en-GB,en;q=0.9,no;q=0.8") == "en"
    assert pick_language("da, no;q=0.8") == "nb"


def test_promise_ids_leave_the_words() -> None:
    assert plain("kept three years (VIV-18); then deleted") == "kept three years; then deleted"
    assert plain("(VCP-06, VCP-27: for nothing else)") == "(for nothing else)"


# ------------------------------------------------------------------------- requests


def customer(manifest: Path) -> str:
    """The address of vivibit's first customer in its sample store."""
    engine = sa.create_engine(f"sqlite:///{manifest.parent / 'vivibit.sqlite'}")
    try:
        with engine.connect() as conn:
            query = "SELECT email FROM accounts WHERE email IS NOT NULL ORDER BY id"
            return str(conn.exec_driver_sql(query).scalar())
    finally:
        engine.dispose()


def test_access_request_from_form_to_download(client: TestClient, manifest: Path) -> None:
    person = customer(manifest)
    request_id = submit(client, "access", person)
    assert client.get(f"/privacy/requests/{request_id}").url.path.endswith("/verify")
    wrong = client.post(f"/privacy/requests/{request_id}/verify", data={"code": "000000"})
    assert wrong.status_code == 400 and 'role="alert"' in wrong.text
    verify(client, request_id, person)
    Worker(lifecycle_of(client)).run(until_empty=True)
    status = client.get(f"/privacy/requests/{request_id}")
    assert "completed" in status.text and f"/privacy/requests/{request_id}/export" in status.text
    download = client.get(f"/privacy/requests/{request_id}/export")
    link = re.search(r'href="(/api/v1/exports/[^"]+)"', download.text)
    assert link
    archive = client.get(link.group(1).replace("&amp;", "&"))
    assert archive.status_code == 200 and archive.content[:2] == b"PK"
    with zipfile.ZipFile(io.BytesIO(archive.content)) as exported:
        summary = exported.read("summary.html").decode()
    assert "What we hold about you, and why" in summary and "Legal basis" in summary
    assert re.search(r"\buser\.[a-z_]+", summary) is None, "a taxonomy key is shown"
    assert re.search(r"\bVIV-\d+", summary) is None, "a promise id is shown"
    assert "Art. 15" in summary and "data/" in summary


def test_a_request_page_needs_its_own_cookie(client: TestClient, manifest: Path) -> None:
    request_id = submit(client, "erasure")
    client.cookies.clear()
    assert client.get(f"/privacy/requests/{request_id}").status_code == 404
    assert (
        client.post(f"/privacy/requests/{request_id}/verify", data={"code": "1"}).status_code == 404
    )


def test_every_granted_right_can_be_asked(client: TestClient) -> None:
    form = client.get("/privacy/request").text
    for kind in ("access", "erasure", "rectification", "restriction", "objection"):
        assert f'value="{kind}"' in form
    restriction = client.post(
        "/privacy/request",
        data={"kind": "objection", "email": ADA, "purpose": "marketing_email"},
        follow_redirects=False,
    )
    assert restriction.status_code == 303
    bad = client.post("/privacy/request", data={"kind": "sell_my_soul", "email": ADA})
    assert bad.status_code == 400


def test_a_tenant_s_privacy_center_files_for_the_tenant(client: TestClient) -> None:
    notice = client.get("/privacy?tenant=shop-7").text
    assert 'href="/privacy/request?tenant=shop-7"' in notice and "shop-7" in notice
    form = client.get("/privacy/request?tenant=shop-7").text
    assert 'name="tenant" value="shop-7"' in form
    answer = client.post(
        "/privacy/request",
        data={"kind": "access", "email": ADA, "tenant": "shop-7"},
        follow_redirects=False,
    )
    request_id = answer.headers["location"].split("/")[3]
    assert lifecycle_of(client).get(request_id).tenant == "shop-7"


# ------------------------------------------------------------------------- preferences


def test_preferences_change_in_place_with_source_privacy_center(client: TestClient) -> None:
    assert "Send me a code" in client.get("/privacy/preferences").text
    sent = client.post("/privacy/preferences/sign-in", data={"email": ADA}, follow_redirects=False)
    assert sent.status_code == 303
    wrong = client.post("/privacy/preferences/verify", data={"code": "000000"})
    assert wrong.status_code == 400
    ok = client.post(
        "/privacy/preferences/verify", data={"code": last_code(client, ADA)}, follow_redirects=False
    )
    assert ok.status_code == 303
    page = client.get("/privacy/preferences").text
    csrf = re.search(r'name="csrf" value="([^"]+)"', page)
    assert csrf and 'name="purpose:marketing_email"' in page
    assert 'name="opt_out:do_not_sell_or_share"' in page
    forged = client.post("/privacy/preferences", data={"csrf": "x", "purpose:marketing_email": "1"})
    assert forged.status_code == 403
    saved = client.post(
        "/privacy/preferences",
        data={
            "csrf": csrf.group(1),
            "purpose:marketing_email": "1",
            "opt_out:do_not_sell_or_share": "1",
        },
        follow_redirects=False,
    )
    assert saved.headers["location"] == "/privacy/preferences?saved=1"
    consents = consent_service(client.app)  # type: ignore[arg-type]
    assert consents.may_process(f"email={ADA}", "marketing_email").allowed
    with lifecycle_of(client).control.connect() as conn:
        sources = conn.execute(sa.select(consent_ledger.c.source, consent_ledger.c.topic)).all()
    assert ("privacy_center", "marketing_email") in sources
    assert ("privacy_center", "do_not_sell_or_share") in sources


def test_unsubscribe_landing_page_is_a_page(client: TestClient) -> None:
    consents = consent_service(client.app)  # type: ignore[arg-type]
    consents.grant(f"email={ADA}", "marketing_email", source="form")
    url = unsubscribe_url(consents, f"email={ADA}", "newsletter", public_url="https://x.example")
    path = url.removeprefix("https://x.example")
    page = client.get(path)
    assert page.status_code == 200 and "Newsletter" in page.text and "<form" in page.text
    done = client.post(
        path, data={"List-Unsubscribe": "One-Click"}, headers={"Accept": "text/html"}
    )
    assert done.status_code == 200 and "You are unsubscribed" in done.text
    assert not consents.may_process(f"email={ADA}", "marketing_email").allowed
    machine = client.post(
        path,
        content="List-Unsubscribe=One-Click",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert machine.json()["unsubscribed"] is True


# ------------------------------------------------------------------------- the console


def test_console_needs_a_valid_key(client: TestClient) -> None:
    assert client.get("/console", follow_redirects=False).headers["location"] == "/console/sign-in"
    bad = client.post("/console/sign-in", data={"key": "kept_nope_nope"})
    assert bad.status_code == 401


def test_officer_reviews_the_dry_run_and_approves(client: TestClient) -> None:
    request_id = submit(client, "erasure")
    verify(client, request_id)
    csrf = staff(client)
    queue = client.get("/console").text
    assert request_id in queue
    dry = client.get(f"/console/requests/{request_id}/dry-run")
    assert dry.status_code == 200 and "Nothing was changed" in dry.text
    no_csrf = client.post(f"/console/requests/{request_id}/approve", data={})
    assert no_csrf.status_code == 403
    plan = re.search(r'name="plan" value="([0-9a-f]+)"', dry.text)
    assert plan
    stale = client.post(
        f"/console/requests/{request_id}/approve", data={"csrf": csrf, "plan": "0" * 24}
    )
    assert stale.status_code == 409 and "review the dry run again" in stale.text
    assert lifecycle_of(client).get(request_id).state.value == "identity_verified"
    approved = client.post(
        f"/console/requests/{request_id}/approve",
        data={"csrf": csrf, "plan": plan.group(1)},
        follow_redirects=False,
    )
    assert approved.status_code == 303
    Worker(lifecycle_of(client)).run(until_empty=True)
    page = client.get(f"/console/requests/{request_id}").text
    assert "completed" in page and "request.erasure" in page
    actions = [r["actor"] for r in lifecycle_of(client).receipts(request_id)]
    assert any(a.startswith("apikey:") for a in actions)
    assert "request.erasure.plan_approved" in page


def test_support_agent_reads_but_cannot_approve(client: TestClient) -> None:
    request_id = submit(client, "erasure")
    verify(client, request_id)
    csrf = staff(client, "support_agent")
    page = client.get(f"/console/requests/{request_id}").text
    assert "/approve" not in page
    refused = client.post(f"/console/requests/{request_id}/approve", data={"csrf": csrf})
    assert refused.status_code == 403
    assert lifecycle_of(client).get(request_id).state.value == "identity_verified"


def test_tenant_admin_sees_only_their_tenant(client: TestClient) -> None:
    life = lifecycle_of(client)
    from kept.execution.identity import Identity

    mine = life.submit(
        "access", [Identity("email", ADA)], tenant="t1", actor="t", verified=True
    ).record.id
    theirs = life.submit(
        "access", [Identity("email", ADA)], tenant="t2", actor="t", verified=True
    ).record.id
    staff(client, "tenant_admin", tenant="t1")
    queue = client.get("/console?state=&tenant=t2").text
    assert mine in queue and theirs not in queue
    assert client.get(f"/console/requests/{theirs}").status_code == 404
    assert client.get("/console/consent").status_code == 403


def test_queue_pages_by_keyset(client: TestClient) -> None:
    life = lifecycle_of(client)
    from kept.execution.identity import Identity

    ids = {
        life.submit(
            "access", [Identity("email", f"p{i}@example.com")], actor="t", verified=True
        ).record.id
        for i in range(7)
    }
    with life.control.begin() as conn:  # requests without a due date come last
        undated = requests_table.c.id.in_(sorted(ids)[:3])
        conn.execute(requests_table.update().where(undated).values(due_on=None))
    seen: list[str] = []
    after = None
    while True:
        page = queue_page(life.control, life.organization, state="", after=after, limit=3)
        seen += [r.id for r in page.records]
        if page.after is None:
            break
        after = page.after
    assert set(seen) >= ids and len(seen) == len(set(seen))


def test_console_pages_answer(client: TestClient) -> None:
    staff(client)
    for path in (
        "/console/retention",
        "/console/consent?subject=email%3Dada%40example.com",
        "/console/check",
        "/console/audit",
    ):
        page = client.get(path)
        assert page.status_code == 200, path
        assert "<main" in page.text
    assert "intact" in client.get("/console/audit").text


def test_api_docs_work_offline(client: TestClient) -> None:
    for path, asset in (("/docs", "swagger-ui-bundle.js"), ("/redoc", "redoc.standalone.js")):
        page = client.get(path).text
        assert "/static/vendor/" in page and asset in page
        assert "cdn.jsdelivr.net" not in page and "fonts.googleapis" not in page
        found = re.search(r'src="(/static/vendor/[^"]+)"', page)
        assert found and client.get(found.group(1)).status_code == 200
