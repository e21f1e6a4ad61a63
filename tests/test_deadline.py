"""Deadline arithmetic with fixed dates: GDPR, UK GDPR, CCPA, PDPA and the policy's promise."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kept.requests.deadline import (
    Pause,
    add_business_days,
    add_months,
    compute_deadlines,
    rules_for,
)

D = dt.date


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (D(2025, 3, 15), 1, D(2025, 4, 15)),
        (D(2025, 1, 31), 1, D(2025, 2, 28)),  # no 31 February: the month's last day
        (D(2024, 1, 31), 1, D(2024, 2, 29)),  # leap year
        (D(2025, 12, 10), 1, D(2026, 1, 10)),  # across the year
        (D(2025, 11, 30), 3, D(2026, 2, 28)),
    ],
)
def test_add_months(start: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(start, months) == expected


def test_business_days_skip_weekends_and_holidays() -> None:
    friday = D(2025, 1, 3)
    assert add_business_days(friday, 10) == D(2025, 1, 17)
    assert add_business_days(friday, 10, holidays={D(2025, 1, 6)}) == D(2025, 1, 20)
    assert add_business_days(D(2025, 1, 4), 1) == D(2025, 1, 6)  # Saturday → Monday


def test_gdpr_one_month_extendable_by_two() -> None:
    first = compute_deadlines(D(2025, 1, 31), ["eu"], today=D(2025, 2, 1))
    assert (first.due, first.due_by) == (D(2025, 2, 28), "GDPR")
    assert first.extendable and first.latest == D(2025, 4, 30)
    assert first.acknowledge_by is None
    assert first.days_left(D(2025, 2, 1)) == 27
    extended = compute_deadlines(D(2025, 1, 31), ["eu"], extended=True)
    assert extended.due == D(2025, 4, 30) and not extended.extendable


def test_gdpr_clock_runs_while_waiting_for_identity() -> None:
    waiting = compute_deadlines(D(2025, 3, 3), ["eea"], verified=None)
    late = compute_deadlines(D(2025, 3, 3), ["eea"], verified=D(2025, 3, 20))
    assert waiting.due == late.due == D(2025, 4, 3)
    paused = compute_deadlines(D(2025, 3, 3), ["eu"], pauses=[Pause(D(2025, 3, 5), D(2025, 3, 15))])
    assert paused.due == D(2025, 4, 3)  # GDPR has no clock-stop


def test_uk_gdpr_stops_the_clock_until_identity() -> None:
    waiting = compute_deadlines(D(2025, 3, 3), ["uk"], verified=None, today=D(2025, 3, 9))
    assert waiting.due is None and waiting.days_left(D(2025, 3, 9)) is None
    assert "stopped" in waiting.notes[0]
    # One month *beginning with* the day identity arrived: ends the day before the same date.
    same_day = compute_deadlines(D(2025, 3, 3), ["uk"], verified=D(2025, 3, 3))
    assert same_day.due == D(2025, 4, 2)
    verified = compute_deadlines(D(2025, 3, 3), ["uk"], verified=D(2025, 3, 10))
    assert (verified.due, verified.due_by) == (D(2025, 4, 9), "UK GDPR")
    assert verified.latest == D(2025, 6, 9)
    extended = compute_deadlines(D(2025, 3, 3), ["uk"], verified=D(2025, 3, 10), extended=True)
    assert extended.due == D(2025, 6, 9)


def test_uk_gdpr_pauses_for_clarification() -> None:
    closed = [Pause(D(2025, 3, 20), D(2025, 3, 25))]
    paused = compute_deadlines(D(2025, 3, 3), ["uk"], verified=D(2025, 3, 10), pauses=closed)
    assert paused.due == D(2025, 4, 14)  # five days later
    still_open = compute_deadlines(
        D(2025, 3, 3),
        ["uk"],
        verified=D(2025, 3, 10),
        pauses=[Pause(D(2025, 3, 20))],
        today=D(2025, 3, 30),
    )
    assert still_open.due == D(2025, 4, 19)  # ten days so far


def test_ccpa_acknowledge_in_ten_business_days_answer_in_45_plus_45() -> None:
    received = D(2025, 1, 3)  # a Friday
    first = compute_deadlines(received, ["us-ca"])
    assert first.acknowledge_by == D(2025, 1, 17)
    assert (first.due, first.due_by) == (D(2025, 2, 17), "CCPA")
    assert first.latest == D(2025, 4, 3) and first.extendable
    # Regardless of the time verification takes.
    assert compute_deadlines(received, ["us-ca"], verified=D(2025, 2, 1)).due == D(2025, 2, 17)
    assert compute_deadlines(received, ["us-ca"], extended=True).due == D(2025, 4, 3)


def test_policy_promise_wins_when_earlier_vcloudpoint() -> None:
    # vCloudPoint: EU, and "within thirty days after receiving it" (firm).
    march = compute_deadlines(D(2025, 3, 1), ["eu", "other"], policy_days=30, policy_firm=True)
    assert (march.due, march.due_by) == (D(2025, 3, 31), "policy")
    assert not march.extendable and march.latest == D(2025, 3, 31)
    # In February the month is shorter than thirty days: GDPR wins, and the firm promise
    # caps any extension.
    february = compute_deadlines(D(2025, 2, 1), ["eu"], policy_days=30, policy_firm=True)
    assert (february.due, february.due_by) == (D(2025, 3, 1), "GDPR")
    assert february.latest == D(2025, 3, 3)
    capped = compute_deadlines(
        D(2025, 2, 1), ["eu"], policy_days=30, policy_firm=True, extended=True
    )
    assert capped.due == D(2025, 3, 3)


def test_a_soft_promise_gives_way_to_an_extension_smartspace() -> None:
    # SmartSpace: Norway (EEA), "typically within 30 days".
    first = compute_deadlines(D(2025, 3, 1), ["no", "eea"], policy_days=30, policy_firm=False)
    assert (first.due, first.due_by) == (D(2025, 3, 31), "policy")
    assert first.extendable
    extended = compute_deadlines(
        D(2025, 3, 1), ["no", "eea"], policy_days=30, policy_firm=False, extended=True
    )
    assert (extended.due, extended.due_by) == (D(2025, 6, 1), "GDPR")


def test_the_earliest_of_several_jurisdictions_wins_vivibit() -> None:
    deadlines = compute_deadlines(D(2025, 1, 3), ["eu", "eea", "uk", "us-ca", "us", "sg", "jp"])
    assert (deadlines.due, deadlines.due_by) == (D(2025, 2, 2), "PDPA")
    assert deadlines.acknowledge_by == D(2025, 1, 17)
    assert [r.name for r in rules_for(["jp", "uk", "eu"])] == ["GDPR", "UK GDPR"]


def test_no_rule_no_promise_no_deadline() -> None:
    deadlines = compute_deadlines(D(2025, 1, 3), ["other", "us"])
    assert (deadlines.due, deadlines.due_by, deadlines.extendable) == (None, "none", False)


@given(st.dates(min_value=D(2000, 1, 1), max_value=D(2100, 12, 31)), st.integers(0, 36))
def test_add_months_never_overshoots_the_target_month(start: dt.date, months: int) -> None:
    end = add_months(start, months)
    assert (end.year * 12 + end.month) - (start.year * 12 + start.month) == months
    assert end.day <= start.day


@given(st.dates(min_value=D(2000, 1, 1), max_value=D(2100, 12, 31)), st.integers(1, 30))
def test_business_days_land_on_weekdays(start: dt.date, count: int) -> None:
    end = add_business_days(start, count)
    assert end.weekday() < 5 and end > start
    assert (end - start).days <= count + 2 * (count // 5 + 2)
