"""``kept notice``: the privacy notice built from the manifest (GDPR Art. 13/14)."""

from __future__ import annotations

from pathlib import Path

import typer

from kept.cli import app
from kept.cli._common import EXIT_FINDINGS, ManifestOption, err, fail, open_manifest
from kept.errors import KeptError
from kept.notice import build_notice, render

__all__ = ["notice_app"]

notice_app = typer.Typer(help="The privacy notice: build it from the manifest, compare versions.")
app.add_typer(notice_app, name="notice")


@notice_app.command("build")
def build(
    manifest: Path = ManifestOption,
    fmt: str = typer.Option("html", "--format", "-f", help="html or md."),
    lang: str | None = typer.Option(
        None, "--lang", help="Language of the fixed wording (en, de); default: the notice's."
    ),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write here, not stdout."),
    strict: bool = typer.Option(
        False, "--strict", help="Exit 1 when a required item cannot be filled."
    ),
) -> None:
    """Write every Art. 13/14 item of the notice as HTML or Markdown.

    Items the manifest cannot fill read "Not stated." and are listed on stderr (kept check
    reports them as notice-* findings).
    """
    loaded = open_manifest(manifest)
    try:
        doc = build_notice(loaded.manifest, lang)
        text = render(doc, fmt)
    except KeptError as exc:
        fail(exc)
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
    for gap in doc.gaps:
        err.print(f"[yellow]missing[/] {gap.code}: {gap.message}", markup=True, highlight=False)
    if strict and doc.gaps:
        raise typer.Exit(EXIT_FINDINGS)
