"""Findings of ``kept check`` and the report that collects them.

A leaf: the manifest's retention rules, the notice and the checks all make findings."""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from kept import __version__

if TYPE_CHECKING:  # names for the types only: this module imports nothing of Kept at run time
    from kept.manifest.models import Waiver
    from kept.manifest.source import Position

__all__ = [
    "CODES",
    "SEVERITIES",
    "Finding",
    "Note",
    "Report",
    "Severity",
    "StoreSummary",
    "apply_severities",
    "default_severity",
]

# Every finding code, with what it means; docs/check.md is generated from the same table.
CODES: dict[str, str] = {
    "empty-manifest": "the manifest declares no store and no dataset: there is nothing to check",
    "store-unreachable": "a store cannot be opened or its schema read",
    "unbound-dataset": "a dataset is not held by any store",
    "missing-table": "a declared collection has no table in its store",
    "missing-column": "a declared field has no column in its table",
    "no-primary-key": "a collection with personal data has no primary key anywhere",
    "no-identity": "the manifest declares no identity field, so no person can be found",
    "unreachable": "a collection with personal data cannot be reached from any identity",
    "identity-not-asked": (
        "a collection is reached only by identity kinds the request form does not ask for"
    ),
    "dangling-reference": "a reference points to something the manifest does not declare",
    "unknown-tenant-column": "a declared tenant column does not exist in the table",
    "undeclared-personal-data": "a column looks like personal data but is not declared",
    "prohibited-category": "a data category the manifest prohibits is declared or found in a store",
    "no-legal-basis": "a purpose has no legal basis",
    "transfer-without-safeguard": "a recipient in a non-adequate country has no safeguard",
    "sale-prohibited": "a recipient is marked as a sale although the manifest prohibits sale",
    "sharing-prohibited": "a recipient is marked as sharing although the manifest prohibits it",
    "third-party-marketing": "a third party receives data for marketing, which is prohibited",
    "retention-below-minimum": "a retention rule removes rows before a minimum period is over",
    "retention-overlap": "two retention rules may act on the same field of the same rows",
    "retention-orphans": "a retention rule deletes rows that other rows reference",
    "retention-row-gap": "no retention rule gives a period to a declared row group",
    "anonymised-holds-personal-data": "a column declared anonymised holds personal values",
    "skipped-collection": (
        "a collection with personal data is out of reach of rights requests on purpose"
    ),
    "unknown-severity-code": "the manifest sets the severity of a code no finding has",
}


class Severity(StrEnum):
    """How much a finding weighs: ``error`` breaks a promise or the law, ``warning`` is doubtful
    or conditional, ``note`` is for information (it never fails the check)."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Severity.NOTE: 0, Severity.WARNING: 1, Severity.ERROR: 2}

_E, _W, _N = Severity.ERROR, Severity.WARNING, Severity.NOTE

# The default severity of every finding code, in one place (docs/check.md shows the same); a
# code not listed here is an error. ``check: {severity: {CODE: LEVEL}}`` in the manifest
# overrides it per code.
SEVERITIES: dict[str, Severity] = {
    # the data map and the stores
    "empty-manifest": _E,
    "store-unreachable": _E,
    "unbound-dataset": _E,
    "missing-table": _E,
    "missing-column": _E,
    "no-primary-key": _E,
    "no-identity": _E,
    "unreachable": _E,
    "skipped-collection": _N,
    "identity-not-asked": _W,
    "dangling-reference": _E,
    "unknown-tenant-column": _E,
    "undeclared-personal-data": _E,
    "anonymised-holds-personal-data": _E,
    # the policy and the law
    "prohibited-category": _E,
    "no-legal-basis": _E,
    "transfer-without-safeguard": _E,
    "sale-prohibited": _E,
    "sharing-prohibited": _E,
    "third-party-marketing": _E,
    # retention
    "retention-below-minimum": _E,
    "retention-overlap": _W,
    "retention-orphans": _E,
    "retention-row-gap": _E,
    # purposes, prohibitions and locations
    "purpose-limitation": _E,
    "prohibited-use": _E,
    "prohibited-recipient": _E,
    "prohibited-tracker": _E,
    "location-not-allowed": _E,
    "location-unknown": _W,
    # the rows themselves (kept check --data)
    "data-check-failed": _E,
    "data-check-error": _E,
    # the notice (Art. 13/14): items always required are errors; items that depend on the
    # company (a DPO, a representative, safeguards, automated decisions) are warnings
    "notice-no-controller": _E,
    "notice-no-controller-contact": _E,
    "notice-no-representative": _W,
    "notice-no-dpo": _W,
    "notice-no-purposes": _E,
    "notice-no-retention": _E,
    "notice-missing-right": _E,
    "notice-no-right-channel": _W,
    "notice-no-complaint": _E,
    "notice-no-safeguard-copy": _W,
    "notice-no-provision-requirement": _W,
    "notice-no-automated-decisions": _W,
    "notice-no-children": _W,
    "unknown-source-column": _E,
    # the manifest's own check settings
    "unknown-severity-code": _W,
}


def default_severity(code: str) -> Severity:
    """The severity of ``code`` by default: its entry in :data:`SEVERITIES`, else error."""
    return SEVERITIES.get(code, Severity.ERROR)


@dataclass(frozen=True)
class Finding:
    """Something that breaks a promise or makes the manifest disagree with the databases."""

    code: str
    message: str
    target: str
    store: str | None = None
    table: str | None = None
    column: str | None = None
    category: str | None = None
    position: Position | None = None
    severity: Severity | None = None
    """``None`` when made: the code's default (:func:`default_severity`) is filled in."""

    def __post_init__(self) -> None:
        if self.severity is None:
            object.__setattr__(self, "severity", default_severity(self.code))
        elif not isinstance(self.severity, Severity):
            object.__setattr__(self, "severity", Severity(self.severity))

    @property
    def level(self) -> Severity:
        """The finding's severity (never ``None``)."""
        return self.severity or default_severity(self.code)

    def at(self, severity: Severity) -> Finding:
        """The same finding at another severity (a manifest's override)."""
        return replace(self, severity=severity)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["severity"] = self.level.value
        data["position"] = (
            {
                "file": str(self.position.file),
                "line": self.position.line,
                "column": self.position.column,
            }
            if self.position
            else None
        )
        return data

    def waived_by(self, waivers: list[Waiver]) -> Waiver | None:
        for waiver in waivers:
            if waiver.code == self.code and fnmatch.fnmatchcase(self.target, waiver.target):
                return waiver
        return None


