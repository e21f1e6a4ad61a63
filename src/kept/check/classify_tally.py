"""A column's sampled values read once (:class:`_Tally`), and the category they show.

A column's values are converted to texts and shaped once (:mod:`kept.check.shapes`); what
their type or shapes decide alone (blobs, dates, e-mail addresses, keys, user agents, hashes,
IP and MAC addresses) is answered first, and the rest is routed by the dominant shape to the
rules for numbers (:mod:`kept.check.classify_numbers`), tokens, words
(:mod:`kept.check.classify_words`) or free text (:mod:`kept.check.classify_text`). What needs
no hint is worked out once a column and kept, for the readings that follow with each hint its
neighbours give (:func:`_decide`).
"""

from __future__ import annotations

import datetime as dt
import itertools
import operator
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import cast

from kept.check.classification import VERIFY, WHOLE, Classification, _found
from kept.check.classify_numbers import _alnum, _numberish, _Numbers
from kept.check.classify_text import _free_text, _read_free_text
from kept.check.classify_typed import _binary_category, _birth_dates, _date_category, _dates
from kept.check.classify_words import _read_words, _word_counts, _Words, _wordy
from kept.check.shapes import Memo, few_spaces_of, once, shape_of, to_text
from kept.check.validators import entropy, ip

__all__ = ["classify_values"]


_USER_AGENT = re.compile(r"^(Mozilla/\d|[\w.-]+/[\d.]+ (\(|[\w.-]+/))")
_PEM_SECRET = re.compile(r"^-----BEGIN [A-Z ]*PRIVATE KEY-----")
_PROFILE_URL = re.compile(
    r"^https?://[^/\s]+/(@|users/|user/|u/|profile/|people/|members?/|~)[\w.%-]+(/[\w.-]+)?/?$"
)
_entropy_of: Memo[str, float] = Memo(entropy)
_ip_of: Memo[str, bool] = Memo(ip)


@dataclass
class _Tally:
    """A column's sampled values read once: their texts (in order) and shapes, for every
    question asked of them (alone, with a neighbour's hint, as a person's data)."""

    n: int
    texts: list[str]
    shapes: Counter[str]
    numeric: bool = False
    strings: bool = False  # every value was a string

    # what needs no hint, worked out when first needed and kept (a column is read again with
    # each hint its neighbours give)

    @once
    def head(self) -> object:
        """What the shapes decide alone (:func:`_by_shape`)."""
        return _by_shape(self)

    @once
    def route(self) -> _Route:
        return _route(self)

    @once
    def rest(self) -> _Rest:
        return _rest(self)

    @once
    def numbers(self) -> _Numbers:
        return _Numbers(self)

    @once
    def words(self) -> _Words:
        return _word_counts(self)

    @once
    def wordy(self) -> Classification | None:
        """The words' category with no hint (or one that changes nothing)."""
        return _read_words(self.words, None)

    @once
    def free(self) -> Classification | None:
        """What the column holds as free text."""
        return _read_free_text(self)

    def of(self, *shapes: str) -> list[str]:
        """The texts of these shapes, in order (a new list)."""
        wanted = set(shapes)
        if sum(map(self.shapes.get, wanted, itertools.repeat(0))) == self.n:
            return self.texts[:]  # all of them: no value to look at
        shape = shape_of
        return [t for t in self.texts if shape[t] in wanted]


_SMALL = (-100_000, 1_000_000)
"""Whole numbers in this range have at most five digits and a sign, or six digits: too few for
any identifier, card, IMEI or phone number the validators know (a column of them, such as a
quantity or a serial key, needs no value-by-value reading)."""


def classify_values(
    values: Iterable[object],
    *,
    hint: str | None = None,
    kind: str = "text",
) -> Classification | None:
    """The category a sample of values shows. ``hint`` is the category the column's name or
    neighbours suggest; it admits weaker evidence (bare digits for a phone)."""
    return _decide(_read(values, kind), hint)


