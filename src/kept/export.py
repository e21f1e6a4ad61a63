"""The access export: a zip the person can read and a machine can parse.

Contents, written as the rows stream in (memory does not grow with the number of rows):

- ``data/<dataset>.<collection>.json`` — the rows, a JSON array per table;
- ``data/<dataset>.<collection>.csv`` — the same rows as CSV (access exports only);
- ``supplementary.json`` — what GDPR Art. 15(1)(a)-(h) and 15(2) require beside the copy:
  purposes with legal bases, categories, recipients (with countries and safeguards), retention,
  sources, rights, the supervisory authority, automated decision-making;
- ``summary.html`` — all of it for a human, grouped by purpose in plain words (the template
  ``kept/web/templates/export/summary.html``).
"""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import io
import json
import queue
import tempfile
import threading
import uuid
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack
from functools import partial
from itertools import islice, repeat
from operator import itemgetter
from pathlib import Path
from typing import IO, Any, TypeVar

import orjson

try:  # ISA-L's deflate, when installed (see _raw_deflater)
    from isal import isal_zlib as _isal_zlib
except ImportError:  # pragma: no cover - the project installs it
    _isal_zlib = None  # type: ignore[assignment]

from kept.manifest.models import LegalBasis, Manifest
from kept.sources import SourceLedger
from kept.taxonomy import is_under

__all__ = ["Export", "supplementary_information"]

_Batch = TypeVar("_Batch", bound=list[Any])
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


