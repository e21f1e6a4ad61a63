"""The retention predicates the rights engine applies, below it: what an erasure keeps.

- :mod:`kept.execution.retention.protect`: the rows and fields an erasure request keeps
  (a rule's minimum not yet over, a ``keep`` action, a legal hold);
- :mod:`kept.execution.retention.holds`: legal holds on a person, a tenant or a dataset;
- :mod:`kept.execution.retention.conditions`: a rule's row conditions as SQL.

The rules they read are :mod:`kept.manifest.retention_rules`; the sweep, its schedule and the
review that enforce them are :mod:`kept.retention`, above the engine.
"""
