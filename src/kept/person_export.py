"""What the control database holds about a person, added to their access export.

The rights engine writes the rows of the stores; the control database adds what Kept itself
keeps about the person: the consent ledger (``consent.json``, GDPR Art. 7(1) and 15) and the
support-access grants they gave (``support.json``) and the recipients told of their
requests (``recipients.json``, GDPR Art. 19). The CLI, the API's worker and the library
add them through this one function, so every access export holds the same files.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from kept.consent.export import CONSENT_FILE, consent_export
from kept.control import secret_key
from kept.execution.identity import Identity
from kept.export import write_member
from kept.recipients import RECIPIENTS_FILE, recipients_told_export
from kept.support import support_export

__all__ = ["SUPPORT_FILE", "ControlRecords", "add_control_records", "control_records"]

SUPPORT_FILE = "support.json"


@dataclass
class ControlRecords:
    """The person's files from the control database, ready to go into their export."""

    members: list[tuple[str, bytes]]
    counts: dict[str, int]


def control_records(
    control: sa.Engine, identities: list[Identity], *, key: bytes | None = None
) -> ControlRecords:
    """The person's consent ledger, support grants and the recipients told of their requests,
    read on one connection (one snapshot); ``key`` is Kept's secret (read when None)."""
    with control.connect() as conn:
        key = key if key is not None else secret_key(conn)
        ledger = consent_export(control, identities, conn=conn, key=key)
        grants = support_export(control, identities, conn=conn, key=key)
        told = recipients_told_export(control, identities, conn=conn, key=key)
    members = [
        (name, json.dumps(data, indent=2, ensure_ascii=False).encode())
        for name, data in ((CONSENT_FILE, ledger), (SUPPORT_FILE, grants), (RECIPIENTS_FILE, told))
    ]
    counts = {
        "consent_records": sum(len(p["ledger"]) for p in ledger["subjects"]),
        "support_grants": len(grants["grants"]),
        "recipients_told": len(told["notifications"]),
    }
    return ControlRecords(members, counts)


def add_control_records(
    export: Path, control: sa.Engine, identities: list[Identity], *, key: bytes | None = None
) -> dict[str, int]:
    """Append the person's consent ledger, support grants and the recipients told of their
    requests to ``export`` (a zip), in one opening of it."""
    records = control_records(control, identities, key=key)
    with zipfile.ZipFile(export, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in records.members:
            write_member(archive, name, data)
    return records.counts
