"""Policy versions: each notice recorded, two manifests compared, the people to tell.

- :func:`record_version` stores the notice a manifest states (hash of its Markdown, the date,
  the text and the manifest) when that hash is new: the history of what people were told.
- :func:`diff_manifests` classifies the changes between two manifests: **material** (a new
  purpose, a new category for a purpose, a new recipient or category sent to one, a new
  transfer country or a changed safeguard, a changed legal basis, a longer (or unreadable)
  retention, a right no longer offered) or **editorial** (everything else the notice says).
- :func:`people_to_notify` streams the people in the collections a material change touches
  (by identity, deduplicated by the database; the breach engine's data-map walk);
  :func:`notify_change` e-mails each of them once through Kept's mailer and records one row per
  person; :func:`mark_consent_renewals` marks the consents given under another notice version
  for a touched purpose as needing renewal (set-based).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from kept.audit import AuditLog, subject_reference
from kept.breach.affected import Scope, affected_people
from kept.consent.ledger import consent_state
from kept.control import secret_key, write_transaction
from kept.control.schema import consent_renewals, notice_notifications, notice_versions
from kept.mail import Mailer, is_address
from kept.manifest.datamap import DataMap
from kept.manifest.models import Manifest
from kept.notice.document import build_notice
from kept.notice.render import render_markdown
from kept.stores.engine import StoreEngines
from kept.taxonomy import is_under

__all__ = [
    "Change",
    "NoticeDiff",
    "consent_renewals",
    "diff_manifests",
    "mark_consent_renewals",
    "notice_hash",
    "notice_notifications",
    "notice_versions",
    "notify_change",
    "people_to_notify",
    "record_version",
]

_BATCH = 1_000
_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
_PERIOD = re.compile(r"(\d+)\s*(day|week|month|year)s?", re.IGNORECASE)


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def notice_hash(manifest: Manifest) -> tuple[str, str]:
    """The notice's Markdown and the SHA-256 of it."""
    text = render_markdown(build_notice(manifest))
    return text, hashlib.sha256(text.encode("utf-8")).hexdigest()


def record_version(engine: sa.Engine, manifest: Manifest, *, actor: str) -> tuple[str, bool]:
    """Record the manifest's notice when its text is new; returns (hash, recorded now)."""
    text, digest = notice_hash(manifest)
    notice = manifest.notice
    with write_transaction(engine) as conn:
        if conn.execute(
            sa.select(notice_versions.c.hash).where(notice_versions.c.hash == digest)
        ).first():
            return digest, False
        conn.execute(
            notice_versions.insert().values(
                hash=digest,
                version=notice.version if notice else None,
                recorded_at=_now(),
                effective=notice.effective.isoformat() if notice and notice.effective else None,
                text=text,
                manifest=manifest.model_dump_json(by_alias=True, exclude_defaults=True),
            )
        )
    AuditLog(engine).append(
        actor,
        "notice.version_recorded",
        details={"hash": digest, "version": notice.version if notice else None},
    )
    return digest, True


@dataclass(frozen=True)
class Change:
    material: bool
    kind: str
    what: str
    purposes: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    everyone: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "material": self.material,
            "kind": self.kind,
            "what": self.what,
            "purposes": list(self.purposes),
            "categories": list(self.categories),
            "everyone": self.everyone,
        }


@dataclass
class NoticeDiff:
    old_hash: str
    new_hash: str
    changes: list[Change] = field(default_factory=list)

    @property
    def material(self) -> list[Change]:
        return [c for c in self.changes if c.material]

    @property
    def purposes(self) -> set[str]:
        return {p for c in self.material for p in c.purposes}

    def as_dict(self) -> dict[str, Any]:
        return {
            "old_hash": self.old_hash,
            "new_hash": self.new_hash,
            "material": bool(self.material),
            "changes": [c.as_dict() for c in self.changes],
        }


def _days(text: str | None) -> int | None:
    found = _PERIOD.findall(text or "")
    if not found:
        return None
    return max(int(n) * _DAYS[unit.lower()] for n, unit in found)


