"""How a member of an export's zip is written: small members stored whole, larger ones deflated
at level 1 (ISA-L's deflate when the ``isal`` package is installed, zlib's otherwise) by a
thread of their own while the rows stream in, and a CSV deflated as it is spooled, its
deflated data then copied into the zip as it is."""

from __future__ import annotations

import io
import queue
import tempfile
import threading
import zipfile
import zlib
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Any

try:  # ISA-L's deflate, when installed (see _raw_deflater)
    from isal import isal_zlib as _isal_zlib
except ImportError:  # pragma: no cover - the project installs it
    _isal_zlib = None  # type: ignore[assignment]

_SPOOL_BYTES = 1 << 20  # bytes of deflated CSV held in memory before a temporary file
_COMPRESS_LEVEL = 1  # fast: exports are written once, on request, and are mostly small


def _raw_deflater() -> Any:
    """A raw deflate compressor (a zip member's data) at ``_COMPRESS_LEVEL``: ISA-L's when
    the ``isal`` package is installed (about three times as fast as zlib's at level 1, and
    smaller), else zlib's. Either is read by every unzip."""
    if _isal_zlib is not None:
        return _isal_zlib.compressobj(_COMPRESS_LEVEL, zlib.DEFLATED, -15)
    return zlib.compressobj(_COMPRESS_LEVEL, zlib.DEFLATED, -15)


def _deflate_fast(entry: IO[bytes]) -> None:
    """Give a zip member being written (nothing yet) the compressor of :func:`_raw_deflater`
    when ISA-L is there; the zip writer keeps computing the CRC-32 and sizes itself."""
    writer: Any = entry
    if _isal_zlib is not None and getattr(writer, "_compressor", None) is not None:
        writer._compressor = _raw_deflater()


_SMALL_MEMBER = 1 << 16  # smaller members are stored whole, without deflating
_COPY_CHUNK = 1 << 16


