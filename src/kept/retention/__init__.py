"""Retention: rules from the manifest, legal holds, the sweep that enforces them, the review.

- :mod:`kept.retention.rules`: the manifest's rules resolved to tables, clocks and conditions;
  conflicts between rules (``kept check`` findings);
- :mod:`kept.retention.holds`: legal holds on a person, a tenant or a dataset;
- :mod:`kept.retention.sweep`: :func:`run_sweep`, the batched, resumable, receipted sweep;
- :mod:`kept.retention.report`: every personal field with its rule, and the review date.

See ``docs/retention.md``.
"""
