"""What every endpoint works with: the application's :class:`kept.app.Kept` object."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa
from fastapi import Request

from kept.app import Kept
from kept.manifest.loader import LoadedManifest

__all__ = ["ApiContext", "get_context"]


@dataclass
class ApiContext:
    """The state one application holds: its ``Kept`` object and what to release when the
    application stops (the ``Kept`` object itself is closed by whoever opened it)."""

    kept: Kept
    # Routers that hold resources (worker threads, engines) register how to release them.
    closers: list[Callable[[], None]] = field(default_factory=list)

    @property
    def loaded(self) -> LoadedManifest:
        return self.kept.loaded

    @property
    def control(self) -> sa.Engine:
        return self.kept.control

    @property
    def manifest_path(self) -> Path:
        return self.kept.manifest_path

    def close(self) -> None:
        for closer in reversed(self.closers):
            closer()
        self.closers.clear()


def get_context(request: Request) -> ApiContext:
    """The dependency giving an endpoint the application's :class:`ApiContext`."""
    context: ApiContext = request.app.state.kept
    return context
