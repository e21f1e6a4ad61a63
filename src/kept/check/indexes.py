"""Notes of ``kept check``: the expression indexes that make identity matching fast.

Identities are compared in their normalised form (``lower(email)``; a phone number without
separators, see :mod:`kept.execution.matching`). On PostgreSQL an ordinary index on the column
does not serve that comparison: for each identity column without a matching expression index,
a note gives the exact ``CREATE INDEX`` statement.
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from sqlalchemy.exc import SQLAlchemyError

from kept.execution.identity import IdentityRule, IdentityRules, Method
from kept.execution.matching import index_statement
from kept.findings import Note
from kept.manifest.datamap import DataMap
from kept.manifest.loader import LoadedManifest
from kept.manifest.models import Store

__all__ = ["identity_index_notes"]


def identity_index_notes(
    loaded: LoadedManifest, dm: DataMap, store: Store, conn: sa.Connection
) -> list[Note]:
    """A note per identity column of ``store`` that lacks the expression index it needs."""
    if conn.dialect.name != "postgresql":
        return []
    rules = IdentityRules.of(loaded.manifest)
    notes: list[Note] = []
    for node, fields in sorted(dm.identities.items()):
        if loaded.manifest.store_for(node.dataset) is not store:
            continue
        existing = _index_definitions(conn, store.db_schema, node.collection)
        for column, kind in fields:
            rule = rules.rule(kind)
            statement = index_statement(
                rule, node.collection, column, store.db_schema, conn.dialect.name
            )
            if statement is None or _has_index(existing, rule, column):
                continue
            notes.append(
                Note(
                    f"identity {kind!r} is matched on {node}.{column} in normalised form; "
                    f"without an expression index every request scans the table: {statement}",
                    f"column:{node}.{column}",
                )
            )
    return notes


def _index_definitions(conn: sa.Connection, schema: str | None, table: str) -> list[str]:
    try:
        rows = conn.execute(
            sa.text(
                "SELECT indexdef FROM pg_indexes "
                "WHERE schemaname = COALESCE(:schema, current_schema()) AND tablename = :table"
            ),
            {"schema": schema, "table": table},
        )
        return [str(r[0]) for r in rows]
    except SQLAlchemyError:
        return []


def _has_index(definitions: list[str], rule: IdentityRule, column: str) -> bool:
    """Whether an index is on the normalised column (``lower((email)::text)``; for phones,
    the six nested ``replace`` of the column)."""
    col = rf'\(?"?{re.escape(column)}"?[):,]'
    head = r"(replace\(){6}" if rule.method is Method.PHONE else r"lower\("
    pattern = re.compile(head + col, re.IGNORECASE)
    return any(pattern.search(d) for d in definitions)
