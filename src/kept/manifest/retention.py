"""Retention rules in the manifest: how long data is kept, and what happens after.

A rule names what it covers (a ``collection`` as ``dataset.collection``, or a whole ``dataset``),
what starts its clock (``clock``: a timestamp column of the collection, or ``parent.column`` of
a collection it references, e.g. ``support_tickets.resolved_at``), which rows it applies to
(``where``: a row condition, :mod:`kept.manifest.condition`: ``column: value`` entries, a list
meaning "one of", ``null`` meaning IS NULL, operators, ``all``/``any``/``not``/``exists``), its
``period`` (``7 days``, ``6 months``, ``3 years``) and its ``action``:

- ``delete``: the sweep deletes the rows whose clock is older than the period;
- ``anonymize``: the sweep nullifies (or writes the ``fixed`` erasure value of) ``fields``;
- either, with no ``clock`` and no ``period`` but a ``where``: as soon as the condition holds
  ("delete once the ticket is resolved");
- ``keep``: kept indefinitely with a ``ground``; erasure requests keep the rows too;
- ``none``: no time limit (e.g. "until the account is deleted"), with a ``ground``; erasure
  requests apply as usual, except to rows younger than the rule's ``minimum``.

``minimum`` is a floor erasure requests must respect: rows younger than it are kept (and
reported with the rule's ``ground``). ``bounds`` let tenants override ``period`` within them,
either in the manifest (``tenants: {"1": 90 days}``) or from a settings column in the store
(``tenant_setting: tenant_settings.package_retention_days``, a number of days per tenant).

``row_groups`` name rows (a collection and a condition, e.g. temporary accounts) that some rule
must give a period: ``kept check`` reports ``retention-row-gap`` when none does.

Cross-checks that need the data map (columns exist, overrides in bounds) are in
:func:`kept.manifest.retention_rules.rule_problems`; conflicts between rules are ``kept check``
findings.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from enum import Enum
from typing import Any

from croniter import croniter
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    field_validator,
    model_serializer,
    model_validator,
)

from kept.manifest.condition import Condition, parse_condition

__all__ = [
    "Bounds",
    "Period",
    "Retention",
    "RetentionAction",
    "RetentionRule",
    "RowGroup",
]

_PERIOD = re.compile(r"^\s*(\d+)\s*(day|week|month|year)s?\s*$", re.IGNORECASE)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Period(_Model):
    """A length of time: a count of days, weeks, months or years (``"3 years"``)."""

    count: int = Field(ge=0)
    unit: str = "day"

    @model_validator(mode="before")
    @classmethod
    def _parse(cls, data: Any) -> Any:
        if isinstance(data, int) and not isinstance(data, bool):
            return {"count": data, "unit": "day"}
        if isinstance(data, str):
            match = _PERIOD.match(data)
            if not match:
                raise ValueError(
                    f"{data!r} is not a period: write a number and a unit, e.g. '7 days', "
                    "'6 months', '3 years'"
                )
            return {"count": int(match.group(1)), "unit": match.group(2).lower()}
        return data

    @model_validator(mode="after")
    def _unit(self) -> Period:
        if self.unit not in ("day", "week", "month", "year"):
            raise ValueError(f"unknown period unit {self.unit!r}: use day, week, month or year")
        return self

    @model_serializer
    def _dump(self) -> str:
        return str(self)

    def __str__(self) -> str:
        return f"{self.count} {self.unit}{'' if self.count == 1 else 's'}"

    def before(self, moment: dt.datetime) -> dt.datetime:
        """``moment`` minus this period, calendar-aware (31 March - 1 month = 28/29 February)."""
        if self.unit == "day":
            return moment - dt.timedelta(days=self.count)
        if self.unit == "week":
            return moment - dt.timedelta(weeks=self.count)
        months = self.count * (12 if self.unit == "year" else 1)
        index = moment.year * 12 + (moment.month - 1) - months
        year, month = divmod(index, 12)
        day = min(moment.day, calendar.monthrange(year, month + 1)[1])
        return moment.replace(year=year, month=month + 1, day=day)

    def approx_days(self) -> float:
        """The period in days, for comparing periods (a month is 30.44 days, a year 365.25)."""
        return self.count * {"day": 1, "week": 7, "month": 30.436875, "year": 365.2425}[self.unit]


class RetentionAction(str, Enum):
    DELETE = "delete"
    ANONYMIZE = "anonymize"
    KEEP = "keep"
    NONE = "none"


class Bounds(_Model):
    """The platform's bounds on a tenant's own period (e.g. legal minimums)."""

    min: Period | None = None
    max: Period | None = None


class RetentionRule(_Model):
    """One retention rule; see the module docstring."""

    name: str = Field(pattern=r"^[A-Za-z0-9_.-]+$")
    collection: str | None = None
    dataset: str | None = None
    categories: list[str] = []
    clock: str | None = None
    where: dict[str, Any] = {}
    """The rows the rule applies to (:mod:`kept.manifest.condition`); empty: every row."""
    period: Period | None = None
    action: RetentionAction = RetentionAction.DELETE
    fields: list[str] = []
    minimum: Period | None = None
    ground: str | None = None
    bounds: Bounds | None = None
    tenants: dict[str, Period] = {}
    tenant_setting: str | None = None
    description: str | None = None

    @model_validator(mode="after")
    def _covers(self) -> RetentionRule:
        if self.collection is not None and self.dataset is not None:
            raise ValueError("a retention rule names a 'collection' or a 'dataset', not both")
        if self.collection is None and self.dataset is None and not self.categories:
            raise ValueError(
                "a retention rule names what it covers: a 'collection', a 'dataset' or data "
                "'categories'"
            )
        if self.action is RetentionAction.ANONYMIZE and not (self.fields or self.categories):
            raise ValueError(
                "action 'anonymize' needs 'fields' (the columns to anonymize) or 'categories'"
            )
        if self.fields and self.action is not RetentionAction.ANONYMIZE:
            raise ValueError("'fields' is for action 'anonymize' only")
        return self

    @model_validator(mode="after")
    def _consistent(self) -> RetentionRule:
        acting = self.action in (RetentionAction.DELETE, RetentionAction.ANONYMIZE)
        clockless = acting and self.clock is None and self.period is None
        if clockless and not self.where:
            raise ValueError(
                f"action {self.action.value!r} needs a 'clock' and a 'period' (e.g. created_at, "
                "7 days), or, to act as soon as a condition holds, a 'where' and neither"
            )
        if acting and not clockless and self.period is None:
            raise ValueError(f"action {self.action.value!r} needs a 'period' (e.g. '7 days')")
        if acting and not clockless and self.clock is None:
            raise ValueError(
                f"action {self.action.value!r} needs a 'clock': the column whose time starts "
                "the period (e.g. created_at, or support_tickets.resolved_at); or no period, "
                "to act as soon as its 'where' holds"
            )
        if self.action is RetentionAction.KEEP and not self.ground:
            raise ValueError("'keep' needs a 'ground': why the data is kept indefinitely")
        if self.minimum is not None and not self.ground:
            raise ValueError("a 'minimum' needs a 'ground': the reason erasure must wait")
        if self.minimum is not None and self.clock is None:
            raise ValueError("a 'minimum' needs a 'clock' to measure the rows' age from")
        if self.action is RetentionAction.NONE and not self.ground:
            raise ValueError(
                "action 'none' needs a 'ground': why the data has no time limit (e.g. kept "
                "until the account is deleted)"
            )
        if (self.tenants or self.tenant_setting) and not acting:
            raise ValueError("tenant overrides need an action that acts: delete or anonymize")
        if (self.tenants or self.tenant_setting) and clockless:
            raise ValueError("tenant overrides need a 'clock' and a 'period' to override")
        if self.bounds is not None:
            low, high = self.bounds.min, self.bounds.max
            if low and high and low.approx_days() > high.approx_days():
                raise ValueError(f"bounds: min {low} is longer than max {high}")
            if self.period is not None:
                self.check_bound(self.period, "the default period")
        return self

    def check_bound(self, period: Period, what: str) -> None:
        """Raise ValueError when ``period`` is outside the rule's bounds."""
        if self.bounds is None:
            return
        low, high = self.bounds.min, self.bounds.max
        if low is not None and period.approx_days() < low.approx_days():
            raise ValueError(
                f"{what} of rule {self.name!r} is {period}, below the platform minimum of {low}"
            )
        if high is not None and period.approx_days() > high.approx_days():
            raise ValueError(
                f"{what} of rule {self.name!r} is {period}, above the platform maximum of {high}"
            )

    @property
    def acts(self) -> bool:
        return self.action in (RetentionAction.DELETE, RetentionAction.ANONYMIZE)

    @property
    def clockless(self) -> bool:
        """An acting rule with no clock: it acts as soon as its ``where`` holds."""
        return self.acts and self.clock is None

    def condition(self) -> Condition:
        """The parsed ``where`` (paths relative to the rule); raises ConditionError."""
        return parse_condition(self.where, ("where",))

    @field_validator("where", mode="before")
    @classmethod
    def _where(cls, value: Any) -> Any:
        if value is not None and not isinstance(value, dict):
            raise ValueError(
                "'where' is a mapping: {column: value}, or all / any / not / exists "
                "(docs/manifest.md, row conditions)"
            )
        return {} if value is None else value


