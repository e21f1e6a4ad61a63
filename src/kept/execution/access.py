"""Access and portability: every row the manifest makes reachable for a person, exported."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from contextlib import ExitStack, closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kept.execution.identity import Identity, IdentityRules
from kept.execution.plan import Step, TraversalPlan, traversal_plan
from kept.execution.reads import PendingRows
from kept.execution.session import open_traversals
from kept.execution.traverse import StoreTraversal
from kept.export import Export, portable_categories
from kept.ids import new_request_id
from kept.manifest.datamap import is_personal
from kept.manifest.loader import LoadedManifest
from kept.manifest.request_policy import RequestPolicy
from kept.stores import StoreEngines
from kept.taxonomy import is_under

__all__ = ["AccessResult", "run_access"]


@dataclass
class AccessResult:
    request_id: str
    kind: str
    export: Path
    rows: dict[str, int] = field(default_factory=dict)
    unreachable: list[str] = field(default_factory=list)
    seconds: float = 0.0
    tried: list[str] = field(default_factory=list)
    """The identities searched for, normalised (``kind=form``)."""
    consents: int = 0
    """Consent-ledger records added to the export (they match the person too)."""
    warnings: list[str] = field(default_factory=list)
    policy: str | None = None
    """The key of the Fides request policy applied (None: every personal field)."""

    @property
    def total(self) -> int:
        return sum(self.rows.values())

    @property
    def matched(self) -> bool:
        """Whether any row or consent record was found (else the request is ``no_match``)."""
        return self.total > 0 or self.consents > 0


def run_access(
    loaded: LoadedManifest,
    identities: list[Identity],
    out_dir: Path,
    *,
    request_id: str | None = None,
    portability: bool = False,
    engines: StoreEngines | None = None,
    tenant: str | None = None,
    policy: RequestPolicy | None = None,
    members: Sequence[tuple[str, bytes]] | Callable[[], Sequence[tuple[str, bytes]]] = (),
    plan: TraversalPlan | None = None,
    rules: IdentityRules | None = None,
) -> AccessResult:
    """Export a person's rows (``portability``: only data processed under consent or contract,
    JSON only) to ``out_dir/<request id>.zip``; one set-based query per table. With
    ``tenant``, tables with a tenant column give that tenant's rows only; with a request
    ``policy``, only the fields its access rules target are returned (Fides' filtering by
    data category), and a table with none of them is left out. ``members`` are whole files
    added after Kept's own (the control database's records of the person); when a callable, it
    is called while the database runs the first reads. ``plan``: the
    manifest's traversal plan for these identities' kinds and ``rules`` its identity rules,
    when the caller holds them."""
    started = time.perf_counter()
    manifest = loaded.manifest
    request_id = request_id or new_request_id()
    if plan is None:
        plan = traversal_plan(manifest, {i.kind for i in identities})
    kind = "portability" if portability else "access"
    result = AccessResult(request_id, kind, out_dir / f"{request_id}-{kind}.zip")
    result.unreachable = [str(n) for n in plan.unreachable + plan.unbound]
    rules = rules or IdentityRules.of(manifest)
    result.tried = rules.normalised(identities)
    portable = portable_categories(manifest) if portability else set()
    if portability and not portable:
        # No purpose under consent or contract binds a category: an empty export would hide
        # the person's data; every field goes out, and the receipt says why.
        portability_fallback = True
        result.warnings.append(
            "no purpose processed under consent or contract lists data categories: the "
            "portable copy holds every field of the person"
        )
    else:
        portability_fallback = False
    requests = {request_id: identities}
    with (
        Export(
            result.export,
            manifest,
            request_id=request_id,
            portability=portability,
            members=() if callable(members) else members,
        ) as out,
        open_traversals(
            loaded,
            plan,
            requests,
            materialise=False,
            engines=engines,
            tenant=tenant,
            rules=rules,
        ) as walks,
    ):
        # Tables are read a chunk at a time, a chunk's statements back to back (on PostgreSQL
        # sent together, the next chunk sent before this one is written, so the database
        # reads while Python writes): work between two statements would keep each waiting
        # longer for the database. A table with more rows than one fetch is streamed in its
        # turn, on its connection (the next chunk is sent after it), so memory stays bounded
        # and the members keep the plan's order.
        wanted: list[tuple[Step, list[str], set[str]]] = []
        for step in plan.steps:
            fields = [f for f in step.collection.fields if not f.fields]
            if portability and not portability_fallback:
                fields = [
                    f
                    for f in fields
                    if any(is_under(c, p) for c in f.data_categories or [] for p in portable)
                ]
                if not fields:
                    continue
            if policy is not None:
                fields = [f for f in fields if policy.returns(f.data_categories)]
                if not fields:
                    continue
            categories = {
                c for f in fields if is_personal(f.data_categories) for c in f.data_categories or []
            }
            wanted.append((step, [f.name for f in fields], categories))
        # Done while the stores run the first reads: the export's file is created and the
        # control database's records of the person read.
        later: list[Callable[[], None]] = [out.create_file]
        if callable(members):
            later.append(lambda: out.members.extend(members()))
        chunks = [wanted[i : i + _READ_TOGETHER] for i in range(0, len(wanted), _READ_TOGETHER)]
        with ExitStack() as pending:
            sent = _send(walks, chunks[0], pending) if chunks else []
            for work in later:
                work()
            for index, chunk in enumerate(chunks):
                found = _collect(sent, len(chunk))
                sent = []
                large = any(rows is None for rows in found)  # streamed on the connection
                after = chunks[index + 1] if index + 1 < len(chunks) else None
                if after and not large:  # read while this chunk is written
                    sent = _send(walks, after, pending)
                read = [
                    (str(step.node), columns, rows, categories, step)
                    for (step, columns, categories), rows in zip(chunk, found, strict=True)
                ]
                _write(out, walks, read, result)
                if after and large:
                    sent = _send(walks, after, pending)
    result.seconds = time.perf_counter() - started
    return result


_READ_TOGETHER = 6
"""Tables whose first fetches are sent together (one pipeline per store on PostgreSQL); the
next chunk is read while the last one is written."""

Sent = list[tuple[list[int], PendingRows]]
"""A chunk's first fetches on their way: the chunk's positions of each store's tables."""


