"""The identities a rights request starts from, normalised so they match stored values.

E-mail addresses are trimmed and lower-cased; phone numbers keep their digits and a leading
``+`` (``00`` becomes ``+``), i.e. E.164 when the number was given with its country code. The
lookup matches both the value as given and its normalised form, so indexes on the stored
columns stay usable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kept.errors import RequestError

__all__ = ["Identity", "normalise", "parse_identity"]

_KIND = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True, order=True)
class Identity:
    kind: str
    value: str

    @property
    def variants(self) -> tuple[str, ...]:
        """The values to look up: as given and normalised (once when they are equal)."""
        normal = normalise(self.kind, self.value)
        return (normal,) if normal == self.value else (normal, self.value)

    def __str__(self) -> str:
        return f"{self.kind}={self.value}"


def normalise(kind: str, value: str) -> str:
    value = value.strip()
    if kind == "email":
        return value.lower()
    if kind in ("phone", "phone_number"):
        digits = re.sub(r"[^\d+]", "", value)
        if digits.startswith("00"):
            digits = "+" + digits[2:]
        return digits
    return value


def parse_identity(text: str) -> Identity:
    """``email=ada@example.com`` → ``Identity("email", "ada@example.com")``."""
    kind, sep, value = text.partition("=")
    kind = kind.strip()
    if not sep or not value.strip():
        raise RequestError(f"identity {text!r} must be KIND=VALUE, e.g. email=ada@example.com")
    if not _KIND.match(kind):
        raise RequestError(f"identity kind {kind!r} must be a lower-case word, e.g. email")
    return Identity(kind, value.strip())