def _json_default(value: Any) -> Any:
    convert = _DEFAULTS.get(type(value))
    if convert is not None:
        return convert(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    return str(value)  # decimals, UUIDs and anything else: as text


# What orjson does not encode itself, by exact type (decimals come once per row of a money
# column): looked up before the isinstance checks for subclasses.
_DEFAULTS: dict[type, Callable[[Any], Any]] = {
    decimal.Decimal: str,
    uuid.UUID: str,
    bytes: bytes.hex,
    memoryview: lambda v: bytes(v).hex(),
    bytearray: bytes.hex,
}


class Export:
    """Write one person's export. Use as a context manager; ``add_table`` streams rows."""

    def __init__(
        self,
        path: Path,
        manifest: Manifest,
        *,
        request_id: str,
        portability: bool = False,
        members: Iterable[tuple[str, bytes]] = (),
    ) -> None:
        self.path = path
        self.members = list(members)
        """Whole files written last (the control database's records of the person)."""
        self.manifest = manifest
        self.request_id = request_id
        self.portability = portability
        self.counts: dict[str, int] = {}
        self.categories: set[str] = set()
        self.sources = SourceLedger(manifest)
        path.parent.mkdir(parents=True, exist_ok=True)
        self._zip = zipfile.ZipFile(
            path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=_COMPRESS_LEVEL
        )

    def __enter__(self) -> Export:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def add_table(
        self,
        label: str,
        columns: list[str],
        rows: Iterable[dict[str, Any]],
        categories: Iterable[str] = (),
    ) -> int:
        """Stream a table's rows into the zip; returns how many rows were written."""
        return self.add_batches(label, columns, _batches(rows), categories)

    def add_batches(
        self,
        label: str,
        columns: list[str],
        batches: Iterable[list[dict[str, Any]]],
        categories: Iterable[str] = (),
    ) -> int:
        """:meth:`add_table` for rows that come in lists (a fetch at a time)."""
        batches = self.sources.observe_batches(label, batches)
        return self._write_table(label, columns, batches, _encode_dicts, categories)

    def add_rows(
        self,
        label: str,
        columns: list[str],
        batches: Iterable[list[tuple[Any, ...]]],
        categories: Iterable[str] = (),
    ) -> int:
        """:meth:`add_batches` for rows as tuples of the ``columns`` values, as a store's reads
        bring them: the same members, each batch converted a column at a time
        (:func:`_encode_tuples`)."""
        if not columns or len(set(columns)) != len(columns):  # rows as dicts would differ
            dicts = ([dict(zip(columns, row, strict=True)) for row in b] for b in batches)
            return self.add_batches(label, columns, dicts, categories)
        batches = self.sources.observe_rows(label, columns, batches)
        encode = partial(_encode_tuples, columns)
        return self._write_table(label, columns, batches, encode, categories)

    def _write_table(
        self,
        label: str,
        columns: list[str],
        batches: Iterable[_Batch],
        encode: Callable[[_Batch, bool], tuple[bytes, str]],
        categories: Iterable[str],
    ) -> int:
        count = 0
        # Rows are encoded a batch at a time by orjson (C): one JSON object per line, and the
        # CSV cells from the same encoding (dates as ISO 8601, decimals as text, as in JSON).
        # The CSV is spooled while the JSON is written (deflated as it comes once past 64 KB,
        # in memory up to 1 MB, then on disk).
        csv_out = not self.portability
        with _Spool() as spool:
            with _Member(self._zip, f"data/{label}.json") as json_member:
                if csv_out:
                    spool.write(_csv_text([columns]))
                json_member.write(b"[")
                for batch in batches:
                    if not batch:
                        continue
                    encoded, text = encode(batch, csv_out)
                    # one row a line: a new line after each row's closing brace (whitespace
                    # between tokens; inside a string '},{"' would have its quote escaped)
                    lines = encoded[1:-1].replace(b'},{"', b'},\n {"')
                    json_member.write((b",\n " if count else b"\n ") + lines)
                    if csv_out:
                        spool.write(text)
                    count += len(batch)
                json_member.write(b"\n]\n" if count else b"]\n")
            if csv_out:
                spool.copy_to(self._zip, f"data/{label}.csv")
        self.counts[label] = count
        if count:
            self.categories.update(categories)
        return count

    def close(self) -> None:
        if self._zip.fp is None:
            return
        info = supplementary_information(self.manifest, self.categories)
        info["request_id"] = self.request_id
        info["generated_at"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        info["rows_per_table"] = self.counts
        info["sources"] = self.sources.summary()
        info["source_per_table"] = self.sources.per_table()
        # orjson writes what json.dumps(indent=2, ensure_ascii=False) would (text, numbers,
        # lists and objects with text keys), ten times faster
        supplementary = orjson.dumps(info, option=orjson.OPT_INDENT_2)
        write_member(self._zip, "supplementary.json", supplementary)
        summary = _summary_html(info, self.portability, self.manifest)
        write_member(self._zip, "summary.html", summary.encode("utf-8"))
        for name, data in self.members:
            write_member(self._zip, name, data)
        self._zip.close()


_BATCH = 2000
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


def _batches(rows: Iterable[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, _BATCH)):
        yield batch


def _encode(batch: list[dict[str, Any]]) -> tuple[bytes, bool]:
    """The rows as one compact JSON array (UTF-8), by orjson in one call; a batch orjson
    refuses (an integer beyond 64 bits) by the standard library, and then False: the batch
    must be decoded by it too."""
    try:
        return orjson.dumps(batch, default=_json_default), True
    except orjson.JSONEncodeError:
        text = json.dumps(batch, default=_json_default, ensure_ascii=False, separators=(",", ":"))
        return text.encode("utf-8"), False


# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection):
# such a text cell is written with a leading apostrophe, which shows it as text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    """A CSV cell: a text cell a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


# How a JSON text value a spreadsheet would run starts, in orjson's compact encoding: a batch
# holding none of these needs no cell escaped (the usual case), and goes to the CSV writer as
# decoded.
_FORMULA_MARKS = (b'":"=', b'":"+', b'":"-', b'":"@', b'":"\\t', b'":"\\r')


def _csv_text(rows: Iterable[Iterable[Any]]) -> str:
    text = io.StringIO(newline="")
    csv.writer(text).writerows(rows)
    return text.getvalue()


def _csv_batch(data: bytes, exact: bool) -> str:
    """The CSV lines of a batch of rows encoded as a JSON array (cells as JSON gives them)."""
    decoded: list[dict[str, Any]] = orjson.loads(data) if exact else json.loads(data)
    if exact and not any(mark in data for mark in _FORMULA_MARKS):
        return _csv_text(map(dict.values, decoded))
    return _csv_text([_cell(v) for v in row.values()] for row in decoded)


def _encode_dicts(batch: list[dict[str, Any]], with_csv: bool) -> tuple[bytes, str]:
    """A batch's JSON array and (``with_csv``) its CSV lines, decoded from the JSON."""
    encoded, exact = _encode(batch)
    return encoded, _csv_batch(encoded, exact) if with_csv else ""


_PLAIN = frozenset({int, bool, type(None)})  # written by the CSV writer as JSON would give them
_TEXT = frozenset({str, type(None)})
_AS_TEXT = frozenset({decimal.Decimal, uuid.UUID, type(None)})  # what _json_default makes str
_FORMULA_FIRST = frozenset(_FORMULA_START)
_FIRST = itemgetter(0)


def _encode_tuples(
    columns: list[str], batch: list[tuple[Any, ...]], with_csv: bool
) -> tuple[bytes, str]:
    """:func:`_encode_dicts` of the rows as dicts, made a column at a time: a column of
    decimals or UUIDs becomes text first (``str``, as :func:`_json_default` would make each);
    the rows go to orjson as dicts; the CSV cells come from the columns (:func:`_csv_column`),
    and the CSV lines are joined as the CSV writer would write them (:func:`_csv_lines`)."""
    values = [_as_text(list(map(itemgetter(i), batch))) for i in range(len(columns))]
    try:
        rows = batch if not any(map(_changed, values)) else zip(*values, strict=True)
        encoded = orjson.dumps(
            list(map(dict, map(zip, repeat(columns), rows))), default=_json_default
        )
    except orjson.JSONEncodeError:  # the standard library's encoding, decoded by it too
        return _encode_dicts([dict(zip(columns, row, strict=True)) for row in batch], with_csv)
    if not with_csv:
        return encoded, ""
    cells = [_csv_column(v) for v in values]
    if len(cells) == 1:  # the CSV writer quotes a line's only cell when empty: let it
        return encoded, _csv_text(zip(*cells, strict=True))
    return encoded, _csv_lines(cells)


class _Text(list[Any]):
    """A column made text by :func:`_as_text`."""


def _changed(values: Sequence[Any]) -> bool:
    return type(values) is _Text


def _as_text(values: list[Any]) -> Sequence[Any]:
    kinds = set(map(type, values))
    if not kinds <= _AS_TEXT or kinds == {type(None)}:
        return values
    if type(None) in kinds:
        return _Text(None if v is None else str(v) for v in values)
    return _Text(map(str, values))


def _csv_column(values: Sequence[Any]) -> Sequence[Any]:
    """A column's CSV cells as a batch's JSON decodes them, formula cells escaped."""
    kinds = set(map(type, values))
    if kinds <= _PLAIN:
        return values
    if not kinds <= _TEXT:
        values = orjson.loads(orjson.dumps(values, default=_json_default))
        kinds = set(map(type, values))
        if kinds <= _PLAIN:
            return values
    if kinds <= _TEXT and _FORMULA_FIRST.isdisjoint(map(_FIRST, filter(None, values))):
        return values
    return [_cell(v) for v in values]


# The CSV writer (the excel dialect) quotes a cell holding one of these, doubling its quotes.
_QUOTED = (",", '"', "\r", "\n")
_INTEGERS = frozenset({int, bool})


def _csv_lines(columns: Sequence[Sequence[Any]]) -> str:
    """The CSV lines of rows given as columns (two or more), as ``csv.writer`` writes them
    with its default dialect (``_csv_text``): a cell as ``str`` (a float as ``repr``), None
    empty, a cell holding a delimiter, quote or line break quoted; each line ends in CRLF. A
    column at a time, each line joined in one call (the writer's own loop is per cell)."""
    lines = map(",".join, zip(*map(_csv_fields, columns), strict=True))
    return "\r\n".join(lines) + "\r\n"


def _csv_fields(values: Sequence[Any]) -> Sequence[str]:
    kinds = set(map(type, values))
    if kinds <= _INTEGERS:
        return list(map(str, values))
    if kinds == {str}:
        cells: Sequence[str] = values
    else:
        cells = [_csv_field(v) for v in values]
    text = "\0".join(cells)
    if any(c in text for c in _QUOTED):
        return [_csv_quoted(c) for c in cells]
    return cells


def _csv_field(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return repr(value) if isinstance(value, float) else str(value)


def _csv_quoted(cell: str) -> str:
    if any(c in cell for c in _QUOTED):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def supplementary_information(manifest: Manifest, categories: Iterable[str]) -> dict[str, Any]:
    """GDPR Art. 15(1)(a)-(h) and 15(2), from the manifest, for the categories found."""
    found = sorted(set(categories))

    def relevant(keys: list[str]) -> bool:
        return not keys or any(is_under(c, k) or is_under(k, c) for c in found for k in keys)

    purposes = [p for p in manifest.purposes if relevant(p.data_categories)]
    recipients = [r for r in manifest.recipients if relevant(r.data_categories)]
    org = manifest.organization
    return {
        "controller": org.model_dump(exclude_none=True) if org else None,
        "purposes": [
            {
                "purpose": p.name,
                "data_use": p.data_use,
                "legal_basis": p.legal_basis.value if p.legal_basis else None,
                "legitimate_interest": p.legitimate_interest,
            }
            for p in purposes
        ],
        "categories": found,
        "recipients": [
            {
                "name": r.name,
                "role": r.role.value,
                "countries": r.all_countries,
                "transfer_safeguard": r.transfer_safeguard.value if r.transfer_safeguard else None,
            }
            for r in recipients
        ],
        "retention": [{"purpose": p.name, "period": p.retention} for p in purposes if p.retention],
        "sources": ["the data subject"],  # Export.close names the sources of what it holds
        "rights": [r.right.value for r in manifest.rights],
        "right_to_complain": org.supervisory_authority.model_dump(exclude_none=True)
        if org and org.supervisory_authority
        else "the supervisory authority of your country",
        "automated_decision_making": "none declared"
        if not any(r.right.value == "automated_decisions" for r in manifest.rights)
        else "see the privacy notice",
    }


def portable_categories(manifest: Manifest) -> set[str]:
    """Categories processed under consent or contract: what portability (Art. 20) covers."""
    bases = {LegalBasis.CONSENT, LegalBasis.CONTRACT}
    return {c for p in manifest.purposes if p.legal_basis in bases for c in p.data_categories}


def _summary_html(info: dict[str, Any], portability: bool, manifest: Manifest) -> str:
    # Imported here for start-up time only (Jinja2 and the page helpers load when an export is
    # written, not with every command); kept.web is below this module, see docs/development.md.
    from kept.web.summary import summary_html

    return summary_html(info, manifest, portability)
