"""De-identified exports: a collection's rows with every personal field removed or blurred.

The manifest's ``deidentify:`` names, per collection, how each field goes into the export:
``keep`` (not personal), ``month`` / ``year`` (a date or time generalised), ``truncate_ip``
(an IPv4 address to its /24, IPv6 to its /48), ``region`` (a postcode to its first two
characters), ``pseudonymise`` (a keyed hash: the same value always gives the same token, and
without Kept's secret the token gives nothing back) or ``remove``. A field the block does not
name is removed: a new column never leaks by default.

:func:`export_deidentified` streams the rows (constant memory) into CSV or JSON Lines and
then proves the promise: every identity value of every person in the manifest's stores (each
identity column, read once) is checked against every written cell and against the words of
text cells. A hit fails the export and deletes the file; the error names the column and the
count, never the value.

The matching data check of ``kept check`` (:mod:`kept.check.anonymised`) reads a sample of
each column declared ``anonymised`` and reports identity values or values that look personal.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import hmac
import ipaddress
import json
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from kept.errors import DeidentifyError
from kept.execution.identity import normalise
from kept.execution.plan import traversal_plan
from kept.manifest.loader import LoadedManifest
from kept.manifest.models import Collection
from kept.manifest.operations import Deidentification, DeidentifyMethod
from kept.stores import StoreEngines

__all__ = [
    "DeidentifiedExport",
    "DeidentifyError",
    "declaration",
    "export_deidentified",
    "identity_fingerprints",
    "identity_hits",
]

_BATCH = 5000
_SEPARATOR = re.compile(r"[\s,;:()<>\[\]{}\"'|/\\]")
_WORDS = re.compile(r"[\s,;:()<>\[\]{}\"'|/\\]+")


@dataclass
class DeidentifiedExport:
    collection: str
    path: Path
    rows: int = 0
    columns: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    identities_checked: int = 0
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "collection": self.collection,
            "file": str(self.path),
            "rows": self.rows,
            "columns": self.columns,
            "removed": self.removed,
            "identities_checked": self.identities_checked,
            "leaks": 0,
            "seconds": round(self.seconds, 3),
        }


def _fingerprint(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big")


def identity_fingerprints(
    loaded: LoadedManifest, engines: StoreEngines, *, stores: set[str] | None = None
) -> set[int]:
    """A fingerprint (64-bit hash of the normalised value) of every identity value of every
    person in the manifest's stores: each identity column read once, streamed."""
    kinds = sorted(
        {
            kind
            for d in loaded.manifest.dataset
            for c in d.collections
            for f in c.fields
            for kind in (f.fides_meta.identity_kinds if f.fides_meta else ())
        }
    )
    known = {s.name: s for s in loaded.manifest.stores}
    only = stores
    found: set[int] = set()
    for step in traversal_plan(loaded.manifest, kinds).steps:
        if only is not None and step.store not in only:
            continue
        for way in step.ways:
            if way.identity is None:
                continue
            table = sa.table(step.table, sa.column(way.column), schema=known[step.store].db_schema)
            column = table.c[way.column]
            query = sa.select(column).where(column.is_not(None)).distinct()
            with engines.get(step.store).connect() as conn:
                for (value,) in conn.execution_options(yield_per=_BATCH).execute(query):
                    text = str(value).strip()
                    if text:
                        found.add(_fingerprint(normalise(way.identity, text)))
                        found.add(_fingerprint(text.casefold()))
    return found


def _month(value: Any) -> str | None:
    if isinstance(value, dt.date):
        return value.strftime("%Y-%m")
    text = str(value)
    return text[:7] if re.match(r"^\d{4}-\d{2}", text) else None


def _year(value: Any) -> str | None:
    if isinstance(value, dt.date):
        return value.strftime("%Y")
    text = str(value)
    return text[:4] if re.match(r"^\d{4}", text) else None


_IPV4 = re.compile(r"^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$")


def _truncate_ip(value: Any) -> str | None:
    text = str(value).strip()
    v4 = _IPV4.match(text)
    if v4 is not None:  # the common case, without the ipaddress module's objects
        octets = v4.groups()
        if all(int(o) <= 255 for o in octets):
            return f"{int(octets[0])}.{int(octets[1])}.{int(octets[2])}.0"
        return None
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    prefix = 24 if address.version == 4 else 48
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False).network_address)


def _transform(method: DeidentifyMethod, secret: bytes) -> Callable[[Any], Any]:
    if method is DeidentifyMethod.KEEP:
        return lambda v: v
    if method is DeidentifyMethod.MONTH:
        return _month
    if method is DeidentifyMethod.YEAR:
        return _year
    if method is DeidentifyMethod.TRUNCATE_IP:
        return _truncate_ip
    if method is DeidentifyMethod.REGION:
        return lambda v: str(v).strip()[:2] or None
    if method is DeidentifyMethod.PSEUDONYMISE:
        return lambda v: hmac.digest(secret, str(v).encode("utf-8"), "sha256").hex()[:20]
    raise DeidentifyError(f"method {method.value!r} writes nothing")  # REMOVE never gets here


