"""The audit chain's format: an entry, its canonical form, its hash, the head's signature
and the keyed reference to a data subject (see ``docs/audit.md`` for the layout)."""

from __future__ import annotations

import hashlib
import hmac
import json
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from kept.control import audit_log
from kept.control.schema import UTC_FORMAT
from kept.errors import AuditError

AUDIT_KEY_ENV = "KEPT_AUDIT_KEY"
GENESIS = "0" * 64
"""The ``prev_hash`` of the first entry."""

TIME_FORMAT = UTC_FORMAT
COLUMNS = (
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
NAMES = tuple(c.name for c in COLUMNS)

ChainHash = Callable[[Sequence[Any]], str]


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
            "created_at": format_time(self.created_at),
            "actor": self.actor,
            "action": self.action,
            "subject_ref": self.subject_ref,
            "tenant": self.tenant,
            "details": self.details,
            "prev_hash": self.prev_hash,
            "hash": self.hash,
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


def material(values: Sequence[Any]) -> bytes:
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


def chain_hash(key: bytes | None) -> ChainHash:
    if key is None:
        return lambda values: hashlib.sha256(material(values)).hexdigest()
    return lambda values: hmac.digest(key, material(values), "sha256").hex()


def head_signature(key: bytes | None, seq: int, digest: str) -> str | None:
    """The head's signature: HMAC-SHA256 of its sequence number and hash; None without a key."""
    if key is None:
        return None
    return hmac.digest(key, f"kept-audit-head:v1:{seq}:{digest}".encode(), "sha256").hex()


def key_id_of(key: bytes | None) -> str | None:
    """A short fingerprint of the chain key, stored in the head; None for an unkeyed chain."""
    if key is None:
        return None
    return hmac.digest(key, b"kept-audit-key-id", "sha256").hex()[:16]


def key_message(recorded: str | None, current: str | None, doing: str) -> str:
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


def format_time(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime(TIME_FORMAT)


def parse_time(text: str, seq: int) -> datetime:
    try:
        return datetime.strptime(text, TIME_FORMAT).replace(tzinfo=UTC)
    except (TypeError, ValueError):
        raise AuditError(
            f"entry {seq}: created_at {text!r} is not a valid time; the log may have been "
            "tampered with: run `kept audit verify`"
        ) from None


def entry_of_row(row: tuple[Any, ...]) -> AuditEntry:
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
        created_at=parse_time(created_at, seq),
        actor=actor,
        action=action,
        subject_ref=subject_ref,
        tenant=tenant,
        details=parsed if isinstance(parsed, dict) else {"value": parsed},
        prev_hash=prev_hash,
        hash=digest,
    )
