"""Retention: rules from the manifest, legal holds, the sweep that enforces them, the review.

- :mod:`kept.manifest.retention_rules`: the manifest's rules resolved to tables, clocks and
  conditions; conflicts between rules (``kept check`` findings);
- :mod:`kept.execution.retention.holds`: legal holds on a person, a tenant or a dataset;
- :mod:`kept.retention.sweep`: :func:`run_sweep`, the batched, resumable, receipted sweep;
- :mod:`kept.retention.progress`: a sweep's state and checkpoints in the control database;
- :mod:`kept.retention.schedule`: the sweep run by the service's workers on the manifest's
  schedule;
- :mod:`kept.execution.retention.protect`: what erasure requests keep (minimums, keeps, holds);
- :mod:`kept.retention.report`: every personal field with its rule, and the review date.

The rules and the predicates the rights engine applies (protections, holds, row conditions)
live below the engine, in :mod:`kept.manifest.retention_rules` and :mod:`kept.execution.retention`;
this package builds on both. See ``docs/retention.md``.
"""

from kept.execution.retention.holds import Hold, active_holds, place_hold, release_hold
from kept.execution.retention.protect import Protection
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
