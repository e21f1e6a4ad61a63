"""The web pages ``kept serve`` serves beside the JSON API: the privacy center for the people
(:mod:`kept.api.html.center`), the console for the privacy team (:mod:`kept.api.html.console`,
its queue in :mod:`kept.api.html.queue`), and the API's documentation pages working offline
(:mod:`kept.api.html.docs`).

The pages are server-rendered Jinja2 templates (from :mod:`kept.web`, which renders them) with
plain HTML forms (POST-redirect-GET) and one stylesheet; no script on Kept's pages and no asset
from anywhere else. :func:`install` adds them to an application made by
:func:`kept.api.create_app`.
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from kept.api.html import center, console, docs
from kept.web import STATIC

__all__ = ["install"]


def install(app: FastAPI) -> None:
    """Add the privacy center, the console, ``/static`` and offline ``/docs`` + ``/redoc``."""
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(center.router)
    app.include_router(console.router)
    app.include_router(docs.router)
