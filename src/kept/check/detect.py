"""Recognise personal data that a manifest does not declare: by column name and by values.

Name rules look at the column name's words (``home_phone`` → phone number). Value rules look
at a sample of the column's values: e-mail addresses, phone numbers (E.164 or formatted with
separators), IP addresses, payment card numbers (Luhn check), IBANs (mod-97 check) and person
names (a capitalised first name from a list of common given names, followed by a surname).
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

__all__ = ["Detection", "detect_by_name", "detect_by_values", "iban_valid", "luhn_valid"]


@dataclass(frozen=True)
class Detection:
    category: str
    reason: str


_NAME_RULES: list[tuple[re.Pattern[str], str, str]] = [
    (re.compile(r"(^|_)(e_?mail|email_?address|mail_?address)(_|$)"), "user.contact.email", ""),
    (
        re.compile(r"(^|_)(phone|mobile|msisdn|tel|telephone|cell|cellphone|fax)(_|$)"),
        "user.contact.phone_number",
        "",
    ),
    (
        re.compile(r"(^|_)(ip|ip_?addr(ess)?|remote_?addr|client_?ip|ipv4|ipv6)(_|$)"),
        "user.device.ip_address",
        "",
    ),
    (
        re.compile(
            r"(^|_)(first_?name|given_?name|last_?name|surname|family_?name|full_?name|"
            r"display_?name|contact_?name|contact_?person|person_?name|customer_?name)(_|$)"
        ),
        "user.name",
        "",
    ),
    (
        re.compile(
            r"(^|_)(street|address|address_?line\d?|postcode|postal_?code|zip|zip_?code)(_|$)"
        ),
        "user.contact.address",
        "",
    ),
    (
        re.compile(r"(^|_)(dob|date_?of_?birth|birth_?date|birthdate|birthday|born_?on)(_|$)"),
        "user.demographic.date_of_birth",
        "",
    ),
    (
        re.compile(r"(^|_)(password|passwd|pwd|pass_?hash|password_?hash|passphrase)(_|$)"),
        "user.authorization.password",
        "",
    ),
    (
        re.compile(r"(^|_)(card_?number|ccn|credit_?card|cc_?number|pan)(_|$)"),
        "user.financial.credit_card",
        "",
    ),
    (
        re.compile(r"(^|_)(iban|bank_?account|account_?number)(_|$)"),
        "user.financial.bank_account",
        "",
    ),
    (
        re.compile(r"(^|_)(ssn|national_?id|passport|personnummer|fodselsnummer|tax_?id)(_|$)"),
        "user.government_id",
        "",
    ),
    (re.compile(r"(^|_)(gender|sex)(_|$)"), "user.demographic.gender", ""),
    (
        re.compile(r"(^|_)(latitude|longitude|lat|lng|lon|geo_?location|gps)(_|$)"),
        "user.location.precise",
        "",
    ),
    (
        re.compile(r"(^|_)(device_?id|imei|mac_?address|push_?token|advertising_?id|idfa)(_|$)"),
        "user.device.device_id",
        "",
    ),
    (re.compile(r"(^|_)(cookie_?id|session_?id)(_|$)"), "user.device.cookie_id", ""),
]

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def _normalise(name: str) -> str:
    return _CAMEL.sub("_", name).lower().replace("-", "_").replace(" ", "_")


def detect_by_name(column: str) -> Detection | None:
    """The personal-data category a column's name suggests, if any."""
    words = _normalise(column)
    for pattern, category, _ in _NAME_RULES:
        if words.endswith("_id") and not category.startswith("user.device"):
            continue  # shipping_address_id points at an address; it is not one
        if pattern.search(words):
            return Detection(category, f"its name {column!r} suggests {category}")
    return None


# ----------------------------------------------------------------------------- values

_EMAIL = re.compile(r"^[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$")
_EMAIL_IN_TEXT = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_E164 = re.compile(r"^\+[1-9]\d{7,14}$")
_FORMATTED_PHONE = re.compile(r"^(\+\d{1,3}[ .-]?)?\(?\d{2,4}\)?([ .-]\d{2,4}){2,4}$")
_PHONE_IN_TEXT = re.compile(r"(?<![\w+])\+[1-9]\d{7,14}(?!\d)")
_CARD = re.compile(r"^\d(?:[ -]?\d){12,18}$")
_IBAN = re.compile(r"^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$")
_PERSON = re.compile(r"^([A-Z][a-z]+(?:-[A-Z][a-z]+)?)( [A-Z][a-z]?\.?)?( [A-Z][A-Za-z'-]+){1,2}$")

