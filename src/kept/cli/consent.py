"""``kept consent``: record consents, withdrawals and opt-outs; show and export a person's.

Thin commands over :class:`kept.consent.ConsentService`: e.g. a consent given on the phone, a
withdrawal or an opt-out written to the DPO, a person's ledger for an access request.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer
from rich.markup import escape
from rich.table import Table

from kept.audit import AuditLog
from kept.children import record_guardian_consent
from kept.cli import app
from kept.cli._common import (
    EXIT_FINDINGS,
    DatabaseOption,
    JsonOption,
    ManifestOption,
    fail,
    open_kept,
    open_manifest,
    out,
    print_json,
)
from kept.consent import ConsentService, LedgerEntry, verify_ledger
from kept.consent.imports import import_csv
from kept.consent.lint import consent_findings
from kept.control import control_url, open_control
from kept.errors import KeptError
from kept.execution.identity import parse_identity

__all__ = ["consent_app"]

consent_app = typer.Typer(
    help="Consent and opt-outs: record, decide, show, export, import, verify, check.",
    no_args_is_help=True,
)
app.add_typer(consent_app, name="consent")

SubjectOption = typer.Option(
    ..., "--identity", "-i", help="The person as KIND=VALUE, e.g. email=ada@example.com."
)
SourceOption = typer.Option(
    "cli", "--source", help="Where it came from: form, dpo_email, phone, banner, api, cli..."
)
EvidenceOption = typer.Option(
    None, "--evidence", help="What proves it, e.g. 'e-mail of 2026-03-02 to the DPO'."
)
NoticeOption = typer.Option(
    None, "--notice-text", help="The wording the person was shown (its hash is stored)."
)
JurisdictionOption = typer.Option(None, "--jurisdiction", help="The person's jurisdiction.")
TenantOption = typer.Option(
    None,
    "--tenant",
    help="The tenant the record holds in, or that processes (none: organisation-wide).",
)


@contextmanager
def _service(manifest: Path, database: str | None, as_json: bool) -> Iterator[ConsentService]:
    loaded = open_manifest(manifest, as_json=as_json)
    with open_kept(loaded, database, as_json) as kept:
        yield kept.consent("cli")


def _report(entry: LedgerEntry | None, what: str, as_json: bool) -> None:
    if as_json:
        print_json({"recorded": entry is not None, "entry": entry.as_dict() if entry else None})
    elif entry is None:
        out.print(f"nothing to record: {what} already in force")
    else:
        out.print(
            f"recorded {entry.id}: {entry.topic} {entry.state.value} at {entry.recorded_at} "
            f"(source {entry.source}, policy {entry.policy_version})"
        )


def _record(
    manifest: Path,
    database: str | None,
    as_json: bool,
    call: Callable[[ConsentService], LedgerEntry | None],
    what: str,
) -> None:
    with _service(manifest, database, as_json) as service:
        entry = call(service)
    _report(entry, what, as_json)


def _how(
    source: str, evidence: str | None, jurisdiction: str | None, tenant: str | None = None
) -> dict[str, Any]:
    return {
        "source": source,
        "evidence": {"note": evidence} if evidence else None,
        "jurisdiction": jurisdiction,
        "tenant": tenant,
    }


@consent_app.command("grant")
def grant(
    subject: str = SubjectOption,
    purpose: str = typer.Option(..., "--purpose", "-p", help="A purpose of the manifest."),
    source: str = SourceOption,
    evidence: str | None = EvidenceOption,
    notice_text: str | None = NoticeOption,
    jurisdiction: str | None = JurisdictionOption,
    tenant: str | None = TenantOption,
    manifest: Path = ManifestOption,
    database: str | None = DatabaseOption,
    as_json: bool = JsonOption,
) -> None:
    """Record that a person consented to a purpose."""
    how = _how(source, evidence, jurisdiction, tenant)
    _record(
        manifest,
        database,
        as_json,
        lambda s: s.grant(subject, purpose, notice_text=notice_text, **how),
        f"consent to {purpose}",
    )


@consent_app.command("withdraw")
def withdraw(
    subject: str = SubjectOption,
    purpose: str = typer.Option(..., "--purpose", "-p", help="A purpose of the manifest."),
    source: str = SourceOption,
    evidence: str | None = EvidenceOption,
    jurisdiction: str | None = JurisdictionOption,
    tenant: str | None = TenantOption,
    manifest: Path = ManifestOption,
    database: str | None = DatabaseOption,
    as_json: bool = JsonOption,
) -> None:
    """Record that a person withdrew consent to (or objected to) a purpose."""
    how = _how(source, evidence, jurisdiction, tenant)
    _record(
        manifest,
        database,
        as_json,
        lambda s: s.withdraw(subject, purpose, **how),
        f"withdrawal of {purpose}",
    )


@consent_app.command("opt-out")
def opt_out(
    subject: str = SubjectOption,
    name: str = typer.Option(..., "--opt-out", help="An opt-out of the manifest."),
    undo: bool = typer.Option(False, "--undo", help="Opt back in."),
    source: str = SourceOption,
    evidence: str | None = EvidenceOption,
    tenant: str | None = TenantOption,
    manifest: Path = ManifestOption,
    database: str | None = DatabaseOption,
    as_json: bool = JsonOption,
) -> None:
    """Record an opt-out (group sharing, do not sell or share), or undo it."""
    how = _how(source, evidence, None, tenant)
    _record(
        manifest,
        database,
        as_json,
        lambda s: (s.opt_in if undo else s.opt_out)(subject, name, **how),
        f"opt-out {name}",
    )


@consent_app.command("decide")
def decide(
    subject: str = SubjectOption,
    purpose: str = typer.Option(..., "--purpose", "-p", help="A purpose of the manifest."),
    recipient: str | None = typer.Option(None, "--recipient", help="A recipient."),
    gpc: bool = typer.Option(False, "--gpc", help="The request carries Sec-GPC: 1."),
    jurisdiction: str | None = JurisdictionOption,
    tenant: str | None = TenantOption,
    manifest: Path = ManifestOption,
    database: str | None = DatabaseOption,
    as_json: bool = JsonOption,
) -> None:
    """May this person's data be used for a purpose (and go to a recipient)? Exit 0 yes, 1 no."""
    with _service(manifest, database, as_json) as service:
        answer = service.may_process(
            subject, purpose, recipient, gpc=gpc, jurisdiction=jurisdiction, tenant=tenant
        )
    if as_json:
        print_json(answer.as_dict())
    else:
        verdict = "[green]allowed[/]" if answer.allowed else "[red]not allowed[/]"
        out.print(f"{verdict} ({answer.code}): {escape(answer.reason)}")
    if not answer.allowed:
        raise typer.Exit(1)


