"""Checks of each store's live schema and a sample of its values against the manifest."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.exc import SQLAlchemyError

from kept.check.classify import classify_table
from kept.check.detect import Detection
from kept.check.facts import column_facts
from kept.check.indexes import identity_index_notes
from kept.errors import StoreError
from kept.failure import describe
from kept.findings import Finding, Note, StoreSummary
from kept.manifest.datamap import DataMap, Node
from kept.manifest.loader import LoadedManifest
from kept.manifest.models import Store
from kept.stores import SchemaInfo, TableInfo, introspect, store_engine
from kept.taxonomy import is_under

__all__ = ["StoreCheck", "check_store"]


@dataclass
class StoreCheck:
    summary: StoreSummary
    findings: list[Finding] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)


def check_store(
    loaded: LoadedManifest,
    dm: DataMap,
    store: Store,
    *,
    sample_size: int = 100,
    env: Mapping[str, str] | None = None,
) -> StoreCheck:
    """Compare one store's schema and sampled values with the manifest."""
    result = StoreCheck(StoreSummary(store.name))
    store_path = ("stores", next(i for i, s in enumerate(loaded.manifest.stores) if s is store))
    try:
        engine = store_engine(store, loaded.base_dirs.get(store.name), env)
        try:
            schema = introspect(store.name, engine, store.db_schema)
            result.summary.dialect = schema.dialect
            result.summary.tables = len(schema.tables)
            _Checker(loaded, dm, store, schema, engine, sample_size, result).run()
        finally:
            engine.dispose()
    except StoreError as exc:
        result.summary.reachable = False
        result.findings.append(
            Finding(
                "store-unreachable",
                str(exc),
                f"store:{store.name}",
                store=store.name,
                position=loaded.locate(store_path),
            )
        )
    return result
    try:
        schema = introspect(store.name, engine, store.db_schema)
        result.summary.dialect = schema.dialect
        result.summary.tables = len(schema.tables)
        _Checker(loaded, dm, store, schema, engine, sample_size, result).run()
    except StoreError as exc:
        result.summary.reachable = False
        result.findings.append(
            Finding(
                "store-unreachable",
                str(exc),
                f"store:{store.name}",
                store=store.name,
                position=loaded.locate(store_path),
            )
        )
    finally:
        engine.dispose()
    return result


