"""Retention on the vCloudPoint example: the statement's periods, floors, keeps and holds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from kept.audit import AuditLog
from kept.control import open_control
from kept.examples import create_example
from kept.examples.vcloudpoint import sample
from kept.execution import parse_identity
from kept.execution.retention.holds import place_hold, release_hold
from kept.manifest import LoadedManifest, load_manifest
from kept.retention.sweep import run_sweep
from kept.rights import RightsService

NOW = dt.datetime(2026, 1, 15, 12, 0, 0)
WEEK = NOW - dt.timedelta(days=7)
THREE_YEARS = NOW.replace(year=NOW.year - 3)


@dataclass
class Example:
    loaded: LoadedManifest
    store: sa.Engine
    control: sa.Engine

    def count(self, sql: str, **params: Any) -> int:
        with self.store.connect() as conn:
            return int(conn.execute(sa.text(sql), params).scalar_one())

    def rows(self, sql: str, **params: Any) -> list[tuple[Any, ...]]:
        with self.store.connect() as conn:
            return [tuple(r) for r in conn.execute(sa.text(sql), params)]


@pytest.fixture
def vcp(tmp_path: Path) -> Iterator[Example]:
    info = create_example("vcloudpoint", tmp_path, people=120)
    store = sa.create_engine(f"sqlite:///{tmp_path / 'vcloudpoint.sqlite'}")
    sample.generate(store, people=120, now=NOW)
    control = open_control(f"sqlite:///{tmp_path / 'kept.db'}")
    yield Example(load_manifest(info.manifest), store, control)
    store.dispose()
    control.dispose()


def snapshot(ex: Example) -> dict[str, list[tuple[Any, ...]]]:
    return {t: ex.rows(f"SELECT * FROM {t} ORDER BY id") for t in sample.TABLES}


NOTIFICATIONS = "SELECT COUNT(*) FROM notifications WHERE created_at {} :t"
CREDENTIALS = """SELECT COUNT(*) FROM remote_access_credentials c
                 JOIN support_tickets t ON t.id = c.ticket_id WHERE t.status {} 'resolved'"""
COMMUNICATIONS = "SELECT COUNT(*) FROM communications WHERE sent_at {} :t"
SURVEYS = "SELECT COUNT(*) FROM surveys WHERE submitted_at {} :t"


def test_sweep_keeps_the_statements_periods(vcp: Example) -> None:
    young_notes = vcp.count(NOTIFICATIONS.format(">="), t=WEEK)
    open_creds = vcp.count(CREDENTIALS.format("<>"))
    young_comms = vcp.count(COMMUNICATIONS.format(">="), t=THREE_YEARS)
    young_surveys = vcp.count(SURVEYS.format(">="), t=THREE_YEARS)
    shipments = vcp.rows("SELECT * FROM shipments ORDER BY id")
    assert vcp.count(NOTIFICATIONS.format("<"), t=WEEK) > 0
    assert vcp.count(CREDENTIALS.format("=")) > 0
    assert vcp.count(COMMUNICATIONS.format("<"), t=THREE_YEARS) > 0

    result = run_sweep(vcp.loaded, vcp.control, now=NOW)

    assert vcp.count(NOTIFICATIONS.format("<"), t=WEEK) == 0  # VCP-52
    assert vcp.count(NOTIFICATIONS.format(">="), t=WEEK) == young_notes
    assert vcp.count(CREDENTIALS.format("=")) == 0  # VCP-45
    assert vcp.count(CREDENTIALS.format("<>")) == open_creds and open_creds > 0
    assert vcp.count(COMMUNICATIONS.format("<"), t=THREE_YEARS) == 0  # VCP-46
    assert vcp.count(COMMUNICATIONS.format(">="), t=THREE_YEARS) == young_comms > 0
    assert vcp.count(SURVEYS.format(">="), t=THREE_YEARS) == young_surveys > 0
    assert vcp.rows("SELECT * FROM shipments ORDER BY id") == shipments  # VCP-49
    investigated = "SELECT COUNT(*) FROM security_logs WHERE under_investigation"
    assert vcp.count(investigated) > 0  # VCP-60: never removed while investigated
    by_rule = {o.rule: o for o in result.outcomes}
    assert by_rule["notifications-7-days"].rows > 0
    assert all(o.rows == o.expired for o in result.outcomes)
    # one receipt per rule in the audit log, without personal data
    receipts = [e for e in AuditLog(vcp.control).latest(50) if e.action == "retention.sweep"]
    assert {e.details["rule"] for e in receipts} == set(by_rule)
    assert AuditLog(vcp.control).verify().ok


def test_dry_run_counts_and_changes_nothing(vcp: Example) -> None:
    before = snapshot(vcp)
    dry = run_sweep(vcp.loaded, vcp.control, now=NOW, dry_run=True, show_rows=3)
    assert snapshot(vcp) == before
    counts = {o.rule: o.expired for o in dry.outcomes}
    assert counts["notifications-7-days"] == vcp.count(NOTIFICATIONS.format("<"), t=WEEK)
    assert all(len(o.sample) == min(3, o.expired) for o in dry.outcomes)
    real = run_sweep(vcp.loaded, vcp.control, now=NOW)
    assert {o.rule: o.rows for o in real.outcomes} == counts
    again = run_sweep(vcp.loaded, vcp.control, now=NOW)  # idempotent
    assert again.rows == 0


def _person_with_both_ages(ex: Example) -> str:
    """An account with communication records both under and over three years old."""
    rows = ex.rows(
        """SELECT a.email FROM accounts a JOIN support_tickets t ON t.account_id = a.id
           JOIN communications c ON c.ticket_id = t.id GROUP BY a.email
           HAVING MIN(c.sent_at) < :t AND MAX(c.sent_at) >= :t ORDER BY a.email""",
        t=THREE_YEARS,
    )
    assert rows, "the sample has no account with old and recent communication records"
    return str(rows[0][0])


PERSON_COMMS = """SELECT COUNT(*) FROM communications c JOIN support_tickets t
                  ON t.id = c.ticket_id JOIN accounts a ON a.id = t.account_id
                  WHERE a.email = :e AND c.sent_at {} :t"""


def test_erasure_respects_the_three_year_minimum(vcp: Example) -> None:
    email = _person_with_both_ages(vcp)
    young = vcp.count(PERSON_COMMS.format(">="), e=email, t=THREE_YEARS)
    ticket_ids = [r[0] for r in vcp.rows(
        "SELECT t.id FROM support_tickets t JOIN accounts a ON a.id = t.account_id "
        "WHERE a.email = :e", e=email)]  # fmt: skip
    service = RightsService(vcp.loaded, vcp.control)
    result = service.erase({"r1": [parse_identity(f"email={email}")]}, now=NOW)
    assert result.verified
    assert vcp.count("SELECT COUNT(*) FROM accounts WHERE email = :e", e=email) == 0
    marks = ",".join(str(i) for i in ticket_ids)
    left = vcp.rows(f"SELECT sent_at FROM communications WHERE ticket_id IN ({marks})")
    assert len(left) == young > 0  # under three years: kept
    assert all(dt.datetime.fromisoformat(str(v)) >= THREE_YEARS for (v,) in left)
    receipt = result.receipt("r1")
    comms = next(t for t in receipt["tables"] if t["table"] == "vcloudpoint.communications")
    assert comms["rows_held"] == young
    assert any("VCP-46" in g for g in comms["held_grounds"])


def _person_with_old_notifications(ex: Example) -> str:
    rows = ex.rows(
        """SELECT a.email FROM accounts a JOIN push_registrations p ON p.account_id = a.id
           JOIN notifications n ON n.registration_id = p.id WHERE n.created_at < :t
           GROUP BY a.email ORDER BY COUNT(*) DESC, a.email""",
        t=WEEK,
    )
    return str(rows[0][0])


PERSON_NOTES = """SELECT COUNT(*) FROM notifications n JOIN push_registrations p
                  ON p.id = n.registration_id JOIN accounts a ON a.id = p.account_id
                  WHERE a.email = :e"""


def test_a_legal_hold_on_a_person_keeps_their_rows(vcp: Example) -> None:
    email = _person_with_old_notifications(vcp)
    theirs = vcp.count(PERSON_NOTES, e=email)
    hold = place_hold(
        vcp.control, reason="litigation 2026-17", identities=[parse_identity(f"email={email}")]
    )
    result = run_sweep(vcp.loaded, vcp.control, now=NOW)
    assert vcp.count(PERSON_NOTES, e=email) == theirs  # held
    assert vcp.count(NOTIFICATIONS.format("<"), t=WEEK) == vcp.count(
        PERSON_NOTES + " AND n.created_at < :t", e=email, t=WEEK
    )  # everyone else's old notifications are gone
    notes = next(o for o in result.outcomes if o.rule == "notifications-7-days")
    assert notes.held > 0 and hold.id in notes.held_by[0]

    # An erasure request of the held person changes nothing and says why.
    before = snapshot(vcp)
    service = RightsService(vcp.loaded, vcp.control)
    erased = service.erase({"r1": [parse_identity(f"email={email.upper()}")]}, now=NOW)
    assert snapshot(vcp) == before
    assert erased.verified
    tables = [t for t in erased.receipt("r1")["tables"] if t["action"] != "keep"]
    assert tables and all(t["rows_held"] == t["rows_before"] for t in tables)
    assert all(any(hold.id in g for g in t["held_grounds"]) for t in tables)

    release_hold(vcp.control, hold.id, reason="case closed")
    run_sweep(vcp.loaded, vcp.control, now=NOW)
    assert vcp.count(NOTIFICATIONS.format("<"), t=WEEK) == 0


def test_a_dataset_hold_stops_the_sweep(vcp: Example) -> None:
    before = snapshot(vcp)
    hold = place_hold(vcp.control, reason="regulator inquiry", dataset="vcloudpoint")
    result = run_sweep(vcp.loaded, vcp.control, now=NOW)
    assert snapshot(vcp) == before
    assert result.rows == 0
    assert all(hold.id in o.held_by[0] for o in result.outcomes if o.held)
    ended = place_hold(
        vcp.control, reason="old", dataset="vcloudpoint", ends_on=dt.date(2025, 1, 1)
    )
    release_hold(vcp.control, hold.id, reason="inquiry over")
    assert run_sweep(vcp.loaded, vcp.control, now=NOW).rows > 0  # the ended hold is past
    assert ended.ends_on is not None


def test_erasure_floors_and_holds_on_every_database(any_db_url: str, tmp_path: Path) -> None:
    """The same erasure keeps the same rows on SQLite, PostgreSQL and MariaDB."""
    info = create_example("vcloudpoint", tmp_path, people=120, url=any_db_url)
    store = sa.create_engine(any_db_url, poolclass=sa.NullPool)
    sample.generate(store, people=120, now=NOW)
    control = open_control(f"sqlite:///{tmp_path / 'kept.db'}")
    ex = Example(load_manifest(info.manifest), store, control)
    try:
        email = _person_with_both_ages(ex)
        young = ex.count(PERSON_COMMS.format(">="), e=email, t=THREE_YEARS)
        held_email = _person_with_old_notifications(ex)
        place_hold(control, reason="case", identities=[parse_identity(f"email={held_email}")])
        service = RightsService(ex.loaded, control)
        result = service.erase(
            {
                "r1": [parse_identity(f"email={email}")],
                "r2": [parse_identity(f"email={held_email}")],
            },
            now=NOW,
        )
        assert result.verified
        comms = next(t for t in result.tables if t.table == "vcloudpoint.communications")
        assert comms.held["r1"] == young
        assert ex.count("SELECT COUNT(*) FROM accounts WHERE email = :e", e=email) == 0
        assert ex.count("SELECT COUNT(*) FROM accounts WHERE email = :e", e=held_email) == 1
    finally:
        store.dispose()
        control.dispose()


class SimulatedCrashError(Exception):
    pass


def test_an_interrupted_sweep_resumes_with_its_own_time(vcp: Example) -> None:
    """A sweep stopped after a few batches is resumed by the next run, even one that does not
    name a time: the cut-offs stay those of the first run, so the end state is the same."""
    expected_gone = vcp.count(NOTIFICATIONS.format("<"), t=WEEK)
    batches = 0

    def stop_after_two(outcome: Any, done: int, total: int) -> None:
        nonlocal batches
        if done:
            batches += 1
        if batches == 2:
            raise SimulatedCrashError

    with pytest.raises(SimulatedCrashError):
        run_sweep(vcp.loaded, vcp.control, now=NOW, batch_size=20, progress=stop_after_two)
    partly = vcp.count(NOTIFICATIONS.format("<"), t=WEEK)
    assert 0 < partly < expected_gone
    resumed = run_sweep(vcp.loaded, vcp.control)  # no time given: the first run's is kept
    assert resumed.resumed and resumed.now == NOW
    notes = next(o for o in resumed.outcomes if o.rule == "notifications-7-days")
    assert notes.resumed and notes.rows == expected_gone
    assert vcp.count(NOTIFICATIONS.format("<"), t=WEEK) == 0
    assert vcp.count(NOTIFICATIONS.format(">="), t=WEEK) > 0  # measured from NOW, not today
    fresh = run_sweep(vcp.loaded, vcp.control, now=NOW)
    assert not fresh.resumed and fresh.rows == 0