def _send(
    walks: dict[str, StoreTraversal],
    chunk: list[tuple[Step, list[str], set[str]]],
    pending: ExitStack,
) -> Sent:
    """Each table's first fetch sent (:meth:`StoreTraversal.send_first_rows`, per store)."""
    by_store: dict[str, list[int]] = {}
    for i, (step, _, _) in enumerate(chunk):
        by_store.setdefault(step.store, []).append(i)
    sent: Sent = []
    for store, indexes in by_store.items():
        wanted = [(chunk[i][0], chunk[i][1]) for i in indexes]
        sent.append((indexes, pending.enter_context(closing(walks[store].send_first_rows(wanted)))))
    return sent


def _collect(sent: Sent, size: int) -> list[list[Any] | None]:
    """The first fetches of a chunk, in the chunk's order."""
    found: list[list[Any] | None] = [None] * size
    for indexes, rows in sent:
        for i, table in zip(indexes, rows.rows(), strict=True):
            found[i] = table
    return found


def _write(
    out: Export,
    walks: dict[str, StoreTraversal],
    read: list[tuple[str, list[str], list[Any] | None, set[str], Step]],
    result: AccessResult,
) -> None:
    """Write the tables read so far (``None`` rows: stream the table now), then forget them."""
    for label, columns, rows, categories, step in read:
        if rows is None:
            # closed however the export ends: a read-ahead thread stops before the connection
            # is released (kept.execution.reads._read_ahead)
            with closing(walks[step.store].row_tuples(step, columns, large=True)) as batches:
                result.rows[label] = out.add_rows(label, columns, batches, categories)
            continue
        one = iter([[dict(zip(columns, row[1:], strict=True)) for row in rows]])
        result.rows[label] = out.add_batches(label, columns, one, categories)
    read.clear()
