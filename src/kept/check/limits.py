"""Purpose limitation, prohibited uses, recipients and trackers, and where data may be.

Every place the manifest says data is used is a *use* (:class:`Use`): a purpose and each of its
data categories; a field or collection with fideslang ``data_uses`` or ``data_purposes``; a
recipient and each category it receives for each of its purposes; a tracker and what it reads
(by its purpose, or by its category when it has none); a message class and the e-mail address it
is sent to. The checks hold these uses to:

- ``purpose_limitation``: a category (or one under it) used for a purpose or data use its limit
  does not list is a ``purpose-limitation`` finding at the use;
- ``prohibitions.uses``: a purpose or field declaring a prohibited data use (of any data, or of
  the rule's category) is a ``prohibited-use`` finding;
- ``prohibitions.recipients`` and ``prohibitions.trackers``: a recipient or tracker of a
  prohibited kind is a ``prohibited-recipient`` or ``prohibited-tracker`` finding;
- ``locations``: a store or recipient outside the policy's locations without an accepted
  safeguard is ``location-not-allowed``; a store with no location is ``location-unknown``.

A declaration of a broader category than a rule names (``user.device`` for a limit on
``user.device.device_id``, or ``user``) is not held to it: it does not say it uses the narrower
data. Everything here reads the manifest alone.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from kept.findings import Finding, Note
from kept.jurisdictions import adequate_destinations
from kept.manifest.consent import Tracker, TrackerCategory
from kept.manifest.loader import LoadedManifest
from kept.manifest.models import (
    Collection,
    DatasetField,
    LocationPolicy,
    Manifest,
    Purpose,
    Recipient,
    Safeguard,
)
from kept.manifest.source import Path_
from kept.taxonomy import is_under

__all__ = [
    "LIMIT_CODES",
    "Use",
    "inside",
    "limit_findings",
    "location_notes",
    "recipient_flows",
    "uses",
]

LIMIT_CODES: dict[str, str] = {
    "purpose-limitation": (
        "a data category is used for a purpose or data use its purpose limitation does not allow"
    ),
    "prohibited-use": "a purpose or field declares a data use the manifest prohibits",
    "prohibited-recipient": "a recipient is of a kind the manifest prohibits",
    "prohibited-tracker": "a tracker is of a kind the manifest prohibits",
    "location-not-allowed": (
        "a store or recipient is outside the manifest's locations without an accepted safeguard"
    ),
    "location-unknown": "a store declares no location although the manifest limits locations",
}

# The use of a tracker without a purpose (only essential and security trackers may have none).
_TRACKER_USES = {
    TrackerCategory.ESSENTIAL: "essential.service",
    TrackerCategory.SECURITY: "essential.service.security",
}


@dataclass(frozen=True)
class Use:
    """One declared use of one data category (``None``: the declaration names none)."""

    target: str
    what: str
    category: str | None
    data_use: str | None
    purpose: Purpose | None
    path: Path_
    own: bool = True
    """``False`` for a recipient's category known only from its purpose (reported there)."""
    inherited: bool = False
    """``True`` for a field's use declared by its collection or dataset (reported there)."""


def recipient_flows(
    manifest: Manifest, recipient: Recipient
) -> Iterator[tuple[str, bool, Purpose | None]]:
    """What a recipient receives, for which purpose: ``(category, own, purpose)``.

    A category of the recipient goes with each of its purposes that declares it or a category
    under it (narrowed to that one, ``own`` then ``False`` unless equal), else with those that
    declare a broader one, else with every one of its purposes. A recipient that lists no
    category receives its purposes' categories (``own`` is then ``False``)."""
    purposes = [p for k in recipient.purposes if (p := manifest.purpose(k)) is not None]
    if not recipient.data_categories:
        for p in purposes:
            for pc in p.data_categories:
                yield pc, False, p
        return
    for c in recipient.data_categories:
        if not purposes:
            yield c, True, None
            continue
        # The purposes that declare the category or narrower ones; failing that, those that
        # declare a broader one; failing that, every purpose of the recipient.
        narrow = [(p, pc) for p in purposes for pc in p.data_categories if is_under(pc, c)]
        if narrow:
            for p, pc in narrow:
                yield pc, pc == c, p
            continue
        broad = [p for p in purposes if any(is_under(c, pc) for pc in p.data_categories)]
        for p in broad or purposes:
            yield c, True, p


