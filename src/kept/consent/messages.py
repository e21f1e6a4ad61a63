"""Messages: marketing or service, and the one-click unsubscribe of RFC 8058.

Every message belongs to a class of the manifest (``consent.messages``). A *service* message
(password reset, order confirmation, security notice) always goes. A *marketing* message goes
only when ``may_process`` allows its purpose for the person in their jurisdiction (consent
given under an opt-in rule; no opt-out under an opt-out rule; no objection, restriction or
opt-out either way), and then carries:

- a signed, unguessable unsubscribe URL ``{public_url}/unsubscribe/{token}``, in the body too;
- ``List-Unsubscribe: <URL>`` (RFC 2369) and ``List-Unsubscribe-Post:
  List-Unsubscribe=One-Click`` (RFC 8058).

The token carries the subject's *reference* (never the e-mail address), the purpose and the
message class, and is signed with HMAC-SHA256 under a key derived from Kept's secret key
(``KEPT_SECRET_KEY`` or the one generated in the control database). Verification is constant
time; a forged, tampered or truncated token is refused. Messages are built as
:class:`email.message.EmailMessage`; sending them is the caller's (``smtplib``, a mail API).
"""

from __future__ import annotations

import base64
import binascii
import email.policy
import hashlib
import hmac
import json
import time
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Any
from urllib.parse import urlsplit

from kept.consent.decision import ConsentService, Decision
from kept.consent.ledger import LedgerEntry, Source, parse_subject
from kept.errors import ConsentError
from kept.execution.identity import Identity
from kept.mail import Mailer
from kept.manifest.consent import MessageKind

__all__ = [
    "ONE_CLICK",
    "ComposedMessage",
    "UnsubscribeToken",
    "compose_message",
    "deliver",
    "sign_token",
    "unsubscribe",
    "unsubscribe_url",
    "verify_token",
]

ONE_CLICK = "List-Unsubscribe=One-Click"
"""The only value of ``List-Unsubscribe-Post``, and the body of the one-click POST."""

_LABEL = "unsubscribe.v1"
_POLICY = email.policy.SMTP.clone(max_line_length=998)
_VERSION = 1
_LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")


@dataclass(frozen=True)
class UnsubscribeToken:
    """What a verified token says: whose consent to which purpose, from which message."""

    subject_ref: str
    subject_kind: str
    purpose: str
    message_class: str
    issued: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "subject_ref": self.subject_ref,
            "subject_kind": self.subject_kind,
            "purpose": self.purpose,
            "message_class": self.message_class,
            "issued": self.issued,
        }


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def sign_token(key: bytes, token: UnsubscribeToken) -> str:
    """``PAYLOAD.SIGNATURE``, both base64url: the payload is JSON, the signature HMAC-SHA256."""
    payload = json.dumps(
        [
            _VERSION,
            token.subject_ref,
            token.subject_kind,
            token.purpose,
            token.message_class,
            token.issued,
        ],
        separators=(",", ":"),
    ).encode("utf-8")
    body = _b64(payload)
    signature = hmac.new(key, body.encode("ascii"), hashlib.sha256).digest()
    return f"{body}.{_b64(signature)}"


def verify_token(key: bytes, text: str) -> UnsubscribeToken:
    """The token's content, or :class:`ConsentError` when it does not verify."""
    body, dot, signature = text.strip().partition(".")
    if not dot or not body or not signature or len(text) > 2048:
        raise ConsentError("the unsubscribe token is malformed")
    expected = _b64(hmac.new(key, body.encode("ascii", "replace"), hashlib.sha256).digest())
    if not hmac.compare_digest(expected.encode("ascii"), signature.encode("ascii", "replace")):
        raise ConsentError("the unsubscribe token is not valid (forged or altered)")
    try:
        version, ref, kind, purpose, message_class, issued = json.loads(_unb64(body))
    except (ValueError, TypeError, binascii.Error):
        raise ConsentError("the unsubscribe token is malformed") from None
    if version != _VERSION:
        raise ConsentError(f"the unsubscribe token has unknown version {version!r}")
    return UnsubscribeToken(str(ref), str(kind), str(purpose), str(message_class), int(issued))


