"""``make demo``: the five seed companies' examples, each held against its manifest, then the
service on vCloudPoint: ``kept serve`` on the embedded default (SQLite, outbox, in-process
worker), an access request submitted through the HTTP API, the code read from the outbox,
verified, run, and the export downloaded; the server is left running to explore (Ctrl-C).

Run as ``python -m kept.demo [FOLDER] [--no-wait]``; without a folder the examples go to a new
temporary folder, which is kept so you can explore it (its path is printed). ``--no-wait``
stops the server at the end instead of leaving it running.
"""

from __future__ import annotations

import json
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from email import message_from_bytes
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from rich.console import Console
from rich.table import Table

from kept.apikey import issue_key
from kept.audit import AuditLog
from kept.check import run_check
from kept.control import control_url, open_control
from kept.errors import KeptError
from kept.examples import EXAMPLES, create_example
from kept.manifest import load_manifest
from kept.settings import environment

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    wait = "--no-wait" not in args
    args = [a for a in args if a != "--no-wait"]
    folder = Path(args[0]) if args else Path(tempfile.mkdtemp(prefix="kept-demo-"))
    console = Console(highlight=False, soft_wrap=True)
    console.print(f"[bold]Kept demo[/]: the five seed companies, in {folder}\n")
    table = Table("company", "tables", "rows", "errors", "waived", "seconds")
    failed = 0
    for name in EXAMPLES:
        started = time.perf_counter()
        try:
            info = create_example(name, folder / name)
            report = run_check(load_manifest(info.manifest))
        except KeptError as exc:
            console.print(f"[red]{name}: {exc}[/]")
            failed += 1
            continue
        seconds = time.perf_counter() - started
        errors = report.severities()["error"]
        status = "[green]0[/]" if report.ok else f"[red]{errors}[/]"
        failed += 0 if report.ok else 1
        table.add_row(
            name,
            str(len(info.rows)),
            str(sum(info.rows.values())),
            status,
            str(len(report.waived)),
            f"{seconds:.2f}",
        )
        for finding in report.by_severity():
            colour = {"error": "red", "warning": "yellow"}.get(finding.level.value, "dim")
            console.print(
                f"[{colour}]{name}: {finding.level.value} {finding.code} {finding.message}[/]"
            )
    console.print(table)
    console.print(
        f"\nEach folder holds kept.yaml and a SQLite sample. Try:\n"
        f"  .venv/bin/kept check -m {folder / 'vcloudpoint' / 'kept.yaml'}\n"
        f"  .venv/bin/kept check -m {folder / 'smartspace' / 'kept.yaml'} --json\n"
        f"  .venv/bin/kept request access -m {folder / 'vivibit' / 'kept.yaml'} "
        "-i email=ADDRESS --out /tmp\n"
        f"  .venv/bin/kept audit show -m {folder / 'vcloudpoint' / 'kept.yaml'}"
    )
    if not failed:
        failed += _service(console, folder / "vcloudpoint", wait)
    return 1 if failed else 0


def _free_port(preferred: int = 8000) -> int:
    for port in (preferred, 0):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            found: int = sock.getsockname()[1]
            return found
    raise OSError("no free port")  # pragma: no cover - port 0 always binds


