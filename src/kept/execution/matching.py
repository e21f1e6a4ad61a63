"""One identity column compared with a request's identities, with the same meaning on every
engine: the SQL predicate of an identity way.

The request's value is normalised in Python (:mod:`kept.execution.identity`) and expanded
into the few stored spellings that normalise to the same form (lower-cased and case-folded,
NFC and NFD, the domain as A-label and U-label; for phones E.164, ``00`` and the national
spelling). The column is brought to the same shape in SQL — ``lower(col)`` for e-mail and
case-folded kinds, separators removed for phones, the bare column otherwise — and compared
with those spellings *byte for byte*:

- PostgreSQL: ``lower(col) IN (...)`` (deterministic collations compare bytes); fast with
  ``CREATE INDEX ... (lower(col))``, which ``kept check`` suggests.
- MariaDB/MySQL: ``CAST(CONVERT(lower(col) USING utf8mb4) AS BINARY) IN (...)``, so an
  accent- and case-insensitive collation (``utf8mb4_general_ci``) never makes ``maíl`` equal
  ``mail``. On a ``_ci`` column the plain ``col IN (...)`` is added in front: it uses the
  column's ordinary index and the binary comparison keeps only exact matches.
- SQLite: its ``lower()`` folds ASCII only, so e-mail and case-folded kinds compare
  ``kept_lower(col)`` (Python's ``str.lower``, registered on the connection) and scan the
  column.

Every spelling normalises to the request's own normal form, so a row is only reached when the
stored value and the request's value are the same identity under the declared rule.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from kept.execution.identity import IdentityRule, Method

__all__ = [
    "column_form",
    "identity_join",
    "identity_parameters",
    "identity_predicate",
    "index_statement",
    "needs_index",
]

_PHONE_SEPARATORS = (" ", "-", "(", ")", ".", "/")
_SQLITE_LOWER = "kept_lower"


def _folds_case(rule: IdentityRule) -> bool:
    return rule.method in (Method.EMAIL, Method.CASEFOLD)


def column_form(
    rule: IdentityRule, col: sa.ColumnElement[Any], dialect: str
) -> sa.ColumnElement[Any]:
    """The column as the comparison sees it (before the engine's binary comparison)."""
    form: sa.ColumnElement[Any] = col
    if rule.method is Method.PHONE:
        for sep in _PHONE_SEPARATORS:
            form = sa.func.replace(form, sep, "")
    elif _folds_case(rule):
        form = sa.func.kept_lower(col) if dialect == "sqlite" else sa.func.lower(col)
    if dialect in ("mysql", "mariadb"):
        sql = f"CONVERT({_compile(form, dialect)} USING utf8mb4)"
        converted: sa.ColumnElement[Any] = sa.literal_column(sql)
        return sa.cast(converted, sa.LargeBinary)
    return form


def identity_predicate(
    conn: sa.Connection,
    rule: IdentityRule,
    col: sa.ColumnClause[Any],
    values: list[str],
    *,
    table: str,
    schema: str | None,
    name: str | None = None,
) -> sa.ColumnElement[bool]:
    """Rows whose ``col`` holds the same identity as one of ``values`` (as given). With a
    ``name``, the spellings are the named parameters of :func:`identity_parameters`, so the
    statement can run again with another request's values."""
    dialect = conn.dialect.name
    params = identity_parameters(conn, rule, values, name or "")

    def spellings(key: str) -> Any:
        return sa.bindparam(key, params[key], expanding=True) if name else params[key]

    if dialect not in ("mysql", "mariadb"):
        return column_form(rule, col, dialect).in_(spellings(name or ""))
    exact = column_form(rule, col, dialect).in_(spellings(f"{name}_bytes"))  # binary
    if _prefilter_ok(conn, rule, table, col.name, schema):
        return sa.and_(col.in_(spellings(name or "")), exact)
    return exact


def identity_parameters(
    conn: sa.Connection, rule: IdentityRule, values: list[str], name: str
) -> dict[str, Any]:
    """The spellings of ``values`` that :func:`identity_predicate` compares, by parameter name
    (``name``, and ``name_bytes`` for MariaDB/MySQL's binary comparison). On SQLite, the
    connection gets the ``kept_lower`` function the comparison calls."""
    _prepare(conn)
    forms = sorted({f for v in values for f in rule.forms(v)})
    if conn.dialect.name not in ("mysql", "mariadb"):
        return {name: forms}
    return {name: forms, f"{name}_bytes": [f.encode() for f in forms]}


def identity_join(
    conn: sa.Connection, rule: IdentityRule, col: sa.ColumnClause[Any], value: sa.ColumnElement[Any]
) -> sa.ColumnElement[bool]:
    """The join condition of ``col`` with a column of spellings (a batch's identities)."""
    _prepare(conn)
    return column_form(rule, col, conn.dialect.name) == value


def needs_index(rule: IdentityRule) -> bool:
    """Whether an ordinary index on the column serves the comparison (false: an expression
    index on :func:`column_form` is needed)."""
    return rule.method is Method.PHONE or _folds_case(rule)


def index_statement(
    rule: IdentityRule, table: str, column: str, schema: str | None, dialect: str
) -> str | None:
    """The ``CREATE INDEX`` that makes the comparison fast on PostgreSQL, else ``None``."""
    if dialect != "postgresql" or not needs_index(rule):
        return None
    col: sa.ColumnClause[Any] = sa.column(column)
    form = column_form(rule, col, dialect)
    name = f"kept_{table}_{column}_{'digits' if rule.method is Method.PHONE else 'lower'}"
    prep = _dialect(dialect).identifier_preparer
    target = prep.quote(table) if schema is None else f"{prep.quote(schema)}.{prep.quote(table)}"
    expression = _compile(form, dialect, literal=True)
    return f"CREATE INDEX {prep.quote(name[:63])} ON {target} (({expression}));"


def _dialect(name: str) -> sa.Dialect:
    from sqlalchemy.dialects import mysql, postgresql, sqlite

    if name == "postgresql":
        return postgresql.dialect()  # type: ignore[no-untyped-call]
    if name in ("mysql", "mariadb"):
        return mysql.dialect()
    return sqlite.dialect()


def _compile(element: sa.ColumnElement[Any], dialect: str, *, literal: bool = True) -> str:
    compiled = element.compile(dialect=_dialect(dialect), compile_kwargs={"literal_binds": literal})
    return str(compiled)


def _prepare(conn: sa.Connection) -> None:
    """SQLite: register ``kept_lower`` (Unicode-aware ``lower``) on the connection."""
    if conn.dialect.name != "sqlite":
        return
    raw = conn.connection.driver_connection
    if raw is not None:  # cheap; a pooled connection may be new
        raw.create_function(_SQLITE_LOWER, 1, _lower, deterministic=True)


def _lower(value: object) -> object:
    return value.lower() if isinstance(value, str) else value


_COLLATIONS: dict[tuple[str, str | None, str, str], str | None] = {}


def _prefilter_ok(
    conn: sa.Connection, rule: IdentityRule, table: str, column: str, schema: str | None
) -> bool:
    """MariaDB/MySQL: whether ``col IN (spellings)`` finds a superset of the exact matches
    (so the column's own index narrows the rows before the binary comparison)."""
    key = (conn.engine.url.render_as_string(hide_password=True), schema, table, column)
    if key not in _COLLATIONS:
        row = conn.execute(
            sa.text(
                "SELECT collation_name FROM information_schema.columns "
                "WHERE table_schema = COALESCE(:schema, DATABASE()) "
                "AND table_name = :table AND column_name = :column"
            ),
            {"schema": schema, "table": table, "column": column},
        ).first()
        _COLLATIONS[key] = str(row[0]) if row and row[0] else None
    collation = _COLLATIONS[key]
    if rule.method is Method.PHONE:
        return False  # separators: the stored spelling may be anything
    if _folds_case(rule):
        return collation is not None and collation.endswith("_ci")
    return True  # bare column: every collation's equality includes byte equality
