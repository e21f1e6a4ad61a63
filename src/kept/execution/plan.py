"""The traversal plan: in which order a request visits collections, and how rows are found.

Computed once per manifest version and set of identity kinds (cached), never per request.
Each :class:`Step` is a collection with its *ways in*: an identity field matched against the
request's identities, or a reference from a collection visited earlier (breadth-first from the
identities). Collections with personal data that no way reaches are listed as unreachable; the
engine reports them, it never skips them silently. Collections the manifest leaves out on
purpose (``reachable: false``, fideslang's ``skip_processing``) are never visited and nothing is
followed from them; they are listed as ``skipped``, not as unreachable.
"""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from kept.manifest.datamap import DataMap, Node
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
    back: list[Way] = field(default_factory=list)
    """Ways from a step visited later (or at once): followed once every step has its rows,
    until nothing new is found (the closure of a cycle)."""
    lookup: bool = False

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
    skipped: list[Node] = field(default_factory=list)
    """Collections with personal data left out on purpose (not a failure of the request)."""

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
        step = Step(len(steps), node, store.name, coll, ways[node], pk, lookup=dm.lookup(node))
        steps.append(step)
    by_node = {s.node: s for s in steps}
    for step in steps:
        for way in step.ways:
            if way.source is not None and way.source in by_node:
                source = by_node[way.source]
                if way.source_column and way.source_column not in source.carried:
                    source.carried.append(way.source_column)
                if source.index >= step.index:
                    step.back.append(way)
    reached = set(order)
    missed = [n for n in dm.collections if n not in reached and dm.personal(n)]
    unreachable = sorted(n for n in missed if not dm.skipped(n))
    skipped = sorted(n for n in missed if dm.skipped(n))
    return TraversalPlan(frozen.version, kinds, steps, unreachable, unbound, skipped)


def _breadth_first(dm: DataMap, kinds: tuple[str, ...]) -> tuple[list[Node], dict[Node, list[Way]]]:
    """The closure of the identities over every declared reference, in visiting order.

    A collection's ways in are its identity fields of the request's kinds and *every*
    reference from a collection reached (even when it was also reached by an identity, or
    later: a back way, followed by the traversal until nothing new is found). Nothing is
    followed out of a lookup collection (:meth:`DataMap.lookup`) nor from a collection to
    itself, and a skipped collection (:meth:`DataMap.skipped`) is neither visited nor followed
    from. The order puts a collection after the collections its ways come from wherever the
    graph allows (a cycle is broken at the collection reached first).
    """
    ways: dict[Node, list[Way]] = {}
    for node, fields in dm.identities.items():
        if dm.skipped(node):
            continue
        matching = [Way(column=name, identity=kind) for name, kind in fields if kind in kinds]
        if matching:
            ways[node] = matching
    outgoing: dict[Node, list[tuple[str, Node, str]]] = {}
    for edge in dm.edges:
        outgoing.setdefault(edge.source.node, []).append(
            (edge.source.field, edge.target.node, edge.target.field)
        )
    first = sorted(ways)
    reached = list(first)
    queue = deque(first)
    while queue:
        node = queue.popleft()
        if dm.lookup(node):
            continue
        for source_column, target, column in sorted(outgoing.get(node, [])):
            if target == node or dm.skipped(target):
                continue
            way = Way(column=column, source=node, source_column=source_column)
            if target not in ways:
                ways[target] = []
                reached.append(target)
                queue.append(target)
            if way not in ways[target]:
                ways[target].append(way)
    return _dependency_order(reached, ways), ways


def _dependency_order(reached: list[Node], ways: dict[Node, list[Way]]) -> list[Node]:
    """``reached`` reordered so a collection comes after the sources of its ways when it can;
    in a cycle the collection reached first goes first (its later ways are back ways)."""
    rank = {n: i for i, n in enumerate(reached)}
    deps = {n: {w.source for w in ways[n] if w.source is not None} for n in reached}
    order: list[Node] = []
    placed: set[Node] = set()
    remaining = list(reached)
    while remaining:
        ready = next((n for n in remaining if deps[n] <= placed), None)
        if ready is None:  # a cycle: the earliest reached goes first
            ready = min(remaining, key=rank.__getitem__)
        order.append(ready)
        placed.add(ready)
        remaining.remove(ready)
    return order
