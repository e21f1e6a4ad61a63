"""The cookie banner in a real headless Chromium (Debian's package, driven by Playwright).

Kept runs under uvicorn on 127.0.0.1; the company's site is a small HTTP server reached as
``http://localhost:PORT`` (another origin, as in production), whose page loads the banner script
from Kept and tags its analytics and advertising scripts ``type="text/plain"``. Each test
looks at what the browser really did: which scripts were fetched, which cookies exist, what
was stored, and what Kept's ledger recorded.

Without a Chromium these tests skip with the reason, except with ``CI=true``, where they fail.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from kept.api import create_app
from kept.consent import ConsentService
from kept.control import open_control
from kept.examples import create_example
from kept.manifest import load_manifest

IN_CI = os.environ.get("CI", "").lower() == "true"
CHROMIUM = os.environ.get("KEPT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update"]

ANALYTICS_JS = "document.cookie = '_ga=GA1.2.42; path=/; max-age=3600'; window.analytics = true;"
ADS_JS = "document.cookie = '_fbp=fb.1.42; path=/; max-age=3600'; window.ads = true;"


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


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@contextmanager
def kept_server(manifest: Path, database: str) -> Iterator[str]:
    """Kept's API under uvicorn in a thread; yields its base URL."""
    port = _free_port()
    config = uvicorn.Config(
        create_app(manifest, database_url=database),
        host="127.0.0.1",
        port=port,
        log_level="warning",
        lifespan="on",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the Kept server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


class SiteServer(ThreadingHTTPServer):
    """The company's website on a loopback port of its own: a page loading Kept's banner."""

    kept_url = ""


class _SiteHandler(BaseHTTPRequestHandler):
    server: SiteServer

    def do_GET(self) -> None:
        if self.path in ("/analytics.js", "/ads.js"):
            body = ANALYTICS_JS if self.path == "/analytics.js" else ADS_JS
            self._send("text/javascript", body)
            return
        html = f"""<!doctype html><html><head><title>Business telephony</title>
<script src="{self.server.kept_url}/consent/banner.js"></script>
<script type="text/plain" data-kept-category="analytics" data-src="/analytics.js"></script>
<script type="text/plain" data-kept-category="marketing" data-src="/ads.js"></script>
</head><body><h1>Business telephony</h1></body></html>"""
        self._send("text/html", html)

    def _send(self, kind: str, body: str) -> None:
        data = body.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", f"{kind}; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def website() -> Iterator[SiteServer]:
    server = SiteServer(("127.0.0.1", 0), _SiteHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


class Site:
    """A browser context on the company's site, noting the tracker scripts it fetches."""

    def __init__(self, browser: Any, website: SiteServer, *, gpc: bool = False) -> None:
        self.website = website
        # localhost, not 127.0.0.1: another origin than Kept's, as in production.
        self.url = f"http://localhost:{website.server_address[1]}/"
        self.fetched: list[str] = []
        headers = {"Sec-GPC": "1"} if gpc else {}
        self.context = browser.new_context(extra_http_headers=headers)
        if gpc:
            self.context.add_init_script(
                "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', "
                "{get: () => true, configurable: true});"
            )
        self.page = self.context.new_page()
        self.page.on("request", self._note)

    def _note(self, request: Any) -> None:
        path = request.url.removeprefix(self.url.rstrip("/"))
        if path in ("/analytics.js", "/ads.js"):
            self.fetched.append(path)

    def visit(self, kept_url: str) -> None:
        self.website.kept_url = kept_url
        self.page.goto(self.url)
        self.page.wait_for_function("() => window.keptConsent !== undefined")

    def cookies(self) -> set[str]:
        return {c["name"] for c in self.context.cookies()}

    def stored(self) -> Any:
        return self.page.evaluate("() => JSON.parse(localStorage.getItem('kept_consent'))")

    def recorded(self) -> Any:
        """Wait until the banner's POST to Kept has been answered."""
        return self.page.evaluate("() => window.keptConsent.recorded")

    def banner_shown(self) -> bool:
        return bool(self.page.locator("#kept-banner").is_visible())

    def close(self) -> None:
        self.context.close()


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("banner")
    return {n: create_example(n, root / n, people=5).manifest for n in ("vivi", "vivibit")}


@pytest.fixture
def site(browser: Any, website: SiteServer) -> Iterator[Callable[..., Site]]:
    opened: list[Site] = []

    def make(**kw: Any) -> Site:
        made = Site(browser, website, **kw)
        opened.append(made)
        return made

    yield make
    for s in opened:
        s.close()


def history(manifest: Path, database: str, visitor: str) -> list[tuple[str, str, str]]:
    engine = open_control(database)
    try:
        consents = ConsentService(load_manifest(manifest).manifest, engine)
        return [
            (e.topic, e.state.value, e.source) for e in consents.history(f"cookie_id={visitor}")
        ]
    finally:
        engine.dispose()


EQUAL_WEIGHT = """() => {
  const props = ['font-size', 'font-weight', 'font-family', 'color', 'background-color',
                 'border-top-width', 'border-top-color', 'padding-top', 'padding-left',
                 'border-radius', 'min-width'];
  const style = (id) => {
    const s = getComputedStyle(document.getElementById(id));
    return props.map((p) => s.getPropertyValue(p));
  };
  const box = (id) => document.getElementById(id).getBoundingClientRect();
  return {accept: style('kept-accept'), reject: style('kept-reject'),
          acceptBox: box('kept-accept'), rejectBox: box('kept-reject'),
          viewport: [innerWidth, innerHeight]};
}"""


def test_first_visit_shows_the_banner_and_blocks_analytics(
    examples: dict[str, Path], site: Callable[..., Site], tmp_path: Path
) -> None:
    database = f"sqlite:///{tmp_path / 'kept.db'}"
    with kept_server(examples["vivi"], database) as url:
        visit = site()
        visit.visit(url)
        assert visit.banner_shown()
        assert visit.page.locator("#kept-accept").inner_text() == "Allow cookies"
        assert visit.page.locator("#kept-reject").inner_text() == "Disallow cookies"
        looks = visit.page.evaluate(EQUAL_WEIGHT)
        assert looks["accept"] == looks["reject"]  # equal weight: same style, side by side
        assert abs(looks["acceptBox"]["height"] - looks["rejectBox"]["height"]) < 1
        for box in (looks["acceptBox"], looks["rejectBox"]):  # both on the first screen
            assert box["top"] >= 0 and box["bottom"] <= looks["viewport"][1]
        visit.page.wait_for_timeout(300)
        assert visit.fetched == []  # neither Google Analytics nor ads were even requested
        assert visit.cookies() == set()  # nothing set or read before a choice
        assert visit.stored() is None


def test_reject_keeps_analytics_off_and_is_recorded(
    examples: dict[str, Path], site: Callable[..., Site], tmp_path: Path
) -> None:
    database = f"sqlite:///{tmp_path / 'kept.db'}"
    with kept_server(examples["vivi"], database) as url:
        visit = site()
        visit.visit(url)
        visit.page.click("#kept-reject")
        assert visit.recorded() is True
        assert not visit.banner_shown()
        stored = visit.stored()
        assert stored["choices"] == {"analytics": False, "marketing": False}
        visit.visit(url)  # the next page: no banner, still no analytics
        assert not visit.banner_shown()
        visit.page.wait_for_timeout(300)
        assert visit.fetched == [] and "_ga" not in visit.cookies()
    records = history(examples["vivi"], database, stored["visitor"])
    assert ("web_analytics", "withdrawn", "banner") in records
    assert ("conversion_tracking", "withdrawn", "banner") in records


def test_accept_loads_analytics_and_is_recorded(
    examples: dict[str, Path], site: Callable[..., Site], tmp_path: Path
) -> None:
    database = f"sqlite:///{tmp_path / 'kept.db'}"
    with kept_server(examples["vivi"], database) as url:
        visit = site()
        visit.visit(url)
        visit.page.click("#kept-accept")
        visit.page.wait_for_function("() => window.analytics === true && window.ads === true")
        assert visit.recorded() is True
        assert {"_ga", "_fbp"} <= visit.cookies()
        visitor = visit.stored()["visitor"]
        visit.visit(url)
        visit.page.wait_for_function("() => window.analytics === true")
        assert not visit.banner_shown()
        # Withdrawing is as easy: the "Privacy choices" button, then one click.
        visit.page.click("#kept-reopen")
        visit.page.click("#kept-reject")
        assert visit.recorded() is True
        assert "_ga" not in visit.cookies()
    records = history(examples["vivi"], database, visitor)
    assert records[:3] == [
        ("behaviour_analytics", "granted", "banner"),
        ("conversion_tracking", "granted", "banner"),
        ("web_analytics", "granted", "banner"),
    ]
    assert ("web_analytics", "withdrawn", "banner") in records[3:]


def test_gpc_records_the_opt_out_and_keeps_marketing_off(
    examples: dict[str, Path], site: Callable[..., Site], tmp_path: Path
) -> None:
    database = f"sqlite:///{tmp_path / 'kept.db'}"
    with kept_server(examples["vivibit"], database) as url:
        visit = site(gpc=True)
        visit.visit(url)
        assert visit.page.evaluate("() => navigator.globalPrivacyControl") is True
        assert visit.recorded() is True  # the signal is recorded on the first visit
        assert visit.banner_shown()
        assert visit.page.locator("#kept-gpc").is_visible()
        visit.page.click("#kept-accept")
        visit.page.wait_for_function("() => window.analytics === true")
        assert visit.recorded() is True
        visit.page.wait_for_timeout(300)
        assert "/ads.js" not in visit.fetched and "_fbp" not in visit.cookies()
        visitor = visit.stored()["visitor"]
    records = history(examples["vivibit"], database, visitor)
    assert records[0] == ("do_not_sell_or_share", "opted_out", "gpc")
    assert ("advertising", "withdrawn", "banner") in records
    assert ("web_analytics", "granted", "banner") in records


def test_a_new_policy_version_asks_again(
    examples: dict[str, Path], site: Callable[..., Site], tmp_path: Path
) -> None:
    database = f"sqlite:///{tmp_path / 'kept.db'}"
    with kept_server(examples["vivi"], database) as url:
        visit = site()
        visit.visit(url)
        visit.page.click("#kept-accept")
        assert visit.recorded() is True
        visit.visit(url)
        assert not visit.banner_shown()
    revised = tmp_path / "revised"
    revised.mkdir()
    text = examples["vivi"].read_text(encoding="utf-8")
    text = text.replace('version: "2018-05-16"', 'version: "2026-12-01"', 1)
    text = text.replace("sqlite:///vivi.sqlite", f"sqlite:///{examples['vivi'].parent}/vivi.sqlite")
    (revised / "kept.yaml").write_text(text, encoding="utf-8")
    with kept_server(revised / "kept.yaml", database) as url:
        visit.visit(url)
        assert visit.banner_shown()  # asked again, and analytics waits for the new answer
        assert visit.page.locator("#kept-banner").get_attribute("data-version") == "2026-12-01"
        fetched = len(visit.fetched)
        visit.page.wait_for_timeout(300)
        assert len(visit.fetched) == fetched
        assert visit.page.evaluate("() => window.analytics === undefined")
        visit.page.click("#kept-accept")
        assert visit.recorded() is True
        assert visit.stored()["version"] == "2026-12-01"


def test_a_choice_kept_can_not_record_is_sent_again(
    examples: dict[str, Path], site: Callable[..., Site], tmp_path: Path
) -> None:
    database = f"sqlite:///{tmp_path / 'kept.db'}"
    with kept_server(examples["vivi"], database) as url:
        visit = site()
        choice = f"{url}/consent/banner/choice"
        visit.context.route(choice, lambda route: route.abort())  # Kept unreachable
        visit.visit(url)
        visit.page.click("#kept-reject")
        assert visit.recorded() is False
        assert visit.stored()["pending"] is True
        visitor = visit.stored()["visitor"]
        assert history(examples["vivi"], database, visitor) == []
        visit.context.unroute(choice)
        visit.visit(url)  # the next page sends it again
        assert visit.recorded() is True
        assert visit.stored()["pending"] is False
    assert ("web_analytics", "withdrawn", "banner") in history(examples["vivi"], database, visitor)
