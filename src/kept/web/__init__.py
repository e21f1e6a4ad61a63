"""What Kept shows to browsers and people, without serving it: the cookie banner script
(``banner.js``, read with :func:`asset`), the Jinja2 templates and their rendering
(:mod:`kept.web.pages`, translated by :mod:`kept.web.i18n`), the plain words for the manifest's
terms (:mod:`kept.web.words`), the export's ``summary.html`` (:mod:`kept.web.summary`), forms
and signed cookies. It builds on the manifest only: the export, the consent banner and the
pages that :mod:`kept.api.html` serves all use it. This module imports nothing heavy.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["STATIC", "asset"]

STATIC = Path(__file__).parent / "static"


def asset(name: str) -> str:
    """The text of a packaged asset, e.g. ``asset("banner.js")``."""
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
