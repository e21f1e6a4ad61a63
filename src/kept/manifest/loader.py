"""Read a manifest from a YAML file, a file with ``include:``s, or a folder of YAML files.

Every problem is collected (not only the first), located to file, line and column, and raised
together as one :class:`kept.errors.ManifestError`; a broken manifest never yields a traceback.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.reader import ReaderError

from kept.errors import ManifestError, Problem
from kept.manifest.fastyaml import UnsupportedError, fast_tree
from kept.manifest.models import Manifest
from kept.manifest.pydantic_errors import problems_from_validation
from kept.manifest.safeyaml import ruamel_tree
from kept.manifest.source import Path_, Position, SourceMap
from kept.manifest.validation import validate_manifest
from kept.manifest.yamltree import MAX_DEPTH, MAX_FILE_BYTES, YMap, YSeq, deep_flow_line

__all__ = ["DEFAULT_MANIFEST", "LoadedManifest", "dump_manifest", "load_manifest", "manifest_files"]

DEFAULT_MANIFEST = "kept.yaml"
YAML_SUFFIXES = (".yaml", ".yml")
# Sections that hold one mapping and may appear in only one file.
SINGLETONS = ("organization", "notice", "prohibitions")


class LoadedManifest:
    """A validated manifest with the knowledge of where each of its values came from."""

    def __init__(self, manifest: Manifest, source: SourceMap, root: Path, files: list[Path]):
        self.manifest = manifest
        self.source = source
        self.root = root
        self.files = files
        self.base_dirs: dict[str, Path] = {}

    @property
    def directory(self) -> Path:
        """The folder relative paths (e.g. ``sqlite:///data.sqlite``) are resolved against."""
        return self.root if self.root.is_dir() else self.root.parent

    def locate(self, path: Path_) -> Position | None:
        return self.source.find(path)

    def problem(self, path: Path_, message: str, **extra: Any) -> Problem:
        pos = self.locate(path)
        return Problem(
            message,
            file=pos.file if pos else None,
            line=pos.line if pos else None,
            column=pos.column if pos else None,
            **extra,
        )


def manifest_files(path: Path) -> list[Path]:
    """The YAML files of a folder manifest, in a stable order."""
    return sorted(p for p in path.rglob("*") if p.suffix in YAML_SUFFIXES and p.is_file())


def load_manifest(path: str | Path = DEFAULT_MANIFEST) -> LoadedManifest:
    """Load, merge and validate a manifest. Raises :class:`ManifestError` with every problem."""
    root = Path(path)
    if not root.exists():
        raise ManifestError([Problem(f"manifest not found: {root}", file=root)])
    reader = _Reader(root.resolve() if root.is_dir() else root.resolve().parent)
    if root.is_dir():
        files = manifest_files(root)
        if not files:
            raise ManifestError([Problem(f"no .yaml or .yml files in folder {root}", file=root)])
        for file in files:
            reader.read(file)
    else:
        reader.read(root)
    if reader.problems:
        raise ManifestError(reader.problems)
    try:
        manifest = Manifest.model_validate(reader.merged)
    except ValidationError as exc:
        raise ManifestError(problems_from_validation(exc, reader.source)) from None
    loaded = LoadedManifest(manifest, reader.source, root, reader.files)
    loaded.base_dirs = {
        store.name: reader.store_dirs.get(i, loaded.directory)
        for i, store in enumerate(manifest.stores)
    }
    problems = validate_manifest(loaded)
    if problems:
        raise ManifestError(problems)
    return loaded


class _Reader:
    """Parses YAML files, records positions and merges them into one plain mapping."""

    def __init__(self, folder: Path, *, fast: bool = True) -> None:
        self.fast = fast  # libyaml first (fastyaml), ruamel for what it leaves
        self.folder = folder  # includes may not leave it
        self.merged: dict[str, Any] = {}
        self.source = SourceMap()
        self.problems: list[Problem] = []
        self.files: list[Path] = []
        self.store_dirs: dict[int, Path] = {}
        self._seen: set[Path] = set()
        self._singleton_at: dict[str, Position] = {}

    def read(self, file: Path, included_from: Position | None = None) -> None:
        resolved = file.resolve()
        if resolved in self._seen:
            return
        self._seen.add(resolved)
        where = included_from
        try:
            size = file.stat().st_size
            if size > MAX_FILE_BYTES:
                raise OSError(f"the file is larger than {MAX_FILE_BYTES >> 20} MiB")
            data = file.read_bytes()
        except OSError as exc:
            self.problems.append(
                Problem(
                    f"cannot read {file}: {exc}",
                    file=where.file if where else file,
                    line=where.line if where else None,
                    column=where.column if where else None,
                )
            )
            return
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
            self.problems.append(
                Problem(
                    f"not UTF-8: byte 0x{data[exc.start]:02x} cannot be decoded",
                    file=file,
                    line=line,
                    column=column,
                )
            )
            return
        self.files.append(file)
        document = self._parse(file, text)
        if document is None:
            return
        if not isinstance(document, YMap):
            self.problems.append(
                Problem("a manifest file must be a YAML mapping (key: value)", file=file, line=1)
            )
            return
        includes = document.pop("include", None)
        self._merge(file, document)
        if includes is not None:
            self._includes(file, includes)

    def _parse(self, file: Path, text: str) -> Any:
        deep = deep_flow_line(text)
        if deep is not None:
            self.problems.append(
                Problem(
                    f"invalid YAML: nested more than {MAX_DEPTH} levels deep", file=file, line=deep
                )
            )
            return None
        if self.fast:
            try:
                return fast_tree(text)
            except UnsupportedError:
                pass  # ruamel reads it, or says what is wrong with it
        try:
            return ruamel_tree(text)
        except MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            message = " ".join(str(p) for p in (exc.context, exc.problem) if p) or str(exc)
            self.problems.append(
                Problem(
                    f"invalid YAML: {message}",
                    file=file,
                    line=mark.line + 1 if mark else None,
                    column=mark.column + 1 if mark else None,
                )
            )
        except ReaderError as exc:
            # A character YAML does not allow (e.g. a control character): locate it.
            char = exc.character if isinstance(exc.character, str) else chr(exc.character)
            line = text.count("\n", 0, exc.position) + 1
            column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
            self.problems.append(
                Problem(
                    f"invalid YAML: character U+{ord(char):04X} is not allowed",
                    file=file,
                    line=line,
                    column=column,
                )
            )
        except YAMLError as exc:
            self.problems.append(Problem(f"invalid YAML: {exc}", file=file, line=1))
        except RecursionError:
            self.problems.append(
                Problem(f"invalid YAML: nested too deeply (limit {MAX_DEPTH})", file=file, line=1)
            )
        except (ValueError, IndexError) as exc:
            # ruamel fails to build a value it resolved (a date like 2026-02-30, an integer of
            # over 4,300 digits, `-_`) without saying where.
            self.problems.append(
                Problem(f"invalid YAML: a value cannot be read ({exc})", file=file, line=1)
            )
        return None

    def _includes(self, file: Path, includes: Any) -> None:
        items = includes if isinstance(includes, YSeq) else [includes]
        for i, item in enumerate(items):
            line, col = items.marks[i] if isinstance(items, YSeq) else (0, 0)
            pos = Position(file, line + 1, col + 1)
            if not isinstance(item, str):
                self.problems.append(
                    Problem("'include' entries must be paths", file=file, line=pos.line)
                )
                continue
            target = (file.parent / item).resolve()
            if not target.is_relative_to(self.folder):
                self.problems.append(
                    Problem(
                        f"'include' may only name files inside the manifest's folder {self.folder}",
                        file=file,
                        line=pos.line,
                        column=pos.column,
                        value=item,
                    )
                )
                continue
            if target.is_dir():
                for child in manifest_files(target):
                    self.read(child, pos)
            elif target.exists():
                self.read(target, pos)
            else:
                self.problems.append(
                    Problem(
                        f"included file not found: {item}",
                        file=file,
                        line=pos.line,
                        column=pos.column,
                        value=item,
                    )
                )

    def _merge(self, file: Path, document: YMap) -> None:
        for key in document:
            value = document[key]
            key_pos = _key_position(file, document, key)
            name = str(key)  # a key that is not a string (`~: x`) is still located
            if isinstance(value, YSeq) and isinstance(self.merged.get(name, []), list):
                existing: list[Any] = self.merged.setdefault(name, [])
                offset = len(existing)
                self.source.record((name,), key_pos)
                for i, item in enumerate(value):
                    path: Path_ = (name, offset + i)
                    self.source.record(path, _item_position(file, value, i))
                    existing.append(_plain(item, file, path, self.source))
                    if name == "stores":
                        self.store_dirs[offset + i] = file.parent
                continue
            if name in self.merged:
                first = self._singleton_at.get(name)
                where = f" (first declared at {first})" if first else ""
                self.problems.append(
                    Problem(
                        f"{key!r} is declared more than once{where}",
                        file=file,
                        line=key_pos.line,
                        column=key_pos.column,
                    )
                )
                continue
            self._singleton_at[name] = key_pos
            self.source.record((name,), key_pos)
            self.merged[name] = _plain(value, file, (name,), self.source)


def _key_position(file: Path, node: YMap, key: Any) -> Position:
    line, col, _, _ = node.marks[key]
    return Position(file, line + 1, col + 1)


def _item_position(file: Path, node: YSeq, index: int) -> Position:
    line, col = node.marks[index]
    return Position(file, line + 1, col + 1)


def _plain(node: Any, file: Path, path: Path_, source: SourceMap) -> Any:
    """Copy a YAML tree to plain ``dict`` and ``list``, recording the position of every value
    (a collection's is its key's, a scalar's its own)."""
    if isinstance(node, YMap):
        out: dict[str, Any] = {}
        marks = node.marks
        for key, child in node.items():
            name = str(key)
            key_line, key_col, value_line, value_col = marks[key]
            if isinstance(child, YMap | YSeq):
                pos = Position(file, key_line + 1, key_col + 1)
            else:
                pos = Position(file, value_line + 1, value_col + 1)
            child_path = (*path, name)
            source.record(child_path, pos)
            out[name] = _plain(child, file, child_path, source)
        return out
    if isinstance(node, YSeq):
        items: list[Any] = []
        for i, (child, (line, col)) in enumerate(zip(node, node.marks, strict=True)):
            child_path = (*path, i)
            source.record(child_path, Position(file, line + 1, col + 1))
            items.append(_plain(child, file, child_path, source))
        return items
    return node


def dump_manifest(manifest: Manifest) -> str:
    """The manifest as YAML (one file); ``load_manifest`` of it gives an equal manifest."""
    data = manifest.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    stream = io.StringIO()
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.dump(data, stream)
    return stream.getvalue()
