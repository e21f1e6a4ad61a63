"""The retention review: every personal-data field with its rule, and when rules were reviewed.

A field is covered by the rules on its collection that cover it (a rule that deletes or keeps
rows covers all the collection's fields; one that anonymizes covers its ``fields``, or the
fields of its data ``categories``), or else by the rules on its dataset or its categories.
A field no rule covers is a gap: nothing says how long it is kept. A field whose rules all have
a ``where`` that together leave some rows out is covered only in part: those rows are a row gap
(e.g. rules for open and for closed tickets, and none for tickets whose status is NULL).

The review date is ``retention.last_reviewed``, else the notice's ``last_reviewed``, else its
``last_updated``; the cadence is ``retention.review_every_months``, else the notice's
``review_every_months``. A review is overdue when the date plus the cadence is past.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from kept.audit import AuditEntry, AuditLog
from kept.execution.plan import manifest_version
from kept.manifest.condition import AnyOf, ConditionError, Not, describe
from kept.manifest.datamap import Node
from kept.manifest.models import Manifest
from kept.manifest.reasoning import covers
from kept.manifest.retention import RetentionRule
from kept.manifest.retention_rules import Target, covered_fields, personal_fields, resolve_rules

__all__ = [
    "FieldRetention",
    "RetentionReport",
    "Review",
    "describe_rule",
    "record_review",
    "retention_report",
]


def describe_rule(rule: RetentionRule) -> str:
    """One line: what the rule does, e.g. ``delete 7 days after created_at``."""
    parts = []
    try:
        condition = describe(rule.condition()) if rule.where else None
    except ConditionError:
        condition = str(rule.where)
    if rule.action.value in ("delete", "anonymize"):
        what: str = rule.action.value
        if rule.fields:
            what += f" {', '.join(rule.fields)}"
        if rule.clockless:
            parts.append(f"{what} as soon as {condition}")
            condition = None
        else:
            parts.append(f"{what} {rule.period} after {rule.clock}")
    elif rule.action.value == "keep":
        parts.append("keep indefinitely")
    else:
        parts.append("no time limit")
    if condition:
        parts.append(f"where {condition}")
    if rule.minimum is not None:
        parts.append(f"at least {rule.minimum} after {rule.clock}")
    if rule.tenants or rule.tenant_setting:
        source = rule.tenant_setting or "the manifest"
        parts.append(f"tenants may set their own period ({source})")
    return "; ".join(parts)


@dataclass
class FieldRetention:
    collection: str
    field: str
    categories: list[str]
    rules: list[str] = dataclasses.field(default_factory=list)
    uncovered: str | None = None
    """The rows no rule covers, when the rules' conditions leave some out (a row gap)."""

    @property
    def covered(self) -> bool:
        return bool(self.rules)

    def as_dict(self) -> dict[str, Any]:
        return {
            "collection": self.collection,
            "field": self.field,
            "categories": self.categories,
            "rules": self.rules,
            "covered": self.covered,
            "uncovered": self.uncovered,
        }


@dataclass
class Review:
    last_reviewed: dt.date | None
    source: str | None
    every_months: int | None
    due: dt.date | None
    today: dt.date

    @property
    def overdue(self) -> bool:
        return self.due is not None and self.due < self.today

    def as_dict(self) -> dict[str, Any]:
        return {
            "last_reviewed": self.last_reviewed.isoformat() if self.last_reviewed else None,
            "source": self.source,
            "every_months": self.every_months,
            "due": self.due.isoformat() if self.due else None,
            "overdue": self.overdue,
        }


@dataclass
class RetentionReport:
    fields: list[FieldRetention]
    rules: list[dict[str, Any]]
    review: Review

    @property
    def gaps(self) -> list[FieldRetention]:
        return [f for f in self.fields if not f.covered]

    @property
    def row_gaps(self) -> list[FieldRetention]:
        """Fields whose rules cover only some of their rows."""
        return [f for f in self.fields if f.covered and f.uncovered is not None]

    def as_dict(self) -> dict[str, Any]:
        return {
            "fields": [f.as_dict() for f in self.fields],
            "gaps": len(self.gaps),
            "row_gaps": len(self.row_gaps),
            "rules": self.rules,
            "review": self.review.as_dict(),
        }


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return day.replace(
        year=year, month=month + 1, day=min(day.day, calendar.monthrange(year, month + 1)[1])
    )


def _review(manifest: Manifest, today: dt.date) -> Review:
    retention, notice = manifest.retention, manifest.notice
    last, source = retention.last_reviewed, "retention.last_reviewed"
    if last is None and notice is not None:
        last, source = notice.last_reviewed, "notice.last_reviewed"
        if last is None:
            last, source = notice.last_updated, "notice.last_updated"
    every = retention.review_every_months or (notice.review_every_months if notice else None)
    due = _add_months(last, every) if last and every else None
    return Review(last, source if last else None, every, due, today)


def retention_report(manifest: Manifest, *, today: dt.date | None = None) -> RetentionReport:
    """The review of a manifest's retention (reads no database)."""
    targets = resolve_rules(manifest)
    by_node: dict[Node, list[Target]] = {}
    for target in targets:
        by_node.setdefault(target.node, []).append(target)
    fields = []
    seen: dict[tuple[str, ...], str | None] = {}
    for node, name, categories in personal_fields(manifest):
        here = [t for t in by_node.get(node, []) if name in covered_fields(t)]
        own = [t.name for t in here if t.rule.collection is not None]
        rules = own or [t.name for t in here if t.rule.collection is None]
        uncovered = _uncovered(here, seen) if here else None
        fields.append(FieldRetention(str(node), name, categories, rules, uncovered))
    summary: list[dict[str, Any]] = [
        {
            "name": rule.name,
            "covers": rule.collection
            or (f"dataset {rule.dataset}" if rule.dataset else "")
            + (" categories " + ", ".join(rule.categories) if rule.categories else ""),
            "does": describe_rule(rule),
            "action": rule.action.value,
            "ground": rule.ground,
        }
        for rule in manifest.retention.rules
    ]
    return RetentionReport(fields, summary, _review(manifest, today or dt.date.today()))


def _uncovered(targets: list[Target], seen: dict[tuple[str, ...], str | None]) -> str | None:
    """The rows none of ``targets`` covers, described (None: every row is covered)."""
    key = tuple(t.key for t in targets)
    if key not in seen:
        conditions = [t.condition for t in targets]
        seen[key] = None
        if not covers(conditions):
            rest = Not(AnyOf(tuple(c for c in conditions if c is not None)))
            seen[key] = describe(rest)
    return seen[key]


def record_review(
    control: sa.Engine, manifest: Manifest, report: RetentionReport, *, actor: str = "kept"
) -> AuditEntry:
    """Record that the review ran, and what it found, in the audit log (``retention.review``):
    the evidence of a periodic review (Vivi's VOI-09)."""
    details = {
        "manifest_version": manifest_version(manifest),
        "fields": len(report.fields),
        "gaps": [f"{f.collection}.{f.field}" for f in report.gaps],
        "row_gaps": [f"{f.collection}.{f.field}" for f in report.row_gaps],
        "rules": [r["name"] for r in report.rules],
        "review": report.review.as_dict(),
    }
    return AuditLog(control).append(actor, "retention.review", details=details)