def _read(values: Iterable[object], kind: str) -> _Tally | Classification | None:
    """A column's values as a :class:`_Tally`, or the answer already when their type alone
    decides it (whatever a hint says): blobs, dates, booleans, amounts, small whole numbers."""
    if isinstance(values, list | tuple) and values:  # the common cases first, in one pass
        first = type(values[0])
        if first is str and kind != "binary" and kind != "date":
            try:  # strings, no NULL: no type decides, their texts are all
                texts = list(filter(None, map(str.strip, cast(list[str], values))))
            except TypeError:
                pass  # NULLs or other types
            else:
                return _tally_texts(texts, kind, strings=True)
        elif first is int and kind == "number" and set(map(type, values)) == {int}:
            return _whole_numbers(cast(list[int], values), kind)  # no NULL
        elif kind == "date" and (first is dt.datetime or first is dt.date):
            kinds = set(map(type, values))
            if len(kinds) == 1:  # of one type, no NULL
                return _date_category(cast(list[object], values), kinds)
    raw = [v for v in values if v is not None]
    if not raw:
        return None
    decided = _by_type(raw, kind)
    if decided is not _UNDECIDED:
        return decided if isinstance(decided, Classification) else None
    if type(raw[0]) is not str and isinstance(raw[0], float | Decimal):
        raw = [int(v) for v in raw if isinstance(v, float | Decimal)]  # whole numbers
        kind = "number"
    return _tally(raw, kind)


_UNDECIDED = object()  # the type or the shapes alone do not decide (see _by_type, _by_shape)


def _by_type(raw: list[object], kind: str) -> object:
    """What the values' type decides alone: a category, ``None`` or :data:`_UNDECIDED`."""
    first = type(raw[0])
    if (first is str or first is int) and kind != "binary" and kind != "date":
        return _UNDECIDED  # the common case, none of the types below
    if kind == "binary" or isinstance(raw[0], bytes | bytearray | memoryview):
        return _binary_category(raw)
    if kind == "date" or isinstance(raw[0], dt.date):
        return _date_category(raw, set(map(type, raw)))
    if isinstance(raw[0], bool):
        return None
    if isinstance(raw[0], float | Decimal) and any(
        v != int(v) for v in raw if isinstance(v, float | Decimal)
    ):
        return None  # amounts, not numbers that name something
    return _UNDECIDED


def _tally(raw: list[object], kind: str) -> _Tally | None:
    if kind == "number" and set(map(type, raw)) == {int}:
        return _whole_numbers(cast(list[int], raw), kind)
    try:  # strings (the common case): to_text's answers, without a call per value
        texts, strings = list(filter(None, map(str.strip, cast(list[str], raw)))), True
    except TypeError:
        texts, strings = [t for t in map(to_text, raw) if t is not None], False
    return _tally_texts(texts, kind, strings)


def _whole_numbers(ints: list[int], kind: str) -> _Tally | None:
    if _SMALL[0] < min(ints) and max(ints) < _SMALL[1]:
        return None
    return _tally_texts(list(map(str, ints)), kind, strings=False)


def _tally_texts(texts: list[str], kind: str, strings: bool) -> _Tally | None:
    n = len(texts)
    if not n:
        return None
    each = list(map(shape_of.__getitem__, texts))  # each distinct value shaped once
    if each.count(each[0]) == n:  # all of one shape (the common case): nothing to count
        shapes: Counter[str] = Counter()
        shapes[each[0]] = n
    else:
        shapes = Counter(each)
    return _Tally(n, texts, shapes, kind == "number", strings)


def _by_shape(tally: _Tally) -> object:
    """What the shapes of a column's values decide whatever the hint: a category, ``None``
    (nothing personal), or :data:`_UNDECIDED`."""
    n, texts, count = tally.n, tally.texts, tally.shapes.get  # get: no Counter.__missing__
    if count("email", 0) / n >= WHOLE:
        return _found("user.contact.email", count("email", 0), n, "e-mail addresses", 0.95)
    joined = "\n".join(texts)  # what no value holds needs no value-by-value test
    secrets = 0
    if "-----BEGIN " in joined:
        secrets = sum(1 for t in texts if t[:1] == "-" and _PEM_SECRET.match(t))
    if secrets / n >= WHOLE:
        return _found("user.authorization.credentials", secrets, n, "private keys", 0.95)
    agents = 0
    if "/" in joined:
        agents = sum(1 for t in texts if "/" in t and _USER_AGENT.match(t))
    if agents / n >= WHOLE:
        return _found("user.device", agents, n, "browser user agents", 0.8)
    if count("hash", 0) / n >= WHOLE:
        return _found("user.authorization.password", count("hash", 0), n, "password hashes", 0.9)
    if count("ip", 0) / n >= WHOLE:
        hits = sum(map(_ip_of.__getitem__, tally.of("ip")[:VERIFY]))
        if hits / min(n, VERIFY) >= WHOLE:
            return _found("user.device.ip_address", hits, min(n, VERIFY), "IP addresses", 0.9)
    if count("mac", 0) / n >= WHOLE:
        return _found("user.device.device_id", count("mac", 0), n, "MAC addresses", 0.85)
    if count("date", 0) / n >= WHOLE:
        dates = _dates(tally.of("date"))
        if _birth_dates(dates):
            return Classification(
                "user.demographic.date_of_birth",
                0.6,
                (f"{len(dates)} sampled dates lie 14 to 110 years back, over many years",),
            )
        return None
    if count("extension", 0) / n >= WHOLE:
        return _found(
            "user.contact.phone_number", count("extension", 0), n, "phone extensions", 0.6
        )
    return _UNDECIDED


