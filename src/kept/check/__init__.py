"""``kept check``: hold a manifest against itself, the law and its live databases.

:func:`run_check` validates nothing about the manifest's syntax (loading does that and raises
:class:`~kept.errors.ManifestError`); it returns a :class:`Report` of findings:

- data map: dangling references, collections with personal data that no identity reaches;
- policy: purposes without legal basis, transfers to non-adequate countries without safeguard,
  sale, sharing or third-party marketing the policy prohibits, prohibited categories declared;
- stores: declared tables and columns that do not exist, missing primary keys and tenant
  columns, undeclared columns that look like personal data (by name and by a sample of values),
  prohibited categories found;
- notice: each GDPR Art. 13/14 item the manifest cannot fill (:mod:`kept.notice`);
- retention: a rule shorter than a minimum on the same collection, two rules on one field, a
  rule deleting rows other rows reference.

Findings the manifest waives (``waivers:``) are reported apart and do not fail the check.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from kept.check.anonymised import anonymised_findings
from kept.check.paths import form_findings, reach_paths
from kept.check.policy import datamap_findings, policy_findings
from kept.check.schema import check_store
from kept.execution.session import open_engines
from kept.findings import CODES, Finding, Note, Report, StoreSummary
from kept.manifest.datamap import DataMap
from kept.manifest.loader import LoadedManifest
from kept.manifest.retention_rules import retention_findings
from kept.notice.findings import NOTICE_CODES, notice_findings

CODES.update(NOTICE_CODES)

__all__ = ["CODES", "Finding", "Note", "Report", "StoreSummary", "run_check"]


def run_check(
    loaded: LoadedManifest,
    *,
    sample_size: int = 100,
    env: Mapping[str, str] | None = None,
    on_store: Callable[[str], None] | None = None,
) -> Report:
    """Check a loaded manifest and each of its stores. ``on_store`` is told each store's name
    before it is checked (for progress display)."""
    report = Report(manifest=str(loaded.root))
    dm = DataMap.build(loaded.manifest)
    found: list[Finding] = [*policy_findings(loaded), *datamap_findings(loaded, dm)]
    found += form_findings(loaded, dm)
    report.paths = reach_paths(loaded, dm)
    found += retention_findings(loaded)
    if not loaded.manifest.stores and not loaded.manifest.dataset:
        found.append(Finding("empty-manifest", CODES["empty-manifest"], "manifest"))
    found += notice_findings(loaded)
    for store in loaded.manifest.stores:
        if on_store is not None:
            on_store(store.name)
        checked = check_store(loaded, dm, store, sample_size=sample_size, env=env)
        report.stores.append(checked.summary)
        found.extend(checked.findings)
        report.notes.extend(checked.notes)
    reachable = {s.name for s in report.stores if s.reachable}
    if any(d.anonymised for d in loaded.manifest.deidentify):
        with open_engines(loaded, env) as engines:
            found += anonymised_findings(loaded, engines, stores=reachable)
    waivers = loaded.manifest.waivers
    used = set()
    for finding in found:
        waiver = finding.waived_by(waivers)
        if waiver is None:
            report.findings.append(finding)
        else:
            used.add(id(waiver))
            report.waived.append((finding, waiver))
    report.unused_waivers = [w for w in waivers if id(w) not in used]
    report.sort()
    return report
