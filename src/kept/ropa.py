"""The record of processing activities (GDPR Art. 30), derived from the manifest and its stores.

- :func:`controller_records`: Art. 30(1), one row per purpose × data category × recipient
  (a purpose × category without recipient is one row with the recipient columns empty), with
  the collections of each store that hold the category;
- :func:`processor_records`: Art. 30(2), one row per processor (or sub-processor) × purpose:
  the record each processor keeps of the processing it carries out for this controller.

Both are lists of dicts with the column order of :data:`CONTROLLER_COLUMNS` and
:data:`PROCESSOR_COLUMNS`; :func:`write_csv`, :func:`write_xlsx` (openpyxl) and
:func:`render_html` write them.
"""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from kept.errors import RecordsError
from kept.jurisdictions import needs_transfer_safeguard
from kept.manifest.models import Contact, Manifest, Recipient, RecipientRole
from kept.taxonomy import is_under

__all__ = [
    "CONTROLLER_COLUMNS",
    "PROCESSOR_COLUMNS",
    "as_text",
    "controller_records",
    "processor_records",
    "render_html",
    "write_csv",
    "write_xlsx",
]

CONTROLLER_COLUMNS = (
    "controller",
    "controller_contact",
    "representative",
    "dpo",
    "purpose",
    "purpose_name",
    "data_use",
    "legal_basis",
    "legitimate_interest",
    "data_subjects",
    "data_category",
    "recipient",
    "recipient_role",
    "recipient_countries",
    "third_country_transfer",
    "transfer_safeguard",
    "erasure_time_limit",
    "security_measures",
    "held_in",
    "held_in_locations",
)
PROCESSOR_COLUMNS = (
    "processor",
    "processor_role",
    "controller",
    "controller_contact",
    "dpo",
    "purpose",
    "purpose_name",
    "processing_categories",
    "data_categories",
    "countries",
    "third_country_transfer",
    "transfer_safeguard",
    "security_measures",
)
_PROCESSORS = (RecipientRole.PROCESSOR, RecipientRole.SUBPROCESSOR)


def _contact(c: Contact | None) -> str:
    if c is None:
        return ""
    return ", ".join(p for p in (c.name, c.role, c.address, c.email, c.phone, c.url) if p)


def _overlaps(a: str, keys: Iterable[str]) -> bool:
    keys = list(keys)
    return not keys or any(is_under(a, k) or is_under(k, a) for k in keys)


def _holders(manifest: Manifest) -> dict[str, set[str]]:
    """Each data category declared on a field → the ``store/dataset.collection``s holding it."""
    held: dict[str, set[str]] = {}
    for ds in manifest.dataset:
        store = manifest.store_for(ds.fides_key)
        prefix = f"{store.name}/" if store else ""
        for coll in ds.collections:
            cats = set(coll.data_categories or [])
            stack = list(coll.fields)
            while stack:
                f = stack.pop()
                cats.update(f.data_categories or [])
                stack.extend(f.fields or [])
            for cat in cats:
                held.setdefault(cat, set()).add(f"{prefix}{ds.fides_key}.{coll.name}")
    return held


def _transfer(manifest: Manifest, r: Recipient) -> tuple[str, str]:
    jurisdictions = list(manifest.organization.jurisdictions) if manifest.organization else []
    abroad = [c for c in r.all_countries if needs_transfer_safeguard(jurisdictions, c)]
    guard = r.transfer_safeguard.value if r.transfer_safeguard else ""
    return ("yes: " + ", ".join(abroad) if abroad else "no"), guard


def controller_records(manifest: Manifest) -> list[dict[str, str]]:
    """Art. 30(1) rows: one per purpose × data category × recipient."""
    org = manifest.organization
    held = _holders(manifest)
    subjects = {s.key: s.name or s.key for s in manifest.data_subjects}
    located = {s.name: s.all_locations for s in manifest.stores}
    base = {
        "controller": (org.legal_name or org.name) if org else "",
        "controller_contact": "; ".join(_contact(c) for c in org.contacts) if org else "",
        "representative": _contact(org.representative) if org else "",
        "dpo": _contact(org.dpo) if org else "",
        "security_measures": (org.security_measures or "") if org else "",
    }
    rows: list[dict[str, str]] = []
    for p in manifest.purposes:
        for cat in p.data_categories or ["(not stated)"]:
            where = sorted(
                {w for key, places in held.items() if is_under(key, cat) for w in places}
            )
            stores = sorted({w.split("/", 1)[0] for w in where if "/" in w})
            row = {
                **base,
                "purpose": p.key,
                "purpose_name": p.name,
                "data_use": p.data_use,
                "legal_basis": p.legal_basis.value if p.legal_basis else "",
                "legitimate_interest": p.legitimate_interest or "",
                "data_subjects": "; ".join(subjects.get(s, s) for s in p.data_subjects),
                "data_category": cat,
                "erasure_time_limit": p.retention or "",
                "held_in": "; ".join(where),
                "held_in_locations": "; ".join(
                    f"{name}: {', '.join(located[name])}" for name in stores if located.get(name)
                ),
            }
            recipients: list[Recipient | None] = [
                r
                for r in manifest.recipients
                if (not r.purposes or p.key in r.purposes) and _overlaps(cat, r.data_categories)
            ]
            for r in recipients or [None]:
                transfer, guard = _transfer(manifest, r) if r else ("no", "")
                rows.append(
                    {
                        **row,
                        "recipient": r.name if r else "",
                        "recipient_role": r.role.value if r else "",
                        "recipient_countries": ", ".join(r.all_locations) if r else "",
                        "third_country_transfer": transfer,
                        "transfer_safeguard": guard,
                    }
                )
    return [{c: r[c] for c in CONTROLLER_COLUMNS} for r in rows]


