"""The personal-data classifier that ``kept check`` and ``kept scan`` share.

A column is classified from three kinds of evidence:

- its **name** and **comment** (:mod:`kept.check.classify_names`: snake, camel and upper case,
  abbreviations, English, German, Norwegian and French words);
- a **sample of its values**: e-mail addresses; phone numbers (``phonenumbers``; bare digits
  only when the name or a neighbouring column says phone, or when they are valid numbers
  stored as text); national identifiers, IBANs, payment cards and VAT numbers by their check
  digits (``python-stdnum``, so a US SSN is not a phone number); IP and MAC addresses and
  IMEIs; dates of birth (a wide spread of dates, all long past); street addresses, cities,
  states, countries and postcodes (a gazetteer: GeoNames cities, ``pycountry``); person names
  (given names and surnames from Faker's locales); companies; password hashes and tokens;
  images; free text that contains e-mail addresses, phone numbers or person names in a
  measurable share of rows;
- its **neighbours**: a postcode-shaped column beside a city column, bare digits beside a
  phone column.

Each value is first given a cheap *shape* (:mod:`kept.check.shapes`: one pass over its
characters); only the values of the dominant shape go through the validators, at most
:data:`VERIFY` of them, which keeps the rate well above 50,000 values per second. A column's
values are read once (:class:`_Tally`), and what needs no hint is worked out once a column, for
the readings that follow with each hint its neighbours give; the answers of costly tests of one
value are memorised across columns and tables.
"""

from __future__ import annotations

import datetime as dt
import itertools
import operator
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import cast

from kept.check import lexicon
from kept.check.classify_names import (
    is_person_table,
    is_reference_name,
    match_words,
    words_of,
)
from kept.check.shapes import (
    DATE,
    Memo,
    few_spaces_of,
    once,
    shape_of,
    texts_of,
    to_text,
)
from kept.check.shapes import clear_memos as clear_memos  # a benchmark's fresh start
from kept.check.validators import (
    ID_LENGTHS,
    card,
    entropy,
    iban,
    imei,
    ip,
    is_national_id,
    mod97,
    phone,
    phone_valid,
    vat,
)
from kept.taxonomy import is_under

