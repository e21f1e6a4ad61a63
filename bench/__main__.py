"""``python -m bench [--only NAME] [--postgres URL] [--mariadb URL] [--quick] [--list]``.

Runs the registered benchmarks, prints a table of Kept figures beside their plain-SQL baselines
and writes the results as JSON (``bench/out/results.json``). Exits 1 when a benchmark failed
(a benchmark whose server is unreachable is skipped, not failed).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console

from bench import dbs
from bench.runner import OUT, Context, discover, run, select, table, write_json


def _server(value: str) -> str | None:
    return None if value.lower() in ("", "none", "off") else value


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="NAME",
        help="run only this benchmark, topic or glob (repeatable): synth, synth.postgres",
    )
    parser.add_argument(
        "--postgres",
        type=_server,
        default=os.environ.get("KEPT_BENCH_POSTGRES_URL", dbs.DEFAULT_POSTGRES),
        metavar="URL",
        help="administrative URL of the PostgreSQL server ('none' to skip it)",
    )
    parser.add_argument(
        "--mariadb",
        type=_server,
        default=os.environ.get("KEPT_BENCH_MARIADB_URL", dbs.DEFAULT_MARIADB),
        metavar="URL",
        help="administrative URL of the MariaDB server ('none' to skip it)",
    )
    parser.add_argument("--quick", action="store_true", help="small sizes (under a minute)")
    parser.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    parser.add_argument("--out", type=Path, default=OUT / "results.json", help="JSON results")
    args = parser.parse_args(argv)

    registry = discover()
    chosen = select(registry, args.only)
    if args.list:
        for item in chosen:
            needs = f" (needs {', '.join(item.needs)})" if item.needs else ""
            print(f"{item.name:<28} {item.description}{needs}")
        return 0
    ctx = Context(quick=args.quick, postgres=args.postgres, mariadb=args.mariadb)
    report = run(ctx, chosen)
    Console(width=None if sys.stdout.isatty() else 160).print(table(report))
    path = write_json(report, args.out)
    ctx.console.print(f"results: {path}")
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
