"""A sweep that deletes parents de-links the children that stay.

Before a batch of a ``delete`` rule removes rows of a collection, every row of another table
whose foreign key (in the live schema) points at one of them has its reference set to
``NULL`` in the same transaction: the children a retention minimum, an indefinite keep or a
longer period keeps stay, de-linked, instead of failing the delete (``RESTRICT``). A foreign
key declared ``ON DELETE CASCADE``, ``SET NULL`` or ``SET DEFAULT`` is left to the database:
the schema says what happens to the children. A ``NOT NULL`` reference cannot take it: the
rule is refused with a problem naming the table and column, before its batch changes
anything. Foreign keys that do not point at the parent's primary key are left to the database.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.exc import SQLAlchemyError

from kept.errors import RetentionError, StoreError
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
    try:
        with engine.connect() as conn:
            options = sa.inspect(conn).get_multi_foreign_keys(schema=schema)
    except SQLAlchemyError as exc:
        raise StoreError(store, f"cannot read the foreign keys: {type(exc).__name__}") from exc
    links: list[ChildLink] = []
    for name, table in sorted(info.tables.items()):
        if name == parent:
            continue
        for fk in options.get((schema, name), []):
            columns = list(fk["constrained_columns"])
            if fk["referred_table"] != parent or list(fk["referred_columns"]) != pk:
                continue
            ondelete = str((fk.get("options") or {}).get("ondelete") or "").upper()
            if len(columns) != 1 or ondelete in _DATABASE_DECIDES:
                continue  # the schema says what happens to the children: the database does it
            column = table.columns.get(columns[0])
            links.append(ChildLink(name, columns[0], column.nullable if column else True))
    return links


_DATABASE_DECIDES = ("CASCADE", "SET NULL", "SET DEFAULT")


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
