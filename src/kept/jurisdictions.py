"""Facts about jurisdictions that Kept's checks rely on.

Adequacy: countries to which personal data may flow from the EU/EEA (GDPR Art. 45) or from
the UK (UK GDPR and the Data Protection Act 2018 adequacy regulations) without further
safeguard. The United States is adequate only for recipients certified under the Data Privacy
Framework (EU) or its UK Extension: declare those with ``transfer_safeguard: dpf``.
Treat this list as engineering guidance, not legal advice; see docs/check.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

__all__ = [
    "EEA",
    "adequate_destinations",
    "known_location",
    "location_name",
    "needs_transfer_safeguard",
    "subdivision_codes",
]

EU = frozenset(
    """
    AT BE BG HR CY CZ DK EE FI FR DE GR IE IT LV LT LU MT NL PL PT RO SK SI ES SE
    """.split()
)
EEA = EU | {"IS", "LI", "NO"}

# Commission adequacy decisions in force (Art. 45 GDPR): Andorra, Argentina, Canada (commercial
# organisations), Faroe Islands, Guernsey, Israel, Isle of Man, Japan, Jersey, New Zealand,
# Republic of Korea, Switzerland, United Kingdom, Uruguay.
_EU_ADEQUATE = frozenset(
    """
    AD AR CA FO GG IL IM JP JE NZ KR CH GB UY
    """.split()
)
# UK adequacy regulations: the EEA, Gibraltar and the countries the EU had found adequate.
_UK_ADEQUATE = (
    frozenset(
        """
    AD AR CA FO GG IL IM JP JE NZ KR CH UY GI
    """.split()
    )
    | EEA
)

_EU_LIKE = {"eu", "eea", "no", "ch"}


def adequate_destinations(jurisdiction: str) -> frozenset[str] | None:
    """Countries data may flow to freely from ``jurisdiction``; ``None`` when it sets no rule."""
    if jurisdiction in _EU_LIKE:
        return EEA | _EU_ADEQUATE
    if jurisdiction == "uk":
        return _UK_ADEQUATE | {"GB"}
    return None


def needs_transfer_safeguard(jurisdictions: Sequence[str], country: str) -> list[str]:
    """The jurisdictions under which sending data to ``country`` needs a safeguard."""
    needing = []
    for jurisdiction in jurisdictions:
        allowed = adequate_destinations(jurisdiction)
        if allowed is not None and country not in allowed:
            needing.append(jurisdiction)
    return needing


@cache
def _iso_codes() -> tuple[frozenset[str], dict[str, tuple[str, ...]]]:
    import pycountry

    countries = frozenset(c.alpha_2 for c in pycountry.countries)
    subdivisions: dict[str, list[str]] = {}
    for sub in pycountry.subdivisions:
        subdivisions.setdefault(sub.country_code, []).append(sub.code)
    return countries, {k: tuple(sorted(v)) for k, v in subdivisions.items()}


def known_location(code: str) -> bool:
    """``True`` for an ISO 3166-1 alpha-2 country (``NO``) or an ISO 3166-2 subdivision
    (``NO-03``), as ``pycountry`` knows them."""
    countries, subdivisions = _iso_codes()
    if len(code) == 2:
        return code in countries
    return code in subdivisions.get(code[:2], ())


def subdivision_codes(country: str) -> tuple[str, ...]:
    """The ISO 3166-2 codes of a country's subdivisions (empty for an unknown country)."""
    return _iso_codes()[1].get(country, ())


@cache
def _names() -> dict[str, str]:
    import pycountry

    names = {
        str(c.alpha_2): str(getattr(c, "common_name", None) or c.name) for c in pycountry.countries
    }
    for sub in pycountry.subdivisions:
        country = names.get(str(sub.country_code))
        names[str(sub.code)] = f"{sub.name} ({country})" if country else str(sub.name)
    return names


def location_name(code: str) -> str:
    """A location's English name: ``Norway``, ``Oslo (Norway)``; the code when unknown."""
    return _names().get(code, code)
