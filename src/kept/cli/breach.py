"""``kept breach``: the breach register (GDPR Art. 33/34)."""

from __future__ import annotations

import csv
import datetime as dt
import sys
from pathlib import Path

import typer
from rich.markup import escape

from kept.breach import (
    Breach,
    Scope,
    affected_people,
    assess,
    authority_notice,
    close_breach,
    get_breach,
    list_breaches,
    notify_authority,
    notify_people,
    people_notice,
    record_breach,
)
from kept.cli import app
from kept.cli._common import (
    DatabaseOption,
    JsonOption,
    ManifestOption,
    fail,
    open_manifest,
    out,
    print_json,
)
from kept.cli._common import (
    control_engine as _control,
)
from kept.errors import RecordsError
from kept.execution.session import open_engines
from kept.mail import mailer_from_env

__all__ = ["breach_app"]

breach_app = typer.Typer(help="The breach register: record, show, notify, close (Art. 33/34).")
app.add_typer(breach_app, name="breach")


def _when(text: str | None) -> dt.datetime | None:
    if text is None:
        return None
    try:
        when = dt.datetime.fromisoformat(text)
    except ValueError as exc:
        raise RecordsError(f"{text!r} is not an ISO date and time (2026-12-04T09:30)") from exc
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


def _print(breach: Breach, as_json: bool) -> None:
    if as_json:
        print_json(breach.as_dict())
        return
    data = breach.as_dict()
    clock = data["clock"]
    out.print(f"[bold]{breach.id}[/] {escape(breach.summary)} ({breach.status})")
    out.print(
        f"discovered {breach.discovered_at}; authority due {clock['authority_due']} "
        f"({clock['hours_left']} h left{', OVERDUE' if clock['overdue'] else ''})"
    )
    out.print(
        f"people {breach.people} {breach.counts.get('people', {})}; "
        f"records {breach.records}; tenants {breach.counts.get('tenants', {})}"
    )
    out.print(f"risk {breach.risk or 'not assessed'}")
    for item in clock["due"]:
        out.print(f"  due: {escape(item)}")


@breach_app.command("record")
def record(
    what: str = typer.Option(..., "--what", help="What happened."),
    discovered: str = typer.Option(..., "--discovered", help="When it was discovered (ISO)."),
    manifest: Path = ManifestOption,
    database: str | None = DatabaseOption,
    occurred: str | None = typer.Option(None, "--occurred", help="When it happened (ISO)."),
    store: list[str] = typer.Option([], "--store", help="A store breached (repeatable)."),
    collection: list[str] = typer.Option(
        [], "--collection", help="A collection breached, dataset.collection (repeatable)."
    ),
    category: list[str] = typer.Option([], "--category", help="A data category (repeatable)."),
    tenant: str | None = typer.Option(None, "--tenant", help="Only this tenant's people."),
    risk: str | None = typer.Option(None, "--risk", help="unlikely, risk or high."),
    consequences: str | None = typer.Option(None, "--consequences"),
    measures: str | None = typer.Option(None, "--measures"),
    as_json: bool = JsonOption,
) -> None:
    """Record a breach; the people and records affected are counted in the stores."""
    loaded = open_manifest(manifest, as_json=as_json)
    with _control(loaded, database, as_json) as engine, open_engines(loaded) as engines:
        discovered_at = _when(discovered)
        if discovered_at is None:  # pragma: no cover - the option is required
            raise RecordsError("--discovered is required")
        breach = record_breach(
            engine,
            loaded.manifest,
            engines,
            summary=what,
            discovered_at=discovered_at,
            occurred_at=_when(occurred),
            scope=Scope(tuple(store), tuple(collection), tuple(category), tenant),
            actor="cli",
            risk=risk,
            consequences=consequences,
            measures=measures,
        )
        _print(breach, as_json)