__all__ = [
    "Classification",
    "ColumnFacts",
    "agrees",
    "classify_column",
    "classify_name",
    "classify_table",
    "classify_values",
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


# ----------------------------------------------------------------------------- names


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


# ----------------------------------------------------------------------------- value shapes

_EMAIL_IN = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_PHONE_IN = re.compile(r"(?<![\w+])(?:\+\d[\d ().-]{7,16}\d|\(?\d{2,4}\)?[ .-]\d{2,4}[ .-]\d{2,4})")
_STREET = re.compile(
    r"\b(st|street|str|rd|road|ave|avenue|blvd|lane|ln|"
    r"dr|drive|way|gate|gata|veien|vei|vegen|weg|platz|allee|rue|chemin|"
    r"boulevard|place|quai|via|calle|rambla|apt|suite|floor|level|circle|court|ct)\b\.?|"
    r"\w(str\.|straße|strasse|gasse|weg|vej|vägen|veien|gata|gate|gade|vegen)\b",
    re.IGNORECASE,
)
_POSTCODE = re.compile(
    r"^([A-Z]{1,2}[- ]?)?\d{4,5}(-\d{4})?$|^\d{3}-\d{4}$|^\d{2}-\d{3}$|"
    r"^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$|^[A-Z]\d[A-Z] ?\d[A-Z]\d$|^S?-?\d{3} ?\d{2}$|"
    r"^\d{4} ?[A-Z]{2}$|^[A-Z]{3}-\d{5}$",
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
_USER_AGENT = re.compile(r"^(Mozilla/\d|[\w.-]+/[\d.]+ (\(|[\w.-]+/))")
_PEM_SECRET = re.compile(r"^-----BEGIN [A-Z ]*PRIVATE KEY-----")
_PROFILE_URL = re.compile(
    r"^https?://[^/\s]+/(@|users/|user/|u/|profile/|people/|members?/|~)[\w.%-]+(/[\w.-]+)?/?$"
)
_OWNER_WORDS = frozenset(
    "user account customer member person employee author owner client patient student "
    "contact subscriber kunde bruker".split()
)
_PROSE_WORDS = frozenset(
    "text content comment comments body message note notes description bio remarks memo "
    "kommentar bemerkung merknad notiz commentaire spoiler".split()
)
_WORD = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*", re.UNICODE)


# ----------------------------------------------------------------------------- validators


_NATIONAL_IDS: tuple[tuple[str, str], ...] = (
    ("us.ssn", "US social security numbers"),
    ("no.fodselsnummer", "Norwegian national identity numbers"),
    ("se.personnummer", "Swedish personal identity numbers"),
    ("dk.cpr", "Danish CPR numbers"),
    ("fi.hetu", "Finnish personal identity codes"),
    ("fr.nir", "French social security numbers"),
    ("de.idnr", "German tax identification numbers"),
    ("es.dni", "Spanish DNI numbers"),
    ("it.codicefiscale", "Italian fiscal codes"),
    ("nl.bsn", "Dutch citizen service numbers"),
)


_national_id_of: Memo[tuple[str, str], bool] = Memo(is_national_id)
_WEAK_IDS = frozenset(("nl.bsn", "de.idnr", "no.fodselsnummer", "dk.cpr"))
_compact_size_of: Memo[str, int] = Memo(
    lambda v: len(v.replace(" ", "").replace("-", "").replace("+", ""))
)
"""A value's length without spaces, dashes and plus signs (as national identifiers count)."""


def _national_id(values: Sequence[str], strict: bool) -> tuple[str, int] | None:
    """The national identifier most of ``values`` are (by check digits), with the count."""
    sizes = list(map(_compact_size_of.__getitem__, values))
    lengths = Counter(sizes)
    best: tuple[str, int] | None = None
    for module_name, label in _NATIONAL_IDS:
        if strict and module_name in _WEAK_IDS:
            continue  # weak checksums on bare digits: only with a hint from the name
        if module_name == "us.ssn":
            candidates = [v for v in values if len(v) == 11 and v[3] == "-" and v[6] == "-"]
        else:
            wanted = ID_LENGTHS[module_name]
            if lengths.keys().isdisjoint(wanted) or (
                sum(map(lengths.get, wanted, itertools.repeat(0))) < len(values) * WHOLE
            ):
                continue  # most values have the wrong length: no need to check digits
            candidates = [v for v, size in zip(values, sizes, strict=True) if size in wanted]
        if not candidates:
            continue
        hits = sum(1 for v in candidates if _national_id_of[module_name, v])
        if hits and (best is None or hits > best[1]):
            best = (label, hits)
    return best


_card_of: Memo[str, bool] = Memo(card)
_imei_of: Memo[str, bool] = Memo(imei)
_phone_of: Memo[str, bool] = Memo(phone)
_valid_phone_of: Memo[str, bool] = Memo(phone_valid)
_formatted_phone_of: Memo[str, bool] = Memo(
    lambda t: sum(map(str.isdigit, t)) >= 6 and _phone_of[t]
)
"""A phone number written with separators or a country code: six digits or more."""
_entropy_of: Memo[str, float] = Memo(entropy)
_ip_of: Memo[str, bool] = Memo(ip)


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


# ----------------------------------------------------------------------------- values


def _binary_category(values: Sequence[object]) -> Classification | None:
    blobs = [bytes(v) for v in values if isinstance(v, bytes | bytearray | memoryview) and v]
    if not blobs:
        return None
    magic = (b"\xff\xd8\xff", b"\x89PNG", b"GIF8", b"RIFF", b"BM")
    images = sum(1 for b in blobs if b.startswith(magic))
    if images / len(blobs) >= WHOLE:
        return Classification(
            "user.content.self_image",
            0.7,
            (f"{images} of {len(blobs)} sampled values are images",),
        )
    return None


def _dates(values: Sequence[object]) -> list[dt.date]:
    kinds = set(map(type, values))
    if kinds == {dt.datetime}:  # a timestamp column: no test value by value
        return list(map(dt.datetime.date, cast(Sequence[dt.datetime], values)))
    if kinds == {dt.date}:
        return list(cast(Sequence[dt.date], values))
    out: list[dt.date] = []
    for v in values:
        if isinstance(v, dt.datetime):
            out.append(v.date())
        elif isinstance(v, dt.date):
            out.append(v)
        elif isinstance(v, str):
            m = DATE.match(v.strip())
            if m:
                try:
                    if m.group(1):
                        out.append(dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))))
                    else:
                        out.append(dt.date(int(m.group(6)), int(m.group(5)), int(m.group(4))))
                except ValueError:
                    continue
    return out


