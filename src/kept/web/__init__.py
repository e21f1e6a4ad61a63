"""What Kept serves to browsers: the cookie banner script (``banner.js``, read with
:func:`asset`), and the web pages served by ``kept serve`` beside the JSON API: the privacy
center for the people (:mod:`kept.web.center`), the console for the privacy team
(:mod:`kept.web.console`), and the API's documentation pages working offline
(:mod:`kept.web.docs`).

The pages are server-rendered Jinja2 templates with plain HTML forms (POST-redirect-GET) and
one stylesheet; no script on Kept's pages and no asset from anywhere else. :func:`install`
adds them to an application made by :func:`kept.api.create_app`. This module imports nothing
heavy: the consent package reads the banner script through it.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["STATIC", "asset", "install"]

STATIC = Path(__file__).parent / "static"


def asset(name: str) -> str:
    """The text of a packaged asset, e.g. ``asset("banner.js")``."""
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")


def install(app: FastAPI) -> None:
    """Add the privacy center, the console, ``/static`` and offline ``/docs`` + ``/redoc``."""
    from fastapi.staticfiles import StaticFiles

    from kept.web import center, console, docs

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(center.router)
    app.include_router(console.router)
    app.include_router(docs.router)
