"""The tamper-evident audit log: every action Kept takes, hash-chained and verifiable.

Each entry records a sequence number, the UTC time, the actor, the action, a *reference* to the
data subject (never the raw identity: a keyed HMAC-SHA256 of the normalised identity), the
tenant and JSON details. Each entry carries the hash of the one before it (the first carries
:data:`GENESIS`) and its own hash over a canonical JSON serialisation of all its fields, so
editing, deleting, inserting or reordering entries breaks the chain. A one-row *head* records
the last sequence number and hash, so deleting the newest entries is detected too.

With ``KEPT_AUDIT_KEY`` set, the hashes are HMAC-SHA256 under that key: someone who can write
to the database but does not hold the key cannot recompute a consistent chain after editing.

Appends are serialised on the head row (``SELECT ... FOR UPDATE`` on PostgreSQL and MariaDB,
an immediate write transaction on SQLite) and the sequence number is the primary key, so the
chain never forks. :meth:`AuditLog.append` takes an optional open connection so that a caller
records its entry in the same transaction as the work it describes.

The layout, the hash format and what :meth:`AuditLog.verify` reports are in ``docs/audit.md``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import unicodedata
from collections.abc import Callable, Generator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import SQLAlchemyError

from kept.control import (
    audit_head,
    audit_log,
    began_immediate,
    redact_url,
    secret_key,
    write_transaction,
)
from kept.control.schema import UTC_FORMAT
from kept.errors import AuditError
from kept.failure import describe

__all__ = [
    "AUDIT_KEY_ENV",
    "GENESIS",
    "AuditBreak",
    "AuditEntry",
    "AuditLog",
    "AuditRecord",
    "AuditVerification",
    "BreakKind",
    "head_signature",
    "normalise_identity",
    "subject_reference",
]

AUDIT_KEY_ENV = "KEPT_AUDIT_KEY"
GENESIS = "0" * 64
"""The ``prev_hash`` of the first entry."""

_HEAD_ID = 1
_BATCH = 2_000
_ONE_STATEMENT = 50  # entries appended with the head's update in one statement (PostgreSQL)
_TIME_FORMAT = UTC_FORMAT
_HEX64 = re.compile(r"[0-9a-f]{64}")
_LIMITS = {"actor": 255, "action": 100, "tenant": 255}
_COLUMNS = (
    audit_log.c.seq,
    audit_log.c.created_at,
    audit_log.c.actor,
    audit_log.c.action,
    audit_log.c.subject_ref,
    audit_log.c.tenant,
    audit_log.c.details,
    audit_log.c.prev_hash,
    audit_log.c.hash,
)

ChainHash = Callable[[Sequence[Any]], str]


class BreakKind(StrEnum):
    """What :meth:`AuditLog.verify` found wrong at one place in the chain."""

    EDITED = "edited"
    """An entry's stored values do not match its hash (a value or the hash itself changed)."""
    DELETED = "deleted"
    """Sequence numbers are missing, in the middle or at the end (the head knows the last)."""
    REORDERED = "reordered"
    """An entry is out of place: renumbered, moved, or inserted into the chain."""
    HEAD = "head"
    """The head row is missing, disagrees with the newest entry, names another key, or is not
    signed with the key."""
    TRUNCATED = "truncated"
    """An anchor kept outside the database names an entry the log no longer has, or no longer
    has with that hash (``kept audit verify --anchor``)."""


