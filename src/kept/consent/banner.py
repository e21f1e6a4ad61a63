"""The cookie banner: its configuration from the manifest, its script, and recording a choice.

The configuration lists the tracker inventory by category (essential, security, preference,
analytics, marketing), the banner's wording, the policy version and a hash of all of it. The
hash is the *evidence* stored with every choice: it names exactly what the visitor was shown.
When the policy version or the configuration changes, the stored choice no longer matches and
the banner asks again.

A choice is recorded for the visitor's random id (subject ``cookie_id=<id>``): for every
category that needs consent, each consent-based purpose of its trackers is granted (allowed)
or withdrawn (rejected); the categories accepted are in every record's evidence. A Global
Privacy Control signal, from ``navigator.globalPrivacyControl`` or the ``Sec-GPC: 1`` header,
records the manifest's GPC opt-outs and keeps marketing off.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from typing import Any

from kept.consent.decision import ConsentService
from kept.consent.ledger import LedgerEntry, Source
from kept.errors import ConsentError
from kept.manifest.consent import Banner, TrackerCategory
from kept.manifest.models import LegalBasis, Manifest
from kept.web import asset

__all__ = [
    "BANNER_PATH",
    "CHOICE_PATH",
    "VISITOR_KIND",
    "banner_config",
    "banner_script",
    "record_choice",
]

BANNER_PATH = "/consent/banner.js"
CHOICE_PATH = "/consent/banner/choice"
VISITOR_KIND = "cookie_id"
"""The identity kind of a browser: the banner's random visitor id."""

_VISITOR = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
_LABELS = {
    TrackerCategory.ESSENTIAL: ("Strictly necessary", "needed for the site to work; always on"),
    TrackerCategory.SECURITY: ("Security", "protect your account and the site; always on"),
    TrackerCategory.PREFERENCE: ("Preferences", "remember your settings"),
    TrackerCategory.ANALYTICS: ("Analytics", "measure how the site is used"),
    TrackerCategory.MARKETING: ("Marketing", "advertising and conversion tracking"),
}


def banner_config(manifest: Manifest, *, endpoint: str = CHOICE_PATH) -> dict[str, Any]:
    """The banner's configuration, with ``config_hash`` over everything but the endpoint."""
    config = manifest.consent
    banner = config.banner or Banner()
    categories = []
    for category in TrackerCategory:
        trackers = [t for t in config.trackers if t.category is category]
        if not trackers and category.needs_consent:
            continue
        label, description = _LABELS[category]
        categories.append(
            {
                "key": category.value,
                "label": label,
                "description": description,
                "needs_consent": category.needs_consent,
                "purposes": sorted({t.purpose for t in trackers if t.purpose}),
            }
        )
    body: dict[str, Any] = {
        "version": manifest.notice.version if manifest.notice else "unversioned",
        "gpc": config.gpc,
        "dnt": config.dnt,
        "texts": {
            "title": banner.title,
            "text": banner.text,
            "accept": banner.accept,
            "reject": banner.reject,
            "settings": banner.settings,
            "save": banner.save,
            "reopen": "Privacy choices",
            "gpc_note": banner.gpc_note,
            "policy_url": banner.policy_url or (manifest.notice.url if manifest.notice else None),
        },
        "categories": categories,
        "trackers": [
            {
                "name": t.name,
                "kind": t.kind,
                "category": t.category.value,
                "provider": t.provider,
                "lifetime_days": t.lifetime_days,
                "script": t.script,
            }
            for t in config.trackers
        ],
    }
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return {**body, "config_hash": hashlib.sha256(canonical).hexdigest(), "endpoint": endpoint}


def banner_script(manifest: Manifest, *, endpoint: str = CHOICE_PATH) -> str:
    """The banner's JavaScript with its configuration built in."""
    config = json.dumps(banner_config(manifest, endpoint=endpoint), separators=(",", ":"))
    # A "</script>" in a text would end an inline script tag: escape the slash.
    return asset("banner.js").replace("__KEPT_CONFIG__", config.replace("</", "<\\/"))


def record_choice(
    service: ConsentService,
    *,
    visitor: str,
    choices: Mapping[str, Any],
    version: str | None,
    config_hash: str | None,
    gpc: bool = False,
    evidence: Mapping[str, Any] | None = None,
) -> list[LedgerEntry]:
    """Record a visitor's banner choice (and GPC signal) in the ledger; the records written.

    Answering twice the same way writes nothing the second time.
    """
    if not isinstance(visitor, str) or not _VISITOR.fullmatch(visitor):
        raise ConsentError("the visitor id must be 16 to 64 letters, digits, '-' or '_'")
    config = banner_config(service.manifest)
    by_key = {c["key"]: c for c in config["categories"]}
    unknown = sorted(set(choices) - set(by_key))
    if unknown:
        raise ConsentError(f"unknown cookie categories {unknown}; the banner has {sorted(by_key)}")
    subject = f"{VISITOR_KIND}={visitor}"
    proof = {
        "config_hash": config_hash,
        "current_config_hash": config["config_hash"],
        **(evidence or {}),
    }
    written: list[LedgerEntry] = []
    if gpc:
        written += service.record_gpc(subject, evidence={**proof, "signal": "GPC"})
    decided: dict[str, bool] = {}
    manifest = service.manifest
    for key, value in choices.items():
        if not by_key[key]["needs_consent"]:
            continue
        allow = value is True and not (gpc and key == TrackerCategory.MARKETING.value)
        for purpose in by_key[key]["purposes"]:
            declared = manifest.purpose(purpose)
            if declared is None or declared.legal_basis is not LegalBasis.CONSENT:
                # Refusing a preference cookie is not an objection to, say, the contract:
                # only consent-based purposes follow the click (the evidence has the rest).
                continue
            # a purpose behind two categories is allowed only if both are
            decided[purpose] = decided.get(purpose, True) and allow
    for purpose, allow in sorted(decided.items()):
        call = service.grant if allow else service.withdraw
        entry = call(
            subject,
            purpose,
            source=Source.BANNER.value,
            policy_version=version,
            notice_text=json.dumps(config["texts"], sort_keys=True),
            evidence={**proof, "categories": sorted(k for k, v in choices.items() if v is True)},
        )
        if entry is not None:
            written.append(entry)
    return written
