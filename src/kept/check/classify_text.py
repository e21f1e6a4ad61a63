"""The classifier's rules for free text: texts that hold e-mail addresses, phone numbers or
person names ("Hi, I'm Anna") in a measurable share of a column's rows."""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

from kept.check import lexicon
from kept.check.classification import TEXT, VERIFY, Classification
from kept.check.classify_words import _WORD
from kept.check.shapes import Memo

if TYPE_CHECKING:
    from kept.check.classify_tally import _Tally


_EMAIL_IN = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_PHONE_IN = re.compile(r"(?<![\w+])(?:\+\d[\d ().-]{7,16}\d|\(?\d{2,4}\)?[ .-]\d{2,4}[ .-]\d{2,4})")
_INTRODUCTION = re.compile(
    r"\b(?:I'm|I am|my name is|this is|jeg heter|jeg er|mitt navn er|ich heiße|ich heisse|"
    r"ich bin|mein Name ist|je m'appelle|je suis|moi c'est)\s+([^\W\d_]+)",
    re.IGNORECASE,
)
_INTRODUCING = (
    *("i'm", "i am", "my name is", "this is", "jeg ", "mitt navn", "ich ", "mein name"),
    *("je m'appelle", "je suis", "moi c'est"),
)
"""What an ASCII text that :data:`_INTRODUCTION` matches holds, in lower case: a cheaper test
first (the case-blind regular expression costs several microseconds a text)."""
_INTRODUCING_IN = re.compile("|".join(map(re.escape, _INTRODUCING)))


def _introduces(v: str, given: frozenset[str]) -> bool:
    """ "Hi, I'm Anna": a person who names themselves (a given name, capitalised)."""
    if v.isascii() and _INTRODUCING_IN.search(v.lower()) is None:
        return False
    for match in _INTRODUCTION.finditer(v):
        word = match.group(1)
        if word[:1].isupper() and word.lower() in given:
            return True
    return False


def _names_in_text(v: str, given: frozenset[str], last: frozenset[str]) -> bool:
    tokens = v.split()
    for a, b in itertools.pairwise(tokens):
        if (
            a[:1].isupper()
            and b[:1].isupper()
            and a.lower().strip(",.") in given
            and b.lower().strip(",.;:") in last
        ):
            return True
    return False


def _free_text(tally: _Tally) -> Classification | None:
    return tally.free


_EMAIL_FOUND, _PHONE_FOUND, _NAME_FOUND = 1, 2, 3


def _contact_in(t: str, prose: bool) -> int:
    """What a text holds, the first of: an e-mail address, a phone number, a person's name (in
    prose only); 0 for none, or for a short note that is a bare number or address."""
    if not prose and not _WORD.search(_EMAIL_IN.sub(" ", _PHONE_IN.sub(" ", t))):
        return 0  # a bare number or address, not a note
    if "@" in t and _EMAIL_IN.search(t):
        return _EMAIL_FOUND
    if _PHONE_IN.search(t):
        return _PHONE_FOUND
    given = lexicon.given_names()
    if prose and (_names_in_text(t, given, lexicon.surnames()) or _introduces(t, given)):
        return _NAME_FOUND
    return 0


_contact_in_prose_of: Memo[str, int] = Memo(lambda t: _contact_in(t, True))
_contact_in_note_of: Memo[str, int] = Memo(lambda t: _contact_in(t, False))


def _read_free_text(tally: _Tally) -> Classification | None:
    # the first 2 * VERIFY texts long enough to tell, and their lengths
    texts = tally.texts
    sizes = list(map(len, texts))
    if min(sizes) < 12:  # some too short
        if max(sizes) < 12:
            return None
        long = list(map((12).__le__, sizes))
        texts = list(itertools.compress(texts, long))
        sizes = list(itertools.compress(sizes, long))
    texts, sizes = texts[: VERIFY * 2], sizes[: VERIFY * 2]
    m = len(texts)
    # short notes count only for the contact details they hold beside words ("phone +47 ...")
    prose = sum(sizes) / m >= 25
    verdicts = _contact_in_prose_of if prose else _contact_in_note_of
    found = list(map(verdicts.__getitem__, texts))  # a look-up each: repeated texts are cheap
    emails, phones = found.count(_EMAIL_FOUND), found.count(_PHONE_FOUND)
    names = found.count(_NAME_FOUND)
    least = 2 if m >= 10 else 1
    if emails / m >= TEXT and emails >= least:
        return Classification(
            "user.contact.email", 0.7, (f"{emails} of {m} sampled texts contain e-mail addresses",)
        )
    # names in prose are weak evidence (brands and places carry them): ask for more
    if names < 2:
        names = 0  # one "Harley Davidson" in a catalogue is not a person
    if emails + phones + names >= least and (emails + phones) / m + names / m / 2 >= TEXT:
        return Classification(
            "user.content.private",
            0.6,
            (
                f"{emails + phones + names} of {m} sampled texts contain e-mail addresses, "
                "phone numbers or person names",
            ),
        )
    return None
