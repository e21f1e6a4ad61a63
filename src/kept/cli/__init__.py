"""The ``kept`` command: a thin layer over the library.

Each command opens the library object it needs, calls one library function and turns
:class:`kept.errors.KeptError` into a clean message and an exit code; no business logic here.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import shlex
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
    add_completion=True,  # --install-completion, --show-completion (bash, zsh, fish, pwsh)
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


_COMPLETE_VAR = "_KEPT_COMPLETE"


def _completed_words() -> list[str] | None:
    """When the shell asks for completions (``_KEPT_COMPLETE`` set by the script of
    ``--install-completion``), the words typed before the one being completed; else None.
    Bash passes them in ``COMP_WORDS``/``COMP_CWORD``, zsh, fish and PowerShell in
    ``_TYPER_COMPLETE_ARGS``."""
    if not os.environ.get(_COMPLETE_VAR):
        return None
    try:
        if "COMP_WORDS" in os.environ:
            words = shlex.split(os.environ["COMP_WORDS"])
            return words[1 : int(os.environ.get("COMP_CWORD", len(words)))]
        typed = os.environ.get("_TYPER_COMPLETE_ARGS", "")
        words = shlex.split(typed)[1:]
    except ValueError:  # an open quote, a bad number: complete from every command
        return []
    return words if typed.endswith(" ") else words[:-1]


def main() -> None:
    # Completing `kept retention h<TAB>` needs only kept.cli.retention; `kept <TAB>`, every
    # command (the same rule as for a command line).
    completing = _completed_words()
    _register(sys.argv[1:] if completing is None else completing)
    try:
        app()
    except KeptError as exc:  # a command that let a library error through: still no traceback
        from kept.cli._common import EXIT_UNREADABLE, fail

        try:
            fail(exc, code=EXIT_UNREADABLE)
        except typer.Exit as done:
            raise SystemExit(done.exit_code) from None
