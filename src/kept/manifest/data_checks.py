"""Row-level promises in the manifest: ``data_checks:``, run by ``kept check --data``.

A check states something the rows of one collection must (or must never) look like, such as
"billing data only for paid plans" or "analytics IPs are truncated". Each check is compiled to
one bounded SQL query on its store, which returns how many rows break the promise and the
primary keys of a few of them (never other values). A check has exactly one of these forms:

- ``forbid``: a row condition no row may match (with ``where``, among the rows matching it);
- ``require``: a row condition every row (matching ``where``) must match;
- ``ip_truncated``: the named columns hold only truncated IP addresses (IPv4 with a last octet
  of 0, IPv6 cut to its first 48 bits), or nothing;
- ``pattern_absent``: no value of the named columns contains an e-mail address, a card number,
  an IP address, a regular expression of yours, or any value of another collection's column
  (``values_of: dataset.collection.column``, e.g. no device identifier in a push payload);
- ``sql``: a SELECT of your own returning the keys of the rows that break the promise; it runs
  only with ``accept_raw_sql: true``, in a read-only transaction, and anything but one SELECT
  is refused.

Conditions (``where``, ``require``, ``forbid``) are the row conditions of
:mod:`kept.manifest.condition` (``all``, ``any``, ``not``, ``exists``, comparisons), shared with
retention rules. Cross-checks that need the data map (the collection, its fields and its store
exist) are :func:`kept.manifest.data_check_rules.data_check_problems`, part of loading.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from croniter import croniter
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

__all__ = ["NAMED_PATTERNS", "DataCheck", "DataChecks", "PatternAbsent"]

NAMED_PATTERNS: dict[str, str] = {
    "email": r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}",
    "card_number": r"(^|[^0-9])[0-9]{4}[ -]?[0-9]{4}[ -]?[0-9]{4}[ -]?[0-9]{1,7}([^0-9]|$)",
    "ipv4": r"(^|[^0-9.])[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}([^0-9.]|$)",
    "phone": r"\+[0-9]{7,15}",
}
"""Patterns ``pattern_absent`` knows by name: regular expressions in the subset PostgreSQL
(``~``), MariaDB (``REGEXP``) and Python (SQLite) read alike."""

_FORMS = ("forbid", "require", "ip_truncated", "pattern_absent", "sql")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class PatternAbsent(_Model):
    """What must not appear inside ``columns`` (text, or JSON read as text)."""

    columns: list[str] = Field(min_length=1)
    patterns: list[str] = []
    """Named patterns: ``email``, ``card_number``, ``ipv4``, ``phone``."""
    regex: list[str] = []
    """Regular expressions of your own (keep to the common subset: classes, ``{m,n}``,
    ``^``/``$``, groups, alternation)."""
    values_of: list[str] = []
    """``dataset.collection.column`` whose values must not appear inside the columns."""

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("columns"), str):
            return {**data, "columns": [data["columns"]]}
        if isinstance(data, dict) and "column" in data and "columns" not in data:
            rest = {k: v for k, v in data.items() if k != "column"}
            return {**rest, "columns": [data["column"]]}
        return data

    @model_validator(mode="after")
    def _something(self) -> PatternAbsent:
        if not (self.patterns or self.regex or self.values_of):
            raise ValueError(
                "pattern_absent needs 'patterns' (e.g. [email]), 'regex' or 'values_of'"
            )
        for name in self.patterns:
            if name not in NAMED_PATTERNS:
                known = ", ".join(NAMED_PATTERNS)
                raise ValueError(f"unknown pattern {name!r}: use one of {known}, or 'regex'")
        for text in self.regex:
            try:
                re.compile(text)
            except re.error as exc:
                raise ValueError(f"regex {text!r} is not a regular expression: {exc}") from None
        for ref in self.values_of:
            if ref.count(".") < 2:
                raise ValueError(
                    f"values_of {ref!r} must be dataset.collection.column "
                    "(e.g. vcloudpoint.push_registrations.device_uid)"
                )
        return self


class DataCheck(_Model):
    """One row-level promise; see the module docstring."""

    name: str = Field(pattern=r"^[A-Za-z0-9_.-]+$")
    promise: str | None = None
    """The promise in the policy's words (shown with each finding)."""
    collection: str | None = None
    """``dataset.collection`` the check reads (its store is the dataset's)."""
    store: str | None = None
    """For ``sql`` without a collection: the store the query runs on."""
    where: Any = None
    forbid: Any = None
    require: Any = None
    ip_truncated: list[str] | None = None
    pattern_absent: PatternAbsent | None = None
    sql: str | None = None
    accept_raw_sql: bool = False
    sample: int | None = Field(default=None, ge=0, le=100)
    """Sample keys reported when the check fails (default: ``data_checks.sample``)."""
    timeout: float | None = Field(default=None, gt=0)
    """Seconds the query may run (PostgreSQL and MariaDB; default ``data_checks.timeout``)."""
    description: str | None = None

    @field_validator("ip_truncated", mode="before")
    @classmethod
    def _one_column(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @model_validator(mode="after")
    def _one_form(self) -> DataCheck:
        forms = [f for f in _FORMS if getattr(self, f) is not None]
        if len(forms) != 1:
            given = f"; it has {', '.join(forms)}" if forms else ""
            raise ValueError(
                f"data check {self.name!r} needs exactly one of forbid, require, ip_truncated, "
                f"pattern_absent or sql{given}"
            )
        if self.sql is not None:
            if not self.accept_raw_sql:
                raise ValueError(
                    f"data check {self.name!r} runs raw SQL: say so with 'accept_raw_sql: true' "
                    "(it runs read-only, as one SELECT returning the keys of the rows that "
                    "break the promise)"
                )
            if self.where is not None:
                raise ValueError("'where' is for declarative checks; put it in the SQL")
            if self.collection is None and self.store is None:
                raise ValueError(
                    f"data check {self.name!r} runs raw SQL: name its 'store' or 'collection'"
                )
        else:
            if self.collection is None:
                raise ValueError(f"data check {self.name!r} needs a 'collection'")
            if self.store is not None:
                raise ValueError("'store' is for raw SQL checks; a collection names its store")
            if self.accept_raw_sql:
                raise ValueError("'accept_raw_sql' is for checks with 'sql'")
        return self

    @property
    def form(self) -> Literal["forbid", "require", "ip_truncated", "pattern_absent", "sql"]:
        for name in _FORMS:
            if getattr(self, name) is not None:
                return name  # type: ignore[return-value]
        raise AssertionError("validated to have one form")


class DataChecks(_Model):
    """The manifest's ``data_checks:`` section."""

    checks: list[DataCheck] = []
    sample: int = Field(default=5, ge=0, le=100)
    """Primary keys reported per failed check (0: the count only)."""
    timeout: float | None = Field(default=300.0, gt=0)
    """Seconds each query may run on PostgreSQL and MariaDB (None: no limit)."""
    schedule: str | None = None
    """When workers run the checks (cron syntax, UTC, e.g. ``"30 4 * * *"``); each run is
    written to the audit log."""

    @field_validator("schedule")
    @classmethod
    def _cron(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if len(value.split()) != 5 or not croniter.is_valid(value):
            raise ValueError(
                f"schedule {value!r} is not a five-field cron expression "
                "(minute hour day month weekday, e.g. '30 4 * * *')"
            )
        return value

    @model_validator(mode="after")
    def _unique(self) -> DataChecks:
        seen: set[str] = set()
        for check in self.checks:
            if check.name in seen:
                raise ValueError(f"duplicate data check name {check.name!r}")
            seen.add(check.name)
        return self
