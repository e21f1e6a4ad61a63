"""Access and portability: every row the manifest makes reachable for a person, exported."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from kept.execution.identity import Identity, IdentityRules
from kept.execution.plan import Step, TraversalPlan, traversal_plan
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
        # Every table is read first, its statements back to back (together on PostgreSQL),
        # and written after: work between two statements would keep each waiting longer for
        # the database. A table with more rows than one fetch is streamed in its turn (what
        # was read is written first, so memory stays bounded and the members keep the plan's
        # order).
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
        later: list[Callable[[], None]] = [out.create_file]  # done while the stores read
        if callable(members):
            later.append(lambda: out.members.extend(members()))
        read: list[tuple[str, list[str], list[Any] | None, set[str], Step]] = []
        held = 0
        for start in range(0, len(wanted), _READ_TOGETHER):
            chunk = wanted[start : start + _READ_TOGETHER]
            for (step, columns, categories), rows in zip(
                chunk, _first_rows(walks, chunk, later), strict=True
            ):
                read.append((str(step.node), columns, rows, categories, step))
                held += len(rows) if rows is not None else 0
                if rows is None or held > _HELD_ROWS:
                    _write(out, walks, read, result)
                    held = 0
        for work in later:  # no table was read
            work()
        later.clear()
        _write(out, walks, read, result)
    result.seconds = time.perf_counter() - started
    return result


_HELD_ROWS = 10_000
"""Rows read ahead before they are written (the tables of one person are mostly small)."""

_READ_TOGETHER = 32
"""Tables whose first fetches are read together (one pipeline per store on PostgreSQL)."""


def _first_rows(
    walks: dict[str, StoreTraversal],
    chunk: list[tuple[Step, list[str], set[str]]],
    later: list[Callable[[], None]],
) -> list[list[Any] | None]:
    """Each table's first fetch (:meth:`StoreTraversal.first_rows_of`, per store), in order;
    the work in ``later`` is done (and taken off it) while the database runs the first."""
    by_store: dict[str, list[int]] = {}
    for i, (step, _, _) in enumerate(chunk):
        by_store.setdefault(step.store, []).append(i)
    found: list[list[Any] | None] = [None] * len(chunk)
    for store, indexes in by_store.items():
        wanted = [(chunk[i][0], chunk[i][1]) for i in indexes]
        hook = partial(_run_all, list(later)) if later else None
        later.clear()
        for i, rows in zip(indexes, walks[store].first_rows_of(wanted, hook), strict=True):
            found[i] = rows
    return found


def _run_all(work: list[Callable[[], None]]) -> None:
    for each in work:
        each()


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
            # is released (kept.execution.traverse._read_ahead)
            with closing(walks[step.store].row_tuples(step, columns, large=True)) as batches:
                result.rows[label] = out.add_rows(label, columns, batches, categories)
            continue
        one = iter([[dict(zip(columns, row[1:], strict=True)) for row in rows]])
        result.rows[label] = out.add_batches(label, columns, one, categories)
    read.clear()
