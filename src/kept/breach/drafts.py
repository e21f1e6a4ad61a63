"""Drafts of a breach's notices: to the supervisory authority (Art. 33(3)) and to the people
affected (Art. 34(2)), from the breach record and the manifest."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kept.manifest.models import Contact, Manifest

if TYPE_CHECKING:
    from kept.breach.register import Breach

__all__ = ["authority_notice", "people_notice"]


def _contact(c: Contact | None) -> str:
    if c is None:
        return "not stated"
    return ", ".join(p for p in (c.name, c.role, c.email, c.phone, c.address, c.url) if p)


def _point_of_contact(manifest: Manifest) -> str:
    org = manifest.organization
    if org is None:
        return "not stated"
    if org.dpo is not None:
        return "Data protection officer: " + _contact(org.dpo)
    return next((_contact(c) for c in org.contacts), org.website or "not stated")


def _categories(manifest: Manifest, breach: Breach) -> str:
    if breach.scope.categories:
        return ", ".join(breach.scope.categories)
    return ", ".join(breach.counts.get("records", {})) or "not stated"


def authority_notice(manifest: Manifest, breach: Breach) -> str:
    """The notification to the supervisory authority, with the Art. 33(3) minimum content."""
    org = manifest.organization
    authority = org.supervisory_authority if org else None
    kinds = ", ".join(f"{n} by {k}" for k, n in breach.counts.get("people", {}).items())
    late = (
        f"\nReasons for the delay (Art. 33(1)): {breach.delay_reason}\n"
        if breach.delay_reason
        else ""
    )
    return f"""To: {_contact(authority)}
Controller: {(org.legal_name or org.name) if org else "not stated"}
Subject: Personal data breach notification (GDPR Art. 33) — {breach.id}

(a) Nature of the breach: {breach.summary}
    Discovered: {breach.discovered_at}; occurred: {breach.occurred_at or "unknown"}.
    Systems and data concerned: {", ".join(breach.scope.stores) or "-"} / \
{", ".join(breach.counts.get("records", {})) or "-"}
    Categories of personal data: {_categories(manifest, breach)}
    Approximate number of data subjects: {breach.people} ({kinds or "none found"})
    Approximate number of records: {breach.records}
(b) Contact point: {_point_of_contact(manifest)}
(c) Likely consequences: {breach.consequences or "under assessment"}
(d) Measures taken or proposed, including mitigation: {breach.measures or "under assessment"}
Risk assessment: {breach.risk or "not yet assessed"}
{late}"""


def people_notice(manifest: Manifest, breach: Breach) -> tuple[str, str]:
    """The subject and body of the message to each affected person (Art. 34(2))."""
    org = manifest.organization
    name = (org.legal_name or org.name) if org else "We"
    subject = f"Important: a security incident involving your personal data at {name}"
    body = f"""We are writing to tell you about a security incident involving your personal data.

What happened: {breach.summary}
When we found out: {breach.discovered_at}
What data is involved: {_categories(manifest, breach)}
What this may mean for you: {breach.consequences or "we are still assessing this"}
What we have done and what you can do: {breach.measures or "we will tell you more soon"}

If you have questions, contact: {_point_of_contact(manifest)}
Reference: {breach.id}
"""
    return subject, body
