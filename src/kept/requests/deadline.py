"""When a rights request must be answered: the law's deadline per jurisdiction and the policy's.

Each jurisdiction with a statutory deadline has a :class:`Rule`:

* **GDPR** (``eu``, ``eea``, ``no``): one month from receipt (the same date in the next month,
  or that month's last day when it has no such date: 31 January → 28/29 February); extendable
  by two further months with notice, given before the first month ends. Waiting for identity
  does not stop the clock.
* **UK GDPR** (``uk``, as amended by the Data (Use and Access) Act 2025, Art. 12A): one month
  *beginning with* the relevant time (the day itself counts, so it ends the day before the
  corresponding date), where the relevant time is the latest of receipt and receipt of the
  identity proof asked for; the clock stops while the controller waits for identity or
  clarification. Extendable by two further months with notice before the first ends.
* **CCPA/CPRA** (``us-ca``): acknowledge within 10 business days; answer within 45 calendar
  days of receipt, regardless of the time verification takes; extendable once by 45 days with
  notice within the first 45.
* **PDPA** (``sg``): 30 calendar days.

The policy's own promise (``organization.response_deadline_days``, counted in calendar days
from receipt) applies too, and the earliest deadline wins. A *firm* promise cannot be
extended: an extension under the law does not move it. Deadlines are never rolled forward
over a weekend or a holiday: they are targets to meet, so Kept takes the stricter reading.
Business days skip Saturdays and Sundays (and any ``holidays`` given).

Treat these rules as engineering guidance, not legal advice.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field

__all__ = [
    "RULES",
    "Deadlines",
    "Pause",
    "Rule",
    "add_business_days",
    "add_months",
    "compute_deadlines",
    "rules_for",
]


@dataclass(frozen=True)
class Rule:
    """A jurisdiction's statutory deadline for answering a rights request."""

    name: str
    jurisdictions: frozenset[str]
    months: int = 0
    days: int = 0
    extension_months: int = 0
    extension_days: int = 0
    acknowledge_business_days: int | None = None
    beginning_with: bool = False
    """The period begins with the relevant day, so it ends one day before the same date."""
    clock_stops: bool = False
    """The clock runs from identity verification and stops while waiting for clarification."""

    @property
    def extendable(self) -> bool:
        return bool(self.extension_months or self.extension_days)

    def due(self, start: dt.date, *, extended: bool = False) -> dt.date:
        months = self.months + (self.extension_months if extended else 0)
        days = self.days + (self.extension_days if extended else 0)
        end = add_months(start, months) + dt.timedelta(days=days)
        if self.beginning_with:
            end -= dt.timedelta(days=1)
        return end


GDPR = Rule("GDPR", frozenset({"eu", "eea", "no"}), months=1, extension_months=2)
UK_GDPR = Rule(
    "UK GDPR",
    frozenset({"uk"}),
    months=1,
    extension_months=2,
    beginning_with=True,
    clock_stops=True,
)
CCPA = Rule("CCPA", frozenset({"us-ca"}), days=45, extension_days=45, acknowledge_business_days=10)
PDPA = Rule("PDPA", frozenset({"sg"}), days=30)

RULES: tuple[Rule, ...] = (GDPR, UK_GDPR, CCPA, PDPA)
"""Every statutory rule Kept knows, by jurisdiction code of the manifest's organization."""


def rules_for(jurisdictions: Iterable[str]) -> list[Rule]:
    """The rules that apply under ``jurisdictions`` (codes as in the manifest), in RULES order."""
    wanted = set(jurisdictions)
    return [rule for rule in RULES if rule.jurisdictions & wanted]


@dataclass(frozen=True)
class Pause:
    """A time the clock was stopped (waiting for clarification); ``end`` None while it lasts."""

    start: dt.date
    end: dt.date | None = None

    def days(self, today: dt.date) -> int:
        return max(0, ((self.end or today) - self.start).days)


