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

from collections.abc import Generator, Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import SQLAlchemyError

from kept.errors import StoreError
from kept.stores.pipeline import Pipelined, pipelines

__all__ = ["Wanted", "as_columns", "sample_sql", "sample_table", "sample_tables"]

Wanted = tuple[str, list[str], Mapping[str, str]]
"""A table to sample: its name, the columns to read and the type name of each column."""

_TOGETHER = 25
"""Tables whose sampling statements go to PostgreSQL together (one pipeline)."""

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
        sql = sample_sql(conn.dialect, table, columns, limit, schema, types)
        if sql is not None:
            rows: Sequence[Sequence[object]] = conn.exec_driver_sql(sql).all()
        else:
            source = sa.table(table, *[sa.column(c) for c in columns], schema=schema)
            query = sa.select(*[source.c[c] for c in columns]).limit(limit)
            rows = conn.execute(query).all()
    except SQLAlchemyError as exc:
        conn.rollback()
        raise StoreError(store, f"cannot sample table {table!r}: {exc.__class__.__name__}") from exc
    return as_columns(columns, rows)


def sample_tables(
    store: str,
    conn: sa.Connection,
    wanted: Sequence[Wanted],
    limit: int,
    schema: str | None = None,
) -> Generator[dict[str, list[object]]]:
    """Each wanted table's samples (:func:`sample_table`), in order. On PostgreSQL through
    psycopg the statements of the next tables are sent together (one pipeline) before the
    samples of the last ones are handed over: the database reads the next tables while the
    caller works on these, and none of them waits a round trip of its own."""
    if not pipelines(conn) or limit <= 0:
        for table, columns, types in wanted:
            yield sample_table(store, conn, table, columns, limit, schema, types=types)
        return
    driver: Any = conn.connection.driver_connection
    chunks = [wanted[i : i + _TOGETHER] for i in range(0, len(wanted), _TOGETHER)]
    pending = _send(conn, driver, chunks[0], limit, schema) if chunks else None
    try:
        for index, chunk in enumerate(chunks):
            found = _collect(store, conn, driver, pending, chunk, limit, schema)
            pending = None
            if index + 1 < len(chunks):
                pending = _send(conn, driver, chunks[index + 1], limit, schema)
            yield from found
    finally:
        if pending is not None:
            pending.__exit__(None, None, None)


def _send(
    conn: sa.Connection, driver: Any, chunk: Sequence[Wanted], limit: int, schema: str | None
) -> Pipelined | None:
    """The chunk's statements sent together; None when one failed already (an error can come
    back while the next are sent): the pipeline's transaction is then rolled back."""
    statements: list[tuple[str, None]] = []
    for table, columns, types in chunk:
        sql = sample_sql(conn.dialect, table, columns, limit, schema, types) if columns else None
        if sql is not None:  # PostgreSQL: always, for a table with columns to read
            # sent without parameters, so not read for placeholders: the "%" the dialect's
            # quoting doubled in a name (for the driver to undo) is undone here; a name is the
            # only place one can be
            statements.append((sql.replace("%%", "%"), None))
    try:
        return Pipelined(driver, statements)
    except conn.dialect.loaded_dbapi.Error:
        driver.rollback()
        return None


def _collect(
    store: str,
    conn: sa.Connection,
    driver: Any,
    pending: Pipelined | None,
    chunk: Sequence[Wanted],
    limit: int,
    schema: str | None,
) -> list[dict[str, list[object]]]:
    """The samples of a chunk sent together; when one statement failed, the chunk again one
    table at a time (the failing table named as :func:`sample_table` names it)."""
    error: type[Exception] = conn.dialect.loaded_dbapi.Error
    rows = None
    if pending is not None:
        try:
            rows = iter(pending.rows())
        except error:
            driver.rollback()  # the pipeline's transaction failed with its statement
    if rows is None:
        return [sample_table(store, conn, t, c, limit, schema, types=k) for t, c, k in chunk]
    return [as_columns(columns, next(rows)) if columns else {} for _, columns, _ in chunk]


def sample_sql(
    dialect: sa.Dialect,
    table: str,
    columns: list[str],
    limit: int,
    schema: str | None = None,
    types: Mapping[str, str] | None = None,
) -> str | None:
    """The sampling statement as text, on the dialects that read ``LIMIT`` (else None)."""
    if dialect.name not in _LIMIT:
        return None
    quote = dialect.identifier_preparer.quote
    where = quote(table)
    if schema is not None:
        where = f"{dialect.identifier_preparer.quote_schema(schema)}.{where}"
    kinds = types or {}
    read = [_as_text(quote(c), kinds.get(c, ""), dialect.name) for c in columns]
    return f"SELECT {', '.join(read)} FROM {where} LIMIT {int(limit)}"


def as_columns(columns: list[str], rows: Sequence[Sequence[object]]) -> dict[str, list[object]]:
    """Rows as a list of values per column."""
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
