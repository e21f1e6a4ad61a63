"""The data map: the manifest's collections as a graph joined by their references.

A node is a collection (``dataset.collection``). A reference on field ``A.f`` to ``B.g`` with
direction ``to`` lets a traversal go from a row of A to the rows of B whose ``g`` equals the
row's ``f``; ``from`` goes the other way (the rows of A whose ``f`` equals ``g`` of a row of B
found earlier); no direction means both. Traversals start at collections with identity fields.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field

from kept.manifest.models import Collection, DatasetField, Manifest, Reference
from kept.manifest.source import Path_
from kept.taxonomy import is_under

__all__ = ["DataMap", "Edge", "FieldRef", "Node", "identity_kinds", "is_personal"]


@dataclass(frozen=True, order=True)
class Node:
    dataset: str
    collection: str

    def __str__(self) -> str:
        return f"{self.dataset}.{self.collection}"


@dataclass(frozen=True)
class FieldRef:
    node: Node
    field: str

    def __str__(self) -> str:
        return f"{self.node}.{self.field}"


@dataclass(frozen=True)
class Edge:
    """Rows of ``target`` are found from rows of ``source``: ``target.field IN source.field``."""

    source: FieldRef
    target: FieldRef


@dataclass(frozen=True)
class DanglingReference:
    origin: FieldRef
    reference: Reference
    path: Path_
    reason: str


def is_personal(categories: list[str] | None) -> bool:
    """Whether data categories describe personal data (anything under ``user``)."""
    return any(is_under(c, "user") for c in categories or [])


def identity_kinds(fld: DatasetField) -> list[str]:
    """The identity kinds a field holds: none, one, or several (``identity: [email, phone]``)."""
    kinds = fld.fides_meta.identity if fld.fides_meta else None
    if kinds is None:
        return []
    return [kinds] if isinstance(kinds, str) else list(dict.fromkeys(kinds))


def _leaf_fields(
    fields: list[DatasetField], prefix: str = ""
) -> Iterator[tuple[str, DatasetField]]:
    for f in fields:
        name = prefix + f.name
        if f.fields:
            yield from _leaf_fields(f.fields, name + ".")
        else:
            yield name, f


@dataclass
class DataMap:
    """Nodes, edges, identities and dangling references of a manifest."""

    collections: dict[Node, Collection] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    identities: dict[Node, list[tuple[str, str]]] = field(default_factory=dict)
    dangling: list[DanglingReference] = field(default_factory=list)
    paths: dict[Node, Path_] = field(default_factory=dict)

    @classmethod
    def build(cls, manifest: Manifest) -> DataMap:
        dm = cls()
        for d, dataset in enumerate(manifest.dataset):
            for c, coll in enumerate(dataset.collections):
                node = Node(dataset.fides_key, coll.name)
                dm.collections[node] = coll
                dm.paths[node] = ("dataset", d, "collections", c)
        for node, coll in dm.collections.items():
            for f_index, (name, fld) in enumerate(_leaf_fields(coll.fields)):
                for kind in identity_kinds(fld):
                    dm.identities.setdefault(node, []).append((name, kind))
                for r, ref in enumerate(fld.references):
                    path = (*dm.paths[node], "fields", f_index, "fides_meta", "references", r)
                    dm._add_reference(FieldRef(node, name), ref, path)
        return dm

    def _add_reference(self, origin: FieldRef, ref: Reference, path: Path_) -> None:
        coll_name, _, field_name = ref.field.partition(".")
        target_node = Node(ref.dataset, coll_name)
        target = self.collections.get(target_node)
        reason = None
        if not any(n.dataset == ref.dataset for n in self.collections):
            reason = f"dataset {ref.dataset!r} is not in the manifest"
        elif target is None:
            reason = f"collection {ref.dataset}.{coll_name} is not in the manifest"
        elif not field_name or field_name not in dict(_leaf_fields(target.fields)):
            reason = f"field {ref.dataset}.{ref.field} is not declared"
        if reason is not None:
            self.dangling.append(DanglingReference(origin, ref, path, reason))
            return
        other = FieldRef(target_node, field_name)
        if ref.direction in ("to", None):
            self.edges.append(Edge(source=origin, target=other))
        if ref.direction in ("from", None):
            self.edges.append(Edge(source=other, target=origin))

    def personal(self, node: Node) -> bool:
        coll = self.collections[node]
        if is_personal(coll.data_categories):
            return True
        return any(is_personal(f.data_categories) for _, f in _leaf_fields(coll.fields))

    def lookup(self, node: Node) -> bool:
        """Whether a traversal stops at ``node``: a lookup table shared by many people (staff,
        tenants, products) must never lead from one person to the others' rows. Declared with
        ``lookup: true``; without it, a collection with no identity field, no personal data and
        no reference of its own (a pure target such as a product catalogue) is one."""
        coll = self.collections[node]
        if coll.lookup is not None:
            return coll.lookup
        if node in self.identities or self.personal(node):
            return False
        return not any(f.references for _, f in _leaf_fields(coll.fields))

    def skipped(self, node: Node) -> bool:
        """Whether rights requests leave ``node`` out on purpose (``reachable: false``, or
        fideslang's ``fides_meta.skip_processing``): never visited, nothing followed from it."""
        return self.collections[node].skipped

    def skip_reason(self, node: Node) -> str:
        """Why ``node`` is left out, as the manifest says it."""
        coll = self.collections[node]
        if coll.unreachable_reason:
            return coll.unreachable_reason
        if coll.reachable is None and coll.fides_meta and coll.fides_meta.skip_processing:
            return "fides_meta.skip_processing" + (
                f" ({coll.description.strip()})" if coll.description else ""
            )
        return "reachable: false"

    def reachable(self) -> set[Node]:
        """Collections a traversal from the identities can reach (never a skipped one)."""
        seen = {n for n in self.identities if not self.skipped(n)}
        queue = deque(seen)
        outgoing: dict[Node, list[Edge]] = {}
        for edge in self.edges:
            outgoing.setdefault(edge.source.node, []).append(edge)
        while queue:
            node = queue.popleft()
            if self.lookup(node):
                continue
            for edge in outgoing.get(node, []):
                if self.skipped(edge.target.node):
                    continue
                if edge.target.node not in seen:
                    seen.add(edge.target.node)
                    queue.append(edge.target.node)
        return seen

    def fields(self, node: Node) -> dict[str, DatasetField]:
        """The leaf fields of a collection by dotted name."""
        return dict(_leaf_fields(self.collections[node].fields))
