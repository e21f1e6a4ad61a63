"""The consent ledger: append-only records of consents given and withdrawn and opt-outs made.

Each record holds the subject's *reference* (the keyed HMAC of its identity, as in the audit
log: the raw e-mail or cookie id is never stored), the topic (a purpose of the manifest or one
of its opt-outs), the new state, the UTC time, the policy version and the hash of the notice
text shown, the source (banner, form, API, e-mail to the DPO, GPC signal, unsubscribe link...)
and evidence (a JSON object: the banner configuration hash, the message class...).

Records are only ever inserted. The current state of every (subject, topic) is kept beside
them in ``kept_consent_state``, updated in the same transaction, so that a decision reads one
small row (or an in-memory snapshot of them, :mod:`kept.consent.decision`) instead of the
whole history. Every change is also written to the hash-chained audit log; the audit append
serialises writers, so ledger sequence numbers follow commit order.

Recording a state the topic is already in changes nothing and returns ``None``: a repeated
unsubscribe, a banner answered twice the same way.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import sqlalchemy as sa

from kept.audit import AuditLog, subject_reference
from kept.control import audit_head, secret_key, write_transaction
from kept.control.schema import UTC_FORMAT, consent_ledger, consent_state, utc_text
from kept.errors import ConsentError, RequestError
from kept.execution.identity import Identity, parse_identity

__all__ = [
    "LedgerEntry",
    "LedgerVerification",
    "Source",
    "State",
    "TopicKind",
    "consent_ledger",
    "consent_state",
    "history_of",
    "notice_hash",
    "parse_subject",
    "read_history",
    "verify_ledger",
    "write_record",
]

_TIME_FORMAT = UTC_FORMAT


class TopicKind(StrEnum):
    PURPOSE = "purpose"
    OPT_OUT = "opt_out"


class State(StrEnum):
    GRANTED = "granted"
    WITHDRAWN = "withdrawn"
    OPTED_OUT = "opted_out"
    OPTED_IN = "opted_in"


class Source(StrEnum):
    """Where a record came from (GDPR Art. 7(1): the controller must be able to show it)."""

    BANNER = "banner"
    FORM = "form"
    API = "api"
    CLI = "cli"
    DPO_EMAIL = "dpo_email"
    GPC = "gpc"
    UNSUBSCRIBE = "unsubscribe"
    PHONE = "phone"
    IMPORT = "import"


_STATES = {
    TopicKind.PURPOSE: (State.GRANTED, State.WITHDRAWN),
    TopicKind.OPT_OUT: (State.OPTED_OUT, State.OPTED_IN),
}


@dataclass(frozen=True)
class LedgerEntry:
    """One record of the ledger, as stored."""

    seq: int
    id: str
    recorded_at: str
    subject_ref: str
    subject_kind: str
    topic_kind: TopicKind
    topic: str
    state: State
    policy_version: str | None
    notice_hash: str | None
    source: str
    jurisdiction: str | None
    evidence: dict[str, Any]
    actor: str
    tenant: str | None

    def digest(self) -> str:
        """SHA-256 of the record's canonical JSON: what the audit log vouches for."""
        text = json.dumps(self.as_dict(), sort_keys=True, separators=(",", ":"), default=str)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def as_dict(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "id": self.id,
            "recorded_at": self.recorded_at,
            "subject_ref": self.subject_ref,
            "subject_kind": self.subject_kind,
            "topic_kind": self.topic_kind.value,
            "topic": self.topic,
            "state": self.state.value,
            "policy_version": self.policy_version,
            "notice_hash": self.notice_hash,
            "source": self.source,
            "jurisdiction": self.jurisdiction,
            "evidence": self.evidence,
            "actor": self.actor,
            "tenant": self.tenant,
        }


def parse_subject(subject: str | Identity) -> Identity:
    """A subject as ``KIND=VALUE`` (``email=ada@example.com``, ``cookie_id=4f1c...``)."""
    if isinstance(subject, Identity):
        return subject
    try:
        return parse_identity(subject)
    except RequestError as exc:
        raise ConsentError(str(exc)) from None


def notice_hash(text: str) -> str:
    """The SHA-256 of the notice text shown when consent was asked (whitespace-normalised)."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def now_text() -> str:
    return utc_text()


@dataclass(frozen=True)
class Record:
    """What :func:`write_record` appends (validated by the caller against the manifest)."""

    subject: Identity | None
    topic_kind: TopicKind
    topic: str
    state: State
    source: str
    policy_version: str | None = None
    notice_hash: str | None = None
    jurisdiction: str | None = None
    evidence: Mapping[str, Any] | None = None
    actor: str = "kept"
    tenant: str | None = None
    subject_ref: str | None = None
    """The subject's reference, when the identity itself is not known (an unsubscribe link)."""
    subject_kind: str | None = None

    def kind(self) -> str:
        if self.subject is not None:
            return self.subject.kind
        return self.subject_kind or "unknown"


