"""The states of a rights request, the moves between them, and the reasons told to the person.

::

    received ─verify─▶ identity_verified ─approve─▶ approved ─claim─▶ running ─▶ completed
       │                      │                       │                 │ ▲   (maybe partial)
       └───────deny───────────┴────────deny───────────┘                 ▼ │ resume
                              ▼                                       failed
                            denied                               (retry: approve)

A request submitted by staff starts verified. Verification approves at once unless the
request's kind is held for review, in which case staff approve or deny it.
"""

from __future__ import annotations

from enum import StrEnum

from kept.errors import LifecycleError

__all__ = [
    "COMPLAINT",
    "DENIAL_REASONS",
    "OUTCOME_REASONS",
    "PARTIAL_REASONS",
    "PLAN_CHANGED",
    "PLAN_CHANGED_MESSAGE",
    "TRANSITIONS",
    "Kind",
    "LifecycleError",
    "State",
    "check_transition",
]


class State(StrEnum):
    RECEIVED = "received"
    IDENTITY_VERIFIED = "identity_verified"
    APPROVED = "approved"
    DENIED = "denied"
    RUNNING = "running"
    COMPLETED = "completed"
    FAILED = "failed"

    @property
    def closed(self) -> bool:
        """Whether the request has its answer (no deadline runs any more)."""
        return self in (State.COMPLETED, State.DENIED)


class Kind(StrEnum):
    """What a person asks for through the lifecycle."""

    ACCESS = "access"
    PORTABILITY = "portability"
    ERASURE = "erasure"
    RECTIFICATION = "rectification"
    RESTRICTION = "restriction"
    OBJECTION = "objection"

    @property
    def phrase(self) -> str:
        """The kind in a sentence: "an access request", "a rectification request"."""
        article = "an" if self.value[0] in "aeiou" else "a"
        return f"{article} {self.value} request"

    @property
    def has_export(self) -> bool:
        return self in (Kind.ACCESS, Kind.PORTABILITY)

    @property
    def has_params(self) -> bool:
        """Whether the request carries parameters (changes, or purposes and a reason)."""
        return self in (Kind.RECTIFICATION, Kind.RESTRICTION, Kind.OBJECTION)


TRANSITIONS: dict[State, frozenset[State]] = {
    State.RECEIVED: frozenset({State.IDENTITY_VERIFIED, State.DENIED}),
    State.IDENTITY_VERIFIED: frozenset({State.APPROVED, State.DENIED}),
    State.APPROVED: frozenset({State.RUNNING, State.DENIED}),
    State.RUNNING: frozenset(
        {State.RUNNING, State.COMPLETED, State.FAILED, State.IDENTITY_VERIFIED}
    ),
    State.FAILED: frozenset({State.APPROVED}),
    State.COMPLETED: frozenset(),
    State.DENIED: frozenset(),
}
"""Which state may follow which; ``running → running`` is a job resumed after a lost worker,
``running → identity_verified`` an erasure sent back for review because its approved plan
changed (``plan_changed``)."""

DENIAL_REASONS: dict[str, str] = {
    "identity_not_verified": (
        "We could not verify that the request comes from the person whose data it concerns."
    ),
    "manifestly_unfounded": (
        "The request is manifestly unfounded (GDPR Art. 12(5)); we have recorded why."
    ),
    "excessive": (
        "The request is excessive, in particular because it repeats an earlier one "
        "(GDPR Art. 12(5)); we have recorded why."
    ),
    "legal_obligation": ("A legal obligation requires us to keep the data (GDPR Art. 17(3)(b))."),
    "legal_claims": (
        "The data is needed to establish, exercise or defend legal claims (GDPR Art. 17(3)(e))."
    ),
    "rights_of_others": (
        "Answering would adversely affect the rights and freedoms of others (GDPR Art. 15(4))."
    ),
    "not_a_customer": "We hold no personal data about you.",
}
"""Why a request may be denied: the code, and the sentence the person is told."""

PARTIAL_REASONS: dict[str, str] = {
    "stores_unreachable": (
        "Part of your data is held where we could not reach it automatically; we will complete "
        "the answer by hand."
    ),
    "conflict": (
        "Some records are kept although our policy promises to delete your data entirely; a "
        "person will decide and tell you. The receipt names the promise and each ground."
    ),
    "kept_with_ground": (
        "Some records are kept because the law or a legitimate ground requires it; the receipt "
        "names each ground."
    ),
}
"""Why an answer may be partial: the code, and the sentence the person is told."""

OUTCOME_REASONS: dict[str, str] = {
    "no_match": (
        "We found no data under the identities you gave (compared as normalised: e-mail "
        "addresses without regard to letter case, phone numbers in international form)."
    ),
}
"""Why a completed request has no result: the code, and the sentence the person is told."""

PLAN_CHANGED = "plan_changed"
"""The reason code of an erasure sent back for review: the person's data changed between the
approval of its dry-run plan and its execution, so nothing was erased."""

PLAN_CHANGED_MESSAGE = (
    "Your data changed while your request was being prepared; we are reviewing it again "
    "before we erase anything."
)
"""The sentence the person is told when their erasure goes back for review."""

COMPLAINT = (
    " You may complain to a supervisory authority and seek a judicial remedy (GDPR Art. 12(4))."
)


def check_transition(request_id: str, current: State, target: State, action: str) -> None:
    """Raise :class:`LifecycleError` unless ``current → target`` is allowed."""
    if target in TRANSITIONS[current]:
        return
    allowed = [s.value for s, nexts in TRANSITIONS.items() if target in nexts]
    needs = " or ".join(allowed) or "nothing"
    raise LifecycleError(
        f"cannot {action}: the request is {current.value} (to {action} it must be {needs})",
        request_id=request_id,
    )
