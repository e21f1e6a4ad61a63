"""``kept check``: hold a manifest against itself, the law and its live databases.

:func:`run_check` validates nothing about the manifest's syntax (loading does that and raises
:class:`~kept.errors.ManifestError`); it returns a :class:`Report` of findings:

- data map: dangling references, collections with personal data that no identity reaches;
- policy: purposes without legal basis, transfers to non-adequate countries without safeguard,
  sale, sharing or third-party marketing the policy prohibits, prohibited categories declared;
  purpose limitation, prohibited uses, recipients and trackers, stores and recipients outside
  the policy's locations (:mod:`kept.check.limits`);
- stores: declared tables and columns that do not exist, missing primary keys and tenant
  columns, undeclared columns that look like personal data (by name and by a sample of values),
  prohibited categories found;
- notice: each GDPR Art. 13/14 item the manifest cannot fill (:mod:`kept.notice`);
- retention: a rule shorter than a minimum on the same collection, two rules on one field, a
  rule deleting rows other rows reference;
- data (``data=True``, ``kept check --data``): the row-level promises of ``data_checks:``, one
  bounded read-only query each (:mod:`kept.check.data`).

Findings the manifest waives (``waivers:``) are reported apart and do not fail the check.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from kept.check.anonymised import anonymised_findings
from kept.check.data import DATA_CODES, DataCheckResult, DataCheckRun, run_data_checks
from kept.check.limits import LIMIT_CODES, location_notes
from kept.check.paths import form_findings, reach_paths
from kept.check.policy import datamap_findings, policy_findings
from kept.check.retention import retention_findings
from kept.check.schema import check_store
from kept.execution.session import open_engines
from kept.findings import (
    CODES,
    SEVERITIES,
    Finding,
    Note,
    Report,
    Severity,
    StoreSummary,
    apply_severities,
    default_severity,
)
from kept.manifest.datamap import DataMap
from kept.manifest.loader import LoadedManifest
from kept.notice.findings import NOTICE_CODES, notice_findings

CODES.update(NOTICE_CODES)
CODES.update(LIMIT_CODES)
CODES.update(DATA_CODES)

__all__ = [
    "CODES",
    "SEVERITIES",
    "DataCheckResult",
    "DataCheckRun",
    "Finding",
    "Note",
    "Report",
    "Severity",
    "StoreSummary",
    "default_severity",
    "run_check",
    "run_data_checks",
]


def run_check(
    loaded: LoadedManifest,
    *,
    sample_size: int = 100,
    env: Mapping[str, str] | None = None,
    on_store: Callable[[str], None] | None = None,
    data: bool = False,
    data_checks: Sequence[str] = (),
    fail_on: Severity | str = Severity.ERROR,
) -> Report:
    """Check a loaded manifest and each of its stores. ``on_store`` is told each store's name
    before it is checked (for progress display). With ``data`` (or ``data_checks``, the names
    of some), the manifest's data checks run too (:func:`kept.check.data.run_data_checks`).
    Every finding has a severity (its code's default, or the manifest's ``check.severity``);
    the report fails (``ok`` false, exit code 1) when a finding is at or above ``fail_on``
    (``error`` or ``warning``; notes never fail)."""
    report = Report(manifest=str(loaded.root), fail_on=Severity(fail_on))
    dm = DataMap.build(loaded.manifest)
    found: list[Finding] = [*policy_findings(loaded), *datamap_findings(loaded, dm)]
    found += form_findings(loaded, dm)
    report.paths = reach_paths(loaded, dm)
    found += retention_findings(loaded)
    if not loaded.manifest.stores and not loaded.manifest.dataset:
        found.append(Finding("empty-manifest", CODES["empty-manifest"], "manifest"))
    found += notice_findings(loaded)
    report.notes += location_notes(loaded.manifest)
    for store in loaded.manifest.stores:
        if on_store is not None:
            on_store(store.name)
        checked = check_store(loaded, dm, store, sample_size=sample_size, env=env)
        report.stores.append(checked.summary)
        found.extend(checked.findings)
        report.notes.extend(checked.notes)
    reachable = {s.name for s in report.stores if s.reachable}
    if data or data_checks:
        away = [s.name for s in report.stores if not s.reachable]
        run = run_data_checks(loaded, names=data_checks, env=env, skip_stores=away)
        report.data_checks = run.results
        found += run.findings
    if any(d.anonymised for d in loaded.manifest.deidentify):
        with open_engines(loaded, env) as engines:
            found += anonymised_findings(loaded, engines, stores=reachable)
    overrides = loaded.manifest.check.severity
    for code in overrides:
        if code not in CODES:
            found.append(
                Finding(
                    "unknown-severity-code",
                    f"check.severity names {code!r}, which is no finding code of kept check "
                    "(docs/check.md lists them)",
                    f"severity:{code}",
                    position=loaded.locate(("check", "severity", code)),
                )
            )
    found = apply_severities(found, overrides)
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
