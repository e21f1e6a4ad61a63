"""The classifier's rules for numbers: payment cards, national identifiers, IMEIs and phone
numbers among digits (:func:`_numberish`), IBANs, VAT numbers and identifiers among letters
and digits (:func:`_alnum`), postcodes (beside an address), and the memorised answers of their
validators (:mod:`kept.check.validators`)."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from kept.check.classification import COSTLY, VERIFY, WHOLE, Classification, _found
from kept.check.shapes import Memo, once
from kept.check.validators import (
    ID_LENGTHS,
    card,
    iban,
    imei,
    is_national_id,
    mod97,
    phone,
    phone_valid,
    vat,
)
from kept.taxonomy import is_under

if TYPE_CHECKING:
    from kept.check.classify_tally import _Tally


_POSTCODE = re.compile(
    r"^([A-Z]{1,2}[- ]?)?\d{4,5}(-\d{4})?$|^\d{3}-\d{4}$|^\d{2}-\d{3}$|"
    r"^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$|^[A-Z]\d[A-Z] ?\d[A-Z]\d$|^S?-?\d{3} ?\d{2}$|"
    r"^\d{4} ?[A-Z]{2}$|^[A-Z]{3}-\d{5}$",
)
_postcode_of: Memo[str, bool] = Memo(lambda t: _POSTCODE.match(t) is not None)


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
