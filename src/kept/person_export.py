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
from pathlib import Path

import sqlalchemy as sa

from kept.consent.export import add_consent_ledger
from kept.execution.identity import Identity
from kept.recipients import add_recipients_told
from kept.support import support_export

__all__ = ["SUPPORT_FILE", "add_control_records"]

SUPPORT_FILE = "support.json"


def add_control_records(
    export: Path, control: sa.Engine, identities: list[Identity]
) -> dict[str, int]:
    """Append the person's consent ledger and support grants to ``export`` (a zip)."""
    ledger = add_consent_ledger(export, control, identities)
    grants = support_export(control, identities)
    with zipfile.ZipFile(export, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(SUPPORT_FILE, json.dumps(grants, indent=2, ensure_ascii=False))
    told = add_recipients_told(export, control, identities)
    return {
        "consent_records": ledger,
        "support_grants": len(grants["grants"]),
        "recipients_told": told,
    }
