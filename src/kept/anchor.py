"""Anchors: the audit log's head, written down somewhere the database's writers cannot reach.

The hash chain shows any edit, insertion or reordering, and the signed head
(``KEPT_AUDIT_KEY``) shows a head rewritten without the key. What no check inside the database
can show is a log cut back to an *earlier, genuine* state (the newest entries deleted and an old
head restored, or the whole database restored from a backup): every remaining entry and that
head are intact. An anchor closes that gap: ``kept audit anchor`` prints one line naming the
head (sequence number and hash, when it was taken and, with ``KEPT_AUDIT_KEY``, an HMAC over
all three), to be kept elsewhere (a ticket, a Git repository, another system's log, paper);
``kept audit verify --anchor LINE|FILE`` checks that the log still holds that entry with that
hash, so any truncation behind an anchor is found.

An anchor line::

    kept-anchor v1 seq=1234 hash=<64 hex> at=2026-12-04T14:30:00Z key=<key id> sig=<64 hex>

``key`` and ``sig`` are ``-`` for an unkeyed log. See ``docs/audit.md``.
"""

from __future__ import annotations

import datetime as dt
import hmac
import re
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from kept.audit import AUDIT_KEY_ENV, AuditBreak, AuditLog, AuditVerification, BreakKind
from kept.control import audit_head, audit_log
from kept.errors import AuditError

__all__ = ["Anchor", "check_anchors", "read_anchors", "take_anchor", "verify_with_anchors"]

_PREFIX = "kept-anchor v1"
_LINE = re.compile(
    r"^kept-anchor v1 seq=(?P<seq>\d{1,19}) hash=(?P<hash>[0-9a-f]{64}) "
    r"at=(?P<at>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ) key=(?P<key>[0-9a-f]{16}|-) "
    r"sig=(?P<sig>[0-9a-f]{64}|-)$"
)


@dataclass(frozen=True)
class Anchor:
    """The head of the audit log at one moment, signed when the log is keyed."""

    seq: int
    hash: str
    at: str
    key_id: str | None
    signature: str | None

    def text(self) -> str:
        """The one line to keep elsewhere."""
        return (
            f"{_PREFIX} seq={self.seq} hash={self.hash} at={self.at} "
            f"key={self.key_id or '-'} sig={self.signature or '-'}"
        )

    def as_dict(self) -> dict[str, object]:
        return {
            "seq": self.seq,
            "hash": self.hash,
            "at": self.at,
            "key_id": self.key_id,
            "signature": self.signature,
            "anchor": self.text(),
        }

    @classmethod
    def parse(cls, text: str, *, source: str = "the anchor") -> Anchor:
        found = _LINE.match(text.strip())
        if found is None:
            raise AuditError(
                f"{source}: {text.strip()[:60]!r} is not an anchor (expected a line printed by "
                f"`kept audit anchor`: {_PREFIX} seq=N hash=... at=... key=... sig=...)"
            )
        key, sig = found["key"], found["sig"]
        return cls(
            int(found["seq"]),
            found["hash"],
            found["at"],
            None if key == "-" else key,
            None if sig == "-" else sig,
        )


def _signature(key: bytes, seq: int, digest: str, at: str) -> str:
    message = f"kept-audit-anchor:v1:{seq}:{digest}:{at}".encode()
    return hmac.digest(key, message, "sha256").hex()


def take_anchor(log: AuditLog, *, now: dt.datetime | None = None) -> Anchor:
    """The anchor of ``log``'s head, after checking the whole log (a broken log is not anchored:
    :class:`AuditError` names the first break)."""
    result = log.verify()
    if not result.ok:
        first = result.breaks[0]
        raise AuditError(
            f"the audit log is broken ({first.kind.value}: {first.message}); an anchor would "
            "vouch for it: run `kept audit verify`"
        )
    assert result.head_seq is not None and result.head_hash is not None
    at = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    key = log.key
    return Anchor(
        result.head_seq,
        result.head_hash,
        at,
        log.key_id,
        _signature(key, result.head_seq, result.head_hash, at) if key else None,
    )


def read_anchors(value: str) -> list[Anchor]:
    """Anchors from ``value``: an anchor line itself, or a file of them (one per line; blank
    lines and lines starting with ``#`` are skipped)."""
    if value.strip().startswith("kept-anchor"):
        return [Anchor.parse(value)]
    path = Path(value)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise AuditError(
            f"--anchor {value[:80]!r} is neither an anchor line nor a readable file: {exc}"
        ) from None
    anchors = [
        Anchor.parse(line, source=f"{path}:{number}")
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if not anchors:
        raise AuditError(f"{path}: holds no anchor")
    return anchors


def check_anchors(log: AuditLog, anchors: list[Anchor]) -> list[AuditBreak]:
    """Where the log disagrees with ``anchors``: each a :attr:`BreakKind.TRUNCATED` break (or a
    :attr:`BreakKind.HEAD` break for an anchor whose signature does not verify)."""
    breaks: list[AuditBreak] = []
    key = log.key
    with log.engine.connect() as conn:
        head = conn.execute(sa.select(audit_head.c.seq).where(audit_head.c.id == 1)).scalar()
        last = conn.execute(sa.select(sa.func.max(audit_log.c.seq))).scalar()
        for anchor in anchors:
            name = f"the anchor taken at {anchor.at} (entry {anchor.seq})"
            if anchor.signature is not None:
                if key is None or anchor.key_id != log.key_id:
                    breaks.append(
                        AuditBreak(
                            None,
                            BreakKind.HEAD,
                            f"{name} is signed with key id {anchor.key_id}, but {AUDIT_KEY_ENV} "
                            f"{'is not set' if key is None else 'is another key'}: its "
                            "signature cannot be checked",
                        )
                    )
                    continue
                expected = _signature(key, anchor.seq, anchor.hash, anchor.at)
                if not hmac.compare_digest(expected, anchor.signature):
                    breaks.append(
                        AuditBreak(
                            None,
                            BreakKind.HEAD,
                            f"{name}: its signature is not valid (the anchor was altered or "
                            "forged)",
                        )
                    )
                    continue
            if anchor.seq == 0:
                continue
            stored = conn.execute(
                sa.select(audit_log.c.hash).where(audit_log.c.seq == anchor.seq)
            ).scalar()
            ends = f"the log now ends at entry {last or 0}, its head at entry {head}"
            if stored is None:
                breaks.append(
                    AuditBreak(
                        anchor.seq,
                        BreakKind.TRUNCATED,
                        f"entry {anchor.seq}, recorded by {name}, is missing: the log was "
                        f"shortened ({ends})",
                    )
                )
            elif stored != anchor.hash:
                breaks.append(
                    AuditBreak(
                        anchor.seq,
                        BreakKind.TRUNCATED,
                        f"entry {anchor.seq} no longer has the hash recorded by {name}: the "
                        f"log was cut back and rewritten from there on ({ends})",
                    )
                )
    return breaks


def verify_with_anchors(log: AuditLog, anchors: list[Anchor]) -> AuditVerification:
    """:meth:`AuditLog.verify` with the breaks :func:`check_anchors` finds added at the end."""
    result = log.verify()
    extra = check_anchors(log, anchors)
    return AuditVerification(
        checked=result.checked,
        breaks=(*result.breaks, *extra),
        head_seq=result.head_seq,
        head_hash=result.head_hash,
    )
