"""Where access exports wait for their download: files in a folder, not blobs in a database.

A worker writes the export zip, moves it here (:meth:`ExportFiles.keep`) and records the file's
name in ``kept_request_exports.path``; the download streams the file in chunks, so neither the
control database (MariaDB's ``max_allowed_packet``) nor the server's memory bounds an export's
size. The folder is ``KEPT_EXPORT_DIR``, else ``kept-exports`` beside the control database
(a SQLite file), else beside the manifest; workers on other machines need it shared (a network
file system). The folder and its files are readable by their owner only, and the folder holds a
``.gitignore`` of ``*`` (a manifest kept in git must not take people's data with it). Object
stores (S3 and the like) are not supported.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL

from kept.errors import RequestError

__all__ = ["EXPORT_DIR_ENV", "ExportFile", "ExportFiles", "StoredExport"]

EXPORT_DIR_ENV = "KEPT_EXPORT_DIR"
DEFAULT_FOLDER = "kept-exports"
_NAME = re.compile(r"^[A-Za-z0-9_.-]{1,200}$")


@dataclass(frozen=True)
class StoredExport:
    """An export moved into the folder: the name the person sees, the file's name, its size."""

    filename: str
    name: str
    size: int


@dataclass(frozen=True)
class ExportFile:
    """An export to serve: a file (``path``), or the bytes of a row older than files."""

    filename: str
    size: int
    path: Path | None = None
    content: bytes | None = None


class ExportFiles:
    """The export folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @classmethod
    def from_env(cls, default_parent: Path, control: URL | None = None) -> ExportFiles:
        """``KEPT_EXPORT_DIR``, else ``kept-exports`` beside the control database ``control``
        when it is a SQLite file, else in ``default_parent``."""
        configured = os.environ.get(EXPORT_DIR_ENV, "")
        if configured:
            return cls(Path(configured))
        database = (control.database or "") if control is not None else ""
        sqlite = control is not None and control.get_backend_name() == "sqlite"
        if sqlite and database not in ("", ":memory:") and not database.startswith("file:"):
            return cls(Path(database).parent / DEFAULT_FOLDER)
        return cls(default_parent / DEFAULT_FOLDER)

    def keep(self, source: Path, request_id: str) -> StoredExport:
        """Move ``source`` into the folder under a fresh name (the move is atomic: a reader
        never sees half a file)."""
        try:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            ignore = self.folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text("*\n", encoding="utf-8")
            name = f"{_safe(request_id)}-{secrets.token_hex(8)}.zip"
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

    def path(self, name: str) -> Path:
        """The file called ``name`` (a bare name: never a path leading elsewhere)."""
        if not _NAME.match(name) or name.startswith("."):
            raise RequestError(f"not an export file name: {name!r}")
        return self.folder / name

    def delete(self, name: str) -> None:
        """Delete the file ``name`` (gone already is fine)."""
        self.path(name).unlink(missing_ok=True)


def _safe(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "_", text)[:60]
