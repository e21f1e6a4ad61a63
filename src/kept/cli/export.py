"""``kept export``: data for other uses than a person's request (de-identified exports)."""

from __future__ import annotations

from pathlib import Path

import typer

from kept.cli import app
from kept.cli._common import (
    DatabaseOption,
    JsonOption,
    ManifestOption,
    open_kept,
    open_manifest,
    out,
    print_json,
)
from kept.deidentify import export_deidentified

__all__ = ["export_app"]

export_app = typer.Typer(help="Exports for other uses: de-identified data.", no_args_is_help=True)
app.add_typer(export_app, name="export")


@export_app.command("deidentified")
def deidentified(
    collection: str = typer.Option(
        ..., "--collection", help="DATASET.COLLECTION with a deidentify: block in the manifest."
    ),
    out_file: Path | None = typer.Option(
        None, "--out", help="The file to write (default: COLLECTION.deidentified.csv here)."
    ),
    fmt: str = typer.Option("csv", "--format", help="csv or jsonl."),
    manifest: Path = ManifestOption,
    database: str | None = DatabaseOption,
    as_json: bool = JsonOption,
) -> None:
    """Write a collection with personal fields removed, generalised or pseudonymised; fails,
    writing nothing, if any identity value of any person would be in it."""
    loaded = open_manifest(manifest, as_json=as_json)
    target = out_file or Path(f"{collection}.deidentified.{fmt}")
    with open_kept(loaded, database, as_json, code=1) as kept:
        result = export_deidentified(
            loaded, collection, target, engines=kept.engines, secret=kept.secret, fmt=fmt
        )
    if as_json:
        print_json(result.as_dict())
        return
    out.print(
        f"{result.rows} rows of {collection} → {target} ({len(result.columns)} fields; removed: "
        f"{', '.join(result.removed) or 'none'}); checked against "
        f"{result.identities_checked} identity values of people: none in it"
    )
