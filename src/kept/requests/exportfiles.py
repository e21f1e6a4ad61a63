"""Where access exports wait for their download: files in a folder or an object store, not
blobs in a database.

A worker writes the export zip, hands it here (:meth:`ExportFiles.keep`) and records the file's
name in ``kept_request_exports.path``; the download streams the file in chunks, so neither the
control database (MariaDB's ``max_allowed_packet``) nor the server's memory bounds an export's
size. The location is ``KEPT_EXPORT_DIR``, else ``kept-exports`` beside the control database
(a SQLite file), else beside the manifest.

A plain path is a local folder: it and its files are readable by their owner only, it holds a
``.gitignore`` of ``*`` (a manifest kept in git must not take people's data with it), and
workers on other machines need it shared (a network file system). A URL with a scheme
(``s3://bucket/prefix``, ``gs://…``, ``memory://…``, ``file:///…``) is an `fsspec
<https://filesystem-spec.readthedocs.io/>`_ location: the export is uploaded there, streamed
from there and deleted there; the backend comes from its own package (``pip install s3fs``
for ``s3://``, ``gcsfs`` for ``gs://``) and takes its credentials from its usual environment.
"""

from __future__ import annotations

import re
import secrets
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.engine import URL

from kept.errors import RequestError

__all__ = ["EXPORT_DIR_ENV", "ExportFile", "ExportFiles", "StoredExport"]

EXPORT_DIR_ENV = "KEPT_EXPORT_DIR"
DEFAULT_FOLDER = "kept-exports"
CHUNK = 1 << 20  # bytes read at a time from an object store
_NAME = re.compile(r"^[A-Za-z0-9_.-]{1,200}$")
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+://")


@dataclass(frozen=True)
class StoredExport:
    """An export moved into the folder: the name the person sees, the file's name, its size."""

    filename: str
    name: str
    size: int


@dataclass(frozen=True)
class ExportFile:
    """An export to serve: a local file (``path``), a file in an object store (``location``,
    read through ``store``), or the bytes of a row older than files (``content``)."""

    filename: str
    size: int
    path: Path | None = None
    content: bytes | None = None
    location: str | None = None
    store: Any = None  # the fsspec file system holding ``location``

    def chunks(self, size: int = CHUNK) -> Iterator[bytes]:
        """The export's bytes, ``size`` at a time (memory does not grow with the export)."""
        if self.content is not None:
            yield self.content
            return
        try:
            if self.path is not None:
                handle = self.path.open("rb")
            else:
                handle = self.store.open(self.location, "rb")
            with handle:
                while chunk := handle.read(size):
                    yield chunk
        except OSError as exc:
            raise RequestError(f"cannot read the export: {exc.strerror or exc}") from exc

    def read_bytes(self) -> bytes:
        """The whole export in memory (for small exports and tests)."""
        return b"".join(self.chunks())


