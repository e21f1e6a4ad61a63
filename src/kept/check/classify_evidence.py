"""A column's name, comment and values weighed together: the category its name (or comment)
suggests (:func:`classify_name`), the one its values show, and which wins
(:func:`classify_column`)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from kept.check.classification import Classification, ColumnFacts
from kept.check.classify_names import is_person_table, match_words, words_of
from kept.check.classify_tally import _decide, _read, _Tally
from kept.taxonomy import is_under

__all__ = ["classify_column", "classify_name"]


def classify_name(name: str, table: str = "", comment: str | None = None) -> Classification | None:
    """The category a column's name (or else its comment) suggests."""
    return _classify_name(name, is_person_table(table), comment)


@lru_cache(maxsize=16384)  # the same names in many tables: one answer for each
def _classify_name(name: str, person_table: bool, comment: str | None) -> Classification | None:
    hit = match_words(name, person_table)
    if hit is not None:
        return Classification(
            hit.category, 0.8, (f"its name {name!r} says {hit.word!r}",), source="name"
        )
    if comment:
        hit = match_words(comment, person_table)
        if hit is not None:
            return Classification(
                hit.category, 0.7, (f"its comment says {hit.word!r}",), source="comment"
            )
    return None


_OWNER_WORDS = frozenset(
    "user account customer member person employee author owner client patient student "
    "contact subscriber kunde bruker".split()
)
_PROSE_WORDS = frozenset(
    "text content comment comments body message note notes description bio remarks memo "
    "kommentar bemerkung merknad notiz commentaire spoiler".split()
)


def classify_column(
    facts: ColumnFacts, values: Sequence[object] | None = None, *, hint: str | None = None
) -> Classification | None:
    """Name, comment and values together: the finest category with evidence."""
    if facts.kind == "bool":
        return None
    return _by_name_and_values(facts, _read(values, facts.kind) if values else None, hint)


def _by_name_and_values(
    facts: ColumnFacts, read: _Tally | Classification | None, hint: str | None
) -> Classification | None:
    by_name = classify_name(facts.name, facts.table, facts.comment)
    if (
        by_name is not None
        and facts.kind == "date"
        and by_name.category != "user.demographic.date_of_birth"
    ):
        by_name = None  # last_login is a time, not a user name
    if by_name is None and facts.kind == "text" and _owned_prose(facts):
        by_name = Classification(
            "user.content.private",
            0.6,
            (f"its name {facts.name!r} says free text, in rows that belong to a person",),
            source="name",
        )
    guide = by_name.category if by_name else hint
    by_values = _decide(read, guide)
    return _combine(by_name, by_values, hint)


def _owned_prose(facts: ColumnFacts) -> bool:
    """A text/comment/body column beside a ``user_id``/``account_id``: what a person wrote."""
    words = words_of(facts.name)
    if not words or words[-1] not in _PROSE_WORDS:
        return False
    for other in facts.neighbours:
        words = words_of(other)
        if len(words) >= 2 and words[-1] in ("id", "number") and words[-2] in _OWNER_WORDS:
            return True
    return False


_STRONG = (
    "user.contact.email",
    "user.financial",
    "user.government_id",
    "user.device.ip_address",
    "user.authorization.password",
)


def _combine(
    by_name: Classification | None, by_values: Classification | None, hint: str | None
) -> Classification | None:
    if by_values is None:
        return by_name
    if by_name is None:
        if hint and by_values.category == hint:
            return Classification(
                by_values.category,
                min(0.95, by_values.confidence + 0.1),
                (*by_values.evidence, "a neighbouring column says so too"),
                source="values+neighbours",
            )
        return by_values
    evidence = (*by_name.evidence, *by_values.evidence)
    if is_under(by_values.category, by_name.category):
        return Classification(by_values.category, 0.97, evidence, "name+values")
    if is_under(by_name.category, by_values.category):
        return Classification(by_name.category, 0.95, evidence, "name+values")
    if any(is_under(by_values.category, s) for s in _STRONG) and by_values.confidence >= 0.85:
        return Classification(by_values.category, by_values.confidence, evidence, "values")
    return Classification(by_name.category, by_name.confidence, evidence, "name")
