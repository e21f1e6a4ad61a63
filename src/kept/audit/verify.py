"""Verifying the audit chain: every break found, named once, at the entry that was changed."""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from kept.audit.chain import (
    AUDIT_KEY_ENV,
    GENESIS,
    ChainHash,
    head_signature,
    key_message,
)


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


@dataclass(frozen=True)
class Head:
    seq: int
    hash: str
    key_id: str | None
    signature: str | None = None


class Verifier:
    """Walks the entries in sequence order and collects the breaks, in constant memory.

    Each entry's hash is recomputed from its stored values (``edited``), its ``prev_hash``
    must be the previous entry's hash (``reordered``), sequence numbers must have no gaps
    (``deleted``), and the head must name the last entry (``deleted`` / ``head``). A link is
    accepted when it matches the previous entry's stored *or* recomputed hash, and a broken
    link right after an entry already reported is not reported again, so one change is named
    once, at the entry that was changed.
    """

    def __init__(
        self, chain: ChainHash, key_id: str | None, head: Head | None, key: bytes | None = None
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
            self._break(None, BreakKind.HEAD, key_message(head.key_id, key_id, "verify"))

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


def _name(seq: int, row: tuple[Any, ...]) -> str:
    return f"entry {seq} ({str(row[3])[:40]!r} by {str(row[2])[:40]!r} at {str(row[1])[:32]})"
