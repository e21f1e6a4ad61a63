"""Re-scan a database a manifest already describes: add what is new, touch nothing declared.

New tables become collections appended after the dataset's last collection; new columns of
declared tables become fields appended after the collection's last field, in the file and at
the indentation where that collection was written. Nothing already written is changed: the
result is the old text with lines inserted, shown as a unified diff for review. Declared
columns whose type or length changed are reported (not rewritten).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from kept.manifest.loader import LoadedManifest
from kept.manifest.models import Collection, Dataset
from kept.scan.draft import CollectionDraft
from kept.scan.render import render_collections, render_dataset

__all__ = ["Addition", "Merge", "merge_scan"]


@dataclass
class Addition:
    file: Path
    after_line: int  # 1-based; the new lines go after it
    lines: list[str]
    collection: bool = False  # at the same place, new fields come before new collections


@dataclass
class Merge:
    """What a re-scan adds to a manifest, file by file."""

    new_tables: list[str] = field(default_factory=list)
    new_columns: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)  # declared columns whose type changed
    new_files: dict[Path, str] = field(default_factory=dict)
    additions: list[Addition] = field(default_factory=list)

    def texts(self) -> dict[Path, tuple[str, str]]:
        """``{file: (old text, new text)}`` for every file the merge changes or creates."""
        out: dict[Path, tuple[str, str]] = {}
        by_file: dict[Path, list[Addition]] = {}
        for add in self.additions:
            by_file.setdefault(add.file, []).append(add)
        for path, adds in by_file.items():
            old = path.read_text(encoding="utf-8")
            lines = old.splitlines()
            for add in sorted(adds, key=lambda a: (a.after_line, a.collection), reverse=True):
                lines[add.after_line : add.after_line] = add.lines
            out[path] = (old, "\n".join(lines) + "\n")
        for path, text in self.new_files.items():
            out[path] = ("", text)
        return out

    def diff(self) -> str:
        chunks: list[str] = []
        for path, (old, new) in self.texts().items():
            chunks.extend(
                difflib.unified_diff(
                    old.splitlines(keepends=True),
                    new.splitlines(keepends=True),
                    fromfile=str(path) if old else "/dev/null",
                    tofile=str(path),
                )
            )
        return "".join(chunks)

    def write(self) -> list[Path]:
        written = []
        for path, (_, new) in self.texts().items():
            path.write_text(new, encoding="utf-8")
            written.append(path)
        return written

    @property
    def empty(self) -> bool:
        return not self.additions and not self.new_files


def _block_end(lines: list[str], start: int) -> int:
    """The last line (0-based) of the YAML sequence item that starts at line ``start``."""
    first = lines[start]
    indent = len(first) - len(first.lstrip(" "))
    end = start
    for i in range(start + 1, len(lines)):
        text = lines[i]
        if not text.strip():
            continue
        if len(text) - len(text.lstrip(" ")) <= indent:
            break
        end = i
    return end


def _item_line(loaded: LoadedManifest, path: tuple[str | int, ...]) -> tuple[Path, int] | None:
    pos = loaded.source.exact(path)
    if pos is None:
        return None
    lines = Path(pos.file).read_text(encoding="utf-8").splitlines()
    line = pos.line - 1
    while line > 0 and not lines[line].lstrip().startswith("- "):
        line -= 1  # the item's first line, where its "- " is
    return Path(pos.file), line


def merge_scan(
    loaded: LoadedManifest,
    dataset_key: str,
    drafts: list[CollectionDraft],
    *,
    new_file: Path,
) -> Merge:
    """What to add to the manifest for ``dataset_key`` given a fresh scan's ``drafts``."""
    merge = Merge()
    manifest = loaded.manifest
    dataset = manifest.dataset_by_key(dataset_key)
    if dataset is None:
        merge.new_tables = [d.name for d in drafts]
        lines = ["# Written by `kept scan`: include this file from the manifest after review.", ""]
        lines += ["dataset:", *render_dataset(drafts, dataset_key, dataset_key)]
        merge.new_files[new_file] = "\n".join(lines) + "\n"
        return merge
    d_index = manifest.dataset.index(dataset)
    declared = {c.name.lower(): (i, c) for i, c in enumerate(dataset.collections)}
    new_collections = []
    for draft in drafts:
        found = declared.get(draft.name.lower())
        if found is None:
            new_collections.append(draft)
            merge.new_tables.append(draft.name)
            continue
        _merge_fields(loaded, merge, dataset, d_index, found[0], found[1], draft)
    if new_collections:
        last = len(dataset.collections) - 1
        anchor = _item_line(loaded, ("dataset", d_index, "collections", last))
        if anchor is None:
            return merge
        path, start = anchor
        lines = path.read_text(encoding="utf-8").splitlines()
        indent = " " * (len(lines[start]) - len(lines[start].lstrip(" ")))
        merge.additions.append(
            Addition(
                path,
                _block_end(lines, start) + 1,
                render_collections(new_collections, dataset_key, indent),
                collection=True,
            )
        )
    return merge


def _merge_fields(
    loaded: LoadedManifest,
    merge: Merge,
    dataset: Dataset,
    d_index: int,
    c_index: int,
    coll: Collection,
    draft: CollectionDraft,
) -> None:
    known = {f.name.lower(): f for f in coll.fields}
    fresh = []
    for fld in draft.fields:
        declared = known.get(fld.name.lower())
        if declared is None:
            fresh.append(fld)
            merge.new_columns.append(f"{draft.name}.{fld.name}")
            continue
        meta = declared.fides_meta
        length = getattr(meta, "length", None) if meta else None
        if length is not None and fld.column.length is not None and length != fld.column.length:
            merge.changed.append(
                f"{draft.name}.{fld.name}: declared length {length}, the database has "
                f"{fld.column.type}"
            )
    if not fresh or not coll.fields:
        return
    anchor = _item_line(
        loaded, ("dataset", d_index, "collections", c_index, "fields", len(coll.fields) - 1)
    )
    if anchor is None:
        return
    path, start = anchor
    lines = path.read_text(encoding="utf-8").splitlines()
    indent = " " * (len(lines[start]) - len(lines[start].lstrip(" ")))
    shell = CollectionDraft(draft.name, draft.table, fresh)
    outer = " " * max(0, len(indent) - 4)  # render_collections puts fields 4 deeper
    rendered = render_collections([shell], dataset.fides_key, outer)
    # keep only the field items (drop the "- name: collection" and "fields:" lines)
    body = rendered[3:] if draft.table.comment else rendered[2:]
    merge.additions.append(Addition(path, _block_end(lines, start) + 1, body))
