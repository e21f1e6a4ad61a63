"""Rights requests as one call each: run the engine, write the receipt to the audit log.

The CLI and (later) the HTTP API call these functions; they hold no logic of their own.
"""

from __future__ import annotations

import csv
import datetime as dt
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from kept.audit import AuditLog, AuditRecord
from kept.control import control_url, open_control, secret_key
from kept.errors import RequestError
from kept.execution.access import AccessResult, run_access
from kept.execution.erasure import ErasureResult, Progress, run_erasure
from kept.execution.identity import Identity, parse_identity
from kept.execution.rectify import Change, RectificationResult, run_rectification
from kept.execution.session import open_engines
from kept.manifest.loader import LoadedManifest
from kept.retention import holds as legal_holds  # modules: kept.retention builds on this
from kept.retention import protect
from kept.stores import StoreEngines

if TYPE_CHECKING:
    from kept.restriction import Restriction

__all__ = ["RightsService", "new_request_id", "read_batch"]


def new_request_id() -> str:
    return f"req_{uuid.uuid4().hex[:16]}"


def read_batch(path: Path) -> dict[str, list[Identity]]:
    """A CSV of requests: one person per row, one column per identity kind
    (``email``, ``phone``...), and an optional ``request_id`` column."""
    try:
        handle = path.open(newline="", encoding="utf-8")
    except OSError as exc:
        raise RequestError(f"cannot read batch file {path}: {exc}") from exc
    requests: dict[str, list[Identity]] = {}
    with handle:
        reader = csv.DictReader(handle)
        kinds = [k for k in reader.fieldnames or [] if k and k != "request_id"]
        if not kinds:
            raise RequestError(f"{path}: the header must name identity kinds, e.g. email,phone")
        for row in reader:
            line = reader.line_num  # blank lines are skipped but counted
            request_id = (row.get("request_id") or "").strip() or f"{path.stem}-{line}"
            ids = [
                parse_identity(f"{kind}={value.strip()}")
                for kind in kinds
                if (value := row.get(kind) or "").strip()
            ]
            if not ids:
                raise RequestError(f"{path}:{line}: no identity on this line")
            if request_id in requests:
                raise RequestError(f"{path}:{line}: request id {request_id!r} appears twice")
            requests[request_id] = ids
    return requests


