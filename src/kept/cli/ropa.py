"""``kept ropa``: the record of processing activities (GDPR Art. 30)."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from kept.cli import app
from kept.cli._common import ManifestOption, err, fail, open_manifest
from kept.errors import KeptError, RecordsError
from kept.ropa import as_text, write_xlsx

__all__ = ["ropa"]


@app.command()
def ropa(
    manifest: Path = ManifestOption,
    fmt: str = typer.Option("csv", "--format", "-f", help="csv, xlsx or html."),
    record: str = typer.Option(
        "controller",
        "--record",
        help="For CSV: controller (Art. 30(1)) or processor (Art. 30(2)); XLSX and HTML hold both.",
    ),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write here, not stdout."),
) -> None:
    """Write the record of processing activities: one row per purpose × category × recipient."""
    loaded = open_manifest(manifest)
    try:
        if fmt == "xlsx":
            if output is None:
                if sys.stdout.isatty():
                    raise RecordsError("an XLSX workbook is binary: give --output FILE.xlsx")
                write_xlsx(loaded.manifest, sys.stdout.buffer)
                return
            counts = write_xlsx(loaded.manifest, output)
            err.print(
                f"{output}: {counts['controller']} controller rows, "
                f"{counts['processor']} processor rows",
                highlight=False,
            )
            return
        text = as_text(loaded.manifest, fmt, record)
    except KeptError as exc:
        fail(exc)
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
