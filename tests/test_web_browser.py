"""The privacy center and the console in a real headless Chromium (Debian's, driven by
Playwright), the way a person and the privacy team use them.

Every flow runs twice: with JavaScript disabled (the pages are plain HTML forms and must work
so), and with JavaScript on, where axe-core (vendored in ``tests/vendor/axe-core``, injected
past the pages' CSP) checks each page for serious or critical WCAG 2.2 A/AA violations and
each page is photographed at desktop and phone width into ``build/ui/`` (git-ignored; see
``docs/ui.md``). The browser may reach Kept's own address only.

Without a Chromium these tests skip with the reason, except with ``CI=true``, where they fail.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from email import message_from_bytes
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
import uvicorn

from kept.api import create_app
from kept.api.routes.consent import consent_service
from kept.apikey import issue_key
from kept.consent import unsubscribe_url
from kept.examples import create_example
from kept.execution.identity import Identity
from kept.requests import Kind, Lifecycle, Worker

pytestmark = pytest.mark.slow

IN_CI = os.environ.get("CI", "").lower() == "true"
CHROMIUM = os.environ.get("KEPT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update"]
AXE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
SHOTS = Path(__file__).resolve().parent.parent / "build" / "ui"
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
EMAIL = "ada@example.com"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        message = f"no Chromium at {CHROMIUM} (apt-get install chromium, or set KEPT_CHROMIUM)"
        if IN_CI:
            pytest.fail(f"{message}; required when CI=true")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield chromium
        chromium.close()


class Kept:
    """Kept under uvicorn in a thread, on a socket bound to port 0."""

    def __init__(self, manifest: Path, database: str) -> None:
        self.manifest = manifest
        self.app = create_app(manifest, database_url=database)
        context = self.app.state.kept
        self.lifecycle = Lifecycle(context.control, context.loaded, review=[Kind.ERASURE])
        self.app.state.lifecycle = self.lifecycle
        self.outbox = Path(database.removeprefix("sqlite:///")).parent / "outbox"
        self.url = ""

    def code(self, address: str) -> str:
        for path in sorted(
            self.outbox.glob("*.eml"), key=lambda p: p.stat().st_mtime_ns, reverse=True
        ):
            message = message_from_bytes(path.read_bytes())
            found = re.search(r"code is: (\d{6})", str(message.get_payload()))
            if message["To"] == address and found:
                return found.group(1)
        raise AssertionError(f"no code for {address}")

    def key(self, role: str, tenant: str | None = None) -> str:
        return issue_key(self.lifecycle.control, name=f"{role} desk", role=role, tenant=tenant)[1]

    def run_jobs(self) -> None:
        Worker(self.lifecycle).run(until_empty=True)


@contextmanager
def serve(manifest: Path, tmp_path: Path) -> Iterator[Kept]:
    kept = Kept(manifest, f"sqlite:///{tmp_path / 'kept.db'}")
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    kept.url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    server = uvicorn.Server(uvicorn.Config(kept.app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the Kept server did not start")
        time.sleep(0.05)
    try:
        yield kept
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.fixture(scope="module")
def manifest(tmp_path_factory: pytest.TempPathFactory) -> Path:
    made = create_example("vivibit", tmp_path_factory.mktemp("vivibit"), people=12).manifest
    # The person of these tests is a customer the store holds (an address that matches nobody
    # ends as no_match, with no export to download).
    engine = sa.create_engine(f"sqlite:///{made.parent / 'vivibit.sqlite'}")
    with engine.begin() as conn:
        conn.execute(
            sa.text("UPDATE accounts SET email = :e WHERE id = (SELECT MIN(id) FROM accounts)"),
            {"e": EMAIL},
        )
    engine.dispose()
    return made


@pytest.fixture
def kept(manifest: Path, tmp_path: Path) -> Iterator[Kept]:
    with serve(manifest, tmp_path) as running:
        yield running


class Visitor:
    """One browser context; with ``js``, every page visited is checked by axe and shot."""

    def __init__(self, browser: Any, kept: Kept, *, js: bool) -> None:
        self.js = js
        self.kept = kept
        self.context = browser.new_context(
            java_script_enabled=js, bypass_csp=js, base_url=kept.url, accept_downloads=True
        )
        self.context.route("**/*", self._only_kept)
        self.page = self.context.new_page()
        self.checked: list[str] = []

    def _only_kept(self, route: Any) -> None:
        if route.request.url.startswith(self.kept.url):
            route.continue_()
        else:
            route.abort()

    def look(self, name: str) -> None:
        """Check the page in view: no error page, and (with JS) axe and the screenshots."""
        page = self.page
        page.wait_for_load_state()  # the page a form redirected to, loaded before it is read
        assert page.locator("main h1").count() == 1, f"{name}: no heading at {page.url}"
        if not self.js:
            return
        page.add_script_tag(content=AXE)
        found = page.evaluate(
            """async (tags) => {
              const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
              return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => v.id + ' ' + v.nodes.map(n => n.target.join(' ')).join(', '));
            }""",
            WCAG,
        )
        assert found == [], f"{name} at {page.url}: {found}"
        self.checked.append(name)
        SHOTS.mkdir(parents=True, exist_ok=True)
        size = page.viewport_size
        for label, (width, height) in WIDTHS.items():
            page.set_viewport_size({"width": width, "height": height})
            page.screenshot(path=str(SHOTS / f"{name}-{label}.png"), full_page=True)
        if size:
            page.set_viewport_size(size)

    def close(self) -> None:
        self.context.close()


@pytest.fixture(params=[False, True], ids=["no-js", "js+axe"])
def visitor(request: pytest.FixtureRequest, browser: Any, kept: Kept) -> Iterator[Visitor]:
    who = Visitor(browser, kept, js=request.param)
    yield who
    who.close()


# ------------------------------------------------------------------------- the person


def test_person_asks_for_a_copy_and_downloads_it(visitor: Visitor, kept: Kept) -> None:
    page = visitor.page
    page.goto("/privacy", wait_until="load")
    visitor.look("center-notice")
    page.get_by_role("link", name="Make a request").first.click()
    visitor.look("center-request")
    page.get_by_label("A copy of your data").check()
    page.get_by_label("Your e-mail address").fill(EMAIL)
    page.get_by_role("button", name="Send the request").click()
    assert re.search(r"/privacy/requests/req_[0-9a-f]{16}/verify$", page.url)
    visitor.look("center-verify")
    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Confirm").click()
    page.get_by_role("alert").first.wait_for()
    assert page.get_by_role("alert").count() == 1
    page.get_by_label("Code").fill(kept.code(EMAIL))
    page.get_by_role("button", name="Confirm").click()
    assert re.search(r"/privacy/requests/req_[0-9a-f]{16}$", page.url)
    kept.run_jobs()
    page.get_by_role("link", name="Refresh").click() if page.get_by_role(
        "link", name="Refresh"
    ).count() else page.reload()
    assert "completed" in page.inner_text("main")
    visitor.look("center-status")
    page.get_by_role("link", name="Download your data").click()
    visitor.look("center-export")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download (ZIP)").click()
    saved = download.value.path()
    assert Path(saved).read_bytes()[:2] == b"PK"


def test_person_asks_for_each_kind(visitor: Visitor, kept: Kept) -> None:
    page = visitor.page
    for label in (
        "Delete your data",
        "Correct your data",
        "Object to a use of your data",
        "Stop using your data for some purposes",
    ):
        page.goto("/privacy/request")
        page.get_by_label(label).check()
        page.get_by_label("Your e-mail address").fill(EMAIL)
        if label == "Correct your data":
            page.get_by_label(re.compile("Fields to correct")).fill("")
        if label.startswith(("Object", "Stop")):
            page.locator('input[name="purpose"][value="marketing_email"]').check()
            page.get_by_label(re.compile("Why")).fill("I do not want it")
        page.get_by_role("button", name="Send the request").click()
        if label == "Correct your data":  # without a change the request is refused, in words
            page.get_by_role("alert").first.wait_for()
            assert page.get_by_role("alert").count() == 1
            continue
        assert page.url.endswith("/verify"), (label, page.inner_text("main"))
        page.get_by_label("Code").fill(kept.code(EMAIL))
        page.get_by_role("button", name="Confirm").click()
        assert "Your request" in page.inner_text("main h1")


def test_person_changes_a_consent_and_unsubscribes(visitor: Visitor, kept: Kept) -> None:
    page = visitor.page
    page.goto("/privacy/preferences")
    visitor.look("center-preferences-sign-in")
    page.get_by_label("Your e-mail address").fill(EMAIL)
    page.get_by_role("button", name="Send me a code").click()
    visitor.look("center-preferences-code")
    page.get_by_label("Code").fill(kept.code(EMAIL))
    page.get_by_role("button", name="Confirm").click()
    visitor.look("center-preferences")
    page.locator('input[name="purpose:marketing_email"]').check()
    page.get_by_role("button", name="Save my choices").click()
    page.get_by_role("status").wait_for()  # the page after the redirect, loaded
    assert page.get_by_role("status").count() == 1
    consents = consent_service(kept.app)
    assert consents.may_process(f"email={EMAIL}", "marketing_email").allowed
    assert consents.history(f"email={EMAIL}")[-1].source == "privacy_center"
    link = unsubscribe_url(consents, f"email={EMAIL}", "newsletter", public_url="https://x.example")
    page.goto(link.removeprefix("https://x.example"))
    visitor.look("center-unsubscribe")
    page.get_by_role("button", name="Unsubscribe").click()
    assert "You are unsubscribed" in page.inner_text("main")
    visitor.look("center-unsubscribed")
    assert not consents.may_process(f"email={EMAIL}", "marketing_email").allowed


def test_norwegian_pages(visitor: Visitor, kept: Kept) -> None:
    visitor.context.set_extra_http_headers({"Accept-Language": "nb-NO,nb;q=0.9"})
    visitor.page.goto("/privacy")
    assert visitor.page.locator("html").get_attribute("lang") == "nb"
    visitor.look("center-notice-nb")


def test_keyboard_only_request(browser: Any, kept: Kept) -> None:
    who = Visitor(browser, kept, js=True)
    try:
        page = who.page
        page.goto("/privacy/request")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.className") == "skip"
        page.keyboard.press("Enter")
        for _ in range(40):  # Tab to the address field
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.id") == "email":
                break
        page.keyboard.type(EMAIL)
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"/verify$"))
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")  # skip link, then on to the code
        for _ in range(20):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.id") == "code":
                break
        page.keyboard.type(kept.code(EMAIL))
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"/privacy/requests/req_[0-9a-f]{16}$"))
    finally:
        who.close()


# ------------------------------------------------------------------------- the team


def sign_in(visitor: Visitor, key: str) -> None:
    page = visitor.page
    page.goto("/console")
    assert page.url.endswith("/console/sign-in")
    visitor.look("console-sign-in")
    page.get_by_label("API key").fill(key)
    page.get_by_role("button", name="Sign in").click()
    assert page.url.endswith("/console")


def customer(manifest: Path) -> str:
    """The address of vivibit's first customer in its sample store."""
    engine = sa.create_engine(f"sqlite:///{manifest.parent / 'vivibit.sqlite'}")
    try:
        with engine.connect() as conn:
            return str(
                conn.exec_driver_sql(
                    "SELECT email FROM accounts WHERE email IS NOT NULL ORDER BY id"
                ).scalar()
            )
    finally:
        engine.dispose()


