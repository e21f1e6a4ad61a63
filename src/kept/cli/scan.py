"""``kept scan``: draft a manifest from a live database, or add what is new to one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from sqlalchemy.engine import make_url

from kept import __version__
from kept.cli import app
from kept.cli._common import err, fail, open_manifest, out, print_json
from kept.errors import KeptError, StoreError
from kept.manifest.loader import LoadedManifest
from kept.scan import ScanResult, merge_scan, render_fides, render_manifest, scan_engine
from kept.stores import open_engine, store_engine
from kept.stores.engine import require_sqlite_file

__all__ = ["scan"]


@app.command()
def scan(
    url: str | None = typer.Argument(
        None, help="A SQLAlchemy database URL to scan (else the stores of --manifest)."
    ),
    manifest: Path | None = typer.Option(
        None, "--manifest", "-m", help="Re-scan the stores of this manifest; add what is new."
    ),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write the draft manifest here (default: print it)."
    ),
    fides: Path | None = typer.Option(None, "--fides", help="Also write a Fides dataset file."),
    schema: str | None = typer.Option(None, "--schema", help="The database schema to read."),
    store: str = typer.Option("main", "--store", help="The store's name in the draft."),
    dataset: str | None = typer.Option(None, "--dataset", help="The dataset key (default: store)."),
    sample: int = typer.Option(100, "--sample", min=0, help="Rows sampled per table (0: names)."),
    write: bool = typer.Option(False, "--write", help="With -m: apply the additions."),
    as_json: bool = typer.Option(False, "--json", help="Print a JSON report."),
) -> None:
    """Read a database and draft its manifest: personal columns with evidence, identities,
    references, erase actions. With -m, show what is new as a diff (--write applies it).

    Exit code 0 when done (with -m: nothing new), 1 with -m when there is something new,
    2 when the database or manifest cannot be read.
    """
    if (url is None) == (manifest is None):
        err.print("[red]error:[/] give a database URL or --manifest, not both")
        raise typer.Exit(2)
    if url is not None:
        _scan_url(url, output, fides, schema, store, dataset, sample, as_json)
        return
    assert manifest is not None
    loaded = open_manifest(manifest, as_json=as_json)
    _rescan(loaded, sample, write, as_json)


def _progress(as_json: bool) -> tuple[Progress | None, Any]:
    if as_json or not err.is_terminal:
        return None, None
    bar = Progress(
        TextColumn("[dim]scanning[/] {task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=err,
        transient=True,
    )
    return bar, bar.add_task("", total=None)


def _run(
    name: str, engine_url: Any, schema: str | None, key: str, sample: int, as_json: bool, **kw: Any
) -> ScanResult:
    bar, task = _progress(as_json)
    engine = kw.pop("engine", None) or open_engine(name, engine_url)

    def tick(table: str, done: int, total: int) -> None:
        if bar is not None:
            bar.update(task, description=table, completed=done, total=total)

    try:
        if bar is not None:
            bar.start()
        return scan_engine(
            name, engine, schema=schema, dataset=key, sample_size=sample, on_table=tick
        )
    finally:
        if bar is not None:
            bar.stop()
        engine.dispose()


def _header(result: ScanResult) -> str:
    personal = sum(1 for c in result.collections for f in c.fields if f.personal)
    return (
        f"Draft manifest written by kept {__version__} `kept scan` on "
        f"{dt.date.today().isoformat()}: {len(result.collections)} tables, {personal} personal "
        "columns.\n"
        "Review every category (the comment beside it says why and how sure), every identity,\n"
        "reference and erase action before use; delete a comment once it is checked."
    )


def _scan_url(
    url: str,
    output: Path | None,
    fides: Path | None,
    schema: str | None,
    store: str,
    dataset: str | None,
    sample: int,
    as_json: bool,
) -> None:
    try:
        parsed = make_url(url)
    except Exception as exc:  # sqlalchemy raises ArgumentError for unreadable URLs
        err.print(f"[red]error:[/] not a database URL: {escape(str(exc))}")
        raise typer.Exit(2) from exc
    key = dataset or store
    try:
        require_sqlite_file(store, parsed)
        result = _run(store, parsed, schema, key, sample, as_json)
    except KeptError as exc:
        fail(exc, as_json=as_json)
    shown = parsed
    if parsed.password:
        shown = parsed.set(password="${" + store.upper() + "_DB_PASSWORD}")
    text = render_manifest(
        result.collections,
        store=store,
        url=shown.render_as_string(hide_password=False),
        dataset=key,
        schema=schema,
        header=_header(result),
    )
    if output is not None:
        output.write_text(text, encoding="utf-8")
    if fides is not None:
        fides.write_text(render_fides(result.collections, key, _header(result)), encoding="utf-8")
    if as_json:
        print_json({**result.as_dict(), "manifest": str(output) if output else None})
        return
    if output is None:
        out.print(text, markup=False, highlight=False, end="")
    _summary(result)


def _summary(result: ScanResult) -> None:
    personal = sum(1 for c in result.collections for f in c.fields if f.personal)
    err.print(
        f"[green]✓[/] store {escape(result.store)} ({result.dialect}): "
        f"{len(result.collections)} tables, {personal} personal columns, "
        f"{result.values_sampled} values sampled in {result.seconds:.1f} s"
    )


def _rescan(loaded: LoadedManifest, sample: int, write: bool, as_json: bool) -> None:
    reports: list[dict[str, Any]] = []
    diffs: list[str] = []
    anything = False
    for st in loaded.manifest.stores:
        keys = st.datasets or (
            [loaded.manifest.dataset[0].fides_key] if len(loaded.manifest.dataset) == 1 else []
        )
        key = keys[0] if keys else st.name
        try:
            engine = store_engine(st, loaded.base_dirs.get(st.name))
            result = _run(st.name, None, st.db_schema, key, sample, as_json, engine=engine)
        except StoreError as exc:
            fail(exc, as_json=as_json)
        merge = merge_scan(
            loaded, key, result.collections, new_file=loaded.directory / f"{st.name}.scan.yaml"
        )
        diff = merge.diff()
        diffs.append(diff)
        anything = anything or not merge.empty
        written = [str(p) for p in merge.write()] if write and not merge.empty else []
        reports.append(
            {
                "store": st.name,
                "dataset": key,
                "new_tables": merge.new_tables,
                "new_columns": merge.new_columns,
                "changed": merge.changed,
                "written": written,
                "diff": diff,
            }
        )
        if not as_json:
            for line in merge.changed:
                err.print(f"[yellow]![/] changed since declared: {escape(line)}")
            err.print(
                f"store {escape(st.name)}: {len(merge.new_tables)} new tables, "
                f"{len(merge.new_columns)} new columns"
                + (f"; written to {', '.join(written)}" if written else "")
            )
    if as_json:
        print_json({"ok": not anything, "stores": reports})
    else:
        text = "".join(diffs)
        if text:
            out.print(text, markup=False, highlight=False, end="")
        if anything and not write:
            err.print("[dim]review the diff; --write applies it[/]")
    raise typer.Exit(1 if anything else 0)
