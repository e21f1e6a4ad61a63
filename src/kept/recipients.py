"""Recipients told (GDPR Art. 19): every erasure, rectification or restriction is passed on.

:func:`record_notifications` creates one notification per recipient that holds the person's
data (a recipient whose declared data categories meet the categories of the tables where the
person had rows), once per request and recipient. :func:`dispatch` sends the pending ones by
the recipient's declared ``notify`` method (an e-mail through Kept's mailer, or a webhook POST
signed with HMAC-SHA256); ``manual`` ones wait for someone to tell the recipient and
:func:`confirm` it. :func:`escalate_overdue` marks the unconfirmed ones past their deadline.
:func:`told` lists who was told and when, for the receipt and the person's export. Every step
writes the audit log.

States: ``pending`` → ``sent`` → ``confirmed``; ``pending``/``sent`` → ``escalated`` past the
deadline (still confirmable).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import urllib.error
import urllib.request
import uuid
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from kept.audit import AuditLog, subject_reference
from kept.control import secret_key, write_transaction
from kept.control.schema import recipient_notifications
from kept.errors import RecordsError
from kept.execution.identity import Identity
from kept.mail import Mailer
from kept.manifest.models import Manifest, Recipient
from kept.taxonomy import is_under

__all__ = [
    "RECIPIENTS_FILE",
    "SIGNATURE_HEADER",
    "Notification",
    "add_recipients_told",
    "confirm",
    "dispatch",
    "escalate_overdue",
    "recipient_notifications",
    "recipients_holding",
    "recipients_told_export",
    "record_notifications",
    "sign",
    "told",
]

RECIPIENTS_FILE = "recipients.json"
SIGNATURE_HEADER = "X-Kept-Signature"
_TIMEOUT_S = 10


@dataclass(frozen=True)
class Notification:
    id: str
    request_id: str
    action: str
    recipient: str
    method: str
    status: str
    created_at: str
    due_at: str
    sent_at: str | None
    confirmed_at: str | None
    escalated_at: str | None
    detail: str | None

    def as_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def _stamp(now: dt.datetime | None = None) -> str:
    return (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _row(row: sa.RowMapping) -> Notification:
    return Notification(**{k: row[k] for k in Notification.__dataclass_fields__})


def _table_categories(
    manifest: Manifest, tables: Iterable[str], columns: Iterable[str] | None
) -> set[str]:
    wanted = set(tables)
    only = set(columns) if columns is not None else None
    cats: set[str] = set()
    for ds in manifest.dataset:
        for coll in ds.collections:
            if f"{ds.fides_key}.{coll.name}" in wanted or coll.name in wanted:
                if only is None:
                    cats.update(coll.data_categories or [])
                for f in coll.fields:
                    if only is None or f.name in only:
                        cats.update(f.data_categories or [])
    return {c for c in cats if not c.startswith("system.")}


def recipients_holding(
    manifest: Manifest, tables: Iterable[str], columns: Iterable[str] | None = None
) -> list[Recipient]:
    """The recipients that receive a category of data held in ``tables`` (``dataset.table``);
    with ``columns`` (a rectification's changed fields), only those columns' categories."""
    cats = _table_categories(manifest, tables, columns)
    purposes = {p.key: p for p in manifest.purposes}
    found = []
    for r in manifest.recipients:
        theirs = list(r.data_categories) or [
            c for k in r.purposes if k in purposes for c in purposes[k].data_categories
        ]
        if any(is_under(c, k) or is_under(k, c) for c in cats for k in theirs):
            found.append(r)
    return found


def record_notifications(
    engine: sa.Engine,
    manifest: Manifest,
    *,
    request_id: str,
    action: str,
    identities: list[Identity],
    tables: Iterable[str],
    actor: str,
    columns: Iterable[str] | None = None,
    now: dt.datetime | None = None,
) -> list[Notification]:
    """One notification per recipient holding the person's data; a request's second call
    creates none (the unique key is request × recipient). Returns the request's notifications."""
    if not identities:
        raise RecordsError(f"request {request_id}: no identity to notify recipients about")
    holders = recipients_holding(manifest, tables, columns)
    at = now or dt.datetime.now(dt.UTC)
    created: list[str] = []
    with write_transaction(engine) as conn:
        ref = subject_reference(str(min(identities)), secret_key(conn))
        existing = set(
            conn.execute(
                sa.select(recipient_notifications.c.recipient).where(
                    recipient_notifications.c.request_id == request_id
                )
            ).scalars()
        )
        rows = []
        for r in holders:
            if r.name in existing:
                continue
            notify = r.notify
            rows.append(
                {
                    "id": f"ntf_{uuid.uuid4().hex[:16]}",
                    "request_id": request_id,
                    "action": action,
                    "recipient": r.name,
                    "method": notify.method if notify else "manual",
                    "target": (notify.address or notify.url) if notify else None,
                    "identities": json.dumps(sorted(str(i) for i in identities)),
                    "subject_ref": ref,
                    "status": "pending",
                    "created_at": _stamp(at),
                    "due_at": _stamp(
                        at + dt.timedelta(days=notify.deadline_days if notify else 14)
                    ),
                    "attempts": 0,
                }
            )
            created.append(r.name)
        if rows:
            conn.execute(recipient_notifications.insert(), rows)
    if created:
        AuditLog(engine).append(
            actor,
            "recipients.notifications_created",
            subject_ref=ref,
            details={"request_id": request_id, "action": action, "recipients": created},
        )
    return told(engine, request_id=request_id)


_TOLD_OF = (
    sa.select(recipient_notifications)
    .where(recipient_notifications.c.subject_ref.in_(sa.bindparam("refs", expanding=True)))
    .order_by(recipient_notifications.c.created_at, recipient_notifications.c.recipient)
)
"""Some people's notifications (built once: each access request reads them)."""


def told(
    engine: sa.Engine,
    *,
    request_id: str | None = None,
    identities: list[Identity] | None = None,
    status: str | None = None,
    conn: sa.Connection | None = None,
    key: bytes | None = None,
) -> list[Notification]:
    """The notifications of a request, of a person (any of ``identities``), or all; with
    ``conn`` (and Kept's secret ``key``), read on that connection."""
    if conn is None:
        with engine.connect() as own:
            return told(
                engine,
                request_id=request_id,
                identities=identities,
                status=status,
                conn=own,
                key=key,
            )
    t = recipient_notifications
    if identities and request_id is None and status is None:  # a person's (access export)
        key = key if key is not None else secret_key(conn)
        refs = sorted({subject_reference(str(i), key) for i in identities})
        return [_row(r) for r in conn.execute(_TOLD_OF, {"refs": refs}).mappings()]
    query = sa.select(t).order_by(t.c.created_at, t.c.recipient)
    if request_id is not None:
        query = query.where(t.c.request_id == request_id)
    if identities:
        key = key if key is not None else secret_key(conn)
        query = query.where(
            t.c.subject_ref.in_({subject_reference(str(i), key) for i in identities})
        )
    if status is not None:
        query = query.where(t.c.status == status)
    return [_row(r) for r in conn.execute(query).mappings()]


def sign(secret: bytes, body: bytes) -> str:
    """The webhook signature header value: ``sha256=<hex HMAC-SHA256 of the body>``."""
    return "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()


Poster = Callable[[str, bytes, dict[str, str]], int]


def _post(url: str, body: bytes, headers: dict[str, str]) -> int:
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    with urllib.request.urlopen(request, timeout=_TIMEOUT_S) as response:
        return int(response.status)


def _payload(row: sa.RowMapping) -> dict[str, Any]:
    return {
        "notification_id": row["id"],
        "request_id": row["request_id"],
        "action": row["action"],
        "identities": json.loads(row["identities"]),
        "requested_at": row["created_at"],
        "confirm_by": row["due_at"],
    }


def _message(row: sa.RowMapping) -> tuple[str, str]:
    data = _payload(row)
    subject = f"Data subject request {row['request_id']}: {row['action']} (GDPR Art. 19)"
    body = (
        f"We have carried out a {row['action']} of the personal data of the person identified "
        f"by: {', '.join(data['identities'])}.\n\n"
        f"You received this person's data from us. Please apply the same {row['action']} to the "
        f"data you hold and confirm by {row['due_at']}, quoting {row['id']}.\n"
    )
    return subject, body


def dispatch(
    engine: sa.Engine,
    manifest: Manifest,
    mailer: Mailer | None,
    *,
    actor: str,
    env: dict[str, str] | None = None,
    post: Poster | None = None,
    now: dt.datetime | None = None,
) -> dict[str, int]:
    """Send every pending e-mail and webhook notification; returns counts per outcome."""
    if env is None:
        from kept.settings import environment  # pydantic-settings: only when needed

        env = dict(environment())
    environ = env
    send_post = post or _post
    secret_envs = {r.name: r.notify.secret_env for r in manifest.recipients if r.notify}
    t = recipient_notifications
    counts = {"sent": 0, "failed": 0}
    with engine.connect() as conn:
        pending = list(
            conn.execute(
                sa.select(t).where(t.c.status == "pending", t.c.method.in_(("email", "webhook")))
            ).mappings()
        )
    for row in pending:
        error: str | None = None
        try:
            if row["method"] == "email":
                if mailer is None:
                    raise RecordsError("no mailer to send recipient notifications with")
                subject, body = _message(row)
                mailer.send(str(row["target"]), subject, body)
            else:
                secret = environ.get(secret_envs.get(row["recipient"]) or "", "")
                if not secret:
                    raise RecordsError(
                        f"the webhook secret of recipient {row['recipient']!r} is not set"
                    )
                body_bytes = json.dumps(_payload(row), sort_keys=True).encode()
                headers = {
                    "Content-Type": "application/json",
                    SIGNATURE_HEADER: sign(secret.encode(), body_bytes),
                }
                status = send_post(str(row["target"]), body_bytes, headers)
                if not 200 <= status < 300:
                    raise RecordsError(f"webhook answered HTTP {status}")
        except (OSError, urllib.error.URLError, RecordsError) as exc:
            error = str(exc)
        except Exception as exc:
            error = f"{type(exc).__name__}: {exc}"
        with write_transaction(engine) as conn:
            values: dict[str, Any] = {"attempts": t.c.attempts + 1, "detail": error}
            if error is None:
                values |= {"status": "sent", "sent_at": _stamp(now)}
            conn.execute(
                t.update().where(t.c.id == row["id"], t.c.status == "pending").values(**values)
            )
        counts["failed" if error else "sent"] += 1
        AuditLog(engine).append(
            actor,
            "recipients.notification_failed" if error else "recipients.notification_sent",
            subject_ref=row["subject_ref"],
            details={
                "notification_id": row["id"],
                "recipient": row["recipient"],
                "method": row["method"],
                **({"error": error} if error else {}),
            },
        )
    return counts


def confirm(
    engine: sa.Engine,
    notification_id: str,
    *,
    actor: str,
    note: str | None = None,
    now: dt.datetime | None = None,
) -> Notification:
    """Record that the recipient confirmed (or, for ``manual``, was told and confirmed)."""
    t = recipient_notifications
    with write_transaction(engine) as conn:
        row = conn.execute(sa.select(t).where(t.c.id == notification_id)).mappings().first()
        if row is None:
            raise RecordsError(f"no recipient notification {notification_id!r}")
        if row["status"] == "confirmed":
            raise RecordsError(f"notification {notification_id} is already confirmed")
        stamp = _stamp(now)
        conn.execute(
            t.update()
            .where(t.c.id == notification_id)
            .values(
                status="confirmed",
                confirmed_at=stamp,
                sent_at=row["sent_at"] or stamp,
                detail=note or row["detail"],
            )
        )
    AuditLog(engine).append(
        actor,
        "recipients.notification_confirmed",
        subject_ref=row["subject_ref"],
        details={"notification_id": notification_id, "recipient": row["recipient"]},
    )
    with engine.connect() as conn:
        return _row(conn.execute(sa.select(t).where(t.c.id == notification_id)).mappings().one())


def escalate_overdue(
    engine: sa.Engine, *, actor: str, now: dt.datetime | None = None
) -> list[Notification]:
    """Mark every pending or sent notification past its deadline as escalated; set-based."""
    t = recipient_notifications
    stamp = _stamp(now)
    overdue = (t.c.status.in_(("pending", "sent"))) & (t.c.due_at < stamp)
    with write_transaction(engine) as conn:
        rows = list(conn.execute(sa.select(t).where(overdue)).mappings())
        if rows:
            conn.execute(t.update().where(overdue).values(status="escalated", escalated_at=stamp))
    for row in rows:
        AuditLog(engine).append(
            actor,
            "recipients.notification_escalated",
            subject_ref=row["subject_ref"],
            details={
                "notification_id": row["id"],
                "recipient": row["recipient"],
                "due_at": row["due_at"],
            },
        )
    return [
        Notification(**{**_row(r).as_dict(), "status": "escalated", "escalated_at": stamp})
        for r in rows
    ]


def recipients_told_export(
    engine: sa.Engine,
    identities: list[Identity],
    *,
    conn: sa.Connection | None = None,
    key: bytes | None = None,
) -> dict[str, Any]:
    """Who was told of what about the person, and when: ``recipients.json`` of their export
    (with ``conn`` and Kept's secret ``key``: read on that connection)."""
    items = [n.as_dict() for n in told(engine, identities=identities, conn=conn, key=key)]
    return {
        "about": (
            "The recipients of your data we told of an erasure, rectification or restriction "
            "of it (GDPR Art. 19), with when we told them and whether they confirmed."
        ),
        "notifications": items,
    }


def add_recipients_told(export: Path, engine: sa.Engine, identities: list[Identity]) -> int:
    """Append ``recipients.json`` (who was told of what, and when) to an access export zip."""
    data = recipients_told_export(engine, identities)
    with zipfile.ZipFile(export, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(RECIPIENTS_FILE, json.dumps(data, indent=2, ensure_ascii=False))
    return len(data["notifications"])
