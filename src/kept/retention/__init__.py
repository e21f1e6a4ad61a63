"""Retention: rules from the manifest, legal holds, the sweep that enforces them, the review.

- :mod:`kept.retention.rules`: the manifest's rules resolved to tables, clocks and conditions;
  conflicts between rules (``kept check`` findings);
- :mod:`kept.retention.holds`: legal holds on a person, a tenant or a dataset;
- :mod:`kept.retention.sweep`: :func:`run_sweep`, the batched, resumable, receipted sweep;
- :mod:`kept.retention.progress`: a sweep's state and checkpoints in the control database;
- :mod:`kept.retention.schedule`: the sweep run by the service's workers on the manifest's
  schedule;
- :mod:`kept.retention.protect`: what erasure requests keep (minimums, keeps, holds);
- :mod:`kept.retention.report`: every personal field with its rule, and the review date.

See ``docs/retention.md``. The names below are loaded on first use, so that the manifest and
the rights engine, which this package builds on, can import its modules without a cycle.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kept.retention.holds import Hold, active_holds, place_hold, release_hold
    from kept.retention.protect import Protection
    from kept.retention.report import RetentionReport, retention_report
    from kept.retention.sweep import RuleOutcome, SweepResult, run_sweep

__all__ = [
    "Hold",
    "Protection",
    "RetentionReport",
    "RuleOutcome",
    "SweepResult",
    "active_holds",
    "place_hold",
    "release_hold",
    "retention_report",
    "run_sweep",
]

_HOME = {
    "Hold": "holds",
    "active_holds": "holds",
    "place_hold": "holds",
    "release_hold": "holds",
    "Protection": "protect",
    "RetentionReport": "report",
    "retention_report": "report",
    "RuleOutcome": "sweep",
    "SweepResult": "sweep",
    "run_sweep": "sweep",
}


def __getattr__(name: str) -> Any:
    if name in _HOME:
        return getattr(importlib.import_module(f"kept.retention.{_HOME[name]}"), name)
    raise AttributeError(f"module 'kept.retention' has no attribute {name!r}")
