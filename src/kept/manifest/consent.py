"""The manifest's ``consent:`` block: trackers, the banner, message classes, marketing rules,
opt-outs and the Global Privacy Control.

```yaml
consent:
  gpc: true                       # honour Sec-GPC / navigator.globalPrivacyControl
  dnt: false                      # also treat DNT: 1 as that signal (default: no)
  public_url: https://privacy.example.com   # where Kept's API is reached (unsubscribe links)
  banner: {title: Cookies, text: "...", accept: Accept all, reject: Reject all}
  trackers:
    - {name: _ga, category: analytics, provider: Google Analytics, purpose: web_analytics,
       lifetime_days: 395}
  messages:
    - {key: newsletter, kind: marketing, purpose: newsletter}
    - {key: password_reset, kind: service}
  marketing:
    - {jurisdiction: uk, rule: opt_in}
    - {jurisdiction: us, rule: opt_out}
  opt_outs:
    - {key: group_sharing, kind: group_sharing}        # recipients: every group_company
    - {key: do_not_sell_or_share, kind: sale_sharing, gpc: true}
```

The cross-references (tracker and message purposes, opt-out recipients and purposes) are
checked by :func:`consent_problems`, called from :mod:`kept.manifest.validation`.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from enum import Enum
from typing import TYPE_CHECKING, Literal

from pydantic import Field, model_validator

from kept.manifest.base import KeptModel, Key

if TYPE_CHECKING:
    from kept.errors import Problem
    from kept.manifest.loader import LoadedManifest
    from kept.manifest.models import Manifest, Recipient

__all__ = [
    "Banner",
    "ConsentConfig",
    "MarketingRule",
    "MessageClass",
    "MessageKind",
    "OptOut",
    "OptOutKind",
    "Tracker",
    "TrackerCategory",
    "consent_problems",
    "opt_out_recipients",
]


class TrackerCategory(str, Enum):
    """What a cookie, pixel or script is for; only ``essential`` and ``security`` run without
    consent (ePrivacy Art. 5(3): strictly necessary)."""

    ESSENTIAL = "essential"
    SECURITY = "security"
    PREFERENCE = "preference"
    ANALYTICS = "analytics"
    MARKETING = "marketing"

    @property
    def needs_consent(self) -> bool:
        return self not in (TrackerCategory.ESSENTIAL, TrackerCategory.SECURITY)


class Tracker(KeptModel):
    """One cookie, local-storage key, pixel or script of the website's inventory."""

    name: str
    category: TrackerCategory
    kind: Literal["cookie", "local_storage", "session_storage", "pixel", "script"] = "cookie"
    provider: str | None = None
    purpose: Key | None = None
    lifetime_days: int | None = Field(default=None, ge=0)
    script: str | None = None
    description: str | None = None
    data_categories: list[Key] | None = None
    """What the tracker reads or writes; by default ``user.device.cookie_id`` for a cookie or a
    storage key, and also ``user.device.ip_address`` for a pixel or a script (which reach a
    server). Held to the manifest's purpose limitation and prohibitions."""

    @property
    def categories(self) -> list[str]:
        if self.data_categories is not None:
            return list(self.data_categories)
        if self.kind in ("pixel", "script"):
            return ["user.device.cookie_id", "user.device.ip_address"]
        return ["user.device.cookie_id"]

    @model_validator(mode="after")
    def _purpose_when_consent(self) -> Tracker:
        if self.category.needs_consent and self.purpose is None:
            raise ValueError(
                f"tracker {self.name!r} is {self.category.value}: it needs 'purpose', the "
                "purpose whose consent lets it run"
            )
        return self


class Banner(KeptModel):
    """The cookie banner's wording; accept and reject are shown side by side, with equal
    weight (EDPB 05/2020, CCPA §7004)."""

    title: str = "Cookies and similar technologies"
    text: str = (
        "We use strictly necessary cookies to run this site. With your consent we would also "
        "use the cookies below. You can change your choice at any time."
    )
    accept: str = "Accept all"
    reject: str = "Reject all"
    settings: str = "Choose"
    save: str = "Save my choice"
    policy_url: str | None = None
    gpc_note: str = (
        "Your browser sends the Global Privacy Control signal: we do not sell or share your "
        "personal information."
    )


class MessageKind(str, Enum):
    MARKETING = "marketing"
    SERVICE = "service"


class MessageClass(KeptModel):
    """A kind of e-mail the company sends: marketing needs its purpose's consent (or the
    jurisdiction's opt-out rule) and carries an unsubscribe link; service mail always goes."""

    key: Key
    kind: MessageKind
    name: str | None = None
    purpose: Key | None = None
    description: str | None = None

    @model_validator(mode="after")
    def _marketing_has_purpose(self) -> MessageClass:
        if self.kind is MessageKind.MARKETING and self.purpose is None:
            raise ValueError(
                f"marketing message {self.key!r} needs 'purpose': the purpose an unsubscribe "
                "withdraws"
            )
        return self


class MarketingRule(KeptModel):
    """Whether marketing to people of a jurisdiction needs prior consent (``opt_in``, e.g. UK
    PECR, the EU) or may go until they object (``opt_out``, e.g. US CAN-SPAM).

    ``jurisdiction`` is one of the organisation's jurisdictions, or ``*`` for any other.
    """

    jurisdiction: str
    rule: Literal["opt_in", "opt_out"]