@breach_app.command("show")
def show(
    breach_id: str = typer.Argument(None, help="The breach (brc_...); none: list them all."),
    manifest: Path = ManifestOption,
    database: str | None = DatabaseOption,
    people: Path | None = typer.Option(
        None,
        "--people",
        help="Write the affected people (kind, identity, tenant) as CSV here ('-' for stdout).",
    ),
    draft: str | None = typer.Option(None, "--draft", help="Print a draft: authority or people."),
    as_json: bool = JsonOption,
) -> None:
    """Show a breach with its 72-hour clock and what is due, its people or a notice draft."""
    loaded = open_manifest(manifest, as_json=as_json)
    with _control(loaded, database, as_json) as engine:
        if breach_id is None:
            items = list_breaches(engine)
            if as_json:
                print_json([b.as_dict() for b in items])
            for b in [] if as_json else items:
                _print(b, False)
            return
        breach = get_breach(engine, breach_id)
        if draft == "authority":
            typer.echo(authority_notice(loaded.manifest, breach))
        elif draft == "people":
            subject, body = people_notice(loaded.manifest, breach)
            typer.echo(f"Subject: {subject}\n\n{body}")
        elif draft is not None:
            raise RecordsError(f"unknown draft {draft!r}: use authority or people")
        elif people is not None:
            with open_engines(loaded) as engines:
                stream = sys.stdout if str(people) == "-" else people.open("w", newline="")
                try:
                    writer = csv.writer(stream)
                    writer.writerow(["kind", "identity", "tenant"])
                    for row in affected_people(loaded.manifest, breach.scope, engines):
                        writer.writerow(["'" + v if v and v[0] in "=+-@" else v for v in row])
                finally:
                    if stream is not sys.stdout:
                        stream.close()
        else:
            _print(breach, as_json)


@breach_app.command("assess")
def assess_(
    breach_id: str = typer.Argument(..., help="The breach (brc_...)."),
    manifest: Path = ManifestOption,
    database: str | None = DatabaseOption,
    risk: str | None = typer.Option(None, "--risk", help="unlikely, risk or high."),
    consequences: str | None = typer.Option(None, "--consequences"),
    measures: str | None = typer.Option(None, "--measures"),
    as_json: bool = JsonOption,
) -> None:
    """Record the risk assessment: risk, likely consequences, measures."""
    loaded = open_manifest(manifest, as_json=as_json)
    with _control(loaded, database, as_json) as engine:
        _print(
            assess(
                engine,
                breach_id,
                actor="cli",
                risk=risk,
                consequences=consequences,
                measures=measures,
            ),
            as_json,
        )


@breach_app.command("notify")
def notify(
    breach_id: str = typer.Argument(..., help="The breach (brc_...)."),
    manifest: Path = ManifestOption,
    database: str | None = DatabaseOption,
    authority: bool = typer.Option(False, "--authority", help="Record the authority notified."),
    reference: str | None = typer.Option(None, "--reference", help="The authority's reference."),
    delay_reason: str | None = typer.Option(
        None, "--delay-reason", help="Why later than 72 hours (required then)."
    ),
    people: bool = typer.Option(False, "--people", help="E-mail the notice to the people."),
    as_json: bool = JsonOption,
) -> None:
    """Record the notification to the authority and/or e-mail the affected people."""
    if not (authority or people):
        fail(RecordsError("say --authority, --people or both"), as_json=as_json)
    loaded = open_manifest(manifest, as_json=as_json)
    with _control(loaded, database, as_json) as engine:
        breach = get_breach(engine, breach_id)
        if authority:
            breach = notify_authority(
                engine, breach_id, actor="cli", reference=reference, delay_reason=delay_reason
            )
        if people:
            with open_engines(loaded) as engines:
                breach = notify_people(
                    engine,
                    loaded.manifest,
                    engines,
                    breach_id,
                    mailer_from_env(str(engine.url)),
                    actor="cli",
                )
        _print(breach, as_json)


@breach_app.command("close")
def close(
    breach_id: str = typer.Argument(..., help="The breach (brc_...)."),
    reason: str = typer.Option(..., "--reason", help="What was done; why it is closed."),
    manifest: Path = ManifestOption,
    database: str | None = DatabaseOption,
    as_json: bool = JsonOption,
) -> None:
    """Close a breach with the reason."""
    loaded = open_manifest(manifest, as_json=as_json)
    with _control(loaded, database, as_json) as engine:
        _print(close_breach(engine, breach_id, actor="cli", reason=reason), as_json)
