"""``make demo``: create the five seed companies' examples and hold each against its manifest.

Run as ``python -m kept.demo [FOLDER]``; without a folder the examples go to a new temporary
folder, which is kept so you can explore it (its path is printed).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from kept.check import run_check
from kept.errors import KeptError
from kept.examples import EXAMPLES, create_example
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
    console.print(
        f"\nEach folder holds kept.yaml and a SQLite sample. Try:\n"
        f"  .venv/bin/kept check -m {folder / 'vcloudpoint' / 'kept.yaml'}\n"
        f"  .venv/bin/kept check -m {folder / 'smartspace' / 'kept.yaml'} --json"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
