"""Reasoning on row conditions: whether two can hold on one row, whether one implies another.

A condition is turned into disjunctive normal form over literals (an atom, a comparison or
an exists, with its polarity). A conjunction is unsatisfiable when it holds an atom and its
negation, when its comparisons on one column cannot hold together (NULL and set; no value
in every list; an empty range of numbers or times), or when its exists on one link cannot
(a to-one link: one row must satisfy every positive where; any link: a positive where that
implies a negative one). Everything else is taken as satisfiable: the answers are sound
(``disjoint`` is True only when no row can satisfy both), not complete. Text is compared as
the databases may (case and trailing spaces ignored), so 'Open' and 'open' are not proven
different.

Used by the retention rules' conflict findings (overlaps, row gaps) and the retention
report; the conditions come from :mod:`kept.manifest.condition`, resolved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from kept.manifest.condition import (
    TRUE,
    All,
    AnyOf,
    Compare,
    Condition,
    Exists,
    Link,
    Not,
    is_true,
)

__all__ = ["covers", "disjoint", "implies", "satisfiable"]

_LIMIT = 512


class _TooBigError(Exception):
    pass


Literal_ = tuple[Compare | Exists, bool]


def _dnf(cond: Condition, positive: bool = True) -> list[frozenset[Literal_]]:
    if isinstance(cond, Compare | Exists):
        return [frozenset({(cond, positive)})]
    if isinstance(cond, Not):
        return _dnf(cond.item, not positive)
    conjunctive = isinstance(cond, All) == positive
    parts = [_dnf(c, positive) for c in cond.items]
    if not conjunctive:  # a disjunction: the terms of every part
        out = [t for part in parts for t in part]
        if len(out) > _LIMIT:
            raise _TooBigError
        return out
    result: list[frozenset[Literal_]] = [frozenset()]
    for part in parts:
        if len(result) * len(part) > _LIMIT:
            raise _TooBigError
        result = [a | b for a in result for b in part]
    return result


def satisfiable(cond: Condition) -> bool:
    """False only when no row can satisfy ``cond`` (a resolved condition)."""
    try:
        return any(_conjunction_sat(term) for term in _dnf(cond))
    except _TooBigError:
        return True


def disjoint(first: Condition | None, second: Condition | None) -> bool:
    """True only when no row can satisfy both conditions (None: every row)."""
    return not satisfiable(All((first or TRUE, second or TRUE)))


def implies(first: Condition | None, second: Condition | None) -> bool:
    """True only when every row satisfying ``first`` satisfies ``second``."""
    if is_true(second):
        return True
    assert second is not None
    return not satisfiable(All((first or TRUE, Not(second))))


def covers(conditions: Sequence[Condition | None], within: Condition | None = None) -> bool:
    """True only when every row (of ``within``) satisfies one of ``conditions``."""
    if any(is_true(c) for c in conditions):
        return True
    if not conditions:
        return False
    union = AnyOf(tuple(c for c in conditions if c is not None))
    return implies(within, union)


def _conjunction_sat(term: frozenset[Literal_]) -> bool:
    for atom, positive in term:
        if (atom, not positive) in term:
            return False
    columns: dict[str, list[tuple[Compare, bool]]] = {}
    links: dict[Link, list[tuple[Exists, bool]]] = {}
    for atom, positive in term:
        if isinstance(atom, Compare):
            columns.setdefault(atom.column, []).append((atom, positive))
        elif atom.link is not None:
            links.setdefault(atom.link, []).append((atom, positive))
    if not all(_column_sat(lits) for lits in columns.values()):
        return False
    return all(_link_sat(link, lits) for link, lits in links.items())


def _link_sat(link: Link, lits: list[tuple[Exists, bool]]) -> bool:
    wanted = [a.where or TRUE for a, positive in lits if positive]
    barred = [a.where or TRUE for a, positive in lits if not positive]
    if not wanted:
        return True  # no linked row at all satisfies every "not exists"
    if link.to_one:  # the one linked row satisfies every wanted, and no barred
        return satisfiable(All((*wanted, *(Not(b) for b in barred))))
    return all(satisfiable(All((w, Not(b)))) for w in wanted for b in barred)


def _column_sat(lits: list[tuple[Compare, bool]]) -> bool:
    null = [(c, p) for c, p in lits if c.op == "is_null"]
    must_null = any(c.value == p for c, p in null)  # is_null true, or not (is_null false)
    set_by_null = any(c.value != p for c, p in null)
    comparisons = [(c, p) for c, p in lits if c.op != "is_null"]
    must_set = set_by_null or any(p for _, p in comparisons)
    if must_null and must_set:
        return False
    if must_null or not must_set:
        return True  # NULL satisfies every negated comparison
    # The column holds a value x: positive literals constrain it, negated ones (x NULL or
    # not c) become "not c".
    candidates: list[Any] | None = None
    excluded: list[Any] = []
    ranges: list[tuple[str, Any]] = []
    for c, p in comparisons:
        op = c.op if p else _NEGATED.get(c.op, "")
        if op in ("eq", "in"):
            values = list(c.value) if op == "in" else [c.value]
            if candidates is None:
                candidates = values
            else:
                candidates = [v for v in candidates if any(_maybe_equal(v, w) for w in values)]
        elif op in ("ne", "not_in"):
            excluded += list(c.value) if op == "not_in" else [c.value]
        elif op in ("lt", "le", "gt", "ge"):
            ranges.append((op, c.value))
    if candidates is not None:
        candidates = [
            v
            for v in candidates
            if not any(_surely_equal(v, w) for w in excluded)
            and all(_may_satisfy(v, op, bound) for op, bound in ranges)
        ]
        if not candidates:
            return False
    return _range_sat(ranges)


_NEGATED = {
    "eq": "ne",
    "ne": "eq",
    "in": "not_in",
    "not_in": "in",
    "lt": "ge",
    "le": "gt",
    "gt": "le",
    "ge": "lt",
}


def _order_key(value: Any) -> tuple[str, Any] | None:
    """A value comparable with others of its kind (numbers, times); text: None (the
    database's collation decides its order)."""
    if isinstance(value, bool):
        return ("number", int(value))
    if isinstance(value, int | float):
        return ("number", value)
    if isinstance(value, dt.datetime):
        return ("time", value.replace(tzinfo=None))
    if isinstance(value, dt.date):
        return ("time", dt.datetime(value.year, value.month, value.day))
    return None


def _text_key(value: Any) -> Any:
    if isinstance(value, str):
        text = value.strip()
        try:
            return ("number", float(text))
        except ValueError:
            pass
        try:
            return _order_key(dt.datetime.fromisoformat(text))
        except ValueError:
            return ("text", value.casefold().rstrip())
    return _order_key(value)


def _maybe_equal(a: Any, b: Any) -> bool:
    """False only when no stored value can equal both ``a`` and ``b``."""
    ka, kb = _text_key(a), _text_key(b)
    if ka is None or kb is None or ka[0] != kb[0]:
        return True
    return bool(ka[1] == kb[1])


def _surely_equal(a: Any, b: Any) -> bool:
    return type(a) is type(b) and a == b


def _may_satisfy(value: Any, op: str, bound: Any) -> bool:
    kv, kb = _order_key(value), _order_key(bound)
    if kv is None or kb is None or kv[0] != kb[0]:
        return True
    x, y = kv[1], kb[1]
    return bool({"lt": x < y, "le": x <= y, "gt": x > y, "ge": x >= y}[op])


def _range_sat(ranges: list[tuple[str, Any]]) -> bool:
    """False only when the bounds on numbers (or on times) leave no value."""
    for kind in ("number", "time"):
        low: tuple[Any, bool] | None = None  # (bound, inclusive)
        high: tuple[Any, bool] | None = None
        for op, bound in ranges:
            key = _order_key(bound)
            if key is None or key[0] != kind:
                continue
            value = key[1]
            if op in ("gt", "ge"):
                inclusive = op == "ge"
                if low is None or value > low[0] or (value == low[0] and not inclusive):
                    low = (value, inclusive)
            else:
                inclusive = op == "le"
                if high is None or value < high[0] or (value == high[0] and not inclusive):
                    high = (value, inclusive)
        if (low is not None and high is not None) and (
            low[0] > high[0] or (low[0] == high[0] and not (low[1] and high[1]))
        ):
            return False
    return True
