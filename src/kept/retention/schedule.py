"""Scheduled sweeps: the service's workers run the retention sweep when the manifest's
``retention.schedule`` (cron syntax) says so, and only one of them does.

:func:`run_due_sweep` is what an idle worker calls. It finds the schedule's last fire time at
or before now; when no sweep of this control database was claimed since then, it claims this
one, under a row lock on ``kept_settings`` (``SELECT ... FOR UPDATE`` on PostgreSQL and
MariaDB, an immediate transaction on SQLite), so that two workers never both start it, and
runs :func:`kept.retention.sweep.run_sweep`. A sweep a crash interrupted is resumed by the next
call of ``run_sweep``, which the following fire time makes.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from croniter import croniter

from kept.control import settings, write_transaction
from kept.manifest.loader import LoadedManifest
from kept.retention.sweep import SweepResult, run_sweep

__all__ = ["CLAIM_SETTING", "last_fire", "run_due_sweep"]

CLAIM_SETTING = "retention.scheduled_sweep"
"""The ``kept_settings`` row holding the fire time the last scheduled sweep was claimed for."""


def last_fire(expression: str, now: dt.datetime) -> dt.datetime:
    """The schedule's latest fire time at or before ``now`` (naive UTC)."""
    moment = now.replace(second=0, microsecond=0) + dt.timedelta(minutes=1)
    fired: dt.datetime = croniter(expression, moment).get_prev(dt.datetime)
    return fired


def run_due_sweep(
    loaded: LoadedManifest,
    control: sa.Engine,
    *,
    now: dt.datetime | None = None,
    actor: str = "kept-worker",
) -> SweepResult | None:
    """Run the sweep when the manifest's schedule is due and no one has claimed this fire time;
    None when there is no schedule or nothing is due."""
    expression = loaded.manifest.retention.schedule
    if not expression or not loaded.manifest.retention.rules:
        return None
    moment = now or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    fired = last_fire(expression, moment).isoformat()
    if not _claim(control, fired):
        return None
    return run_sweep(loaded, control, now=moment, actor=actor)


def _claim(control: sa.Engine, fired: str, setting: str = CLAIM_SETTING) -> bool:
    """Record ``fired`` as claimed (in the ``kept_settings`` row ``setting``) unless it (or a
    later one) already is; True when we did."""
    with write_transaction(control) as conn:
        row = conn.execute(
            sa.select(settings.c.value).where(settings.c.name == setting).with_for_update()
        ).one_or_none()
        if row is None:
            try:
                with conn.begin_nested():
                    conn.execute(settings.insert().values(name=setting, value=fired))
            except sa.exc.IntegrityError:  # another worker inserted it first: it claimed
                return False
            return True
        if row.value >= fired:  # ISO times compare as text
            return False
        conn.execute(settings.update().where(settings.c.name == setting).values(value=fired))
        return True
