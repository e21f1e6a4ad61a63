"""Read everything a draft manifest needs from a live database, in a few catalog queries.

Tables and views of a schema with, per column, the type, length, nullability, default, primary
key, unique constraints, foreign keys, check constraints and comments: SQLAlchemy's inspector
``get_multi_*`` calls, one query each for the whole schema.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import SQLAlchemyError

from kept.errors import StoreError
from kept.stores.introspect import column_kind

__all__ = ["Column", "ForeignKey", "Table", "read_schema"]


@dataclass
class Column:
    name: str
    type: str
    kind: str
    nullable: bool = True
    length: int | None = None
    default: str | None = None
    comment: str | None = None
    primary_key: bool = False
    unique: bool = False
    checked: bool = False  # a check constraint names it


@dataclass(frozen=True)
class ForeignKey:
    columns: tuple[str, ...]
    table: str
    referred: tuple[str, ...]


@dataclass
class Table:
    name: str
    view: bool = False
    comment: str | None = None
    columns: dict[str, Column] = field(default_factory=dict)
    primary_key: tuple[str, ...] = ()
    foreign_keys: list[ForeignKey] = field(default_factory=list)


def read_schema(
    store: str,
    engine: sa.Engine,
    schema: str | None = None,
    *,
    views: bool = True,
    columns_read: Callable[[dict[str, Table]], None] | None = None,
) -> dict[str, Table]:
    """Every table (and view) of ``schema``, keyed by name, in name order. ``columns_read``
    is handed the tables as soon as their columns are known (names, types, kinds, comments),
    before their keys and constraints are read into the same objects."""
    try:
        with engine.connect() as conn:
            insp = sa.inspect(conn)
            tables = sorted(insp.get_table_names(schema=schema))
            view_names = sorted(insp.get_view_names(schema=schema)) if views else []
            kinds = [sa.engine.ObjectKind.TABLE]
            if view_names:
                kinds.append(sa.engine.ObjectKind.VIEW)
            kind = kinds[0] if len(kinds) == 1 else sa.engine.ObjectKind.ANY
            names = tables + view_names
            is_view = set(view_names)
            columns = insp.get_multi_columns(schema=schema, filter_names=names, kind=kind)
            out = {
                name: _with_columns(name, name in is_view, columns.get((schema, name), []))
                for name in names
            }
            if columns_read is not None:
                columns_read(out)
            pks = insp.get_multi_pk_constraint(schema=schema, filter_names=tables)
            fks = insp.get_multi_foreign_keys(schema=schema, filter_names=tables)
            uniques = _optional(insp.get_multi_unique_constraints, schema, tables)
            indexes = _optional(insp.get_multi_indexes, schema, tables)
            checks = _optional(insp.get_multi_check_constraints, schema, tables)
            comments = _optional(insp.get_multi_table_comment, schema, tables)
            if conn.dialect.name == "sqlite":
                _sqlite_uniques(conn, tables, schema, uniques)
    except SQLAlchemyError as exc:
        raise StoreError(store, f"cannot read the schema: {_short(exc)}") from exc
    read = _Constraints(pks, fks, uniques, indexes, checks, comments)
    for name, table in out.items():
        read.add_to(table, (schema, name), schema)
    return out


@dataclass
class _Constraints:
    """The inspector's answers on keys, constraints and comments, per ``(schema, table)``."""

    pks: dict[Any, Any]
    fks: dict[Any, Any]
    uniques: dict[Any, Any]
    indexes: dict[Any, Any]
    checks: dict[Any, Any]
    comments: dict[Any, Any]

    def add_to(self, table: Table, key: tuple[str | None, str], schema: str | None) -> None:
        """The table's comment, primary key, foreign keys within ``schema``, single-column
        unique constraints and indexes, and the columns a check constraint names."""
        comment = self.comments.get(key)
        table.comment = (comment or {}).get("text") if isinstance(comment, dict) else None
        pk = self.pks.get(key)
        table.primary_key = tuple(pk["constrained_columns"] or []) if pk else ()
        for name in table.primary_key:
            if name in table.columns:
                table.columns[name].primary_key = True
        for fk in self.fks.get(key, []):
            if fk.get("referred_schema") not in (None, schema):
                continue
            table.foreign_keys.append(
                ForeignKey(
                    tuple(fk["constrained_columns"]),
                    fk["referred_table"],
                    tuple(fk["referred_columns"]),
                )
            )
        single_unique = [u["column_names"] for u in self.uniques.get(key, [])]
        single_unique += [i["column_names"] for i in self.indexes.get(key, []) if i.get("unique")]
        for cols in single_unique:
            if len(cols) == 1 and cols[0] in table.columns:
                table.columns[cols[0]].unique = True
        if len(table.primary_key) == 1 and table.primary_key[0] in table.columns:
            table.columns[table.primary_key[0]].unique = True
        for check in self.checks.get(key, []):
            text = str(check.get("sqltext", ""))
            for cname, column in table.columns.items():
                if cname in text:
                    column.checked = True


