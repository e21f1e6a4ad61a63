"""Retention rules resolved against the data map: which table, which clock, which rows.

:func:`resolve_rules` turns the manifest's ``retention.rules`` into :class:`Target` objects, one
per collection a rule covers, with the clock and conditions resolved to columns (of the
collection itself, or of a collection it references: ``support_tickets.resolved_at`` reaches
the ticket through the collection's declared reference). :func:`rule_problems` reports what
cannot be resolved, located in the manifest, and is part of loading a manifest; the conflicts
between rules are ``kept check`` findings (:mod:`kept.check.retention`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kept.manifest.condition import (
    Condition,
    ConditionError,
    is_true,
    resolve_condition,
)
from kept.manifest.datamap import DataMap, Node, is_personal
from kept.manifest.models import Collection, Dataset, ErasureAction, Manifest
from kept.manifest.retention import Period, RetentionAction, RetentionRule, RowGroup
from kept.manifest.source import Path_
from kept.taxonomy import Kind, Taxonomy, is_under

if TYPE_CHECKING:
    from kept.errors import Problem
    from kept.manifest.loader import LoadedManifest

__all__ = [
    "Column",
    "Group",
    "Target",
    "covered_fields",
    "personal_fields",
    "resolve_groups",
    "resolve_rules",
    "rule_problems",
    "tenant_column",
]


@dataclass(frozen=True)
class Column:
    """A column a rule reads: on the target table (``parent`` None), or on a parent table
    reached by ``target.via = parent.parent_key``."""

    name: str
    parent: str | None = None
    via: str | None = None
    parent_key: str | None = None

    def __str__(self) -> str:
        return f"{self.parent}.{self.name}" if self.parent else self.name


@dataclass
class Target:
    """A rule applied to one collection."""

    rule: RetentionRule
    index: int
    node: Node
    collection: Collection
    clock: Column | None
    condition: Condition | None = None
    """The rule's ``where``, resolved (None: every row)."""
    fields: list[tuple[str, ErasureAction, Any]] = field(default_factory=list)
    tenant: str | None = None

    @property
    def name(self) -> str:
        return self.rule.name

    @property
    def key(self) -> str:
        """Stable identity of this rule on this collection (checkpoints are kept per key)."""
        return f"{self.rule.name}:{self.node}"

    def cutoff(self, now: dt.datetime, period: Period | None = None) -> dt.datetime:
        chosen = period or self.rule.period
        if chosen is None:
            raise ValueError(f"rule {self.rule.name!r} has no period")
        return chosen.before(now)


def tenant_column(dataset: Dataset, collection: Collection) -> str | None:
    return collection.tenant_column or dataset.tenant_column


def _collections(manifest: Manifest, rule: RetentionRule) -> list[tuple[Dataset, Collection]]:
    if rule.collection is not None:
        ds_key, _, name = rule.collection.partition(".")
        dataset = manifest.dataset_by_key(ds_key)
        coll = dataset.collection(name) if dataset and name else None
        return [(dataset, coll)] if dataset and coll else []
    if rule.dataset is not None:
        dataset = manifest.dataset_by_key(rule.dataset)
        datasets = [dataset] if dataset is not None else []
    else:
        datasets = list(manifest.dataset)  # categories alone: every dataset
    # A dataset or category rule covers the collections that have its clock column (all,
    # without one) and, for categories, a field of one of them.
    local = (rule.clock or "").split(".")[-1]
    return [
        (d, c)
        for d in datasets
        for c in d.collections
        if (not rule.clock or c.field(local)) and (not rule.categories or _category_fields(rule, c))
    ]


def _category_fields(rule: RetentionRule, coll: Collection) -> list[str]:
    """The collection's fields under one of the rule's data categories (keys left out)."""
    return [
        f.name
        for f in coll.fields
        if not f.is_primary_key
        and any(is_under(c, wanted) for c in f.data_categories or [] for wanted in rule.categories)
    ]


def _column(dm: DataMap, node: Node, coll: Collection, text: str) -> Column | str:
    """The column ``text`` names, or why it names none."""
    parent, _, name = text.rpartition(".")
    if not parent:
        return Column(name) if coll.field(name) else f"{node} has no field {name!r}"
    parent_node = Node(node.dataset, parent)
    parent_coll = dm.collections.get(parent_node)
    if parent_coll is None:
        return f"collection {parent_node} does not exist"
    if parent_coll.field(name) is None:
        return f"{parent_node} has no field {name!r}"
    for fld in coll.fields:
        for ref in fld.references:
            ref_coll, _, ref_field = ref.field.partition(".")
            if ref.dataset == node.dataset and ref_coll == parent:
                return Column(name, parent, fld.name, ref_field)
    return f"{node} declares no reference to {parent_node} to reach {text!r} through"


