"""A sweep that deletes parents de-links the children that stay.

Before a batch of a ``delete`` rule removes rows of a collection, every row of another table
whose foreign key (in the live schema) points at one of them has its reference set to
``NULL`` in the same transaction: the children a retention minimum, an indefinite keep or a
longer period keeps stay, de-linked, instead of failing the delete (``RESTRICT``) or vanishing
with it (``CASCADE``). A ``NOT NULL`` reference cannot take it: the rule is refused with a
problem naming the table, column and constraint, before its first batch. Foreign keys that do
not point at the parent's primary key are left to the database.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from kept.errors import RetentionError
from kept.stores import introspect

__all__ = ["ChildLink", "child_links", "delink_statements"]


@dataclass(frozen=True)
class ChildLink:
    table: str
    column: str
    nullable: bool


def child_links(
    store: str, engine: sa.Engine, schema: str | None, parent: str, pk: list[str]
) -> list[ChildLink]:
    """The single-column foreign keys from other tables to ``parent``'s primary key."""
    if len(pk) != 1:
        return []
    info = introspect(store, engine, schema)
    links: list[ChildLink] = []
    for name, table in sorted(info.tables.items()):
        if name == parent:
            continue
        for columns, referred, referred_columns in table.foreign_keys:
            if referred == parent and referred_columns == pk and len(columns) == 1:
                column = table.columns.get(columns[0])
                links.append(ChildLink(name, columns[0], column.nullable if column else True))
    return links


def delink_statements(
    links: list[ChildLink],
    t: sa.TableClause,
    key: str,
    where: sa.ColumnElement[bool],
    schema: str | None,
    rule: str,
    conn: sa.Connection,
) -> list[sa.Update]:
    """One ``UPDATE`` per child: its references to the rows ``where`` selects set to NULL.
    A NOT NULL child that has such rows refuses the rule (``RetentionError``)."""
    statements: list[sa.Update] = []
    for link in links:
        child = sa.table(link.table, sa.column(link.column), schema=schema)
        points = child.c[link.column].in_(sa.select(t.c[key]).where(where))
        if not link.nullable:
            found = conn.execute(
                sa.select(sa.literal(1)).select_from(child).where(points).limit(1)
            ).first()
            if found is not None:
                raise RetentionError(
                    f"retention rule {rule!r}: rows of {link.table} that stay reference rows "
                    f"the rule deletes, and {link.table}.{link.column} is NOT NULL so they "
                    "cannot be de-linked; delete them first or keep the parent rows"
                )
            continue
        statements.append(sa.update(child).where(points).values({link.column: None}))
    return statements