class OptOutKind(str, Enum):
    GROUP_SHARING = "group_sharing"
    SALE_SHARING = "sale_sharing"


class OptOut(KeptModel):
    """An opt-out a person can record, blocking flows to some recipients and purposes.

    Without ``recipients``, a ``group_sharing`` opt-out covers every recipient whose role is
    ``group_company`` and a ``sale_sharing`` one every recipient flagged ``sale`` or
    ``sharing``. ``purposes`` are blocked whatever the recipient. With ``gpc``, a Global
    Privacy Control signal is this opt-out (CCPA §7025).
    """

    key: Key
    kind: OptOutKind
    name: str | None = None
    recipients: list[str] = Field(default_factory=list)
    purposes: list[Key] = Field(default_factory=list)
    gpc: bool = False


class ConsentConfig(KeptModel):
    """Everything consent: trackers, banner, message classes, marketing rules, opt-outs."""

    gpc: bool = False
    dnt: bool = False
    """Treat ``DNT: 1`` like a GPC signal (off by default: Do Not Track has no binding meaning)."""
    public_url: str | None = None
    banner: Banner | None = None
    trackers: list[Tracker] = Field(default_factory=list)
    messages: list[MessageClass] = Field(default_factory=list)
    marketing: list[MarketingRule] = Field(default_factory=list)
    opt_outs: list[OptOut] = Field(default_factory=list)

    def message(self, key: str) -> MessageClass | None:
        return next((m for m in self.messages if m.key == key), None)

    def opt_out(self, key: str) -> OptOut | None:
        return next((o for o in self.opt_outs if o.key == key), None)

    def marketing_rule(self, jurisdiction: str | None) -> str:
        """``opt_in`` or ``opt_out`` for a jurisdiction; the strict ``opt_in`` when unknown."""
        rules = {r.jurisdiction: r.rule for r in self.marketing}
        if jurisdiction is not None and jurisdiction in rules:
            return rules[jurisdiction]
        return rules.get("*", "opt_in")


def opt_out_recipients(manifest: Manifest, opt_out: OptOut) -> list[Recipient]:
    """The recipients an opt-out blocks flows to."""
    if opt_out.recipients:
        return [r for r in manifest.recipients if r.name in opt_out.recipients]
    if opt_out.kind is OptOutKind.GROUP_SHARING:
        # RecipientRole.GROUP_COMPANY (a str enum: the models import this module)
        return [r for r in manifest.recipients if r.role == "group_company"]
    return [r for r in manifest.recipients if r.sale or r.sharing]


def consent_problems(loaded: LoadedManifest) -> list[Problem]:
    """Names the ``consent:`` block uses that the manifest does not declare."""
    manifest = loaded.manifest
    config = manifest.consent
    purposes = [p.key for p in manifest.purposes]
    recipients = [r.name for r in manifest.recipients]
    problems: list[Problem] = []

    def check(path: tuple[str | int, ...], what: str, value: str, known: list[str]) -> None:
        if value in known:
            return
        close = difflib.get_close_matches(value, known, n=1)
        noun = str(path[2] if len(path) > 3 else path[-1]).rstrip("s")
        problems.append(
            loaded.problem(
                ("consent", *path),
                f"{what} names unknown {noun} {value!r}",
                value=value,
                suggestion=close[0] if close else None,
            )
        )

    for i, tracker in enumerate(config.trackers):
        if tracker.purpose is not None:
            check(
                ("trackers", i, "purpose"), f"tracker {tracker.name!r}", tracker.purpose, purposes
            )
    for i, message in enumerate(config.messages):
        if message.purpose is not None:
            check(("messages", i, "purpose"), f"message {message.key!r}", message.purpose, purposes)
    for i, opt in enumerate(config.opt_outs):
        for j, name in enumerate(opt.recipients):
            check(("opt_outs", i, "recipients", j), f"opt-out {opt.key!r}", name, recipients)
        for j, key in enumerate(opt.purposes):
            check(("opt_outs", i, "purposes", j), f"opt-out {opt.key!r}", key, purposes)
    jurisdictions: list[str] = (
        list(manifest.organization.jurisdictions) if manifest.organization else []
    )
    for i, rule in enumerate(config.marketing):
        if rule.jurisdiction != "*":
            check(
                ("marketing", i, "jurisdiction"), "marketing rule", rule.jurisdiction, jurisdictions
            )
    problems += _duplicates(loaded, "trackers", (t.name for t in config.trackers))
    problems += _duplicates(loaded, "messages", (m.key for m in config.messages))
    problems += _duplicates(loaded, "opt_outs", (o.key for o in config.opt_outs))
    return problems


def _duplicates(loaded: LoadedManifest, section: str, names: Iterable[str]) -> list[Problem]:
    seen: set[str] = set()
    problems = []
    for i, name in enumerate(names):
        if name in seen:
            problems.append(
                loaded.problem(("consent", section, i), f"{section} names {name!r} twice")
            )
        seen.add(name)
    return problems
