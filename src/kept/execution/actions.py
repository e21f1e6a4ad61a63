"""What erasure does to each collection and field, resolved from the manifest.

A collection's ``erase`` decides the row (``delete_row``, ``keep`` with a ground, or update the
fields); a field's ``erase`` decides the value (``nullify``, ``fixed``, ``hash``, ``hmac``,
``keep`` with a ground, or ``delete_row`` for the whole row). A personal field (any category
under ``user``) without an action is nullified, except primary keys and reference columns,
which hold no personal data of their own once the rows they link are erased. A Fides
``masking_strategy_override`` on a field is honoured with Fides' meaning
(:mod:`kept.manifest.masking`); a request policy (:mod:`kept.manifest.request_policy`) limits
the erasure to the fields its erasure rules target, masked with the rule's strategy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from kept.errors import RequestError
from kept.execution.plan import Step
from kept.manifest.datamap import is_personal
from kept.manifest.masking import Masking, MaskingConfigError, parse_masking
from kept.manifest.models import Collection, DatasetField, ErasureAction
from kept.manifest.request_policy import RequestPolicy

__all__ = ["FieldAction", "TableAction", "resolve_actions"]


@dataclass(frozen=True)
class FieldAction:
    column: str
    action: ErasureAction
    value: Any = None
    ground: str | None = None
    masking: Masking | None = None  # a Fides strategy computed per value or per row

    @property
    def label(self) -> str:
        return self.masking.strategy if self.masking else self.action.value


@dataclass
class TableAction:
    step: Step
    row: Literal["update", "delete", "keep"]
    fields: list[FieldAction] = field(default_factory=list)
    kept_fields: list[FieldAction] = field(default_factory=list)
    ground: str | None = None

    @property
    def changes(self) -> bool:
        return self.row == "delete" or bool(self.fields)


def resolve_actions(step: Step, policy: RequestPolicy | None = None) -> TableAction:
    """What erasure does to a step's table; with a request ``policy``, only the fields an
    erasure rule targets change (with their own action or override first, the rule's masking
    strategy otherwise), and a collection with no targeted field is left alone."""
    coll: Collection = step.collection
    columns = [f for f in coll.fields if not f.fields]  # nested (document) fields: no columns
    if policy is not None and not any(policy.erasure_rule(f.data_categories) for f in columns):
        return TableAction(step, "update")
    row_rule = coll.erase
    if row_rule is not None and row_rule.action is ErasureAction.KEEP:
        return TableAction(step, "keep", ground=row_rule.ground)
    deleting = row_rule is not None and row_rule.action is ErasureAction.DELETE_ROW
    deleting = deleting or any(
        f.erase is not None and f.erase.action is ErasureAction.DELETE_ROW for f in coll.fields
    )
    if deleting:
        return TableAction(step, "delete")
    if row_rule is not None:
        raise RequestError(
            f"{step.node}: a collection's erase action must be delete_row or keep, "
            f"not {row_rule.action.value} (put value actions on its fields)"
        )
    table = TableAction(step, "update")
    for f in columns:
        policy_rule = policy.erasure_rule(f.data_categories) if policy is not None else None
        if policy is not None and policy_rule is None:
            continue  # the request's policy does not target this field
        override = f.fides_meta.masking_strategy_override if f.fides_meta else None
        if f.erase is None and not override and policy_rule is not None:
            if f.is_primary_key or f.references:
                continue  # keys link rows; they hold no personal data of their own
            override = policy_rule.masking_strategy
        if f.erase is None and override:
            _add(table, _masked(step, f, override))
            continue
        rule = f.erase
        if rule is None:
            if is_personal(f.data_categories) and not f.is_primary_key and not f.references:
                table.fields.append(FieldAction(f.name, ErasureAction.NULLIFY))
            continue
        if rule.action is ErasureAction.KEEP:
            table.kept_fields.append(FieldAction(f.name, rule.action, ground=rule.ground))
        else:
            table.fields.append(FieldAction(f.name, rule.action, value=rule.value))
    return table


def _add(table: TableAction, action: FieldAction) -> None:
    if action.action is ErasureAction.KEEP:
        table.kept_fields.append(action)
    else:
        table.fields.append(action)


def _masked(step: Step, f: DatasetField, spec: dict[str, Any]) -> FieldAction:
    """A Fides masking strategy as the field's action (set-based where it can be)."""
    meta = f.fides_meta
    try:
        masking = parse_masking(
            spec,
            data_type=meta.data_type if meta else None,
            length=meta.length if meta else None,
        )
    except MaskingConfigError as exc:
        raise RequestError(f"{step.node}.{f.name}: {exc}") from exc
    if masking.strategy == "preserve":
        return FieldAction(f.name, ErasureAction.KEEP, ground="Fides masking strategy: preserve")
    if masking.strategy == "null_rewrite":
        return FieldAction(f.name, ErasureAction.NULLIFY)
    if masking.strategy == "string_rewrite":
        return FieldAction(f.name, ErasureAction.FIXED, value=masking.constant_value())
    return FieldAction(f.name, ErasureAction.HASH, masking=masking)
