"""Waking workers when a request is approved, instead of letting them sleep out their poll.

- **PostgreSQL**: the transaction that approves a request sends ``NOTIFY kept_jobs`` (delivered
  when it commits); each worker holds one connection that ``LISTEN``s on the channel and wakes
  as soon as a notification arrives, in any process on any machine.
- **In the same process** (``kept serve`` with its worker thread, any database): the commit also
  sets an event the worker waits on.
- **SQLite and MariaDB across processes**: no notification exists; the worker polls, every
  ``poll`` seconds (``kept worker --poll``, 1 s by default; 0.5 s in ``kept serve``).

A notification only shortens the wait: the worker still claims through the queue (a claim under
a lease), so a lost or duplicated notification changes nothing but latency.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import SQLAlchemyError

__all__ = ["CHANNEL", "Waiter", "announce"]

CHANNEL = "kept_jobs"
_SLICE_S = 0.25  # how often a LISTEN wait looks at the stop event
_local: dict[int, threading.Event] = {}  # per control engine (id), in this process
_guard = threading.Lock()
log = logging.getLogger("kept.worker")


def _event(engine: sa.Engine) -> threading.Event:
    with _guard:
        return _local.setdefault(id(engine), threading.Event())


def announce(conn: sa.Connection) -> None:
    """Inside the transaction approving a request: wake the workers when it commits."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"NOTIFY {CHANNEL}")
    event = _event(conn.engine)
    sa.event.listen(conn, "commit", lambda _conn: event.set(), once=True)


class Waiter:
    """A worker's way to sleep until work may have arrived (or ``timeout`` passes)."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine
        self.local = _event(engine)
        self._listening: Any = None  # the pooled connection that LISTENs (PostgreSQL)
        if engine.dialect.name == "postgresql":
            try:
                fairy = engine.raw_connection()
                driver: Any = fairy.driver_connection
                driver.autocommit = True
                driver.execute(f"LISTEN {CHANNEL}")
                self._listening = fairy
            except (SQLAlchemyError, OSError, AttributeError) as exc:
                log.warning("LISTEN %s failed, polling instead: %s", CHANNEL, exc)

    @property
    def listening(self) -> bool:
        return self._listening is not None

    def wait(self, timeout: float, stop: threading.Event) -> bool:
        """Sleep up to ``timeout`` s; True when woken by a notification or a local approval."""
        deadline = time.monotonic() + timeout
        while not stop.is_set():
            if self.local.is_set():
                self.local.clear()
                return True
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            if self._listening is None:
                if self.local.wait(min(_SLICE_S, left)):
                    self.local.clear()
                    return True
                continue
            driver: Any = self._listening.driver_connection
            try:
                for _ in driver.notifies(timeout=min(_SLICE_S, left), stop_after=1):
                    return True
            except Exception as exc:  # the connection broke: fall back to polling
                log.warning("LISTEN %s lost, polling instead: %s", CHANNEL, exc)
                self.close()
                return self.wait(max(0.0, deadline - time.monotonic()), stop)
        return False

    def close(self) -> None:
        if self._listening is not None:
            fairy, self._listening = self._listening, None
            with contextlib.suppress(Exception):  # closing a broken connection
                fairy.invalidate()  # a LISTENing connection must not go back to the pool
