"""Importing consents a company already holds (a newsletter audience, a CRM's opt-outs).

A CSV with a header: ``subject`` (``KIND=VALUE``), then ``purpose`` or ``opt_out``, ``state``
(``granted``, ``withdrawn``, ``opted_out``, ``opted_in``), and optionally ``source`` (default
``import``), ``given_at`` (when it really happened, kept as evidence: the ledger's own time is
when Kept recorded it), ``policy_version``, ``jurisdiction`` and ``evidence`` (free text).
Every line is checked before anything is written; then each is recorded like any other
consent (a state already in force is skipped).
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kept.consent.decision import ConsentService
from kept.consent.ledger import LedgerEntry, Source, State, parse_subject
from kept.errors import ConsentError, KeptError

__all__ = ["ImportResult", "import_csv"]

_STATES = {s.value for s in State}


@dataclass
class ImportResult:
    lines: int = 0
    recorded: int = 0
    unchanged: int = 0
    entries: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"lines": self.lines, "recorded": self.recorded, "unchanged": self.unchanged}


def import_csv(service: ConsentService, path: Path) -> ImportResult:
    """Record every line of the CSV at ``path``; :class:`ConsentError` names the first bad
    line (file:line) and nothing is written then."""
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            header = set(reader.fieldnames or [])
            rows = list(reader)
    except OSError as exc:
        raise ConsentError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if "subject" not in header or "state" not in header or not header & {"purpose", "opt_out"}:
        raise ConsentError(
            f"{path}: the header needs subject, state and purpose or opt_out; got {sorted(header)}"
        )
    planned = [_plan(service, path, line, row) for line, row in enumerate(rows, start=2)]
    result = ImportResult(lines=len(planned))
    for call, subject, topic, how in planned:
        entry = call(subject, topic, **how)
        if entry is None:
            result.unchanged += 1
        else:
            result.recorded += 1
            result.entries.append(entry.id)
    return result


def _plan(service: ConsentService, path: Path, line: int, row: dict[str, str]) -> tuple[Any, ...]:
    where = f"{path}:{line}"
    try:
        subject = str(parse_subject((row.get("subject") or "").strip()))
    except KeptError as exc:
        raise ConsentError(f"{where}: {exc}") from None
    state = (row.get("state") or "").strip()
    if state not in _STATES:
        raise ConsentError(f"{where}: state {state!r} is not one of {sorted(_STATES)}")
    purpose = (row.get("purpose") or "").strip()
    opt_out = (row.get("opt_out") or "").strip()
    if bool(purpose) == bool(opt_out):
        raise ConsentError(f"{where}: give a purpose or an opt_out, not both nor neither")
    call: Callable[..., LedgerEntry | None]
    if purpose:
        if service.manifest.purpose(purpose) is None:
            raise ConsentError(f"{where}: unknown purpose {purpose!r}")
        if state not in (State.GRANTED, State.WITHDRAWN):
            raise ConsentError(f"{where}: a purpose is granted or withdrawn, not {state!r}")
        call = service.grant if state == State.GRANTED else service.withdraw
    else:
        if service.config.opt_out(opt_out) is None:
            raise ConsentError(f"{where}: unknown opt-out {opt_out!r}")
        if state not in (State.OPTED_OUT, State.OPTED_IN):
            raise ConsentError(f"{where}: an opt-out is opted_out or opted_in, not {state!r}")
        call = service.opt_out if state == State.OPTED_OUT else service.opt_in
    evidence = {"file": path.name, "line": line}
    for key in ("given_at", "evidence"):
        if (row.get(key) or "").strip():
            evidence[key] = row[key].strip()
    how: dict[str, Any] = {
        "source": (row.get("source") or "").strip() or Source.IMPORT.value,
        "policy_version": (row.get("policy_version") or "").strip() or None,
        "jurisdiction": (row.get("jurisdiction") or "").strip() or None,
        "evidence": evidence,
    }
    return call, subject, purpose or opt_out, how
