"""Helpers shared by the CLI commands: options, error display and exit codes."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import sqlalchemy as sa
import typer
from rich.console import Console

from kept.errors import ControlUnavailableError, KeptError, ManifestError, StoreUnavailableError
from kept.manifest import DEFAULT_MANIFEST, LoadedManifest, load_manifest

if TYPE_CHECKING:  # the Kept object (settings, engines, services) loads when a command runs
    from kept.app import Kept

__all__ = [
    "EXIT_FINDINGS",
    "EXIT_NO_MATCH",
    "EXIT_OK",
    "EXIT_UNAVAILABLE",
    "EXIT_UNREADABLE",
    "DatabaseOption",
    "JsonOption",
    "ManifestOption",
    "control_engine",
    "err",
    "fail",
    "open_kept",
    "open_manifest",
    "out",
    "print_json",
]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_UNREADABLE = 2
EXIT_UNAVAILABLE = 4  # a store or the control database cannot be reached

EXIT_NO_MATCH = 3
"""A rights request whose identities match nobody (``no_match``)."""

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def _default_manifest() -> Path:
    """``KEPT_MANIFEST`` of the settings (a ``.env`` file; the environment's is read by the
    option itself), else ``kept.yaml``; the settings load only when no manifest was named."""
    from kept.settings import ENV_FILE, load_settings

    if not Path(ENV_FILE).is_file():
        return Path(DEFAULT_MANIFEST)
    try:
        return load_settings().manifest
    except KeptError as exc:
        fail(exc)


ManifestOption = typer.Option(
    ...,
    "--manifest",
    "-m",
    default_factory=_default_manifest,
    envvar="KEPT_MANIFEST",
    help="The manifest: a YAML file, or a folder of YAML files.",
    show_default=f"{DEFAULT_MANIFEST}, or KEPT_MANIFEST",
)

DatabaseOption = typer.Option(
    None,
    "--database",
    metavar="URL",
    help="The control database URL (default: $KEPT_DATABASE_URL, else kept.db beside the "
    "manifest).",
)
JsonOption = typer.Option(False, "--json", help="Print JSON instead of text.")


def fail(exc: KeptError, *, as_json: bool = False, code: int = EXIT_UNREADABLE) -> NoReturn:
    """Print a library error (never a traceback) and exit with ``code``; a store or control
    database that cannot be reached always exits with :data:`EXIT_UNAVAILABLE`."""
    if isinstance(exc, StoreUnavailableError | ControlUnavailableError):
        code = EXIT_UNAVAILABLE
    if as_json:
        payload: dict[str, Any] = {"ok": False, "error": type(exc).__name__, "message": str(exc)}
        if isinstance(exc, ManifestError):
            payload["problems"] = [p.as_dict() for p in exc.problems]
        print_json(payload)
    else:
        err.print(f"[bold red]error:[/] {exc}", markup=True, highlight=False)
    raise typer.Exit(code)


@contextmanager
def open_kept(
    loaded: LoadedManifest,
    database: str | None,
    as_json: bool = False,
    *,
    code: int = EXIT_UNREADABLE,
    **options: Any,
) -> Iterator[Kept]:
    """The :class:`kept.app.Kept` object for one command: the settings (``KEPT_*``, ``.env``;
    ``--database`` overrides ``KEPT_DATABASE_URL``, else ``kept.db`` beside the manifest) and
    ``loaded``, closed after the command. A library error, in opening it or in the command's
    work, ends the command with a message and ``code``; ``options`` go to :class:`Kept`."""
    from kept.app import Kept

    try:
        kept = Kept.open(loaded, database=database, **options)
        try:
            yield kept
        finally:
            kept.close()
    except KeptError as exc:
        fail(exc, as_json=as_json, code=code)


@contextmanager
def control_engine(
    loaded: LoadedManifest, database: str | None, as_json: bool, *, code: int = EXIT_FINDINGS
) -> Iterator[sa.Engine]:
    """Kept's control database for one command (the one of :func:`open_kept`), disposed of
    after it; a library error, in opening it or in the command's work, ends the command with
    a message and ``code``."""
    with open_kept(loaded, database, as_json, code=code) as kept:
        yield kept.control


def open_manifest(path: Path, *, as_json: bool = False) -> LoadedManifest:
    try:
        return load_manifest(path)
    except ManifestError as exc:
        fail(exc, as_json=as_json)


def print_json(payload: Any) -> None:
    sys.stdout.write(json.dumps(payload, indent=2, sort_keys=False, default=str) + "\n")
