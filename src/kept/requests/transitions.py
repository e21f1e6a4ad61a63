"""The lifecycle's state and its one way to change it: a checked, written, audited move.

:class:`LifecycleBase` holds the control database, the manifest, the mailer, the clock and the
secret key, and the transaction-level steps every lifecycle operation is made of (lock a row,
move it to a state allowed by :data:`kept.requests.states.TRANSITIONS`, append the audit
entry). :mod:`kept.requests.review` (staff decisions) and :mod:`kept.requests.lifecycle`
(intake, verification, reading) build on it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from types import SimpleNamespace
from typing import Any, Self, TypeVar

import sqlalchemy as sa

from kept.audit import AuditLog, AuditRecord
from kept.control import control_url, open_control, secret_key, write_transaction
from kept.errors import (
    LifecycleInputError,
    RequestError,
    RequestNotFoundError,
)
from kept.mail import Mailer, mailer_from_env
from kept.manifest.loader import LoadedManifest
from kept.manifest.models import Organization
from kept.requests.exportfiles import ExportFiles
from kept.requests.notify import Notifying
from kept.requests.params import closed_params
from kept.requests.record import RequestRecord, deadlines_of, now_text, record_of
from kept.requests.states import (
    Kind,
    LifecycleError,
    State,
    check_transition,
)
from kept.requests.tables import requests
from kept.requests.verification import (
    CodePolicy,
    RateLimit,
)
from kept.requests.wakeup import announce

__all__ = ["Clock", "LifecycleBase"]

Clock = Callable[[], dt.datetime]
E = TypeVar("E", State, Kind)
_PENDING = "kept_pending_audit"  # conn.info: the entries a _writing transaction appends last


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class LifecycleBase(Notifying):
    """Rights requests through their lifecycle, in the control database ``control``.

    ``review`` names the kinds staff must approve after verification (by default every
    verified request is approved at once). ``mailer`` sends codes and notices (default: SMTP
    from ``KEPT_SMTP_URL``, else the outbox beside the control database). ``secret`` is Kept's
    secret key (default: ``KEPT_SECRET_KEY``, else the one generated in the control database).
    The :class:`kept.app.Kept` object builds the one lifecycle every way in shares.
    """

    def __init__(
        self,
        control: sa.Engine,
        loaded: LoadedManifest,
        *,
        mailer: Mailer | None = None,
        review: Collection[Kind | str] = (),
        codes: CodePolicy | None = None,
        client_limit: RateLimit | None = None,
        address_limit: RateLimit | None = None,
        clock: Clock = _utcnow,
        owns_engine: bool = False,
        exports: ExportFiles | None = None,
        secret: bytes | None = None,
        audit: AuditLog | None = None,
    ) -> None:
        self._engine = control
        if control.dialect.name in ("mysql", "mariadb"):
            # No gap locks: the queue's range scans and the audit head's row lock would
            # otherwise deadlock between workers under REPEATABLE READ (InnoDB's default).
            control = control.execution_options(isolation_level="READ COMMITTED")
        self.control = control
        self.loaded = loaded
        self.mailer = mailer or mailer_from_env(str(control.url))
        self.review = frozenset(Kind(k) for k in review)
        self.codes = codes or CodePolicy()
        self.client_limit = client_limit or RateLimit(20, dt.timedelta(hours=1))
        self.address_limit = address_limit or RateLimit(5, dt.timedelta(hours=1))
        self.clock = clock
        self.audit = AuditLog(control, audit_key=audit.key if audit is not None else None)
        self._owns_engine = owns_engine
        self._configured_secret = secret
        self._secret: bytes | None = secret
        self.exports = exports or ExportFiles.from_env(loaded.directory, control.url)

    @classmethod
    def open(cls, loaded: LoadedManifest, database: str | None = None, **kwargs: Any) -> Self:
        """A lifecycle on ``database`` (default: ``KEPT_DATABASE_URL`` or beside the manifest)."""
        path = loaded.root if loaded.root.is_file() else loaded.root / "kept.yaml"
        engine = open_control(database or control_url(path))
        return cls(engine, loaded, owns_engine=True, **kwargs)

    def close(self) -> None:
        if self._owns_engine:
            self._engine.dispose()

    @property
    def organization(self) -> Organization | None:
        return self.loaded.manifest.organization

    @property
    def child_days(self) -> int | None:
        """The days within which a reported child's data is erased (``children:``)."""
        return self.loaded.manifest.children.erase_within_days

    def secret(self) -> bytes:
        if self._secret is None:
            with self.control.connect() as conn:
                self._secret = secret_key(conn, self._configured_secret)
        return self._secret

    # -- internals -------------------------------------------------------------------------

    def _jurisdictions(self, jurisdiction: str | None) -> list[str]:
        known: list[str] = list(self.organization.jurisdictions) if self.organization else []
        if jurisdiction is None:
            return known
        if jurisdiction not in known:
            allowed = ", ".join(known) or "none"
            raise RequestError(
                f"jurisdiction {jurisdiction!r} is not one the organization operates under "
                f"({allowed})"
            )
        return [jurisdiction]

    def _row(self, conn: sa.Connection, request_id: str, *, lock: bool = False) -> Any:
        stmt = sa.select(requests).where(requests.c.id == request_id)
        if lock:
            stmt = stmt.with_for_update()
        row = conn.execute(stmt).one_or_none()
        if row is None:
            raise _missing(request_id)
        return row

    def _load(self, conn: sa.Connection, request_id: str) -> RequestRecord:
        return record_of(self._row(conn, request_id), self.organization, child_days=self.child_days)

    def _write(self, conn: sa.Connection, row: Any, values: dict[str, Any]) -> dict[str, Any]:
        """Update the request ``row``; returns the values written (with ``updated_at``)."""
        written = {"updated_at": now_text(self.clock()), **values}
        conn.execute(requests.update().where(requests.c.id == row.id).values(**written))
        return written

    @contextmanager
    def _writing(self) -> Iterator[sa.Connection]:
        """A write transaction (:func:`kept.control.write_transaction`) whose audit entries
        (:meth:`_record`) are appended together just before it commits: one read and one
        write of the audit log's head, whose lock is then held only for the commit."""
        with write_transaction(self.control) as conn:
            pending: list[AuditRecord] = []
            conn.info[_PENDING] = pending
            try:
                yield conn
                if pending:
                    self.audit.append_many(pending, conn=conn)
            finally:
                conn.info.pop(_PENDING, None)

    def _record(
        self, conn: sa.Connection, row: Any, actor: str, action: str, details: dict[str, Any]
    ) -> None:
        """Append the audit entry about the request ``row`` (in a :meth:`_writing`
        transaction: when it commits, with the others)."""
        record = AuditRecord(
            actor,
            action,
            tenant=row.tenant,
            details={"request_id": row.id, **details},
            subject_ref=row.subject_ref,
        )
        pending = conn.info.get(_PENDING)
        if pending is not None:
            pending.append(record)
        else:
            self.audit.append_many([record], conn=conn)

    def _move(
        self,
        conn: sa.Connection,
        row: Any,
        target: State,
        actor: str,
        action: str,
        details: dict[str, Any],
        **values: Any,
    ) -> Any:
        """One transition of a locked row: checked, written and audited. Returns the row as
        it now is (without reading it again)."""
        values = self._step(conn, row, target, actor, action, details, **values)
        return after(row, self._write(conn, row, values))

    def _step(
        self,
        conn: sa.Connection,
        row: Any,
        target: State,
        actor: str,
        action: str,
        details: dict[str, Any],
        **values: Any,
    ) -> dict[str, Any]:
        """One transition checked and audited; returns the values to write (the caller writes
        them, with those of the steps before, in one statement)."""
        check_transition(row.id, State(row.state), target, action)
        now = self.clock()
        values["state"] = target.value
        if target is State.APPROVED:
            values.update(queued_at=now_text(now), lease_owner=None, lease_expires=None)
            announce(conn)  # the workers wake when this commits
        if target.closed:
            values.update(
                closed_at=now_text(now),
                identities=None,
                contact=None,
                params=closed_params(row.params),
            )
        self._record(conn, row, actor, f"request.{target.value}", {"from": row.state, **details})
        return values

    def _verified(
        self,
        conn: sa.Connection,
        row: Any,
        actor: str,
        now: dt.datetime,
        how: dict[str, Any],
    ) -> dict[str, Any]:
        """Verify the request ``row`` and, unless it is held for review, approve it: both steps
        checked and audited; returns the values to write."""
        verified_at = now_text(now)
        verifying = after(row, {"verified_at": verified_at, "state": State.IDENTITY_VERIFIED.value})
        deadlines = deadlines_of(
            verifying, self.organization, now.date(), child_days=self.child_days
        )
        values = self._step(
            conn,
            row,
            State.IDENTITY_VERIFIED,
            actor,
            "verify",
            how,
            verified_at=verified_at,
            due_on=_iso(deadlines.due),
        )
        if Kind(row.kind) not in self.review and not row.review:
            approving = after(row, values)
            values.update(
                self._step(conn, approving, State.APPROVED, "kept", "approve", {"automatic": True})
            )
        return values


def after(row: Any, values: dict[str, Any]) -> SimpleNamespace:
    """The request ``row`` (a row read, or a namespace) with ``values`` written over it: every
    column present (those neither holds are null), as a row read back would be."""
    found = row._asdict() if hasattr(row, "_asdict") else vars(row)
    return SimpleNamespace(**{**_NULLS, **found, **values})


_NULLS: dict[str, Any] = {column.name: None for column in requests.columns}


def _enum(kind: type[E], value: str, what: str) -> E:
    try:
        return kind(value)
    except ValueError:
        known = ", ".join(str(v.value) for v in kind)
        raise LifecycleInputError(f"unknown {what} {value!r}; {what}s are: {known}") from None


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _missing(request_id: str) -> LifecycleError:
    return RequestNotFoundError("no such request", request_id=request_id)