def declaration(loaded: LoadedManifest, name: str) -> tuple[Deidentification, str, Collection]:
    declared = next((d for d in loaded.manifest.deidentify if d.collection == name), None)
    if declared is None:
        known = ", ".join(d.collection for d in loaded.manifest.deidentify) or "none"
        raise DeidentifyError(
            f"collection {name!r} has no deidentify: block in the manifest (declared: {known})"
        )
    dataset_key, _, table = name.partition(".")
    dataset = loaded.manifest.dataset_by_key(dataset_key)
    collection = (
        next((c for c in dataset.collections if c.name == table), None) if dataset else None
    )
    if dataset is None or collection is None:
        raise DeidentifyError(f"unknown collection {name!r}")
    store = loaded.manifest.store_for(dataset_key)
    if store is None:
        raise DeidentifyError(f"dataset {dataset_key!r} is held by no store")
    return declared, store.name, collection


def identity_hits(
    cells: Iterator[tuple[str, Any]], fingerprints: set[int], counts: dict[str, int]
) -> None:
    for column, value in cells:
        if value is None:
            continue
        if not isinstance(value, str):  # a number or a date: only the whole value can match
            if _fingerprint(str(value)) in fingerprints:
                counts[column] = counts.get(column, 0) + 1
            continue
        text = value.strip()
        if not text:
            continue
        words = [text]
        if _SEPARATOR.search(text):
            words += [w.strip(".!?") for w in _WORDS.split(text) if len(w) > 2]
        if any(_fingerprint(w.casefold()) in fingerprints for w in words):
            counts[column] = counts.get(column, 0) + 1


def export_deidentified(
    loaded: LoadedManifest,
    collection: str,
    out: Path,
    *,
    engines: StoreEngines,
    secret: bytes,
    fmt: str = "csv",
) -> DeidentifiedExport:
    """Write ``collection`` de-identified to ``out`` (``csv`` or ``jsonl``), then prove that
    no identity value of any person is in it (else the file is deleted and an error raised)."""
    if not secret:
        raise DeidentifyError("a de-identified export needs Kept's secret key (pseudonyms)")
    if fmt not in ("csv", "jsonl"):
        raise DeidentifyError(f"format {fmt!r}: use csv or jsonl")
    started = time.perf_counter()
    declared, store_name, meta = declaration(loaded, collection)
    methods = {f.name: declared.fields.get(f.name, DeidentifyMethod.REMOVE) for f in meta.fields}
    written = [n for n, m in methods.items() if m is not DeidentifyMethod.REMOVE]
    result = DeidentifiedExport(collection, out, columns=written)
    result.removed = [n for n, m in methods.items() if m is DeidentifyMethod.REMOVE]
    if not written:
        raise DeidentifyError(f"{collection}: every field is removed; name at least one")
    transforms = {n: _transform(methods[n], secret) for n in written}
    # Only values written as they are can hold an identity: a pseudonym, a month, a truncated
    # address or a two-character region cannot equal an e-mail address or a phone number.
    kept = [i for i, n in enumerate(written) if methods[n] is DeidentifyMethod.KEEP]
    store = next(s for s in loaded.manifest.stores if s.name == store_name)
    table = sa.table(meta.name, *(sa.column(n) for n in written), schema=store.db_schema)
    fingerprints = identity_fingerprints(loaded, engines)
    result.identities_checked = len(fingerprints)
    leaks: dict[str, int] = {}
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        with out.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle) if fmt == "csv" else None
            if writer is not None:
                writer.writerow(written)
            query = sa.select(*(table.c[n] for n in written))
            with engines.get(store_name).connect() as conn:
                for row in conn.execution_options(yield_per=_BATCH).execute(query):
                    values = [
                        transforms[n](v) if v is not None else None
                        for n, v in zip(written, row, strict=True)
                    ]
                    identity_hits(((written[i], values[i]) for i in kept), fingerprints, leaks)
                    if writer is not None:
                        writer.writerow(["" if v is None else v for v in values])
                    else:
                        handle.write(
                            json.dumps(dict(zip(written, values, strict=True)), default=str) + "\n"
                        )
                    result.rows += 1
    except OSError as exc:
        raise DeidentifyError(f"cannot write {out}: {exc}") from exc
    if leaks:
        out.unlink(missing_ok=True)
        where = ", ".join(f"{c} ({n} rows)" for c, n in sorted(leaks.items()))
        raise DeidentifyError(
            f"{collection}: identity values of people would be exported in {where}; nothing "
            "was written. Remove or pseudonymise those fields in the manifest's deidentify: block"
        )
    result.seconds = time.perf_counter() - started
    return result
