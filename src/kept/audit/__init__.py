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
The package: :mod:`kept.audit.chain` (an entry's canonical form, hashes, keys, subject
references), :mod:`kept.audit.log` (:class:`AuditLog`: appends and reads) and
:mod:`kept.audit.verify` (walking the chain and naming each break once).
"""

from kept.audit.chain import (
    AUDIT_KEY_ENV,
    GENESIS,
    AuditEntry,
    head_signature,
    normalise_identity,
    subject_reference,
)
from kept.audit.log import AuditLog, AuditRecord
from kept.audit.verify import AuditBreak, AuditVerification, BreakKind

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