def _birth_dates(dates: Sequence[dt.date]) -> bool:
    """Dates of birth: all long past (14 to 110 years), spread over at least 15 years."""
    if len(dates) < 3:
        return False
    years = list(map(_YEAR, dates))
    return _birth_years(min(years), max(years))


def _birth_years(oldest: int, newest: int) -> bool:
    if newest - oldest < 15:
        return False  # (no need to ask the clock)
    year = dt.date.today().year
    return year - 110 <= oldest and newest <= year - 14


_YEAR = operator.attrgetter("year")


def _date_category(raw: list[object], kinds: set[type]) -> Classification | None:
    """Dates of birth, or nothing personal, in a column of dates (``kinds``: the values'
    types)."""
    count, born = _typed_birth_dates(raw, kinds)
    if born:
        return Classification(
            "user.demographic.date_of_birth",
            0.6,
            (f"{count} sampled dates lie 14 to 110 years back, over many years",),
        )
    return None


def _typed_birth_dates(raw: list[object], kinds: set[type]) -> tuple[int, bool]:
    """How many of a column's values are dates, and whether they are dates of birth
    (:func:`_birth_dates`); a column of one date type is not converted value by value."""
    if kinds != {dt.datetime} and kinds != {dt.date}:
        dates = _dates(raw)
        return len(dates), _birth_dates(dates)
    if len(raw) < 3:
        return len(raw), False
    typed = cast(list[dt.date], raw)
    try:
        oldest, newest = min(typed), max(typed)
    except TypeError:  # naive and aware times
        oldest = newest = typed[0]
        naive = False
    else:
        naive = getattr(oldest, "tzinfo", None) is None  # then all are: no TypeError
    if naive:  # the earliest date is of the earliest year
        return len(raw), _birth_years(oldest.year, newest.year)
    years = list(map(_YEAR, typed))  # each one's own date, as dt.datetime.date reads it
    return len(raw), _birth_years(min(years), max(years))


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


def _found(category: str, hits: int, n: int, label: str, confidence: float) -> Classification:
    return Classification(category, confidence, (f"{hits} of {n} sampled values are {label}",))


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


class _Numbers:
    """A column of numbers' counts that need no hint, each worked out when first needed (a
    column is read again with each hint its neighbours give)."""

    def __init__(self, tally: _Tally) -> None:
        self.sample = tally.of("digits", "phonelike")[:VERIFY]
        self.cards = sum(map(_card_of.__getitem__, self.sample))
        self.few = self.sample[:COSTLY]  # for the slow tests
        self._ids: dict[bool, tuple[str, int] | None] = {}

    def national_id(self, strict: bool) -> tuple[str, int] | None:
        if strict not in self._ids:
            self._ids[strict] = _national_id(self.few, strict=strict)
        return self._ids[strict]

    @once
    def imeis(self) -> int:
        return sum(1 for t in self.few if len(t) == 15 and _imei_of[t])

    @once
    def formatted(self) -> list[str]:
        return [t for t in self.few if not t.isdigit() or t.startswith("+")]

    @once
    def bare(self) -> list[str]:
        return [t for t in self.few if t.isdigit()]

    @once
    def formatted_phones(self) -> int:
        return sum(map(_formatted_phone_of.__getitem__, self.formatted))

    @once
    def bare_phones(self) -> int:
        return sum(1 for t in self.bare if 7 <= len(t) <= 15 and _phone_of[t])

    @once
    def valid_phones(self) -> int:
        return sum(1 for t in self.bare if 10 <= len(t) <= 13 and _valid_phone_of[t])

    @once
    def postcodes(self) -> int:
        return sum(map(_postcode_of.__getitem__, self.few))


