"""What a sampled value looks like at a glance, and the classifier's memorised answers.

Each value is first given a cheap *shape* (:func:`shape`: one pass over its characters); the
column's dominant shape decides which validators its values go through. The answers of pure,
costly tests of one value (its shape, check digits, word lists) are memorised in bounded
:class:`Memo` dictionaries, shared by every column and table of a process:
:func:`clear_memos` forgets them all.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar, cast

__all__ = [
    "DATE",
    "MEMO_SIZE",
    "Memo",
    "clear_memos",
    "few_spaces_of",
    "once",
    "shape",
    "shape_of",
    "texts_of",
    "to_text",
]

_EMAIL = re.compile(r"^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
_PHONE_CHARS = frozenset("0123456789+-() ./x")
_DIGITS = frozenset("0123456789")
_HEX = frozenset("0123456789abcdefABCDEF")
_TOKEN = re.compile(r"^[A-Za-z0-9_\-+/=.]{20,}$")
_HASH_PREFIX = re.compile(
    r"^(\$2[abxy]?\$\d\d\$|\$argon2|\$[156]\$|pbkdf2_|sha1\$|bcrypt\$|\{SSHA)"
)
_MAC = re.compile(r"^[0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}(\1[0-9A-Fa-f]{2}){4}$")
_EXTENSION = re.compile(r"^(x|ext\.? ?)\d{2,5}$", re.IGNORECASE)
DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+)?$|^(\d{1,2})[./](\d{1,2})[./](\d{4})$")
_DECIMAL = re.compile(r"^-?\d+\.\d{1,4}$")


def shape(v: str) -> str:  # noqa: C901 - a decision list on the characters
    """A cheap first guess at what a value is, from its characters."""
    if "@" in v:
        return "email" if _EMAIL.match(v) else "text"
    n = len(v)
    if n > 60 or v.count(" ") > 5:
        return "text"
    first = v[0]
    if first == "$" or first == "{" or v.startswith("pbkdf2_"):
        return "hash" if _HASH_PREFIX.match(v) else "other"
    chars = set(v)
    if chars <= _DIGITS:
        return "digits"
    if first in "xXeE" and _EXTENSION.match(v):
        return "extension"
    if chars <= _PHONE_CHARS:
        if ":" in v or _DECIMAL.match(v):
            return "other"
        if DATE.match(v):
            return "date"
        if v.count(".") == 3 and not chars & set(" +()-x"):
            return "ip"
        return "phonelike"
    if ":" in v and chars <= _HEX | {":", "."}:
        return "ip" if v.count(":") >= 2 else "other"
    if _MAC.match(v):
        return "mac"
    if DATE.match(v):
        return "date"
    if _EXTENSION.match(v):
        return "extension"
    if n >= 20 and " " not in v:
        if chars <= _HEX:
            return "hex"
        if _TOKEN.match(v):
            return "token"
    if first.isalpha() and v[:2].isalpha() and v[2:4].isdigit() and " " not in v.strip():
        return "alnum"  # IBAN, VAT
    if any(map(str.isdigit, v)):
        return "mixed"
    return "words"


# ----------------------------------------------------------------------------- memos

_K = TypeVar("_K")
_V = TypeVar("_V")
MEMO_SIZE = 20_000  # answers kept by each memo before it is emptied (a few MB)
_MEMOS: list[dict[object, object]] = []  # every memo, for clear_memos


class Memo(dict[_K, _V], Generic[_K, _V]):
    """The answers of a pure, costly test of one value, each computed once: ``memo[value]`` is
    a dictionary look-up (in C) for a value seen before, in this column or another (columns and
    tables repeat values: cities, statuses, names, and whole copies of a table). Bounded:
    emptied when it holds ``size`` answers (:data:`MEMO_SIZE` unless told)."""

    def __init__(self, test: Callable[[_K], _V], size: int = MEMO_SIZE) -> None:
        super().__init__()
        self.test = test
        self.size = size
        _MEMOS.append(cast(dict[object, object], self))

    def __missing__(self, key: _K) -> _V:
        if len(self) >= self.size:
            self.clear()
        value = self[key] = self.test(key)
        return value


_O = TypeVar("_O")


class once(Generic[_O, _V]):  # noqa: N801 - a decorator, like property
    """A property worked out when first read and kept in the instance
    (:class:`functools.cached_property` without the lock it takes before Python 3.12)."""

    def __init__(self, compute: Callable[[_O], _V]) -> None:
        self.compute = compute
        self.name = compute.__name__

    def __get__(self, instance: _O, owner: object = None) -> _V:
        value = instance.__dict__[self.name] = self.compute(instance)
        return value


shape_of: Memo[str, str] = Memo(shape, 200_000)
"""Each distinct value's :func:`shape`."""
few_spaces_of: Memo[str, bool] = Memo(lambda t: t.count(" ") <= 4)
"""Whether a value is of a few words (four spaces at most)."""


def clear_memos() -> None:
    """Forget every memorised answer and shape (a benchmark's fresh start)."""
    shape_of.clear()
    for memo in _MEMOS:
        memo.clear()


def to_text(value: object) -> str | None:
    """A value as the text its shape and tests read: stripped, ``None`` when blank or binary,
    dates and times in ISO form."""
    kind = type(value)
    if kind is str:
        text = value.strip()  # type: ignore[attr-defined]
        return text or None
    if kind is int:
        return str(value)
    if value is None:
        return None
    if isinstance(value, bytes | bytearray | memoryview):
        return None
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    text = str(value).strip()
    return text or None


def texts_of(values: Sequence[object]) -> list[str | None]:
    """:func:`to_text` of each value, without a call per value when all are strings."""
    try:
        return [t or None for t in map(str.strip, cast(Sequence[str], values))]
    except TypeError:
        return list(map(to_text, values))
