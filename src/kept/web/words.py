"""The manifest in plain words: what the privacy notice page and the export's summary say.

Taxonomy keys become their names (``user.contact.email`` → "Email"), promise and purpose keys
their declared names, legal bases, roles and safeguards a short phrase; nothing here reads a
database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kept.manifest.models import LegalBasis, Manifest, RecipientRole, Right, Safeguard
from kept.manifest.validation import manifest_taxonomy
from kept.taxonomy import Kind as TaxonomyKind

__all__ = [
    "BASES",
    "REQUEST_KINDS",
    "RIGHTS",
    "ROLES",
    "SAFEGUARDS",
    "NoticeWords",
    "category_name",
    "notice_words",
    "plain",
]

BASES = {
    LegalBasis.CONSENT: "consent",
    LegalBasis.CONTRACT: "contract",
    LegalBasis.LEGAL_OBLIGATION: "legal obligation",
    LegalBasis.VITAL_INTERESTS: "vital interests",
    LegalBasis.PUBLIC_INTEREST: "public interest",
    LegalBasis.LEGITIMATE_INTERESTS: "legitimate interests",
}
ROLES = {
    RecipientRole.PROCESSOR: "Processor",
    RecipientRole.SUBPROCESSOR: "Sub-processor",
    RecipientRole.CONTROLLER: "Independent controller",
    RecipientRole.JOINT_CONTROLLER: "Joint controller",
    RecipientRole.GROUP_COMPANY: "Group company",
    RecipientRole.THIRD_PARTY: "Third party",
    RecipientRole.PUBLIC_AUTHORITY: "Public authority",
}
SAFEGUARDS = {
    Safeguard.ADEQUACY: "an adequacy decision",
    Safeguard.SCC: "standard contractual clauses",
    Safeguard.BCR: "binding corporate rules",
    Safeguard.DPF: "the EU-US Data Privacy Framework",
    Safeguard.DEROGATION: "a derogation (GDPR Art. 49)",
    Safeguard.CONSENT: "your explicit consent",
}
RIGHTS = {
    Right.ACCESS: "Right of access",
    Right.PORTABILITY: "Right to data portability",
    Right.RECTIFICATION: "Right to rectification",
    Right.ERASURE: "Right to erasure",
    Right.RESTRICTION: "Right to restriction of processing",
    Right.OBJECTION: "Right to object",
    Right.WITHDRAW_CONSENT: "Right to withdraw consent",
    Right.MARKETING_OPT_OUT: "Right to opt out of marketing",
    Right.SALE_OPT_OUT: "Right to opt out of the sale or sharing of your data",
    Right.GROUP_SHARING_OPT_OUT: "Right to opt out of sharing within our group",
    Right.AUTOMATED_DECISIONS: "Rights about automated decisions",
    Right.COMPLAINT: "Right to complain to a supervisory authority",
}
REQUEST_KINDS = {
    "access": "A copy of your data",
    "portability": "Your data in a machine-readable file",
    "erasure": "Delete your data",
    "rectification": "Correct your data",
    "restriction": "Stop using your data for some purposes",
    "objection": "Object to a use of your data",
}
"""The rights a person asks for through a request, in the order shown."""


_PROMISE = re.compile(r"\b[A-Z][A-Z0-9]{1,7}-\d+(?:\.\.\d+)?(?:\([a-z0-9]+\))?")
_LEFTOVER = re.compile(r"\(\s*(?:(?:and|,|;|/)\s*)*(?::\s*)?")
_EMPTY = re.compile(r"\s*\(\s*\)")


def plain(text: str | None) -> str:
    """``text`` without the manifest's promise references: "kept three years (VCP-46)" →
    "kept three years"; "(VCP-06, VCP-27: used for nothing else)" → "(used for nothing else)".
    The promise ids point into the policy's own numbering, which a person never sees."""
    if not text:
        return ""
    out = _PROMISE.sub("", text)
    out = _LEFTOVER.sub("(", out)
    out = re.sub(r"\(\s*[,;]\s*", "(", out)
    out = re.sub(r"\s*[,;]\s*\)", ")", out)
    out = _EMPTY.sub("", out)
    return re.sub(r"\s+([.,;])", r"\1", out).strip()


_NAMES: dict[int, tuple[Manifest, dict[str, str]]] = {}


