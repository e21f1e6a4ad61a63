"""Sample a table's values in one bounded query.

``SELECT c1, c2, ... FROM t LIMIT n``: no ``ORDER BY`` (no sort, no full scan: the server stops
after ``n`` rows), only the columns the classifier reads (no blobs beyond the first bytes is not
portable, so binary columns are read only when asked). One query per table.

On PostgreSQL, MySQL/MariaDB and SQLite the statement is written as text with the dialect's
quoting (which doubles a ``%`` in a name for drivers that read ``%s`` placeholders; they undo
it): compiling a SQLAlchemy ``select`` for each of thousands of tables cost more than the query.
PostgreSQL's network addresses (``inet``, ``cidr``) are read as the server writes them, as text:
the driver's ``ipaddress`` objects cost microseconds a value and are turned back into the same
text to be classified.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import sqlalchemy as sa
from sqlalchemy.exc import SQLAlchemyError

from kept.errors import StoreError

__all__ = ["sample_table"]

_LIMIT = frozenset(("postgresql", "mysql", "mariadb", "sqlite"))  # SELECT ... LIMIT n


def sample_table(
    store: str,
    conn: sa.Connection,
    table: str,
    columns: list[str],
    limit: int,
    schema: str | None = None,
    *,
    types: Mapping[str, str] | None = None,
) -> dict[str, list[object]]:
    """Up to ``limit`` values of each of ``columns`` (the same rows for all); ``types`` (the
    columns' type names, optional) lets network addresses be read as text."""
    if not columns or limit <= 0:
        return {}
    try:
        if conn.dialect.name in _LIMIT:
            quote = conn.dialect.identifier_preparer.quote
            where = quote(table)
            if schema is not None:
                where = f"{conn.dialect.identifier_preparer.quote_schema(schema)}.{where}"
            kinds = types or {}
            read = [_as_text(quote(c), kinds.get(c, ""), conn.dialect.name) for c in columns]
            sql = f"SELECT {', '.join(read)} FROM {where} LIMIT {int(limit)}"
            rows: Sequence[Sequence[object]] = conn.exec_driver_sql(sql).all()
        else:
            source = sa.table(table, *[sa.column(c) for c in columns], schema=schema)
            query = sa.select(*[source.c[c] for c in columns]).limit(limit)
            rows = conn.execute(query).all()
    except SQLAlchemyError as exc:
        conn.rollback()
        raise StoreError(store, f"cannot sample table {table!r}: {exc.__class__.__name__}") from exc
    if not rows:
        return {c: [] for c in columns}
    # rows to columns in C (a comprehension per column cost 50 µs a table of 20 columns)
    return dict(zip(columns, map(list, zip(*rows, strict=True)), strict=True))


def _as_text(quoted: str, type_name: str, dialect: str) -> str:
    """The select-list entry for a column: PostgreSQL network addresses as their text."""
    if dialect == "postgresql":
        kind = type_name.split("(")[0].strip().upper()
        if kind == "INET":
            return f"abbrev({quoted})"  # the type's own output: no /32 on a host's address
        if kind == "CIDR":
            return f"CAST({quoted} AS text)"
    return quoted