class RowGroup(_Model):
    """Rows that some retention rule must give a period (``retention.row_groups``)."""

    name: str = Field(pattern=r"^[A-Za-z0-9_.-]+$")
    collection: str
    where: dict[str, Any]
    description: str | None = None

    @field_validator("where")
    @classmethod
    def _some(cls, value: dict[str, Any]) -> dict[str, Any]:
        if not value:
            raise ValueError("a row group needs a 'where': the rows it names")
        return value

    def condition(self) -> Condition:
        return parse_condition(self.where, ("where",))


class Retention(_Model):
    """The manifest's ``retention:`` section."""

    rules: list[RetentionRule] = []
    row_groups: list[RowGroup] = []
    """Rows (a collection and a condition) that some rule must give a period."""
    review_every_months: int | None = Field(default=None, ge=1)
    last_reviewed: dt.date | None = None
    schedule: str | None = None
    """When workers run the sweep (cron syntax, e.g. ``"0 3 * * *"``); read by the service."""
    batch_size: int = Field(default=5000, ge=1)
    max_batch_seconds: float = Field(default=0.5, gt=0)

    @field_validator("schedule")
    @classmethod
    def _cron(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if len(value.split()) != 5 or not croniter.is_valid(value):
            raise ValueError(
                f"schedule {value!r} is not a five-field cron expression "
                "(minute hour day month weekday, e.g. '0 3 * * *')"
            )
        return value

    @model_validator(mode="after")
    def _unique(self) -> Retention:
        seen: set[str] = set()
        for rule in self.rules:
            if rule.name in seen:
                raise ValueError(f"duplicate retention rule name {rule.name!r}")
            seen.add(rule.name)
        groups: set[str] = set()
        for group in self.row_groups:
            if group.name in groups:
                raise ValueError(f"duplicate row group name {group.name!r}")
            groups.add(group.name)
        return self
