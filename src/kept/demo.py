"""``make demo``: the five seed companies' examples, each held against its manifest, then one
rights request end to end on vCloudPoint (access export, erasure plan, erasure, audit).

Run as ``python -m kept.demo [FOLDER]``; without a folder the examples go to a new temporary
folder, which is kept so you can explore it (its path is printed).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa
from rich.console import Console
from rich.table import Table

from kept.audit import AuditLog
from kept.check import run_check
from kept.errors import KeptError
from kept.examples import EXAMPLES, create_example
from kept.execution import Identity, RightsService
from kept.manifest import load_manifest

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]) if args else Path(tempfile.mkdtemp(prefix="kept-demo-"))
    console = Console(highlight=False)
    console.print(f"[bold]Kept demo[/]: the five seed companies, in {folder}\n")
    table = Table("company", "tables", "rows", "findings", "waived", "seconds")
    failed = 0
    for name in EXAMPLES:
        started = time.perf_counter()
        try:
            info = create_example(name, folder / name)
            report = run_check(load_manifest(info.manifest))
        except KeptError as exc:
            console.print(f"[red]{name}: {exc}[/]")
            failed += 1
            continue
        seconds = time.perf_counter() - started
        status = "[green]0[/]" if report.ok else f"[red]{len(report.findings)}[/]"
        failed += 0 if report.ok else 1
        table.add_row(
            name,
            str(len(info.rows)),
            str(sum(info.rows.values())),
            status,
            str(len(report.waived)),
            f"{seconds:.2f}",
        )
        for finding in report.findings:
            console.print(f"[red]{name}: {finding.code} {finding.message}[/]")
    console.print(table)
    if not failed:
        failed += _rights_request(console, folder / "vcloudpoint")
    console.print(
        f"\nEach folder holds kept.yaml and a SQLite sample. Try:\n"
        f"  .venv/bin/kept check -m {folder / 'vcloudpoint' / 'kept.yaml'}\n"
        f"  .venv/bin/kept check -m {folder / 'smartspace' / 'kept.yaml'} --json\n"
        f"  .venv/bin/kept request access -m {folder / 'vivibit' / 'kept.yaml'} "
        "-i email=ADDRESS --out /tmp\n"
        f"  .venv/bin/kept audit show -m {folder / 'vcloudpoint' / 'kept.yaml'}"
    )
    return 1 if failed else 0


def _rights_request(console: Console, folder: Path) -> int:
    """One person of the vCloudPoint example: access export, erasure plan, erasure, audit."""
    loaded = load_manifest(folder / "kept.yaml")
    engine = sa.create_engine(f"sqlite:///{folder / 'vcloudpoint.sqlite'}")
    with engine.connect() as conn:
        email = str(conn.exec_driver_sql("SELECT email FROM accounts ORDER BY id LIMIT 1").scalar())
    engine.dispose()
    person = [Identity("email", email)]
    service = RightsService.open(loaded)
    try:
        access = service.access(person, folder / "exports")
        console.print(
            f"\n[bold]Access request[/] for {email}: {access.total} rows from "
            f"{sum(1 for n in access.rows.values() if n)} tables in "
            f"{access.seconds * 1000:.0f} ms → {access.export}"
        )
        plan = service.erase({"demo-erasure": person}, dry_run=True)
        changed = sum(sum(t.before.values()) for t in plan.tables if t.action != "keep")
        kept = sum(sum(t.before.values()) for t in plan.tables if t.action == "keep")
        console.print(
            f"[bold]Erasure plan[/] {plan.plan_hash}: {changed} rows to erase, {kept} kept "
            "with their ground (communication and survey records, shipping records)"
        )
        done = service.erase({"demo-erasure": person}, expected_plan=plan.plan_hash)
        verdict = "[green]verified[/]" if done.verified else "[red]NOT verified[/]"
        console.print(f"[bold]Erasure[/] executed exactly that plan: {verdict}")
        audit = AuditLog(service.control).verify()
        console.print(
            f"[bold]Audit log[/]: {audit.checked} entries, chain "
            + ("[green]intact[/]" if audit.ok else "[red]broken[/]")
        )
        return 0 if done.verified and audit.ok else 1
    except KeptError as exc:
        console.print(f"[red]rights request failed: {exc}[/]")
        return 1
    finally:
        service.close()


if __name__ == "__main__":
    raise SystemExit(main())