def _numberish(tally: _Tally, *, hint: str | None, numeric: bool) -> Classification | None:
    numbers = tally.numbers
    m = len(numbers.sample)
    cards = numbers.cards
    if cards / m >= WHOLE:
        return _found("user.financial.credit_card", cards, m, "payment card numbers", 0.9)
    m = len(numbers.few)
    strict = not (hint and hint.startswith("user.government_id"))
    nid = numbers.national_id(strict)
    if nid is not None and nid[1] / m >= WHOLE:
        return _found("user.government_id.national_identification_number", nid[1], m, nid[0], 0.9)
    imeis = numbers.imeis
    if imeis / m >= WHOLE and hint != "user.contact.phone_number":
        return _found("user.device.device_id", imeis, m, "IMEIs", 0.8)
    phone_hint = hint is not None and is_under(hint, "user.contact")
    phone_hint = phone_hint and ("phone" in hint or "fax" in hint) if hint else False
    formatted, bare = numbers.formatted, numbers.bare
    phones = numbers.formatted_phones
    if bare and (phone_hint or (not numeric and len(formatted) >= len(bare) / 4)):
        phones += numbers.bare_phones
    elif bare and not numeric:
        # bare digits as text, no hint: only valid numbers of 10 or more digits
        valid = numbers.valid_phones
        if valid / m >= 0.8:
            phones += valid
    if phones / m >= WHOLE:
        confidence = 0.9 if phone_hint else 0.75
        return _found("user.contact.phone_number", phones, m, "phone numbers", confidence)
    if not numeric:
        posts = numbers.postcodes
        if posts / m >= WHOLE and hint is not None and "address" in hint:
            return _found("user.contact.address.postal_code", posts, m, "postcodes", 0.7)
    return None


def _alnum(tally: _Tally, *, hint: str | None, numeric: bool) -> Classification | None:
    sample = tally.of("alnum", "digits", "phonelike")[:COSTLY]
    m = len(sample)
    ibans = sum(1 for t in sample if mod97(t) and iban(t))
    if ibans / m >= WHOLE:
        return _found("user.financial.bank_account", ibans, m, "IBANs", 0.95)
    vats = sum(1 for t in sample if vat(t))
    if vats / m >= WHOLE:
        return _found("user.government_id", vats, m, "VAT numbers", 0.8)
    nid = _national_id(sample, strict=not (hint or "").startswith("user.government_id"))
    if nid is not None and nid[1] / m >= WHOLE:
        return _found("user.government_id.national_identification_number", nid[1], m, nid[0], 0.85)
    posts = sum(1 for t in sample if _POSTCODE.match(t))
    if posts / m >= WHOLE and hint is not None and "address" in hint and not numeric:
        return _found("user.contact.address.postal_code", posts, m, "postcodes", 0.7)
    return None


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
_postcode_of: Memo[str, bool] = Memo(lambda t: _POSTCODE.match(t) is not None)


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


# ----------------------------------------------------------------------------- columns


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


# Tables whose rows are places of business: their addresses and phones are not a person's.
BUSINESS_TABLES = frozenset(
    "office offices store stores warehouse warehouses branch branches shop shops site sites "
    "depot depots plant plants filiale filialen kontor butikk lager magasin magasins".split()
)
_BUSINESS_CONTACT = (
    "user.contact.address",
    "user.contact.phone_number",
    "user.contact.fax_number",
    "user.contact.url",
    "user.contact.organization",
)

_NEIGHBOUR_HINTS = {
    "user.name.first": "user.name",
    "user.name.last": "user.name",
    "user.contact.phone_number": "user.contact.phone_number",
    "user.contact.fax_number": "user.contact.phone_number",
    "user.contact.address.city": "user.contact.address",
    "user.contact.address.street": "user.contact.address",
    "user.contact.address.country": "user.contact.address",
}


_HINT_SHAPES = {
    "user.contact.phone_number": ("digits", "phonelike", "number"),
    "user.contact.address": ("digits", "phonelike", "mixed", "alnum", "words"),
    "user.name": ("words",),
    "user.contact.organization": ("words", "mixed"),
}


