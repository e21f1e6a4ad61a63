"""Read a store's live schema: tables, columns, primary keys and foreign keys."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

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
            if engine.dialect.name == "sqlite" and schema is None:
                fast = _sqlite_catalogue(store, conn)
                if fast is not None:
                    return fast
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
                    table.columns[col["name"]] = _column(
                        col["name"],
                        col["type"],
                        bool(col.get("nullable", True)),
                        col.get("comment") or None,
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


def _column(name: str, col_type: Any, nullable: bool, comment: str | None) -> ColumnInfo:
    return ColumnInfo(
        name=name,
        type=str(col_type),
        nullable=nullable,
        is_text=_is_text(col_type),
        kind=column_kind(col_type),
        comment=comment,
    )


def _sqlite_catalogue(store: str, conn: sa.Connection) -> SchemaInfo | None:
    """A SQLite file's tables in three queries (the table-valued pragmas joined to
    ``sqlite_master``) instead of three per table; the same result as the inspector's, whose
    type resolution it uses. None (use the inspector) when a table has generated columns."""
    tables = " FROM sqlite_master m JOIN {} p WHERE m.type = 'table' AND m.name NOT LIKE "
    tables += "'sqlite~_%' ESCAPE '~'"
    columns = conn.exec_driver_sql(
        'SELECT m.name, p.name, p.type, p."notnull", p.dflt_value, p.pk, p.hidden'
        + tables.format("pragma_table_xinfo(m.name)")
        + " ORDER BY m.name, p.cid"
    ).all()
    if any(row[6] in (2, 3) for row in columns):
        return None
    info = SchemaInfo(store, "sqlite", None)
    names = conn.exec_driver_sql("SELECT m.name" + tables.format("(SELECT 1)") + " ORDER BY 1")
    for (name,) in names:
        info.tables[name] = TableInfo(name)
    dialect: Any = conn.dialect
    keys: dict[str, list[tuple[int, str]]] = {}
    for table, name, type_, notnull, default, pk, hidden in columns:
        if hidden == 1:
            continue
        col = dialect._get_column_info(
            name, str(type_ or "").upper(), not notnull, default, pk, False, False, None
        )
        info.tables[table].columns[name] = _column(name, col["type"], bool(col["nullable"]), None)
        if pk:
            keys.setdefault(table, []).append((int(pk), name))
    for table, ordered in keys.items():
        info.tables[table].primary_key = [name for _, name in sorted(ordered)]
    fks: dict[tuple[str, int], tuple[list[str], str, list[str | None]]] = {}
    for table, fk_id, referred, source, target in conn.exec_driver_sql(
        'SELECT m.name, p.id, p."table", p."from", p."to"'
        + tables.format("pragma_foreign_key_list(m.name)")
        + " ORDER BY m.name, p.id DESC, p.seq"
    ):
        entry = fks.setdefault((table, fk_id), ([], referred, []))
        entry[0].append(source)
        entry[2].append(target)
    for (table, _), (constrained, referred, targets) in fks.items():
        if any(t is None for t in targets):  # REFERENCES t: the referred table's primary key
            other = info.tables.get(referred)
            resolved = list(other.primary_key) if other is not None else []
        else:
            resolved = [str(t) for t in targets]
        info.tables[table].foreign_keys.append((constrained, referred, resolved))
    return info


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