@dataclass(frozen=True)
class AuditEntry:
    """One entry of the audit log, as stored."""

    seq: int
    created_at: datetime
    actor: str
    action: str
    subject_ref: str | None
    tenant: str | None
    details: dict[str, Any] = field(hash=False)
    prev_hash: str
    hash: str

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping, with the time in ISO 8601 UTC."""
        return {
            "seq": self.seq,
            "created_at": _format_time(self.created_at),
            "actor": self.actor,
            "action": self.action,
            "subject_ref": self.subject_ref,
            "tenant": self.tenant,
            "details": self.details,
            "prev_hash": self.prev_hash,
            "hash": self.hash,
        }


@dataclass(frozen=True)
class AuditBreak:
    """One place where the chain is broken. ``seq`` is None when no entry can be named."""

    seq: int | None
    kind: BreakKind
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"seq": self.seq, "kind": self.kind.value, "message": self.message}


@dataclass(frozen=True)
class AuditVerification:
    """The outcome of :meth:`AuditLog.verify`."""

    checked: int
    """How many entries were read and checked."""
    breaks: tuple[AuditBreak, ...]
    """Every break found, in chain order; a key mismatch comes first, other head breaks last."""
    head_seq: int | None
    """The sequence number the head records (None when the head row is missing)."""
    head_hash: str | None

    @property
    def ok(self) -> bool:
        """True when the whole chain and its head are intact."""
        return not self.breaks

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "checked": self.checked,
            "head": {"seq": self.head_seq, "hash": self.head_hash},
            "breaks": [b.as_dict() for b in self.breaks],
        }


def normalise_identity(identity: str) -> str:
    """The canonical form of an identity before it is hashed: NFKC, trimmed, single spaces,
    case-folded. ``" Alice@Example.COM "`` and ``"alice@example.com"`` are the same person."""
    return " ".join(unicodedata.normalize("NFKC", identity).split()).casefold()


def subject_reference(identity: str, key: bytes) -> str:
    """The reference stored for a data subject: hex HMAC-SHA256 of the normalised identity."""
    normal = normalise_identity(identity)
    if not normal:
        raise AuditError("the subject identity is empty")
    return hmac.new(key, normal.encode("utf-8"), hashlib.sha256).hexdigest()


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
        self._chain: ChainHash = _chain_hash(key)
        self._key_id = _key_id(key)
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
        try:
            if conn is not None:
                return self._append(conn, fields)
            with write_transaction(self.engine) as own:
                return self._append(own, fields)
        except SQLAlchemyError as exc:
            raise AuditError(
                f"cannot append to the audit log in {redact_url(self.engine.url)}: {_reason(exc)}"
            ) from exc

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
        stmt = sa.select(*_COLUMNS).order_by(audit_log.c.seq)
        if isinstance(since, datetime):
            stmt = stmt.where(audit_log.c.created_at >= _format_time(since))
        elif since is not None:
            stmt = stmt.where(audit_log.c.seq > since)
        if tenant is not None:
            stmt = stmt.where(audit_log.c.tenant == tenant)
        if limit is not None:
            stmt = stmt.limit(limit)
        return self._stream(stmt)

    def latest(self, limit: int = 20, tenant: str | None = None) -> list[AuditEntry]:
        """The newest ``limit`` entries, oldest first."""
        stmt = sa.select(*_COLUMNS).order_by(audit_log.c.seq.desc()).limit(limit)
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
                    _Head(int(row.seq), str(row.hash), row.key_id, row.signature)
                    if row is not None
                    else None
                )
                checker = _Verifier(self._chain, self._key_id, head, self._key)
                rows = conn.execution_options(stream_results=True, yield_per=_BATCH).execute(
                    sa.select(*_COLUMNS).order_by(audit_log.c.seq)
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

    def _append(self, conn: sa.Connection, fields: _Fields) -> AuditEntry:
        return self._append_many(conn, [fields])[0]

    def _append_many(self, conn: sa.Connection, batch: Sequence[_Fields]) -> list[AuditEntry]:
        """Chain ``batch`` onto the head: one head read, one multi-row insert, one head write."""
        if conn.dialect.name == "sqlite" and not began_immediate(conn):
            # Take SQLite's write lock now, before reading the head (a no-op write); a
            # write_transaction took it when it began.
            conn.execute(
                sa.update(audit_head)
                .where(audit_head.c.id == _HEAD_ID)
                .values(seq=audit_head.c.seq)
            )
        head = conn.execute(
            sa.select(audit_head.c.seq, audit_head.c.hash, audit_head.c.key_id)
            .where(audit_head.c.id == _HEAD_ID)
            .with_for_update()
        ).one_or_none()
        if head is None:
            raise AuditError(
                "the audit log's head row is missing, so nothing can be appended; the log may "
                "have been tampered with: run `kept audit verify`"
            )
        if head.seq > 0 and head.key_id != self._key_id:
            raise AuditError(_key_message(head.key_id, self._key_id, "append to"))
        seq, prev = int(head.seq), str(head.hash)
        rows: list[dict[str, Any]] = []
        entries: list[AuditEntry] = []
        for fields in batch:
            ref = fields.subject_ref
            if fields.subject is not None:
                ref = subject_reference(fields.subject, self._secret_key(conn))
            seq += 1
            created = _format_time(datetime.now(UTC))
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
            rows.append(dict(zip(_NAMES, (*values, digest), strict=True)))
            entries.append(
                AuditEntry(
                    seq=seq,
                    created_at=_parse_time(created, seq),
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
        if conn.dialect.name == "postgresql" and len(rows) <= _ONE_STATEMENT:
            # One round trip while the head is locked: the insert rides along as a CTE.
            conn.execute(move_head.add_cte(_insert_rows(rows).cte("appended")))
            return entries
        for start in range(0, len(rows), _BATCH):
            conn.execute(sa.insert(audit_log), rows[start : start + _BATCH])
        conn.execute(move_head)
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
                        yield _entry(tuple(row))
                finally:
                    rows.close()  # a server-side cursor left open would outlive the stream
        except SQLAlchemyError as exc:
            raise AuditError(
                f"cannot read the audit log in {redact_url(self.engine.url)}: {_reason(exc)}"
            ) from exc


_NAMES = tuple(c.name for c in _COLUMNS)


def _insert_rows(rows: Sequence[dict[str, Any]]) -> sa.Insert:
    """``INSERT ... SELECT`` of ``rows`` (one ``SELECT`` of bound values per row, joined by
    ``UNION ALL``): unlike a multi-row ``VALUES``, SQLAlchemy compiles it once per row count."""
    columns = [audit_log.c[name] for name in _NAMES]
    selects = [
        sa.select(*[sa.bindparam(None, row[c.name], type_=c.type) for c in columns]) for row in rows
    ]
    source = selects[0] if len(selects) == 1 else sa.union_all(*selects)
    return sa.insert(audit_log).from_select(list(_NAMES), source)


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


@dataclass(frozen=True)
class _Head:
    seq: int
    hash: str
    key_id: str | None
    signature: str | None = None


class _Verifier:
    """Walks the entries in sequence order and collects the breaks, in constant memory.

    Each entry's hash is recomputed from its stored values (``edited``), its ``prev_hash``
    must be the previous entry's hash (``reordered``), sequence numbers must have no gaps
    (``deleted``), and the head must name the last entry (``deleted`` / ``head``). A link is
    accepted when it matches the previous entry's stored *or* recomputed hash, and a broken
    link right after an entry already reported is not reported again, so one change is named
    once, at the entry that was changed.
    """

    def __init__(
        self, chain: ChainHash, key_id: str | None, head: _Head | None, key: bytes | None = None
    ) -> None:
        self.key = key
        self.chain = chain
        self.key_id = key_id
        self.head = head
        self.head_seq: int | None = head.seq if head is not None else None
        self.head_entry: tuple[str, str] | None = (GENESIS, GENESIS) if self.head_seq == 0 else None
        self.expected = 1
        self.prev: tuple[str, str] = (GENESIS, GENESIS)  # stored and recomputed hash
        self.prev_intact = True
        self.last_seq = 0
        self.checked = 0
        self.breaks: list[AuditBreak] = []
        self.head_entry_reported = False
        if head is not None and head.seq > 0 and head.key_id != key_id:
            # First, because every entry will then fail too: this explains why.
            self._break(None, BreakKind.HEAD, _key_message(head.key_id, key_id, "verify"))

    def feed(self, row: tuple[Any, ...]) -> None:
        self.checked += 1
        seq, stored_prev, stored = row[0], row[7], row[8]
        if not isinstance(seq, int) or isinstance(seq, bool):
            self._break(
                None, BreakKind.EDITED, f"an entry has a non-integer sequence number {seq!r}"
            )
            self.prev_intact = False
            return
        computed = self.chain(row[:8])
        intact = computed == stored
        gap = seq > self.expected
        if gap:
            context = (
                f"entry {self.expected - 1} is followed by entry {seq}"
                if self.expected > 1
                else f"the log starts at entry {seq}"
            )
            self._missing(self.expected, seq - 1, context)
        linked = stored_prev in self.prev
        name = _name(seq, row)
        reported = True
        if seq < self.expected:
            self._break(seq, BreakKind.REORDERED, f"{name} is out of sequence")
        elif not intact and (linked or gap):
            self._break(
                seq, BreakKind.EDITED, f"{name} was edited: its hash does not match its values"
            )
        elif not intact and self.chain((*row[:7], self.prev[0])) == stored:
            self._break(seq, BreakKind.EDITED, f"{name} was edited: its prev_hash was changed")
        elif not intact:
            self._break(
                seq,
                BreakKind.REORDERED,
                f"{name} is out of place: neither its values nor its link to the entry before "
                "match (renumbered, moved or inserted)",
            )
        elif not linked and not gap and self.prev_intact:
            self._break(
                seq,
                BreakKind.REORDERED,
                f"{name} does not follow entry {seq - 1}: its prev_hash is not that entry's hash "
                "(inserted or reordered)",
            )
        else:
            reported = False
        self.prev_intact = not reported
        self.expected = max(self.expected, seq + 1)
        self.last_seq = max(self.last_seq, seq)
        self.prev = (stored, computed)
        if seq == self.head_seq:
            self.head_entry = self.prev
            self.head_entry_reported = reported

    def finish(self) -> AuditVerification:
        head = self.head
        if head is None:
            self._break(None, BreakKind.HEAD, "the head row of the audit log is missing")
            return self._result()
        head_seq = head.seq
        if head_seq > self.last_seq:
            self._missing(
                self.last_seq + 1,
                head_seq,
                f"the head records {head_seq} entries but the log ends at entry {self.last_seq}",
            )
        elif head_seq < self.last_seq:
            first, last = head_seq + 1, self.last_seq
            which = f"entry {first}" if first == last else f"entries {first}–{last}"
            self._break(
                first,
                BreakKind.HEAD,
                f"{which} come{'s' if first == last else ''} after the head, which ends at "
                f"entry {head_seq}: added without going through Kept",
            )
        if (
            self.key is not None
            and head.seq > 0
            and head.key_id == self.key_id
            and not hmac.compare_digest(
                head.signature or "", head_signature(self.key, head.seq, head.hash) or ""
            )
        ):
            self._break(
                head.seq,
                BreakKind.HEAD,
                f"the head (entry {head.seq}) is not signed with {AUDIT_KEY_ENV}: it was "
                "rewritten without the key, e.g. to hide that the newest entries were deleted",
            )
        entry = self.head_entry
        if entry is not None and head.hash not in entry and not self.head_entry_reported:
            target = f"entry {head_seq}'s hash" if head_seq else "the genesis value"
            self._break(
                head_seq or None, BreakKind.HEAD, f"the head's hash does not match {target}"
            )
        return self._result()

    def _missing(self, first: int, last: int, context: str) -> None:
        which = f"entry {first} is" if first == last else f"entries {first}–{last} are"
        self._break(first, BreakKind.DELETED, f"{which} missing (deleted): {context}")

    def _break(self, seq: int | None, kind: BreakKind, message: str) -> None:
        self.breaks.append(AuditBreak(seq, kind, message))

    def _result(self) -> AuditVerification:
        head = self.head
        return AuditVerification(
            checked=self.checked,
            breaks=tuple(self.breaks),
            head_seq=self.head_seq,
            head_hash=head.hash if head is not None else None,
        )


# -- hashing -----------------------------------------------------------------------------


def _material(values: Sequence[Any]) -> bytes:
    """The canonical JSON of an entry's fields (all but its own hash), as UTF-8."""
    seq, created_at, actor, action, subject_ref, tenant, details, prev_hash = values
    document = {
        "action": action,
        "actor": actor,
        "created_at": created_at,
        "details": details,
        "prev_hash": prev_hash,
        "seq": seq,
        "subject_ref": subject_ref,
        "tenant": tenant,
    }
    text = json.dumps(
        document, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=repr
    )
    return text.encode("utf-8", "surrogatepass")