# Categories that make a table's rows a person's: other columns there are read as about them.
_DIRECT = (
    "user.contact.email",
    "user.contact.phone_number",
    "user.name",
    "user.authorization",
    "user.device.ip_address",
    "user.device",
)
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


def _dominant_shape(values: Sequence[object], read: _Tally | Classification | None = None) -> str:
    if isinstance(read, _Tally) and read.strings and len(read.texts) == len(values):
        # strings, none blank: the texts are the values, shaped already
        if len(read.shapes) == 1:  # all of one shape
            return next(iter(read.shapes))
        cache = shape_of
        head_shapes = Counter(map(cache.__getitem__, read.texts[:VERIFY]))
        return head_shapes.most_common(1)[0][0]
    head = values[:VERIFY]
    try:  # each distinct value (of each type: 1 is not 1.0) is shaped once
        keyed = Counter(zip(map(type, head), head, strict=True))
        distinct: Iterable[tuple[object, int]] = [(v, k) for (_, v), k in keyed.items()]
    except TypeError:  # unhashable values (arrays, documents)
        distinct = ((v, 1) for v in head)
    shapes: Counter[str] = Counter()
    for v, k in distinct:
        if v is None:
            continue
        if isinstance(v, int) and not isinstance(v, bool):
            shapes["number"] += k
            continue
        text = to_text(v)
        if text is not None:
            shapes[shape_of[text]] += k
    return shapes.most_common(1)[0][0] if shapes else ""


def classify_table(
    table: str,
    columns: Sequence[ColumnFacts],
    samples: Mapping[str, Sequence[object]] | None = None,
) -> dict[str, Classification]:
    """Every column of one table, each read with its neighbours: bare digits beside a phone
    column are phone numbers, postcode-shaped values beside an address are postcodes."""
    samples = samples or {}
    out: dict[str, Classification] = {}
    business = bool(words_of(table)) and words_of(table)[-1] in BUSINESS_TABLES
    reads: dict[str, _Tally | Classification | None] = {}  # each column's values, read once
    for facts in columns:
        if facts.kind == "bool":
            continue
        values = samples.get(facts.name)
        read = reads[facts.name] = _read(values, facts.kind) if values else None
        found = _by_name_and_values(facts, read, None)
        if found is not None:
            if business and found.category.startswith(_BUSINESS_CONTACT):
                continue  # an office's address and switchboard are not a person's
            out[facts.name] = found
    if business:
        return out
    hints = {_NEIGHBOUR_HINTS[c.category] for c in out.values() if c.category in _NEIGHBOUR_HINTS}
    person = is_person_table(table)
    if person or any(c.category.startswith("user.name") for c in out.values()):
        hints.update(("user.contact.address", "user.contact.organization"))
    if person or any(c.category.startswith(_DIRECT) for c in out.values()):
        _read_as_a_persons(columns, samples, out, reads)
    if hints:
        _read_with_hints(columns, samples, out, reads, hints)
    return out


def _read_with_hints(
    columns: Sequence[ColumnFacts],
    samples: Mapping[str, Sequence[object]],
    out: dict[str, Classification],
    reads: dict[str, _Tally | Classification | None],
    hints: set[str],
) -> None:
    """The columns not yet classified, read again with what their neighbours hint."""
    for facts in columns:
        if facts.name in out or facts.name not in samples or is_reference_name(facts.name):
            continue
        if facts.name not in reads:
            reads[facts.name] = _read(samples[facts.name], facts.kind)
        read = reads[facts.name]
        if read is None:
            continue  # nothing in its values, whatever the hint (dates, amounts, quantities)
        top = _dominant_shape(samples[facts.name], read)
        for hint in sorted(hints):
            if top not in _HINT_SHAPES.get(hint, ()):
                continue  # a hint about phones says nothing about words, and so on
            found = _decide(read, hint)
            if found is not None:
                out[facts.name] = Classification(
                    found.category,
                    found.confidence,
                    (*found.evidence, "beside columns that hold contact data"),
                    "values+neighbours",
                )
                break
