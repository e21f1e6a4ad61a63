"""What the classifier is told about a table's columns, from an introspected schema."""

from __future__ import annotations

from kept.check.classify import ColumnFacts
from kept.stores.introspect import TableInfo

__all__ = ["column_facts"]


def column_facts(table: TableInfo) -> dict[str, ColumnFacts]:
    """Each column's name, type kind, comment and neighbours (the table's other columns)."""
    names = tuple(table.columns)
    return {
        name: ColumnFacts(
            name=name,
            table=table.name,
            kind=col.kind,
            comment=col.comment,
            neighbours=tuple(n for n in names if n != name),
        )
        for name, col in table.columns.items()
    }
