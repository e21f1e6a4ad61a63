"""``kept serve``: the HTTP API, with an in-process worker on the embedded (SQLite) default."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import typer
import uvicorn

from kept.api import create_app
from kept.api.limits import DEFAULT_MAX_BODY
from kept.app import Kept
from kept.cli import app
from kept.cli._common import DatabaseOption, ManifestOption, fail, open_manifest, out
from kept.errors import KeptError
from kept.requests import RateLimit

__all__ = ["serve"]


@app.command("serve")
def serve(
    manifest: Path = ManifestOption,
    database: str | None = DatabaseOption,
    host: str | None = typer.Option(
        None, "--host", help="The address to listen on (default: KEPT_HOST, else 127.0.0.1)."
    ),
    port: int | None = typer.Option(
        None,
        "--port",
        min=0,
        max=65535,
        help="The port to listen on (default: KEPT_PORT, else 8000).",
    ),
    worker: bool | None = typer.Option(
        None,
        "--worker/--no-worker",
        help="Run a worker in this process (default: yes on SQLite, no otherwise).",
    ),
    review: list[str] = typer.Option(
        [], "--review", help="A kind staff must approve after verification; repeatable."
    ),
    client_limit: int = typer.Option(
        20,
        "--client-limit",
        min=1,
        help="Submissions, verifications and resends per client an hour.",
    ),
    address_limit: int = typer.Option(
        5, "--address-limit", min=1, help="Verification codes per e-mail address an hour."
    ),
    max_body: int = typer.Option(
        DEFAULT_MAX_BODY,
        "--max-body-bytes",
        min=1,
        help="Request bodies larger than this are refused with 413.",
    ),
    forwarded_allow_ips: str | None = typer.Option(
        None,
        "--forwarded-allow-ips",
        help="Proxies whose X-Forwarded-For names the client: addresses or networks, "
        "comma-separated, or * (default: none; every client is its connection's address).",
    ),
    banner_limit: int = typer.Option(
        100, "--banner-limit", min=1, help="Cookie-banner choices per client an hour."
    ),
) -> None:
    """Serve the HTTP API (OpenAPI at /docs), the privacy center (/privacy) and the staff
    console (/console); on SQLite, run requests in-process."""
    loaded = open_manifest(manifest)
    hour = dt.timedelta(hours=1)
    try:
        kept = Kept.open(
            loaded,
            database=database,
            review=review,
            client_limit=RateLimit(client_limit, hour),
            address_limit=RateLimit(address_limit, hour),
        )
        application = create_app(kept, max_body=max_body, forwarded_allow_ips=forwarded_allow_ips)
    except (KeptError, ValueError) as exc:
        fail(exc if isinstance(exc, KeptError) else KeptError(str(exc)))
    host = host or kept.settings.host  # KEPT_HOST, KEPT_PORT: the environment or .env
    port = kept.settings.port if port is None else port
    application.state.rate_limits = {"banner": RateLimit(banner_limit, hour)}
    if worker if worker is not None else kept.control.dialect.name == "sqlite":
        runner = kept.worker(lease=dt.timedelta(seconds=30), poll=0.5)
        thread = threading.Thread(target=runner.run, name="kept-worker", daemon=True)
        thread.start()

        def stop_worker() -> None:
            runner.stop()
            thread.join(timeout=60)

        application.state.kept.closers.append(stop_worker)
        out.print(f"worker {runner.name} runs in this process")
    out.print(
        f"serving {manifest} on http://{host}:{port} (privacy center at /privacy, staff "
        "console at /console, API docs at /docs)"
    )
    uvicorn.run(
        application,
        host=host,
        port=port,
        log_level="info",
        # Kept reads X-Forwarded-For itself, from the trusted proxies only (kept.api.clients).
        proxy_headers=False,
    )
    kept.close()
