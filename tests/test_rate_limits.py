"""Rate limits that hold under concurrency, clients told apart only through trusted proxies,
and the anonymous banner endpoint limited too."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from kept.api import create_app
from kept.api.clients import TrustedProxies
from kept.control import open_control
from kept.errors import KeptError
from kept.examples import create_example
from kept.execution import Identity
from kept.mail import OutboxMailer
from kept.manifest import load_manifest
from kept.requests import Lifecycle, RateLimit, RateLimited

HOUR = dt.timedelta(hours=1)


@pytest.fixture(scope="module")
def manifest(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("limits")
    return create_example("vcloudpoint", root / "vcloudpoint", people=5).manifest


def _race(count: int, attempt: Callable[[int], None]) -> tuple[int, int]:
    """Run ``attempt(i)`` for ``count`` threads released at once: (passed, rate-limited)."""
    barrier = threading.Barrier(count)
    passed: list[int] = []
    limited: list[int] = []
    errors: list[BaseException] = []

    def run(i: int) -> None:
        barrier.wait()
        try:
            attempt(i)
        except RateLimited:
            limited.append(i)
        except BaseException as exc:  # any other failure fails the test below
            errors.append(exc)
        else:
            passed.append(i)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors[:3]
    return len(passed), len(limited)


def _lifecycle(
    manifest: Path, url: str, outbox: OutboxMailer, *, client: RateLimit, address: RateLimit
) -> tuple[Lifecycle, sa.Engine]:
    open_control(url).dispose()  # migrated once, before the race
    engine = sa.create_engine(url, pool_size=30, max_overflow=0, pool_timeout=120)
    life = Lifecycle(
        engine, load_manifest(manifest), mailer=outbox, client_limit=client, address_limit=address
    )
    return life, engine


@pytest.mark.slow
@pytest.mark.parametrize("database", ["postgres", "mariadb"])
def test_sixty_concurrent_submissions_from_one_client_get_exactly_the_limit(
    database: str, manifest: Path, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    url: str = request.getfixturevalue(f"{database}_url")
    outbox = OutboxMailer(tmp_path / "outbox")
    life, engine = _lifecycle(
        manifest,
        url,
        outbox,
        client=RateLimit(20, HOUR),
        address=RateLimit(100, HOUR),
    )
    try:

        def submit(i: int) -> None:
            person = [Identity("email", f"person{i}@example.com")]
            life.submit("access", person, client="203.0.113.9")

        passed, limited = _race(60, submit)
        assert (passed, limited) == (20, 40)
        assert len(outbox.messages()) == 20
        with engine.connect() as conn:
            assert conn.execute(sa.text("SELECT count(*) FROM kept_requests")).scalar() == 20
    finally:
        engine.dispose()


@pytest.mark.slow
@pytest.mark.parametrize("database", ["postgres", "mariadb"])
def test_forty_concurrent_code_requests_for_one_address_send_exactly_the_limit(
    database: str, manifest: Path, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    url: str = request.getfixturevalue(f"{database}_url")
    outbox = OutboxMailer(tmp_path / "outbox")
    life, engine = _lifecycle(
        manifest,
        url,
        outbox,
        client=RateLimit(100, HOUR),
        address=RateLimit(5, HOUR),
    )
    try:

        def submit(i: int) -> None:
            person = [Identity("email", "henrik@example.com")]
            life.submit("access", person, client=f"198.51.100.{i}")

        assert _race(40, submit) == (5, 35)
        assert len(outbox.messages()) == 5
    finally:
        engine.dispose()


def _client(app: object, peer: str) -> TestClient:
    return TestClient(app, client=(peer, 40000))  # type: ignore[arg-type]


def _submit(client: TestClient, n: int, forwarded: str | None = None) -> int:
    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    answer = client.post(
        "/api/v1/requests",
        json={"kind": "access", "email": f"p{n}@example.com"},
        headers=headers,
    )
    return answer.status_code


def test_x_forwarded_for_is_believed_only_from_the_named_proxies(
    manifest: Path, tmp_path: Path
) -> None:
    app = create_app(
        manifest,
        database_url=f"sqlite:///{tmp_path / 'kept.db'}",
        forwarded_allow_ips="10.0.0.1, 192.168.0.0/16",
    )
    context = app.state.kept
    app.state.lifecycle = Lifecycle(
        context.control,
        context.loaded,
        mailer=OutboxMailer(tmp_path / "outbox"),
        client_limit=RateLimit(2, HOUR),
    )
    with _client(app, "203.0.113.50") as direct, _client(app, "10.0.0.1") as proxy:
        # A client talking directly cannot pick new buckets with a forged header.
        codes = [_submit(direct, n, forwarded=f"198.51.100.{n}") for n in range(3)]
        assert codes == [202, 202, 429]
        # Through the trusted proxy, clients are told apart by the header...
        assert [_submit(proxy, n + 10, "198.51.100.1") for n in range(3)] == [202, 202, 429]
        assert _submit(proxy, 20, "198.51.100.2") == 202
        # ...read from the right: a hop the client wrote itself, before the proxy's, is ignored.
        assert _submit(proxy, 21, "6.6.6.6, 198.51.100.1") == 429
        # A chain of trusted proxies is skipped to the first untrusted hop.
        assert _submit(proxy, 22, "198.51.100.3, 192.168.7.7") == 202
        # Without the header the proxy itself is the client.
        assert [_submit(proxy, n + 30) for n in range(3)] == [202, 202, 429]


def test_without_the_option_no_proxy_is_trusted(manifest: Path, tmp_path: Path) -> None:
    app = create_app(manifest, database_url=f"sqlite:///{tmp_path / 'kept.db'}")
    context = app.state.kept
    app.state.lifecycle = Lifecycle(
        context.control,
        context.loaded,
        mailer=OutboxMailer(tmp_path / "outbox"),
        client_limit=RateLimit(1, HOUR),
    )
    with _client(app, "127.0.0.1") as local:
        assert _submit(local, 1, "198.51.100.1") == 202
        assert _submit(local, 2, "198.51.100.2") == 429


def test_the_option_is_checked() -> None:
    assert TrustedProxies.parse(None) == TrustedProxies()
    assert TrustedProxies.parse("*").trusts("203.0.113.1")
    assert not TrustedProxies.parse("10.0.0.0/8").trusts("not an address")
    with pytest.raises(KeptError, match=r"'10\.0\.0\.300' is not an IP address"):
        TrustedProxies.parse("10.0.0.1, 10.0.0.300")


def test_the_banner_choice_endpoint_is_rate_limited_per_client(
    manifest: Path, tmp_path: Path
) -> None:
    app = create_app(manifest, database_url=f"sqlite:///{tmp_path / 'kept.db'}")
    app.state.rate_limits = {"banner": RateLimit(3, HOUR)}
    choice = {"visitor": "b" * 32, "choices": {"security": True}}
    with _client(app, "203.0.113.7") as one, _client(app, "203.0.113.8") as other:
        answers = [one.post("/consent/banner/choice", json=choice) for _ in range(4)]
        assert [a.status_code for a in answers] == [200, 200, 200, 429]
        assert answers[-1].json()["code"] == "rate_limited"
        assert int(answers[-1].headers["Retry-After"]) > 0
        assert other.post("/consent/banner/choice", json=choice).status_code == 200
