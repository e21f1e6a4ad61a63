"""Reading a traversal's rows fast, with the same statements and rows as SQLAlchemy gives.

- A statement sent once through SQLAlchemy is remembered as the SQL text and constant
  parameters it was sent as (:func:`_as_sent`, in :data:`_SENT`); a later request sends that
  text with its own values (:func:`_flat`), on the driver's connection when nothing listens to
  the statements (:func:`kept.stores.pipeline.watched`), so no statement is compiled or
  wrapped again; the statements of several tables go to the database together, their rows
  collected later (:class:`PendingRows`, on :class:`kept.stores.pipeline.Pipelined`).
- A large table's fetches are read ahead by a thread (:func:`_read_ahead`) while the last
  fetch is encoded, and PostgreSQL's text of numeric values kept as a ``Decimal`` would
  print it (:func:`_numeric_text`).

Used by :class:`kept.execution.rows.RowReading` (the reading half of a traversal).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Generator, Sequence
from contextlib import suppress
from decimal import Decimal
from itertools import repeat
from operator import itemgetter
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import SQLAlchemyError

from kept.errors import StoreError
from kept.failure import describe
from kept.stores.pipeline import Pipelined

_TINY = ("0.000000", "-0.000000")


def _numeric_text(rows: list[tuple[Any, ...]], columns: list[int]) -> list[tuple[Any, ...]]:
    """``rows`` whose ``columns`` hold PostgreSQL's text of numeric values, with each value as
    ``str(Decimal(text))`` (what a ``Decimal`` becomes in an export): the same text, except
    a value under a millionth, rewritten in the rare fetch holding one."""
    for i in columns:
        texts = filter(None, map(itemgetter(i), rows))
        if any(map(str.startswith, texts, repeat(_TINY))):
            rows = [
                (*r[:i], None if r[i] is None else str(Decimal(r[i])), *r[i + 1 :]) for r in rows
            ]
    return rows


def _read_ahead(fetch: Callable[[], list[Any]]) -> Generator[list[Any]]:
    """The lists ``fetch`` returns until an empty one, each next one fetched by a thread of
    its own while the caller works on the last: the database produces the next rows while
    Python encodes these (the driver waits for them without the GIL). At most one fetch waits
    besides the one in hand (memory stays bounded); the connection is used by one thread at a
    time, and by none once the iteration ends, however it ends."""
    ready: queue.Queue[list[Any] | BaseException] = queue.Queue(maxsize=1)
    stop = threading.Event()

    def read() -> None:
        try:
            while not stop.is_set():
                rows = fetch()
                ready.put(rows)
                if not rows:
                    return
        except BaseException as exc:  # raised in the caller's thread
            ready.put(exc)

    thread = threading.Thread(target=read, name="kept-read-ahead", daemon=True)
    thread.start()
    try:
        while True:
            item = ready.get()
            if isinstance(item, BaseException):
                raise item
            if not item:
                return
            yield item
    finally:
        stop.set()
        while thread.is_alive():  # a fetch under way ends; one waiting to be handed is taken
            with suppress(queue.Empty):
                ready.get(timeout=0.05)
        thread.join()


FIRST_FETCH = 2000
"""Rows of a table read in one round trip; a table with more is streamed."""

_STATEMENTS_MAX = 1024

_SENT: dict[tuple[Any, ...], tuple[str, dict[str, Any]]] = {}
"""Per reusable statement and count of identity spellings: the SQL text sent for it on
PostgreSQL and its constant parameters (see :meth:`StoreTraversal._first_fetch`)."""


def _flat(params: dict[str, Any]) -> dict[str, Any]:
    """The named parameters as the driver gets them: a list of ``n`` values expanded into
    ``name_1`` ... ``name_n`` (SQLAlchemy's expanding ``IN``)."""
    flat: dict[str, Any] = {}
    for name, value in params.items():
        if isinstance(value, list):
            for i, item in enumerate(value, start=1):
                flat[f"{name}_{i}"] = item
        else:
            flat[name] = value
    return flat


def _as_sent(
    result: sa.CursorResult[Any], params: dict[str, Any]
) -> tuple[str, dict[str, Any]] | None:
    """The SQL text and constant parameters a statement was sent as, when running the text
    again with :func:`_flat` values is the same statement with the same rows; else None."""
    context = result.context
    compiled = context.compiled
    sent = context.parameters[0] if len(context.parameters) == 1 else None
    if compiled is None or compiled._result_columns is None or not isinstance(sent, dict):
        return None
    flat = _flat(params)
    if any(name not in sent or sent[name] != value for name, value in flat.items()):
        return None
    dialect = context.dialect
    if any(
        c.type._cached_result_processor(dialect, None) is not None
        for c in compiled._result_columns  # the columns whose values SQLAlchemy converts
    ):
        return None
    constants = {name: value for name, value in sent.items() if name not in flat}
    return context.statement, constants


class PendingRows:
    """A traversal's first fetches of several tables, sent (:class:`Pipelined`) or to run
    one by one; :meth:`rows` collects them once, each table's rows or None when there are
    more than one fetch. Closing it uncollected ends the pipeline (the rows are dropped)."""

    def __init__(
        self,
        store: str,
        collect: Callable[[], list[Sequence[Any]]],
        pipeline: Pipelined | None,
    ) -> None:
        self.store = store
        self._collect = collect
        self._pipeline = pipeline

    def rows(self) -> list[list[Any] | None]:
        try:
            found = self._collect()
        except SQLAlchemyError as exc:
            raise StoreError(self.store, describe(exc)) from exc
        finally:
            self._pipeline = None
        return [list(rows) if len(rows) <= FIRST_FETCH else None for rows in found]

    def close(self) -> None:
        if self._pipeline is not None:
            pipeline, self._pipeline = self._pipeline, None
            pipeline.__exit__(None, None, None)
