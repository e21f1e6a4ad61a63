"""Conflicts between a promise of full deletion and a ground to keep.

A manifest may promise that an erasure deletes the person's data entirely (``rights: -
{right: erasure, full_deletion: true}``, as a policy's "deleted entirely"). Rows or fields an
erasure keeps anyway (a ``keep`` ground, a retention minimum, a legal hold, another person's
reference) then break that promise: the outcome is ``conflict``, with both grounds, for a
person to decide. Nothing is decided here; the erasure keeps what it keeps.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from kept.manifest.models import Manifest, Right

__all__ = ["conflicts", "full_deletion_promise"]


class _Outcome(Protocol):
    table: str
    action: str
    ground: str | None
    kept_fields: dict[str, str]
    before: dict[str, int]
    held: dict[str, int]
    held_grounds: list[str]


def full_deletion_promise(manifest: Manifest) -> str | None:
    """The manifest's promise of full deletion, in its words (the offer's note), or ``None``."""
    for offer in manifest.rights:
        if offer.right is Right.ERASURE and offer.full_deletion:
            return offer.note or "the person's data is deleted entirely"
    return None


def conflicts(
    promise: str | None, tables: Iterable[_Outcome], request_id: str
) -> list[dict[str, Any]]:
    """Each table where ``request_id``'s rows or fields are kept against ``promise``."""
    if promise is None:
        return []
    found: list[dict[str, Any]] = []
    for t in tables:
        rows = t.before.get(request_id, 0)
        if not rows:
            continue
        grounds: list[str] = []
        kept = 0
        if t.action == "keep":
            kept, grounds = rows, [t.ground or ""]
        elif t.held.get(request_id, 0):
            kept, grounds = t.held[request_id], list(t.held_grounds)
        if t.kept_fields:
            grounds += [g for g in t.kept_fields.values() if g not in grounds]
        if grounds:
            found.append(
                {"table": t.table, "rows_kept": kept, "promise": promise, "grounds": grounds}
            )
    return found
