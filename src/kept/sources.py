"""Where data came from (GDPR Art. 14(2)(f), 15(1)(g)): the sources an access export names.

A collection or a field declares its :class:`~kept.manifest.models.Source`; a source with a
``column`` names, per row, which reseller, register or controller the row came from. The
:class:`SourceLedger` watches the rows an export streams (without holding them) and collects,
per table, the declared source and the distinct values of its column: the source of each group
of rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from kept.manifest.models import Collection, Manifest, Source, SourceKind

__all__ = ["DATA_SUBJECT", "SourceLedger", "describe_source"]

DATA_SUBJECT = "the data subject"
_KIND_WORDS = {
    SourceKind.DATA_SUBJECT: DATA_SUBJECT,
    SourceKind.RESELLER: "a reseller or channel partner",
    SourceKind.PUBLIC_REGISTER: "a public register",
    SourceKind.CONTROLLER: "another controller",
    SourceKind.OTHER: "another source",
}
# A source column has few distinct values (resellers, registers); past this many, stop listing.
_MAX_VALUES = 100


def describe_source(source: Source) -> str:
    text = source.name or _KIND_WORDS[source.kind]
    return text + (" (publicly accessible)" if source.public else "")


class SourceLedger:
    """The sources of one export's tables, keyed by ``dataset.collection``."""

    def __init__(self, manifest: Manifest) -> None:
        self._collections: dict[str, Collection] = {
            f"{ds.fides_key}.{c.name}": c for ds in manifest.dataset for c in ds.collections
        }
        self._values: dict[str, set[str]] = {}
        self._seen: set[str] = set()

    def observe(self, label: str, rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        """Pass ``rows`` through, noting the source column's values of the table's rows."""
        coll = self._collections.get(label)
        column = coll.source.column if coll is not None and coll.source is not None else None
        values = self._values.setdefault(label, set()) if column else None
        for row in rows:
            self._seen.add(label)
            if values is not None and column is not None and len(values) < _MAX_VALUES:
                value = row.get(column)
                if value is not None:
                    values.add(str(value))
            yield row

    def observe_batches(
        self, label: str, batches: Iterable[list[dict[str, Any]]]
    ) -> Iterator[list[dict[str, Any]]]:
        """:meth:`observe` for rows that come in lists."""
        coll = self._collections.get(label)
        column = coll.source.column if coll is not None and coll.source is not None else None
        values = self._values.setdefault(label, set()) if column else None
        for batch in batches:
            if batch:
                self._seen.add(label)
            if values is not None and column is not None:
                for row in batch:
                    if len(values) >= _MAX_VALUES:
                        break
                    value = row.get(column)
                    if value is not None:
                        values.add(str(value))
            yield batch

    def observe_rows(
        self, label: str, columns: list[str], batches: Iterable[list[tuple[Any, ...]]]
    ) -> Iterator[list[tuple[Any, ...]]]:
        """:meth:`observe_batches` for rows as tuples of the ``columns`` values."""
        coll = self._collections.get(label)
        column = coll.source.column if coll is not None and coll.source is not None else None
        index = columns.index(column) if column in columns else None
        values = self._values.setdefault(label, set()) if column else None
        for batch in batches:
            if batch:
                self._seen.add(label)
            if values is not None and index is not None:
                for row in batch:
                    if len(values) >= _MAX_VALUES:
                        break
                    value = row[index]
                    if value is not None:
                        values.add(str(value))
            yield batch

    def per_table(self) -> dict[str, dict[str, Any]]:
        """For each table with rows: its source and, per column, the sources of its rows."""
        out: dict[str, dict[str, Any]] = {}
        for label in sorted(self._seen):
            coll = self._collections.get(label)
            if coll is None:
                continue
            entry: dict[str, Any] = {}
            if coll.source is not None:
                entry = {
                    "kind": coll.source.kind.value,
                    "source": describe_source(coll.source),
                    "public": coll.source.public,
                }
                if coll.source.description:
                    entry["description"] = coll.source.description
                if coll.source.column:
                    entry["column"] = coll.source.column
                    entry["rows_from"] = sorted(self._values.get(label, ()))
            fields = {
                f.name: {"kind": f.source.kind.value, "source": describe_source(f.source)}
                for f in coll.fields
                if f.source is not None
            }
            if fields:
                entry["fields"] = fields
            out[label] = entry or {"kind": "data_subject", "source": DATA_SUBJECT}
        return out

    def summary(self) -> list[str]:
        """The distinct sources of everything exported, for a reader."""
        found: set[str] = set()
        for entry in self.per_table().values():
            if entry.get("rows_from"):
                found.update(f"{entry['source']}: {v}" for v in entry["rows_from"])
            else:
                found.add(entry["source"])
            found.update(f["source"] for f in entry.get("fields", {}).values())
        return sorted(found) or [DATA_SUBJECT]