def _fields(coll: Collection, names: list[str]) -> list[tuple[str, ErasureAction, Any]] | str:
    out: list[tuple[str, ErasureAction, Any]] = []
    for name in names:
        fld = coll.field(name)
        if fld is None:
            return f"has no field {name!r} to anonymize"
        rule = fld.erase
        if rule is not None and rule.action is ErasureAction.FIXED:
            out.append((name, ErasureAction.FIXED, rule.value))
        else:
            out.append((name, ErasureAction.NULLIFY, None))
    return out


Trouble = tuple[Path_, str, dict[str, Any]]
"""Where a problem is, what it is, and extras for :class:`~kept.errors.Problem` (value...)."""


def _condition(
    manifest: Manifest, node: Node, name: str, base: Path_, parse: Any
) -> tuple[Condition | None, list[Trouble]]:
    """A rule's (or row group's) condition resolved on ``node``, or the problems it has."""
    what = f"retention rule {name!r}" if base[1] == "rules" else f"row group {name!r}"
    try:
        parsed = parse()
    except ConditionError as exc:
        return None, [((*base, *exc.path), f"{what}: {exc.message}", {"value": _text(exc.value)})]
    if is_true(parsed):
        return None, []
    resolved, problems = resolve_condition(parsed, manifest, node.dataset, node.collection)
    trouble: list[Trouble] = [
        (
            (*base, *p.path),
            f"{what}: {p.message}",
            {"value": _text(p.value), "suggestion": p.suggestion},
        )
        for p in problems
    ]
    return (None if trouble else resolved), trouble


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _resolve(
    dm: DataMap, manifest: Manifest, index: int, rule: RetentionRule
) -> Iterator[tuple[Target | None, Path_, str, dict[str, Any]]]:
    """Targets of one rule, or (None, where, why) for what cannot be resolved."""
    base: Path_ = ("retention", "rules", index)
    found = _collections(manifest, rule)
    if not found and rule.collection is None and rule.dataset is None:
        with_clock = f" and a field {rule.clock!r}" if rule.clock else ""
        yield (
            None,
            (*base, "categories"),
            (
                f"retention rule {rule.name!r}: no collection has a field of the categories "
                f"{', '.join(rule.categories)}{with_clock}"
            ),
            {},
        )
        return
    if not found:
        what = rule.collection or rule.dataset
        kind = "collection (dataset.collection)" if rule.collection else "dataset"
        yield (
            None,
            (*base, "collection" if rule.collection else "dataset"),
            (f"retention rule {rule.name!r} names unknown {kind} {what!r}"),
            {"value": what},
        )
        return
    for dataset, coll in found:
        node = Node(dataset.fides_key, coll.name)
        target = Target(rule, index, node, coll, None, tenant=tenant_column(dataset, coll))
        problems = False
        if rule.clock is not None:
            clock = _column(dm, node, coll, rule.clock)
            if isinstance(clock, str):
                message = f"retention rule {rule.name!r}: clock: {clock}"
                yield None, (*base, "clock"), message, {"value": rule.clock}
                problems = True
            else:
                target.clock = clock
        condition, trouble = _condition(manifest, node, rule.name, base, rule.condition)
        for where, message, extra in trouble:
            yield None, where, message, extra
            problems = True
        target.condition = condition
        names = rule.fields
        if not names and rule.categories and rule.action is RetentionAction.ANONYMIZE:
            names = _category_fields(rule, coll)
        fields = _fields(coll, names)
        if isinstance(fields, str):
            yield None, (*base, "fields"), f"retention rule {rule.name!r}: {node} {fields}", {}
            problems = True
        else:
            target.fields = fields
        if (rule.tenants or rule.tenant_setting) and target.tenant is None:
            yield (
                None,
                (*base, "tenants" if rule.tenants else "tenant_setting"),
                (
                    f"retention rule {rule.name!r} has tenant overrides, but {node} declares no "
                    "tenant_column"
                ),
                {},
            )
            problems = True
        if not problems:
            yield target, base, "", {}


def resolve_rules(manifest: Manifest) -> list[Target]:
    """Every rule on every collection it covers (rules that do not resolve are left out; the
    loader reports them, so a loaded manifest resolves completely)."""
    dm = DataMap.build(manifest)
    return [
        target
        for i, rule in enumerate(manifest.retention.rules)
        for target, _, _, _ in _resolve(dm, manifest, i, rule)
        if target is not None
    ]


