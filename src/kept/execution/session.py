"""Open every store a plan visits, each with its traversal, for the length of one request.

The traversals see each other (``peers``), so a reference from one store to another is
followed: the values found in the first store are copied into a temporary table of the second
and joined there.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager

from kept.execution.identity import Identity, IdentityRules
from kept.execution.plan import TraversalPlan
from kept.execution.traverse import StoreTraversal
from kept.manifest.loader import LoadedManifest
from kept.stores import StoreEngines

__all__ = ["open_engines", "open_traversals"]


@contextmanager
def open_traversals(
    loaded: LoadedManifest,
    plan: TraversalPlan,
    requests: Mapping[str, list[Identity]],
    *,
    materialise: bool,
    engines: StoreEngines | None = None,
    tenant: str | None = None,
    rules: IdentityRules | None = None,
) -> Iterator[dict[str, StoreTraversal]]:
    """One connection and traversal per store of ``plan``, returned to the pool after.

    ``engines`` are the caller's long-lived engines; without them, engines are created for
    this call and disposed of after it. No transaction is begun: callers that write begin one
    per store (``walk.conn.begin()``). With ``tenant``, the rows of tables that declare a
    ``tenant_column`` (on the collection or its dataset) are only those of that tenant.
    ``rules``: the manifest's identity rules, when the caller has them already.
    """
    stores = {s.name: s for s in loaded.manifest.stores}
    tenant_columns: dict[int, str] = {}
    if tenant is not None:
        for step in plan.steps:
            dataset = loaded.manifest.dataset_by_key(step.node.dataset)
            column = step.collection.tenant_column or (dataset.tenant_column if dataset else None)
            if column:
                tenant_columns[step.index] = column
    with ExitStack() as stack:
        if engines is None:
            engines = stack.enter_context(open_engines(loaded))
        walks: dict[str, StoreTraversal] = {}
        rules = rules or IdentityRules.of(loaded.manifest)
        for name in plan.stores():
            store = stores[name]
            conn = stack.enter_context(engines.get(name).connect())
            walks[name] = StoreTraversal(
                conn,
                name,
                store.db_schema,
                plan,
                dict(requests),
                materialise,
                tenant=tenant,
                tenant_columns=tenant_columns,
                rules=rules,
            )
        for walk in walks.values():
            walk.peers = walks
        yield walks


def open_engines(loaded: LoadedManifest, env: Mapping[str, str] | None = None) -> StoreEngines:
    """Engines for every store of ``loaded`` (created lazily); close them when done."""
    return StoreEngines(loaded.manifest.stores, loaded.base_dirs, env)
