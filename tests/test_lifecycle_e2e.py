"""End to end, with real processes: ``kept serve`` answers the person, a real SMTP server
(aiosmtpd) carries the code, a separate ``kept worker`` process runs the requests, and the
export is downloaded through its signed link."""

from __future__ import annotations

import io
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterator
from email.message import Message
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message as MessageHandler

from kept.examples import create_example


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


class Inbox(MessageHandler):
    def __init__(self) -> None:
        super().__init__()
        self.messages: list[Message] = []
        self.lock = threading.Lock()

    def handle_message(self, message: Message) -> None:
        with self.lock:
            self.messages.append(message)

    def code_for(self, address: str, timeout: float = 20) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                for message in reversed(self.messages):
                    found = re.search(r"code is: (\d{6})", str(message.get_payload()))
                    if message["To"] == address and found:
                        return found.group(1)
            time.sleep(0.05)
        pytest.fail(f"no code reached {address}")


@pytest.fixture
def inbox() -> Iterator[tuple[Inbox, int]]:
    handler = Inbox()
    port = free_port()
    server = Controller(handler, hostname="127.0.0.1", port=port)
    server.start()
    yield handler, port
    server.stop()


class Api:
    def __init__(self, base: str) -> None:
        self.base = base

    def call(
        self,
        method: str,
        path: str,
        body: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, Any, bytes]:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(
            self.base + path,
            data=data,
            method=method,
            headers={"Content-Type": "application/json", **(headers or {})},
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                raw = response.read()
                status = response.status
                kind = response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as exc:
            raw, status, kind = exc.read(), exc.code, exc.headers.get("Content-Type", "")
        return status, json.loads(raw) if "json" in kind else None, raw


def wait_until_up(api: Api, server: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"kept serve exited: {server.communicate()[0]}")
        try:
            if api.call("GET", "/health")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    pytest.fail("kept serve did not come up")


@pytest.mark.slow
def test_access_and_erasure_end_to_end(inbox: tuple[Inbox, int], tmp_path: Path) -> None:
    mail, smtp_port = inbox
    manifest = create_example("vcloudpoint", tmp_path / "vcp", people=20).manifest
    store = sa.create_engine(f"sqlite:///{manifest.parent / 'vcloudpoint.sqlite'}")
    with store.connect() as conn:
        first, second = (
            str(row[0])
            for row in conn.exec_driver_sql("SELECT email FROM accounts ORDER BY id LIMIT 2")
        )
    env = {
        **os.environ,
        "KEPT_DATABASE_URL": f"sqlite:///{tmp_path / 'kept.db'}",
        "KEPT_SMTP_URL": f"smtp://127.0.0.1:{smtp_port}",
        "KEPT_MAIL_FROM": "privacy@vcloudpoint.test",
    }
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kept.cli",
            "serve",
            "-m",
            str(manifest),
            "--port",
            str(port),
            "--no-worker",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    api = Api(f"http://127.0.0.1:{port}")
    try:
        wait_until_up(api, server)
        tokens = {}
        for kind, email in (("access", first), ("erasure", second)):
            status, body, _ = api.call("POST", "/api/v1/requests", {"kind": kind, "email": email})
            assert status == 202, body
            assert body["state"] == "received" and body["due"]
            tokens[kind] = (body["request_id"], {"X-Request-Token": body["token"]})
            code = mail.code_for(email)
            rid, headers = tokens[kind]
            status, body, _ = api.call(
                "POST", f"/api/v1/requests/{rid}/verify", {"code": code}, headers
            )
            assert status == 200 and body["state"] == "approved", body

        worker = subprocess.run(
            [sys.executable, "-m", "kept.cli", "worker", "-m", str(manifest), "--until-empty"],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert worker.returncode == 0, worker.stdout + worker.stderr
        assert "2 completed" in worker.stdout

        rid, headers = tokens["access"]
        status, body, _ = api.call("GET", f"/api/v1/requests/{rid}", headers=headers)
        assert status == 200 and body["state"] == "completed", body
        status, _, raw = api.call("GET", body["export"]["url"])
        assert status == 200 and raw[:2] == b"PK"
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            everything = b"".join(archive.read(n) for n in archive.namelist())
        assert first.encode() in everything
        tampered = body["export"]["url"].replace("signature=", "signature=0")[:-1]
        assert api.call("GET", tampered)[0] in (403, 422)

        rid, headers = tokens["erasure"]
        status, body, _ = api.call("GET", f"/api/v1/requests/{rid}", headers=headers)
        assert status == 200 and body["state"] == "completed", body
        assert body["reason_code"] == "kept_with_ground" and "export" not in body
        with store.connect() as conn:
            left = conn.exec_driver_sql(
                "SELECT count(*) FROM accounts WHERE email = ?", (second,)
            ).scalar()
        assert left == 0
        done = [m for m in mail.messages if "carried out" in str(m.get_payload())]
        assert {m["To"] for m in done} == {first, second}
    finally:
        store.dispose()
        server.send_signal(signal.SIGINT)
        try:
            server.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.communicate()
