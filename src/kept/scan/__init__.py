"""``kept scan``: read a database and draft the manifest that describes it.

:func:`scan_engine` reads every table's schema (types, lengths, nullability, defaults, keys,
unique and check constraints, comments), samples each table in one bounded query, classifies
every column with the classifier ``kept check`` uses (:mod:`kept.check.classify`) and drafts
collections: categories with evidence and confidence, identities, references (declared foreign
keys, and names such as ``customer_id`` marked inferred) and the erase action the constraints
allow. :func:`render_manifest` / :func:`render_fides` write YAML; :func:`merge_scan` adds only
what is new to a manifest that exists.
"""

from kept.scan.draft import CollectionDraft, FieldDraft, RefDraft, draft_collections
from kept.scan.merge import Merge, merge_scan
from kept.scan.render import render_fides, render_manifest
from kept.scan.run import ScanResult, scan_engine
from kept.scan.schema import Column, ForeignKey, Table, read_schema

__all__ = [
    "CollectionDraft",
    "Column",
    "FieldDraft",
    "ForeignKey",
    "Merge",
    "RefDraft",
    "ScanResult",
    "Table",
    "draft_collections",
    "merge_scan",
    "read_schema",
    "render_fides",
    "render_manifest",
    "scan_engine",
]