@consent_app.command("show")
def show(
    subject: str = SubjectOption,
    manifest: Path = ManifestOption,
    database: str | None = DatabaseOption,
    as_json: bool = JsonOption,
) -> None:
    """A person's decision for every purpose, opt-outs, and the ledger."""
    with _service(manifest, database, as_json) as service:
        state = service.state(subject)
        history = service.history(subject)
    if as_json:
        print_json({**state, "ledger": [e.as_dict() for e in history]})
        return
    table = Table("purpose", "legal basis", "allowed", "why")
    for key, decision in state["purposes"].items():
        table.add_row(
            key,
            decision["legal_basis"] or "",
            "yes" if decision["allowed"] else "no",
            escape(decision["reason"]),
        )
    out.print(table)
    for key, value in state["opt_outs"].items():
        out.print(f"opt-out {key}: {value or 'not recorded'}")
    if not history:
        out.print("no consent records for this person")
        return
    ledger = Table("time (UTC)", "topic", "state", "source", "policy")
    for e in history:
        ledger.add_row(e.recorded_at, e.topic, e.state.value, e.source, e.policy_version or "")
    out.print(ledger)


@consent_app.command("export")
def export(
    subject: str = SubjectOption,
    output: Path | None = typer.Option(None, "--out", "-o", help="Write the JSON to this file."),
    manifest: Path = ManifestOption,
    database: str | None = DatabaseOption,
) -> None:
    """A person's consent ledger and current state as JSON, for an access request."""
    with _service(manifest, database, False) as service:
        data = service.export(subject)
    if output is None:
        print_json(data)
        return
    output.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    out.print(f"wrote {len(data['ledger'])} consent records to {output}")


