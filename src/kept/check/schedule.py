"""Scheduled data checks, each run written to the audit log.

Like the retention sweep (:mod:`kept.retention.schedule`): idle workers call
:func:`run_due_data_checks`; when ``data_checks.schedule`` (cron, UTC) has fired since the
last run claimed in this control database, one of them claims the fire time (a row lock on
``kept_settings``), runs every data check and appends one ``data_checks.run`` entry to the
audit log: which checks ran, which broke their promise and how many rows each counted (never
keys or values). :func:`record_data_checks` writes the same entry for a run made by hand
(``kept check --data --record``).
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from kept.audit import AuditEntry, AuditLog
from kept.check.data import DataCheckRun, run_data_checks
from kept.manifest.loader import LoadedManifest
from kept.retention.schedule import _claim, last_fire

__all__ = ["AUDIT_ACTION", "CLAIM_SETTING", "record_data_checks", "run_due_data_checks"]

CLAIM_SETTING = "data_checks.scheduled_run"
"""The ``kept_settings`` row holding the fire time the last scheduled run was claimed for."""
AUDIT_ACTION = "data_checks.run"


def record_data_checks(
    control: sa.Engine,
    loaded: LoadedManifest,
    run: DataCheckRun,
    *,
    actor: str,
    scheduled_for: str | None = None,
) -> AuditEntry:
    """Append the run's summary (counts per check, no keys, no values) to the audit log."""
    details = {"manifest": str(loaded.root), "ok": run.ok, **run.summary()}
    if scheduled_for is not None:
        details["scheduled_for"] = scheduled_for
    return AuditLog(control).append(actor, AUDIT_ACTION, details=details)


def run_due_data_checks(
    loaded: LoadedManifest,
    control: sa.Engine,
    *,
    now: dt.datetime | None = None,
    actor: str = "kept-worker",
) -> DataCheckRun | None:
    """Run the data checks when their schedule is due and no one has claimed this fire time,
    and audit the run; None when there is no schedule or nothing is due."""
    section = loaded.manifest.data_checks
    if not section.schedule or not section.checks:
        return None
    moment = now or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    fired = last_fire(section.schedule, moment).isoformat()
    if not _claim(control, fired, CLAIM_SETTING):
        return None
    run = run_data_checks(loaded)
    record_data_checks(control, loaded, run, actor=actor, scheduled_for=fired)
    return run
