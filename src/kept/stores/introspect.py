"""Read a store's live schema: tables, columns, primary keys and foreign keys."""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.exc import SQLAlchemyError

from kept.errors import StoreError
from kept.failure import describe

__all__ = ["ColumnInfo", "SchemaInfo", "TableInfo", "column_kind", "introspect"]


@dataclass(frozen=True)
class ColumnInfo:
    name: str
    type: str
    nullable: bool
    is_text: bool
    kind: str = "text"  # text, number, date, binary, bool, other (see column_kind)
    comment: str | None = None


@dataclass
class TableInfo:
    name: str
    columns: dict[str, ColumnInfo] = field(default_factory=dict)
    primary_key: list[str] = field(default_factory=list)
    foreign_keys: list[tuple[list[str], str, list[str]]] = field(default_factory=list)


@dataclass
class SchemaInfo:
    store: str
    dialect: str
    schema: str | None
    tables: dict[str, TableInfo] = field(default_factory=dict)


def introspect(store: str, engine: sa.Engine, schema: str | None = None) -> SchemaInfo:
    """The tables of ``schema`` (the connection's default when ``None``)."""
    try:
        with engine.connect() as conn:
            inspector = sa.inspect(conn)
            info = SchemaInfo(store, engine.dialect.name, schema)
            names = inspector.get_table_names(schema=schema)
            columns = inspector.get_multi_columns(schema=schema, filter_names=names)
            pks = inspector.get_multi_pk_constraint(schema=schema, filter_names=names)
            fks = inspector.get_multi_foreign_keys(schema=schema, filter_names=names)
            for name in names:
                key = (schema, name)
                table = TableInfo(name)
                for col in columns.get(key, []):
                    col_type = col["type"]
                    table.columns[col["name"]] = ColumnInfo(
                        name=col["name"],
                        type=str(col_type),
                        nullable=bool(col.get("nullable", True)),
                        is_text=_is_text(col_type),
                        kind=column_kind(col_type),
                        comment=col.get("comment") or None,
                    )
                pk = pks.get(key)
                table.primary_key = list(pk["constrained_columns"] or []) if pk else []
                for fk in fks.get(key, []):
                    table.foreign_keys.append(
                        (
                            list(fk["constrained_columns"]),
                            fk["referred_table"],
                            list(fk["referred_columns"]),
                        )
                    )
                info.tables[name] = table
            return info
    except SQLAlchemyError as exc:
        raise StoreError(store, f"cannot read the schema: {_short(exc)}") from exc


def column_kind(col_type: object) -> str:
    """``text``, ``number``, ``date``, ``binary``, ``bool`` or ``other``: what the classifier
    may expect in the column's values."""
    if isinstance(col_type, sa.types.NullType):
        return "text"
    if type(col_type).__name__.upper() in ("INET", "CIDR", "MACADDR", "MACADDR8", "CITEXT"):
        return "text"  # network addresses and case-insensitive text read as strings
    if isinstance(col_type, sa.Boolean):
        return "bool"
    if isinstance(col_type, sa.types._Binary):
        return "binary"
    if isinstance(col_type, sa.Date | sa.DateTime):
        return "date"
    if isinstance(col_type, sa.Numeric | sa.Integer):
        return "number"
    if isinstance(col_type, sa.String):
        return "text"
    try:
        python_type = col_type.python_type  # type: ignore[attr-defined]
    except NotImplementedError:
        return "other"
    return "text" if python_type is str else "other"


def _is_text(col_type: object) -> bool:
    if isinstance(col_type, sa.types.NullType):
        return True  # SQLite columns without a declared type hold anything
    try:
        python_type = col_type.python_type  # type: ignore[attr-defined]
    except NotImplementedError:
        return True
    return python_type in (str, int)  # numbers can hold card numbers and phone numbers


def _short(exc: SQLAlchemyError) -> str:
    return describe(exc)
