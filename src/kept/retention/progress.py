"""A retention sweep's state in the control database: which sweep runs, against which time,
and how far each rule got (so a sweep a crash interrupted resumes where it stopped).

A rule's completion and its receipt in the audit log are written in one transaction
(:func:`complete_rule`): a resumed sweep never receipts a rule twice, nor skips one unreceipted.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

import sqlalchemy as sa

from kept.audit import AuditLog
from kept.control import write_transaction
from kept.control.schema import UTC_FORMAT, retention_progress, retention_sweeps, utc_text

__all__ = [
    "begin_sweep",
    "complete_rule",
    "finish_sweep",
    "record_checkpoint",
    "retention_progress",
    "retention_sweeps",
]

_TIME = UTC_FORMAT


def begin_sweep(
    control: sa.Engine,
    version: str,
    now: dt.datetime,
    dry_run: bool,
    actor: str,
    *,
    pinned: bool,
) -> tuple[str, dt.datetime, dict[str, dict[str, Any]], bool]:
    """The sweep to run: ``(id, the time it measures against, checkpoints, resumed)``. An
    unfinished sweep of the same manifest (and, when ``pinned``, the same ``now``) is resumed
    with its own time; other unfinished sweeps are marked abandoned."""
    if dry_run:
        return f"dry_{uuid.uuid4().hex[:12]}", now, {}, False
    with write_transaction(control) as conn:
        running = (
            conn.execute(
                sa.select(retention_sweeps)
                .where(retention_sweeps.c.status == "running")
                .order_by(retention_sweeps.c.started_at.desc())
            )
            .mappings()
            .all()
        )
        for row in running:
            started = dt.datetime.fromisoformat(row["now"])
            if row["manifest_version"] == version and (not pinned or now == started):
                progress = conn.execute(
                    sa.select(retention_progress).where(retention_progress.c.sweep_id == row["id"])
                ).mappings()
                return row["id"], started, {p["target"]: dict(p) for p in progress}, True
            conn.execute(
                retention_sweeps.update()
                .where(retention_sweeps.c.id == row["id"])
                .values(status="abandoned", finished_at=_stamp())
            )
        sweep_id = f"swp_{uuid.uuid4().hex[:16]}"
        conn.execute(
            retention_sweeps.insert().values(
                id=sweep_id,
                manifest_version=version,
                now=now.isoformat(),
                started_at=_stamp(),
                status="running",
                actor=actor,
            )
        )
    return sweep_id, now, {}, False


def record_checkpoint(
    control: sa.Engine,
    sweep_id: str,
    key: str,
    last: Any,
    rows: int,
    batches: int,
    done: bool,
    conn: sa.Connection | None = None,
) -> None:
    """How far the rule ``key`` got: the last key acted on, rows and batches so far."""
    values = {
        "last_key": json.dumps(last, default=str) if last is not None else None,
        "rows": rows,
        "batches": batches,
        "done": done,
        "updated_at": _stamp(),
    }
    where = sa.and_(retention_progress.c.sweep_id == sweep_id, retention_progress.c.target == key)
    if conn is None:
        with write_transaction(control) as own:
            record_checkpoint(control, sweep_id, key, last, rows, batches, done, own)
        return
    if conn.execute(retention_progress.update().where(where).values(**values)).rowcount == 0:
        row = {"sweep_id": sweep_id, "target": key, **values}
        conn.execute(retention_progress.insert().values(**row))


def complete_rule(
    control: sa.Engine,
    actor: str,
    sweep_id: str,
    key: str,
    last: Any,
    rows: int,
    batches: int,
    details: dict[str, Any],
) -> None:
    """Mark a rule done and write its receipt (``details``), in one transaction."""
    with write_transaction(control) as conn:
        record_checkpoint(control, sweep_id, key, last, rows, batches, True, conn)
        AuditLog(control).append(actor, "retention.sweep", details=details, conn=conn)


def finish_sweep(control: sa.Engine, sweep_id: str, *, status: str = "done") -> None:
    """Record the sweep ended (``done``, or ``refused`` when it stopped before any change)."""
    with write_transaction(control) as conn:
        conn.execute(
            retention_sweeps.update()
            .where(retention_sweeps.c.id == sweep_id)
            .values(status=status, finished_at=_stamp())
        )


def _stamp() -> str:
    return utc_text()