def write_member(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    """One whole member: stored as it is when small (starting a deflater costs more than a
    few kilobytes are worth), else deflated at the export's level."""
    if len(data) < _SMALL_MEMBER:
        archive.writestr(name, data, compress_type=zipfile.ZIP_STORED)
    else:
        archive.writestr(
            name, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=_COMPRESS_LEVEL
        )


class _Member:
    """A zip member written as it streams: held in memory while it is small (then written in
    one piece by :func:`write_member`), and once larger deflated as it goes, by a thread of
    its own (:class:`_Deflater`)."""

    def __init__(self, archive: zipfile.ZipFile, name: str) -> None:
        self._archive = archive
        self._name = name
        self._held: list[bytes] = []
        self._size = 0
        self._stack: ExitStack | None = None
        self._raw: _Deflater | None = None

    def write(self, data: bytes) -> None:
        if self._raw is not None:
            self._raw.write(data)
            return
        self._held.append(data)
        self._size += len(data)
        if self._size >= _SMALL_MEMBER:
            self._stack = ExitStack()
            entry = self._stack.enter_context(self._archive.open(self._name, "w"))
            _deflate_fast(entry)
            self._raw = self._stack.enter_context(_Deflater(entry))
            self._raw.write(b"".join(self._held))
            self._held = []

    def __enter__(self) -> _Member:
        return self

    def __exit__(self, *exc: Any) -> None:
        if self._stack is not None:
            self._stack.__exit__(*exc)
        elif exc[0] is None:
            write_member(self._archive, self._name, b"".join(self._held))


class _Spool:
    """A CSV member kept aside while the JSON member is written: the text in memory while it
    is small (then stored as a member is, by :func:`write_member`); once larger, deflated as
    it comes by a thread of its own (:class:`_Deflater` into a :class:`_RawDeflate`), so that
    the CSV is compressed beside the reading of the rows too, not after them."""

    def __init__(self) -> None:
        self._held: list[bytes] = []
        self._size = 0
        self._raw: _RawDeflate | None = None
        self._deflater: _Deflater | None = None

    def write(self, text: str) -> None:
        data = text.encode("utf-8")
        if self._deflater is not None:
            self._deflater.write(data)
            return
        self._held.append(data)
        self._size += len(data)
        if self._size >= _SMALL_MEMBER:
            self._raw = _RawDeflate()
            self._deflater = _Deflater(self._raw)
            self._deflater.write(b"".join(self._held))
            self._held = []

    def copy_to(self, archive: zipfile.ZipFile, name: str) -> None:
        if self._deflater is None or self._raw is None:
            write_member(archive, name, b"".join(self._held))
            return
        deflater, self._deflater = self._deflater, None
        deflater.__exit__(None, None, None)
        self._raw.write_to(archive, name)

    def __enter__(self) -> _Spool:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._deflater is not None:
            self._deflater.__exit__(*exc)
        if self._raw is not None:
            self._raw.close()


class _RawDeflate:
    """Bytes deflated as a zip member's data (raw deflate, level ``_COMPRESS_LEVEL``) into a
    temporary file (in memory up to ``_SPOOL_BYTES``), with their CRC-32 and size."""

    def __init__(self) -> None:
        self._deflate = _raw_deflater()
        self._file = tempfile.SpooledTemporaryFile(max_size=_SPOOL_BYTES)  # noqa: SIM115
        self.crc = 0
        self.size = 0

    def write(self, data: bytes) -> None:
        self.crc = zlib.crc32(data, self.crc)
        self.size += len(data)
        self._file.write(self._deflate.compress(data))

    def write_to(self, archive: zipfile.ZipFile, name: str) -> None:
        """The member ``name``, its deflated data copied as it is: the zip writer's deflater
        is replaced by one passing the data through, and its CRC-32 and size set to those of
        the data before deflating (when the writer is not as expected, the data is inflated
        again and written the ordinary way)."""
        self._file.write(self._deflate.flush())
        self._file.seek(0)
        info = zipfile.ZipInfo(name)  # as ZipFile.open(name, "w") makes it
        info.compress_type = zipfile.ZIP_DEFLATED
        info.file_size = self.size  # so that a member past 4 GB gets its zip64 header
        with archive.open(info, "w") as entry:
            writer: Any = entry
            if all(hasattr(writer, a) for a in ("_compressor", "_crc", "_file_size")):
                writer._compressor = _AsDeflated()
                while chunk := self._file.read(_COPY_CHUNK):
                    writer.write(chunk)
                writer._crc, writer._file_size = self.crc, self.size
                return
            inflate = zlib.decompressobj(-15)
            while chunk := self._file.read(_COPY_CHUNK):
                writer.write(inflate.decompress(chunk))
            writer.write(inflate.flush())

    def close(self) -> None:
        self._file.close()


class _AsDeflated:
    """A zip writer's deflater for data deflated already."""

    def compress(self, data: bytes) -> bytes:
        return data

    def flush(self) -> bytes:
        return b""


class _Deflater:
    """Writes to a zip entry from a thread of its own, so that deflating (zlib releases the
    GIL) runs beside the reading and encoding of the next rows instead of between them."""

    def __init__(self, entry: IO[bytes] | _RawDeflate) -> None:
        self._entry = entry
        self._chunks: queue.Queue[bytes | None] = queue.Queue(maxsize=8)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="kept-export-deflate", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while (chunk := self._chunks.get()) is not None:
            if self._error is None:
                try:
                    self._entry.write(chunk)
                except BaseException as exc:  # handed to the writing thread on close
                    self._error = exc

    def write(self, chunk: bytes) -> None:
        if self._error is not None:
            raise self._error
        self._chunks.put(chunk)

    def __enter__(self) -> _Deflater:
        return self

    def __exit__(self, *exc: object) -> None:
        self._chunks.put(None)
        self._thread.join()
        if self._error is not None and exc[0] is None:
            raise self._error


_HELD_ZIP = 4 << 20  # bytes of a zip held in memory before it goes on to its file


class _Target(io.RawIOBase):
    """The file a zip is written to, held in memory while small and written to ``path`` in
    one piece when done (no seek back and no write per member on a file; most exports are a
    few kilobytes); once past ``_HELD_ZIP`` bytes, everything goes on to the file, which
    then takes every write. :meth:`abort` leaves no file behind."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._held: io.BytesIO | None = io.BytesIO()
        self._file: IO[bytes] | None = None  # once spilled: every call goes to it
        self._created: IO[bytes] | None = None  # created early (:meth:`create`), still empty

    def _io(self) -> IO[bytes]:
        if self._file is not None:
            return self._file
        assert self._held is not None
        return self._held

    def writable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        written = self._io().write(data)
        if self._held is not None and self._held.tell() > _HELD_ZIP:
            self._spill()
        return written

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        return self._io().seek(offset, whence)

    def tell(self) -> int:
        return self._io().tell()

    def flush(self) -> None:
        if self._file is not None:
            self._file.flush()

    def create(self) -> None:
        """Create the file (empty) now; what is held goes into it at :meth:`finish`."""
        if self._created is None and self._file is None:
            self._created = self._path.open("w+b")

    def _spill(self) -> None:
        assert self._held is not None
        position = self._held.tell()
        self._file = self._created or self._path.open("w+b")
        self._created = None
        self._file.write(self._held.getbuffer())
        self._file.seek(position)
        self._held = None

    def finish(self) -> None:
        """The whole zip in its file (called once it is closed)."""
        if self._held is not None:
            if self._created is not None:
                self._created.write(self._held.getbuffer())
                self._created.close()
                self._created = None
            else:
                self._path.write_bytes(self._held.getbuffer())
            self._held = None
        elif self._file is not None:
            self._file.close()
            self._file = None
        self.close()

    def abort(self) -> None:
        """No file (a failed export leaves nothing behind)."""
        self._held = None
        if self._created is not None:
            self._file, self._created = self._created, None
        if self._file is not None:
            self._file.close()
            self._file = None
            self._path.unlink(missing_ok=True)
        self.close()
