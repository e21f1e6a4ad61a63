"""Which of a person's requested changes they may make themselves, and which wait for staff.

The manifest declares the rule per field and per data category
(:mod:`kept.manifest.rectification`); this module adds what only the data map knows: whether
the row is the *person's own*. A collection is the person's own when it holds one of the
request's identity kinds, or when its rows point at a row of the person's own (a foreign key
declared on its side: ``orders.customer_id → customers.id``). A row the person's row points at
(``users.tenant_id → tenants.id``: the tenant, shared with every other user) is not theirs.

:func:`held_fields` answers, for a rectification a person submits, the fields staff must review;
the lifecycle holds the whole request for review when there is any (see ``docs/service.md``).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kept.execution.identity import Identity
from kept.execution.rectify import Change
from kept.manifest.datamap import DataMap, Node
from kept.manifest.models import Manifest
from kept.manifest.rectification import protection
from kept.taxonomy import is_under

__all__ = ["Verdict", "held_fields", "own_collections", "verdict"]


@dataclass(frozen=True)
class Verdict:
    """Whether the person may change ``field`` (``DATASET.COLLECTION.FIELD``) themselves."""

    field: str
    self_service: bool
    why: str

    def as_dict(self) -> dict[str, object]:
        return {"field": self.field, "self_service": self.self_service, "why": self.why}


def own_collections(manifest: Manifest, kinds: Iterable[str]) -> set[Node]:
    """The collections whose rows found from identities of ``kinds`` are the person's own."""
    dm = DataMap.build(manifest)
    kinds = set(kinds)
    own = {node for node, fields in dm.identities.items() if any(k in kinds for _, k in fields)}
    outgoing: dict[Node, list[tuple[str, Node, str]]] = {}
    for edge in dm.edges:
        outgoing.setdefault(edge.source.node, []).append(
            (edge.source.field, edge.target.node, edge.target.field)
        )
    queue = deque(sorted(own))
    while queue:
        node = queue.popleft()
        for source_field, target, target_field in outgoing.get(node, []):
            if target in own:
                continue
            declared = dm.fields(target).get(target_field)
            wanted = f"{node.collection}.{source_field}"
            if declared is not None and any(
                r.dataset == node.dataset and r.field == wanted for r in declared.references
            ):
                own.add(target)
                queue.append(target)
    return own


def verdict(manifest: Manifest, change: Change, own: set[Node]) -> Verdict:
    """The rule for one change (its field must be declared: see ``check_params``)."""
    name = f"{change.dataset}.{change.collection}.{change.column}"
    dataset = manifest.dataset_by_key(change.dataset)
    collection = dataset.collection(change.collection) if dataset else None
    field = collection.field(change.column) if collection else None
    if dataset is None or collection is None or field is None:
        return Verdict(name, False, "not declared in the manifest")
    why = protection(dataset, collection, field, declared_self=field.rectify == "self")
    if why is not None:
        return Verdict(name, False, why)
    if change.node not in own:
        return Verdict(name, False, "not the person's own row (a row their row refers to)")
    if field.rectify == "self":
        return Verdict(name, True, "declared rectify: self")
    if field.rectify == "staff":
        return Verdict(name, False, "declared rectify: staff")
    allowed = manifest.rectification.self_service
    categories = field.data_categories or []
    if categories and all(any(is_under(c, a) for a in allowed) for c in categories):
        return Verdict(name, True, "a contact or profile field")
    return Verdict(name, False, "not a self-service data category")


def held_fields(
    manifest: Manifest, identities: Sequence[Identity], changes: Iterable[Change]
) -> list[Verdict]:
    """The changes a person may not make themselves: staff review them."""
    own = own_collections(manifest, {i.kind for i in identities})
    verdicts = [verdict(manifest, c, own) for c in changes]
    return [v for v in verdicts if not v.self_service]
