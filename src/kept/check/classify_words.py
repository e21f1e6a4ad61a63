"""The classifier's rules for columns of words: countries, cities, states, streets, person
names (whole, given, surnames), companies, job titles and postcodes, counted by word list
(:mod:`kept.check.lexicon`) once a column (:class:`_Words`) and read with or without a hint
(:func:`_wordy`)."""

from __future__ import annotations

import itertools
import operator
import re
from collections import Counter
from collections.abc import Callable, Collection
from typing import TYPE_CHECKING

from kept.check import lexicon
from kept.check.classification import VERIFY, WHOLE, Classification, _found
from kept.check.classify_numbers import _postcode_of
from kept.check.shapes import Memo, once

if TYPE_CHECKING:
    from kept.check.classify_tally import _Tally


_STREET = re.compile(
    r"\b(st|street|str|rd|road|ave|avenue|blvd|lane|ln|"
    r"dr|drive|way|gate|gata|veien|vei|vegen|weg|platz|allee|rue|chemin|"
    r"boulevard|place|quai|via|calle|rambla|apt|suite|floor|level|circle|court|ct)\b\.?|"
    r"\w(str\.|straße|strasse|gasse|weg|vej|vägen|veien|gata|gate|gade|vegen)\b",
    re.IGNORECASE,
)
_COMPANY = re.compile(
    r"\b(inc|ltd|llc|gmbh|ag|as|asa|ab|oy|sa|sas|sarl|bv|nv|plc|co|corp|company|limited|"
    r"group|& co|og|kg|srl|spa)\b\.?,?$|\b(co\.|inc\.|ltd\.|gmbh|corp\.)",
    re.IGNORECASE,
)
_JOB = re.compile(
    r"\b(manager|president|director|engineer|developer|sales|rep|agent|assistant|officer|"
    r"clerk|consultant|analyst|accountant|head|chief|ceo|cto|cfo|coo|vp|lead|staff|"
    r"supervisor|administrator|secretary|specialist|coordinator|intern|nurse|teacher|"
    r"driver|technician|designer|architect|leder|daglig|sjef|rådgiver|geschäftsführer|"
    r"leiter|berater|directeur|gérant|responsable|chef)\b"
)
_WORD = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*", re.UNICODE)


def _words_lower(v: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(v)]


_PARTICLES = frozenset("de da di del der den van von le la du dos das y bin al".split())


def _person_name(
    v: str, given: frozenset[str], last: frozenset[str], *, strict: bool = False
) -> bool:
    words = _words_lower(v)
    if not 2 <= len(words) <= 4 or len(v) > 60 or ":" in v or any(map(str.isdigit, v)):
        return False
    if not all(t[:1].isupper() or t in _PARTICLES for t in v.replace(",", " ").split()):
        return False
    if strict:
        return len(words) <= 3 and words[0] in given and words[-1] in last
    if words[0] in given:
        return words[-1] in last or words[-1] in given or v.split()[-1][:1].isupper()
    # "Smith, John"
    return "," in v and words[-1] in given and words[0] in last


class _Words:
    """What a column of words holds, whatever the hint: counts by word list."""

    def __init__(
        self, texts: list[str], counts: dict[str, int], jobs: int, distinct: Collection[str] = ()
    ) -> None:
        self.texts, self.m, self.counts, self.jobs = texts, len(texts), counts, jobs
        if distinct:
            self.__dict__["distinct"] = distinct  # known already

    def varied(self, least: int) -> bool:
        """Whether ``least`` of the values or more differ, ignoring case."""
        distinct = self.distinct
        if len(distinct) < least:
            return False
        seen: set[str] = set()
        for text in distinct:
            seen.add(text.lower())
            if len(seen) >= least:
                return True
        return False

    @once
    def distinct(self) -> Collection[str]:
        """The distinct values."""
        return set(self.texts)

    def _count(self, test: Callable[[str], bool]) -> int:
        return sum(map(test, self.texts))  # memorised tests: repeated values are cheap

    @once
    def country_like(self) -> int:
        """Values that are countries' names or codes."""
        return self._count(_country_like_of.__getitem__)

    @once
    def companies(self) -> int:
        return self._count(_company_of.__getitem__)

    @once
    def postcodes(self) -> int:
        return self._count(_postcode_of.__getitem__)

    @once
    def strict_names(self) -> int:
        """Values that are a given name and a surname, no more (person names all)."""
        if not self.counts["user.name"]:
            return 0
        return self._count(_strict_name_of.__getitem__)


_WORD_KEYS = (
    "user.contact.address.country",
    "user.contact.address.city",
    "user.contact.address.state",
    "user.name",
    "user.name.first",
    "user.name.last",
    "user.contact.address.street",
    "job",
)


