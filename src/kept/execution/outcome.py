"""``no_match``: a request whose identities match nobody ends as such, never as "done".

An access with no row is not an empty export, and an erasure that found nothing is not
"erased and verified": both say that nobody matched, with the normalised forms that were
tried (so a typo or a wrong address is visible to the person who asked).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from kept.execution.identity import Identity, IdentityRules
from kept.execution.plan import traversal_plan
from kept.execution.session import open_traversals
from kept.manifest.loader import LoadedManifest
from kept.stores import StoreEngines

if TYPE_CHECKING:  # an access request does not load the erasure engine (start-up time)
    from kept.execution.erasure import ErasureResult

__all__ = ["NO_MATCH", "matched_requests", "no_match_summary", "unmatched_requests"]

NO_MATCH = "no_match"
"""The outcome (and reason code) of a request whose identities match nobody."""


def no_match_summary(loaded: LoadedManifest, identities: list[Identity]) -> dict[str, object]:
    """What a no-match result says: the outcome and the normalised identities tried."""
    return {
        "outcome": NO_MATCH,
        "tried": IdentityRules.of(loaded.manifest).normalised(identities),
    }


def unmatched_requests(result: ErasureResult) -> list[str]:
    """The requests of an erasure for which no row was found (before anything changed)."""
    found = {r for t in result.tables for r, n in t.before.items() if n}
    return [r for r in result.requests if r not in found]


def matched_requests(
    loaded: LoadedManifest,
    requests: Mapping[str, list[Identity]],
    *,
    engines: StoreEngines | None = None,
    tenant: str | None = None,
) -> set[str]:
    """The requests whose identities match at least one row of a collection found by an
    identity (the collections reached by references need a match there first)."""
    kinds = {i.kind for ids in requests.values() for i in ids}
    plan = traversal_plan(loaded.manifest, kinds)
    found: set[str] = set()
    with open_traversals(
        loaded, plan, requests, materialise=len(requests) > 1, engines=engines, tenant=tenant
    ) as walks:
        try:
            for step in plan.steps:
                if any(w.identity is not None for w in step.ways):
                    counts = walks[step.store].count(step)
                    found.update(r for r, n in counts.items() if n)
                if len(found) == len(requests):
                    break
        finally:
            for walk in walks.values():
                walk.drop()
    return found
