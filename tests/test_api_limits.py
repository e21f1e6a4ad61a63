"""The API bounds what a client can make it hold, keeps links out of logs, and answers 503
``control_unavailable`` when its database is away."""

from __future__ import annotations

import json
import logging
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from kept.api import create_app
from kept.api.limits import AccessLogRedaction, redact_query
from kept.examples import create_example


@pytest.fixture(scope="module")
def manifest(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("limits")
    return create_example("vcloudpoint", root / "vcloudpoint", people=5).manifest


class Server:
    """A real uvicorn server on a free port, in a thread."""

    def __init__(self, app: FastAPI) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.server = uvicorn.Server(uvicorn.Config(app, log_config=None, access_log=True))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]})

    def __enter__(self) -> Server:
        self.thread.start()
        for _ in range(500):
            if self.server.started:
                return self
            time.sleep(0.02)
        raise RuntimeError("the server did not start")

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.sock.close()

    def raw(self, data: bytes, *, read_after: float = 5.0) -> bytes:
        """Send ``data`` and return what the server answers (without sending more)."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=read_after) as conn:
            conn.sendall(data)
            answer = b""
            try:
                while chunk := conn.recv(65536):
                    answer += chunk
                    if b"\r\n\r\n" in answer and answer.endswith(b"}"):
                        break
            except TimeoutError:
                pass
        return answer


@pytest.fixture
def app(manifest: Path, tmp_path: Path) -> FastAPI:
    return create_app(manifest, database_url=f"sqlite:///{tmp_path / 'kept.db'}", max_body=4096)


@pytest.fixture
def server(app: FastAPI) -> Iterator[Server]:
    with Server(app) as running:
        yield running


def test_a_large_body_is_refused_before_it_is_read(server: Server) -> None:
    # Headers announce 100 MB; only 10 bytes follow: the answer comes without the rest.
    head = (
        b"POST /api/v1/requests HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Content-Length: 100000000\r\n\r\n"
    )
    answer = server.raw(head + b'{"kind": "')
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    body = json.loads(answer.split(b"\r\n\r\n", 1)[1])
    assert body["code"] == "too_large"


def test_a_chunked_body_is_counted(server: Server) -> None:
    chunk = b"x" * 3000
    head = (
        b"POST /api/v1/requests HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Transfer-Encoding: chunked\r\n\r\n"
    )
    body = b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(3))  # 9000 > 4096
    answer = server.raw(head + body)
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert json.loads(answer.split(b"\r\n\r\n", 1)[1])["code"] == "too_large"


def test_a_body_under_the_limit_is_served(app: FastAPI) -> None:
    with TestClient(app) as client:
        answer = client.post("/api/v1/requests", json={"kind": "access", "email": "a@b.example"})
        assert answer.status_code == 202, answer.text
        big = client.post(
            "/api/v1/requests",
            json={"kind": "access", "email": "a@b.example", "reason": "x" * 5000},
        )
        assert big.status_code == 413 and big.json()["code"] == "too_large"


def test_signed_links_are_redacted_from_the_access_log(server: Server) -> None:
    lines: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append(record.getMessage())

    logger = logging.getLogger("uvicorn.access")
    handler = Collect()
    logger.addHandler(handler)
    level = logger.level
    logger.setLevel(logging.INFO)
    try:
        secret = "ab" * 32
        answer = server.raw(
            f"GET /api/v1/exports/req_0123456789abcdef?expires=9&signature={secret} HTTP/1.1\r\n"
            "Host: x\r\nConnection: close\r\n\r\n".encode()
        )
        assert answer.startswith(b"HTTP/1.1 40"), answer[:100]
        for _ in range(100):
            if lines:
                break
            time.sleep(0.02)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    assert any("/api/v1/exports/req_0123456789abcdef" in line for line in lines), lines
    assert all(secret not in line for line in lines), lines
    assert any("signature=[redacted]" in line for line in lines), lines


def test_redact_query() -> None:
    assert (
        redact_query("/x?expires=1&signature=abc&token=t&other=1")
        == "/x?expires=1&signature=[redacted]&token=[redacted]&other=1"
    )
    record = logging.LogRecord("a", logging.INFO, "f", 1, "%s", ("/e?signature=s",), None)
    AccessLogRedaction().filter(record)
    assert record.getMessage() == "/e?signature=[redacted]"


@pytest.mark.postgres
def test_control_database_down_is_503_control_unavailable(
    manifest: Path, postgres_url: str
) -> None:
    app = create_app(manifest, database_url=postgres_url)
    with TestClient(app, raise_server_exceptions=False) as client:
        app.state.kept.control.dispose()
        # The database goes away: every new connection fails.
        admin = sa.create_engine(postgres_url.rsplit("/", 1)[0] + "/postgres")
        name = postgres_url.rsplit("/", 1)[1]
        with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(sa.text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()
        answer = client.post("/api/v1/requests", json={"kind": "access", "email": "a@b.example"})
        assert answer.status_code == 503, answer.text
        body = answer.json()
        assert body["code"] == "control_unavailable"
        assert "a@b.example" not in answer.text and "Traceback" not in answer.text
