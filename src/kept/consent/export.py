"""The consent ledger in a person's access export (GDPR Art. 15, Art. 7(1)).

:func:`add_consent_ledger` writes ``consent.json`` into an access export zip: for each identity
of the request, the current state of every topic and every ledger record, oldest first.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from kept.audit import subject_reference
from kept.consent.ledger import consent_state, history_of
from kept.control import secret_key
from kept.execution.identity import Identity

__all__ = ["CONSENT_FILE", "add_consent_ledger", "consent_export"]

CONSENT_FILE = "consent.json"


_STATES = (
    sa.select(consent_state)
    .where(consent_state.c.subject_ref == sa.bindparam("ref"))
    .order_by(consent_state.c.topic_kind, consent_state.c.topic)
)
"""A subject's current states (built once: each access request runs it)."""


def consent_export(
    engine: sa.Engine,
    identities: list[Identity],
    *,
    conn: sa.Connection | None = None,
    key: bytes | None = None,
) -> dict[str, Any]:
    """The ledger and current states of each identity (no snapshot is loaded); with
    ``conn`` (and Kept's secret ``key``), read on that connection."""
    if conn is None:
        with engine.connect() as own:
            return consent_export(engine, identities, conn=own, key=key)
    key = key if key is not None else secret_key(conn)
    people: list[dict[str, Any]] = []
    for identity in identities:
        ref = subject_reference(str(identity), key)
        rows = conn.execute(_STATES, {"ref": ref}).mappings()
        current = [
            {k: row[k] for k in ("topic_kind", "topic", "state", "recorded_at", "source")}
            | {"policy_version": row["policy_version"], "tenant": row["tenant"] or None}
            for row in rows
        ]
        ledger = [e.as_dict() for e in history_of(conn, ref)]
        people.append({"identity": str(identity), "current": current, "ledger": ledger})
    return {
        "about": (
            "Your consents, withdrawals and opt-outs as recorded by the controller, with the "
            "time (UTC), policy version, hash of the notice shown, source and evidence of each."
        ),
        "subjects": people,
    }


def add_consent_ledger(export: Path, engine: sa.Engine, identities: list[Identity]) -> int:
    """Append ``consent.json`` to the export zip; returns how many ledger records it holds."""
    data = consent_export(engine, identities)
    with zipfile.ZipFile(export, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(CONSENT_FILE, json.dumps(data, indent=2, ensure_ascii=False))
    return sum(len(p["ledger"]) for p in data["subjects"])