def write_record(engine: sa.Engine, record: Record, *, force: bool = False) -> LedgerEntry | None:
    """Append ``record`` unless the topic is already in that state (then ``None``), update the
    current state and write the audit entry, in one transaction. ``force`` appends anyway
    (a renewed consent under a new policy version)."""
    _check_lengths(record)
    if record.state not in _STATES[record.topic_kind]:
        raise ConsentError(
            f"state {record.state.value!r} does not apply to a {record.topic_kind.value}; "
            f"expected one of {[s.value for s in _STATES[record.topic_kind]]}"
        )
    evidence = json.dumps(dict(record.evidence or {}), sort_keys=True, default=str)
    log = AuditLog(engine)
    with write_transaction(engine) as conn:
        # Serialise consent writers first, on the audit log's head row (the lock the audit
        # append takes anyway), so that the state read below is current and two writers of
        # the same first record never race (no gap locks, no duplicate key).
        conn.execute(sa.select(audit_head.c.seq).where(audit_head.c.id == 1).with_for_update())
        if record.subject is not None:
            ref = subject_reference(str(record.subject), secret_key(conn))
        elif record.subject_ref is not None:
            ref = record.subject_ref
        else:
            raise ConsentError("a consent record needs the subject or its reference")
        key = (
            consent_state.c.subject_ref == ref,
            consent_state.c.topic_kind == record.topic_kind.value,
            consent_state.c.topic == record.topic,
            consent_state.c.tenant == (record.tenant or ""),
        )
        current = conn.execute(
            sa.select(consent_state.c.state, consent_state.c.policy_version).where(*key)
        ).one_or_none()
        if current is not None and current.state == record.state.value and not force:
            renewed = (
                record.state is State.GRANTED
                and record.policy_version is not None
                and current.policy_version != record.policy_version
            )
            if not renewed:
                return None
        # Writers are serialised (above), so the next sequence number is this transaction's
        # and follows commit order: a snapshot reading the ledger by sequence misses nothing.
        seq = int(conn.execute(sa.select(sa.func.max(consent_ledger.c.seq))).scalar() or 0) + 1
        entry = LedgerEntry(
            seq=seq,
            id=f"cns_{uuid.uuid4().hex[:20]}",
            recorded_at=now_text(),
            subject_ref=ref,
            subject_kind=record.kind(),
            topic_kind=record.topic_kind,
            topic=record.topic,
            state=record.state,
            policy_version=record.policy_version,
            notice_hash=record.notice_hash,
            source=record.source,
            jurisdiction=record.jurisdiction,
            evidence=json.loads(evidence),
            actor=record.actor,
            tenant=record.tenant,
        )
        conn.execute(consent_ledger.insert().values(**{**entry.as_dict(), "evidence": evidence}))
        # The audit entry carries the record's hash: editing, deleting or slipping in a ledger
        # row is then visible to verify_ledger (and the audit chain itself to AuditLog.verify).
        log.append(
            record.actor,
            f"consent.{record.state.value}",
            subject_ref=ref,
            tenant=record.tenant,
            details={
                "entry": entry.id,
                "seq": seq,
                "topic": record.topic,
                "topic_kind": record.topic_kind.value,
                "source": record.source,
                "policy_version": record.policy_version,
                "record_hash": entry.digest(),
            },
            conn=conn,
        )
        values = {
            "state": entry.state.value,
            "seq": seq,
            "recorded_at": entry.recorded_at,
            "policy_version": entry.policy_version,
            "source": entry.source,
        }
        if current is None:
            conn.execute(
                consent_state.insert().values(
                    subject_ref=ref,
                    topic_kind=entry.topic_kind.value,
                    topic=entry.topic,
                    tenant=record.tenant or "",
                    **values,
                )
            )
        else:
            conn.execute(consent_state.update().where(*key).values(**values))
    return entry


_LIMITS = {
    "source": 32,
    "policy_version": 64,
    "jurisdiction": 16,
    "topic": 100,
    "actor": 255,
    "tenant": 255,
}


def _check_lengths(record: Record) -> None:
    """Values longer than their columns are refused here, with the field named, rather than
    truncated or failing in the database."""
    values = {
        "source": record.source,
        "policy_version": record.policy_version,
        "jurisdiction": record.jurisdiction,
        "topic": record.topic,
        "actor": record.actor,
        "tenant": record.tenant,
    }
    for name, value in values.items():
        if value is not None and len(value) > _LIMITS[name]:
            raise ConsentError(
                f"{name} is {len(value)} characters long; at most {_LIMITS[name]} are kept "
                f"(value: {value[:40]!r}...)"
            )
    if len(record.kind()) > 32:
        raise ConsentError(f"the subject's kind {record.kind()[:40]!r} is longer than 32")


