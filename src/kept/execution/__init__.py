"""The rights-request engine: traversal, access and portability, erasure, rectification.

Everything is set-based (one statement per table per step), runs in one transaction per
store, and is verified; see ``docs/requests.md``.

The names below load with the module that defines them, when first used: an access request
(``kept request access``) does not import the erasure engine and its retention rules.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kept.execution.access import AccessResult, run_access
    from kept.execution.erasure import ErasureResult, TableOutcome, run_erasure
    from kept.execution.identity import Identity, normalise, parse_identity
    from kept.execution.plan import TraversalPlan, manifest_version, traversal_plan
    from kept.execution.rectify import Change, RectificationResult, parse_change, run_rectification

__all__ = [
    "AccessResult",
    "Change",
    "ErasureResult",
    "Identity",
    "RectificationResult",
    "TableOutcome",
    "TraversalPlan",
    "manifest_version",
    "normalise",
    "parse_change",
    "parse_identity",
    "run_access",
    "run_erasure",
    "run_rectification",
    "traversal_plan",
]

_MODULES = {
    "AccessResult": "access",
    "run_access": "access",
    "ErasureResult": "erasure",
    "TableOutcome": "erasure",
    "run_erasure": "erasure",
    "Identity": "identity",
    "normalise": "identity",
    "parse_identity": "identity",
    "TraversalPlan": "plan",
    "manifest_version": "plan",
    "traversal_plan": "plan",
    "Change": "rectify",
    "RectificationResult": "rectify",
    "parse_change": "rectify",
    "run_rectification": "rectify",
}


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
