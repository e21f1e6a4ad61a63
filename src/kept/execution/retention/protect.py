"""What an erasure request must keep: retention minimums, indefinite keeps, legal holds.

:class:`Protection` gives, for a collection, SQL conditions selecting its rows that must stay,
each with its ground: rows younger than a rule's ``minimum`` (or whose clock has not started),
rows of a ``keep`` rule, rows of a held tenant or dataset. A request whose person is under a
legal hold keeps all its rows. The erasure engine removes these rows from the rows it found,
before it changes anything, and reports them in the receipt.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import sqlalchemy as sa

from kept.execution.identity import Identity
from kept.execution.retention import conditions as cond
from kept.execution.retention import holds as legal_holds
from kept.manifest.datamap import Node
from kept.manifest.models import Manifest
from kept.manifest.retention import RetentionAction
from kept.manifest.retention_rules import Target, resolve_rules, tenant_column

if TYPE_CHECKING:
    from kept.execution.retention.holds import Hold

__all__ = ["Guard", "Protection"]


@dataclass(frozen=True)
class Guard:
    """Rows of a collection that must stay, and why."""

    ground: str
    condition: sa.ColumnElement[bool]


@dataclass
class Protection:
    """The retention floors and legal holds an erasure respects, measured at ``now``."""

    now: dt.datetime
    targets: dict[Node, list[Target]] = field(default_factory=dict)
    holds: list[Hold] = field(default_factory=list)
    tenants: dict[Node, str] = field(default_factory=dict)
    """Each collection's tenant column (its own, or its dataset's)."""

    @classmethod
    def build(
        cls, manifest: Manifest, holds: Iterable[Hold] = (), now: dt.datetime | None = None
    ) -> Protection:
        moment = now or dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
        found: dict[Node, list[Target]] = {}
        for target in resolve_rules(manifest):
            rule = target.rule
            if rule.minimum is not None or rule.action is RetentionAction.KEEP:
                found.setdefault(target.node, []).append(target)
        tenants = {
            Node(d.fides_key, c.name): column
            for d in manifest.dataset
            for c in d.collections
            if (column := tenant_column(d, c))
        }
        return cls(moment, found, list(holds), tenants)

    def held_requests(self, requests: Mapping[str, list[Identity]]) -> dict[str, list[Hold]]:
        """The requests whose person is under a legal hold, with the holds."""
        out: dict[str, list[Hold]] = {}
        for request_id, identities in requests.items():
            holds = legal_holds.holds_for_identities(self.holds, identities)
            if holds:
                out[request_id] = holds
        return out

    def columns(self, node: Node) -> list[str]:
        """The columns of the collection that :meth:`guards` reads."""
        tenant = self.tenants.get(node)
        names: list[str] = []
        for target in self.targets.get(node, []):
            names += cond.table_columns(target, [])
        if tenant and any(h.scope == "tenant" for h in self.holds):
            names.append(tenant)
        return list(dict.fromkeys(names))

    def guards(self, node: Node, t: sa.TableClause, schema: str | None) -> list[Guard]:
        """The conditions on ``t`` (built with :meth:`columns`) of the rows that must stay."""
        tenant = self.tenants.get(node)
        out: list[Guard] = []
        for target in self.targets.get(node, []):
            rule = target.rule
            where = cond.rule_where(target, t, schema)
            if rule.action is RetentionAction.KEEP:
                out.append(Guard(rule.ground or rule.name, sa.and_(sa.true(), *where)))
                continue
            if rule.minimum is None:
                continue
            cutoff = rule.minimum.before(self.now)
            young = cond.clock_not_before(target, t, cutoff, schema)
            ground = f"retention minimum {rule.minimum} ({rule.name}): {rule.ground}"
            out.append(Guard(ground, sa.and_(young, *where)))
        for hold in self.holds:
            if hold.scope == "dataset" and hold.dataset == node.dataset:
                out.append(Guard(hold.ground, sa.true()))
            elif hold.scope == "tenant" and tenant:
                value = sa.literal(hold.tenant or "")
                out.append(Guard(hold.ground, sa.cast(t.c[tenant], sa.String(255)) == value))
        return out
