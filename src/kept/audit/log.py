"""Writing and reading the audit log: appends chained on the head row, streamed reads."""

from __future__ import annotations

import json
import re
from collections.abc import Generator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import SQLAlchemyError

from kept.audit.chain import (
    COLUMNS,
    NAMES,
    AuditEntry,
    ChainHash,
    chain_hash,
    entry_of_row,
    format_time,
    head_signature,
    key_id_of,
    key_message,
    parse_time,
    subject_reference,
)
from kept.audit.verify import AuditVerification, Head, Verifier
from kept.control import (
    audit_head,
    audit_log,
    began_immediate,
    redact_url,
    secret_key,
    write_transaction,
)
from kept.errors import AuditError
from kept.failure import describe

_HEAD_ID = 1
_BATCH = 2_000
_ONE_STATEMENT = 50  # entries appended with the head's update in one statement (PostgreSQL)
_HEX64 = re.compile(r"[0-9a-f]{64}")
_LIMITS = {"actor": 255, "action": 100, "tenant": 255}


class AuditLog:
    """The audit log in a control-plane database (an engine from :func:`kept.control.open_control`).

    ``audit_key`` keys the chain (HMAC-SHA256); by default it is ``KEPT_AUDIT_KEY`` of the
    settings in use (:mod:`kept.settings`) and, when that is unset, the chain is plain
    SHA-256. A log keeps the keying it started with: appending with another key (or none) is
    refused. ``secret`` is Kept's secret key, which keys the subject references (read from
    the settings or the control database when first needed if not given).
    """

    def __init__(
        self,
        engine: sa.Engine,
        *,
        audit_key: bytes | str | None = None,
        secret: bytes | None = None,
    ) -> None:
        self.engine = engine
        if audit_key is None:
            from kept.settings import current_settings  # pydantic-settings: only when needed

            audit_key = current_settings().audit_key_bytes()
        key = audit_key.encode("utf-8") if isinstance(audit_key, str) else audit_key
        self._chain: ChainHash = chain_hash(key)
        self._key_id = key_id_of(key)
        self._key = key
        self._secret: bytes | None = secret  # Kept's secret key, read when first needed

    @property
    def key(self) -> bytes | None:
        """The chain key (``KEPT_AUDIT_KEY``), None for an unkeyed chain."""
        return self._key

    @property
    def key_id(self) -> str | None:
        """The chain key's fingerprint, as stored in the head."""
        return self._key_id

    # -- writing ---------------------------------------------------------------------------

    def append(
        self,
        actor: str,
        action: str,
        *,
        subject: str | None = None,
        subject_ref: str | None = None,
        tenant: str | None = None,
        details: Mapping[str, Any] | None = None,
        conn: sa.Connection | None = None,
    ) -> AuditEntry:
        """Append one entry and return it.

        ``subject`` is the raw identity (e-mail, customer id…); only its keyed reference is
        stored. Pass ``subject_ref`` instead when you already hold the reference. ``details``
        must be JSON-serialisable and must not hold personal data. With ``conn``, the entry is
        written in the caller's open transaction (on SQLite, begin it with
        :func:`kept.control.write_transaction`); without it, in a transaction of its own.
        """
        fields = _fields(actor, action, subject, subject_ref, tenant, details)
        return self._write([fields], conn)[0]

    def append_many(
        self,
        entries: Sequence[AuditRecord],
        *,
        conn: sa.Connection | None = None,
    ) -> list[AuditEntry]:
        """Append several entries in order, as :meth:`append` would one by one, but with one
        read and one write of the head and one multi-row insert (a batch's receipts)."""
        batch = [
            _fields(r.actor, r.action, r.subject, r.subject_ref, r.tenant, r.details)
            for r in entries
        ]
        return self._write(batch, conn)

    def _write(self, batch: Sequence[_Fields], conn: sa.Connection | None) -> list[AuditEntry]:
        """:meth:`_append_many` in the caller's transaction (``conn``) or one of its own."""
        try:
            if conn is not None:
                return self._append_many(conn, batch)
            with write_transaction(self.engine) as own:
                return self._append_many(own, batch)
        except SQLAlchemyError as exc:
            raise AuditError(
                f"cannot append to the audit log in {redact_url(self.engine.url)}: {_reason(exc)}"
            ) from exc

    def subject_ref(self, identity: str, *, conn: sa.Connection | None = None) -> str:
        """The reference under which entries about ``identity`` are stored."""
        if conn is not None:
            return subject_reference(identity, self._secret_key(conn))
        with self.engine.connect() as own:
            return subject_reference(identity, self._secret_key(own))

    # -- reading ---------------------------------------------------------------------------

    def entries(
        self,
        since: int | datetime | None = None,
        limit: int | None = None,
        tenant: str | None = None,
    ) -> Generator[AuditEntry]:
        """Entries in chain order, streamed from the database (close the generator to stop early).

        ``since`` is a sequence number (entries after it) or a time (entries at or after
        it); ``tenant`` keeps one tenant's entries; ``limit`` stops after that many.
        """
        stmt = sa.select(*COLUMNS).order_by(audit_log.c.seq)
        if isinstance(since, datetime):
            stmt = stmt.where(audit_log.c.created_at >= format_time(since))
        elif since is not None:
            stmt = stmt.where(audit_log.c.seq > since)
        if tenant is not None:
            stmt = stmt.where(audit_log.c.tenant == tenant)
        if limit is not None:
            stmt = stmt.limit(limit)
        return self._stream(stmt)

    def latest(self, limit: int = 20, tenant: str | None = None) -> list[AuditEntry]:
        """The newest ``limit`` entries, oldest first."""
        stmt = sa.select(*COLUMNS).order_by(audit_log.c.seq.desc()).limit(limit)
        if tenant is not None:
            stmt = stmt.where(audit_log.c.tenant == tenant)
        return list(self._stream(stmt))[::-1]

    def verify(self) -> AuditVerification:
        """Check the whole chain and its head, streaming the entries (constant memory).

        Reads one consistent snapshot, so appends running meanwhile are not mistaken for
        tampering. Returns every break found; raises :class:`AuditError` only when the
        database cannot be read.
        """
        try:
            with self.engine.connect() as conn:
                if conn.dialect.name in ("postgresql", "mysql", "mariadb"):
                    conn.execution_options(isolation_level="REPEATABLE READ")
                row = conn.execute(
                    sa.select(
                        audit_head.c.seq,
                        audit_head.c.hash,
                        audit_head.c.key_id,
                        audit_head.c.signature,
                    ).where(audit_head.c.id == _HEAD_ID)
                ).one_or_none()
                head = (
                    Head(int(row.seq), str(row.hash), row.key_id, row.signature)
                    if row is not None
                    else None
                )
                checker = Verifier(self._chain, self._key_id, head, self._key)
                rows = conn.execution_options(stream_results=True, yield_per=_BATCH).execute(
                    sa.select(*COLUMNS).order_by(audit_log.c.seq)
                )
                try:
                    for entry in rows:
                        checker.feed(tuple(entry))
                finally:
                    rows.close()
                return checker.finish()
        except SQLAlchemyError as exc:
            raise AuditError(
                f"cannot read the audit log in {redact_url(self.engine.url)}: {_reason(exc)}"
            ) from exc

    # -- internals -------------------------------------------------------------------------

    def _append_many(self, conn: sa.Connection, batch: Sequence[_Fields]) -> list[AuditEntry]:
        """Chain ``batch`` onto the head: one head read, one multi-row insert, one head write."""
        if conn.dialect.name == "sqlite" and not began_immediate(conn):
            # Take SQLite's write lock now, before reading the head (a no-op write); a
            # write_transaction took it when it began.
            conn.execute(_LOCK_HEAD)
        head = conn.execute(_READ_HEAD).one_or_none()
        if head is None:
            raise AuditError(
                "the audit log's head row is missing, so nothing can be appended; the log may "
                "have been tampered with: run `kept audit verify`"
            )
        if head.seq > 0 and head.key_id != self._key_id:
            raise AuditError(key_message(head.key_id, self._key_id, "append to"))
        seq, prev = int(head.seq), str(head.hash)
        rows: list[dict[str, Any]] = []
        entries: list[AuditEntry] = []
        for fields in batch:
            ref = fields.subject_ref
            if fields.subject is not None:
                ref = subject_reference(fields.subject, self._secret_key(conn))
            seq += 1
            created = format_time(datetime.now(UTC))
            values = (
                seq,
                created,
                fields.actor,
                fields.action,
                ref,
                fields.tenant,
                fields.details,
                prev,
            )
            digest = self._chain(values)
            rows.append(dict(zip(NAMES, (*values, digest), strict=True)))
            entries.append(
                AuditEntry(
                    seq=seq,
                    created_at=parse_time(created, seq),
                    actor=fields.actor,
                    action=fields.action,
                    subject_ref=ref,
                    tenant=fields.tenant,
                    details=json.loads(fields.details),
                    prev_hash=prev,
                    hash=digest,
                )
            )
            prev = digest
        if not rows:
            return entries
        if conn.dialect.name == "postgresql" and len(rows) <= _ONE_STATEMENT:
            move_head = (
                sa.update(audit_head)
                .where(audit_head.c.id == _HEAD_ID)
                .values(
                    seq=seq,
                    hash=prev,
                    key_id=self._key_id,
                    signature=head_signature(self._key, seq, prev),
                )
            )
            # One round trip while the head is locked: the insert rides along as a CTE.
            conn.execute(move_head.add_cte(_insert_rows(rows).cte("appended")))
            return entries
        for start in range(0, len(rows), _BATCH):
            conn.execute(_INSERT, rows[start : start + _BATCH])
        conn.execute(
            _MOVE_HEAD,
            {
                "new_seq": seq,
                "new_hash": prev,
                "new_key_id": self._key_id,
                "new_signature": head_signature(self._key, seq, prev),
            },
        )
        return entries

    def _secret_key(self, conn: sa.Connection) -> bytes:
        if self._secret is None:
            self._secret = secret_key(conn)
        return self._secret

    def _stream(self, stmt: sa.Select[Any]) -> Generator[AuditEntry]:
        try:
            with self.engine.connect() as conn:
                rows = conn.execution_options(stream_results=True, yield_per=_BATCH).execute(stmt)
                try:
                    for row in rows:
                        yield entry_of_row(tuple(row))
                finally:
                    rows.close()  # a server-side cursor left open would outlive the stream
        except SQLAlchemyError as exc:
            raise AuditError(
                f"cannot read the audit log in {redact_url(self.engine.url)}: {_reason(exc)}"
            ) from exc


