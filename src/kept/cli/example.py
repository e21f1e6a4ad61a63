"""``kept example``: the five seed companies as ready-made manifests and sample databases."""

from __future__ import annotations

from pathlib import Path

import typer

from kept.cli import app
from kept.cli._common import fail, out
from kept.errors import ExampleError, KeptError
from kept.examples import EXAMPLES, create_example

__all__ = ["example_app"]

example_app = typer.Typer(help="The seed companies' examples.", no_args_is_help=True)
app.add_typer(example_app, name="example")


@example_app.command("list")
def list_examples() -> None:
    """List the examples."""
    for name in EXAMPLES:
        out.print(name)


@example_app.command("create")
def create(
    name: str = typer.Argument(..., help=f"One of: {', '.join(EXAMPLES)}."),
    directory: Path = typer.Argument(..., help="Folder to write kept.yaml (and the sample) to."),
    url: str | None = typer.Option(
        None, "--url", help="Fill this database (PostgreSQL, MariaDB) instead of a SQLite file."
    ),
    people: int = typer.Option(300, "--people", min=1, help="How many people to generate."),
    seed: int = typer.Option(0, "--seed", help="Random seed; the same seed gives the same data."),
    force: bool = typer.Option(
        False, "--force", help="Write into a folder that is not empty (its kept.yaml is replaced)."
    ),
) -> None:
    """Write an example's manifest and a sample database, ready for `kept check`."""
    if not force and directory.is_dir() and any(directory.iterdir()):
        fail(ExampleError(f"{directory} is not empty; choose an empty folder or pass --force"))
    try:
        info = create_example(name, directory, url=url, people=people, seed=seed)
    except KeptError as exc:
        fail(exc)
    total = sum(info.rows.values())
    out.print(
        f"{name}: {total} rows in {len(info.rows)} tables at {info.url}; manifest {info.manifest}"
    )
