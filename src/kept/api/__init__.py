"""Kept's HTTP API: a thin FastAPI layer over the library.

:func:`create_app` builds the application for one manifest and one control-plane database.
Endpoints live in :mod:`kept.api.routes`, one module per concept, each exposing a ``router``;
the application includes every such module it finds, so a new concept adds a module and
touches nothing else. Errors are JSON with a stable ``code`` and a human ``message``
(:mod:`kept.api.problems`); staff endpoints take an API key (:mod:`kept.api.auth`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI

from kept import __version__
from kept.api.clients import TrustedProxies
from kept.api.context import ApiContext
from kept.api.html import install as install_web
from kept.api.limits import DEFAULT_MAX_BODY, BodyLimit, install_access_log_redaction
from kept.api.problems import ApiError, install_handlers
from kept.api.routes import routers
from kept.control import control_url, open_control
from kept.manifest import load_manifest

__all__ = ["ApiContext", "ApiError", "create_app"]


def create_app(
    manifest: Path,
    *,
    database_url: str | None = None,
    max_body: int = DEFAULT_MAX_BODY,
    forwarded_allow_ips: str | None = None,
) -> FastAPI:
    """The application serving ``manifest``, with its state in ``database_url``.

    ``database_url`` defaults to :func:`kept.control.control_url` (``KEPT_DATABASE_URL``, else
    ``kept.db`` beside the manifest). The manifest is read and the control database opened
    (and migrated) here, so that a broken setup fails before the server starts listening.
    Request bodies over ``max_body`` bytes are refused with 413 (:mod:`kept.api.limits`).
    ``forwarded_allow_ips`` names the proxies whose ``X-Forwarded-For`` is believed
    (:mod:`kept.api.clients`); by default none.
    """
    trusted = TrustedProxies.parse(forwarded_allow_ips)
    loaded = load_manifest(manifest)
    engine = open_control(database_url or control_url(manifest))
    context = ApiContext(manifest_path=manifest, loaded=loaded, control=engine)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        install_access_log_redaction()  # after the server configured its logging
        try:
            yield
        finally:
            context.close()

    app = FastAPI(
        title="Kept",
        version=__version__,
        summary="A privacy policy that runs: rights requests, consent, retention and audit.",
        lifespan=lifespan,
        docs_url=None,  # served offline by kept.api.html.docs
        redoc_url=None,
    )
    app.state.kept = context
    app.state.trusted_proxies = trusted
    install_handlers(app)
    app.add_middleware(BodyLimit, max_bytes=max_body)
    for router in routers():
        app.include_router(router)
    install_web(app)
    return app
