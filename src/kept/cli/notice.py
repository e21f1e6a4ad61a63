"""``kept notice``: the privacy notice built from the manifest (GDPR Art. 13/14)."""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
import typer
from rich.markup import escape

from kept.cli import app
from kept.cli._common import (
    EXIT_FINDINGS,
    DatabaseOption,
    JsonOption,
    ManifestOption,
    err,
    fail,
    open_kept,
    open_manifest,
    out,
    print_json,
)
from kept.errors import KeptError
from kept.execution.session import open_engines
from kept.mail import mailer_from_env
from kept.manifest import LoadedManifest
from kept.notice import build_notice, render
from kept.notice.versions import (
    diff_manifests,
    mark_consent_renewals,
    notice_versions,
    notify_change,
    people_to_notify,
    record_version,
)

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


@contextmanager
def _control(loaded: LoadedManifest, database: str | None) -> Iterator[sa.Engine]:
    with open_kept(loaded, database, code=1) as kept:
        yield kept.control


@notice_app.command("record")
def record(manifest: Path = ManifestOption, database: str | None = DatabaseOption) -> None:
    """Record the manifest's notice as a policy version when its text is new."""
    loaded = open_manifest(manifest)
    with _control(loaded, database) as engine:
        digest, new = record_version(engine, loaded.manifest, actor="cli")
    out.print(f"{'recorded' if new else 'already recorded'} {digest}")


@notice_app.command("versions")
def versions(
    manifest: Path = ManifestOption,
    database: str | None = DatabaseOption,
    as_json: bool = JsonOption,
) -> None:
    """List the recorded policy versions, oldest first."""
    loaded = open_manifest(manifest)
    with _control(loaded, database) as engine, engine.connect() as conn:
        rows = [
            dict(r)
            for r in conn.execute(
                sa.select(
                    notice_versions.c.hash,
                    notice_versions.c.version,
                    notice_versions.c.recorded_at,
                    notice_versions.c.effective,
                ).order_by(notice_versions.c.recorded_at)
            ).mappings()
        ]
    if as_json:
        print_json(rows)
    for row in [] if as_json else rows:
        out.print(f"{row['recorded_at']} {row['hash'][:12]} version {row['version']}")


@notice_app.command("diff")
def diff(
    old: Path = typer.Argument(..., help="The earlier manifest."),
    new: Path = typer.Argument(..., help="The new manifest (its stores are searched)."),
    database: str | None = DatabaseOption,
    people: Path | None = typer.Option(
        None, "--people", help="Write the people to notify as CSV here ('-': stdout)."
    ),
    send: bool = typer.Option(
        False, "--notify", help="E-mail them through Kept's mailer, one record per person."
    ),
    renew: bool = typer.Option(
        False, "--renew-consents", help="Mark older consents to touched purposes for renewal."
    ),
    as_json: bool = JsonOption,
) -> None:
    """Classify the changes between two manifests' notices as material or editorial.

    Exit code 0 when every change is editorial, 1 when one is material.
    """
    before, after = open_manifest(old, as_json=as_json), open_manifest(new, as_json=as_json)
    result = diff_manifests(before.manifest, after.manifest)
    if people is not None:
        with open_engines(after) as engines:
            stream = sys.stdout if str(people) == "-" else people.open("w", newline="")
            try:
                writer = csv.writer(stream)
                writer.writerow(["kind", "identity", "tenant"])
                for row in people_to_notify(after.manifest, result, engines):
                    writer.writerow(row)
            finally:
                if stream is not sys.stdout:
                    stream.close()
    summary: dict[str, object] = result.as_dict()
    if send or renew:
        with _control(after, database) as engine:
            record_version(engine, after.manifest, actor="cli")
            if send:
                with open_engines(after) as engines:
                    summary["notified"] = notify_change(
                        engine,
                        after.manifest,
                        result,
                        engines,
                        mailer_from_env(str(engine.url)),
                        actor="cli",
                    )
            if renew:
                version = (
                    after.manifest.notice.version if after.manifest.notice else result.new_hash
                )
                summary["consents_to_renew"] = mark_consent_renewals(
                    engine, result, new_version=version, actor="cli"
                )
    if as_json:
        print_json(summary)
    elif people is None or str(people) != "-":
        for change in result.changes:
            mark = "[red]material[/]" if change.material else "[dim]editorial[/]"
            out.print(f"{mark} {escape(change.what)}")
        for key in ("notified", "consents_to_renew"):
            if key in summary:
                out.print(f"{key.replace('_', ' ')}: {summary[key]}")
    raise typer.Exit(EXIT_FINDINGS if result.material else 0)
