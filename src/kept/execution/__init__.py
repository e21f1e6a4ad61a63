"""The rights-request engine: traversal, access and portability, erasure, rectification.

Everything is set-based (one statement per table per step), runs in one transaction per
store, and is verified; see ``docs/requests.md``.
"""

from kept.execution.access import AccessResult, run_access
from kept.execution.erasure import ErasureResult, TableOutcome, run_erasure
from kept.execution.identity import Identity, normalise, parse_identity
from kept.execution.plan import TraversalPlan, manifest_version, traversal_plan
from kept.execution.rectify import Change, RectificationResult, parse_change, run_rectification
from kept.execution.service import RightsService, new_request_id, read_batch

__all__ = [
    "AccessResult",
    "Change",
    "ErasureResult",
    "Identity",
    "RectificationResult",
    "RightsService",
    "TableOutcome",
    "TraversalPlan",
    "manifest_version",
    "new_request_id",
    "normalise",
    "parse_change",
    "parse_identity",
    "read_batch",
    "run_access",
    "run_erasure",
    "run_rectification",
    "traversal_plan",
]
