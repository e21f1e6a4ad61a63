"""Word lists the classifier ships: given names, surnames, cities (see tools/build_lexicon.py),
countries and their subdivisions (from pycountry). Loaded once, on first use."""

from __future__ import annotations

from functools import cache
from pathlib import Path

__all__ = [
    "cities",
    "countries",
    "country_codes",
    "given_names",
    "language_codes",
    "subdivisions",
    "surnames",
    "time_zones",
]

_HERE = Path(__file__).resolve().parent


def _read(name: str) -> frozenset[str]:
    text = (_HERE / f"{name}.txt").read_text(encoding="utf-8")
    return frozenset(line for line in text.splitlines() if line)


@cache
def given_names() -> frozenset[str]:
    return _read("given_names")


@cache
def surnames() -> frozenset[str]:
    return _read("surnames")


@cache
def cities() -> frozenset[str]:
    return _read("cities")


_COUNTRY_ALIASES = (
    "usa us u.s.a. united states america uk u.k. great britain england scotland wales "
    "deutschland norge noreg sverige danmark suomi españa espana italia nederland holland "
    "schweiz suisse österreich osterreich belgique belgië polska россия russia south korea "
    "north korea czech republic hong kong taiwan vietnam iran syria"
)


@cache
def countries() -> frozenset[str]:
    """Lower-case country names (common, official, ISO) and alpha-3 codes."""
    import pycountry

    out: set[str] = set()
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(c, attr, None)
            if value:
                out.add(value.lower())
        out.add(c.alpha_3.lower())
    out.update(w.strip() for w in _COUNTRY_ALIASES.split(" ") if w.strip())
    out.update(("united states", "united kingdom", "south africa", "new zealand", "czechia"))
    return frozenset(out)


@cache
def country_codes() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_2 for c in pycountry.countries)


@cache
def subdivisions() -> frozenset[str]:
    """Lower-case names of states, provinces and regions, and their codes without the country
    prefix (``ca`` for US-CA)."""
    import pycountry

    out: set[str] = set()
    for s in pycountry.subdivisions:
        out.add(s.name.lower())
        code = s.code.split("-", 1)[1]
        if code.isalpha():
            out.add(code.lower())
    return frozenset(out)


@cache
def language_codes() -> frozenset[str]:
    """ISO 639-1 language codes (``en``, ``nb``), lower case, from pycountry."""
    import pycountry

    return frozenset(lang.alpha_2 for lang in pycountry.languages if hasattr(lang, "alpha_2"))


@cache
def time_zones() -> frozenset[str]:
    """IANA time zone names with a region (``Europe/Oslo``), from the system's or the
    ``tzdata`` package's database."""
    import zoneinfo

    return frozenset(z for z in zoneinfo.available_timezones() if "/" in z)
