"""The people a breach affects, derived from the data map: set-based, per store, streamed.

A breach names stores, collections and/or data categories (:class:`Scope`). Its collections
are those of the named stores' datasets and the named collections (all personal ones when
only categories are named), narrowed to those holding a named category. For each breached
collection, the data map is walked backwards (within the store) to every collection with an
identity field; each yields one ``SELECT kind, identity, tenant`` joining back to the breached
rows. The selects of a store are one ``UNION`` (duplicates removed by the database), which
:func:`affected_people` streams and :func:`count_affected` counts with ``GROUP BY`` — no
person is held in memory.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import SQLAlchemyError

from kept.errors import RecordsError, StoreError
from kept.manifest.datamap import DataMap, Edge, Node
from kept.manifest.models import Manifest
from kept.stores.engine import StoreEngines
from kept.taxonomy import is_under

__all__ = ["Scope", "affected_people", "affected_queries", "breached_collections", "count_affected"]

_MAX_HOPS = 6
_BATCH = 10_000


@dataclass(frozen=True)
class Scope:
    """What a breach touched: stores, collections (``dataset.collection``), data categories."""

    stores: tuple[str, ...] = ()
    collections: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    tenant: str | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "stores": list(self.stores),
            "collections": list(self.collections),
            "categories": list(self.categories),
            "tenant": self.tenant,
        }


@dataclass
class _Plan:
    store: str
    selects: list[sa.Select[str, str, str | None]] = field(default_factory=list)
    nodes: list[Node] = field(default_factory=list)


def breached_collections(manifest: Manifest, dm: DataMap, scope: Scope) -> list[Node]:
    """The breached collections with personal data, in data-map order."""
    known_stores = {s.name for s in manifest.stores}
    for name in scope.stores:
        if name not in known_stores:
            raise RecordsError(f"breach scope names store {name!r}, which the manifest lacks")
    named = set(scope.collections)
    for label in named:
        if Node(*label.partition(".")[::2]) not in dm.collections:
            raise RecordsError(
                f"breach scope names collection {label!r}, which the manifest lacks "
                "(use dataset.collection)"
            )
    nodes = []
    for node, coll in dm.collections.items():
        store = manifest.store_for(node.dataset)
        picked = str(node) in named or (store is not None and store.name in scope.stores)
        if not named and not scope.stores:
            picked = True  # only categories named: every collection holding them
        if not picked or not dm.personal(node):
            continue
        if scope.categories:
            held = {c for f in dm.fields(node).values() for c in f.data_categories or []}
            held |= set(coll.data_categories or [])
            if not any(is_under(h, c) or is_under(c, h) for h in held for c in scope.categories):
                continue
        nodes.append(node)
    return nodes


def affected_queries(manifest: Manifest, scope: Scope) -> list[_Plan]:
    """Per store, the selects of ``(kind, identity, tenant)`` that find the affected people."""
    dm = DataMap.build(manifest)
    # A collection's tenant column, else its dataset's.
    tenants = {
        Node(ds.fides_key, c.name): c.tenant_column or ds.tenant_column
        for ds in manifest.dataset
        for c in ds.collections
    }
    incoming: dict[Node, list[Edge]] = {}
    for edge in dm.edges:
        incoming.setdefault(edge.target.node, []).append(edge)
    plans: dict[str, _Plan] = {}
    for target in breached_collections(manifest, dm, scope):
        store = manifest.store_for(target.dataset)
        if store is None:
            continue
        plan = plans.setdefault(store.name, _Plan(store.name))
        plan.nodes.append(target)
        same_store = {
            n for n in dm.collections if (s := manifest.store_for(n.dataset)) and s is store
        }
        # Breadth-first backwards: the shortest chain of joins from the breached rows to
        # each collection with an identity field.
        paths: dict[Node, list[Edge]] = {target: []}
        queue = deque([target])
        while queue:
            node = queue.popleft()
            if len(paths[node]) >= _MAX_HOPS:
                continue
            for edge in incoming.get(node, []):
                source = edge.source.node
                if source not in paths and source in same_store:
                    paths[source] = [*paths[node], edge]
                    queue.append(source)
        for node, chain in paths.items():
            for column, kind in dm.identities.get(node, []):
                plan.selects.append(
                    _select(tenants, target, chain, column, kind, store.db_schema, scope.tenant)
                )
    return list(plans.values())


def _select(
    tenants: dict[Node, str | None],
    target: Node,
    chain: list[Edge],
    column: str,
    kind: str,
    schema: str | None,
    tenant: str | None,
) -> sa.Select[str, str, str | None]:
    def table(node: Node, alias: str) -> sa.TableClause:
        cols = {e.target.field for e in chain if e.target.node == node}
        cols |= {e.source.field for e in chain if e.source.node == node}
        cols |= {column} if node == (chain[-1].source.node if chain else target) else set()
        tenant_col = tenants.get(node)
        if tenant_col:
            cols.add(tenant_col)
        return sa.table(node.collection, *[sa.column(c) for c in sorted(cols)], schema=schema)

    owner = chain[-1].source.node if chain else target
    # The tenant: the identity's collection's, else the breached collection's.
    tenant_node = next((n for n in (owner, target) if tenants.get(n)), None)
    semi = bool(chain) and tenant_node != target
    current = table(target, "t0").alias("t0")
    tables = {target: current}
    joined: sa.FromClause = current
    last: sa.ColumnElement[bool] | None = None
    for i, edge in enumerate(chain, start=1):
        # Rows of edge.target are found from rows of edge.source: target.g = source.f.
        nxt = table(edge.source.node, f"t{i}").alias(f"t{i}")
        on = tables[edge.target.node].c[edge.target.field] == nxt.c[edge.source.field]
        tables[edge.source.node] = nxt
        if semi and i == len(chain):
            last = on  # the identity's rows are kept where a breached row leads to them
        else:
            joined = sa.join(joined, nxt, on)
    ident = tables[owner].c[column]
    tenant_expr: sa.ColumnElement[Any] = (
        sa.cast(tables[tenant_node].c[tenants.get(tenant_node) or ""], sa.String)
        if tenant_node is not None
        else sa.null()
    )
    query = sa.select(
        sa.literal(kind, sa.String).label("kind"),
        sa.cast(ident, sa.String).label("identity"),
        tenant_expr.label("tenant"),
    ).where(ident.is_not(None))
    if semi and last is not None:
        # A semi-join: each identity row once, however many breached rows lead to it.
        query = query.select_from(tables[owner]).where(
            sa.exists(sa.select(sa.literal(1)).select_from(joined).where(last))
        )
    else:
        query = query.select_from(joined)
    if tenant is not None and tenant_node is not None:
        query = query.where(tenant_expr == tenant)
    return query


def _union(
    plan: _Plan,
) -> sa.CompoundSelect[str, str, str | None] | sa.Select[str, str, str | None]:
    """The store's selects as one statement without duplicates."""
    if len(plan.selects) == 1:
        return plan.selects[0].distinct()
    return sa.union(*plan.selects)


