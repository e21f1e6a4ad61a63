"""What every endpoint works with: the manifest and the control-plane database."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa
from fastapi import Request

from kept.manifest.loader import LoadedManifest

__all__ = ["ApiContext", "get_context"]


@dataclass
class ApiContext:
    """The state one application holds; closed when the application stops."""

    manifest_path: Path
    loaded: LoadedManifest
    control: sa.Engine
    # Routers that hold resources (worker threads, engines) register how to release them.
    closers: list[Callable[[], None]] = field(default_factory=list)

    def close(self) -> None:
        for closer in reversed(self.closers):
            closer()
        self.closers.clear()
        self.control.dispose()


def get_context(request: Request) -> ApiContext:
    """The dependency giving an endpoint the application's :class:`ApiContext`."""
    context: ApiContext = request.app.state.kept
    return context