def unsubscribe_url(
    service: ConsentService,
    subject: str | Identity,
    message_class: str,
    *,
    public_url: str | None = None,
) -> str:
    """The signed one-click unsubscribe URL for ``subject`` and a marketing message class."""
    klass = service.config.message(message_class)
    if klass is None:
        known = [m.key for m in service.config.messages]
        raise ConsentError(f"unknown message class {message_class!r}; declared: {known}")
    if klass.kind is not MessageKind.MARKETING or klass.purpose is None:
        raise ConsentError(f"message class {message_class!r} is not marketing: no unsubscribe")
    base = (public_url or service.config.public_url or "").rstrip("/")
    parts = urlsplit(base)
    if parts.scheme != "https" and not (parts.scheme == "http" and parts.hostname in _LOCAL_HOSTS):
        raise ConsentError(
            f"the unsubscribe URL must be https (RFC 8058), got public_url {base!r}; "
            "set consent.public_url in the manifest"
        )
    identity = parse_subject(subject)
    token = UnsubscribeToken(
        subject_ref=service.subject_ref(identity),
        subject_kind=identity.kind,
        purpose=klass.purpose,
        message_class=klass.key,
        issued=int(time.time()),
    )
    return f"{base}/unsubscribe/{sign_token(service.signing_key(_LABEL), token)}"


@dataclass(frozen=True)
class ComposedMessage:
    """A message ready to send, or the reason it must not be sent (``message`` is None)."""

    decision: Decision
    message: EmailMessage | None
    unsubscribe_url: str | None = None

    @property
    def sendable(self) -> bool:
        return self.message is not None


def compose_message(
    service: ConsentService,
    message_class: str,
    *,
    subject: str | Identity,
    to: str,
    sender: str,
    title: str,
    text: str,
    jurisdiction: str | None = None,
    public_url: str | None = None,
    tenant: str | None = None,
) -> ComposedMessage:
    """Build the e-mail of class ``message_class`` for ``subject`` (a ``KIND=VALUE`` identity)
    at address ``to``, if the manifest's rules let it go (in ``tenant``, if it sends for one;
    its unsubscribe link withdraws the consent organisation-wide)."""
    klass = service.config.message(message_class)
    if klass is None:
        known = [m.key for m in service.config.messages]
        raise ConsentError(f"unknown message class {message_class!r}; declared: {known}")
    if klass.kind is MessageKind.SERVICE:
        decision = Decision(
            True,
            "service_message",
            f"{message_class!r} is a service message: it goes whatever the marketing choices",
            klass.purpose or "",
            None,
        )
        return ComposedMessage(decision, _message(sender, to, title, text))
    assert klass.purpose is not None  # the manifest model requires it for marketing
    decision = service.may_process(subject, klass.purpose, jurisdiction=jurisdiction, tenant=tenant)
    if not decision.allowed:
        return ComposedMessage(decision, None)
    url = unsubscribe_url(service, subject, message_class, public_url=public_url)
    footer = (
        "\n\n--\nYou receive this because you agreed to hear from us. You can object to "
        f"direct marketing at any time: unsubscribe with one click at\n{url}\n"
    )
    message = _message(sender, to, title, text + footer)
    message["List-Unsubscribe"] = f"<{url}>"
    message["List-Unsubscribe-Post"] = ONE_CLICK
    return ComposedMessage(decision, message, url)


def deliver(composed: ComposedMessage, mailer: Mailer) -> bool:
    """Send a composed message through ``mailer`` (SMTP or the outbox, :mod:`kept.mail`) when
    the rules let it go; False, sending nothing, when they do not (see ``decision``)."""
    if composed.message is None:
        return False
    mailer.send_message(composed.message)
    return True


def _message(sender: str, to: str, title: str, text: str) -> EmailMessage:
    # Long unbreakable header values (the unsubscribe URL) must stay as they are: with the
    # default 78-character folding they would be turned into RFC 2047 encoded words, which
    # no mailbox provider reads as a URL. RFC 5322 allows 998 characters per line.
    message = EmailMessage(policy=_POLICY)
    message["From"] = sender
    message["To"] = to
    message["Subject"] = title
    message["Date"] = formatdate(usegmt=True)
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    message.set_content(text)
    return message


def unsubscribe(
    service: ConsentService, token: str, *, evidence: dict[str, Any] | None = None
) -> tuple[UnsubscribeToken, LedgerEntry | None]:
    """Withdraw the consent a token names; the ledger entry, or ``None`` when it already was
    withdrawn (a repeated POST changes nothing). :class:`ConsentError` for a bad token."""
    verified = verify_token(service.signing_key(_LABEL), token)
    if service.manifest.purpose(verified.purpose) is None:
        raise ConsentError(f"the unsubscribe token names unknown purpose {verified.purpose!r}")
    entry = service.withdraw_ref(
        verified.subject_ref,
        verified.subject_kind,
        verified.purpose,
        source=Source.UNSUBSCRIBE.value,
        evidence={
            "message_class": verified.message_class,
            "token_issued": verified.issued,
            "method": "RFC 8058 one-click POST",
            **(evidence or {}),
        },
    )
    return verified, entry
