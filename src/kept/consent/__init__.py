"""Consent and preferences: the ledger, decisions, opt-outs, messages and the cookie banner.

    from kept.consent import ConsentService

    consents = ConsentService(manifest, control_engine)
    consents.grant("email=ada@example.com", "newsletter", source="form")
    decision = consents.may_process("email=ada@example.com", "newsletter")
    decision.allowed, decision.reason          # True, "consent given at ... (form, policy ...)"
    consents.withdraw("email=ada@example.com", "newsletter", source="dpo_email")

See ``docs/consent.md``.
"""

from kept.consent.banner import banner_config, banner_script, record_choice
from kept.consent.decision import ConsentService, Decision
from kept.consent.ledger import (
    LedgerEntry,
    LedgerVerification,
    Source,
    State,
    TopicKind,
    notice_hash,
    verify_ledger,
)
from kept.consent.messages import (
    ONE_CLICK,
    ComposedMessage,
    UnsubscribeToken,
    compose_message,
    deliver,
    unsubscribe,
    unsubscribe_url,
)

__all__ = [
    "ONE_CLICK",
    "ComposedMessage",
    "ConsentService",
    "Decision",
    "LedgerEntry",
    "LedgerVerification",
    "Source",
    "State",
    "TopicKind",
    "UnsubscribeToken",
    "banner_config",
    "banner_script",
    "compose_message",
    "deliver",
    "notice_hash",
    "record_choice",
    "unsubscribe",
    "unsubscribe_url",
    "verify_ledger",
]
