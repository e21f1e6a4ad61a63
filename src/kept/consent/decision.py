"""Consent decisions: ``may_process(subject, purpose[, recipient])`` answered with the reason.

A :class:`ConsentService` holds, per process, an in-memory snapshot of the current consent and
opt-out states (loaded once from ``kept_consent_state``) and of the active restrictions and
objections of the rights engine. A decision is then a few dictionary lookups, with no database
round trip, which is what lets it sit in an application's hot path:

- writes made through the service update the snapshot at once (write-through);
- writes made elsewhere (another process, the CLI, the HTTP API of another worker) are read
  from the ledger by sequence number, incrementally, at most ``refresh_seconds`` after they
  were committed (default one second; :meth:`ConsentService.refresh` forces it);
- restrictions are reloaded when their table changes (count, newest creation or lifting).

Records carry the tenant they were made in. A record without one is organisation-wide and
holds in every tenant; a record made in a tenant holds in that tenant only. A decision asked
for a tenant reads the person's organisation-wide and that tenant's records (of a consent or
opt-out recorded in both, the newer counts); asked without one, it reads the organisation-wide
consents and opt-outs, and every restriction and objection of the person whatever its tenant.

The answer combines, in this order: restrictions (GDPR Art. 18) and objections (Art. 21) of
the person; opt-outs covering the purpose or the recipient, recorded or signalled (Global
Privacy Control, CCPA §7025); the recipient's declared purposes; and the purpose's legal
basis: consent must have been given and not withdrawn (marketing under an ``opt_out``
jurisdiction rule goes until the person opts out); legitimate interests stop on objection;
contract, legal obligation, vital and public interest need nothing more.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import sys
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from kept.audit import subject_reference
from kept.consent.ledger import (
    LedgerEntry,
    Record,
    Source,
    State,
    TopicKind,
    consent_ledger,
    consent_state,
    notice_hash,
    parse_subject,
    read_history,
    rows_since,
    write_record,
)
from kept.control import secret_key
from kept.errors import ConsentError
from kept.execution.identity import Identity
from kept.manifest.consent import OptOut, opt_out_recipients
from kept.manifest.models import LegalBasis, Manifest, Purpose
from kept.restriction import restrictions
from kept.taxonomy import is_under

__all__ = ["ConsentService", "Decision"]

_PURPOSE = "p:"
_OPT_OUT = "o:"
_TENANT = "\x1f"  # topic + _TENANT + tenant: the state of a record made in a tenant
_REF_CACHE_LIMIT = 200_000
_FIXED_LIMIT = 10_000
_NOTHING_TO_WITHDRAW = (
    LegalBasis.CONTRACT,
    LegalBasis.LEGAL_OBLIGATION,
    LegalBasis.VITAL_INTERESTS,
)


@dataclass(frozen=True, slots=True)
class Decision:
    """The answer to ``may_process``: allowed or not, a stable ``code`` and the ``reason``."""

    allowed: bool
    code: str
    reason: str
    purpose: str
    legal_basis: str | None
    recipient: str | None = None
    since: str | None = None
    policy_version: str | None = None

    def __bool__(self) -> bool:
        return self.allowed

    def as_dict(self) -> dict[str, Any]:
        return {
            "allowed": self.allowed,
            "code": self.code,
            "reason": self.reason,
            "purpose": self.purpose,
            "legal_basis": self.legal_basis,
            "recipient": self.recipient,
            "since": self.since,
            "policy_version": self.policy_version,
        }


@dataclass(slots=True)
class _Current:
    state: str
    recorded_at: str
    policy_version: str | None
    source: str
    seq: int = 0
    # The decisions this state gave, by (purpose, recipient): a state is replaced, never
    # changed, when a new record arrives, so the memo never goes stale.
    memo: dict[tuple[str, str | None], Decision] | None = None

    def remember(self, key: tuple[str, str | None], decision: Decision) -> Decision:
        if self.memo is None:
            self.memo = {}
        self.memo[key] = decision
        return decision


@dataclass(frozen=True, slots=True)
class _Restriction:
    id: str
    kind: str
    purposes: frozenset[str] | None  # None: every purpose but storage
    tenant: str | None = None  # None: organisation-wide


@dataclass(frozen=True, slots=True)
class _Rule:
    """What a decision about one purpose needs, derived once from the manifest."""

    key: str
    basis: LegalBasis | None
    basis_name: str | None
    marketing: bool
    interest: str | None
    opt_outs: tuple[tuple[str, bool], ...]  # (opt-out key, a GPC signal is this opt-out)


def _topic_key(prefix: str, topic: str, tenant: str | None) -> str:
    return prefix + topic if not tenant else prefix + topic + _TENANT + tenant


def _newer(states: dict[str, _Current] | None, key: str, tenant: str | None) -> _Current | None:
    """The state of ``key`` in ``tenant``: the newer of the organisation-wide record and the
    tenant's own."""
    if not states:
        return None
    current = states.get(key)
    if tenant:
        own = states.get(key + _TENANT + tenant)
        if own is not None and (current is None or own.seq > current.seq):
            return own
    return current


