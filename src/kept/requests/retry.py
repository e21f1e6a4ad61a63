"""Retrying a transaction that the database chose as a deadlock victim.

Workers and API processes write to the same rows (a request, the audit log's head) at once;
InnoDB (MariaDB, MySQL) and PostgreSQL resolve a lock cycle by aborting one transaction, which
is then safe to run again from the start: it was rolled back whole. :func:`retrying` does so,
a few times with a short random pause, for those errors only (deadlock, lock wait timeout,
serialization failure), found directly or as the cause of a Kept error.
"""

from __future__ import annotations

import functools
import random
import time
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from kept.errors import KeptError

__all__ = ["ATTEMPTS", "is_transient", "retrying"]

ATTEMPTS = 6
_MYSQL_CODES = {1213, 1205}  # deadlock found; lock wait timeout exceeded
_SQLSTATES = {"40P01", "40001"}  # deadlock detected; serialization failure

P = ParamSpec("P")
T = TypeVar("T")


def is_transient(exc: BaseException | None) -> bool:
    """Whether ``exc`` (or an exception it was raised from) is a deadlock or lock timeout."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, DBAPIError) and exc.orig is not None:
            orig = exc.orig
            args = getattr(orig, "args", ())
            if args and args[0] in _MYSQL_CODES:
                return True
            state = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
            if state in _SQLSTATES:
                return True
        exc = exc.__cause__
    return False


def retrying(fn: Callable[P, T]) -> Callable[P, T]:
    """Run ``fn`` again (up to :data:`ATTEMPTS` times) when its transaction was a deadlock
    victim; any other error, and the last one, is raised as it is."""

    @functools.wraps(fn)
    def run(*args: P.args, **kwargs: P.kwargs) -> T:
        for attempt in range(1, ATTEMPTS + 1):
            try:
                return fn(*args, **kwargs)
            except (SQLAlchemyError, KeptError) as exc:
                if attempt == ATTEMPTS or not is_transient(exc):
                    raise
            time.sleep(random.uniform(0.005, 0.03) * attempt)
        raise AssertionError("unreachable")  # pragma: no cover

    return run
