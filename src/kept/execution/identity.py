"""The identities a rights request starts from, and what it means for two of them to be equal.

Every identity kind has a *normalisation* (declared in the manifest's ``identities`` section,
or chosen by the kind's name):

- ``email``: Unicode NFC, case-folded as a whole address; an internationalised domain is
  compared in its A-label (``xn--``) form, so ``maíl.example`` and ``xn--mal-0na.example`` are
  the same domain and ``mail.example`` is another.
- ``phone``: E.164 (``+4791234567``) parsed by ``phonenumbers``, with the kind's default
  region for numbers written without a country code.
- ``casefold``: NFC and case-folded; ``trim``: surrounding white space removed; ``exact``: the
  value as given.

Two identities of a kind are the same person's when their normalised forms are equal, byte for
byte: never accent folding, never a database collation's idea of equality.
:mod:`kept.execution.matching` turns this into one SQL predicate per identity column.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import TYPE_CHECKING

from kept.errors import RequestError, UnknownIdentityKindError

if TYPE_CHECKING:
    from kept.manifest.models import DatasetField, Manifest

__all__ = [
    "Identity",
    "IdentityRule",
    "IdentityRules",
    "Method",
    "UnknownIdentityKindError",
    "default_method",
    "normalise",
    "parse_identity",
]

_KIND = re.compile(r"^[a-z][a-z0-9_]*$")
_PHONE_KINDS = ("phone", "phone_number", "mobile", "mobile_number", "msisdn")


class Method(StrEnum):
    """How the values of an identity kind are normalised before they are compared."""

    EMAIL = "email"
    PHONE = "phone"
    CASEFOLD = "casefold"
    TRIM = "trim"
    EXACT = "exact"


def default_method(kind: str) -> Method:
    """The normalisation of a kind the manifest names without declaring one."""
    if kind == "email" or kind.endswith("_email"):
        return Method.EMAIL
    if kind in _PHONE_KINDS or kind.endswith("_phone"):
        return Method.PHONE
    return Method.TRIM


@dataclass(frozen=True)
class IdentityRule:
    """An identity kind's normalisation (``region``: the phone numbering plan, e.g. ``NO``,
    for numbers written without ``+`` and a country code)."""

    kind: str
    method: Method
    region: str | None = None

    def normalise(self, value: str) -> str:
        return _normalise(self.method, self.region, value)

    def forms(self, value: str) -> tuple[str, ...]:
        """The stored spellings to look up for ``value``, in the form the SQL side compares
        (see :mod:`kept.execution.matching`); every one normalises to ``normalise(value)``,
        so none can reach another person's row."""
        return _forms(self.method, self.region, value)


class IdentityRules:
    """The identity kinds a manifest declares, each with its rule.

    A kind is declared by the ``identities`` section or by a field's ``fides_meta.identity``;
    a kind named by neither is refused (:class:`UnknownIdentityKindError`).
    """

    def __init__(self, rules: dict[str, IdentityRule]):
        self.rules = rules

    @classmethod
    def of(cls, manifest: Manifest) -> IdentityRules:
        rules: dict[str, IdentityRule] = {}
        for dataset in manifest.dataset:
            for collection in dataset.collections:
                for fld in _all_fields(collection.fields):
                    for kind in fld.fides_meta.identity_kinds if fld.fides_meta else ():
                        if kind not in rules:
                            rules[kind] = IdentityRule(kind, default_method(kind))
        for declared in manifest.identities:
            method = Method(declared.normalise) if declared.normalise else None
            rules[declared.kind] = IdentityRule(
                declared.kind, method or default_method(declared.kind), declared.region
            )
        return cls(rules)

    @classmethod
    def defaults(cls, kinds: Iterable[str] = ()) -> IdentityRules:
        return cls({k: IdentityRule(k, default_method(k)) for k in kinds})

    def rule(self, kind: str) -> IdentityRule:
        return self.rules.get(kind) or IdentityRule(kind, default_method(kind))

    def check(self, identities: Iterable[Identity]) -> None:
        """Raise :class:`UnknownIdentityKindError` when an identity's kind is not declared."""
        unknown = {i.kind for i in identities if i.kind not in self.rules}
        if unknown:
            raise UnknownIdentityKindError(unknown, self.rules)

    def normalised(self, identities: Iterable[Identity]) -> list[str]:
        """``kind=normal form`` of each identity, for messages that say what was tried."""
        return sorted({f"{i.kind}={self.rule(i.kind).normalise(i.value)}" for i in identities})


def _all_fields(fields: Iterable[DatasetField]) -> Iterable[DatasetField]:
    for fld in fields:
        yield fld
        yield from _all_fields(fld.fields or [])


@dataclass(frozen=True, order=True)
class Identity:
    kind: str
    value: str

    @property
    def variants(self) -> tuple[str, ...]:
        """The values to look up: as given and normalised by the kind's default rule."""
        normal = normalise(self.kind, self.value)
        return (normal,) if normal == self.value else (normal, self.value)

    def __str__(self) -> str:
        return f"{self.kind}={self.value}"


def normalise(kind: str, value: str, rule: IdentityRule | None = None) -> str:
    """``value`` normalised by ``rule``, or by the default rule of ``kind``."""
    return (rule or IdentityRule(kind, default_method(kind))).normalise(value)