class _Checker:
    def __init__(
        self,
        loaded: LoadedManifest,
        dm: DataMap,
        store: Store,
        schema: SchemaInfo,
        engine: sa.Engine,
        sample_size: int,
        result: StoreCheck,
    ) -> None:
        self.loaded, self.dm, self.store, self.schema = loaded, dm, store, schema
        self.engine, self.sample_size, self.result = engine, sample_size, result
        self.never = loaded.manifest.prohibitions.never

    def run(self) -> None:
        nodes = [
            n
            for n in self.dm.collections
            if self.loaded.manifest.store_for(n.dataset) is self.store
        ]
        declared: dict[str, set[str]] = {}
        for node in sorted(nodes):
            table = self._table(node.collection)
            if table is None:
                self._add(
                    "missing-table",
                    node,
                    None,
                    f"{node} is declared but store {self.store.name!r} has no table "
                    f"{node.collection!r}",
                )
                continue
            declared.setdefault(table.name, set()).update(self._check_collection(node, table))
        with self.engine.connect() as conn:
            self.result.notes.extend(identity_index_notes(self.loaded, self.dm, self.store, conn))
            for name in sorted(self.schema.tables):
                table = self.schema.tables[name]
                known = declared.get(name)
                self._check_undeclared(conn, table, known)

    def _table(self, name: str) -> TableInfo | None:
        tables = self.schema.tables
        if name in tables:
            return tables[name]
        lowered = {k.lower(): v for k, v in tables.items()}
        return lowered.get(name.lower())

    def _add(
        self,
        code: str,
        node: Node,
        column: str | None,
        message: str,
        path_tail: tuple[str | int, ...] = (),
        category: str | None = None,
    ) -> None:
        target = f"{'column' if column else 'collection'}:{node}" + (f".{column}" if column else "")
        self.result.findings.append(
            Finding(
                code,
                message,
                target,
                store=self.store.name,
                table=node.collection,
                column=column,
                category=category,
                position=self.loaded.locate((*self.dm.paths[node], *path_tail)),
            )
        )

    def _check_collection(self, node: Node, table: TableInfo) -> set[str]:
        coll = self.dm.collections[node]
        columns = {c.lower(): c for c in table.columns}
        found: set[str] = set()
        for f_index, fld in enumerate(coll.fields):
            real = columns.get(fld.name.lower())
            if real is None:
                self._add(
                    "missing-column",
                    node,
                    fld.name,
                    f"{node}.{fld.name} is declared but table {table.name!r} has no "
                    f"column {fld.name!r}",
                    ("fields", f_index, "name"),
                )
            else:
                found.add(real)
        has_pk = any(f.is_primary_key for f in coll.fields) or bool(table.primary_key)
        if not has_pk and self.dm.personal(node):
            self._add(
                "no-primary-key",
                node,
                None,
                f"{node} holds personal data but has no primary key, neither declared "
                "(fides_meta.primary_key) nor in the database; rows cannot be addressed "
                "one by one",
            )
        dataset = self.loaded.manifest.dataset_by_key(node.dataset)
        tenant = coll.tenant_column or (dataset.tenant_column if dataset else None)
        if tenant and tenant.lower() not in columns:
            self._add(
                "unknown-tenant-column",
                node,
                tenant,
                f"{node} declares tenant column {tenant!r}, which table {table.name!r} "
                "does not have",
                ("tenant_column",),
            )
        return found

    def _check_undeclared(
        self, conn: sa.Connection, table: TableInfo, known: set[str] | None
    ) -> None:
        undeclared = [c for c in table.columns if known is None or c not in known]
        facts = column_facts(table)
        to_sample = [n for n in undeclared if table.columns[n].kind in ("text", "number", "date")]
        samples: dict[str, list[object]] = {}
        if to_sample and self.sample_size > 0:
            samples = self._sample(conn, table.name, to_sample)
            self.result.summary.columns_sampled += len(to_sample)
        found = classify_table(table.name, [facts[n] for n in undeclared], samples)
        detections = {
            name: Detection(c.category, c.reason, c.confidence) for name, c in found.items()
        }
        for name in undeclared:
            detection = detections.get(name)
            if detection is not None:
                self._report(table, name, detection, declared_table=known is not None)
        if known is None and not any(n in detections for n in undeclared):
            self.result.notes.append(
                Note(
                    f"table {table.name!r} is not declared in the manifest; no personal data "
                    "was recognised in its columns or a sample of its values",
                    f"table:{self.store.name}.{table.name}",
                )
            )

    def _sample(
        self, conn: sa.Connection, table: str, columns: list[str]
    ) -> dict[str, list[object]]:
        source = sa.table(table, *[sa.column(c) for c in columns], schema=self.store.db_schema)
        query = sa.select(source).limit(self.sample_size)
        try:
            rows = conn.execute(query).all()
        except SQLAlchemyError as exc:
            raise StoreError(
                self.store.name, f"cannot sample table {table!r}: {describe(exc)}"
            ) from exc
        return {c: [row[i] for row in rows] for i, c in enumerate(columns)}

    def _report(
        self, table: TableInfo, column: str, detection: Detection, *, declared_table: bool
    ) -> None:
        target = f"column:{self.store.name}.{table.name}.{column}"
        prohibited = next(
            (r for r in self.never if is_under(detection.category, r.data_category)), None
        )
        where = "" if declared_table else " (the table is not declared in the manifest)"
        if prohibited is not None:
            self.result.findings.append(
                Finding(
                    "prohibited-category",
                    f"column {table.name}.{column} in store {self.store.name!r} holds "
                    f"{detection.category}, which the policy prohibits "
                    f"({prohibited.reason}): {detection.reason}{where}",
                    target,
                    store=self.store.name,
                    table=table.name,
                    column=column,
                    category=detection.category,
                )
            )
            return
        self.result.findings.append(
            Finding(
                "undeclared-personal-data",
                f"column {table.name}.{column} in store {self.store.name!r} looks like "
                f"{detection.category} ({detection.reason}) but is not declared{where}",
                target,
                store=self.store.name,
                table=table.name,
                column=column,
                category=detection.category,
            )
        )