def _with_columns(name: str, view: bool, columns: list[Any]) -> Table:
    """A table with its columns as the inspector describes them."""
    table = Table(name, view=view)
    for col in columns:
        col_type = col["type"]
        type_name, type_kind = _described(col_type)
        table.columns[col["name"]] = Column(
            name=col["name"],
            type=type_name,
            kind=type_kind,
            nullable=bool(col.get("nullable", True)),
            length=getattr(col_type, "length", None),
            default=str(col["default"]) if col.get("default") is not None else None,
            comment=col.get("comment") or None,
        )
    return table


def _sqlite_uniques(
    conn: sa.Connection, tables: list[str], schema: str | None, uniques: dict[Any, Any]
) -> None:
    """SQLAlchemy does not report SQLite's column-level ``UNIQUE``: read the index list."""
    for table in tables:
        quoted = table.replace('"', '""')
        for row in conn.exec_driver_sql(f'PRAGMA index_list("{quoted}")').all():
            name, unique, origin = row[1], row[2], row[3]
            if unique and origin == "u":
                index = name.replace('"', '""')
                cols = [r[2] for r in conn.exec_driver_sql(f'PRAGMA index_info("{index}")')]
                uniques.setdefault((schema, table), []).append({"column_names": cols})


def _optional(method: Any, schema: str | None, names: list[str]) -> dict[Any, Any]:
    """Inspector calls some dialects lack (SQLite has no table comments)."""
    try:
        return dict(method(schema=schema, filter_names=names))
    except NotImplementedError:
        return {}


_STR_DIALECTS: dict[type, sa.Dialect] = {}
"""The dialect ``str(type)`` would create for each type class, created once (``str`` makes a
new dialect object each time: a third of the time of reading a large schema)."""


_DESCRIBED: dict[Any, tuple[str, str]] = {}
"""Type name and kind per type class and attributes (a schema has few distinct types)."""


def _described(col_type: object) -> tuple[str, str]:
    """The type's name and kind (:func:`column_kind`), worked out once per distinct type:
    the same class with the same attributes is the same type."""
    try:
        key: Any = (type(col_type), tuple(vars(col_type).items()))
        cached = _DESCRIBED.get(key)
    except TypeError:  # an attribute that cannot be a key (a list of enum values)
        return _type_name(col_type), column_kind(col_type)
    if cached is None:
        if len(_DESCRIBED) > 10_000:
            _DESCRIBED.clear()
        cached = _DESCRIBED[key] = (_type_name(col_type), column_kind(col_type))
    return cached


def _type_name(col_type: object) -> str:
    try:
        if not isinstance(col_type, sa.types.TypeEngine):
            return str(col_type)
        kind = type(col_type)
        dialect = _STR_DIALECTS.get(kind)
        if dialect is None:
            dialect = _STR_DIALECTS[kind] = col_type._default_dialect()
        return str(col_type.compile(dialect=dialect))
    except Exception:  # a dialect type that cannot compile without a dialect
        return type(col_type).__name__


def _short(exc: SQLAlchemyError) -> str:
    text = str(getattr(exc, "orig", None) or exc)
    return text.strip().splitlines()[0] if text.strip() else type(exc).__name__
