"""The traversal plan: in which order a request visits collections, and how rows are found.

Computed once per manifest version and set of identity kinds (cached), never per request.
Each :class:`Step` is a collection with its *ways in*: an identity field matched against the
request's identities, or a reference from a collection visited earlier (breadth-first from the
identities). Collections with personal data that no way reaches are listed as unreachable; the
engine reports them, it never skips them silently.
"""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from kept.datamap import DataMap, Node
from kept.manifest.models import Collection, Manifest

__all__ = ["Step", "TraversalPlan", "Way", "manifest_version", "traversal_plan"]


@dataclass(frozen=True)
class Way:
    """How rows of a step are found: ``column`` matches an identity kind, or the values of
    ``source_column`` in the rows found for ``source``."""

    column: str
    identity: str | None = None
    source: Node | None = None
    source_column: str | None = None


@dataclass
class Step:
    index: int
    node: Node
    store: str
    collection: Collection
    ways: list[Way]
    declared_pk: list[str]
    carried: list[str] = field(default_factory=list)  # columns later steps join on

    @property
    def table(self) -> str:
        return self.node.collection


@dataclass
class TraversalPlan:
    version: str
    kinds: tuple[str, ...]
    steps: list[Step]
    unreachable: list[Node]
    unbound: list[Node]

    def step(self, node: Node) -> Step:
        return next(s for s in self.steps if s.node == node)

    def stores(self) -> list[str]:
        return list(dict.fromkeys(s.store for s in self.steps))


def manifest_version(manifest: Manifest) -> str:
    """A short hash of the manifest's content: plans, receipts and dry runs name it."""
    return hashlib.sha256(manifest.model_dump_json().encode()).hexdigest()[:16]


def traversal_plan(manifest: Manifest, kinds: Iterable[str]) -> TraversalPlan:
    return _cached_plan(_Frozen(manifest), tuple(sorted(set(kinds))))


class _Frozen:
    """Hashable by manifest version, so plans are cached per version."""

    def __init__(self, manifest: Manifest) -> None:
        self.manifest = manifest
        self.version = manifest_version(manifest)

    def __hash__(self) -> int:
        return hash(self.version)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Frozen) and other.version == self.version


@lru_cache(maxsize=64)
def _cached_plan(frozen: _Frozen, kinds: tuple[str, ...]) -> TraversalPlan:
    manifest = frozen.manifest
    dm = DataMap.build(manifest)
    order, ways = _breadth_first(dm, kinds)
    steps: list[Step] = []
    unbound: list[Node] = []
    for node in order:
        store = manifest.store_for(node.dataset)
        if store is None:
            unbound.append(node)
            continue
        coll = dm.collections[node]
        pk = [f.name for f in coll.fields if f.is_primary_key]
        steps.append(Step(len(steps), node, store.name, coll, ways[node], pk))
    by_node = {s.node: s for s in steps}
    for step in steps:
        for way in step.ways:
            if way.source is not None and way.source in by_node:
                source = by_node[way.source]
                if way.source_column and way.source_column not in source.carried:
                    source.carried.append(way.source_column)
    reached = set(order)
    unreachable = sorted(n for n in dm.collections if n not in reached and dm.personal(n))
    return TraversalPlan(frozen.version, kinds, steps, unreachable, unbound)


def _breadth_first(dm: DataMap, kinds: tuple[str, ...]) -> tuple[list[Node], dict[Node, list[Way]]]:
    """Collections in visiting order from the identities, with their ways in."""
    order: list[Node] = []
    ways: dict[Node, list[Way]] = {}
    for node, fields in dm.identities.items():
        matching = [Way(column=name, identity=kind) for name, kind in fields if kind in kinds]
        if matching:
            ways[node] = matching
    queue = deque(sorted(ways))
    order.extend(queue)
    outgoing: dict[Node, list[tuple[str, Node, str]]] = {}
    for edge in dm.edges:
        outgoing.setdefault(edge.source.node, []).append(
            (edge.source.field, edge.target.node, edge.target.field)
        )
    while queue:
        node = queue.popleft()
        for source_column, target, column in sorted(outgoing.get(node, [])):
            if target == node:
                continue
            way = Way(column=column, source=node, source_column=source_column)
            if target not in ways:
                ways[target] = []
                order.append(target)
                queue.append(target)
            if order.index(target) > order.index(node) and way not in ways[target]:
                ways[target].append(way)
    return order, ways