# Common given names across the regions Kept serves; a value counts as a person's name when it
# is a capitalised given name followed by one or two capitalised words.
_GIVEN_NAMES = frozenset(
    """
    aaron abigail adam adrian ahmed aiden alan albert alex alexander alice alina amanda
    amelia amir amy ana andrea andreas andrew angela anna anne annika anthony arjun arne
    astrid ava barbara ben benjamin bernard beth bjorn brian camille carl carla carlos
    caroline charles charlotte chen chloe chris christian christina christopher claire
    clara daniel david diana dmitri edward elena elias elijah elin elizabeth ella emil
    emily emma eric erik ethan eva evelyn fatima felix fiona francesco frank freya gabriel
    george giulia grace greta hannah hans harper harry heidi helen henrik henry hiroshi
    hugo ida ingrid isabella jack jacob james jan jane jason jennifer jessica jill joanna
    johan johannes john jonas jonathan jose joseph julia karin karl kari kate katherine
    kevin kim kristian kwame lars laura lea leo liam linda lisa lucas lucia luis magnus
    maja marco margaret maria marie mark martin mary mason mateo matthew maya mia michael
    michelle mohammed nadia nathan nils noah nora oliver olivia olga omar oskar patrick
    paul per peter pierre priya rachel rebecca richard rita robert ruth ryan sam samuel
    sara sarah sebastian sigrid simon sofia sophia sophie stefan steven susan sven thomas
    tim tom tora tove ulf vera victoria wei william willem yara yuki zoe
    """.split()
)


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


def iban_valid(value: str) -> bool:
    rearranged = value[4:] + value[:4]
    numeric = "".join(str(int(c, 36)) for c in rearranged)
    return int(numeric) % 97 == 1


def _is_card(v: str) -> bool:
    if not _CARD.match(v):
        return False
    digits = re.sub(r"[ -]", "", v)
    return 13 <= len(digits) <= 19 and luhn_valid(digits) and len(set(digits)) > 2


def _is_ip(v: str) -> bool:
    if ":" not in v and v.count(".") != 3:
        return False
    try:
        ipaddress.ip_address(v)
    except ValueError:
        return False
    return True


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}|^\d{2}[-/]\d{2}[-/]\d{4}")


def _is_phone(v: str) -> bool:
    if _E164.match(v):
        return True
    if _DATE.match(v):
        return False
    return bool(_FORMATTED_PHONE.match(v)) and sum(c.isdigit() for c in v) >= 8 and "." not in v


def _is_name(v: str) -> bool:
    return bool(_PERSON.match(v)) and v.split(" ", 1)[0].split("-")[0].lower() in _GIVEN_NAMES


# (category, label, whole-value test, in-text test)
_VALUE_RULES: list[tuple[str, str, Callable[[str], bool], Callable[[str], bool] | None]] = [
    ("user.contact.email", "e-mail addresses", _EMAIL.match, _EMAIL_IN_TEXT.search),  # type: ignore[list-item]
    ("user.financial.credit_card", "payment card numbers", _is_card, None),
    (
        "user.financial.bank_account",
        "IBANs",
        lambda v: bool(_IBAN.match(v)) and iban_valid(v),
        None,
    ),
    ("user.device.ip_address", "IP addresses", _is_ip, None),
    ("user.contact.phone_number", "phone numbers", _is_phone, _PHONE_IN_TEXT.search),  # type: ignore[list-item]
    ("user.name", "person names", _is_name, None),
]

WHOLE_THRESHOLD = 0.5  # share of sampled values that must be e.g. e-mail addresses
TEXT_THRESHOLD = 0.2  # share of free-text values that must contain e.g. an e-mail address


def detect_by_values(values: Iterable[object]) -> Detection | None:
    """The personal-data category a sample of values shows, if any."""
    texts = [str(v).strip() for v in values if v is not None and str(v).strip()]
    if not texts:
        return None
    n = len(texts)
    for category, label, whole, in_text in _VALUE_RULES:
        hits = sum(1 for t in texts if whole(t))
        if hits / n >= WHOLE_THRESHOLD:
            return Detection(category, f"{hits} of {n} sampled values are {label}")
        if in_text is not None:
            hits = sum(1 for t in texts if in_text(t))
            if hits / n >= TEXT_THRESHOLD:
                return Detection(category, f"{hits} of {n} sampled values contain {label}")
    return None