def _restricted(
    held: list[_Restriction],
    purpose: str,
    basis: str | None,
    recipient: str | None,
    tenant: str | None,
) -> Decision | None:
    for r in held:
        if tenant is not None and r.tenant is not None and r.tenant != tenant:
            continue  # another tenant's restriction
        if r.purposes is None or purpose in r.purposes:
            law = "GDPR Art. 21" if r.kind == "objection" else "GDPR Art. 18"
            return Decision(False, r.kind, f"{r.kind} {r.id} ({law})", purpose, basis, recipient)
    return None


class ConsentService:
    """Record consents and opt-outs, and answer ``may_process``, for one manifest.

    ``engine`` is the control-plane database (:func:`kept.control.open_control`). The service
    is safe to share between threads.
    """

    def __init__(
        self,
        manifest: Manifest,
        engine: sa.Engine,
        *,
        refresh_seconds: float = 1.0,
        actor: str = "kept",
    ) -> None:
        self.manifest = manifest
        self.engine = engine
        self.actor = actor
        self.refresh_seconds = refresh_seconds
        self.config = manifest.consent
        self.policy_version = manifest.notice.version if manifest.notice else None
        self._lock = threading.RLock()
        self._rules = {p.key: self._rule(p) for p in manifest.purposes}
        self._recipients = {r.name: r for r in manifest.recipients}
        self._recipient_opt_outs: dict[str, tuple[tuple[str, bool], ...]] = {
            r.name: () for r in manifest.recipients
        }
        for opt in self.config.opt_outs:
            for recipient in opt_out_recipients(manifest, opt):
                gpc = opt.gpc and self.config.gpc
                self._recipient_opt_outs[recipient.name] += ((opt.key, gpc),)
        self._refs: dict[str, str] = {}
        self._fixed_decisions: dict[tuple[Any, ...], Decision] = {}
        self._subjects: dict[str, dict[str, _Current]] = {}
        self._restrictions: dict[str, list[_Restriction]] = {}
        self._restriction_mark: tuple[Any, ...] | None = None
        self._seq = 0
        self._due = 0.0
        with engine.connect() as conn:
            self._secret = secret_key(conn)
        self._load()

    # -- recording -------------------------------------------------------------------------

    def grant(self, subject: str | Identity, purpose: str, **how: Any) -> LedgerEntry | None:
        """Record that ``subject`` consented to ``purpose``; ``None`` when it already had.

        ``how``: ``source`` (default ``api``), ``policy_version`` (default the manifest's
        notice version), ``notice_text`` (hashed; default the purpose as the manifest words
        it), ``evidence`` (a JSON object), ``jurisdiction``, ``actor``, ``tenant`` (the record
        then holds in that tenant only; without it, in every tenant).
        """
        return self._record(subject, TopicKind.PURPOSE, purpose, State.GRANTED, **how)

    def withdraw(self, subject: str | Identity, purpose: str, **how: Any) -> LedgerEntry | None:
        """Record that ``subject`` withdrew consent to (or objected to) ``purpose``: one call,
        as easy as :meth:`grant` (GDPR Art. 7(3)). ``None`` when it already was withdrawn."""
        return self._record(subject, TopicKind.PURPOSE, purpose, State.WITHDRAWN, **how)

    def opt_out(self, subject: str | Identity, opt_out: str, **how: Any) -> LedgerEntry | None:
        """Record an opt-out of the manifest (group sharing, do not sell or share)."""
        return self._record(subject, TopicKind.OPT_OUT, opt_out, State.OPTED_OUT, **how)

    def opt_in(self, subject: str | Identity, opt_out: str, **how: Any) -> LedgerEntry | None:
        """Undo an opt-out (the person asked for it again)."""
        return self._record(subject, TopicKind.OPT_OUT, opt_out, State.OPTED_IN, **how)

    def record_gpc(self, subject: str | Identity, **how: Any) -> list[LedgerEntry]:
        """A Global Privacy Control signal from ``subject``: every opt-out marked ``gpc`` is
        recorded (source ``gpc``), once. Returns the records written."""
        if not self.config.gpc:
            return []
        how.setdefault("source", Source.GPC.value)
        written = []
        for opt in self.config.opt_outs:
            if opt.gpc:
                entry = self.opt_out(subject, opt.key, **how)
                if entry is not None:
                    written.append(entry)
        return written

    def _record(
        self,
        subject: str | Identity | None,
        kind: TopicKind,
        topic: str,
        state: State,
        *,
        source: str = Source.API.value,
        policy_version: str | None = None,
        notice_text: str | None = None,
        evidence: Mapping[str, Any] | None = None,
        jurisdiction: str | None = None,
        actor: str | None = None,
        tenant: str | None = None,
        force: bool = False,
        subject_ref: str | None = None,
        subject_kind: str | None = None,
    ) -> LedgerEntry | None:
        identity = parse_subject(subject) if subject is not None else None
        if kind is TopicKind.PURPOSE:
            purpose = self._purpose(topic)
            if purpose.legal_basis in _NOTHING_TO_WITHDRAW:
                basis = purpose.legal_basis.value if purpose.legal_basis else ""
                raise ConsentError(
                    f"purpose {topic!r} rests on {basis.replace('_', ' ')}: there is no "
                    "consent to give or withdraw, and an objection (GDPR Art. 21) applies only "
                    "to legitimate or public interest; a restriction is a rights request "
                    "(kept request restrict)"
                )
            text = notice_text or self._notice_text(purpose)
        else:
            opt = self._opt_out(topic)
            text = notice_text or f"{opt.key}: {opt.name or opt.kind.value}"
        if not source:
            raise ConsentError("a consent record needs its source (banner, form, api, ...)")
        record = Record(
            subject=identity,
            topic_kind=kind,
            topic=topic,
            state=state,
            source=source,
            policy_version=policy_version or self.policy_version,
            notice_hash=notice_hash(text),
            jurisdiction=jurisdiction,
            evidence=evidence,
            actor=actor or self.actor,
            tenant=tenant,
            subject_ref=subject_ref,
            subject_kind=subject_kind,
        )
        entry = write_record(self.engine, record, force=force)
        if entry is not None:
            with self._lock:
                self._apply(
                    entry.subject_ref,
                    _topic_key(_PURPOSE if kind is TopicKind.PURPOSE else _OPT_OUT, topic, tenant),
                    _Current(
                        entry.state.value,
                        entry.recorded_at,
                        entry.policy_version,
                        source,
                        entry.seq,
                    ),
                )
        return entry

    # -- reading ---------------------------------------------------------------------------

    def history(self, subject: str | Identity, *, topic: str | None = None) -> list[LedgerEntry]:
        """Every ledger record about ``subject``, oldest first."""
        return read_history(self.engine, parse_subject(subject), topic=topic)

    def state(
        self, subject: str | Identity, *, gpc: bool = False, tenant: str | None = None
    ) -> dict[str, Any]:
        """The person's current state (in ``tenant``, if given): a decision per purpose and
        the opt-outs in force."""
        self._maybe_refresh()
        ref = self._ref(subject)
        states = self._subjects.get(ref, {})
        opt_outs = {}
        for opt in self.config.opt_outs:
            current = _newer(states, _OPT_OUT + opt.key, tenant)
            opt_outs[opt.key] = current.state if current is not None else None
        return {
            "subject_ref": ref,
            "policy_version": self.policy_version,
            "tenant": tenant,
            "purposes": {
                key: self.may_process(subject, key, gpc=gpc, tenant=tenant).as_dict()
                for key in self._rules
            },
            "opt_outs": opt_outs,
        }

    def export(self, subject: str | Identity) -> dict[str, Any]:
        """The person's ledger and current state, for an access request (GDPR Art. 15)."""
        return {
            "subject": str(parse_subject(subject)),
            "generated_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "current": self.state(subject),
            "ledger": [e.as_dict() for e in self.history(subject)],
        }

    def subject_ref(self, subject: str | Identity) -> str:
        """The keyed reference under which ``subject`` is recorded (never the identity)."""
        return self._ref(subject)

    def withdraw_ref(
        self, subject_ref: str, subject_kind: str, purpose: str, **how: Any
    ) -> LedgerEntry | None:
        """:meth:`withdraw` for a subject known only by its reference (an unsubscribe link)."""
        return self._record(
            None,
            TopicKind.PURPOSE,
            purpose,
            State.WITHDRAWN,
            subject_ref=subject_ref,
            subject_kind=subject_kind,
            **how,
        )

    def signing_key(self, label: str) -> bytes:
        """A key derived from Kept's secret key for one use (``label``), e.g. link tokens."""
        return hmac.new(self._secret, f"kept.{label}".encode(), hashlib.sha256).digest()

    # -- deciding --------------------------------------------------------------------------

    def may_process(
        self,
        subject: str | Identity,
        purpose: str,
        recipient: str | None = None,
        *,
        gpc: bool = False,
        jurisdiction: str | None = None,
        tenant: str | None = None,
    ) -> Decision:
        """Whether ``subject``'s data may be used for ``purpose`` (and sent to ``recipient``).

        ``gpc``: the request carries a Global Privacy Control signal (``Sec-GPC: 1``);
        ``jurisdiction``: the person's, for the marketing rule (default: the strict opt-in);
        ``tenant``: the tenant processing (its records and the organisation-wide ones count;
        without it, the organisation-wide records and every restriction of the person).
        """
        if time.monotonic() >= self._due:
            self._maybe_refresh()
        rule = self._rules.get(purpose)
        if rule is None:
            self._purpose(purpose)  # raises, naming the declared purposes
            raise AssertionError  # pragma: no cover
        basis = rule.basis_name
        ref = self._refs.get(subject) if isinstance(subject, str) else None
        if ref is None:
            ref = self._ref(subject)
        states = self._subjects.get(ref)
        held = self._restrictions.get(ref)
        if held:
            restricted = _restricted(held, purpose, basis, recipient, tenant)
            if restricted is not None:
                return restricted
        blockers = rule.opt_outs
        if recipient is not None:
            declared = self._recipients.get(recipient)
            if declared is None:
                raise ConsentError(
                    f"unknown recipient {recipient!r}; declared: {sorted(self._recipients)}"
                )
            if declared.purposes and purpose not in declared.purposes:
                return self._fixed(
                    ("undeclared", purpose, recipient),
                    False,
                    "undeclared_flow",
                    f"recipient {recipient!r} is not declared for purpose {purpose!r}",
                    basis,
                )
            blockers = blockers + self._recipient_opt_outs[recipient]
        for key, by_gpc in blockers:
            current = _newer(states, _OPT_OUT + key, tenant)
            if current is not None and current.state == "opted_out":
                memo = (purpose, recipient)
                known = current.memo.get(memo) if current.memo else None
                return known or current.remember(
                    memo,
                    Decision(
                        False,
                        "opted_out",
                        f"opted out of {key!r} at {current.recorded_at} ({current.source})",
                        purpose,
                        basis,
                        recipient,
                        current.recorded_at,
                        current.policy_version,
                    ),
                )
            if gpc and by_gpc:
                return self._fixed(
                    ("gpc", purpose, recipient, key),
                    False,
                    "gpc",
                    f"Global Privacy Control signal: opt-out {key!r} (CCPA §7025)",
                    basis,
                )
        current = _newer(states, _PURPOSE + purpose, tenant)
        if current is not None:
            known = current.memo.get((purpose, recipient)) if current.memo else None
            if known is not None:
                return known
            answer = self._by_basis(rule, basis, current, recipient, jurisdiction)
            return current.remember((purpose, recipient), answer) if answer.since else answer
        return self._by_basis(rule, basis, None, recipient, jurisdiction)

    def _fixed(
        self, key: tuple[Any, ...], allowed: bool, code: str, reason: str, basis: str | None
    ) -> Decision:
        """A decision that does not depend on the person, made once per ``key``."""
        known = self._fixed_decisions.get(key)
        if known is None:
            if len(self._fixed_decisions) >= _FIXED_LIMIT:
                self._fixed_decisions.clear()
            purpose, recipient = key[1], key[2]
            known = Decision(allowed, code, reason, purpose, basis, recipient)
            self._fixed_decisions[key] = known
        return known

    def _by_basis(
        self,
        rule: _Rule,
        basis: str | None,
        current: _Current | None,
        recipient: str | None,
        jurisdiction: str | None,
    ) -> Decision:
        purpose = rule.key
        if current is not None and current.state == "withdrawn":
            what = "objected" if rule.basis is not LegalBasis.CONSENT else "consent withdrawn"
            return Decision(
                False,
                "objected" if rule.basis is not LegalBasis.CONSENT else "consent_withdrawn",
                f"{what} at {current.recorded_at} ({current.source})",
                purpose,
                basis,
                recipient,
                current.recorded_at,
                current.policy_version,
            )
        if rule.basis is LegalBasis.CONSENT:
            if current is not None:
                return Decision(
                    True,
                    "consent_given",
                    f"consent given at {current.recorded_at} ({current.source}"
                    + (f", policy {current.policy_version})" if current.policy_version else ")"),
                    purpose,
                    basis,
                    recipient,
                    current.recorded_at,
                    current.policy_version,
                )
            if rule.marketing and self.config.marketing_rule(jurisdiction) == "opt_out":
                return self._fixed(
                    ("opt_out_rule", purpose, recipient, jurisdiction),
                    True,
                    "marketing_opt_out_rule",
                    f"marketing may go to {jurisdiction} until the person opts out; "
                    "no opt-out recorded",
                    basis,
                )
            return self._fixed(
                ("no_consent", purpose, recipient),
                False,
                "no_consent",
                f"no consent recorded for {purpose!r} (legal basis: consent)",
                basis,
            )
        if rule.basis is None:
            return self._fixed(
                ("no_basis", purpose, recipient),
                False,
                "no_legal_basis",
                f"purpose {purpose!r} declares no legal basis",
                None,
            )
        if rule.basis is LegalBasis.LEGITIMATE_INTERESTS:
            reason = f"legitimate interests: {rule.interest}; no objection recorded"
        else:
            reason = f"legal basis: {basis.replace('_', ' ') if basis else basis}"
        return self._fixed(("basis", purpose, recipient), True, "legal_basis", reason, basis)

    # -- the snapshot ----------------------------------------------------------------------

    def refresh(self) -> None:
        """Read what other processes recorded since the snapshot was taken."""
        with self._lock, self.engine.connect() as conn:
            for row in rows_since(conn, self._seq):
                prefix = _PURPOSE if row["topic_kind"] == TopicKind.PURPOSE.value else _OPT_OUT
                self._apply(
                    row["subject_ref"],
                    _topic_key(prefix, row["topic"], row["tenant"]),
                    _Current(
                        row["state"],
                        row["recorded_at"],
                        row["policy_version"],
                        row["source"],
                        int(row["seq"]),
                    ),
                )
                self._seq = max(self._seq, int(row["seq"]))
            self._load_restrictions(conn)
            self._due = time.monotonic() + self.refresh_seconds

    def _maybe_refresh(self) -> None:
        if time.monotonic() >= self._due:
            self.refresh()

    def _load(self) -> None:
        with self._lock, self.engine.connect() as conn:
            self._seq = int(
                conn.execute(sa.select(sa.func.max(consent_ledger.c.seq))).scalar() or 0
            )
            rows = conn.execute(
                sa.select(
                    consent_state.c.subject_ref,
                    consent_state.c.topic_kind,
                    consent_state.c.topic,
                    consent_state.c.state,
                    consent_state.c.recorded_at,
                    consent_state.c.policy_version,
                    consent_state.c.source,
                    consent_state.c.seq,
                    consent_state.c.tenant,
                ).where(consent_state.c.seq <= self._seq)
            )
            for ref, kind, topic, state, at, version, source, seq, tenant in rows:
                prefix = _PURPOSE if kind == TopicKind.PURPOSE.value else _OPT_OUT
                self._apply(
                    ref,
                    _topic_key(prefix, topic, tenant),
                    _Current(state, at, version, source, int(seq)),
                )
        self.refresh()

    def _apply(self, ref: str, topic: str, current: _Current) -> None:
        # Topics, states, sources and versions repeat across people: share one copy of each.
        current.state = sys.intern(current.state)
        current.source = sys.intern(current.source)
        if current.policy_version is not None:
            current.policy_version = sys.intern(current.policy_version)
        states = self._subjects.get(ref)
        if states is None:
            states = self._subjects[ref] = {}
        states[sys.intern(topic)] = current

    def _load_restrictions(self, conn: sa.Connection) -> None:
        mark = tuple(
            conn.execute(
                sa.select(
                    sa.func.count(),
                    sa.func.max(restrictions.c.created_at),
                    sa.func.max(restrictions.c.lifted_at),
                )
            ).one()
        )
        if mark == self._restriction_mark:
            return
        held: dict[str, list[_Restriction]] = {}
        rows = conn.execute(
            sa.select(
                restrictions.c.id,
                restrictions.c.kind,
                restrictions.c.subject_ref,
                restrictions.c.purposes,
                restrictions.c.tenant,
            ).where(restrictions.c.lifted_at.is_(None))
        )
        for rid, kind, ref, purposes, tenant in rows:
            keys = json.loads(purposes)
            held.setdefault(ref, []).append(
                _Restriction(rid, kind, frozenset(keys) if keys else None, tenant)
            )
        self._restrictions = held
        self._restriction_mark = mark

    # -- helpers ---------------------------------------------------------------------------

    def _ref(self, subject: str | Identity) -> str:
        key = subject if isinstance(subject, str) else str(subject)
        ref = self._refs.get(key)
        if ref is None:
            ref = subject_reference(str(parse_subject(subject)), self._secret)
            if len(self._refs) >= _REF_CACHE_LIMIT:
                self._refs.clear()
            self._refs[key] = ref
        return ref

    def _rule(self, purpose: Purpose) -> _Rule:
        blockers = tuple(
            (opt.key, opt.gpc and self.config.gpc)
            for opt in self.config.opt_outs
            if purpose.key in opt.purposes
        )
        return _Rule(
            key=purpose.key,
            basis=purpose.legal_basis,
            basis_name=purpose.legal_basis.value if purpose.legal_basis else None,
            marketing=is_under(purpose.data_use, "marketing"),
            interest=purpose.legitimate_interest,
            opt_outs=blockers,
        )

    def _purpose(self, key: str) -> Purpose:
        purpose = self.manifest.purpose(key)
        if purpose is None:
            raise ConsentError(
                f"unknown purpose {key!r}; declared: {[p.key for p in self.manifest.purposes]}"
            )
        return purpose

    def _opt_out(self, key: str) -> OptOut:
        opt = self.config.opt_out(key)
        if opt is None:
            raise ConsentError(
                f"unknown opt-out {key!r}; declared: {[o.key for o in self.config.opt_outs]}"
            )
        return opt

    def _notice_text(self, purpose: Purpose) -> str:
        notice = self.manifest.notice
        head = f"{notice.version} {notice.url or ''}" if notice else ""
        return f"{head} {purpose.key}: {purpose.name}. {purpose.description or ''}"
