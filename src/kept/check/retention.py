"""``kept check`` findings on the retention rules: conflicts between them.

A rule shorter than a minimum on its collection (or its tenants' lower bound below it); two
rules acting on the same field; a rule deleting rows other rows reference; a row group no
rule gives a period. The rules come resolved from :mod:`kept.manifest.retention_rules`;
whether two rules' conditions can hold on one row from :mod:`kept.manifest.reasoning`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from kept.findings import Finding
from kept.manifest.condition import Exists, Link, describe
from kept.manifest.datamap import DataMap, Node
from kept.manifest.reasoning import covers, disjoint
from kept.manifest.retention import Period, RetentionAction, RetentionRule
from kept.manifest.retention_rules import Target, resolve_groups, resolve_rules

if TYPE_CHECKING:
    from kept.manifest.loader import LoadedManifest

__all__ = ["retention_findings"]


def _covered(target: Target) -> set[str]:
    """The fields a rule acts on (every field when it deletes or keeps rows)."""
    if target.rule.action is RetentionAction.ANONYMIZE:
        return {name for name, _, _ in target.fields}
    if target.rule.action in (RetentionAction.DELETE, RetentionAction.KEEP):
        return {f.name for f in target.collection.fields}
    return set()


def retention_findings(loaded: LoadedManifest) -> Iterator[Finding]:
    """``kept check`` findings: a rule shorter than a minimum on its collection (or its
    tenants' lower bound below it); two rules acting on the same field; a rule deleting rows
    other rows reference; a row group no rule gives a period. Rules whose conditions no row
    can satisfy together (``status = 'open'`` and ``status = 'closed'``) do not conflict."""
    targets = resolve_rules(loaded.manifest)
    by_node: dict[Node, list[Target]] = {}
    for target in targets:
        by_node.setdefault(target.node, []).append(target)
    for node, group in sorted(by_node.items()):
        floors = [t for t in group if t.rule.minimum is not None]
        for target in group:
            rule = target.rule
            where = loaded.locate(("retention", "rules", target.index))
            shortest = _shortest(rule)
            for floor in floors:
                minimum = floor.rule.minimum
                if shortest is None or minimum is None:
                    continue
                if disjoint(target.condition, floor.condition):
                    continue
                if shortest[0].approx_days() < minimum.approx_days():
                    yield Finding(
                        "retention-below-minimum",
                        f"retention rule {rule.name!r} removes {node} rows after "
                        f"{shortest[0]} ({shortest[1]}), but rule {floor.rule.name!r} keeps "
                        f"them at least {minimum}: {floor.rule.ground}",
                        f"retention:{rule.name}:{node}",
                        position=where,
                    )
        acting = [t for t in group if t.rule.action is not RetentionAction.NONE]
        for i, first in enumerate(acting):
            for second in acting[i + 1 :]:
                shared = sorted(_covered(first) & _covered(second))
                if shared and not disjoint(first.condition, second.condition):
                    yield Finding(
                        "retention-overlap",
                        f"retention rules {first.rule.name!r} and {second.rule.name!r} both act "
                        f"on {node} field(s) {', '.join(shared)}; give each field one rule",
                        f"retention:{second.rule.name}:{node}",
                        position=loaded.locate(("retention", "rules", second.index)),
                    )
    yield from _orphan_findings(loaded, targets)
    yield from _row_group_findings(loaded, by_node)


def _row_group_findings(
    loaded: LoadedManifest, by_node: dict[Node, list[Target]]
) -> Iterator[Finding]:
    """A row group that the rules giving a period (delete, anonymize, keep) do not cover."""
    periodic = (RetentionAction.DELETE, RetentionAction.ANONYMIZE, RetentionAction.KEEP)
    for found in resolve_groups(loaded.manifest):
        rules = [t for t in by_node.get(found.node, []) if t.rule.action in periodic]
        if covers([t.condition for t in rules], within=found.condition):
            continue
        group = found.group
        part = [t.rule.name for t in rules if not disjoint(t.condition, found.condition)]
        message = (
            f"no retention rule gives a period to row group {group.name!r}: {found.node} rows "
            f"where {describe(found.condition)}"
        )
        if part:
            message += f" (rule(s) {', '.join(part)} cover only some of them, or may)"
        rest = [t.rule.name for t in by_node.get(found.node, []) if t.rule.action not in periodic]
        if rest:
            message += f"; {', '.join(rest)} set(s) no time limit"
        if group.description:
            message += f" ({group.description})"
        yield Finding(
            "retention-row-gap",
            message,
            f"retention:row-group:{group.name}",
            position=loaded.locate(("retention", "row_groups", found.index)),
        )


def _orphan_findings(loaded: LoadedManifest, targets: list[Target]) -> Iterator[Finding]:
    """A rule deleting rows that another collection references, with no rule deleting the
    referencing rows before it: the sweep would fail on a foreign key, or leave references to
    rows that are gone."""
    deleting = [t for t in targets if t.rule.action is RetentionAction.DELETE]
    order = {t.key: i for i, t in enumerate(targets)}
    dm = DataMap.build(loaded.manifest)
    for target in deleting:
        for node, coll in sorted(dm.collections.items()):
            if node == target.node:
                continue
            for fld in coll.fields:
                refs = [
                    r
                    for r in fld.references
                    if r.dataset == target.node.dataset
                    and r.field.partition(".")[0] == target.node.collection
                ]
                if not refs:
                    continue
                before = any(t.node == node and order[t.key] < order[target.key] for t in deleting)
                ref_field = refs[0].field.partition(".")[2]
                referenced = Exists(
                    node.collection,
                    fld.name,
                    link=Link(node.dataset, node.collection, ref_field, fld.name),
                )
                if not before and not disjoint(target.condition, referenced):
                    yield Finding(
                        "retention-orphans",
                        f"retention rule {target.rule.name!r} deletes {target.node} rows that "
                        f"{node}.{fld.name} references, and no rule before it deletes those "
                        f"{node} rows: the sweep would fail on a foreign key or leave dangling "
                        "references (anonymize instead, or add an earlier rule for the "
                        "referencing rows)",
                        f"retention:{target.rule.name}:{node}.{fld.name}",
                        position=loaded.locate(("retention", "rules", target.index)),
                    )


def _shortest(rule: RetentionRule) -> tuple[Period, str] | None:
    """The shortest period a rule may apply: its own, a tenant's, or its lower bound."""
    if rule.clockless:
        return Period(count=0), "as soon as its condition holds"
    if not rule.acts or rule.period is None:
        return None
    options = [(rule.period, "its period")]
    options += [(p, f"tenant {t}") for t, p in rule.tenants.items()]
    if rule.bounds is not None and rule.bounds.min is not None and rule.tenant_setting:
        options.append((rule.bounds.min, "the lowest period a tenant may set"))
    return min(options, key=lambda o: o[0].approx_days())
