"""How a person is reached: per collection, the ways a rights request finds its rows.

:func:`reach_paths` lists, for every collection the closure of the identities reaches (every
identity kind the manifest declares), its ways in: an identity field of a kind, or a reference
from another collection; a lookup collection is marked, as nothing leads on from it.
:func:`form_findings` flags a collection that only identity kinds the request form does not ask
for reach: a request submitted through the form would miss its rows.
"""

from __future__ import annotations

from collections.abc import Iterator

from kept.execution.plan import traversal_plan
from kept.findings import Finding
from kept.manifest.datamap import DataMap, Node
from kept.manifest.loader import LoadedManifest

__all__ = ["FORM_KINDS", "form_findings", "reach_paths"]

FORM_KINDS: tuple[str, ...] = ("email",)
"""The identity kinds the request form asks for (``POST /requests`` takes an e-mail address)."""


def _kinds(dm: DataMap) -> list[str]:
    return sorted({kind for fields in dm.identities.values() for _, kind in fields})


def reach_paths(loaded: LoadedManifest, dm: DataMap) -> dict[str, list[str]]:
    """``collection → ways in``, in the traversal's order (e.g. ``identity email: email``,
    ``reference: shop.accounts.id -> account_id``, ``lookup``)."""
    kinds = _kinds(dm)
    if not kinds:
        return {}
    plan = traversal_plan(loaded.manifest, kinds)
    paths: dict[str, list[str]] = {}
    for step in plan.steps:
        ways = [
            f"identity {w.identity}: {w.column}"
            if w.identity is not None
            else f"reference: {w.source}.{w.source_column} -> {w.column}"
            for w in step.ways
        ]
        if step.lookup:
            ways.append("lookup (nothing leads on from it)")
        paths[str(step.node)] = ways
    return paths


def _reached(loaded: LoadedManifest, kinds: list[str]) -> set[Node]:
    plan = traversal_plan(loaded.manifest, kinds)
    return {s.node for s in plan.steps} | set(plan.unbound)


def form_findings(loaded: LoadedManifest, dm: DataMap) -> Iterator[Finding]:
    """Collections with personal data that only identity kinds outside the form reach."""
    kinds = _kinds(dm)
    if not kinds or set(kinds) <= set(FORM_KINDS):
        return
    everything = _reached(loaded, kinds)
    asked = [k for k in kinds if k in FORM_KINDS]
    by_form = _reached(loaded, asked) if asked else set()
    others = ", ".join(k for k in kinds if k not in FORM_KINDS)
    for node in sorted(everything - by_form):
        if not dm.personal(node):
            continue
        yield Finding(
            "identity-not-asked",
            f"collection {node} is reached only by identity kinds the request form does not "
            f"ask for ({others}; the form asks for {', '.join(FORM_KINDS)}): a request "
            "submitted through the form misses its rows",
            f"collection:{node}",
            position=loaded.locate(dm.paths[node]),
        )
