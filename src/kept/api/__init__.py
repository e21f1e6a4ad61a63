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
from kept.app import Kept

__all__ = ["ApiContext", "ApiError", "create_app"]


def create_app(
    kept: Kept | Path,
    *,
    database_url: str | None = None,
    max_body: int = DEFAULT_MAX_BODY,
    forwarded_allow_ips: str | None = None,
) -> FastAPI:
    """The application serving the :class:`kept.app.Kept` object ``kept``: its manifest, its
    control database and its services (the request lifecycle, consent, support grants).

    Given a manifest's path instead, the application builds its own ``Kept`` object from the
    settings (``KEPT_*``, ``.env``; ``database_url`` overrides ``KEPT_DATABASE_URL``) and
    closes it when it stops; so the manifest is read and the control database opened (and
    migrated) here, and a broken setup fails before the server starts listening. Request
    bodies over ``max_body`` bytes are refused with 413 (:mod:`kept.api.limits`).
    ``forwarded_allow_ips`` names the proxies whose ``X-Forwarded-For`` is believed
    (:mod:`kept.api.clients`); by default none.
    """
    trusted = TrustedProxies.parse(forwarded_allow_ips)
    owned = not isinstance(kept, Kept)
    if not isinstance(kept, Kept):
        kept = Kept.open(kept, database=database_url)
    context = ApiContext(kept=kept)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        install_access_log_redaction()  # after the server configured its logging
        try:
            yield
        finally:
            context.close()
            if owned:
                kept.close()

    app = FastAPI(
        title="Kept",
        version=__version__,
        summary="A privacy policy that runs: rights requests, consent, retention and audit.",
        lifespan=lifespan,
        docs_url=None,  # served offline by kept.api.html.docs
        redoc_url=None,
    )
    app.state.kept = context
    app.state.lifecycle = kept.requests
    app.state.trusted_proxies = trusted
    install_handlers(app)
    app.add_middleware(BodyLimit, max_bytes=max_body)
    for router in routers():
        app.include_router(router)
    install_web(app)
    return app
