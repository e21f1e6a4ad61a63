"""Consent gaps in a manifest: what the ``consent:`` block leaves unkept.

:func:`consent_findings` looks at the manifest alone (no database) and reports, with a stable
code and target like ``kept check`` does:

- ``tracker-without-consent``: a non-essential tracker whose purpose rests on another legal
  basis than consent (ePrivacy Art. 5(3) asks consent before storing or reading, whatever
  the basis of what follows);
- ``no-banner``: non-essential trackers, jurisdictions where consent comes first (EU, EEA, UK,
  Norway, Switzerland), and no banner;
- ``tracker-lifetime``: a consent-based tracker kept longer than 13 months (395 days);
- ``marketing-without-unsubscribe``: a marketing e-mail purpose no message class sends, so no
  e-mail of it carries an unsubscribe link;
- ``no-public-url``: marketing messages, but no ``public_url`` to build unsubscribe links on;
- ``opt-out-not-offered``: the rights promise a group-sharing or sale/sharing opt-out that the
  ``consent:`` block does not define;
- ``gpc-not-honoured``: California among the jurisdictions, recipients flagged sale or
  sharing, and no opt-out a GPC signal makes (CCPA §7025).

A finding matching one of the manifest's ``waivers`` (code, and target with ``*``) is left out.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass

from kept.manifest.consent import MessageKind, OptOutKind, opt_out_recipients
from kept.manifest.models import LegalBasis, Manifest, Right
from kept.taxonomy import is_under

__all__ = ["CONSENT_CODES", "ConsentFinding", "consent_findings"]

CONSENT_CODES = (
    "tracker-without-consent",
    "no-banner",
    "tracker-lifetime",
    "marketing-without-unsubscribe",
    "no-public-url",
    "opt-out-not-offered",
    "gpc-not-honoured",
)
_PRIOR_CONSENT = {"eu", "eea", "uk", "no", "ch"}
_MAX_LIFETIME_DAYS = 395


@dataclass(frozen=True)
class ConsentFinding:
    code: str
    target: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "target": self.target, "message": self.message}


def consent_findings(manifest: Manifest) -> list[ConsentFinding]:
    """Every consent gap of ``manifest``, waivers applied, in a stable order."""
    found = [*_trackers(manifest), *_marketing(manifest), *_opt_outs(manifest)]
    return [f for f in found if not _waived(manifest, f)]


def _trackers(manifest: Manifest) -> list[ConsentFinding]:
    config = manifest.consent
    found = []
    optional = [t for t in config.trackers if t.category.needs_consent]
    for tracker in optional:
        purpose = manifest.purpose(tracker.purpose or "")
        if purpose is not None and purpose.legal_basis is not LegalBasis.CONSENT:
            basis = purpose.legal_basis.value if purpose.legal_basis else "none"
            found.append(
                ConsentFinding(
                    "tracker-without-consent",
                    f"tracker:{tracker.name}",
                    f"{tracker.category.value} tracker {tracker.name!r} serves purpose "
                    f"{purpose.key!r}, whose legal basis is {basis}: storing or reading it needs "
                    "consent all the same (ePrivacy Art. 5(3))",
                )
            )
        if tracker.lifetime_days is not None and tracker.lifetime_days > _MAX_LIFETIME_DAYS:
            found.append(
                ConsentFinding(
                    "tracker-lifetime",
                    f"tracker:{tracker.name}",
                    f"tracker {tracker.name!r} lives {tracker.lifetime_days} days; a consent "
                    f"should be asked again within 13 months ({_MAX_LIFETIME_DAYS} days)",
                )
            )
    jurisdictions = set(manifest.organization.jurisdictions if manifest.organization else [])
    strict = sorted(jurisdictions & _PRIOR_CONSENT)
    if optional and strict and config.banner is None:
        found.append(
            ConsentFinding(
                "no-banner",
                "consent:banner",
                f"{len(optional)} tracker(s) need consent in {', '.join(strict)}, and no banner "
                "asks for it (add consent.banner)",
            )
        )
    return found


def _marketing(manifest: Manifest) -> list[ConsentFinding]:
    config = manifest.consent
    found = []
    marketing_messages = [m for m in config.messages if m.kind is MessageKind.MARKETING]
    sent = {m.purpose for m in marketing_messages}
    for purpose in manifest.purposes:
        if is_under(purpose.data_use, "marketing.communications") and purpose.key not in sent:
            found.append(
                ConsentFinding(
                    "marketing-without-unsubscribe",
                    f"purpose:{purpose.key}",
                    f"marketing purpose {purpose.key!r} has no marketing message class, so its "
                    "e-mails get no unsubscribe link (add it to consent.messages)",
                )
            )
    if marketing_messages and not config.public_url:
        found.append(
            ConsentFinding(
                "no-public-url",
                "consent:public_url",
                "marketing messages are declared but consent.public_url is not: unsubscribe "
                "links cannot be built",
            )
        )
    return found


def _opt_outs(manifest: Manifest) -> list[ConsentFinding]:
    config = manifest.consent
    found = []
    offered = {r.right for r in manifest.rights}
    kinds = {o.kind for o in config.opt_outs}
    wanted = {
        Right.GROUP_SHARING_OPT_OUT: OptOutKind.GROUP_SHARING,
        Right.SALE_OPT_OUT: OptOutKind.SALE_SHARING,
    }
    for right, kind in wanted.items():
        if right in offered and kind not in kinds:
            found.append(
                ConsentFinding(
                    "opt-out-not-offered",
                    f"right:{right.value}",
                    f"the rights promise {right.value!r}, but consent.opt_outs has no "
                    f"{kind.value!r} opt-out to record it",
                )
            )
    jurisdictions = set(manifest.organization.jurisdictions if manifest.organization else [])
    sold = [r.name for r in manifest.recipients if r.sale or r.sharing]
    honoured = config.gpc and any(
        o.gpc and (o.purposes or opt_out_recipients(manifest, o)) for o in config.opt_outs
    )
    if "us-ca" in jurisdictions and sold and not honoured:
        found.append(
            ConsentFinding(
                "gpc-not-honoured",
                "consent:gpc",
                f"data is sold or shared ({', '.join(sold)}) in California, and no opt-out "
                "is made by a Global Privacy Control signal (CCPA §7025)",
            )
        )
    return found


def _waived(manifest: Manifest, finding: ConsentFinding) -> bool:
    return any(
        w.code == finding.code and fnmatch.fnmatchcase(finding.target, w.target)
        for w in manifest.waivers
    )