def rule_problems(loaded: LoadedManifest, taxonomy: Taxonomy) -> list[Problem]:
    """What makes the retention section unusable: unknown collections, columns, fields and
    data categories (of ``taxonomy``, the manifest's); tenant overrides without a tenant column
    or outside the rule's bounds."""
    manifest = loaded.manifest
    dm = DataMap.build(manifest)
    problems = []
    for i, rule in enumerate(manifest.retention.rules):
        unknown = [
            (c, key)
            for c, key in enumerate(rule.categories)
            if not taxonomy.has(Kind.DATA_CATEGORY, key)
        ]
        for c, key in unknown:
            problems.append(
                loaded.problem(
                    ("retention", "rules", i, "categories", c),
                    f"retention rule {rule.name!r}: unknown data category {key!r}",
                    value=key,
                    suggestion=taxonomy.suggest(Kind.DATA_CATEGORY, key),
                )
            )
        if unknown:
            continue
        for target, path, message, extra in _resolve(dm, manifest, i, rule):
            if target is None:
                problems.append(loaded.problem(path, message, **extra))
        for tenant, period in rule.tenants.items():
            try:
                rule.check_bound(period, f"the override for tenant {tenant!r}")
            except ValueError as exc:
                path = ("retention", "rules", i, "tenants", tenant)
                problems.append(loaded.problem(path, str(exc), value=str(period)))
        if rule.tenant_setting is not None:
            problems += _setting_problems(loaded, dm, i, rule)
    for i, group in enumerate(manifest.retention.row_groups):
        found = _group(manifest, i, group)
        if isinstance(found, list):
            problems += [loaded.problem(path, message, **extra) for path, message, extra in found]
    return problems


@dataclass(frozen=True)
class Group:
    """A row group resolved: its collection and condition."""

    group: RowGroup
    index: int
    node: Node
    condition: Condition | None


def _group(manifest: Manifest, index: int, group: RowGroup) -> Group | list[Trouble]:
    base: Path_ = ("retention", "row_groups", index)
    ds_key, _, name = group.collection.partition(".")
    dataset = manifest.dataset_by_key(ds_key)
    if dataset is None or not name or dataset.collection(name) is None:
        message = (
            f"row group {group.name!r} names unknown collection (dataset.collection) "
            f"{group.collection!r}"
        )
        return [((*base, "collection"), message, {"value": group.collection})]
    node = Node(ds_key, name)
    condition, trouble = _condition(manifest, node, group.name, base, group.condition)
    return trouble or Group(group, index, node, condition)


def resolve_groups(manifest: Manifest) -> list[Group]:
    """The manifest's row groups that resolve (a loaded manifest's all do)."""
    found = [_group(manifest, i, g) for i, g in enumerate(manifest.retention.row_groups)]
    return [g for g in found if isinstance(g, Group)]


def _setting_problems(
    loaded: LoadedManifest, dm: DataMap, index: int, rule: RetentionRule
) -> list[Problem]:
    text = rule.tenant_setting or ""
    collection, _, column = text.rpartition(".")
    nodes = [n for n in dm.collections if n.collection == collection]
    coll = dm.collections[nodes[0]] if len(nodes) == 1 else None
    path = ("retention", "rules", index, "tenant_setting")
    if coll is None or not column:
        return [
            loaded.problem(
                path,
                f"retention rule {rule.name!r}: tenant_setting must name a collection's column "
                "(settings_collection.column), and the collection must exist once",
                value=text,
            )
        ]
    dataset = loaded.manifest.dataset_by_key(nodes[0].dataset)
    if coll.field(column) is None or dataset is None or tenant_column(dataset, coll) is None:
        return [
            loaded.problem(
                path,
                f"retention rule {rule.name!r}: {nodes[0]} needs a field {column!r} and a "
                "tenant_column to hold each tenant's period",
                value=text,
            )
        ]
    return []


def personal_fields(manifest: Manifest) -> Iterator[tuple[Node, str, list[str]]]:
    """Every personal-data field (a category under ``user``) with its categories."""
    dm = DataMap.build(manifest)
    for node in sorted(dm.collections):
        for name, fld in dm.fields(node).items():
            if is_personal(fld.data_categories):
                yield node, name, list(fld.data_categories or [])


def covered_fields(target: Target) -> set[str]:
    """The fields a rule covers for review: acted on, kept, or held to a minimum."""
    if target.rule.action is RetentionAction.ANONYMIZE:
        return {name for name, _, _ in target.fields}
    return {f.name for f in target.collection.fields}
