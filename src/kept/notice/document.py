"""The privacy notice (GDPR Art. 13 and 14) built from a manifest, as structured sections.

:func:`build_notice` returns a :class:`NoticeDocument`: one :class:`Section` per required
item, in the order a reader expects, and the :class:`Gap` list of items the manifest cannot
fill. ``kept check`` turns each gap into a finding (:mod:`kept.notice.findings`); the
renderers (:mod:`kept.notice.render`) write the same sections as HTML or Markdown, so a web
page can serve the notice with the same function.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kept.jurisdictions import EEA, location_name, needs_transfer_safeguard
from kept.manifest.models import (
    Collection,
    Contact,
    LegalBasis,
    Manifest,
    Right,
    Safeguard,
    Source,
    SourceKind,
)
from kept.manifest.source import Path_
from kept.notice.labels import labels
from kept.taxonomy import Kind, default_taxonomy

__all__ = ["REQUIRED_RIGHTS", "Gap", "NoticeDocument", "Section", "build_notice", "data_sources"]

# Art. 13(2)(b): the rights every notice names; withdrawal (13(2)(c)) where consent is a basis.
REQUIRED_RIGHTS = (
    Right.ACCESS,
    Right.RECTIFICATION,
    Right.ERASURE,
    Right.RESTRICTION,
    Right.OBJECTION,
    Right.PORTABILITY,
)


@dataclass(frozen=True)
class Gap:
    """A required notice item the manifest cannot fill; ``path`` locates it in the YAML."""

    code: str
    target: str
    message: str
    path: Path_ = ()


@dataclass(frozen=True)
class Section:
    """One item of the notice: ``key`` (stable), the article it fulfils, its text."""

    key: str
    article: str
    heading: str
    paragraphs: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    missing: bool = False


@dataclass
class NoticeDocument:
    title: str
    language: str
    version: str | None
    dates: str
    sections: list[Section] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    def as_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "language": self.language,
            "version": self.version,
            "dates": self.dates,
            "sections": [
                {
                    "key": s.key,
                    "article": s.article,
                    "heading": s.heading,
                    "paragraphs": list(s.paragraphs),
                    "items": list(s.items),
                    "missing": s.missing,
                }
                for s in self.sections
            ],
            "gaps": [{"code": g.code, "target": g.target, "message": g.message} for g in self.gaps],
        }


def _contact(c: Contact, words: dict[str, str]) -> str:
    parts = [p for p in (c.name, c.role, c.address, c.email, c.phone, c.url) if p]
    return ", ".join(parts)


def _has_means(c: Contact | None) -> bool:
    return bool(c and (c.email or c.phone or c.address or c.url))


def _category_names(manifest: Manifest) -> dict[str, str]:
    tax = default_taxonomy()
    names = {k: e.name for k, e in tax.entries.get(Kind.DATA_CATEGORY, {}).items()}
    names.update({c.fides_key: c.name or c.fides_key for c in manifest.data_category})
    return names


def data_sources(manifest: Manifest) -> list[tuple[str, Collection, Source, str | None]]:
    """Every declared source: (dataset key, collection, source, field name or ``None``)."""
    found: list[tuple[str, Collection, Source, str | None]] = []
    for ds in manifest.dataset:
        for coll in ds.collections:
            if coll.source is not None:
                found.append((ds.fides_key, coll, coll.source, None))
            for f in coll.fields:
                if f.source is not None:
                    found.append((ds.fides_key, coll, f.source, f.name))
    return found


@dataclass
class _Builder:
    manifest: Manifest
    words: dict[str, str]
    sections: list[Section]
    gaps: list[Gap]


def build_notice(manifest: Manifest, language: str | None = None) -> NoticeDocument:
    """Every Art. 13/14 item the manifest can state, with a :class:`Gap` for each it cannot."""
    lang = language or (manifest.notice.language if manifest.notice else "en")
    w = labels(lang)
    org = manifest.organization
    doc = NoticeDocument(
        title=w["title"].format(name=(org.legal_name or org.name) if org else "?"),
        language=lang,
        version=manifest.notice.version if manifest.notice else None,
        dates=_dates(manifest, w),
    )
    builder = _Builder(manifest, w, doc.sections, doc.gaps)
    for step in _STEPS:
        step(builder)
    return doc


def _controller(b: _Builder) -> None:
    """13(1)(a): the controller and its contact details."""
    m, w, add, gap = b.manifest, b.words, b.sections.append, b.gaps.append
    org = m.organization
    if org is None:
        gap(
            Gap(
                "notice-no-controller",
                "organization",
                "the manifest has no organization: "
                "the notice cannot name the controller (Art. 13(1)(a))",
            )
        )
        add(Section("controller", "13(1)(a)", w["h.controller"], (w["not_stated"],), missing=True))
    else:
        lines = [org.legal_name or org.name]
        if org.legal_name and org.legal_name != org.name:
            lines.append(org.name)
        contacts = [_contact(c, w) for c in org.contacts if _has_means(c)]
        if org.website:
            contacts.append(org.website)
        if not contacts:
            gap(
                Gap(
                    "notice-no-controller-contact",
                    "organization",
                    f"organization {org.name!r} declares no contact with an e-mail, phone, "
                    "address or url, nor a website: the notice cannot say how to reach the "
                    "controller (Art. 13(1)(a))",
                    ("organization",),
                )
            )
        add(
            Section(
                "controller",
                "13(1)(a)",
                w["h.controller"],
                tuple(lines),
                tuple(contacts) or (f"{w['contact']}: {w['not_stated']}",),
                missing=not contacts,
            )
        )
        # 13(1)(a) representative: a controller outside the EEA that GDPR applies to (Art. 27)
        eu = any(j in ("eu", "eea") for j in org.jurisdictions)
        outside = org.country is not None and org.country not in EEA
        if org.representative is not None:
            add(
                Section(
                    "representative",
                    "13(1)(a)",
                    w["h.representative"],
                    (_contact(org.representative, w),),
                )
            )
        elif eu and outside:
            gap(
                Gap(
                    "notice-no-representative",
                    "organization",
                    f"organization {org.name!r} is in {org.country}, outside the EEA, and serves "
                    "the EU, but declares no representative (Art. 13(1)(a), Art. 27)",
                    ("organization",),
                )
            )
            add(
                Section(
                    "representative",
                    "13(1)(a)",
                    w["h.representative"],
                    (w["not_stated"],),
                    missing=True,
                )
            )
        # 13(1)(b): the data protection officer
        if org.dpo is not None and _has_means(org.dpo):
            add(Section("dpo", "13(1)(b)", w["h.dpo"], (_contact(org.dpo, w),)))
        else:
            gap(
                Gap(
                    "notice-no-dpo",
                    "organization",
                    f"organization {org.name!r} declares no data protection officer with contact "
                    "details (Art. 13(1)(b)); waive this finding where no DPO is required",
                    ("organization",),
                )
            )
            add(Section("dpo", "13(1)(b)", w["h.dpo"], (w["not_stated"],), missing=True))


def _purposes(b: _Builder) -> None:
    """13(1)(c)-(d): purposes, legal bases, legitimate interests."""
    m, w, add, gap = b.manifest, b.words, b.sections.append, b.gaps.append
    items = []
    for p in m.purposes:
        text = p.name
        if p.legal_basis is not None:
            text += f" — {w['legal_basis']}: {w['basis.' + p.legal_basis.value]}"
        if p.legitimate_interest:
            text += f" ({w['legitimate_interest']}: {p.legitimate_interest.rstrip('.')})"
        if p.description:
            text += f". {p.description}"
        items.append(text)
    if not items:
        gap(
            Gap(
                "notice-no-purposes",
                "purposes",
                "the manifest declares no purpose: the notice cannot say why data is processed "
                "(Art. 13(1)(c))",
            )
        )
    add(Section("purposes", "13(1)(c)-(d)", w["h.purposes"], (), tuple(items), missing=not items))


def _categories(b: _Builder) -> None:
    """14(1)(d): categories of personal data."""
    m, w, add = b.manifest, b.words, b.sections.append
    cats = sorted({c for p in m.purposes for c in p.data_categories} | _declared_categories(m))
    cats = [c for c in cats if not c.startswith("system.")]
    add(
        Section(
            "categories",
            "14(1)(d)",
            w["h.categories"],
            (),
            tuple(f"{_category_names(m).get(c, c)} ({c})" for c in cats),
        )
    )


def _recipients(b: _Builder) -> None:
    """13(1)(e): recipients."""
    m, w, add = b.manifest, b.words, b.sections.append
    purpose_names = {p.key: p.name for p in m.purposes}
    recipients = []
    for r in m.recipients:
        text = f"{r.name} ({w['role.' + r.role.value]})"
        if r.purposes:
            text += f" — {w['for_purposes']}: " + "; ".join(
                purpose_names.get(k, k) for k in r.purposes
            )
        recipients.append(text)
    add(
        Section(
            "recipients",
            "13(1)(e)",
            w["h.recipients"],
            () if recipients else (w["no_recipients"],),
            tuple(recipients),
        )
    )


def _transfers(b: _Builder) -> None:
    """13(1)(f): transfers to third countries and their safeguards."""
    m, w, add, gap = b.manifest, b.words, b.sections.append, b.gaps.append
    org = m.organization
    notice = m.notice
    jurisdictions = list(org.jurisdictions) if org else []
    transfers, needs_copy = [], False
    for r in m.recipients:
        abroad = [
            c for c in r.all_countries if needs_transfer_safeguard(jurisdictions, c) or c not in EEA
        ]
        if not abroad or (org and org.country and abroad == [org.country]):
            continue
        guard = r.transfer_safeguard
        if guard is None and not any(needs_transfer_safeguard(jurisdictions, c) for c in abroad):
            guard = Safeguard.ADEQUACY
        needs_copy |= guard in (Safeguard.SCC, Safeguard.BCR)
        transfers.append(
            f"{r.name} {w['in_countries']} {', '.join(abroad)} — {w['safeguard']}: "
            f"{w['safeguard.' + (guard.value if guard else 'none')]}"
        )
    paragraphs: list[str] = [] if transfers else [w["no_transfers"]]
    if m.locations.allowed:
        places = ", ".join(location_name(code) for code in m.locations.allowed)
        paragraphs.insert(0, f"{w['kept_in']}: {places}.")
    if notice and notice.safeguards_copy:
        paragraphs.append(f"{w['safeguards_copy']}: {notice.safeguards_copy}")
    elif needs_copy:
        gap(
            Gap(
                "notice-no-safeguard-copy",
                "notice",
                "recipients receive data under standard contractual clauses or binding corporate "
                "rules, but notice.safeguards_copy does not say how to obtain a copy of them "
                "(Art. 13(1)(f))",
                ("notice",),
            )
        )
    add(
        Section(
            "transfers",
            "13(1)(f)",
            w["h.transfers"],
            tuple(paragraphs),
            tuple(transfers),
            missing=needs_copy and not (notice and notice.safeguards_copy),
        )
    )


def _retention(b: _Builder) -> None:
    """13(2)(a): retention per purpose."""
    m, w, add, gap = b.manifest, b.words, b.sections.append, b.gaps.append
    kept_for = []
    for i, p in enumerate(m.purposes):
        if p.retention:
            kept_for.append(f"{p.name}: {p.retention}")
        else:
            gap(
                Gap(
                    "notice-no-retention",
                    f"purpose:{p.key}",
                    f"purpose {p.key!r} ({p.name}) states no retention period or criteria "
                    "(Art. 13(2)(a))",
                    ("purposes", i),
                )
            )
            kept_for.append(f"{p.name}: {w['not_stated']}")
    add(
        Section(
            "retention",
            "13(2)(a)",
            w["h.retention"],
            (),
            tuple(kept_for),
            missing=any(not p.retention for p in m.purposes),
        )
    )


def _rights(b: _Builder) -> None:
    """13(2)(b)-(c): rights and how to exercise them."""
    m, w, add, gap = b.manifest, b.words, b.sections.append, b.gaps.append
    offered = {r.right: r for r in m.rights}
    required = list(REQUIRED_RIGHTS)
    if any(p.legal_basis is LegalBasis.CONSENT for p in m.purposes):
        required.append(Right.WITHDRAW_CONSENT)
    for right in required:
        if right not in offered:
            gap(
                Gap(
                    "notice-missing-right",
                    f"right:{right.value}",
                    f"the manifest's rights do not include {right.value!r}, which the notice "
                    "must name (Art. 13(2)(b)-(c))",
                    ("rights",),
                )
            )
    fallback = _fallback_channel(m)
    rights = []
    for offer in m.rights:
        if offer.right is Right.COMPLAINT:
            continue
        how = ", ".join(offer.channels) or fallback
        if not how:
            gap(
                Gap(
                    "notice-no-right-channel",
                    f"right:{offer.right.value}",
                    f"right {offer.right.value!r} has no channels and the organization no "
                    "contact: the notice cannot say how to exercise it (Art. 12(2), 13(2)(b))",
                    ("rights",),
                )
            )
        text = f"{w['right.' + offer.right.value]} — {w['channels']}: {how or w['not_stated']}"
        rights.append(text + (f" ({offer.note})" if offer.note else ""))
    add(
        Section(
            "rights",
            "13(2)(b)-(c)",
            w["h.rights"],
            (),
            tuple(rights),
            missing=any(r not in offered for r in required),
        )
    )


def _complaint(b: _Builder) -> None:
    """13(2)(d): the right to complain to a supervisory authority."""
    m, w, add, gap = b.manifest, b.words, b.sections.append, b.gaps.append
    org = m.organization
    offered = {r.right: r for r in m.rights}
    authority = org.supervisory_authority if org else None
    complaint: list[str] = []
    if authority is not None:
        complaint = [w["complain_default"], f"{w['authority']}: {_contact(authority, w)}"]
    elif Right.COMPLAINT in offered:
        complaint = [w["complain_default"]]
        if offered[Right.COMPLAINT].channels:
            complaint.append(", ".join(offered[Right.COMPLAINT].channels))
    else:
        gap(
            Gap(
                "notice-no-complaint",
                "organization",
                "neither organization.supervisory_authority nor the right 'complaint' is "
                "declared: the notice must name the right to complain (Art. 13(2)(d))",
                ("organization",),
            )
        )
    add(
        Section(
            "complaint",
            "13(2)(d)",
            w["h.complaint"],
            tuple(complaint) or (w["not_stated"],),
            missing=not complaint,
        )
    )


def _provision(b: _Builder) -> None:
    """13(2)(e): statutory or contractual requirement, and the consequences of not providing."""
    m, w, add, gap = b.manifest, b.words, b.sections.append, b.gaps.append
    notice = m.notice
    provision = notice.provision_requirement if notice else None
    if not provision:
        gap(
            Gap(
                "notice-no-provision-requirement",
                "notice",
                "notice.provision_requirement does not say whether providing the data is a "
                "statutory or contractual requirement and what follows from not providing it "
                "(Art. 13(2)(e))",
                ("notice",),
            )
        )
    add(
        Section(
            "provision",
            "13(2)(e)",
            w["h.provision"],
            (provision or w["not_stated"],),
            missing=not provision,
        )
    )


def _sources(b: _Builder) -> None:
    """14(2)(f): the sources of data not collected from the person."""
    m, w, add = b.manifest, b.words, b.sections.append
    sources = []
    for _ds, coll, src, fname in data_sources(m):
        if src.kind is SourceKind.DATA_SUBJECT:
            continue
        text = src.name or w["source." + src.kind.value]
        if src.public:
            text += f" ({w['public_source']})"
        where = coll.name + (f".{fname}" if fname else "")
        text += f" — {where}"
        if src.column:
            text += f"; {w['per_row'].format(column=src.column)}"
        if src.description:
            text += f". {src.description}"
        sources.append(text)
    add(Section("sources", "14(2)(f)", w["h.sources"], (w["from_you"],), tuple(sources)))


def _automated(b: _Builder) -> None:
    """13(2)(f): automated decision-making, including profiling."""
    m, w, add, gap = b.manifest, b.words, b.sections.append, b.gaps.append
    notice = m.notice
    automated = notice.automated_decisions if notice else None
    if not automated:
        gap(
            Gap(
                "notice-no-automated-decisions",
                "notice",
                "notice.automated_decisions does not say whether automated decisions or "
                "profiling take place (with their logic, significance and consequences, "
                "Art. 13(2)(f))",
                ("notice",),
            )
        )
    add(
        Section(
            "automated",
            "13(2)(f)",
            w["h.automated"],
            (automated or w["not_stated"],),
            missing=not automated,
        )
    )


def _children(b: _Builder) -> None:
    """Art. 8 and 12(1): children."""
    m, w, add, gap = b.manifest, b.words, b.sections.append, b.gaps.append
    org = m.organization
    notice = m.notice
    child_lines = []
    if org and org.minimum_age is not None:
        child_lines.append(w["minimum_age"].format(age=org.minimum_age))
    if notice and notice.children:
        child_lines.append(notice.children)
    if not child_lines:
        gap(
            Gap(
                "notice-no-children",
                "notice",
                "neither organization.minimum_age nor notice.children says whether the "
                "services are meant for children (Art. 8, Art. 12(1))",
                ("notice",),
            )
        )
    add(
        Section(
            "children",
            "8, 12(1)",
            w["h.children"],
            tuple(child_lines) or (w["not_stated"],),
            missing=not child_lines,
        )
    )


_STEPS = (
    _controller,
    _purposes,
    _categories,
    _recipients,
    _transfers,
    _retention,
    _rights,
    _complaint,
    _provision,
    _sources,
    _automated,
    _children,
)


def _dates(manifest: Manifest, w: dict[str, str]) -> str:
    notice = manifest.notice
    if notice is None:
        return ""
    parts = [w["version"].format(version=notice.version)]
    if notice.effective:
        parts.append(w["effective"].format(date=notice.effective.isoformat()))
    if notice.last_updated:
        parts.append(w["last_updated"].format(date=notice.last_updated.isoformat()))
    return ", ".join(parts)


def _fallback_channel(manifest: Manifest) -> str:
    org = manifest.organization
    if org is None:
        return ""
    for c in [*org.contacts, *([org.dpo] if org.dpo else [])]:
        if c.email or c.url or c.phone or c.address:
            return c.email or c.url or c.phone or c.address or ""
    return org.website or ""


def _declared_categories(manifest: Manifest) -> set[str]:
    found: set[str] = set()
    for ds in manifest.dataset:
        for coll in ds.collections:
            found.update(coll.data_categories or [])
            stack = list(coll.fields)
            while stack:
                f = stack.pop()
                found.update(f.data_categories or [])
                stack.extend(f.fields or [])
    return found