def _call(
    base: str, method: str, path: str, body: dict[str, Any] | None = None, **headers: str
) -> tuple[int, Any, bytes]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(
        base + path,
        data=data,
        method=method,
        headers={"Content-Type": "application/json", **headers},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            raw, status = response.read(), response.status
            kind = response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as exc:
        raw, status, kind = exc.read(), exc.code, exc.headers.get("Content-Type", "")
    return status, json.loads(raw) if "json" in kind else None, raw


def _wait(predicate: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def _code(outbox: Path, address: str) -> str | None:
    for path in sorted(outbox.glob("*.eml"), reverse=True):
        message = message_from_bytes(path.read_bytes())
        found = re.search(r"code is: (\d{6})", str(message.get_payload()))
        if message["To"] == address and found:
            return found.group(1)
    return None


def _service(console: Console, folder: Path, wait: bool) -> int:
    """vCloudPoint as a service: serve, submit, verify by the outboxed code, run, download."""
    manifest = folder / "kept.yaml"
    engine = sa.create_engine(f"sqlite:///{folder / 'vcloudpoint.sqlite'}")
    with engine.connect() as conn:
        email = str(conn.exec_driver_sql("SELECT email FROM accounts ORDER BY id LIMIT 1").scalar())
    engine.dispose()
    control = open_control(control_url(manifest))
    try:
        _, key = issue_key(control, name="demo privacy officer", role="privacy_officer")
    finally:
        control.dispose()
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        k: v for k, v in environment().items() if k not in ("KEPT_DATABASE_URL", "KEPT_SMTP_URL")
    }
    log = (folder / "serve.log").open("w", encoding="utf-8")
    server = subprocess.Popen(
        [sys.executable, "-m", "kept.cli", "serve", "-m", str(manifest), "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        up = _wait(lambda: _up(base) or server.poll() is not None, 60)
        if not up or server.poll() is not None:
            console.print(f"[red]kept serve did not start; see {folder / 'serve.log'}[/]")
            return 1
        console.print(f"\n[bold]kept serve[/] on {base} (API docs: {base}/docs), worker in-process")
        status, body, _ = _call(
            base, "POST", "/api/v1/requests", {"kind": "access", "email": email}
        )
        if status != 202:
            console.print(f"[red]submit failed: {status} {body}[/]")
            return 1
        request_id, token = body["request_id"], body["token"]
        console.print(
            f"[bold]Submitted[/] access request {request_id} for {email}: due {body['due']} "
            f"({body['days_left']} days)"
        )
        outbox = folder / "outbox"
        code: str | None = None

        def arrived() -> bool:
            nonlocal code
            code = _code(outbox, email)
            return code is not None

        if not _wait(arrived, 30) or code is None:
            console.print(f"[red]no code in {outbox}[/]")
            return 1
        console.print(f"[bold]Code[/] {code} read from the outbox {outbox}")
        status, body, _ = _call(
            base,
            "POST",
            f"/api/v1/requests/{request_id}/verify",
            {"code": code},
            **{"X-Request-Token": token},
        )
        console.print(f"[bold]Verified[/]: {body.get('state')}")
        final: dict[str, Any] = {}

        def finished() -> bool:
            nonlocal final
            _, final, _ = _call(
                base, "GET", f"/api/v1/requests/{request_id}", **{"X-Request-Token": token}
            )
            return final.get("state") in ("completed", "failed")

        started = time.perf_counter()
        if not _wait(finished, 60) or final.get("state") != "completed":
            console.print(f"[red]the request did not complete: {final}[/]")
            return 1
        console.print(
            f"[bold]Completed[/] by the in-process worker in {time.perf_counter() - started:.1f} s"
        )
        status, _, raw = _call(base, "GET", final["export"]["url"])
        exports = folder / "exports"
        exports.mkdir(exist_ok=True)
        target = exports / f"{request_id}.zip"
        target.write_bytes(raw)
        console.print(f"[bold]Export[/] downloaded through its signed link → {target}")
        control = open_control(control_url(manifest))
        try:
            audit = AuditLog(control).verify()
        finally:
            control.dispose()
        console.print(
            f"[bold]Audit log[/]: {audit.checked} entries, chain "
            + ("[green]intact[/]" if audit.ok else "[red]broken[/]")
        )
        console.print(
            "\nExplore (staff key: privacy officer):\n"
            f"  curl -H 'Authorization: Bearer {key}' {base}/api/v1/staff/requests\n"
            f"  curl -H 'Authorization: Bearer {key}' {base}/api/v1/staff/requests/"
            f"{request_id}/receipts\n"
            f"  .venv/bin/kept requests list -m {manifest}\n"
            f"  .venv/bin/kept audit verify -m {manifest}"
        )
        console.print(
            f"\n[bold]Privacy center[/] (for the people): {base}/privacy\n"
            f"[bold]Console[/] (for the privacy team): {base}/console — sign in with the "
            f"privacy officer's key {key}\n"
            f"[bold]API docs[/] (offline): {base}/docs and {base}/redoc"
        )
        if wait:
            console.print(f"\n[bold]The server keeps running on {base}[/]; Ctrl-C stops it.")
            try:
                server.wait()
            except KeyboardInterrupt:
                console.print("stopping")
        return 0
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
        log.close()


def _up(base: str) -> bool:
    try:
        return _call(base, "GET", "/health")[0] == 200
    except OSError:
        return False


if __name__ == "__main__":
    raise SystemExit(main())
