"""Register, run and report benchmarks; each Kept figure beside a plain-SQL baseline.

A benchmark is a function of a :class:`Context` that yields :class:`Figure` objects, registered
with :func:`benchmark` in a module ``bench/bench_<topic>.py``::

    from collections.abc import Iterator

    from bench.measure import timeit
    from bench.runner import Context, Figure, benchmark


    @benchmark("access.one", needs=("postgres",))
    def access_one(ctx: Context) -> Iterator[Figure]:
        \"\"\"One access request against the synthetic database.\"\"\"
        with ctx.database("postgres") as url:
            ...  # generate data, then time Kept and the hand-written SQL
            yield Figure("one access request", "s", kept=..., baseline=..., target=0.030)

``python -m bench`` imports every ``bench_*`` module, runs the registered benchmarks (or those
``--only`` names), prints a table and writes ``bench/out/results.json``.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import importlib
import json
import os
import pkgutil
import platform
import time
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TypeVar

from rich.console import Console
from rich.table import Table

from bench import dbs

__all__ = [
    "OUT",
    "REGISTRY",
    "Benchmark",
    "Context",
    "Figure",
    "Kind",
    "Outcome",
    "Registered",
    "Report",
    "Service",
    "Skip",
    "benchmark",
    "discover",
    "format_value",
    "run",
    "select",
    "table",
    "write_json",
]

OUT = Path(__file__).resolve().parent / "out"
"""Where results go (git-ignored)."""

T = TypeVar("T")
Service = Literal["postgres", "mariadb"]
Kind = Literal["sqlite", "postgres", "mariadb"]


class Skip(Exception):  # noqa: N818 - a signal, like pytest.skip, not an error
    """Raise (or let :class:`Context` raise) to skip a benchmark, with the reason."""


@dataclass
class Figure:
    """One measured figure: Kept's value and, measured in the same run, the baseline's.

    ``unit`` is one of ``s``, ``ms``, ``rows/s``, ``bytes`` or any label; ``higher_is_better``
    says which way is good (speeds) or bad (times, memory). ``target`` is the bound the
    figure must meet (an upper bound unless ``higher_is_better``).
    """

    name: str
    unit: str
    kept: float
    baseline: float | None = None
    higher_is_better: bool = False
    target: float | None = None
    note: str = ""
    details: dict[str, Any] = field(default_factory=dict)
    benchmark: str = ""

    @property
    def ratio(self) -> float | None:
        """Kept ÷ baseline (for times: how many times slower; for speeds: the share)."""
        if self.baseline is None or self.baseline == 0:
            return None
        return self.kept / self.baseline

    @property
    def meets_target(self) -> bool | None:
        if self.target is None:
            return None
        return self.kept >= self.target if self.higher_is_better else self.kept <= self.target

    def as_json(self) -> dict[str, Any]:
        return {
            "benchmark": self.benchmark,
            "name": self.name,
            "unit": self.unit,
            "kept": self.kept,
            "baseline": self.baseline,
            "ratio": self.ratio,
            "higher_is_better": self.higher_is_better,
            "target": self.target,
            "meets_target": self.meets_target,
            "note": self.note,
            "details": self.details,
        }


Benchmark = Callable[["Context"], Iterable[Figure]]


@dataclass(frozen=True)
class Registered:
    name: str
    func: Benchmark
    needs: tuple[Service, ...]
    description: str
    module: str


REGISTRY: dict[str, Registered] = {}


def benchmark(name: str, *, needs: Sequence[Service] = ()) -> Callable[[Benchmark], Benchmark]:
    """Register a benchmark under ``name`` (dotted: ``topic.case``); ``needs`` names the
    servers it uses, so it is skipped (not failed) where they are not reachable."""

    def register(func: Benchmark) -> Benchmark:
        if name in REGISTRY and REGISTRY[name].func is not func:
            raise ValueError(f"benchmark {name!r} is registered twice")
        doc = (func.__doc__ or "").strip().splitlines()
        REGISTRY[name] = Registered(
            name, func, tuple(needs), doc[0] if doc else "", func.__module__
        )
        return func

    return register


def discover() -> dict[str, Registered]:
    """Import every ``bench/bench_*.py`` module and return the registry."""
    folder = Path(__file__).resolve().parent
    for module in sorted(pkgutil.iter_modules([str(folder)]), key=lambda m: m.name):
        if module.name.startswith("bench_"):
            importlib.import_module(f"bench.{module.name}")
    return REGISTRY


@dataclass
class Context:
    """What a benchmark gets: the size mode, the servers, throwaway databases, a console."""

    quick: bool = False
    postgres: str | None = dbs.DEFAULT_POSTGRES
    mariadb: str | None = dbs.DEFAULT_MARIADB
    out: Path = OUT
    console: Console = field(default_factory=lambda: Console(stderr=True))
    _reachable: dict[str, str | None] = field(default_factory=dict)

    def size(self, quick: T, full: T) -> T:
        """``quick`` under ``--quick``, else ``full``."""
        return quick if self.quick else full

    def log(self, message: str) -> None:
        """A progress line on stderr."""
        self.console.print(f"  [dim]{message}[/dim]", soft_wrap=True)

    def server(self, service: Service) -> str:
        """The administrative URL of a reachable server, or :class:`Skip`."""
        url = self.postgres if service == "postgres" else self.mariadb
        if not url:
            raise Skip(f"no {service} server configured")
        if service not in self._reachable:
            self._reachable[service] = dbs.reachable(url)
        reason = self._reachable[service]
        if reason is not None:
            raise Skip(f"{service} not reachable: {reason}")
        return url

    def database(self, kind: Kind) -> AbstractContextManager[str]:
        """A new empty database of ``kind`` as a URL string, dropped (or deleted) on exit."""
        return self._database(kind)

    @contextmanager
    def _database(self, kind: Kind) -> Iterator[str]:
        if kind == "sqlite":
            with dbs.sqlite_database() as url:
                yield url.render_as_string(hide_password=False)
            return
        with dbs.temporary_database(self.server(kind)) as url:
            yield url.render_as_string(hide_password=False)


@dataclass
class Outcome:
    name: str
    status: Literal["ok", "skipped", "error"]
    seconds: float
    figures: list[Figure] = field(default_factory=list)
    reason: str = ""


@dataclass
class Report:
    """Everything a run measured, with what the machine was."""

    started: str
    quick: bool
    outcomes: list[Outcome]
    machine: dict[str, Any]

    @property
    def figures(self) -> list[Figure]:
        return [f for o in self.outcomes for f in o.figures]

    @property
    def failed(self) -> bool:
        return any(o.status == "error" for o in self.outcomes)

    def as_json(self) -> dict[str, Any]:
        return {
            "started": self.started,
            "quick": self.quick,
            "machine": self.machine,
            "figures": [f.as_json() for f in self.figures],
            "benchmarks": [
                {"name": o.name, "status": o.status, "seconds": o.seconds, "reason": o.reason}
                for o in self.outcomes
            ],
        }


def _machine(ctx: Context, names: Iterable[Registered]) -> dict[str, Any]:
    info: dict[str, Any] = {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
    }
    for service in sorted({s for r in names for s in r.needs}):
        try:
            info[service] = dbs.server_version(ctx.server(service))
        except Skip as exc:
            info[service] = f"unavailable: {exc}"
    return info


def select(registry: dict[str, Registered], only: Sequence[str]) -> list[Registered]:
    """The benchmarks ``only`` names (exact, ``topic`` prefix or glob); all when empty."""
    if not only:
        return sorted(registry.values(), key=lambda r: r.name)
    chosen = [
        r
        for r in registry.values()
        if any(
            r.name == p or r.name.startswith(p + ".") or fnmatch.fnmatchcase(r.name, p)
            for p in only
        )
    ]
    if not chosen:
        known = ", ".join(sorted(registry)) or "none"
        raise SystemExit(f"no benchmark matches {', '.join(only)}; known: {known}")
    return sorted(chosen, key=lambda r: r.name)


def run(ctx: Context, benchmarks: Sequence[Registered]) -> Report:
    """Run ``benchmarks`` one after another; a failure is recorded and the run goes on."""
    started = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    report = Report(started, ctx.quick, [], _machine(ctx, benchmarks))
    for item in benchmarks:
        ctx.console.print(f"[bold]{item.name}[/bold] {item.description}", soft_wrap=True)
        start = time.perf_counter()
        outcome = Outcome(item.name, "ok", 0.0)
        try:
            for service in item.needs:
                ctx.server(service)
            for figure in item.func(ctx):
                figure.benchmark = item.name
                outcome.figures.append(figure)
                ctx.log(_line(figure))
        except Skip as exc:
            outcome.status, outcome.reason = "skipped", str(exc)
            ctx.console.print(f"  [yellow]skipped[/yellow]: {exc}")
        except Exception as exc:
            outcome.status, outcome.reason = "error", f"{type(exc).__name__}: {exc}"
            ctx.console.print(f"  [red]error[/red]: {outcome.reason}")
            ctx.console.print(traceback.format_exc(), markup=False, highlight=False)
        outcome.seconds = time.perf_counter() - start
        report.outcomes.append(outcome)
    return report


# --------------------------------------------------------------------------- output


def format_value(value: float | None, unit: str) -> str:
    """A value with its unit, rounded for reading."""
    if value is None:
        return "—"
    if unit == "s":
        return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"
    if unit == "ms":
        return f"{value:.2f} ms"
    if unit == "bytes":
        return f"{value / 1e6:.1f} MB"
    if unit.endswith("/s"):
        return f"{value:,.0f} {unit}"
    return f"{value:,.3g} {unit}" if abs(value) < 1000 else f"{value:,.0f} {unit}"


def _ratio(figure: Figure) -> str:
    ratio = figure.ratio
    if ratio is None:
        return "—"
    return f"{ratio:.2f}×"


def _target(figure: Figure) -> str:
    if figure.target is None:
        return ""
    sign = "≥" if figure.higher_is_better else "≤"
    mark = "[green]✓[/green]" if figure.meets_target else "[red]✗[/red]"
    return f"{mark} {sign} {format_value(figure.target, figure.unit)}"


def _line(figure: Figure) -> str:
    base = format_value(figure.baseline, figure.unit)
    return (
        f"{figure.name}: Kept {format_value(figure.kept, figure.unit)}, baseline {base}, "
        f"ratio {_ratio(figure)}"
    )


def table(report: Report) -> Table:
    """The results as a rich table: one row per figure, then skipped and failed benchmarks."""
    mode = "quick" if report.quick else "full"
    out = Table(title=f"Kept benchmarks ({mode} run, {report.started})", title_justify="left")
    out.add_column("benchmark")
    out.add_column("figure")
    out.add_column("Kept", justify="right")
    out.add_column("plain SQL", justify="right")
    out.add_column("Kept ÷ SQL", justify="right")
    out.add_column("target")
    out.add_column("note")
    for f in report.figures:
        out.add_row(
            f.benchmark,
            f.name,
            format_value(f.kept, f.unit),
            format_value(f.baseline, f.unit),
            _ratio(f),
            _target(f),
            f.note,
        )
    for o in report.outcomes:
        if o.status != "ok":
            colour = "yellow" if o.status == "skipped" else "red"
            out.add_row(o.name, f"[{colour}]{o.status}[/{colour}]", "", "", "", "", o.reason)
    return out


def write_json(report: Report, path: Path) -> Path:
    """Write the report as JSON (the folder is created)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report.as_json(), indent=2, default=str) + "\n", encoding="utf-8")
    return path
