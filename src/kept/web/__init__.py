"""Static assets Kept serves to browsers: the cookie banner script (``banner.js``)."""

from __future__ import annotations

from importlib import resources

__all__ = ["asset"]


def asset(name: str) -> str:
    """The text of a packaged asset, e.g. ``asset("banner.js")``."""
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
