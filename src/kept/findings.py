"""Findings of ``kept check`` and the report that collects them.

A leaf: the manifest's retention rules, the notice and the checks all make findings."""

from __future__ import annotations

import fnmatch
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from kept import __version__

if TYPE_CHECKING:  # names for the types only: this module imports nothing of Kept at run time
    from kept.manifest.models import Waiver
    from kept.manifest.source import Position

__all__ = ["CODES", "Finding", "Note", "Report", "StoreSummary"]

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
    "retention-overlap": "two retention rules act on the same field",
    "retention-orphans": "a retention rule deletes rows that other rows reference",
    "anonymised-holds-personal-data": "a column declared anonymised holds personal values",
}


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

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
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

    @property
    def ok(self) -> bool:
        return not self.findings

    @property
    def exit_code(self) -> int:
        return 0 if self.ok else 1

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
            "counts": dict(sorted(counts.items())),
            "findings": [f.as_dict() for f in self.findings],
            "waived": [{**f.as_dict(), "waiver_reason": w.reason} for f, w in self.waived],
            "unused_waivers": [w.model_dump() for w in self.unused_waivers],
            "notes": [asdict(n) for n in self.notes],
            "stores": [asdict(s) for s in self.stores],
            "paths": self.paths,
        }
