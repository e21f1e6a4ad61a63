"""The rights-request engine: traversal, access and portability, erasure, rectification.

Everything is set-based (one statement per table per step), runs in one transaction per
store, and is verified; see ``docs/requests.md``.
"""

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
