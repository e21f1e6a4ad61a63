"""Database failures told safely: one line naming the table, column or constraint, never a
value or an SQL parameter.

SQLAlchemy's messages carry the statement and its parameters (``[parameters: ('ada@…',)]``)
and the drivers' own messages sometimes quote the offending value (MariaDB's ``Duplicate entry
'ada@example.com' for key 'email'``, PostgreSQL's ``DETAIL: Key (email)=(…)``). What Kept
shows an operator or writes to the audit log goes through :func:`describe` instead.

:func:`raise_when_unreachable` makes an engine raise a :class:`kept.KeptError` of the caller's
choice when the database cannot be reached, so "the server is down" is one clean line (and
CLI exit code 4, API 503) rather than a driver traceback.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import ExceptionContext

from kept.errors import KeptError

__all__ = ["describe", "raise_when_unreachable"]

# Quoted literals in driver messages that are values, not names.
_MYSQL_VALUES = [
    (re.compile(r"Duplicate entry '.*' for key"), "Duplicate entry for key"),
    (re.compile(r"(Incorrect \w+ value): '.*?' (for column)"), r"\1 \2"),
    (re.compile(r"(Truncated incorrect \w+ value): '.*'"), r"\1"),
    (re.compile(r"(Data truncated for column '[^']*')"), r"\1"),
]
_PG_SAFE_CLASSES = ("08", "23", "25", "40", "42", "53", "55", "57", "3D", "3F", "28")


def describe(exc: BaseException) -> str:
    """One line saying what failed, with names (table, column, constraint) and no values."""
    orig = getattr(exc, "orig", None)
    if isinstance(exc, sa.exc.DBAPIError) and orig is not None:
        return _driver(orig)
    if isinstance(exc, sa.exc.SQLAlchemyError):
        # Not a driver error (e.g. no such column in a reflected table): SQLAlchemy's own text,
        # without the statement and parameters it may append.
        return _first_line(str(exc).split("[SQL:")[0]) or type(exc).__name__
    if isinstance(exc, KeptError):
        return _first_line(str(exc))
    return type(exc).__name__


def _driver(orig: BaseException) -> str:
    kind = type(orig).__name__
    diag = getattr(orig, "diag", None)
    if diag is not None:  # psycopg (PostgreSQL)
        state = getattr(orig, "sqlstate", None) or ""
        names = [
            f"{label} {value!r}"
            for label, value in (
                ("table", diag.table_name),
                ("column", diag.column_name),
                ("constraint", diag.constraint_name),
            )
            if value
        ]
        primary = diag.message_primary or ""
        if not state.startswith(_PG_SAFE_CLASSES):
            primary = ""  # e.g. 22P02 'invalid input syntax for type integer: "abc"'
        text = ": ".join(p for p in (kind, primary) if p)
        if state:
            text += f" (SQLSTATE {state})"
        return text + (f" on {', '.join(names)}" if names else "")
    args: tuple[Any, ...] = tuple(getattr(orig, "args", ()))
    if len(args) >= 2 and isinstance(args[0], int):  # PyMySQL: (code, message)
        message = _first_line(str(args[1]))
        for pattern, replacement in _MYSQL_VALUES:
            message = pattern.sub(replacement, message)
        return f"{kind} {args[0]}: {message}"
    return f"{kind}: {_first_line(str(orig))}" if str(orig) else kind  # sqlite3: no values


def _first_line(text: str) -> str:
    stripped = text.strip()
    return stripped.splitlines()[0].strip() if stripped else ""


def raise_when_unreachable(engine: sa.Engine, error: Callable[[str], KeptError]) -> None:
    """When ``engine`` cannot connect (or loses its connection), raise ``error(reason)``."""

    def handle(context: ExceptionContext) -> Any:
        if context.is_pre_ping:  # the pool retries with a fresh connection itself
            return None
        if context.connection is None or context.is_disconnect:
            raise error(describe_unreachable(context.original_exception)) from None
        return None

    sa.event.listen(engine, "handle_error", handle)


def describe_unreachable(exc: BaseException) -> str:
    """Why a database cannot be reached, in one line (drivers' connect messages hold no data)."""
    return _first_line(str(exc)) or type(exc).__name__
