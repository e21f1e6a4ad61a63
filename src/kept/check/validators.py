"""Check-digit and format validators for single values: payment cards (Luhn and issuer
ranges), IMEIs, IP addresses, national identifiers, IBANs, EU VAT numbers (``python-stdnum``),
phone numbers (``phonenumbers``) and the character entropy of a token.

Pure functions of one value; :mod:`kept.check.classify` decides which values reach them and
memorises their answers.
"""

from __future__ import annotations

import ipaddress
import math
import re
from collections import Counter

__all__ = [
    "ID_LENGTHS",
    "card",
    "entropy",
    "iban",
    "imei",
    "ip",
    "is_national_id",
    "luhn_valid",
    "mod97",
    "phone",
    "phone_valid",
    "vat",
]


def luhn_valid(digits: str) -> bool:
    total = 0
    for i, char in enumerate(reversed(digits)):
        d = int(char)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def card(v: str) -> bool:
    digits = v.replace(" ", "").replace("-", "")
    if not (13 <= len(digits) <= 19 and digits.isdigit() and len(set(digits)) > 2):
        return False
    head = int(digits[:2])
    if len(digits) == 15 and head not in (34, 37):
        return False  # only American Express has 15 digits (an IMEI has too)
    issuer = (
        digits[0] == "4"
        or 51 <= head <= 55
        or 2221 <= int(digits[:4]) <= 2720
        or head in (34, 37, 36, 35, 65, 62)
        or digits.startswith("6011")
    )
    return issuer and luhn_valid(digits)


def imei(v: str) -> bool:
    from stdnum import imei as stdnum_imei

    return len(v) == 15 and stdnum_imei.is_valid(v) and not card(v)


IPV4 = re.compile(
    r"(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\Z"
)
"""Exactly the IPv4 addresses :func:`ipaddress.ip_address` accepts (four decimal octets up to
255, no leading zeros), matched without building the address."""


def ip(v: str) -> bool:
    if ":" not in v:
        return IPV4.match(v) is not None
    try:
        ipaddress.ip_address(v)
    except ValueError:
        return False
    return True


ID_LENGTHS = {  # characters after removing spaces and dashes
    "no.fodselsnummer": (11,),
    "se.personnummer": (10, 12),
    "dk.cpr": (10,),
    "fi.hetu": (11,),
    "fr.nir": (15,),
    "de.idnr": (11,),
    "es.dni": (9,),
    "it.codicefiscale": (16,),
    "nl.bsn": (9,),
}


def is_national_id(key: tuple[str, str]) -> bool:
    """Whether a value passes a ``stdnum`` module's check (``key``: the module, the value)."""
    import importlib

    module_name, value = key
    return bool(importlib.import_module(f"stdnum.{module_name}").is_valid(value))


def mod97(v: str) -> bool:
    """The IBAN check digits alone (fast), before stdnum checks the country's format."""
    v = v.replace(" ", "").upper()
    if not (15 <= len(v) <= 34 and v[:2].isalpha() and v[2:4].isdigit() and v.isalnum()):
        return False
    rearranged = v[4:] + v[:4]
    return int("".join(str(int(c, 36)) for c in rearranged)) % 97 == 1


def iban(v: str) -> bool:
    from stdnum import iban as stdnum_iban

    return bool(stdnum_iban.is_valid(v))


def vat(v: str) -> bool:
    from stdnum.eu import vat as stdnum_vat

    try:
        return bool(stdnum_vat.is_valid(v))
    except Exception:
        return False


def phone(v: str, region: str = "US") -> bool:
    import phonenumbers

    try:
        number = phonenumbers.parse(v, region)
    except phonenumbers.NumberParseException:
        return False
    return bool(phonenumbers.is_possible_number(number))


def phone_valid(v: str, region: str = "US") -> bool:
    import phonenumbers

    try:
        number = phonenumbers.parse(v, region)
    except phonenumbers.NumberParseException:
        return False
    return bool(phonenumbers.is_valid_number(number))


def entropy(v: str) -> float:
    counts = Counter(v)
    n = len(v)
    return -sum(c / n * math.log2(c / n) for c in counts.values())
