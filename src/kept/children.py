"""Children: minimum ages per jurisdiction, guardians' consent, and the accounts to act on.

The manifest's ``children:`` block says where a person's age shows (a date-of-birth column,
the column of their jurisdiction) or where a report lands (the column set when a parent or
someone else reports a child), the minimum age per jurisdiction, and the consent purpose that
records a guardian's consent. A guardian's consent is a record of the consent ledger for the
child (source ``guardian``) whose evidence holds the guardian's keyed reference, the
verification method and its reference, never the guardian's identity in clear.

:func:`children_report` lists every account under the minimum age, or reported as a child,
that has no guardian's consent recorded: the accounts to delete or to ask consent for. It
reads the stores with one bounded query per collection and the ledger's current state.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from kept.audit import subject_reference
from kept.consent import ConsentService, LedgerEntry
from kept.consent.ledger import consent_state
from kept.control import secret_key
from kept.errors import ConsentError
from kept.execution.identity import Identity
from kept.manifest.loader import LoadedManifest
from kept.manifest.models import Collection
from kept.stores import StoreEngines

__all__ = ["ChildAccount", "ChildrenReport", "children_report", "record_guardian_consent"]


@dataclass(frozen=True)
class ChildAccount:
    collection: str
    key: dict[str, str]
    reason: str  # "reported" or "under_minimum_age"
    since: str | None
    minimum_age: int | None
    jurisdiction: str | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "collection": self.collection,
            "key": self.key,
            "reason": self.reason,
            "since": self.since,
            "minimum_age": self.minimum_age,
            "jurisdiction": self.jurisdiction,
        }


@dataclass
class ChildrenReport:
    today: dt.date
    without_consent: list[ChildAccount] = field(default_factory=list)
    with_consent: int = 0
    erase_within_days: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "today": self.today.isoformat(),
            "without_guardian_consent": [a.as_dict() for a in self.without_consent],
            "with_guardian_consent": self.with_consent,
            "erase_within_days": self.erase_within_days,
        }


def record_guardian_consent(
    consent: ConsentService,
    child: Identity,
    guardian: Identity,
    *,
    method: str,
    reference: str | None = None,
    actor: str = "kept",
) -> LedgerEntry | None:
    """Record a guardian's verified consent for ``child`` under the manifest's
    ``children.guardian_consent`` purpose; the guardian is kept as a keyed reference."""
    purpose = consent.manifest.children.guardian_consent
    if purpose is None:
        raise ConsentError("the manifest's children: block names no guardian_consent purpose")
    if not method.strip():
        raise ConsentError("a guardian's consent needs the verification method")
    with consent.engine.connect() as conn:
        guardian_ref = subject_reference(str(guardian), secret_key(conn))
    evidence = {"guardian": guardian_ref, "method": method.strip(), "reference": reference}
    return consent.grant(child, purpose, source="guardian", evidence=evidence, actor=actor)


def _split(ref: str) -> tuple[str, str]:
    collection, _, column = ref.rpartition(".")
    return collection, column


def _collection(loaded: LoadedManifest, name: str) -> tuple[str, Collection]:
    dataset_key, _, table = name.partition(".")
    dataset = loaded.manifest.dataset_by_key(dataset_key)
    store = loaded.manifest.store_for(dataset_key)
    found = next((c for c in dataset.collections if c.name == table), None) if dataset else None
    if found is None or store is None:
        raise ConsentError(f"children: unknown collection {name!r}")
    return store.name, found


def _age_on(birth: dt.date, today: dt.date) -> int:
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def children_report(
    loaded: LoadedManifest,
    control: sa.Engine,
    engines: StoreEngines,
    *,
    today: dt.date | None = None,
) -> ChildrenReport:
    """Accounts under the minimum age (or reported as children) with no guardian consent."""
    config = loaded.manifest.children
    day = today or dt.datetime.now(dt.UTC).date()
    report = ChildrenReport(day, erase_within_days=config.erase_within_days)
    fallback = loaded.manifest.organization.minimum_age if loaded.manifest.organization else None
    columns = {
        label: _split(ref)
        for label in ("birth_date", "jurisdiction", "reported")
        if (ref := getattr(config, label)) is not None
    }
    collections = {c for c, _ in columns.values() if c}
    if not collections:
        return report
    if len(collections) > 1:
        raise ConsentError("children: birth_date, jurisdiction and reported must be one collection")
    name = collections.pop()
    store_name, meta = _collection(loaded, name)
    store = next(s for s in loaded.manifest.stores if s.name == store_name)
    pk = [f.name for f in meta.fields if f.fides_meta and f.fides_meta.primary_key] or ["id"]
    identities = [
        (f.name, kind)
        for f in meta.fields
        for kind in (f.fides_meta.identity_kinds if f.fides_meta else ())
    ]
    wanted = dict.fromkeys([*pk, *(c for c, _ in identities), *(c for _, c in columns.values())])
    table = sa.table(meta.name, *(sa.column(c) for c in wanted), schema=store.db_schema)
    conditions: list[sa.ColumnElement[bool]] = []
    if "reported" in columns:
        conditions.append(table.c[columns["reported"][1]].is_not(None))
    if "birth_date" in columns:
        oldest = max([*config.minimum_age.values(), fallback or 0])
        conditions.append(table.c[columns["birth_date"][1]] > day.replace(year=day.year - oldest))
    query = sa.select(*table.c).where(sa.or_(*conditions))
    candidates: list[tuple[ChildAccount, list[Identity]]] = []
    with engines.get(store_name).connect() as conn:
        for row in conn.execute(query).mappings():
            place = row[columns["jurisdiction"][1]] if "jurisdiction" in columns else None
            minimum = config.age_for(str(place) if place else None, fallback)
            reported = row[columns["reported"][1]] if "reported" in columns else None
            birth = row[columns["birth_date"][1]] if "birth_date" in columns else None
            if isinstance(birth, str):
                birth = dt.date.fromisoformat(birth[:10])
            if isinstance(birth, dt.datetime):
                birth = birth.date()
            under = birth is not None and minimum is not None and _age_on(birth, day) < minimum
            if reported is None and not under:
                continue
            account = ChildAccount(
                name,
                {k: str(row[k]) for k in pk},
                "reported" if reported is not None else "under_minimum_age",
                str(reported) if reported is not None else (birth.isoformat() if birth else None),
                minimum,
                str(place) if place else None,
            )
            people = [Identity(kind, str(row[c])) for c, kind in identities if row[c] is not None]
            candidates.append((account, people))
    with control.connect() as conn:
        key = secret_key(conn)
    refs = [[subject_reference(str(p), key) for p in people] for _, people in candidates]
    consented = _consented(control, config.guardian_consent, [r for group in refs for r in group])
    for (account, _), group in zip(candidates, refs, strict=True):
        if any(ref in consented for ref in group):
            report.with_consent += 1
        else:
            report.without_consent.append(account)
    return report


def _consented(control: sa.Engine, purpose: str | None, refs: list[str]) -> set[str]:
    """Which of ``refs`` have the guardian-consent purpose granted now (in chunks)."""
    if purpose is None or not refs:
        return set()
    found: set[str] = set()
    with control.connect() as conn:
        for start in range(0, len(refs), 500):
            chunk = refs[start : start + 500]
            found.update(
                conn.execute(
                    sa.select(consent_state.c.subject_ref).where(
                        consent_state.c.subject_ref.in_(chunk),
                        consent_state.c.topic == purpose,
                        consent_state.c.state == "granted",
                    )
                ).scalars()
            )
    return found