def diff_manifests(old: Manifest, new: Manifest) -> NoticeDiff:
    """The changes of the notice from ``old`` to ``new``, each material or editorial."""
    old_text, old_hash = notice_hash(old)
    new_text, new_hash = notice_hash(new)
    diff = NoticeDiff(old_hash, new_hash)
    add = diff.changes.append
    _purpose_changes(old, new, add)
    _recipient_changes(old, new, add)
    weaker = {o.right for o in old.rights} - {o.right for o in new.rights}
    for right in sorted(weaker, key=lambda x: x.value):
        add(
            Change(
                True, "weaker_right", f"right {right.value!r} is no longer offered", everyone=True
            )
        )
    if old_text != new_text and not diff.changes:
        add(Change(False, "wording", "the notice's wording changed"))
    return diff


def _purpose_changes(old: Manifest, new: Manifest, add: Callable[[Change], None]) -> None:
    before = {p.key: p for p in old.purposes}
    for p in new.purposes:
        was = before.get(p.key)
        cats = tuple(p.data_categories)
        if was is None:
            add(Change(True, "new_purpose", f"new purpose {p.key!r} ({p.name})", (p.key,), cats))
            continue
        added = tuple(c for c in p.data_categories if c not in was.data_categories)
        if added:
            add(
                Change(
                    True,
                    "new_category",
                    f"purpose {p.key!r} now processes {', '.join(added)}",
                    (p.key,),
                    added,
                )
            )
        if p.legal_basis != was.legal_basis:
            add(
                Change(
                    True,
                    "legal_basis",
                    f"purpose {p.key!r}: legal basis "
                    f"{getattr(was.legal_basis, 'value', None)} → "
                    f"{getattr(p.legal_basis, 'value', None)}",
                    (p.key,),
                    cats,
                )
            )
        if p.retention != was.retention:
            old_days, new_days = _days(was.retention), _days(p.retention)
            longer = old_days is None or new_days is None or new_days > old_days
            add(
                Change(
                    longer,
                    "retention",
                    f"purpose {p.key!r}: retention {was.retention!r} → {p.retention!r}"
                    + ("" if longer else " (shorter)"),
                    (p.key,),
                    cats,
                )
            )
        if (p.name, p.description, p.legitimate_interest) != (
            was.name,
            was.description,
            was.legitimate_interest,
        ):
            add(Change(False, "wording", f"purpose {p.key!r}: wording"))
    for key in before.keys() - {p.key for p in new.purposes}:
        add(Change(False, "purpose_removed", f"purpose {key!r} is no longer pursued"))


def _recipient_changes(old: Manifest, new: Manifest, add: Callable[[Change], None]) -> None:
    purposes = {p.key: p for p in new.purposes}
    earlier = {r.name: r for r in old.recipients}
    for r in new.recipients:
        was_r = earlier.get(r.name)
        cats = tuple(r.data_categories) or tuple(
            c for k in r.purposes if k in purposes for c in purposes[k].data_categories
        )
        if was_r is None:
            add(Change(True, "new_recipient", f"new recipient {r.name!r}", tuple(r.purposes), cats))
            continue
        added = tuple(c for c in r.data_categories if c not in was_r.data_categories)
        if added:
            add(
                Change(
                    True,
                    "recipient_category",
                    f"recipient {r.name!r} now receives {', '.join(added)}",
                    tuple(r.purposes),
                    added,
                )
            )
        countries = tuple(c for c in r.all_countries if c not in was_r.all_countries)
        if countries or r.transfer_safeguard != was_r.transfer_safeguard:
            add(
                Change(
                    True,
                    "transfer",
                    f"recipient {r.name!r}: transfer to "
                    f"{', '.join(r.all_countries) or '-'} under "
                    f"{getattr(r.transfer_safeguard, 'value', None)}",
                    tuple(r.purposes),
                    cats,
                )
            )
    for name in earlier.keys() - {r.name for r in new.recipients}:
        add(Change(False, "recipient_removed", f"recipient {name!r} no longer receives data"))


def _touched_collections(manifest: Manifest, diff: NoticeDiff) -> list[str]:
    dm = DataMap.build(manifest)
    changes = diff.material
    everyone = any(c.everyone for c in changes)
    cats = {c for ch in changes for c in ch.categories}
    found = []
    for node, coll in dm.collections.items():
        if not dm.personal(node):
            continue
        held = {c for f in dm.fields(node).values() for c in f.data_categories or []}
        held |= set(coll.data_categories or [])
        if everyone or any(is_under(h, c) or is_under(c, h) for h in held for c in cats):
            found.append(str(node))
    return found