def _chain_hash(key: bytes | None) -> ChainHash:
    if key is None:
        return lambda values: hashlib.sha256(_material(values)).hexdigest()
    return lambda values: hmac.digest(key, _material(values), "sha256").hex()


def head_signature(key: bytes | None, seq: int, digest: str) -> str | None:
    """The head's signature: HMAC-SHA256 of its sequence number and hash; None without a key."""
    if key is None:
        return None
    return hmac.digest(key, f"kept-audit-head:v1:{seq}:{digest}".encode(), "sha256").hex()


def _key_id(key: bytes | None) -> str | None:
    """A short fingerprint of the chain key, stored in the head; None for an unkeyed chain."""
    if key is None:
        return None
    return hmac.digest(key, b"kept-audit-key-id", "sha256").hex()[:16]


def _key_message(recorded: str | None, current: str | None, doing: str) -> str:
    if recorded is None:
        return (
            f"the audit log was started without {AUDIT_KEY_ENV}, but it is set now; unset it "
            f"to {doing} this log"
        )
    if current is None:
        return (
            f"the audit log is keyed ({AUDIT_KEY_ENV} was set when it started, key id "
            f"{recorded}) but {AUDIT_KEY_ENV} is not set now"
        )
    return (
        f"{AUDIT_KEY_ENV} is not the key this audit log was started with (key id {current}, "
        f"the log's is {recorded})"
    )


