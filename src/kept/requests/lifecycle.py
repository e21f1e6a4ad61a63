"""The request lifecycle: intake, verification, decisions, deadlines; every step audited.

:class:`Lifecycle` is the one object the HTTP API, the CLI and the workers use. Every
transition runs in one control-database transaction that locks the request's row, checks the
move against :data:`kept.requests.states.TRANSITIONS`, updates the row and appends the audit
entry (with the request's tenant and its subject reference), so the state and its record
never disagree.

The class is made of three modules: :mod:`kept.requests.transitions` (its state and the one
checked, audited move), :mod:`kept.requests.review` (staff decisions) and
:mod:`kept.requests.notify` (what the person is told); this one adds intake, verification and
reading.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import logging
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import sqlalchemy as sa

from kept.audit import subject_reference
from kept.control import audit_log
from kept.errors import (
    LinkExpiredError,
    NotPermittedError,
    RequestError,
    RequestNotFoundError,
)
from kept.execution.identity import Identity, IdentityRules
from kept.ids import new_request_id
from kept.mail import is_address
from kept.requests.exportfiles import ExportFile
from kept.requests.params import RequestParams, check_params
from kept.requests.record import RequestRecord, deadlines_of, now_text, record_of
from kept.requests.rectifiable import Verdict, held_fields
from kept.requests.retry import retrying
from kept.requests.review import Reviewing
from kept.requests.states import (
    Kind,
    LifecycleError,
    State,
    check_transition,
)
from kept.requests.tables import request_codes, request_exports, requests
from kept.requests.transitions import _enum, _iso, _missing, after
from kept.requests.verification import (
    VerificationError,
    bucket,
    check_code,
    hit,
    issue_code,
)

__all__ = ["FOUR_EYES", "PUBLIC", "SELF_RECTIFICATION", "Lifecycle", "Submission"]

PUBLIC = "subject"
"""The actor named in the audit log for what the person does themselves."""

FOUR_EYES = "four_eyes"
"""Review reason: submitted by a support agent; another member of staff approves."""
SELF_RECTIFICATION = "self_rectification"
"""Review reason: a person's rectification changes fields they may not change themselves."""

log = logging.getLogger("kept.requests")


