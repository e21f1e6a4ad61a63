"""Deterministic fake personal data for the examples' sample databases (no dependency).

Every function takes a :class:`random.Random`, so a sample generated with the same seed is the
same on every machine and every database.
"""

from __future__ import annotations

import datetime as dt
import random
import string

__all__ = [
    "FIRST_NAMES",
    "LAST_NAMES",
    "Person",
    "card_number",
    "city",
    "country",
    "email_for",
    "iban",
    "ipv4",
    "person",
    "phone",
    "street",
    "timestamp",
    "token",
]

FIRST_NAMES = (
    """
    Anna Ben Clara David Emma Felix Greta Hugo Ida Jonas Karin Lars Maja Nils Olga Per
    Rita Sven Tora Ulf Vera Willem Yara Zoe Liam Olivia Noah Ava Elijah Sophia James
    Isabella Lucas Mia Mason Amelia Ethan Harper Aiden Evelyn Oliver Abigail Jacob Emily
    Leo Ella Ingrid Magnus Sigrid Henrik Astrid Erik Nora Oskar Freya Mateo Lucia Hiroshi
    Yuki Priya Arjun Chen Wei Fatima Omar Amara Kwame Sofia Marco Giulia Pierre Camille
    """
).split()
LAST_NAMES = (
    """
    Andersen Berg Carlsen Dahl Eriksen Fredriksen Hansen Johansen Karlsen Larsen Moen
    Nilsen Olsen Pedersen Smith Johnson Williams Brown Jones Garcia Miller Davis Martin
    Wilson Taylor Thomas Moore Jackson White Harris Clark Lewis Walker Hall Young King
    Wright Lopez Hill Scott Green Adams Baker Nelson Tanaka Sato Kumar Singh Wang Li Rossi
    Russo Dubois Laurent Schmidt Fischer Weber Novak Kowalski Silva Santos
    """
).split()
STREETS = (
    "Storgata",
    "Kirkeveien",
    "Parkveien",
    "Strandgata",
    "Skolegata",
    "High Street",
    "Station Road",
    "Church Lane",
    "Main Street",
    "Oak Avenue",
    "Maple Drive",
    "Mill Road",
    "Bridge Street",
)
CITIES = (
    "Oslo",
    "Bergen",
    "Trondheim",
    "Stavanger",
    "London",
    "Manchester",
    "Berlin",
    "Paris",
    "Madrid",
    "Dublin",
    "Amsterdam",
    "San Francisco",
    "Los Angeles",
    "Shenzhen",
    "Singapore",
)
COUNTRIES = ("NO", "NO", "SE", "DK", "DE", "FR", "GB", "IE", "NL", "US", "US", "CN", "SG")
MAIL_DOMAINS = ("example.com", "example.org", "example.net", "mail.example")


class Person:
    """A fake person: names, e-mail, phone and address, consistent with one another."""

    def __init__(self, rng: random.Random, index: int) -> None:
        self.first_name = rng.choice(FIRST_NAMES)
        self.last_name = rng.choice(LAST_NAMES)
        self.full_name = f"{self.first_name} {self.last_name}"
        self.email = email_for(rng, self.first_name, self.last_name, index)
        self.country = country(rng)
        self.phone = phone(rng, self.country)
        self.street = street(rng)
        self.city = city(rng)
        self.postal_code = f"{rng.randint(1000, 99999):05d}"


def person(rng: random.Random, index: int) -> Person:
    return Person(rng, index)


def email_for(rng: random.Random, first: str, last: str, index: int) -> str:
    return f"{first.lower()}.{last.lower()}{index}@{rng.choice(MAIL_DOMAINS)}"


def country(rng: random.Random) -> str:
    return rng.choice(COUNTRIES)


_PREFIX = {"NO": "+47", "SE": "+46", "DK": "+45", "DE": "+49", "FR": "+33", "GB": "+44"}


def phone(rng: random.Random, country_code: str = "NO") -> str:
    """A phone number in E.164 form."""
    prefix = _PREFIX.get(country_code, "+1")
    digits = 8 if prefix in ("+47", "+45") else 10 if prefix == "+1" else 9
    return prefix + "".join(rng.choice(string.digits) for _ in range(digits))


def street(rng: random.Random) -> str:
    return f"{rng.choice(STREETS)} {rng.randint(1, 200)}"


def city(rng: random.Random) -> str:
    return rng.choice(CITIES)


def ipv4(rng: random.Random) -> str:
    return (
        f"{rng.randint(11, 223)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
    )


def token(rng: random.Random, length: int = 32) -> str:
    return "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(length))


def card_number(rng: random.Random) -> str:
    """A 16-digit test card number with a valid Luhn check digit."""
    body = [4] + [rng.randint(0, 9) for _ in range(14)]
    total = 0
    for i, digit in enumerate(reversed(body)):
        d = digit * 2 if i % 2 == 0 else digit
        total += d - 9 if d > 9 else d
    return "".join(map(str, body)) + str((10 - total % 10) % 10)


def iban(rng: random.Random) -> str:
    """A Norwegian-format IBAN with valid check digits."""
    bban = "".join(rng.choice(string.digits) for _ in range(11))
    numeric = int(bban + "2324" + "00")  # N=23, O=24
    check = 98 - numeric % 97
    return f"NO{check:02d}{bban}"


def timestamp(rng: random.Random, now: dt.datetime, max_days_ago: float) -> dt.datetime:
    """A time between ``max_days_ago`` days before ``now`` and ``now`` (second precision)."""
    seconds = int(rng.uniform(0, max_days_ago * 86400))
    return (now - dt.timedelta(seconds=seconds)).replace(microsecond=0)
