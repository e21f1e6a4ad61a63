"""What the classifier finds for a column, what it is told about one, and its thresholds.

The types the other ``classify_*`` modules build on: a :class:`Classification` (the finest
category found, how sure, and why), the :class:`ColumnFacts` the schema gives, the shares and
sample sizes every reading of values uses, and :func:`agrees` (whether a category found in
values is consistent with a declared one).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kept.taxonomy import is_under

__all__ = [
    "COSTLY",
    "TEXT",
    "VERIFY",
    "WHOLE",
    "Classification",
    "ColumnFacts",
    "agrees",
]


WHOLE = 0.5  # share of sampled values that must be, e.g., e-mail addresses
TEXT = 0.1  # share of free-text values that must contain personal data
VERIFY = 60  # values of the dominant shape that go through the validators
COSTLY = 20  # ... of which this many go through the slow ones (phone numbers, check digits)


@dataclass(frozen=True)
class Classification:
    """The finest category found for a column, how sure, and why."""

    category: str
    confidence: float
    evidence: tuple[str, ...] = ()
    source: str = "values"  # "name", "comment", "values", "name+values", "neighbours"

    @property
    def reason(self) -> str:
        return "; ".join(self.evidence)


@dataclass(frozen=True)
class ColumnFacts:
    """What the schema tells about a column."""

    name: str
    table: str = ""
    kind: str = "text"  # text, number, date, binary, bool, other
    comment: str | None = None
    neighbours: tuple[str, ...] = field(default=())


_PLACES = frozenset(
    (
        "user.contact.address.city",
        "user.contact.address.state",
        "user.contact.address.country",
        "user.contact.address.postal_code",
        "user.location.imprecise",
    )
)


def agrees(found: str, declared: str) -> bool:
    """``True`` when a category found in values is consistent with a declared one: under it,
    or both places coarser than a street (a city column may be an address or an approximate
    location; values cannot tell)."""
    if is_under(found, declared):
        return True
    return found in _PLACES and (declared in _PLACES or declared == "user.location")


def _found(category: str, hits: int, n: int, label: str, confidence: float) -> Classification:
    return Classification(category, confidence, (f"{hits} of {n} sampled values are {label}",))
