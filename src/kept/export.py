"""The access export: a zip the person can read and a machine can parse.

Contents, written as the rows stream in (memory does not grow with the number of rows):

- ``data/<dataset>.<collection>.json`` — the rows, a JSON array per table;
- ``data/<dataset>.<collection>.csv`` — the same rows as CSV (access exports only);
- ``supplementary.json`` — what GDPR Art. 15(1)(a)-(h) and 15(2) require beside the copy:
  purposes with legal bases, categories, recipients (with countries and safeguards), retention,
  sources, rights, the supervisory authority, automated decision-making;
- ``summary.html`` — all of it for a human, with row counts per table.
"""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import html
import io
import json
import tempfile
import uuid
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

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
        with tempfile.SpooledTemporaryFile(
            _SPOOL_BYTES, "w+", encoding="utf-8", newline=""
        ) as spool:
            writer = csv.writer(spool)
            writer.writerow(columns)
            with self._zip.open(f"data/{label}.json", "w") as raw:
                out = io.TextIOWrapper(raw, encoding="utf-8")
                out.write("[")
                for row in rows:
                    out.write(",\n " if count else "\n ")
                    out.write(json.dumps(row, default=_json_default, ensure_ascii=False))
                    if not self.portability:
                        writer.writerow([_csv(row[c]) for c in columns])
                    count += 1
                out.write("\n]\n" if count else "]\n")
                out.flush()
                out.detach()
            if not self.portability:
                spool.seek(0)
                self._copy(spool, f"data/{label}.csv")
        self.counts[label] = count
        if count:
            self.categories.update(categories)
        return count

    def _copy(self, source: IO[str], name: str) -> None:
        with self._zip.open(name, "w") as raw:
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
        self._zip.writestr("summary.html", _summary_html(info, self.portability))
        self._zip.close()


def _csv(value: Any) -> Any:
    if value is None or isinstance(value, str | int | float):
        return value
    return _json_default(value)


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


def _sources_html(info: dict[str, Any]) -> str:
    e = html.escape
    items = "".join(
        f"<li>{e(label)}: {e(src['source'])}"
        + (f" — {e(', '.join(src['rows_from']))}" if src.get("rows_from") else "")
        + "</li>"
        for label, src in info.get("source_per_table", {}).items()
        if src.get("kind") != "data_subject"
    )
    return f"<ul>{items}</ul>" if items else ""


def _summary_html(info: dict[str, Any], portability: bool) -> str:
    e = html.escape
    title = "Your data (portable copy)" if portability else "Your personal data"
    rows = "".join(
        f"<tr><td>{e(t)}</td><td>{n}</td></tr>" for t, n in info["rows_per_table"].items()
    )
    purposes = "".join(
        f"<li>{e(p['purpose'])} — legal basis: {e(str(p['legal_basis'] or 'not stated'))}</li>"
        for p in info["purposes"]
    )
    recipients = "".join(
        f"<li>{e(r['name'])} ({e(r['role'])}; {e(', '.join(r['countries']) or 'n/a')}; "
        f"safeguard: {e(str(r['transfer_safeguard'] or 'none needed'))})</li>"
        for r in info["recipients"]
    )
    retention = "".join(
        f"<li>{e(r['purpose'])}: {e(str(r['period']))}</li>" for r in info["retention"]
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{e(title)}</title></head>
<body>
<h1>{e(title)}</h1>
<p>Request {e(info["request_id"])}, generated {e(info["generated_at"])}.</p>
<h2>What we hold</h2><table><tr><th>table</th><th>rows</th></tr>{rows}</table>
<h2>Categories of data</h2><p>{e(", ".join(info["categories"]) or "none")}</p>
<h2>Why we process it</h2><ul>{purposes}</ul>
<h2>Who receives it</h2><ul>{recipients or "<li>no recipients</li>"}</ul>
<h2>How long we keep it</h2><ul>{retention or "<li>see the privacy notice</li>"}</ul>
<h2>Where it comes from</h2><p>{e(", ".join(info["sources"]))}</p>{_sources_html(info)}
<h2>Your rights</h2><p>{e(", ".join(info["rights"]) or "see the privacy notice")}</p>
<h2>Complaints</h2><p>{e(json.dumps(info["right_to_complain"]))}</p>
<h2>Automated decisions</h2><p>{e(info["automated_decision_making"])}</p>
</body></html>
"""