def processor_records(manifest: Manifest) -> list[dict[str, str]]:
    """Art. 30(2) rows: one per processor × purpose it serves."""
    org = manifest.organization
    purposes = {p.key: p for p in manifest.purposes}
    rows: list[dict[str, str]] = []
    for r in manifest.recipients:
        if r.role not in _PROCESSORS:
            continue
        transfer, guard = _transfer(manifest, r)
        for key in r.purposes or list(purposes):
            p = purposes.get(key)
            cats = [c for c in (p.data_categories if p else []) if _overlaps(c, r.data_categories)]
            rows.append(
                {
                    "processor": r.name,
                    "processor_role": r.role.value,
                    "controller": (org.legal_name or org.name) if org else "",
                    "controller_contact": "; ".join(_contact(c) for c in org.contacts)
                    if org
                    else "",
                    "dpo": _contact(org.dpo) if org else "",
                    "purpose": key,
                    "purpose_name": p.name if p else "",
                    "processing_categories": p.data_use if p else "",
                    "data_categories": "; ".join(cats or r.data_categories),
                    "countries": ", ".join(r.all_locations),
                    "third_country_transfer": transfer,
                    "transfer_safeguard": guard,
                    "security_measures": (org.security_measures or "") if org else "",
                }
            )
    return rows


def _records(manifest: Manifest, record: str) -> tuple[tuple[str, ...], list[dict[str, str]]]:
    if record == "controller":
        return CONTROLLER_COLUMNS, controller_records(manifest)
    if record == "processor":
        return PROCESSOR_COLUMNS, processor_records(manifest)
    raise RecordsError(f"unknown record {record!r}: use 'controller' (Art. 30(1)) or 'processor'")


def write_csv(manifest: Manifest, out: IO[str], record: str = "controller") -> int:
    """Write one record as CSV; returns the number of rows."""
    columns, rows = _records(manifest, record)
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    for row in rows:
        # Values from the manifest are data, never formulas (CSV injection).
        writer.writerow({k: ("'" + v if v and v[0] in "=+-@" else v) for k, v in row.items()})
    return len(rows)


def write_xlsx(manifest: Manifest, path: Path | IO[bytes]) -> dict[str, int]:
    """Write both records as sheets of one workbook; returns the rows per sheet."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    counts: dict[str, int] = {}
    for title, record in (
        ("Art. 30(1) controller", "controller"),
        ("Art. 30(2) processors", "processor"),
    ):
        columns, rows = _records(manifest, record)
        sheet = book.create_sheet(title)
        sheet.append(list(columns))
        for row in rows:
            sheet.append([row[c] for c in columns])
        counts[record] = len(rows)
    book.save(path)
    return counts


def render_html(manifest: Manifest) -> str:
    """Both records as one HTML page (a table each)."""
    e = html.escape
    org = manifest.organization
    name = (org.legal_name or org.name) if org else "?"
    parts = [
        f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>Record of processing activities — {e(name)}</title></head><body>",
        f"<h1>Record of processing activities — {e(name)}</h1>",
    ]
    for title, record in (
        ("Controller record (GDPR Art. 30(1))", "controller"),
        ("Processors' records (GDPR Art. 30(2))", "processor"),
    ):
        columns, rows = _records(manifest, record)
        parts.append(f'<h2>{e(title)}</h2><table id="{record}"><thead><tr>')
        parts.append("".join(f"<th>{e(c)}</th>" for c in columns) + "</tr></thead><tbody>")
        parts += [
            "<tr>" + "".join(f"<td>{e(row[c])}</td>" for c in columns) + "</tr>" for row in rows
        ]
        parts.append("</tbody></table>")
    parts.append("</body></html>\n")
    return "\n".join(parts)


def as_text(manifest: Manifest, fmt: str, record: str = "controller") -> str:
    """CSV or HTML as a string (the CLI's stdout)."""
    if fmt == "csv":
        buf = io.StringIO()
        write_csv(manifest, buf, record)
        return buf.getvalue()
    if fmt == "html":
        return render_html(manifest)
    raise RecordsError(f"unknown ROPA format {fmt!r}: use csv, xlsx or html")
