"""The ``kept`` command: a thin layer over the library.

Each command opens the library object it needs, calls one library function and turns
:class:`kept.errors.KeptError` into a clean message and an exit code; no business logic here.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys

import typer

from kept import __version__
from kept.errors import KeptError

__all__ = ["COMMANDS", "app", "main"]

# Each public module of this package defines the command named after it (kept.cli.request:
# `kept request ...`); --help lists these first, then the others in alphabetical order. A new
# command is a new module of that name: `main` imports only the one a command line names.
COMMANDS = ("check", "request", "example", "audit")

app = typer.Typer(
    name="kept",
    help="Kept: a privacy policy that runs against your real databases.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kept {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Kept: a privacy policy that runs against your real databases."""


def _register(argv: list[str] | None = None) -> None:
    """Import the command modules: each defines the command named after it and registers it
    on import. Given the command line (``argv``, without the program name), only the module
    of the command it names is imported (``kept request ...`` loads neither the HTTP API nor
    the consent engine), and none for ``kept --version``; for help, no command or an unknown
    one, all of them."""
    found = {m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_")}
    if argv is not None:
        words = [a for a in argv if not a.startswith("-")]
        if not words and "--version" in argv:
            return
        if words and words[0] in found and "--help" not in argv[: argv.index(words[0])]:
            importlib.import_module(f"kept.cli.{words[0]}")
            return
    for name in [*COMMANDS, *sorted(found - set(COMMANDS))]:
        importlib.import_module(f"kept.cli.{name}")


def main() -> None:
    _register(sys.argv[1:])
    try:
        app()
    except KeptError as exc:  # a command that let a library error through: still no traceback
        from kept.cli._common import EXIT_UNREADABLE, fail

        try:
            fail(exc, code=EXIT_UNREADABLE)
        except typer.Exit as done:
            raise SystemExit(done.exit_code) from None
