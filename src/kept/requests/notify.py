"""Telling the person about their request: the e-mailed code, acknowledgements, decisions.

A failure to send a notice is logged, never raised (the request goes on); a code that cannot
be sent is an error (the person cannot verify without it).
"""

from __future__ import annotations

import logging

from kept.errors import KeptError
from kept.mail import Mailer
from kept.manifest.models import Organization
from kept.requests.record import RequestRecord
from kept.requests.verification import CodePolicy

__all__ = ["Notifying"]

log = logging.getLogger("kept.requests")


class Notifying:
    """What a lifecycle tells the person, through its ``mailer``."""

    mailer: Mailer
    codes: CodePolicy

    @property
    def organization(self) -> Organization | None:  # pragma: no cover - the lifecycle's
        raise NotImplementedError

    def notify(self, contact: str | None, record: RequestRecord, text: str) -> None:
        """Mail the person about their request; a failure is logged, never raised."""
        if not contact:
            return
        name = self.organization.name if self.organization else "Kept"
        try:
            self.mailer.send(
                contact,
                f"Your {record.kind.value} request {record.id} to {name}",
                f"{text}\n\nRequest: {record.id}\nState: {record.state.value}\n",
            )
        except KeptError as exc:
            log.warning("could not notify the person about %s: %s", record.id, exc)

    def _send_code(self, contact: str, record: RequestRecord, code: str) -> None:
        name = self.organization.name if self.organization else "Kept"
        minutes = int(self.codes.ttl.total_seconds() // 60)
        due = f" We will answer by {record.due.isoformat()}." if record.due else ""
        self.mailer.send(
            contact,
            f"Your verification code for {name}: {code}",
            f"Someone, hopefully you, asked {name} for {record.kind.phrase} about "
            f"this address (request {record.id}).\n\n"
            f"Your verification code is: {code}\n\n"
            f"It works once and expires in {minutes} minutes. If you did not ask, ignore this "
            f"message: nothing happens without the code.{due}\n",
        )