# built once: every receipt runs them
_LOCK_HEAD = sa.update(audit_head).where(audit_head.c.id == _HEAD_ID).values(seq=audit_head.c.seq)
_READ_HEAD = (
    sa.select(audit_head.c.seq, audit_head.c.hash, audit_head.c.key_id)
    .where(audit_head.c.id == _HEAD_ID)
    .with_for_update()
)
_INSERT = sa.insert(audit_log)
_MOVE_HEAD = (
    sa.update(audit_head)
    .where(audit_head.c.id == _HEAD_ID)
    .values(
        seq=sa.bindparam("new_seq"),
        hash=sa.bindparam("new_hash"),
        key_id=sa.bindparam("new_key_id"),
        signature=sa.bindparam("new_signature"),
    )
)


def _insert_rows(rows: Sequence[dict[str, Any]]) -> sa.Insert:
    """``INSERT ... SELECT`` of ``rows`` (one ``SELECT`` of bound values per row, joined by
    ``UNION ALL``): unlike a multi-row ``VALUES``, SQLAlchemy compiles it once per row count."""
    columns = [audit_log.c[name] for name in NAMES]
    selects = [
        sa.select(*[sa.bindparam(None, row[c.name], type_=c.type) for c in columns]) for row in rows
    ]
    source = selects[0] if len(selects) == 1 else sa.union_all(*selects)
    return sa.insert(audit_log).from_select(list(NAMES), source)