def _tracker_use(manifest: Manifest, tracker: Tracker) -> tuple[str | None, Purpose | None]:
    purpose = manifest.purpose(tracker.purpose) if tracker.purpose else None
    if purpose is not None:
        return purpose.data_use, purpose
    return _TRACKER_USES.get(tracker.category), None


def _field_uses(
    manifest: Manifest,
    name: str,
    path: Path_,
    node: DatasetField | Collection,
    inherited: tuple[list[str], list[str]],
) -> Iterator[Use]:
    data_uses = list(node.data_uses or []) or inherited[0]
    data_purposes = list(node.data_purposes or []) or inherited[1]
    passed_on = not (node.data_uses or node.data_purposes)
    kind = "collection" if isinstance(node, Collection) else "field"
    target, what = f"{kind}:{name}", f"{kind} {name}"
    categories: list[str | None] = list(node.data_categories or []) or [None]
    for category in categories:
        for use in data_uses:
            yield Use(target, what, category, use, None, path, inherited=passed_on)
        for key in data_purposes:
            purpose = manifest.purpose(key)
            if purpose is not None:
                yield Use(
                    target, what, category, purpose.data_use, purpose, path, inherited=passed_on
                )
    for i, sub in enumerate(node.fields or []):
        yield from _field_uses(
            manifest, f"{name}.{sub.name}", (*path, "fields", i), sub, (data_uses, data_purposes)
        )


def uses(manifest: Manifest) -> Iterator[Use]:
    """Every declared use of data in the manifest, in manifest order."""
    for p, purpose in enumerate(manifest.purposes):
        what, target = f"purpose {purpose.key!r}", f"purpose:{purpose.key}"
        if not purpose.data_categories:
            yield Use(target, what, None, purpose.data_use, purpose, ("purposes", p))
        for c, category in enumerate(purpose.data_categories):
            path: Path_ = ("purposes", p, "data_categories", c)
            yield Use(target, what, category, purpose.data_use, purpose, path)
    for d, dataset in enumerate(manifest.dataset):
        top = (list(dataset.data_uses or []), list(dataset.data_purposes or []))
        for c, coll in enumerate(dataset.collections):
            yield from _field_uses(
                manifest,
                f"{dataset.fides_key}.{coll.name}",
                ("dataset", d, "collections", c),
                coll,
                top,
            )
    for r, recipient in enumerate(manifest.recipients):
        for category, own, flow in recipient_flows(manifest, recipient):
            yield Use(
                f"recipient:{recipient.name}",
                f"recipient {recipient.name!r}",
                category,
                flow.data_use if flow else None,
                flow,
                ("recipients", r),
                own=own,
            )
    for t, tracker in enumerate(manifest.consent.trackers):
        data_use, serves = _tracker_use(manifest, tracker)
        for category in tracker.categories:
            yield Use(
                f"tracker:{tracker.name}",
                f"tracker {tracker.name!r}",
                category,
                data_use,
                serves,
                ("consent", "trackers", t),
            )
    for i, message in enumerate(manifest.consent.messages):
        sends = manifest.purpose(message.purpose) if message.purpose else None
        if sends is not None:
            yield Use(
                f"message:{message.key}",
                f"message {message.key!r}",
                "user.contact.email",
                sends.data_use,
                sends,
                ("consent", "messages", i),
            )


def limit_findings(loaded: LoadedManifest) -> Iterator[Finding]:
    """Every finding of this module, in manifest order."""
    m = loaded.manifest
    if m.purpose_limitation or m.prohibitions.uses:
        declared = list(uses(m))
        yield from _purpose_limitation(loaded, declared)
        yield from _prohibited_uses(loaded, declared)
    yield from _prohibited_recipients(loaded)
    yield from _prohibited_trackers(loaded)
    yield from _location_findings(loaded)


def _for(use: Use) -> str:
    if use.purpose is not None and use.target == f"purpose:{use.purpose.key}":
        return f"its data use {use.data_use}"
    if use.purpose is not None:
        return f"purpose {use.purpose.key!r} ({use.data_use})"
    return f"data use {use.data_use}" if use.data_use else "no stated purpose"


