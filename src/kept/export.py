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
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import orjson

from kept.manifest.models import LegalBasis, Manifest
from kept.sources import SourceLedger
from kept.taxonomy import is_under

__all__ = ["Export", "supplementary_information"]

_SPOOL_BYTES = 1 << 20
_COMPRESS_LEVEL = 1  # fast: exports are written once, on request, and are mostly small


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    if isinstance(value, uuid.UUID):
        return str(value)
    return str(value)


class Export:
    """Write one person's export. Use as a context manager; ``add_table`` streams rows."""

    def __init__(
        self, path: Path, manifest: Manifest, *, request_id: str, portability: bool = False
    ) -> None:
        self.path = path
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
        count = 0
        rows = self.sources.observe(label, rows)
        # The CSV is spooled while the JSON is written: in memory up to 1 MB, then on disk.
        # Rows are encoded a batch at a time by orjson (C): one JSON object per line, and the
        # CSV cells from the same encoding (dates as ISO 8601, decimals as text, as in JSON).
        csv_out = not self.portability
        with tempfile.SpooledTemporaryFile(
            _SPOOL_BYTES, "w+", encoding="utf-8", newline=""
        ) as spool:
            writer = csv.writer(spool)
            writer.writerow(columns)
            with self._zip.open(f"data/{label}.json", "w") as entry, _Deflater(entry) as raw:
                raw.write(b"[")
                for batch in _batches(rows):
                    encoded, exact = _encode(batch)
                    raw.write((b",\n " if count else b"\n ") + b",\n ".join(encoded))
                    if csv_out:
                        text = io.StringIO(newline="")
                        decode = orjson.loads if exact else json.loads
                        csv.writer(text).writerows(
                            [_cell(v) for v in row.values()]
                            for row in decode(b"[" + b",".join(encoded) + b"]")
                        )
                        spool.write(text.getvalue())
                    count += len(batch)
                raw.write(b"\n]\n" if count else b"]\n")
            if csv_out:
                spool.seek(0)
                self._copy(spool, f"data/{label}.csv")
        self.counts[label] = count
        if count:
            self.categories.update(categories)
        return count

    def _copy(self, source: IO[str], name: str) -> None:
        with self._zip.open(name, "w") as entry, _Deflater(entry) as raw:
            while chunk := source.read(1 << 16):
                raw.write(chunk.encode("utf-8"))

    def close(self) -> None:
        if self._zip.fp is None:
            return
        info = supplementary_information(self.manifest, self.categories)
        info["request_id"] = self.request_id
        info["generated_at"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        info["rows_per_table"] = self.counts
        info["sources"] = self.sources.summary()
        info["source_per_table"] = self.sources.per_table()
        self._zip.writestr("supplementary.json", json.dumps(info, indent=2, ensure_ascii=False))
        self._zip.writestr("summary.html", _summary_html(info, self.portability, self.manifest))
        self._zip.close()


_BATCH = 2000


class _Deflater:
    """Writes to a zip entry from a thread of its own, so that deflating (zlib releases the
    GIL) runs beside the reading and encoding of the next rows instead of between them."""

    def __init__(self, entry: IO[bytes]) -> None:
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
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= _BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _encode(batch: list[dict[str, Any]]) -> tuple[list[bytes], bool]:
    """Each row as JSON (UTF-8) by orjson; a row orjson refuses (an integer beyond 64 bits)
    by the standard library, and then False: the batch must be decoded by it too."""
    try:
        return [orjson.dumps(row, default=_json_default) for row in batch], True
    except orjson.JSONEncodeError:
        return [
            json.dumps(row, default=_json_default, ensure_ascii=False).encode("utf-8")
            for row in batch
        ], False


# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection):
# such a text cell is written with a leading apostrophe, which shows it as text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    """A CSV cell: a text cell a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


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