def erasure_request(kept: Kept, tenant: str | None = None) -> str:
    submitted = kept.lifecycle.submit(
        "erasure",
        [Identity("email", customer(kept.manifest))],
        tenant=tenant,
        actor="desk",
        verified=True,
    )
    return submitted.record.id


def test_officer_reviews_a_dry_run_and_approves(visitor: Visitor, kept: Kept) -> None:
    request_id = erasure_request(kept)
    sign_in(visitor, kept.key("privacy_officer"))
    page = visitor.page
    visitor.look("console-queue")
    page.get_by_role("link", name=request_id).click()
    visitor.look("console-request")
    page.get_by_role("link", name="Review the erasure dry run").click()
    assert "Nothing was changed" in page.inner_text("main")
    assert page.locator("main tbody tr").count() > 1, "the dry run found no row"
    visitor.look("console-dry-run")
    page.get_by_role("button", name="Approve the erasure").click()
    assert "Done: approve" in page.inner_text("main")
    kept.run_jobs()
    page.reload()
    assert "completed" in page.inner_text("main")
    assert "request.erasure" in page.inner_text("main")
    visitor.look("console-receipt")
    for path, name in (
        ("/console/retention", "console-retention"),
        ("/console/consent?subject=email%3Dada%40example.com", "console-consent"),
        ("/console/check", "console-check"),
        ("/console/audit", "console-audit"),
    ):
        page.goto(path)
        visitor.look(name)


