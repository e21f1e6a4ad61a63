"""Sending e-mail: real SMTP when ``KEPT_SMTP_URL`` is set, else ``.eml`` files in an outbox.

``KEPT_SMTP_URL`` is ``smtp://[user:password@]host[:port]`` (plain, upgraded with STARTTLS
when ``?starttls=1``) or ``smtps://...`` (TLS from the start). ``KEPT_MAIL_FROM`` is the sender
(default ``privacy@localhost``). Without ``KEPT_SMTP_URL``, each message is written as an
``.eml`` file to an *outbox* folder beside the control-plane database (``outbox/`` next to a
SQLite ``kept.db``, else ``./outbox``), so a demo or a test needs no mail server.
"""

from __future__ import annotations

import re
import smtplib
import ssl
import time
import uuid
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path
from typing import Protocol
from urllib.parse import parse_qs, unquote, urlsplit

from sqlalchemy.engine import make_url

from kept.errors import MailError

__all__ = [
    "MAIL_FROM_ENV",
    "SMTP_URL_ENV",
    "MailError",
    "Mailer",
    "OutboxMailer",
    "SmtpMailer",
    "is_address",
    "mailer_from_env",
    "outbox_folder",
]

SMTP_URL_ENV = "KEPT_SMTP_URL"
MAIL_FROM_ENV = "KEPT_MAIL_FROM"
_DEFAULT_FROM = "privacy@localhost"
_TIMEOUT_S = 20


class Mailer(Protocol):
    """Something that sends mail: a plain-text message, or a message built elsewhere (e.g. a
    marketing message with its ``List-Unsubscribe`` headers, :mod:`kept.consent.messages`)."""

    def send(self, to: str, subject: str, body: str) -> None: ...

    def send_message(self, message: EmailMessage) -> None: ...


_ADDRESS = re.compile(
    r"^[^\s@<>()\[\]\\,;:\"\x00-\x1f\x7f]{1,64}"
    r"@(?=[^@]{1,253}$)[^\s@<>()\[\]\\,;:\"\x00-\x1f\x7f.]+(\.[^\s@<>()\[\]\\,;:\"\x00-\x1f\x7f.]+)+$"
)


def is_address(text: str) -> bool:
    """Whether ``text`` is a plain e-mail address (``local@domain.tld``) mail can go to."""
    return bool(_ADDRESS.fullmatch(text))


def _message(sender: str, to: str, subject: str, body: str) -> EmailMessage:
    if not is_address(to):
        raise MailError(f"cannot send mail to {to[:80]!r}: not an e-mail address")
    message = EmailMessage()
    message["From"] = sender
    try:
        message["To"] = to
    except (IndexError, ValueError) as exc:
        raise MailError(f"cannot send mail to {to[:80]!r}: {exc}") from exc
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or "localhost")
    message.set_content(body)
    return message


@dataclass
class OutboxMailer:
    """Writes each message as ``<time>-<id>.eml`` into ``folder`` (created when needed)."""

    folder: Path
    sender: str = _DEFAULT_FROM

    def send(self, to: str, subject: str, body: str) -> None:
        self.send_message(_message(self.sender, to, subject, body))

    def send_message(self, message: EmailMessage) -> None:
        """Write ``message`` as it is (its own header policy decides the folding)."""
        _check_recipients(message)
        name = f"{time.time_ns()}-{uuid.uuid4().hex[:8]}.eml"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            partial = self.folder / f".{name}.tmp"
            partial.write_bytes(message.as_bytes())
            partial.replace(self.folder / name)  # readers never see half a message
        except OSError as exc:
            raise MailError(f"cannot write to the outbox {self.folder}: {exc}") from exc

    def messages(self) -> list[Path]:
        """The messages written so far, oldest first."""
        if not self.folder.is_dir():
            return []
        return sorted(self.folder.glob("*.eml"))


@dataclass
class SmtpMailer:
    """Sends through an SMTP server named by a ``smtp://`` or ``smtps://`` URL."""

    url: str
    sender: str = _DEFAULT_FROM

    def send(self, to: str, subject: str, body: str) -> None:
        self.send_message(_message(self.sender, to, subject, body))

    def send_message(self, message: EmailMessage) -> None:
        """Send ``message`` as it is (its own header policy decides the folding)."""
        _check_recipients(message)
        parts = urlsplit(self.url)
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise MailError(
                f"{SMTP_URL_ENV} must be smtp://host[:port] or smtps://host[:port], got "
                f"{_redact(self.url)!r}"
            )
        starttls = parse_qs(parts.query).get("starttls", ["0"])[0] in ("1", "true", "yes")
        try:
            client: smtplib.SMTP
            if parts.scheme == "smtps":
                client = smtplib.SMTP_SSL(
                    parts.hostname,
                    parts.port or 465,
                    timeout=_TIMEOUT_S,
                    context=ssl.create_default_context(),
                )
            else:
                client = smtplib.SMTP(parts.hostname, parts.port or 25, timeout=_TIMEOUT_S)
            with client:
                if starttls:
                    client.starttls(context=ssl.create_default_context())
                if parts.username:
                    client.login(unquote(parts.username), unquote(parts.password or ""))
                client.send_message(message)
        except (OSError, smtplib.SMTPException) as exc:
            raise MailError(
                f"cannot send mail through {_redact(self.url)}: {exc.__class__.__name__}: {exc}"
            ) from exc


def _check_recipients(message: EmailMessage) -> None:
    to = str(message.get("To", "")).strip()
    if not is_address(to):
        raise MailError(f"cannot send mail to {to[:80]!r}: not an e-mail address")


def outbox_folder(database_url: str | None) -> Path:
    """The outbox beside the control database: next to a SQLite file, else ``./outbox``."""
    if database_url:
        try:
            parsed = make_url(database_url)
        except Exception:  # an unparsable URL has no folder; the control DB reports it
            return Path("outbox")
        if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
            return Path(parsed.database or "").resolve().parent / "outbox"
    return Path("outbox")


def make_mailer(smtp_url: str | None, sender: str | None, database_url: str | None) -> Mailer:
    """SMTP when ``smtp_url`` is given, else the outbox beside the control database."""
    sender = (sender or "").strip() or _DEFAULT_FROM
    if smtp_url and smtp_url.strip():
        return SmtpMailer(smtp_url.strip(), sender)
    return OutboxMailer(outbox_folder(database_url), sender)


def mailer_from_env(database_url: str | None = None) -> Mailer:
    """The mailer of the settings in use: SMTP when ``KEPT_SMTP_URL`` is set, else the outbox
    beside the control database (the ``Kept`` object's is :attr:`kept.app.Kept.mailer`)."""
    from kept.settings import current_settings  # pydantic-settings: only when needed

    settings = current_settings()
    return make_mailer(settings.smtp(), settings.mail_from, database_url)


def _redact(url: str) -> str:
    parts = urlsplit(url)
    if parts.password:
        return url.replace(f":{parts.password}@", ":***@")
    return url
