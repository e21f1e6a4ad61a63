"""Preflight: what an erasure's statements would hit in the live schema, before they run.

:func:`preflight` reads the live columns of every table the erasure changes and reports each
action the column cannot take: ``nullify`` on a ``NOT NULL`` column, a ``hash``/``hmac`` (64
hexadecimal characters) or a ``fixed`` value longer than a ``VARCHAR(n)``, a ``fixed`` text in
a number column. What the schema cannot say statically (a unique index, another person's row
referencing a deleted one under ``RESTRICT``, a trigger) the dry run finds by executing the
real statements and rolling back (:mod:`kept.execution.erasure`); :func:`statement_problem`
turns the database's error into a problem naming table, column or constraint, never a value.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sqlalchemy.exc import SQLAlchemyError

from kept.execution.actions import TableAction
from kept.execution.traverse import StoreTraversal
from kept.manifest.models import ErasureAction

__all__ = ["preflight", "statement_problem"]

_HASH_LENGTH = 64
_LENGTH = re.compile(r"\((\d+)\)")
_NUMBER = ("INT", "NUMERIC", "DECIMAL", "REAL", "FLOAT", "DOUBLE", "SERIAL")


def preflight(
    walk: StoreTraversal, actions: Sequence[TableAction], rows: dict[str, int]
) -> list[str]:
    """The field actions the live columns cannot take, for the tables with rows to change
    (``rows``: rows found per collection)."""
    info = walk.schema_info()
    problems: list[str] = []
    for action in actions:
        node = str(action.step.node)
        if action.row != "update" or not rows.get(node):
            continue
        table = info.tables.get(action.step.table)
        if table is None:
            continue
        for fa in action.fields:
            column = table.columns.get(fa.column)
            if column is None:
                continue
            where = f"{node}.{fa.column} ({column.type})"
            type_name = column.type.upper()
            if fa.action is ErasureAction.NULLIFY and not column.nullable:
                problems.append(f"{where}: nullify on a NOT NULL column")
                continue
            if fa.masking is not None:
                # a Fides strategy (ip_mask, a cut hash, a random string...): its width is the
                # strategy's; the dry run's real statements find a value the column cannot take
                continue
            if fa.action in (ErasureAction.HASH, ErasureAction.HMAC):
                value_length = _HASH_LENGTH
                if any(n in type_name for n in _NUMBER):
                    problems.append(f"{where}: {fa.action.value} writes text into a number column")
                    continue
            elif fa.action is ErasureAction.FIXED:
                value_length = len(str(fa.value))
                if any(n in type_name for n in _NUMBER) and not _is_number(fa.value):
                    problems.append(f"{where}: the fixed value is not a number")
                    continue
            else:
                continue
            match = _LENGTH.search(type_name)
            if column.is_text and match and value_length > int(match.group(1)):
                problems.append(
                    f"{where}: {fa.action.value} writes {value_length} characters, the column "
                    f"holds {match.group(1)}"
                )
    return problems


def _is_number(value: object) -> bool:
    try:
        float(str(value))
    except ValueError:
        return False
    return True


_VALUE_PATTERNS = [
    (re.compile(r"(Duplicate entry )'.*?'( for key)"), r"\1(value withheld)\2"),
    (re.compile(r"(Incorrect \w+ value: )'.*?'"), r"\1(value withheld)"),
    (re.compile(r"(invalid input syntax for type [\w ]+: ).*"), r"\1(value withheld)"),
    (re.compile(r"(Key \(.*?\)=)\(.*?\)"), r"\1(value withheld)"),
    (re.compile(r"(value )'.*?'"), r"\1(value withheld)"),
]


def statement_problem(store: str, exc: SQLAlchemyError) -> str:
    """The database's reason for a failed statement, first line only (PostgreSQL's DETAIL
    names the row's values), with any quoted value withheld: it names the table, column or
    constraint."""
    text = str(getattr(exc, "orig", None) or exc).strip()
    first = text.splitlines()[0] if text else type(exc).__name__
    for pattern, replacement in _VALUE_PATTERNS:
        first = pattern.sub(replacement, first)
    return f"store {store!r}: {first}"
