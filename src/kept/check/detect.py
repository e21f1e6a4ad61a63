"""Recognise personal data that a manifest does not declare: by column name and by values.

A thin layer over :mod:`kept.check.classify`, the classifier ``kept check`` and ``kept scan``
share; kept for callers of the first interface.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kept.check.classify import classify_name, classify_values
from kept.check.validators import luhn_valid

__all__ = ["Detection", "detect_by_name", "detect_by_values", "iban_valid", "luhn_valid"]


@dataclass(frozen=True)
class Detection:
    category: str
    reason: str
    confidence: float = 0.0


def detect_by_name(column: str, table: str = "", comment: str | None = None) -> Detection | None:
    """The personal-data category a column's name (or comment) suggests, if any."""
    found = classify_name(column, table, comment)
    return None if found is None else Detection(found.category, found.reason, found.confidence)


def detect_by_values(values: Iterable[object], hint: str | None = None) -> Detection | None:
    """The personal-data category a sample of values shows, if any."""
    found = classify_values(values, hint=hint)
    return None if found is None else Detection(found.category, found.reason, found.confidence)


def iban_valid(value: str) -> bool:
    rearranged = value[4:] + value[:4]
    numeric = "".join(str(int(c, 36)) for c in rearranged)
    return int(numeric) % 97 == 1