@dataclass(frozen=True)
class AuditRecord:
    """One entry to append with :meth:`AuditLog.append_many` (``subject`` is the raw identity;
    only its keyed reference is stored; or give ``subject_ref``, the reference itself)."""

    actor: str
    action: str
    subject: str | None = None
    tenant: str | None = None
    details: Mapping[str, Any] | None = None
    subject_ref: str | None = None


@dataclass(frozen=True)
class _Fields:
    actor: str
    action: str
    subject: str | None
    subject_ref: str | None
    tenant: str | None
    details: str


def _fields(
    actor: str,
    action: str,
    subject: str | None,
    subject_ref: str | None,
    tenant: str | None,
    details: Mapping[str, Any] | None,
) -> _Fields:
    """One entry's fields, checked (as :meth:`AuditLog.append` documents)."""
    _check_text("actor", actor, required=True)
    _check_text("action", action, required=True)
    _check_text("tenant", tenant, required=False)
    if subject is not None and subject_ref is not None:
        raise AuditError("give the subject or its subject_ref, not both")
    if subject_ref is not None and not _HEX64.fullmatch(subject_ref):
        raise AuditError(
            f"subject_ref must be 64 lowercase hex characters (a subject reference), "
            f"got {subject_ref[:80]!r}"
        )
    return _Fields(actor, action, subject, subject_ref, tenant, _details_json(details))


def _details_json(details: Mapping[str, Any] | None) -> str:
    try:
        return json.dumps(
            dict(details or {}),
            sort_keys=True,
            separators=(",", ":"),
            ensure_ascii=False,
            allow_nan=False,
        )
    except (TypeError, ValueError) as exc:
        raise AuditError(f"audit details must be JSON-serialisable: {exc}") from None


def _check_text(name: str, value: str | None, *, required: bool) -> None:
    if value is None and not required:
        return
    if not isinstance(value, str) or (required and not value.strip()):
        raise AuditError(f"audit {name} must be a non-empty string, got {value!r}")
    if len(value) > _LIMITS[name]:
        raise AuditError(f"audit {name} is longer than {_LIMITS[name]} characters: {value[:40]!r}…")


def _reason(exc: SQLAlchemyError) -> str:
    return describe(exc)
