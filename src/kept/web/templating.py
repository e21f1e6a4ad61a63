"""The Jinja2 environment of Kept's templates, without the web framework: the access export's
``summary.html`` is rendered with it by the CLI and the worker, which load no FastAPI."""

from __future__ import annotations

from pathlib import Path

import jinja2

__all__ = ["TEMPLATES", "environment"]

TEMPLATES = Path(__file__).parent / "templates"

_environment: jinja2.Environment | None = None


def environment() -> jinja2.Environment:
    global _environment
    if _environment is None:
        _environment = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES),
            autoescape=jinja2.select_autoescape(("html", "xml"), default=True),
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
    return _environment
