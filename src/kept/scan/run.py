"""Scan one database: read its schema, sample and classify each table, draft its collections."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from kept.check.classify import Classification, ColumnFacts, classify_table
from kept.scan.draft import CollectionDraft, draft_collections
from kept.scan.sample import sample_table
from kept.scan.schema import Table, read_schema

__all__ = ["ScanResult", "scan_engine"]

_SAMPLED_KINDS = ("text", "number", "date", "binary")


@dataclass
class ScanResult:
    store: str
    dialect: str
    schema: str | None
    dataset: str
    tables: dict[str, Table] = field(default_factory=dict)
    found: dict[str, dict[str, Classification]] = field(default_factory=dict)
    collections: list[CollectionDraft] = field(default_factory=list)
    values_sampled: int = 0
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)  # seconds per phase

    def as_dict(self) -> dict[str, Any]:
        columns = []
        for coll in self.collections:
            for fld in coll.fields:
                columns.append(
                    {
                        "table": coll.name,
                        "column": fld.name,
                        "type": fld.column.type,
                        "nullable": fld.column.nullable,
                        "primary_key": fld.column.primary_key,
                        "category": fld.category,
                        "personal": fld.personal,
                        "confidence": fld.found.confidence if fld.found else None,
                        "evidence": list(fld.found.evidence) if fld.found else [],
                        "identity": fld.identity,
                        "references": [
                            {
                                "table": r.table,
                                "column": r.column,
                                "direction": r.direction,
                                "inferred": r.inferred,
                            }
                            for r in fld.references
                        ],
                        "erase": fld.erase,
                    }
                )
        return {
            "store": self.store,
            "dialect": self.dialect,
            "schema": self.schema,
            "dataset": self.dataset,
            "tables": len([t for t in self.tables.values() if not t.view]),
            "views": len([t for t in self.tables.values() if t.view]),
            "personal_columns": sum(1 for c in columns if c["personal"]),
            "values_sampled": self.values_sampled,
            "seconds": round(self.seconds, 3),
            "columns": columns,
        }


def scan_engine(
    store: str,
    engine: sa.Engine,
    *,
    schema: str | None = None,
    dataset: str | None = None,
    sample_size: int = 100,
    on_table: Callable[[str, int, int], None] | None = None,
) -> ScanResult:
    """Read, sample and classify every table of ``schema``; ``on_table(name, done, total)`` is
    told after each table (for a progress bar)."""
    started = time.perf_counter()
    tables = read_schema(store, engine, schema)
    result = ScanResult(store, engine.dialect.name, schema, dataset or store, tables)
    result.timings = {"catalog": time.perf_counter() - started, "sample": 0.0, "classify": 0.0}
    real = [t for t in tables.values() if not t.view]
    with engine.connect() as conn:
        for i, table in enumerate(real, 1):
            names = tuple(table.columns)
            facts = [
                ColumnFacts(
                    name=c.name,
                    table=table.name,
                    kind=c.kind,
                    comment=c.comment,
                    neighbours=tuple(n for n in names if n != c.name),
                )
                for c in table.columns.values()
            ]
            wanted = [c.name for c in table.columns.values() if c.kind in _SAMPLED_KINDS]
            mark = time.perf_counter()
            samples = sample_table(store, conn, table.name, wanted, sample_size, schema)
            result.values_sampled += sum(len(v) for v in samples.values())
            between = time.perf_counter()
            result.found[table.name] = classify_table(table.name, facts, samples)
            result.timings["sample"] += between - mark
            result.timings["classify"] += time.perf_counter() - between
            if on_table is not None:
                on_table(table.name, i, len(real))
    mark = time.perf_counter()
    result.collections = draft_collections(tables, result.found, result.dataset)
    result.timings["draft"] = time.perf_counter() - mark
    result.seconds = time.perf_counter() - started
    return result