def _word_flags(t: str) -> tuple[bool, ...] | None:
    """Which word lists a value is in, in the order of :data:`_WORD_KEYS`; ``None`` for
    none."""
    low = t.lower()
    given, last = lexicon.given_names(), lexicon.surnames()
    countries, states = lexicon.countries(), lexicon.subdivisions()
    digits = any(map(str.isdigit, t))
    flags = (
        low in countries,
        low in lexicon.cities(),
        low in states
        and low not in countries
        and t not in lexicon.country_codes()
        and (len(t) > 3 or t.isupper()),  # "ok" is a status, "OK" may be Oklahoma
        " " in t and _person_name(t, given, last),
        " " not in t and low in given,
        " " not in t and low in last,
        digits and _STREET.search(t) is not None,
        len(t) <= 60 and not digits and bool(_JOB.search(low)),
    )
    return flags if any(flags) else None


_word_flags_of: Memo[str, tuple[bool, ...] | None] = Memo(_word_flags)
_NO_WORDS = dict.fromkeys(_WORD_KEYS, 0)


def _word_counts(tally: _Tally) -> _Words:
    texts = tally.texts[: VERIFY * 2]
    if any(map(_word_flags_of.__getitem__, texts)):  # memorised: repeated values are cheap
        freq = Counter(texts)  # the values in a word list, and how often each occurs
        flags = list(map(_word_flags_of.__getitem__, freq))
        repeats = list(itertools.compress(freq.values(), flags))
        by_list = zip(*itertools.compress(flags, flags), strict=True)  # a row per word list
        hits = map(sum, map(itertools.compress, itertools.repeat(repeats), by_list))
        counts = dict(zip(_WORD_KEYS, hits, strict=True))
        jobs = counts.pop("job")
        return _Words(texts, counts, jobs, freq.keys())
    counts = dict(_NO_WORDS)
    jobs = counts.pop("job")
    return _Words(texts, counts, jobs)


_LABELS = {
    "user.contact.address.country": "country names",
    "user.contact.address.city": "city names",
    "user.contact.address.state": "states or regions",
    "user.name": "person names",
    "user.name.first": "given names",
    "user.name.last": "surnames",
    "user.contact.address.street": "street addresses",
    "user.contact.organization": "company names",
}


def _hint_for_words(hint: str | None) -> bool:
    """Whether ``hint`` changes how a column of words is read (:func:`_wordy`); when it does
    not, the column's answer is the same as with no hint, and worked out once."""
    return hint is not None and (
        hint in _LABELS or hint == "user.contact.address" or "address" in hint or "country" in hint
    )


def _wordy(tally: _Tally, *, hint: str | None) -> Classification | None:
    if _hint_for_words(hint):
        return _read_words(tally.words, hint)
    return tally.wordy


def _read_words(words: _Words, hint: str | None) -> Classification | None:  # noqa: C901
    m = words.m
    # the same order as ever (ties rank by it): country, city, [the hint], state, ...
    counts = words.counts
    if hint is not None and "country" in hint:
        counts = {}
        for key, value in words.counts.items():
            counts[key] = value
            if key == "user.contact.address.city":
                counts[hint] = words.country_like
    if hint == "user.contact.organization":  # a company is personal data only about a person
        counts = {**counts, hint: words.companies}

    jobs = words.jobs
    if jobs / m >= WHOLE and words.varied(3):
        return _found("user.job_title", jobs, m, "job titles", 0.7)
    if hint is not None and "address" in hint:
        posts = words.postcodes
        if posts / m >= WHOLE:
            return _found("user.contact.address.postal_code", posts, m, "postcodes", 0.7)
    if hint in counts and counts[hint] / m >= WHOLE / 2:
        return _found(hint, counts[hint], m, _LABELS[hint], 0.9)
    if hint == "user.contact.address" or hint == "user.name":
        near = [(k, v) for k, v in counts.items() if k.startswith(hint) and k != hint]
        if near:  # the first of the most
            key, most = max(near, key=operator.itemgetter(1))
            if most / m >= WHOLE * 0.8 and words.varied(3):
                return _found(key, most, m, _LABELS[key], 0.7)
    best, hits = max(counts.items(), key=operator.itemgetter(1))  # the first of the most, as ever
    if hits / m < WHOLE:
        strict = words.strict_names
        if strict / m >= 0.2:  # people among companies (billing names)
            return _found("user.name", strict, m, "person names", 0.55)
        return None
    if not words.varied(3) and m >= 10:
        return None  # a handful of values repeated: a status or a type, not people or places
    if best in ("user.name.first", "user.name.last"):
        # a word list of ~15,000 names also holds many ordinary words: ask for variety
        if not words.varied(5) and m >= 10:
            return None
        first, lastn = counts["user.name.first"], counts["user.name.last"]
        if first >= lastn * 1.2:
            best, hits = "user.name.first", first
        elif lastn >= first * 1.2:
            best, hits = "user.name.last", lastn
    confidence = 0.8 if hits / m >= 0.8 else 0.65
    return _found(best, hits, m, _LABELS[best], confidence)


def _strict_name(t: str) -> bool:
    return " " in t and _person_name(t, lexicon.given_names(), lexicon.surnames(), strict=True)


_strict_name_of: Memo[str, bool] = Memo(_strict_name)
_company_of: Memo[str, bool] = Memo(lambda t: _COMPANY.search(t) is not None)
_country_like_of: Memo[str, bool] = Memo(
    # two letters say too little alone: only with a hint
    lambda t: t in lexicon.country_codes() or t.lower() in lexicon.countries()
)