def _purpose_limitation(loaded: LoadedManifest, declared: Sequence[Use]) -> Iterator[Finding]:
    m = loaded.manifest
    for n, limit in enumerate(m.purpose_limitation):
        allowed_purposes = set(limit.purposes)
        purpose_uses = [p.data_use for k in limit.purposes if (p := m.purpose(k)) is not None]
        allowed = ", ".join([*limit.purposes, *limit.data_uses])
        seen: set[tuple[str, str | None, str | None]] = set()
        for use in declared:
            if not use.own or use.category is None:
                continue
            if not is_under(use.category, limit.data_category):
                continue
            if use.purpose is not None and use.purpose.key in allowed_purposes:
                continue
            if use.data_use is not None and any(is_under(use.data_use, u) for u in limit.data_uses):
                continue
            if (
                use.purpose is None
                and use.data_use is not None
                and any(is_under(use.data_use, u) for u in purpose_uses)
            ):
                continue
            key = (use.target, use.category, use.purpose.key if use.purpose else use.data_use)
            if key in seen:
                continue
            seen.add(key)
            why = f" ({limit.reason})" if limit.reason else ""
            yield Finding(
                "purpose-limitation",
                f"{use.what} uses {use.category} for {_for(use)}, but "
                f"{limit.data_category} may be used only for {allowed}{why}",
                use.target,
                category=use.category,
                position=loaded.locate(use.path) or loaded.locate(("purpose_limitation", n)),
            )


def _prohibited_uses(loaded: LoadedManifest, declared: Sequence[Use]) -> Iterator[Finding]:
    rules = loaded.manifest.prohibitions.uses
    for n, rule in enumerate(rules):
        seen: set[str] = set()
        for use in declared:
            if not use.target.startswith(("purpose:", "field:", "collection:")):
                continue  # recipients, trackers, messages: reported at the purpose they serve
            if use.data_use is None or not is_under(use.data_use, rule.data_use):
                continue
            if use.inherited and rule.data_category is None:
                continue  # reported where the use is declared
            if rule.data_category is not None and not (
                use.category is not None and is_under(use.category, rule.data_category)
            ):
                continue
            if use.target in seen:
                continue
            seen.add(use.target)
            of = f" of {rule.data_category}" if rule.data_category else ""
            on = f" for {use.category}" if rule.data_category else ""
            yield Finding(
                "prohibited-use",
                f"{use.what} declares the data use {use.data_use}{on}, but the policy "
                f"prohibits {rule.data_use}{of}: {rule.reason}",
                use.target,
                category=use.category if rule.data_category else None,
                position=loaded.locate(use.path) or loaded.locate(("prohibitions", "uses", n)),
            )


def _prohibited_recipients(loaded: LoadedManifest) -> Iterator[Finding]:
    m = loaded.manifest
    for rule in m.prohibitions.recipients:
        for r, rec in enumerate(m.recipients):
            if rule.roles and rec.role not in rule.roles:
                continue
            if rec.name in rule.except_:
                continue
            flows = list(recipient_flows(m, rec))
            matching = [
                (category, purpose)
                for category, _own, purpose in flows
                if (rule.data_category is None or is_under(category, rule.data_category))
                and (
                    rule.data_use is None
                    or (purpose is not None and is_under(purpose.data_use, rule.data_use))
                )
            ]
            if (rule.data_category or rule.data_use) and not matching:
                continue
            parts = [f"a {rec.role.value}"] if rule.roles or rule.except_ else []
            if rule.except_:
                parts.append("not among " + ", ".join(rule.except_))
            if rule.data_category:
                cats = sorted({c for c, _ in matching})
                parts.append(f"receiving {', '.join(cats)}")
            if rule.data_use:
                keys = sorted({p.key for _, p in matching if p is not None})
                parts.append(f"for {', '.join(keys)} ({rule.data_use})")
            yield Finding(
                "prohibited-recipient",
                f"recipient {rec.name!r} is {' '.join(parts)}, which the policy prohibits: "
                f"{rule.reason}",
                f"recipient:{rec.name}",
                category=rule.data_category,
                position=loaded.locate(("recipients", r)),
            )


def _prohibited_trackers(loaded: LoadedManifest) -> Iterator[Finding]:
    m = loaded.manifest
    for rule in m.prohibitions.trackers:
        for t, tracker in enumerate(m.consent.trackers):
            if rule.category is not None and tracker.category.value != rule.category:
                continue
            data_use, _purpose = _tracker_use(m, tracker)
            if rule.data_use is not None and not (
                data_use is not None and is_under(data_use, rule.data_use)
            ):
                continue
            if rule.provider is not None and (tracker.provider or "").casefold() != (
                rule.provider.casefold()
            ):
                continue
            what = [f"a {tracker.category.value} tracker"]
            if rule.data_use:
                what.append(f"for {data_use}")
            if rule.provider:
                what.append(f"of {tracker.provider}")
            yield Finding(
                "prohibited-tracker",
                f"tracker {tracker.name!r} is {' '.join(what)}, which the policy prohibits: "
                f"{rule.reason}",
                f"tracker:{tracker.name}",
                position=loaded.locate(("consent", "trackers", t)),
            )


