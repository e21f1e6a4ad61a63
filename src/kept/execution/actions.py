"""What erasure does to each collection and field, resolved from the manifest.

A collection's ``erase`` decides the row (``delete_row``, ``keep`` with a ground, or update the
fields); a field's ``erase`` decides the value (``nullify``, ``fixed``, ``hash``, ``hmac``,
``keep`` with a ground, or ``delete_row`` for the whole row). A personal field (any category
under ``user``) without an action is nullified, except primary keys and reference columns,
which hold no personal data of their own once the rows they link are erased.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from kept.datamap import is_personal
from kept.errors import RequestError
from kept.execution.plan import Step
from kept.manifest.models import Collection, Erasure, ErasureAction

__all__ = ["FieldAction", "TableAction", "resolve_actions"]


@dataclass(frozen=True)
class FieldAction:
    column: str
    action: ErasureAction
    value: Any = None
    ground: str | None = None


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


def resolve_actions(step: Step) -> TableAction:
    coll: Collection = step.collection
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
    for f in coll.fields:
        if f.fields:
            continue  # nested (document) fields are not columns
        rule = f.erase or _fides_masking(
            f.fides_meta.masking_strategy_override if f.fides_meta else None
        )
        if rule is None:
            if is_personal(f.data_categories) and not f.is_primary_key and not f.references:
                table.fields.append(FieldAction(f.name, ErasureAction.NULLIFY))
            continue
        if rule.action is ErasureAction.KEEP:
            table.kept_fields.append(FieldAction(f.name, rule.action, ground=rule.ground))
        else:
            table.fields.append(FieldAction(f.name, rule.action, value=rule.value))
    return table


_FIDES_STRATEGIES = {
    "null_rewrite": ErasureAction.NULLIFY,
    "string_rewrite": ErasureAction.FIXED,
    "hash": ErasureAction.HASH,
    "hmac": ErasureAction.HMAC,
}


def _fides_masking(override: dict[str, Any] | None) -> Erasure | None:
    """A Fides ``masking_strategy_override`` as the equivalent Kept action, when there is one."""
    if not override:
        return None
    action = _FIDES_STRATEGIES.get(str(override.get("strategy")))
    if action is None:
        return None
    value = (override.get("configuration") or {}).get("rewrite_value")
    if action is ErasureAction.FIXED and value is None:
        return None
    return Erasure(action=action, value=value)
