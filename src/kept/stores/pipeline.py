"""Statements sent to PostgreSQL together, in one psycopg pipeline.

Sent one by one, each statement costs a round trip: the client waits while the database runs
it, and the database waits while the client works on the rows. Sent together, the database
runs them back to back as they arrive and the client collects every result at once (one
round trip), or works on something else meanwhile: :class:`Pipelined` sends, and
:meth:`Pipelined.rows` collects.

Used for statements sent straight to the driver, bypassing SQLAlchemy's execution, and so
only when nothing listens to a connection's statements (:func:`watched`): logging, tracing,
a benchmark's capture see every statement on SQLAlchemy's path.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

__all__ = ["Pipelined", "pipelined", "pipelines", "watched"]


def pipelines(conn: sa.Connection) -> bool:
    """Whether statements can be sent together on ``conn``: psycopg on PostgreSQL, with
    nothing listening to the statements."""
    return conn.dialect.driver == "psycopg" and not watched(conn)


def watched(conn: sa.Connection) -> bool:
    """Whether something listens to the statements ``conn`` sends (logging, tracing, a
    benchmark's capture): then every statement goes through SQLAlchemy's execution."""
    return bool(
        conn.dispatch.before_cursor_execute
        or conn.dispatch.after_cursor_execute
        or conn.engine.echo
        or _SQL_LOG.isEnabledFor(logging.INFO)
    )


_SQL_LOG = logging.getLogger("sqlalchemy.engine.Engine")
"""Where SQLAlchemy logs the statements it sends (INFO)."""


class Pipelined:
    """Statements ``(text, parameters)`` sent together on a psycopg connection (in its
    transaction), their rows collected later by :meth:`rows`; meanwhile the connection is
    not used for anything else. Use as a context manager: leaving it without collecting
    ends the pipeline (the results are dropped)."""

    def __init__(self, driver: Any, sent: Sequence[tuple[str, Any]]) -> None:
        self._cursors = [driver.cursor() for _ in sent]
        self._pipeline = driver.pipeline()
        self._open = False
        try:
            self._pipeline.__enter__()
            self._open = True
            for cursor, (text, values) in zip(self._cursors, sent, strict=True):
                cursor.execute(text, values)  # sent at once; the database runs it as it comes
        except BaseException as exc:
            self._end(exc)
            raise

    def rows(self) -> list[list[Any]]:
        """Every statement's rows, in order (one round trip for those not in yet); a
        statement that failed raises the error the database gave it."""
        try:
            self._end(None)  # the pipeline's sync: every result is in
            return [cursor.fetchall() for cursor in self._cursors]
        finally:
            self._close_cursors()

    def __enter__(self) -> Pipelined:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, *_: Any
    ) -> None:
        if self._open:
            self._end(exc)
        self._close_cursors()

    def _end(self, exc: BaseException | None) -> None:
        if self._open:
            self._open = False
            self._pipeline.__exit__(type(exc) if exc else None, exc, None)

    def _close_cursors(self) -> None:
        for cursor in self._cursors:
            cursor.close()


def pipelined(driver: Any, sent: Sequence[tuple[str, Any]]) -> list[list[Any]]:
    """The rows of each statement, sent together (:class:`Pipelined`), one alone as usual."""
    if len(sent) == 1:
        with driver.cursor() as cursor:
            cursor.execute(*sent[0])
            return [cursor.fetchall()]
    with Pipelined(driver, sent) as pending:
        return pending.rows()