# --------------------------------------------------------------------------- locations


def inside(place: str, allowed: Sequence[str]) -> bool:
    """``True`` when ``place`` is one of ``allowed`` or a subdivision of an allowed country
    (``NO-03`` is inside ``NO``; ``NO`` is not inside ``NO-03``)."""
    return any(place == a or place.startswith(a + "-") for a in allowed)


def _adequate(manifest: Manifest, country: str) -> bool:
    """``True`` when every jurisdiction with adequacy rules lets data flow to ``country``."""
    jurisdictions = manifest.organization.jurisdictions if manifest.organization else []
    rules = [a for j in jurisdictions if (a := adequate_destinations(j)) is not None]
    return bool(rules) and all(country in a for a in rules)


def _accepted(
    manifest: Manifest,
    policy: LocationPolicy,
    safeguard: Safeguard | None,
    place: str,
    *,
    store: bool = False,
) -> bool:
    """Whether a declared safeguard (or, for a recipient, an adequacy decision the policy
    accepts) covers ``place``. A store needs a declared safeguard: the policy's locations are
    where the company itself keeps data."""
    country = place[:2]
    accepted = policy.safeguards
    if safeguard is not None and (accepted is None or safeguard in accepted):
        if safeguard is not Safeguard.ADEQUACY:
            return True
        jurisdictions = manifest.organization.jurisdictions if manifest.organization else []
        if all(adequate_destinations(j) is None for j in jurisdictions):
            return True  # no adequacy rule applies: the declaration is taken as stated
        return _adequate(manifest, country)
    return (
        not store
        and accepted is not None
        and Safeguard.ADEQUACY in accepted
        and _adequate(manifest, country)
    )


def _location_findings(loaded: LoadedManifest) -> Iterator[Finding]:
    m = loaded.manifest
    policy = m.locations
    if not policy.allowed:
        return
    allowed = ", ".join(policy.allowed)
    why = f" ({policy.reason})" if policy.reason else ""
    guards = (
        ", ".join(s.value for s in policy.safeguards)
        if policy.safeguards is not None
        else "any declared transfer_safeguard"
    )
    for s, store in enumerate(m.stores):
        where = loaded.locate(("stores", s))
        if not store.all_locations:
            yield Finding(
                "location-unknown",
                f"store {store.name!r} declares no location, so it cannot be shown to be in "
                f"{allowed}{why}: add 'location'",
                f"store:{store.name}",
                store=store.name,
                position=where,
            )
            continue
        for place in store.all_locations:
            if not inside(place, policy.allowed) and not _accepted(
                m, policy, store.transfer_safeguard, place, store=True
            ):
                yield Finding(
                    "location-not-allowed",
                    f"store {store.name!r} is in {place}, outside {allowed}{why}, and has no "
                    f"accepted transfer_safeguard ({guards})",
                    f"store:{store.name}",
                    store=store.name,
                    position=where,
                )
    for r, rec in enumerate(m.recipients):
        for place in rec.all_locations:
            if not inside(place, policy.allowed) and not _accepted(
                m, policy, rec.transfer_safeguard, place
            ):
                declared = (
                    f"its transfer_safeguard {rec.transfer_safeguard.value!r} is not accepted"
                    if rec.transfer_safeguard
                    else "it has no transfer_safeguard"
                )
                yield Finding(
                    "location-not-allowed",
                    f"recipient {rec.name!r} holds data in {place}, outside {allowed}{why}, and "
                    f"{declared} ({guards})",
                    f"recipient:{rec.name}",
                    position=loaded.locate(("recipients", r)),
                )


def location_notes(manifest: Manifest) -> list[Note]:
    """Recipients whose location is not declared, when the manifest limits locations."""
    if not manifest.locations.allowed:
        return []
    return [
        Note(
            f"recipient {r.name!r} declares no location or country: the locations "
            f"({', '.join(manifest.locations.allowed)}) are not checked for it",
            f"recipient:{r.name}",
        )
        for r in manifest.recipients
        if not r.all_locations
    ]
