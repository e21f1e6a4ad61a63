"""De-linking what an erasure keeps from what it deletes, so the schema stays whole.

A row that stays (its table is kept with a ground, or a retention minimum, a legal hold or
another person's reference protects it) must not keep a foreign key to a row the erasure
deletes: the delete would fail (``RESTRICT``) or take the kept row with it (``CASCADE``). For
every foreign key of the live schema from a collection of the plan to a collection whose rows
are deleted, :func:`plan_delinks` finds the person's kept rows that point at a deleted row, and
:func:`apply_delinks` sets the reference to the declared de-link value before the deletes (the
reference field's ``erase: fixed`` value, else ``NULL``): one ``UPDATE`` per foreign key. A
``NOT NULL`` column cannot take ``NULL``: the erasure is refused with a problem naming the
table, column and constraint, before anything changes.

The person's kept rows are a snapshot of the step's found keys taken before the protected and
shared rows are taken out (:func:`snapshot`).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from kept.execution.actions import TableAction
from kept.execution.plan import Step
from kept.execution.traverse import CreateTempAs, StoreTraversal, drop_temp
from kept.manifest.models import ErasureAction

__all__ = ["Delink", "apply_delinks", "check_delinks", "drop_snapshots", "plan_delinks"]


@dataclass
class Delink:
    """The kept rows of ``child`` whose ``columns`` point at rows of ``parent`` being deleted."""

    child: TableAction
    columns: list[str]
    parent: TableAction
    parent_columns: list[str]
    value: Any = None
    snapshot: sa.TableClause | None = None
    rows: int = 0
    problem: str | None = None
    nullable: list[bool] = field(default_factory=list)

    def describe(self) -> str:
        what = "NULL" if self.value is None else "its declared fixed value"
        return (
            f"{self.child.step.node}.{','.join(self.columns)} -> "
            f"{self.parent.step.node}.{','.join(self.parent_columns)}: set to {what}"
        )


def plan_delinks(walk: StoreTraversal, actions: list[TableAction]) -> list[Delink]:
    """The foreign keys of the live schema from a step of ``actions`` to a step whose rows are
    deleted; each with a snapshot of the child's found keys (call before any key is removed)."""
    deleted = {a.step.table: a for a in actions if a.row == "delete"}
    if not deleted:
        return []
    info = walk.schema_info()
    delinks: list[Delink] = []
    for action in actions:
        table = info.tables.get(action.step.table)
        if table is None:
            continue
        for columns, referred, referred_columns in table.foreign_keys:
            parent = deleted.get(referred)
            if parent is None or parent is action:
                continue
            value = _declared_value(action.step, columns)
            delink = Delink(action, list(columns), parent, list(referred_columns), value)
            delink.nullable = [
                table.columns[c].nullable if c in table.columns else True for c in columns
            ]
            if action.row != "keep":
                delink.snapshot = _snapshot(walk, action.step)
            delinks.append(delink)
    return delinks


def _declared_value(step: Step, columns: list[str]) -> Any:
    """The reference field's ``erase: fixed`` value (a tombstone row's key), else ``None``."""
    if len(columns) != 1:
        return None
    fld = step.collection.field(columns[0])
    if fld is not None and fld.erase is not None and fld.erase.action is ErasureAction.FIXED:
        return fld.erase.value
    return None


def _snapshot(walk: StoreTraversal, step: Step) -> sa.TableClause:
    keys = walk.keys(step)
    pk = walk.pk(step)
    name = f"kept_f{step.index}_{uuid.uuid4().hex[:6]}"
    walk.conn.execute(
        CreateTempAs(name, sa.select(*[keys.c[c] for c in pk]).distinct(), walk.conn.dialect.name)
    )
    return sa.table(name, *[sa.column(c) for c in pk])


def _where(walk: StoreTraversal, delink: Delink, t: sa.TableClause) -> sa.ColumnElement[bool]:
    """The child's kept rows that point at a row of the parent being deleted."""
    child, parent = delink.child.step, delink.parent.step
    p = walk.table(parent, delink.parent_columns).alias(f"kept_dp{parent.index}")
    points = sa.exists(
        sa.select(sa.literal(1)).where(
            walk.where_matched(parent, p),  # type: ignore[arg-type]
            *[
                p.c[pc] == t.c[cc]
                for cc, pc in zip(delink.columns, delink.parent_columns, strict=True)
            ],
        )
    )
    pk = walk.pk(child)
    if delink.snapshot is None:  # a kept table: every found row stays
        return sa.and_(walk.where_matched(child, t), points)
    snap = delink.snapshot
    found: sa.ColumnElement[bool]
    if len(pk) == 1:
        found = t.c[pk[0]].in_(sa.select(snap.c[pk[0]]))
    else:
        found = sa.exists(sa.select(sa.literal(1)).where(*[snap.c[c] == t.c[c] for c in pk]))
    # rows still in the keys are deleted or updated by the erasure itself
    stays = sa.not_(walk.where_matched(child, t)) if delink.child.row == "delete" else sa.true()
    return sa.and_(found, stays, points)


def check_delinks(walk: StoreTraversal, delinks: list[Delink]) -> list[str]:
    """Count each de-link's rows; the problems of de-links the schema cannot take."""
    problems: list[str] = []
    for delink in delinks:
        t = walk.table(delink.child.step, delink.columns)
        query = sa.select(sa.func.count()).select_from(t).where(_where(walk, delink, t))
        delink.rows = int(walk.conn.execute(query).scalar_one())
        if not delink.rows or delink.value is not None:
            continue
        blocked = [c for c, ok in zip(delink.columns, delink.nullable, strict=True) if not ok]
        if blocked:
            delink.problem = (
                f"{delink.child.step.node}: {delink.rows} kept row(s) reference rows of "
                f"{delink.parent.step.node} that the erasure deletes, and column "
                f"{', '.join(blocked)} is NOT NULL so it cannot be de-linked: declare "
                f"'erase: {{action: fixed, value: ...}}' on it (a tombstone row's key), delete "
                f"the rows, or keep {delink.parent.step.node} too"
            )
            problems.append(delink.problem)
    return problems


def apply_delinks(walk: StoreTraversal, delinks: list[Delink]) -> None:
    """One ``UPDATE`` per foreign key: the kept rows' references set to the de-link value."""
    for delink in delinks:
        if not delink.rows:
            continue
        t = walk.table(delink.child.step, delink.columns)
        values = {c: delink.value for c in delink.columns}
        walk.conn.execute(sa.update(t).where(_where(walk, delink, t)).values(values))


def drop_snapshots(walk: StoreTraversal, delinks: list[Delink]) -> None:
    for delink in delinks:
        if delink.snapshot is not None:
            drop_temp(walk.conn, delink.snapshot.name)
            delink.snapshot = None