def test_support_agent_cannot_approve(visitor: Visitor, kept: Kept) -> None:
    request_id = erasure_request(kept)
    sign_in(visitor, kept.key("support_agent"))
    page = visitor.page
    page.goto(f"/console/requests/{request_id}")
    assert page.get_by_role("button", name="Approve").count() == 0
    page.goto(f"/console/requests/{request_id}/dry-run")
    assert page.get_by_role("button", name="Approve the erasure").count() == 0
    assert kept.lifecycle.get(request_id).state.value == "identity_verified"


def test_tenant_admin_sees_only_their_tenant(visitor: Visitor, kept: Kept) -> None:
    mine, theirs = erasure_request(kept, "t1"), erasure_request(kept, "t2")
    sign_in(visitor, kept.key("tenant_admin", tenant="t1"))
    page = visitor.page
    text = page.inner_text("main")
    assert mine in text and theirs not in text
    page.goto(f"/console/requests/{theirs}")
    assert "No request" in page.inner_text("main")


def test_api_docs_render_offline(browser: Any, kept: Kept) -> None:
    who = Visitor(browser, kept, js=True)
    try:
        page = who.page
        page.goto("/docs")
        page.wait_for_selector(".swagger-ui .opblock", timeout=30_000)
        page.goto("/redoc")
        page.wait_for_selector("[role=search], .api-content", timeout=30_000)
    finally:
        who.close()


def test_axe_catches_a_broken_page(browser: Any) -> None:
    """The check above can fail: axe reports an unlabelled field and an image without text."""
    page = browser.new_page()
    try:
        page.set_content(
            "<!doctype html><html><head><title>x</title></head><body><main><h1>x</h1>"
            '<form><input name="email"></form><img src="data:,">'
            '<p style="color:#bbb;background:#fff">faint</p></main></body></html>'
        )
        page.add_script_tag(content=AXE)
        found = page.evaluate(
            """async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))
              .violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
              .map(v => v.id)""",
            WCAG,
        )
        assert {"label", "image-alt", "color-contrast"} <= set(found)
    finally:
        page.close()