@dataclass(frozen=True)
class Deadlines:
    """A request's deadlines, and which rule or promise sets each."""

    due: dt.date | None
    """The date the answer is due; None while the only clock is stopped (UK, awaiting identity)."""
    due_by: str
    """What sets ``due``: a rule's name or ``"policy"``."""
    acknowledge_by: dt.date | None
    """The date the receipt must be acknowledged by (CCPA), if any rule asks for one."""
    extendable: bool
    """Whether an extension is still possible (a rule allows one and it was not used)."""
    latest: dt.date | None
    """The furthest ``due`` may go with an extension."""
    notes: tuple[str, ...] = field(default=())

    def days_left(self, today: dt.date) -> int | None:
        """Days until due (negative when overdue); None while the clock is stopped."""
        return None if self.due is None else (self.due - today).days


def add_months(day: dt.date, months: int) -> dt.date:
    """The same date ``months`` later, or the last day of that month when it has no such date."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_business_days(
    day: dt.date, count: int, holidays: Collection[dt.date] = frozenset()
) -> dt.date:
    """``count`` business days after ``day`` (Saturdays, Sundays and ``holidays`` skipped)."""
    current = day
    left = count
    while left > 0:
        current += dt.timedelta(days=1)
        if current.weekday() < 5 and current not in holidays:
            left -= 1
    return current


def compute_deadlines(
    received: dt.date,
    jurisdictions: Sequence[str],
    *,
    policy_days: int | None = None,
    policy_firm: bool = True,
    verified: dt.date | None = None,
    pauses: Sequence[Pause] = (),
    extended: bool = False,
    today: dt.date | None = None,
    holidays: Collection[dt.date] = frozenset(),
) -> Deadlines:
    """The deadlines of a request received on ``received`` under ``jurisdictions``.

    ``verified`` is the day identity was verified (None while waiting); ``pauses`` the times
    the clock was stopped for clarification (they count only under rules whose clock stops);
    ``extended`` whether the extension was taken. Without any rule or promise, ``due`` is None
    and ``due_by`` is ``"none"``.
    """
    today = today or dt.date.today()
    candidates: list[tuple[dt.date | None, str]] = []
    latest: list[dt.date] = []
    notes: list[str] = []
    acknowledge: list[dt.date] = []
    rules = rules_for(jurisdictions)
    for rule in rules:
        if rule.acknowledge_business_days is not None:
            acknowledge.append(
                add_business_days(received, rule.acknowledge_business_days, holidays)
            )
        start = received
        if rule.clock_stops:
            if verified is None:
                candidates.append((None, rule.name))
                notes.append(f"{rule.name}: the clock is stopped until identity is verified")
                continue
            start = max(received, verified)
        shift = dt.timedelta(days=sum(p.days(today) for p in pauses)) if rule.clock_stops else None
        rule_due = rule.due(start, extended=extended and rule.extendable)
        latest_due = rule.due(start, extended=rule.extendable)
        if shift:
            rule_due, latest_due = rule_due + shift, latest_due + shift
        candidates.append((rule_due, rule.name))
        latest.append(latest_due)
    if policy_days is not None:
        promise = received + dt.timedelta(days=policy_days)
        if policy_firm or not extended:
            candidates.append((promise, "policy"))
        if policy_firm:
            latest.append(promise)
    dated = [(d, by) for d, by in candidates if d is not None]
    due: dt.date | None
    if dated:
        due, due_by = min(dated)
    elif candidates:
        due, due_by = None, candidates[0][1]
    else:
        due, due_by = None, "none"
    furthest = min(latest) if latest else due
    extendable = not extended and due is not None and furthest is not None and furthest > due
    return Deadlines(
        due=due,
        due_by=due_by,
        acknowledge_by=min(acknowledge) if acknowledge else None,
        extendable=extendable,
        latest=furthest,
        notes=tuple(notes),
    )