@dataclass(frozen=True)
class _Route:
    """Which readings a column's shapes call for, whatever the hint (worked out once a column:
    a column is decided again for each hint its neighbours give)."""

    numberish: bool  # numbers with separators or bare digits: ids, cards, phones, postcodes
    alnum: bool  # letters then digits (IBANs, VAT numbers) among numbers
    tokens: bool  # random strings: secrets or identifiers


def _route(tally: _Tally) -> _Route:
    n, count = tally.n, tally.shapes.get
    numberish = count("digits", 0) + count("phonelike", 0)
    return _Route(
        numberish / n >= WHOLE,
        bool(count("alnum", 0)) and (count("alnum", 0) + numberish) / n >= WHOLE,
        (count("token", 0) + count("hex", 0)) / n >= WHOLE,
    )


@dataclass(frozen=True)
class _Rest:
    """What a column's values call for once numbers and tokens are ruled out, whatever the
    hint: profile links (found already), a list of words, free text."""

    profiles: Classification | None
    wordy: bool
    free: bool


def _rest(tally: _Tally) -> _Rest:
    n, texts, shapes = tally.n, tally.texts, tally.shapes
    count = shapes.get
    profiles = None
    if count("text", 0) + count("mixed", 0) + count("other", 0) and any(
        t.startswith("http") for t in texts[:5]
    ):
        hits = sum(1 for t in texts if _PROFILE_URL.match(t))
        if hits / n >= WHOLE:
            profiles = _found("user.contact.url", hits, n, "profile addresses of people", 0.7)
    top, top_n = max(shapes.items(), key=operator.itemgetter(1))  # the first most common, as ever
    wordy = top in ("words", "mixed") and top_n / n >= WHOLE / 2
    if wordy:  # ... and short: half the values or more of at most four spaces
        head, half = texts[:VERIFY], min(n, VERIFY) / 2
        # a value of five spaces or more takes five of all the spaces: too few for many of them
        if len(head) - "\n".join(head).count(" ") // 5 < half:
            wordy = sum(map(few_spaces_of.__getitem__, head)) >= half
    return _Rest(
        profiles,
        wordy,
        count("text", 0) + count("words", 0) + count("mixed", 0) + count("email", 0) >= 1,
    )


def _decide(tally: _Tally | Classification | None, hint: str | None) -> Classification | None:
    """The category a column's values show, with ``hint`` from its name or neighbours."""
    if not isinstance(tally, _Tally):
        return tally
    head = tally.head
    if head is not _UNDECIDED:
        return head if isinstance(head, Classification) else None
    route = tally.route
    if route.numberish:
        found = _numberish(tally, hint=hint, numeric=tally.numeric)
        if found is not None:
            return found
    if route.alnum:
        found = _alnum(tally, hint=hint, numeric=tally.numeric)
        if found is not None:
            return found
    if route.tokens:
        return _tokens(tally, hint)
    rest = tally.rest
    if rest.profiles is not None:
        return rest.profiles
    if rest.wordy:
        found = _wordy(tally, hint=hint)
        if found is not None:
            return found
    if rest.free:
        return _free_text(tally)
    return None


def _tokens(tally: _Tally, hint: str | None) -> Classification | None:
    """Random strings are secrets or identifiers: only the name can tell which."""
    if hint is not None and hint.startswith(("user.authorization", "user.device")):
        sample = tally.of("token", "hex")[:VERIFY]
        random_like = [t for t in sample if _entropy_of[t] >= 3.5]
        if len(random_like) / len(sample) >= WHOLE:
            return _found(hint, len(random_like), len(sample), "random tokens", 0.9)
    return None
