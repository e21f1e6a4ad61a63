"""The person-context pass: in a table of a person's data, values that say little alone read
as that person's: random tokens (secrets, session keys), avatar files, time zones, languages
and user names (handles that the same row's links or addresses name, or that begin with a given
name)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from typing import cast

from kept.check import lexicon
from kept.check.classification import VERIFY, WHOLE, Classification, ColumnFacts, _found
from kept.check.classify_names import is_reference_name
from kept.check.classify_tally import _entropy_of, _Tally
from kept.check.shapes import Memo, shape_of, texts_of, to_text

_BROWSER = ("user.device", "user.device.device_id", "user.device.cookie_id")
_IMAGE_FILE = re.compile(r"^[\w./%+-]+\.(jpe?g|png|gif|webp|heic|heif|bmp|tiff?|avif)$", re.I)
_LOCALE = re.compile(r"^([a-z]{2})(?:[-_]([A-Za-z]{2}|\d{3}|[A-Z][a-z]{3}))?$")
_HANDLE = re.compile(r"^[A-Za-z][\w.-]{1,31}$")
_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
"""A UUID in its canonical form: an identifier, not a secret (tokens are written without the
dashes, and often are UUIDs' 32 hex digits: those count as tokens)."""
_SPLIT_TOKENS = re.compile(r"[/@:?#=&.]+")


def _handle(t: str) -> bool:
    return _HANDLE.match(t) is not None and not t.isdigit() and "." not in t[-4:]


def _random(t: str) -> bool:
    """A random token: long, no spaces, not a UUID, hex or token-shaped, of high entropy."""
    return (
        16 <= len(t) <= 512
        and " " not in t
        and not _UUID.match(t)
        and shape_of[t] in ("hex", "token")
        and _entropy_of[t] >= 3.0
    )


def _locale(t: str) -> bool:
    """A language tag (``nb``, ``en-GB``, ``zh_Hant``) of a known language."""
    match = _LOCALE.match(t)
    return match is not None and match.group(1) in lexicon.language_codes()


def _personal_flags(t: str) -> tuple[bool, bool, bool, bool] | None:
    """Which of a person's things a value may be: an image file, a time zone, a language, a
    user name (in this order); ``None`` for none."""
    flags = (
        _IMAGE_FILE.match(t) is not None,
        t in lexicon.time_zones(),
        _locale(t),
        _handle(t),
    )
    return flags if any(flags) else None


_random_of: Memo[str, bool] = Memo(_random)
_NO_FLAGS = (False, False, False, False)
_personal_flags_of: Memo[str, tuple[bool, bool, bool, bool] | None] = Memo(_personal_flags)


def _of_a_person(
    name: str,
    samples: Mapping[str, Sequence[object]],
    *,
    device: bool,
    read: _Tally | Classification | None = None,
) -> Classification | None:
    """Values that say little alone but are personal in a table of a person's data: random
    tokens (secrets, session keys), avatar files, time zones, languages, user names."""
    column = samples.get(name)
    if not column:
        return None
    random_shapes = True  # some values may be tokens
    if isinstance(read, _Tally) and not read.numeric:
        texts = read.texts[: VERIFY * 2]  # converted once, when the column was classified
        random_shapes = bool("hex" in read.shapes or "token" in read.shapes)
    else:
        texts = [t for t in (to_text(v) for v in column[: VERIFY * 2]) if t is not None]
    m = len(texts)
    if m < 3:
        return None
    context = "in a table of a person's data"
    randoms = sum(map(_random_of.__getitem__, texts[:VERIFY])) if random_shapes else 0
    k = min(m, VERIFY)
    if randoms / k >= WHOLE and len(set(texts)) >= 0.9 * m:
        category = "user.device.cookie_id" if device else "user.authorization.credentials"
        # a browser's user agent beside them: session keys; otherwise secrets
        what = "session or device keys" if device else "secrets (tokens, keys)"
        return _found(category, randoms, k, f"random tokens, {context}: {what}", 0.5)
    flags = list(map(_personal_flags_of.__getitem__, texts))  # repeated texts are cheap
    if (m - flags.count(None)) / m < WHOLE:
        return None  # too few values of any of the kinds below
    first = flags[0]
    if first is not None and flags.count(first) == m:  # all alike (a column of one kind)
        image_rows, zone_rows, locale_rows, handle_rows = ((f,) * m for f in first)
    else:
        flags = [f or _NO_FLAGS for f in flags]
        image_rows, zone_rows, locale_rows, handle_rows = zip(*flags, strict=True)
    distinct = len(set(texts))
    images = sum(image_rows)
    if images / m >= WHOLE:
        return _found("user.content.self_image", images, m, f"image files {context}", 0.55)
    if distinct >= 2:
        tz = sum(zone_rows)
        if tz / m >= WHOLE:
            return _found("user.location.imprecise", tz, m, f"time zones {context}", 0.6)
        locales = sum(locale_rows)
        if locales / m >= WHOLE:
            return _found("user.demographic.language", locales, m, f"languages {context}", 0.6)
    handles = sum(handle_rows)
    if handles / m >= WHOLE and distinct >= 0.9 * m and m >= 5:
        mentioned = _mentioned_elsewhere(name, samples)
        named = sum(map(_named_handle_of.__getitem__, itertools.compress(texts, handle_rows)))
        if mentioned / m >= WHOLE or named / m >= WHOLE:
            why = (
                f"{mentioned} of {m} appear in the same row's addresses or links"
                if mentioned >= named
                else f"{named} of {m} begin with a given name"
            )
            return Classification(
                "user.account.username", 0.55, (f"{m} sampled values are user names: {why}",)
            )
    return None


def _read_as_a_persons(
    columns: Sequence[ColumnFacts],
    samples: Mapping[str, Sequence[object]],
    out: dict[str, Classification],
    reads: Mapping[str, _Tally | Classification | None],
) -> None:
    """The text columns not yet classified, read as data about the table's person."""
    device = any(c.category in _BROWSER for c in out.values())
    for facts in columns:
        if facts.name in out or is_reference_name(facts.name) or facts.kind != "text":
            continue
        found = _of_a_person(facts.name, samples, device=device, read=reads.get(facts.name))
        if found is not None:
            out[facts.name] = found


_HANDLE_HEAD = re.compile(r"[a-zæøåäöüéèàç]+")


def _starts_with_name(handle: str, given: frozenset[str]) -> bool:
    word = _HANDLE_HEAD.match(handle)
    return word is not None and len(word.group(0)) >= 3 and word.group(0) in given


_named_handle_of: Memo[str, bool] = Memo(
    lambda t: _starts_with_name(t.lower(), lexicon.given_names())
)


def _mentioned_elsewhere(name: str, samples: Mapping[str, Sequence[object]]) -> int:
    """Rows whose value of ``name`` is a whole part of another column's value in the same row
    (``anna97`` in ``https://example/users/anna97`` or ``anna97@example.no``)."""
    own = samples[name]
    others = [
        v for k, v in samples.items() if k != name and len(v) == len(own) and _links_or_addresses(v)
    ]
    if not others:
        return 0
    theirs_by_row = zip(*(texts_of(other[:VERIFY]) for other in others), strict=True)
    hits = 0
    for text, row in zip(texts_of(own[:VERIFY]), theirs_by_row, strict=True):
        if text is None:
            continue
        for theirs in row:
            if theirs and theirs != text and text in theirs and text in _SPLIT_TOKENS.split(theirs):
                hits += 1
                break
    return hits


def _links_or_addresses(values: Sequence[object]) -> bool:
    first = values[0] if values else None
    if type(first) is str and first:  # the common case: the first value tells
        return "/" in first or "@" in first
    if not any(issubclass(kind, str) for kind in set(map(type, values))):
        return False  # no text at all: numbers, times
    strings = itertools.compress(values, map(isinstance, values, itertools.repeat(str)))
    first = cast(str | None, next(filter(None, strings), None))  # the first non-empty string
    return first is not None and ("/" in first or "@" in first)