@dataclass
class RightsService:
    """Runs rights requests against a manifest's stores and receipts them.

    A service keeps its stores' engines (pooled connections, compiled statements) between
    requests; :meth:`close` releases them and the control database.
    """

    loaded: LoadedManifest
    control: sa.Engine
    actor: str = "kept"
    engines: StoreEngines = field(init=False)
    _secret_key: bytes | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self.engines = open_engines(self.loaded)

    @classmethod
    def open(cls, loaded: LoadedManifest, database: str | None = None) -> RightsService:
        path = loaded.root if loaded.root.is_file() else loaded.root / "kept.yaml"
        return cls(loaded, open_control(database or control_url(path)))

    def close(self) -> None:
        self.engines.close()
        self.control.dispose()

    def __enter__(self) -> RightsService:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _secret(self) -> bytes:
        if self._secret_key is None:
            with self.control.begin() as conn:
                self._secret_key = secret_key(conn)
        return self._secret_key

    def _receipt(self, action: str, identities: list[Identity], details: dict[str, Any]) -> None:
        AuditLog(self.control).append(
            self.actor, action, subject=str(min(identities)), details=details
        )

    def access(
        self,
        identities: list[Identity],
        out_dir: Path,
        *,
        portability: bool = False,
        request_id: str | None = None,
    ) -> AccessResult:
        result = run_access(
            self.loaded,
            identities,
            out_dir,
            request_id=request_id or new_request_id(),
            portability=portability,
            engines=self.engines,
        )
        if not portability:  # the consent ledger is part of the access copy (Art. 15, 7(1))
            from kept.consent.export import add_consent_ledger

            add_consent_ledger(result.export, self.control, identities)
            from kept.recipients import add_recipients_told

            add_recipients_told(result.export, self.control, identities)
        self._receipt(
            f"request.{result.kind}",
            identities,
            {
                "request_id": result.request_id,
                "type": result.kind,
                "rows": result.rows,
                "unreachable": result.unreachable,
                "export": result.export.name,
                "seconds": round(result.seconds, 4),
            },
        )
        return result

    def erase(
        self,
        requests: dict[str, list[Identity]],
        *,
        dry_run: bool = False,
        expected_plan: str | None = None,
        sample_rows: int = 0,
        progress: Progress | None = None,
        now: dt.datetime | None = None,
    ) -> ErasureResult:
        """Erase; rows under a retention minimum or a legal hold (as of ``now``) are kept."""
        holds = legal_holds.active_holds(self.control, today=now.date() if now else None)
        result = run_erasure(
            self.loaded,
            requests,
            dry_run=dry_run,
            expected_plan=expected_plan,
            secret=b"" if dry_run else self._secret(),
            sample_rows=sample_rows,
            engines=self.engines,
            progress=progress,
            protection=protect.Protection.build(self.loaded.manifest, holds, now),
        )
        action = "request.erasure.dry_run" if dry_run else "request.erasure"
        told = (
            {}
            if dry_run
            else self._tell_recipients(
                "erasure", requests, {r: result.receipt(r)["tables"] for r in requests}
            )
        )
        AuditLog(self.control).append_many(  # a batch's receipts: one write to the log
            [
                AuditRecord(
                    self.actor,
                    action,
                    subject=str(min(identities)),
                    details=result.receipt(request_id)
                    | ({"recipients_told": told[request_id]} if request_id in told else {}),
                )
                for request_id, identities in requests.items()
            ]
        )
        return result

    def restrict(
        self,
        identities: list[Identity],
        *,
        purposes: list[str],
        reason: str,
        objection: bool = False,
        request_id: str | None = None,
    ) -> Restriction:
        from kept.restriction import restrict

        restriction = restrict(
            self.loaded,
            self.control,
            identities,
            purposes=purposes,
            reason=reason,
            request_id=request_id or new_request_id(),
            kind="objection" if objection else "restriction",
            actor=self.actor,
            engines=self.engines,
        )
        self._tell_recipients(
            restriction.kind,
            {restriction.request_id: identities},
            {restriction.request_id: [{"table": t} for t, n in restriction.rows.items() if n]},
        )
        return restriction

    def lift(self, restriction_id: str, *, reason: str) -> None:
        from kept.restriction import lift_restriction

        lift_restriction(self.loaded, self.control, restriction_id, reason=reason, actor=self.actor)

    def rectify(
        self,
        identities: list[Identity],
        changes: list[Change],
        *,
        dry_run: bool = False,
        request_id: str | None = None,
    ) -> RectificationResult:
        result = run_rectification(
            self.loaded,
            identities,
            changes,
            request_id=request_id or new_request_id(),
            dry_run=dry_run,
            engines=self.engines,
        )
        action = "request.rectification.dry_run" if dry_run else "request.rectification"
        receipt = result.receipt()
        if not dry_run:
            tables = {result.request_id: [{"table": t} for t, n in result.rows.items() if n]}
            receipt["recipients_told"] = self._tell_recipients(
                "rectification",
                {result.request_id: identities},
                tables,
                columns=[c.column for c in changes],
            )[result.request_id]
        self._receipt(action, identities, receipt)
        return result

    def _tell_recipients(
        self,
        action: str,
        requests: dict[str, list[Identity]],
        tables: dict[str, list[dict[str, Any]]],
        columns: list[str] | None = None,
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
                actor=self.actor,
                columns=columns,
            )
            told[request_id] = [
                {"recipient": n.recipient, "method": n.method, "created_at": n.created_at}
                for n in made
            ]
        return told