# -- values ------------------------------------------------------------------------------


def _format_time(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime(_TIME_FORMAT)


def _parse_time(text: str, seq: int) -> datetime:
    try:
        return datetime.strptime(text, _TIME_FORMAT).replace(tzinfo=UTC)
    except (TypeError, ValueError):
        raise AuditError(
            f"entry {seq}: created_at {text!r} is not a valid time; the log may have been "
            "tampered with: run `kept audit verify`"
        ) from None


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


def _entry(row: tuple[Any, ...]) -> AuditEntry:
    seq, created_at, actor, action, subject_ref, tenant, details, prev_hash, digest = row
    try:
        parsed = json.loads(details)
    except (TypeError, ValueError):
        raise AuditError(
            f"entry {seq}: details are not valid JSON; the log may have been tampered with: "
            "run `kept audit verify`"
        ) from None
    return AuditEntry(
        seq=seq,
        created_at=_parse_time(created_at, seq),
        actor=actor,
        action=action,
        subject_ref=subject_ref,
        tenant=tenant,
        details=parsed if isinstance(parsed, dict) else {"value": parsed},
        prev_hash=prev_hash,
        hash=digest,
    )


def _name(seq: int, row: tuple[Any, ...]) -> str:
    return f"entry {seq} ({str(row[3])[:40]!r} by {str(row[2])[:40]!r} at {str(row[1])[:32]})"


def _reason(exc: SQLAlchemyError) -> str:
    return describe(exc)