def parse_identity(text: str) -> Identity:
    """``email=ada@example.com`` → ``Identity("email", "ada@example.com")``."""
    kind, sep, value = text.partition("=")
    kind = kind.strip()
    if not sep or not value.strip():
        raise RequestError(f"identity {text!r} must be KIND=VALUE, e.g. email=ada@example.com")
    if not _KIND.match(kind):
        raise RequestError(f"identity kind {kind!r} must be a lower-case word, e.g. email")
    return Identity(kind, value.strip())


# --------------------------------------------------------------------------- normal forms


def _nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value)


def _normalise(method: Method, region: str | None, value: str) -> str:
    if method is Method.EXACT:
        return value
    value = value.strip()
    if method is Method.TRIM:
        return value
    if method is Method.CASEFOLD:
        return _nfc(_nfc(value).casefold())
    if method is Method.EMAIL:
        return _email(value)
    return _phone(value, region)


def _email(value: str) -> str:
    folded = _nfc(_nfc(value).casefold())
    local, at, domain = folded.rpartition("@")
    if not at:
        return folded
    return f"{local}@{_a_label(domain)}"


@lru_cache(maxsize=4096)
def _a_label(domain: str) -> str:
    """A domain in its A-label form (``maíl.example`` → ``xn--mal-0na.example``); a domain
    IDNA refuses is kept as it is (it is compared exactly, never loosely)."""
    if domain.isascii():
        return domain
    import idna

    try:
        return idna.encode(domain, uts46=True).decode("ascii")
    except (idna.IDNAError, UnicodeError, ValueError):
        return domain


@lru_cache(maxsize=4096)
def _u_label(domain: str) -> str:
    if "xn--" not in domain:
        return domain
    import idna

    try:
        return _nfc(idna.decode(domain))
    except (idna.IDNAError, UnicodeError, ValueError):
        return domain


_PHONE_NOISE = re.compile(r"[\s\-().\u00a0/]")


def _phone(value: str, region: str | None) -> str:
    """E.164 when ``phonenumbers`` can read the number (with ``region`` for national
    numbers); otherwise the digits and a leading ``+`` (``00`` read as ``+``)."""
    import phonenumbers

    digits = _PHONE_NOISE.sub("", value)
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    try:
        number = phonenumbers.parse(digits, region)
    except phonenumbers.NumberParseException:
        return digits
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _forms(method: Method, region: str | None, value: str) -> tuple[str, ...]:
    """Stored spellings that normalise like ``value``, as the SQL side sees them."""
    normal = _normalise(method, region, value)
    if method is Method.EMAIL:
        candidates = _email_forms(value.strip(), normal)
    elif method is Method.PHONE:
        candidates = _phone_forms(value, normal, region)
    elif method is Method.CASEFOLD:
        candidates = _case_forms(value.strip())
    else:
        candidates = {normal}
    same = {c for c in candidates if _normalise(method, region, c) == normal}
    return tuple(sorted(same | {normal}))


def _case_forms(value: str) -> set[str]:
    """Lower-cased and case-folded, each in NFC and NFD (the SQL side lower-cases the stored
    value; NFD-stored text is found through its NFD spelling)."""
    out: set[str] = set()
    for text in (value, _nfc(value)):
        for folded in (text.lower(), text.casefold(), _nfc(text).lower()):
            for spelt in _sharp_s(folded):
                out.add(_nfc(spelt))
                out.add(unicodedata.normalize("NFD", spelt))
    return out


def _sharp_s(text: str) -> set[str]:
    """``text`` and its spellings with ``ß`` for any ``ss`` (case folding turns ``ß`` into
    ``ss``, ``lower`` does not); a text with more than eight ``s`` keeps its own spelling."""
    if "ss" not in text or text.count("s") > 8:
        return {text}
    return set(_sharp_spellings(text))


@lru_cache(maxsize=1024)
def _sharp_spellings(text: str) -> frozenset[str]:
    if not text:
        return frozenset({""})
    out = {text[0] + rest for rest in _sharp_spellings(text[1:])}
    if text.startswith("ss"):
        out |= {"ß" + rest for rest in _sharp_spellings(text[2:])}
    return frozenset(out)


def _email_forms(value: str, normal: str) -> set[str]:
    local, at, domain = value.rpartition("@")
    if not at:
        return _case_forms(value)
    a_label = _a_label(_nfc(domain.casefold()))
    domains = {a_label, _u_label(a_label)}
    return {f"{lf}@{d}" for lf in _case_forms(local) for d in _case_forms_of(domains)}


def _case_forms_of(values: Iterable[str]) -> set[str]:
    return {f for v in values for f in _case_forms(v)}


def _phone_forms(value: str, normal: str, region: str | None) -> set[str]:
    """E.164, ``00`` + country code, and (for a number of the default region) the national
    spellings, each as digits only: the SQL side strips spaces, dashes, dots and brackets."""
    out = {normal, _PHONE_NOISE.sub("", value.strip())}
    if not normal.startswith("+"):
        return out
    out.add("00" + normal[1:])
    import phonenumbers

    try:
        number = phonenumbers.parse(normal, None)
    except phonenumbers.NumberParseException:
        return out
    if region and phonenumbers.region_code_for_number(number) == region.upper():
        national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
        out.add(_PHONE_NOISE.sub("", national))
        out.add(str(number.national_number))
    return out