@contextmanager
def _reading(store: str) -> Iterator[None]:
    try:
        yield
    except SQLAlchemyError as exc:
        detail = getattr(exc, "orig", None) or exc
        raise StoreError(store, f"cannot read the affected people: {detail}") from exc


def affected_people(
    manifest: Manifest, scope: Scope, engines: StoreEngines
) -> Iterator[tuple[str, str, str | None]]:
    """Stream ``(kind, identity, tenant)`` of each affected person, store by store."""
    for plan in affected_queries(manifest, scope):
        if not plan.selects:
            continue
        union = _union(plan)
        with _reading(plan.store), engines.get(plan.store).connect() as conn:
            result = conn.execution_options(stream_results=True, yield_per=_BATCH).execute(union)
            for row in result:
                kind, identity, tenant = row[0], row[1], row[2]
                yield str(kind), str(identity), None if tenant is None else str(tenant)


def count_affected(
    manifest: Manifest, scope: Scope, engines: StoreEngines
) -> dict[str, dict[str, int]]:
    """People per identity kind and per tenant (``""`` without one), counted in the database;
    plus ``records`` (rows of the breached collections, per collection)."""
    people: dict[str, int] = {}
    tenants: dict[str, int] = {}
    records: dict[str, int] = {}
    for plan in affected_queries(manifest, scope):
        engine = engines.get(plan.store)
        store = next(s for s in manifest.stores if s.name == plan.store)
        with _reading(plan.store), engine.connect() as conn:
            if plan.selects:
                sub = _union(plan).subquery("affected")
                for kind, tenant, n in conn.execute(
                    sa.select(sub.c.kind, sub.c.tenant, sa.func.count()).group_by(
                        sub.c.kind, sub.c.tenant
                    )
                ):
                    people[str(kind)] = people.get(str(kind), 0) + int(n)
                    key = "" if tenant is None else str(tenant)
                    tenants[key] = tenants.get(key, 0) + int(n)
            for node in plan.nodes:
                table = sa.table(node.collection, schema=store.db_schema)
                records[str(node)] = int(
                    conn.execute(sa.select(sa.func.count()).select_from(table)).scalar() or 0
                )
    return {"people": people, "tenants": tenants, "records": records}
