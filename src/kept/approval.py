"""Four-eyes: which submissions a second member of staff must approve before they run.

An erasure or a rectification submitted by a support agent (an account takeover starts with a
rectification of an e-mail address; an erasure cannot be undone) waits, verified, until an
admin, a privacy officer or a tenant admin of its tenant approves it; the submitter can never
approve their own (:meth:`kept.requests.Lifecycle.approve` refuses it with 403). Requests the
person submits and verifies themselves follow the manifest's self-service rules instead
(:mod:`kept.requests.rectifiable`).
"""

from __future__ import annotations

from kept.apikey import Role
from kept.requests.lifecycle import FOUR_EYES
from kept.requests.states import Kind

__all__ = ["APPROVERS", "FOUR_EYES_KINDS", "review_for"]

FOUR_EYES_KINDS = frozenset({Kind.ERASURE, Kind.RECTIFICATION})
"""The kinds a support agent's submission holds for a second person's approval."""

APPROVERS = (Role.ADMIN, Role.PRIVACY_OFFICER, Role.TENANT_ADMIN)
"""The roles that approve, deny, extend, pause and resume requests."""


def review_for(role: Role, kind: Kind | str) -> str | None:
    """The review a submission by ``role`` of ``kind`` waits for (None: it runs when verified)."""
    if role is Role.SUPPORT_AGENT and Kind(kind) in FOUR_EYES_KINDS:
        return FOUR_EYES
    return None
