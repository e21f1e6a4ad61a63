"""The personal-data classifier that ``kept check`` and ``kept scan`` share: a table's columns,
each read alone and then with what its neighbours hold.

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
:data:`~kept.check.classification.VERIFY` of them, which keeps the rate well above 50,000
values per second. A column's values are read once (:mod:`kept.check.classify_tally`), and what
needs no hint is worked out once a column, for the readings that follow with each hint its
neighbours give; the answers of costly tests of one value are memorised across columns and
tables.

The parts: :mod:`kept.check.classification` (the result, a column's facts, the thresholds),
:mod:`kept.check.classify_tally` (a column's values read once, and routed by their shapes),
:mod:`kept.check.classify_typed`, :mod:`~kept.check.classify_numbers`,
:mod:`~kept.check.classify_words`, :mod:`~kept.check.classify_text` (the rules for dates and
blobs, numbers, words, free text), :mod:`kept.check.classify_evidence` (a column's name and
values weighed together), :mod:`kept.check.classify_person` (values read as a person's in a
table of a person's data). This module reads a table (:func:`classify_table`), and its names
are the classifier's public ones.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from kept.check.classification import VERIFY, Classification, ColumnFacts, agrees
from kept.check.classify_evidence import _by_name_and_values, classify_column, classify_name
from kept.check.classify_names import is_person_table, is_reference_name, words_of
from kept.check.classify_numbers import _national_id as _national_id  # tests reach these
from kept.check.classify_numbers import _phone_of as _phone_of
from kept.check.classify_person import _read_as_a_persons
from kept.check.classify_tally import _decide, _read, _Tally, classify_values
from kept.check.shapes import clear_memos as clear_memos  # a benchmark's fresh start
from kept.check.shapes import shape_of, to_text

__all__ = [
    "Classification",
    "ColumnFacts",
    "agrees",
    "classify_column",
    "classify_name",
    "classify_table",
    "classify_values",
]


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