@dataclass(frozen=True)
class Submission:
    """A submitted request and its token: the token is shown once, to the person."""

    record: RequestRecord
    token: str


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class Lifecycle(Reviewing):
    """Rights requests through their lifecycle, in the control database ``control``.

    ``review`` names the kinds staff must approve after verification (by default every
    verified request is approved at once). ``mailer`` sends codes and notices (default: SMTP
    from ``KEPT_SMTP_URL``, else the outbox beside the control database). ``secret`` is Kept's
    secret key (default: ``KEPT_SECRET_KEY``, else the one generated in the control database).
    The :class:`kept.app.Kept` object builds the one lifecycle every way in shares.
    """

    # -- intake ----------------------------------------------------------------------------

    @retrying
    def submit(
        self,
        kind: Kind | str,
        identities: Sequence[Identity],
        *,
        contact: str | None = None,
        tenant: str | None = None,
        jurisdiction: str | None = None,
        actor: str = PUBLIC,
        verified: bool = False,
        client: str | None = None,
        changes: Sequence[str] = (),
        purposes: Sequence[str] = (),
        reason: str | None = None,
        policy: str | None = None,
        review: str | None = None,
    ) -> Submission:
        """Receive a request. A person's own (``verified`` false) gets a code by e-mail and waits
        for it; one submitted by staff (``verified`` true) counts as verified at once.

        The person's address is ``contact``, else their ``email`` identity; a request that is
        not verified needs one. ``client`` (e.g. an IP address) is rate-limited.

        A rectification carries ``changes`` (``DATASET.COLLECTION.FIELD=VALUE``); a restriction
        or an objection ``purposes`` (none: all but storage) and a ``reason``; they are checked
        against the manifest here (:class:`kept.requests.params.ParamsError`).

        ``review`` (e.g. ``four_eyes``) holds the request for a staff decision after
        verification, by someone other than ``actor``. A person's own rectification of a field
        they may not change themselves (:mod:`kept.requests.rectifiable`) is held the same way,
        as ``self_rectification``.
        """
        try:
            kind = Kind(kind)
        except ValueError:
            kinds = ", ".join(k.value for k in Kind)
            raise RequestError(f"unknown request kind {kind!r}; kinds are: {kinds}") from None
        if not identities:
            raise RequestError("a request needs at least one identity, e.g. email=...")
        contact = contact or next((i.value for i in identities if i.kind == "email"), None)
        contact = contact.strip() if contact else None
        if not verified and not contact:
            raise RequestError("a request needs an e-mail address to send the verification code")
        if contact is not None and not is_address(contact):
            raise RequestError(f"{contact[:80]!r} is not an e-mail address (expected a@b.example)")
        if not verified and any(
            i.kind != "email" or i.value.strip().casefold() != (contact or "").casefold()
            for i in identities
        ):
            # The code proves control of one address only: searching by anything else (a
            # customer id, another address) would disclose someone else's data.
            raise RequestError(
                "a person's own request is searched by the e-mail address the code goes to, "
                "and by nothing else; other identities need a request taken by staff"
            )
        IdentityRules.of(self.loaded.manifest).check(identities)  # a misspelt kind: refused
        params = check_params(
            kind,
            self.loaded.manifest,
            identities,
            changes=changes,
            purposes=purposes,
            reason=reason,
            policy=policy,
        )
        held = (
            held_fields(self.loaded.manifest, identities, params.changes)
            if params is not None and params.changes and not verified
            else []
        )
        if held and review is None:
            review = SELF_RECTIFICATION
        jurisdictions = self._jurisdictions(jurisdiction)
        now = self.clock()
        secret = self.secret()
        subject = str(min(identities))
        ref = subject_reference(subject, secret)
        token = secrets.token_urlsafe(24)
        request_id = new_request_id()
        code: str | None = None
        values: dict[str, Any] = {
            "id": request_id,
            "kind": kind.value,
            "state": State.RECEIVED.value,
            "tenant": tenant,
            "subject_ref": ref,
            "identities": json.dumps([[i.kind, i.value] for i in identities]),
            "contact": contact,
            "jurisdictions": ",".join(jurisdictions),
            "received_at": now_text(now),
            "verified_at": None,
            "updated_at": now_text(now),
            "extended": False,
            "paused_since": None,
            "paused_days": 0,
            "token_hash": _token_hash(token),
            "submitted_by": actor,
            "attempts": 0,
            "params": json.dumps(params.to_json(), sort_keys=True) if params else None,
            "review": review,
        }
        deadlines = deadlines_of(
            SimpleNamespace(**values), self.organization, now.date(), child_days=self.child_days
        )
        values.update(due_on=_iso(deadlines.due), acknowledge_by=_iso(deadlines.acknowledge_by))
        row = after(SimpleNamespace(**values), {})
        with self._writing() as conn:
            if client:
                hit(conn, bucket(secret, "client", client), self.client_limit, "requests", now)
            if not verified and contact:
                hit(conn, bucket(secret, "address", contact), self.address_limit, "codes", now)
            self._record(
                conn,
                row,
                actor,
                "request.received",
                {
                    "kind": kind.value,
                    "jurisdictions": jurisdictions,
                    "due": _iso(deadlines.due),
                    "due_by": deadlines.due_by,
                    "acknowledge_by": _iso(deadlines.acknowledge_by),
                    **_audited(params),
                    **_held(review, held),
                },
            )
            if verified:  # received, verified and approved at once: one row written
                values.update(self._verified(conn, row, actor, now, {"by": "staff"}))
                conn.execute(requests.insert().values(**values))
            else:
                conn.execute(requests.insert().values(**values))
                code = issue_code(conn, secret, request_id, self.codes, now)
                self._record(conn, row, "kept", "request.code_sent", {})
        record = record_of(after(row, values), self.organization, child_days=self.child_days)
        if code is not None and contact:
            self._send_code(contact, record, code)
        elif contact:  # the acknowledgement (CCPA: within 10 business days; here at once)
            due = f" We will answer by {record.due.isoformat()}." if record.due else ""
            self.notify(contact, record, f"We have received your request.{due}")
        return Submission(record, token)

    @retrying
    def resend_code(self, request_id: str, token: str, *, client: str | None = None) -> None:
        """A new code for a request still waiting for one (the old code stops working)."""
        record = self.with_token(request_id, token)
        now = self.clock()
        secret = self.secret()
        with self._writing() as conn:
            row = self._row(conn, request_id, lock=True)
            check_transition(request_id, State(row.state), State.IDENTITY_VERIFIED, "send a code")
            if client:
                hit(conn, bucket(secret, "client", client), self.client_limit, "requests", now)
            hit(
                conn, bucket(secret, "address", row.contact or ""), self.address_limit, "codes", now
            )
            code = issue_code(conn, secret, request_id, self.codes, now)
            self._record(conn, row, "kept", "request.code_sent", {"resent": True})
            contact = row.contact
        if contact:
            self._send_code(contact, record, code)

    @retrying
    def verify(
        self, request_id: str, code: str, *, token: str | None = None, client: str | None = None
    ) -> RequestRecord:
        """Check the e-mailed code; on success the request is verified (and approved unless its
        kind is held for review). A wrong try is counted even though an error is raised."""
        if token is not None:
            self.with_token(request_id, token)
        now = self.clock()
        secret = self.secret()
        failure: VerificationError | None = None
        with self._writing() as conn:
            row = self._row(conn, request_id, lock=True)
            check_transition(request_id, State(row.state), State.IDENTITY_VERIFIED, "verify")
            if client:
                hit(conn, bucket(secret, "client", client), self.client_limit, "requests", now)
            try:
                check_code(conn, secret, request_id, code, self.codes, now)
            except VerificationError as exc:
                failure = exc
                self._record(conn, row, PUBLIC, "request.code_failed", {"why": exc.code})
            else:
                conn.execute(request_codes.delete().where(request_codes.c.request_id == request_id))
                values = self._verified(conn, row, PUBLIC, now, {"by": "email_code"})
                row = after(row, self._write(conn, row, values))
        if failure is not None:
            raise failure
        return record_of(row, self.organization, child_days=self.child_days)

    # -- reading ---------------------------------------------------------------------------

    def get(self, request_id: str) -> RequestRecord:
        """The request, or :class:`RequestNotFoundError`."""
        with self.control.connect() as conn:
            return self._load(conn, request_id)

    def with_token(self, request_id: str, token: str) -> RequestRecord:
        """The request if ``token`` is its token; else the same 404 as an unknown request."""
        with self.control.connect() as conn:
            row = conn.execute(
                sa.select(requests.c.token_hash).where(requests.c.id == request_id)
            ).one_or_none()
            stored = row.token_hash if row is not None else "0" * 64
            if not hmac.compare_digest(stored, _token_hash(token)) or row is None:
                raise _missing(request_id)
            return self._load(conn, request_id)

    def find(
        self,
        *,
        state: State | str | None = None,
        kind: Kind | str | None = None,
        tenant: str | None = None,
        overdue: bool = False,
        limit: int = 100,
        offset: int = 0,
        today: dt.date | None = None,
    ) -> list[RequestRecord]:
        """Requests, newest first; ``tenant`` keeps one tenant's; ``overdue`` the open ones past
        their due date."""
        today = today or self.clock().date()
        stmt = sa.select(requests).order_by(requests.c.received_at.desc(), requests.c.id)
        if state is not None:
            stmt = stmt.where(requests.c.state == _enum(State, state, "state").value)
        if kind is not None:
            stmt = stmt.where(requests.c.kind == _enum(Kind, kind, "kind").value)
        if tenant is not None:
            stmt = stmt.where(requests.c.tenant == tenant)
        if overdue:
            stmt = stmt.where(
                requests.c.state.not_in([State.COMPLETED.value, State.DENIED.value]),
                requests.c.due_on < today.isoformat(),
            )
        else:
            stmt = stmt.limit(limit).offset(offset)
        with self.control.connect() as conn:
            records = [
                record_of(row, self.organization, child_days=self.child_days)
                for row in conn.execute(stmt)
            ]
        if overdue:
            records = [r for r in records if r.overdue(today)][offset : offset + limit]
        return records

    def export(self, request_id: str) -> tuple[str, bytes]:
        """The export of a completed access request: its file name and bytes (in memory:
        :meth:`export_file` serves large exports)."""
        found = self.export_file(request_id)
        if found.content is not None:
            return found.filename, found.content
        return found.filename, found.read_bytes()

    def export_file(self, request_id: str) -> ExportFile:
        """The export of a completed access request, as a file to stream (or, for an export
        stored before exports were files, its bytes)."""
        with self.control.connect() as conn:
            row = conn.execute(
                sa.select(
                    request_exports.c.filename,
                    request_exports.c.size,
                    request_exports.c.path,
                    request_exports.c.content,
                ).where(request_exports.c.request_id == request_id)
            ).one_or_none()
        found = (
            self.exports.find(str(row.path), str(row.filename))
            if row is not None and row.path
            else None
        )
        if row is None or (row.content is None and found is None):
            raise RequestNotFoundError(
                "this request has no export (not yet, or no longer: exports are deleted after "
                "a while)",
                request_id=request_id,
            )
        if found is not None:
            return found
        return ExportFile(str(row.filename), int(row.size), content=bytes(row.content))

    def expire_unverified(self, max_age: dt.timedelta, *, actor: str = "kept") -> list[str]:
        """Deny (``identity_not_verified``) the requests whose code was not used within
        ``max_age``: the person is told, and the request no longer waits for an answer."""
        cutoff = now_text(self.clock() - max_age)
        with self.control.connect() as conn:
            stale = [
                str(r[0])
                for r in conn.execute(
                    sa.select(requests.c.id)
                    .where(
                        requests.c.state == State.RECEIVED.value,
                        requests.c.received_at < cutoff,
                    )
                    .limit(500)
                )
            ]
        denied = []
        for request_id in stale:
            try:
                self.deny(
                    request_id,
                    "identity_not_verified",
                    actor=actor,
                    note=f"no verification within {max_age.days} days",
                )
            except LifecycleError:  # verified or denied meanwhile
                continue
            denied.append(request_id)
        return denied

    def has_export(self, request_id: str) -> bool:
        """Whether the request's export is held for download (it is deleted after a while)."""
        with self.control.connect() as conn:
            found = conn.execute(
                sa.select(request_exports.c.size).where(request_exports.c.request_id == request_id)
            ).first()
        return found is not None

    @retrying
    def purge_exports(self, max_age: dt.timedelta, *, actor: str = "kept") -> list[str]:
        """Delete the exports older than ``max_age`` (the person had their time to download;
        Kept does not keep a copy of their data longer). Returns the requests concerned."""
        cutoff = now_text(self.clock() - max_age)
        stmt = (
            sa.select(request_exports.c.request_id, request_exports.c.path)
            .where(request_exports.c.created_at < cutoff)
            .order_by(request_exports.c.created_at)
            .limit(500)
        )
        with self._writing() as conn:
            found = conn.execute(stmt).all()
            ids = [str(r[0]) for r in found]
            for request_id in ids:
                conn.execute(
                    request_exports.delete().where(request_exports.c.request_id == request_id)
                )
                row = conn.execute(
                    sa.select(requests).where(requests.c.id == request_id)
                ).one_or_none()
                if row is not None:
                    self._record(
                        conn, row, actor, "request.export_deleted", {"max_age_days": max_age.days}
                    )
        for _request_id, name in found:
            if name:
                self.exports.delete(str(name))
        return ids

    def sign_export(self, request_id: str, expires: int) -> str:
        """The signature of a download link for ``request_id`` valid until ``expires`` (epoch)."""
        message = f"export:{request_id}:{expires}".encode()
        return hmac.new(self.secret(), message, hashlib.sha256).hexdigest()

    def check_export_link(self, request_id: str, expires: int, signature: str) -> None:
        """Raise :class:`NotPermittedError` unless the link is genuine, :class:`LinkExpiredError`
        unless it is current."""
        expected = self.sign_export(request_id, expires)
        if not hmac.compare_digest(expected, signature):
            raise NotPermittedError("the download link is not valid", request_id=request_id)
        if self.clock().timestamp() > expires:
            raise LinkExpiredError(
                "the download link has expired; ask for a new one", request_id=request_id
            )

    def receipts(self, request_id: str) -> list[dict[str, Any]]:
        """The audit entries about this request (its lifecycle and its execution receipts)."""
        record = self.get(request_id)
        stmt = (
            sa.select(
                audit_log.c.seq,
                audit_log.c.created_at,
                audit_log.c.actor,
                audit_log.c.action,
                audit_log.c.tenant,
                audit_log.c.details,
            )
            .where(audit_log.c.subject_ref == record.subject_ref)
            .order_by(audit_log.c.seq)
        )
        with self.control.connect() as conn:
            rows = conn.execute(stmt).all()
        found = []
        for row in rows:
            details = json.loads(row.details)
            if details.get("request_id") == request_id:
                found.append(
                    {
                        "seq": row.seq,
                        "created_at": row.created_at,
                        "actor": row.actor,
                        "action": row.action,
                        "tenant": row.tenant,
                        "details": details,
                    }
                )
        return found


def _audited(params: RequestParams | None) -> dict[str, Any]:
    """What the audit log holds of the parameters: field names, purposes; never values."""
    if params is None:
        return {}
    if params.policy is not None:
        return {"policy": params.policy}
    if params.changes:
        return {"fields": sorted({f"{c.node}.{c.column}" for c in params.changes})}
    return {"purposes": list(params.purposes), "reason": params.reason}


def _held(review: str | None, held: Sequence[Verdict]) -> dict[str, Any]:
    """What the audit log holds of a review: why, and the held fields' names and reasons."""
    if review is None:
        return {}
    if not held:
        return {"review": review}
    return {"review": review, "held_fields": {v.field: v.why for v in held}}
