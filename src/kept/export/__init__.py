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

import datetime as dt
import zipfile
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import orjson

from kept.export.encoding import (
    _batches,
    _csv_text,
    _encode_dicts,
    _encode_tuples,
)
from kept.export.members import _COMPRESS_LEVEL, _Member, _Spool, _Target, write_member
from kept.manifest.models import LegalBasis, Manifest
from kept.sources import SourceLedger
from kept.taxonomy import is_under

__all__ = ["Export", "portable_categories", "supplementary_information", "write_member"]

_Batch = TypeVar("_Batch", bound=list[Any])


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
        self._target = _Target(path)  # in memory while small, then the file
        self._zip = zipfile.ZipFile(
            self._target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=_COMPRESS_LEVEL
        )

    def __enter__(self) -> Export:
        return self

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        if kind is None:
            self.close()
        else:
            self.abort()

    def create_file(self) -> None:
        """Create the export's file now (else when it is closed): creating a file costs a
        filesystem's journal more than writing a small one, done while the stores read."""
        self._target.create()

    def abort(self) -> None:
        """Stop writing and leave no file: a failed export is not handed over in part."""
        if self._zip.fp is None:
            return
        self._zip.fp = None  # no central directory written
        self._target.abort()

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
        self._target.finish()


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