@consent_app.command("verify")
def verify(
    manifest: Path = ManifestOption,
    database: str | None = DatabaseOption,
    as_json: bool = JsonOption,
) -> None:
    """Check the ledger against the audit log: edited, deleted or inserted records are named.

    Exit code 0 when intact, 1 when not, 2 when the database cannot be opened.
    """
    try:
        engine = open_control(database or control_url(manifest), create=False)
        try:
            chain = AuditLog(engine).verify()
            ledger = verify_ledger(engine)
        finally:
            engine.dispose()
    except KeptError as exc:
        fail(exc, as_json=as_json)
    problems = [f"audit log: {b.message}" for b in chain.breaks] + list(ledger.problems)
    if as_json:
        print_json({"ok": not problems, "checked": ledger.checked, "problems": problems})
    elif problems:
        out.print(f"[red]consent ledger not intact[/]: {len(problems)} problem(s)")
        for problem in problems:
            out.print(f"  {escape(problem)}")
    else:
        out.print(f"[green]consent ledger intact[/]: {ledger.checked} records verified")
    if problems:
        raise typer.Exit(EXIT_FINDINGS)


@consent_app.command("check")
def check(manifest: Path = ManifestOption, as_json: bool = JsonOption) -> None:
    """Consent gaps of the manifest (trackers, banner, unsubscribe, opt-outs, GPC).

    Exit code 0 when none, 1 when some, 2 when the manifest cannot be read.
    """
    loaded = open_manifest(manifest, as_json=as_json)
    findings = consent_findings(loaded.manifest)
    if as_json:
        print_json({"ok": not findings, "findings": [f.as_dict() for f in findings]})
    elif not findings:
        out.print("[green]no consent gaps[/]")
    else:
        for finding in findings:
            out.print(
                f"[bold]{finding.code}[/] {escape(finding.target)}: {escape(finding.message)}"
            )
    if findings:
        raise typer.Exit(EXIT_FINDINGS)


@consent_app.command("import")
def import_(
    path: Path = typer.Argument(..., help="CSV: subject, purpose or opt_out, state, ..."),
    manifest: Path = ManifestOption,
    database: str | None = DatabaseOption,
    as_json: bool = JsonOption,
) -> None:
    """Record consents the company already holds (a newsletter audience, a CRM's opt-outs).

    Every line is checked first; a bad line is named and nothing is written.
    """
    with _service(manifest, database, as_json) as service:
        result = import_csv(service, path)
    if as_json:
        print_json(result.as_dict())
    else:
        out.print(
            f"{result.lines} lines: {result.recorded} recorded, {result.unchanged} already in force"
        )


@consent_app.command("guardian")
def guardian(
    identity: list[str] = typer.Option(
        ..., "--identity", "-i", help="The child: KIND=VALUE; repeatable."
    ),
    guardian_identity: str = typer.Option(
        ..., "--guardian", help="The parent or guardian: KIND=VALUE (kept as a keyed reference)."
    ),
    method: str = typer.Option(
        ..., "--method", help="How the consent was verified (signed_form, card_check, ...)."
    ),
    reference: str | None = typer.Option(
        None, "--reference", help="Where the evidence is kept (a case or document number)."
    ),
    manifest: Path = ManifestOption,
    database: str | None = DatabaseOption,
    as_json: bool = JsonOption,
) -> None:
    """Record a parent's or guardian's verified consent for a child (children.guardian_consent)."""
    try:
        child = [parse_identity(v) for v in identity]
        parent = parse_identity(guardian_identity)
    except KeptError as exc:
        fail(exc, as_json=as_json)
    with _service(manifest, database, as_json) as service:
        entry = None
        for person in child:
            entry = record_guardian_consent(
                service, person, parent, method=method, reference=reference, actor="cli"
            )
    _report(entry, "the guardian's consent", as_json)
