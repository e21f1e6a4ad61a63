"""``kept report``: reports for the privacy team (children's accounts)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer
from rich.table import Column, Table

from kept.children import children_report
from kept.cli import app
from kept.cli._common import (
    DatabaseOption,
    JsonOption,
    ManifestOption,
    fail,
    open_kept,
    open_manifest,
    out,
    print_json,
)
from kept.errors import KeptError

__all__ = ["report_app"]

report_app = typer.Typer(help="Reports for the privacy team.", no_args_is_help=True)
app.add_typer(report_app, name="report")


@report_app.command("children")
def children(
    today: str | None = typer.Option(None, "--today", help="Measure ages on this day (ISO)."),
    manifest: Path = ManifestOption,
    database: str | None = DatabaseOption,
    as_json: bool = JsonOption,
) -> None:
    """Accounts under the minimum age, or reported as children, without a guardian's consent.
    Exit 1 when there are any (to delete, or to ask consent for)."""
    loaded = open_manifest(manifest, as_json=as_json)
    try:
        day = dt.date.fromisoformat(today) if today else None
    except ValueError:
        fail(KeptError(f"--today {today!r} is not a date (YYYY-MM-DD)"), as_json=as_json)
    with open_kept(loaded, database, as_json, code=1) as kept:
        report = children_report(loaded, kept.control, kept.engines, today=day)
    if as_json:
        print_json(report.as_dict())
    elif not report.without_consent:
        out.print(
            f"no child's account without a guardian's consent ({report.with_consent} with consent)"
        )
    else:
        table = Table(
            Column("collection", no_wrap=True),
            Column("key", no_wrap=True),
            *(Column(n, overflow="fold") for n in ("reason", "since", "minimum age")),
        )
        for account in report.without_consent:
            table.add_row(
                account.collection,
                ", ".join(f"{k}={v}" for k, v in account.key.items()),
                account.reason,
                account.since or "",
                str(account.minimum_age or ""),
            )
        out.print(table)
        deadline = report.erase_within_days
        when = f" within {deadline} days" if deadline is not None else " as soon as possible"
        out.print(
            f"{len(report.without_consent)} accounts to delete{when} or to ask a guardian's "
            f"consent for ({report.with_consent} with consent)"
        )
    raise typer.Exit(1 if report.without_consent else 0)
