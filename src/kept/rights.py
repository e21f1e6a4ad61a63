"""Rights requests as one call each: run the engine, then write the receipt.

One orchestration per use case, shared by every way in: :meth:`RightsService.export`,
:meth:`~RightsService.erase_requests`, :meth:`~RightsService.rectify_request` and
:meth:`~RightsService.restrict_request` run the engine with everything around it (the
manifest's request policy, retention minimums and legal holds, the consent ledger in an
access export, recipients told under Art. 19). ``kept request`` (the CLI) calls them through
:meth:`~RightsService.access`, :meth:`~RightsService.erase`, :meth:`~RightsService.rectify` and
:meth:`~RightsService.restrict`, which add the receipt to the audit log; a worker
(:mod:`kept.requests.worker`) claims a job, makes the same call and records the outcome on the
request. Both get the service from the :class:`kept.app.Kept` object.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from kept.audit import AuditLog, AuditRecord
from kept.control import control_url, open_control, secret_key, write_transaction
from kept.errors import KeptError, RequestError
from kept.execution.access import AccessResult, run_access
from kept.execution.identity import Identity, IdentityRules, parse_identity
from kept.execution.outcome import NO_MATCH, matched_requests, unmatched_requests
from kept.execution.plan import TraversalPlan, traversal_plan
from kept.execution.session import open_engines
from kept.ids import new_request_id
from kept.manifest.loader import LoadedManifest
from kept.manifest.request_policy import choose_policy
from kept.stores import StoreEngines

if TYPE_CHECKING:
    from kept.execution.erasure import ErasureResult, Progress
    from kept.execution.rectify import Change, RectificationResult
    from kept.execution.replay import ReplayResult
    from kept.manifest.models import Manifest
    from kept.person_export import ControlRecords
    from kept.restriction import Restriction

# Consent, support, recipients (and the mail they load), restriction, and the erasure,
# rectification and replay engines (with the retention rules) are imported where they are
# used, for the start-up time of ``kept request`` (docs/development.md); no cycle needs it.

__all__ = ["ErasureRun", "RightsService", "new_request_id", "read_batch"]


def read_batch(path: Path) -> dict[str, list[Identity]]:
    """A CSV of requests: one person per row, one column per identity kind
    (``email``, ``phone``...), and an optional ``request_id`` column."""
    try:
        handle = path.open(newline="", encoding="utf-8")
    except OSError as exc:
        raise RequestError(f"cannot read batch file {path}: {exc}") from exc
    requests: dict[str, list[Identity]] = {}
    line = 1
    with handle:
        reader = csv.DictReader(handle)
        try:
            kinds = [k for k in reader.fieldnames or [] if k and k != "request_id"]
            if not kinds:
                raise RequestError(f"{path}: the header must name identity kinds, e.g. email,phone")
            for row in reader:
                line = reader.line_num  # blank lines are skipped but counted
                request_id = (row.get("request_id") or "").strip() or f"{path.stem}-{line}"
                try:
                    ids = [
                        parse_identity(f"{kind}={value.strip()}")
                        for kind in kinds
                        if (value := row.get(kind) or "").strip()
                    ]
                except RequestError as exc:
                    raise RequestError(f"{path}:{line}: {exc}") from None
                if not ids:
                    raise RequestError(f"{path}:{line}: no identity on this line")
                if request_id in requests:
                    raise RequestError(f"{path}:{line}: request id {request_id!r} appears twice")
                requests[request_id] = ids
        except UnicodeDecodeError:
            raise RequestError(f"{path}:{_undecodable_line(path)}: not UTF-8") from None
        except csv.Error as exc:
            raise RequestError(f"{path}:{reader.line_num or line}: not valid CSV: {exc}") from None
    if not requests:
        raise RequestError(f"{path}: no request in the file (one person per line after the header)")
    return requests


def _undecodable_line(path: Path) -> int:
    """The first line of ``path`` that is not UTF-8 (1-based)."""
    with path.open("rb") as raw:
        for number, data in enumerate(raw, start=1):
            try:
                data.decode("utf-8")
            except UnicodeDecodeError:
                return number
    return 1


@dataclass
class ErasureRun:
    """What :meth:`RightsService.erase_requests` did: the engine's result, the requests whose
    identities matched nobody, and the recipients told per request (none on a dry run)."""

    result: ErasureResult
    unmatched: set[str]
    told: dict[str, list[dict[str, Any]]]

    @property
    def matched(self) -> set[str]:
        return {r for r in self.result.requests if r not in self.unmatched}


@dataclass
class RightsService:
    """Runs rights requests against a manifest's stores and receipts them.

    A service keeps its stores' engines (pooled connections, compiled statements) between
    requests; :meth:`close` releases them and the control database. Built by
    :class:`kept.app.Kept` (which owns the engines and closes them itself), it is given the
    engines and the secret key; alone (:meth:`open`), it opens and owns its own.
    """

    loaded: LoadedManifest
    control: sa.Engine
    actor: str = "kept"
    engines: StoreEngines | None = None
    secret: bytes | None = None
    """Kept's secret key (``KEPT_SECRET_KEY``); None: read from the control database."""
    owns_resources: bool = True
    _secret_key: bytes | None = field(init=False, default=None)
    _audit: AuditLog | None = field(init=False, default=None)
    _identity_rules: tuple[Manifest, IdentityRules] | None = field(init=False, default=None)
    _plans: dict[tuple[str, ...], tuple[Manifest, TraversalPlan]] = field(
        init=False, default_factory=dict
    )

    def __post_init__(self) -> None:
        if self.engines is None:
            self.engines = open_engines(self.loaded)
        self._secret_key = self.secret

    @classmethod
    def open(cls, loaded: LoadedManifest, database: str | None = None) -> RightsService:
        path = loaded.root if loaded.root.is_file() else loaded.root / "kept.yaml"
        return cls(loaded, open_control(database or control_url(path)))

    def close(self) -> None:
        if self.owns_resources:
            self._engines.close()
            self.control.dispose()

    @property
    def _engines(self) -> StoreEngines:
        assert self.engines is not None  # set in __post_init__
        return self.engines

    def __enter__(self) -> RightsService:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def check_kinds(self, identities: list[Identity]) -> None:
        """Refuse kinds the manifest does not declare (:class:`UnknownIdentityKindError`)."""
        self._rules().check(identities)

    def _rules(self) -> IdentityRules:
        """The manifest's identity rules, worked out once while the service holds it."""
        manifest = self.loaded.manifest
        if self._identity_rules is None or self._identity_rules[0] is not manifest:
            self._identity_rules = (manifest, IdentityRules.of(manifest))
        return self._identity_rules[1]

    def _plan(self, identities: list[Identity]) -> TraversalPlan:
        """The access plan for these identities' kinds, worked out once per kinds while the
        service holds the same manifest (a manifest is replaced, never changed in place:
        its version, a hash of all of it, costs more than reading a small person's rows)."""
        manifest = self.loaded.manifest
        kinds = tuple(sorted({i.kind for i in identities}))
        cached = self._plans.get(kinds)
        if cached is None or cached[0] is not manifest:
            cached = (manifest, traversal_plan(manifest, kinds))
            self._plans[kinds] = cached
        return cached[1]

    def _secret(self) -> bytes:
        if self._secret_key is None:
            with self.control.begin() as conn:
                self._secret_key = secret_key(conn, self.secret)
        return self._secret_key

    def _refused(
        self,
        kind: str,
        requests: dict[str, list[Identity]],
        dry_run: bool,
        exc: KeptError,
    ) -> None:
        """One audit entry per request that was refused or failed, with the reason (errors
        name tables, columns and constraints, never row values)."""
        outcome = "refused" if isinstance(exc, RequestError) else "failed"
        AuditLog(self.control).append_many(
            [
                AuditRecord(
                    self.actor,
                    f"request.{kind}.{outcome}",
                    subject=str(min(identities)),
                    details={
                        "request_id": request_id,
                        "type": kind,
                        "dry_run": dry_run,
                        "outcome": outcome,
                        "error": type(exc).__name__,
                        "reason": str(exc)[:2000],
                    },
                )
                for request_id, identities in requests.items()
                if identities
            ]
        )

    def _receipt(self, action: str, identities: list[Identity], details: dict[str, Any]) -> None:
        if self._audit is None:  # one per service: its keys are read once
            self._audit = AuditLog(self.control, secret=self._secret())
        self._audit.append(self.actor, action, subject=str(min(identities)), details=details)

    def export(
        self,
        identities: list[Identity],
        out_dir: Path,
        *,
        portability: bool = False,
        request_id: str | None = None,
        policy: str | None = None,
        tenant: str | None = None,
    ) -> AccessResult:
        """The one access orchestration: export a person's data into ``out_dir``, with the
        consent ledger and support grants (Art. 15; not in a portability export). ``policy``
        names a Fides request policy (default: the manifest's ``default_policy.access``, else
        every personal field). With no row found the result is not ``matched`` and no export is
        left behind. Writes no receipt: :meth:`access` and the worker record it."""
        self.check_kinds(identities)
        chosen = choose_policy(self.loaded.manifest, policy, "access")
        records: list[ControlRecords] = []

        def control_members() -> list[tuple[str, bytes]]:
            from kept.person_export import control_records  # builds on kept.execution

            records.append(control_records(self.control, identities, key=self._secret()))
            return records[0].members

        # consent ledger and support grants are part of the copy (Art. 15), read from the
        # control database while the stores run the first reads
        result = run_access(
            self.loaded,
            identities,
            out_dir,
            request_id=request_id or new_request_id(),
            portability=portability,
            tenant=tenant,
            engines=self.engines,
            policy=chosen,
            members=() if portability else control_members,
            plan=self._plan(identities),
            rules=self._rules(),
        )
        if records:  # a person known only to the control database matched
            result.consents = records[0].counts["consent_records"]
        if not result.matched:  # nothing to hand over: no empty export is left behind
            result.export.unlink(missing_ok=True)
        result.policy = chosen.name_key if chosen else None
        return result

    def access(
        self,
        identities: list[Identity],
        out_dir: Path,
        *,
        portability: bool = False,
        request_id: str | None = None,
        policy: str | None = None,
    ) -> AccessResult:
        """:meth:`export`, then its receipt in the audit log (a ``no_match`` says so)."""
        result = self.export(
            identities, out_dir, portability=portability, request_id=request_id, policy=policy
        )
        outcome = {} if result.matched else {"outcome": NO_MATCH}
        self._receipt(
            f"request.{result.kind}",
            identities,
            {
                "request_id": result.request_id,
                "type": result.kind,
                **outcome,
                "rows": result.rows,
                "unreachable": result.unreachable,
                "export": result.export.name if result.matched else None,
                "policy": result.policy,
                "seconds": round(result.seconds, 4),
            },
        )
        return result

    def erase_requests(
        self,
        requests: dict[str, list[Identity]],
        *,
        dry_run: bool = False,
        expected_plan: str | None = None,
        sample_rows: int = 0,
        progress: Progress | None = None,
        now: dt.datetime | None = None,
        policy: str | None = None,
        tenant: str | None = None,
        actor: str | None = None,
    ) -> ErasureRun:
        """The one erasure orchestration: erase, keeping the rows under a retention minimum,
        an indefinite keep or a legal hold (as of ``now``); ``policy`` names a Fides request
        policy (default: ``default_policy.erasure``); with ``expected_plan``, exactly that
        dry-run plan or nothing (:class:`PlanChangedError`). After an erasure that changed
        data, the recipients holding each person's data are told (Art. 19). Writes no receipt
        and no replay record: :meth:`erase` and the worker do, each in its own way."""
        from kept.execution.erasure import run_erasure
        from kept.execution.retention import holds as legal_holds
        from kept.execution.retention import protect

        for identities in requests.values():
            self.check_kinds(identities)
        chosen = choose_policy(self.loaded.manifest, policy, "erasure")
        holds = legal_holds.active_holds(self.control, today=now.date() if now else None)
        result = run_erasure(
            self.loaded,
            requests,
            dry_run=dry_run,
            expected_plan=expected_plan,
            secret=self._secret(),
            sample_rows=sample_rows,
            engines=self.engines,
            progress=progress,
            protection=protect.Protection.build(self.loaded.manifest, holds, now),
            tenant=tenant,
            policy=chosen,
        )
        unmatched = set(unmatched_requests(result))
        told = (
            {}
            if dry_run
            else self._tell_recipients(
                "erasure",
                requests,
                {r: result.receipt(r)["tables"] for r in requests},
                actor=actor,
            )
        )
        return ErasureRun(result, unmatched, told)

    def remember_erasure(
        self,
        run: ErasureRun,
        requests: dict[str, list[Identity]],
        *,
        tenant: str | None = None,
        conn: sa.Connection | None = None,
    ) -> None:
        """Log the people an executed erasure matched, to erase them again after a store is
        restored from a backup (``kept request replay``); nothing for a dry run."""
        from kept.execution.replay import record_erasure

        matched = {r: ids for r, ids in requests.items() if r not in run.unmatched}
        record_erasure(self.control, matched, run.result, tenant=tenant, conn=conn)

    def erase(
        self,
        requests: dict[str, list[Identity]],
        *,
        dry_run: bool = False,
        expected_plan: str | None = None,
        sample_rows: int = 0,
        progress: Progress | None = None,
        now: dt.datetime | None = None,
        policy: str | None = None,
    ) -> ErasureResult:
        """:meth:`erase_requests`, then one receipt per request in the audit log and the
        replay record, in one transaction. A request whose identities matched no row has
        ``outcome: no_match`` in its receipt; a refused or failed erasure is audited with its
        reason (errors name tables, columns and constraints, never row values)."""
        try:
            run = self.erase_requests(
                requests,
                dry_run=dry_run,
                expected_plan=expected_plan,
                sample_rows=sample_rows,
                progress=progress,
                now=now,
                policy=policy,
            )
        except KeptError as exc:  # refused or failed: audited with the reason, no row values
            self._refused("erasure", requests, dry_run, exc)
            raise
        result, unmatched, told = run.result, run.unmatched, run.told
        action = "request.erasure.dry_run" if dry_run else "request.erasure"
        with write_transaction(self.control) as conn:
            AuditLog(self.control).append_many(  # a batch's receipts: one write to the log
                [
                    AuditRecord(
                        self.actor,
                        action,
                        subject=str(min(identities)),
                        details={
                            **result.receipt(request_id),
                            **({"outcome": NO_MATCH} if request_id in unmatched else {}),
                            **({"recipients_told": told[request_id]} if request_id in told else {}),
                        },
                    )
                    for request_id, identities in requests.items()
                ],
                conn=conn,
            )
            self.remember_erasure(run, requests, conn=conn)  # replayed after restores
        return result

    def replay(
        self,
        since: dt.datetime,
        *,
        dry_run: bool = False,
        progress: Progress | None = None,
        now: dt.datetime | None = None,
    ) -> ReplayResult:
        """Erase again everyone erased since ``since`` (after a store was restored from a
        backup taken then); idempotent."""
        from kept.execution.replay import replay_erasures

        return replay_erasures(
            self.loaded,
            self.control,
            since=since,
            engines=self._engines,
            dry_run=dry_run,
            actor=self.actor,
            progress=progress,
            now=now,
        )

    def restrict_request(
        self,
        identities: list[Identity],
        *,
        purposes: list[str],
        reason: str,
        request_id: str | None = None,
        kind: str = "restriction",
        tenant: str | None = None,
        actor: str | None = None,
        audit: bool = True,
    ) -> Restriction:
        """The one restriction (and objection) orchestration: record the person's rows as
        restricted for ``purposes`` and tell the recipients holding them (Art. 19). A request
        whose restriction is already recorded (a job resumed after its worker died) finds it
        instead of recording a second. ``audit`` false leaves the receipt to the caller."""
        from kept.restriction import restrict, restriction_for_request

        self.check_kinds(identities)
        request_id = request_id or new_request_id()
        restriction = restriction_for_request(self.control, request_id)
        if restriction is None:
            restriction = restrict(
                self.loaded,
                self.control,
                identities,
                purposes=purposes,
                reason=reason,
                request_id=request_id,
                kind=kind,
                actor=actor or self.actor,
                engines=self.engines,
                tenant=tenant,
                audit=audit,
            )
        tables = [t for t, n in restriction.rows.items() if n]
        if tables:
            self._tell_recipients(
                restriction.kind,
                {restriction.request_id: identities},
                {restriction.request_id: [{"table": t} for t in tables]},
                actor=actor,
            )
        return restriction

    def restrict(
        self,
        identities: list[Identity],
        *,
        purposes: list[str],
        reason: str,
        objection: bool = False,
        request_id: str | None = None,
    ) -> Restriction:
        """:meth:`restrict_request`, its receipt written to the audit log with it."""
        return self.restrict_request(
            identities,
            purposes=purposes,
            reason=reason,
            request_id=request_id,
            kind="objection" if objection else "restriction",
        )

    def lift(self, restriction_id: str, *, reason: str) -> None:
        from kept.restriction import lift_restriction

        lift_restriction(self.loaded, self.control, restriction_id, reason=reason, actor=self.actor)

    def rectify_request(
        self,
        identities: list[Identity],
        changes: list[Change],
        *,
        dry_run: bool = False,
        request_id: str | None = None,
        tenant: str | None = None,
        actor: str | None = None,
    ) -> tuple[RectificationResult, list[dict[str, Any]]]:
        """The one rectification orchestration: set fields on a person's rows and tell the
        recipients holding them (Art. 19; not on a dry run). Returns the result (``matched``
        false when the identities match no row at all: ``no_match``) and the recipients told.
        Setting the same values again changes nothing: a resumed job simply runs again."""
        from kept.execution.rectify import run_rectification

        self.check_kinds(identities)
        result = run_rectification(
            self.loaded,
            identities,
            changes,
            request_id=request_id or new_request_id(),
            dry_run=dry_run,
            engines=self.engines,
            tenant=tenant,
        )
        told: list[dict[str, Any]] = []
        if not any(result.rows.values()) and not self.matched(identities, tenant=tenant):
            result.matched = False
        elif not dry_run:
            tables = {result.request_id: [{"table": t} for t, n in result.rows.items() if n]}
            told = self._tell_recipients(
                "rectification",
                {result.request_id: identities},
                tables,
                columns=[c.column for c in changes],
                actor=actor,
            )[result.request_id]
        return result, told

    def rectify(
        self,
        identities: list[Identity],
        changes: list[Change],
        *,
        dry_run: bool = False,
        request_id: str | None = None,
    ) -> RectificationResult:
        """:meth:`rectify_request`, then its receipt in the audit log."""
        result, told = self.rectify_request(
            identities, changes, dry_run=dry_run, request_id=request_id
        )
        action = "request.rectification.dry_run" if dry_run else "request.rectification"
        receipt = result.receipt()
        if not result.matched:
            receipt["outcome"] = NO_MATCH
        elif not dry_run:
            receipt["recipients_told"] = told
        self._receipt(action, identities, receipt)
        return result

    def matched(self, identities: list[Identity], *, tenant: str | None = None) -> bool:
        """Whether the identities match any row (of a collection found by an identity)."""
        return bool(
            matched_requests(self.loaded, {"r": identities}, engines=self.engines, tenant=tenant)
        )

    def _tell_recipients(
        self,
        action: str,
        requests: dict[str, list[Identity]],
        tables: dict[str, list[dict[str, Any]]],
        columns: list[str] | None = None,
        actor: str | None = None,
    ) -> dict[str, list[dict[str, Any]]]:
        """Art. 19: one notification per recipient holding the data of each request's person."""
        from kept.recipients import record_notifications

        told: dict[str, list[dict[str, Any]]] = {}
        for request_id, identities in requests.items():
            with_rows = [t["table"] for t in tables.get(request_id, [])]
            made = record_notifications(
                self.control,
                self.loaded.manifest,
                request_id=request_id,
                action=action,
                identities=identities,
                tables=with_rows,
                actor=actor or self.actor,
                columns=columns,
            )
            told[request_id] = [
                {"recipient": n.recipient, "method": n.method, "created_at": n.created_at}
                for n in made
            ]
        return told