def people_to_notify(
    manifest: Manifest, diff: NoticeDiff, engines: StoreEngines
) -> Iterator[tuple[str, str, str | None]]:
    """``(kind, identity, tenant)`` of the people in the collections a material change
    touches, each identity once per store (nothing when every change is editorial)."""
    collections = _touched_collections(manifest, diff) if diff.material else []
    if not collections:
        return iter(())
    return affected_people(manifest, Scope(collections=tuple(collections)), engines)


def _message(manifest: Manifest, diff: NoticeDiff) -> tuple[str, str]:
    org = manifest.organization
    name = (org.legal_name or org.name) if org else "We"
    url = manifest.notice.url if manifest.notice and manifest.notice.url else None
    lines = "\n".join(f"- {c.what}" for c in diff.material)
    body = (
        f"{name} has changed its privacy notice in ways that matter to you:\n\n{lines}\n\n"
        + (f"Read the new notice: {url}\n" if url else "")
        + "You can exercise your rights at any time, as the notice explains.\n"
    )
    return f"{name} has updated its privacy notice", body


def notify_change(
    control: sa.Engine,
    manifest: Manifest,
    diff: NoticeDiff,
    engines: StoreEngines,
    mailer: Mailer,
    *,
    actor: str,
) -> int:
    """E-mail each person a material change concerns, once per notice version, and record
    one row per person; returns how many were sent now."""
    if not diff.material:
        return 0
    subject, body = _message(manifest, diff)
    with control.connect() as conn:
        key = secret_key(conn)
    sent = 0
    batch: list[dict[str, str]] = []
    seen: set[str] = set()

    def flush() -> None:
        if not batch:
            return
        with write_transaction(control) as conn:
            conn.execute(notice_notifications.insert(), batch)
        batch.clear()

    with control.connect() as conn:
        done = set(
            conn.execute(
                sa.select(notice_notifications.c.subject_ref).where(
                    notice_notifications.c.version_hash == diff.new_hash
                )
            ).scalars()
        )
    for _kind, value, _tenant in people_to_notify(manifest, diff, engines):
        if not is_address(value):
            continue
        ref = subject_reference(f"email={value}", key)
        if ref in done or ref in seen:
            continue
        seen.add(ref)
        mailer.send(value, subject, body)
        batch.append(
            {
                "version_hash": diff.new_hash,
                "subject_ref": ref,
                "channel": "email",
                "sent_at": _now(),
            }
        )
        sent += 1
        if len(batch) >= _BATCH:
            flush()
    flush()
    AuditLog(control).append(
        actor,
        "notice.change_notified",
        details={"hash": diff.new_hash, "people": sent, "changes": [c.what for c in diff.material]},
    )
    return sent


def mark_consent_renewals(
    control: sa.Engine, diff: NoticeDiff, *, new_version: str, actor: str
) -> int:
    """Mark the granted consents to a touched purpose given under another notice version as
    needing renewal (one ``INSERT ... SELECT``); returns how many were marked."""
    purposes = sorted(diff.purposes)
    if not purposes:
        return 0
    s, r = consent_state, consent_renewals
    already = sa.select(sa.literal(1)).where(
        r.c.subject_ref == s.c.subject_ref, r.c.purpose == s.c.topic, r.c.to_version == new_version
    )
    source = (
        sa.select(
            s.c.subject_ref,
            s.c.topic,
            sa.literal(new_version, sa.String),
            sa.func.min(s.c.policy_version),  # one row per person and purpose, whatever tenants
            sa.literal(_now(), sa.String),
        )
        .where(
            s.c.topic_kind == "purpose",
            s.c.state == "granted",
            s.c.topic.in_(purposes),
            sa.or_(s.c.policy_version.is_(None), s.c.policy_version != new_version),
            ~sa.exists(already),
        )
        .group_by(s.c.subject_ref, s.c.topic)
    )
    with write_transaction(control) as conn:
        result = conn.execute(
            r.insert().from_select(
                ["subject_ref", "purpose", "to_version", "from_version", "marked_at"], source
            )
        )
        marked = int(result.rowcount or 0)
    AuditLog(control).append(
        actor,
        "notice.consents_marked_for_renewal",
        details={"version": new_version, "purposes": purposes, "consents": marked},
    )
    return marked