def read_history(
    engine: sa.Engine, subject: Identity, *, topic: str | None = None
) -> list[LedgerEntry]:
    """Every record about ``subject`` (optionally one topic), oldest first."""
    with engine.connect() as conn:
        ref = subject_reference(str(subject), secret_key(conn))
        return history_of(conn, ref, topic=topic)


def history_of(conn: sa.Connection, ref: str, *, topic: str | None = None) -> list[LedgerEntry]:
    """:func:`read_history` of a subject reference, on an open connection."""
    stmt = _HISTORY
    if topic is not None:
        stmt = stmt.where(consent_ledger.c.topic == topic)
    return [entry_from_row(row) for row in conn.execute(stmt, {"ref": ref}).mappings()]


_HISTORY = (
    sa.select(consent_ledger)
    .where(consent_ledger.c.subject_ref == sa.bindparam("ref"))
    .order_by(consent_ledger.c.seq)
)
"""A subject's ledger, oldest first (built once: each access request reads it)."""


def entry_from_row(row: sa.RowMapping) -> LedgerEntry:
    return LedgerEntry(
        seq=int(row["seq"]),
        id=row["id"],
        recorded_at=row["recorded_at"],
        subject_ref=row["subject_ref"],
        subject_kind=row["subject_kind"],
        topic_kind=TopicKind(row["topic_kind"]),
        topic=row["topic"],
        state=State(row["state"]),
        policy_version=row["policy_version"],
        notice_hash=row["notice_hash"],
        source=row["source"],
        jurisdiction=row["jurisdiction"],
        evidence=json.loads(row["evidence"]),
        actor=row["actor"],
        tenant=row["tenant"],
    )


def rows_since(conn: sa.Connection, seq: int) -> Iterator[sa.RowMapping]:
    """Ledger rows after ``seq`` in order: what a snapshot has not seen yet."""
    stmt = (
        sa.select(
            consent_ledger.c.seq,
            consent_ledger.c.subject_ref,
            consent_ledger.c.topic_kind,
            consent_ledger.c.topic,
            consent_ledger.c.state,
            consent_ledger.c.recorded_at,
            consent_ledger.c.policy_version,
            consent_ledger.c.source,
            consent_ledger.c.tenant,
        )
        .where(consent_ledger.c.seq > seq)
        .order_by(consent_ledger.c.seq)
    )
    yield from conn.execute(stmt).mappings()


@dataclass(frozen=True)
class LedgerVerification:
    """What :func:`verify_ledger` found: ``problems`` is empty when the ledger is intact."""

    checked: int
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "checked": self.checked, "problems": list(self.problems)}


def verify_ledger(engine: sa.Engine) -> LedgerVerification:
    """Check every ledger record against the hash its audit entry holds, and the current
    states against the ledger: an edited, deleted or inserted record is named. (Check the
    audit chain itself with :meth:`kept.audit.AuditLog.verify`.)"""
    vouched: dict[str, str] = {}
    for audit in AuditLog(engine).entries():
        if audit.action.startswith("consent.") and "entry" in audit.details:
            vouched[str(audit.details["entry"])] = str(audit.details.get("record_hash"))
    problems: list[str] = []
    latest: dict[tuple[str, str, str, str], tuple[str, int]] = {}
    checked = 0
    with engine.connect() as conn:
        for row in conn.execute(
            sa.select(consent_ledger).order_by(consent_ledger.c.seq)
        ).mappings():
            checked += 1
            entry = entry_from_row(row)
            expected = vouched.pop(entry.id, None)
            if expected is None:
                problems.append(
                    f"record {entry.id} (seq {entry.seq}) has no audit entry: "
                    "it was written outside Kept"
                )
            elif expected != entry.digest():
                problems.append(
                    f"record {entry.id} (seq {entry.seq}) was edited after it was written"
                )
            latest[(entry.subject_ref, entry.topic_kind.value, entry.topic, entry.tenant or "")] = (
                entry.state.value,
                entry.seq,
            )
        for missing in sorted(vouched):
            problems.append(f"record {missing} is in the audit log but not in the ledger: deleted")
        states = conn.execute(
            sa.select(
                consent_state.c.subject_ref,
                consent_state.c.topic_kind,
                consent_state.c.topic,
                consent_state.c.state,
                consent_state.c.seq,
                consent_state.c.tenant,
            )
        )
        seen = set()
        for ref, kind, topic, state, seq, tenant in states:
            seen.add((ref, kind, topic, tenant))
            if latest.get((ref, kind, topic, tenant)) != (state, int(seq)):
                problems.append(
                    f"the current state of {topic!r} for subject {ref[:12]}… ({state}, seq {seq}) "
                    "disagrees with the ledger"
                )
        for ref, _kind, topic, _tenant in sorted(set(latest) - seen):
            problems.append(f"the current state of {topic!r} for subject {ref[:12]}… is missing")
    return LedgerVerification(checked, tuple(problems))