class ExportFiles:
    """The export location: a local folder, or an fsspec URL."""

    def __init__(self, folder: Path | str) -> None:
        self.url: str | None = None
        self._store: Any = None
        self._root = ""
        if isinstance(folder, str) and _URL.match(folder):
            self.url = folder.rstrip("/")
            self._store, self._root = _filesystem(self.url)
            folder = Path(self._root)
        self.folder = Path(folder)

    @property
    def remote(self) -> bool:
        """Whether the exports go through fsspec (a URL) rather than a local folder."""
        return self.url is not None

    @classmethod
    def from_env(cls, default_parent: Path, control: URL | None = None) -> ExportFiles:
        """``KEPT_EXPORT_DIR`` (a folder or a URL), else ``kept-exports`` beside the control
        database ``control`` when it is a SQLite file, else in ``default_parent``."""
        from kept.settings import current_settings  # pydantic-settings: only when needed

        return cls.configured(current_settings().export_dir, default_parent, control)

    @classmethod
    def configured(
        cls, configured: str | None, default_parent: Path, control: URL | None = None
    ) -> ExportFiles:
        """``configured`` (a folder or a URL), else ``kept-exports`` beside the control
        database ``control`` when it is a SQLite file, else in ``default_parent``."""
        if configured:
            return cls(configured if _URL.match(configured) else Path(configured))
        database = (control.database or "") if control is not None else ""
        sqlite = control is not None and control.get_backend_name() == "sqlite"
        if sqlite and database not in ("", ":memory:") and not database.startswith("file:"):
            return cls(Path(database).parent / DEFAULT_FOLDER)
        return cls(default_parent / DEFAULT_FOLDER)

    def keep(self, source: Path, request_id: str) -> StoredExport:
        """Move ``source`` into the folder under a fresh name (the move is atomic: a reader
        never sees half a file; in an object store the name is recorded only once the upload
        is complete)."""
        name = f"{_safe(request_id)}-{secrets.token_hex(8)}.zip"
        if self.remote:
            return self._upload(source, name, request_id)
        try:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            ignore = self.folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text("*\n", encoding="utf-8")
            partial = self.folder / f".{name}.partial"
            shutil.move(source, partial)
            partial.chmod(0o600)
            partial.replace(self.folder / name)
        except OSError as exc:
            raise RequestError(
                f"cannot keep the export in {self.folder}: {exc.strerror or exc}",
                request_id=request_id,
            ) from exc
        return StoredExport(source.name, name, (self.folder / name).stat().st_size)

    def _upload(self, source: Path, name: str, request_id: str) -> StoredExport:
        target = self._location(name)
        try:
            if not self._store.exists(self._root):
                self._store.makedirs(self._root, exist_ok=True)
            self._store.put_file(str(source), target)
            if _local(self._store):  # file://: owner-only, as a plain folder
                Path(self._root).chmod(0o700)
                Path(target).chmod(0o600)
            size = int(self._store.size(target))
            source.unlink(missing_ok=True)
        except OSError as exc:
            raise RequestError(
                f"cannot keep the export in {self.url}: {exc.strerror or exc}",
                request_id=request_id,
            ) from exc
        return StoredExport(source.name, name, size)

    def path(self, name: str) -> Path:
        """The local file called ``name`` (a bare name: never a path leading elsewhere)."""
        if not _NAME.match(name) or name.startswith("."):
            raise RequestError(f"not an export file name: {name!r}")
        return self.folder / name

    def _location(self, name: str) -> str:
        self.path(name)  # checks the name
        return f"{self._root}/{name}" if self._root else name

    def find(self, name: str, filename: str) -> ExportFile | None:
        """The export file ``name``, served as ``filename``; ``None`` when it is gone."""
        if not self.remote:
            path = self.path(name)
            if not path.is_file():
                return None
            return ExportFile(filename, path.stat().st_size, path=path)
        location = self._location(name)
        try:
            size = int(self._store.size(location))
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise RequestError(f"cannot read the export in {self.url}: {exc}") from exc
        return ExportFile(filename, size, location=location, store=self._store)

    def delete(self, name: str) -> None:
        """Delete the file ``name`` (gone already is fine)."""
        if not self.remote:
            self.path(name).unlink(missing_ok=True)
            return
        try:
            self._store.rm_file(self._location(name))
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise RequestError(f"cannot delete the export in {self.url}: {exc}") from exc


def _filesystem(url: str) -> tuple[Any, str]:
    """The fsspec file system of ``url`` and the path inside it."""
    scheme = url.split("://", 1)[0]
    try:
        from fsspec.core import url_to_fs
    except ImportError as exc:  # pragma: no cover - fsspec is a dependency
        raise RequestError("export locations given as URLs need fsspec") from exc
    try:
        store, root = url_to_fs(url)
    except (ImportError, ValueError) as exc:
        raise RequestError(
            f"{EXPORT_DIR_ENV}: no file system for {scheme}:// URLs ({exc}); install its "
            "fsspec package (s3fs for s3://, gcsfs for gs://)"
        ) from exc
    return store, str(root).rstrip("/")


def _local(store: Any) -> bool:
    protocol = store.protocol
    return "file" in (protocol if isinstance(protocol, tuple) else (protocol,))


def _safe(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "_", text)[:60]