def _names(manifest: Manifest) -> dict[str, str]:
    cached = _NAMES.get(id(manifest))
    if cached is not None and cached[0] is manifest:
        return cached[1]
    taxonomy = manifest_taxonomy(manifest)
    names: dict[str, str] = {}
    for kind in TaxonomyKind:
        for key in taxonomy.keys(kind):
            entry = taxonomy.get(kind, key)
            if entry is not None:
                names[key] = entry.name
    _NAMES[id(manifest)] = (manifest, names)
    return names


def category_name(manifest: Manifest, key: str) -> str:
    """A taxonomy key's name (the key's last part, readable, when it has none)."""
    found = _names(manifest).get(key)
    if found and found != key:
        return found
    return key.rpartition(".")[2].replace("_", " ").capitalize()


@dataclass
class PurposeWords:
    key: str
    name: str
    description: str
    basis: str
    interest: str | None
    categories: list[str]
    retention: str | None


@dataclass
class RecipientWords:
    name: str
    role: str
    description: str | None
    purposes: list[str]
    categories: list[str]
    countries: list[str]
    safeguard: str | None
    sale: bool
    sharing: bool


@dataclass
class NoticeWords:
    organization: str
    legal_name: str | None
    description: str | None
    version: str | None
    effective: str | None
    purposes: list[PurposeWords] = field(default_factory=list)
    recipients: list[RecipientWords] = field(default_factory=list)
    rights: list[tuple[str, str | None]] = field(default_factory=list)
    request_kinds: list[str] = field(default_factory=list)
    contacts: list[tuple[str, str]] = field(default_factory=list)
    preferences: bool = False


def _contact(label: str, contact: object) -> tuple[str, str] | None:
    parts = [getattr(contact, name, None) for name in ("name", "email", "phone", "url", "address")]
    text = ", ".join(p for p in parts if p)
    return (label, text) if text else None


_WORDS: dict[int, tuple[Manifest, NoticeWords]] = {}


def notice_words(manifest: Manifest) -> NoticeWords:
    """Everything the notice page shows, in words (worked out once per manifest)."""
    cached = _WORDS.get(id(manifest))
    if cached is not None and cached[0] is manifest:
        return cached[1]
    words = _notice_words(manifest)
    _WORDS[id(manifest)] = (manifest, words)
    return words


def _notice_words(manifest: Manifest) -> NoticeWords:
    org = manifest.organization
    purposes = {p.key: p.name for p in manifest.purposes}
    words = NoticeWords(
        organization=org.name if org else "Kept",
        legal_name=org.legal_name if org else None,
        description=plain(org.description) or None if org else None,
        version=manifest.notice.version if manifest.notice else None,
        effective=(
            manifest.notice.effective.isoformat()
            if manifest.notice and manifest.notice.effective
            else None
        ),
    )
    for p in manifest.purposes:
        words.purposes.append(
            PurposeWords(
                key=p.key,
                name=p.name,
                description=plain(p.description),
                basis=BASES[p.legal_basis] if p.legal_basis else "Not stated",
                interest=plain(p.legitimate_interest) or None,
                categories=sorted({category_name(manifest, c) for c in p.data_categories}),
                retention=plain(p.retention) or None,
            )
        )
    for r in manifest.recipients:
        words.recipients.append(
            RecipientWords(
                name=r.name,
                role=ROLES[r.role],
                description=plain(r.description) or None,
                purposes=[purposes.get(k, k) for k in r.purposes],
                categories=sorted({category_name(manifest, c) for c in r.data_categories}),
                countries=r.all_countries,
                safeguard=SAFEGUARDS[r.transfer_safeguard] if r.transfer_safeguard else None,
                sale=r.sale,
                sharing=r.sharing,
            )
        )
    granted = {offer.right.value for offer in manifest.rights}
    words.rights = [(RIGHTS[o.right], plain(o.note) or None) for o in manifest.rights]
    words.request_kinds = [k for k in REQUEST_KINDS if k in granted]
    words.preferences = bool(
        granted & {"withdraw_consent", "marketing_opt_out", "sale_opt_out", "group_sharing_opt_out"}
        or manifest.consent.opt_outs
    )
    if org:
        for contact in org.contacts:
            found = _contact("Contact", contact)
            if found:
                words.contacts.append(found)
        for label, role in (
            ("Data protection officer", org.dpo),
            ("Representative", org.representative),
            ("Supervisory authority", org.supervisory_authority),
        ):
            found = _contact(label, role) if role else None
            if found:
                words.contacts.append(found)
    return words