@dataclass(frozen=True)
class Note:
    """Information that is not a finding (e.g. an undeclared table without personal data)."""

    message: str
    target: str


@dataclass
class StoreSummary:
    name: str
    dialect: str | None = None
    tables: int = 0
    columns_sampled: int = 0
    reachable: bool = True


@dataclass
class Report:
    manifest: str
    findings: list[Finding] = field(default_factory=list)
    waived: list[tuple[Finding, Waiver]] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    stores: list[StoreSummary] = field(default_factory=list)
    unused_waivers: list[Waiver] = field(default_factory=list)
    paths: dict[str, list[str]] = field(default_factory=dict)
    """Per collection, the ways a rights request reaches its rows (kept.check.paths)."""
    data_checks: list[Any] | None = None
    """With ``kept check --data``: each data check's result (kept.check.data.DataCheckResult)."""
    fail_on: Severity = Severity.ERROR
    """The lowest severity that fails the check (``error`` or ``warning``; notes never do)."""

    @property
    def failing(self) -> list[Finding]:
        """The findings at or above :attr:`fail_on` (never a note)."""
        floor = max(self.fail_on.rank, Severity.WARNING.rank)
        return [f for f in self.findings if f.level.rank >= floor]

    @property
    def ok(self) -> bool:
        return not self.failing

    @property
    def exit_code(self) -> int:
        return 0 if self.ok else 1

    def severities(self) -> dict[str, int]:
        """How many findings of each severity (every severity named, most severe first)."""
        counts = {s.value: 0 for s in (Severity.ERROR, Severity.WARNING, Severity.NOTE)}
        for finding in self.findings:
            counts[finding.level.value] += 1
        return counts

    def by_severity(self) -> list[Finding]:
        """The findings, errors first, then warnings, then notes (each by code and target)."""
        return sorted(self.findings, key=lambda f: -f.level.rank)

    def sort(self) -> None:
        self.findings.sort(key=lambda f: (f.code, f.target))
        self.waived.sort(key=lambda fw: (fw[0].code, fw[0].target))
        self.notes.sort(key=lambda n: n.target)

    def as_dict(self) -> dict[str, Any]:
        counts: dict[str, int] = {}
        for finding in self.findings:
            counts[finding.code] = counts.get(finding.code, 0) + 1
        return {
            "kept": __version__,
            "manifest": self.manifest,
            "ok": self.ok,
            "fail_on": self.fail_on.value,
            "counts": dict(sorted(counts.items())),
            "severities": self.severities(),
            "findings": [f.as_dict() for f in self.findings],
            "waived": [{**f.as_dict(), "waiver_reason": w.reason} for f, w in self.waived],
            "unused_waivers": [w.model_dump() for w in self.unused_waivers],
            "notes": [asdict(n) for n in self.notes],
            "stores": [asdict(s) for s in self.stores],
            "paths": self.paths,
        } | ({} if self.data_checks is None else {"data_checks": self._data_checks()})

    def _data_checks(self) -> list[dict[str, Any]]:
        return [result.as_dict() for result in self.data_checks or []]


def apply_severities(findings: list[Finding], overrides: Mapping[str, str]) -> list[Finding]:
    """``findings`` with the manifest's per-code severities (``check: {severity: ...}``)."""
    if not overrides:
        return findings
    return [f.at(Severity(overrides[f.code])) if f.code in overrides else f for f in findings]
