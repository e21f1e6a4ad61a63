"""Rules a manifest must meet to be read at all (exit code 2 in ``kept check``).

- every data category, data use and data subject exists in the taxonomy: fideslang's default
  one plus the custom keys the manifest declares, each under an existing parent;
- names are unique where they are referred to (stores, datasets, collections, fields,
  purposes, recipients);
- stores name datasets that exist, and their URLs carry no literal secret;
- recipients name purposes that exist;
- retention rules name collections, columns and fields that exist, and tenant overrides stay
  within their rule's bounds;
- data checks name collections, fields and stores that exist, and their raw SQL is one SELECT.

Consistency with the live databases and with the law (unreachable tables, purposes without a
legal basis, transfers without safeguard...) are findings of :mod:`kept.check`, not errors.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from kept.errors import Problem
from kept.jurisdictions import known_location, subdivision_codes
from kept.manifest.consent import consent_problems
from kept.manifest.data_check_rules import data_check_problems
from kept.manifest.models import CustomTaxonomyEntry, DatasetField, Manifest
from kept.manifest.operations import operations_problems
from kept.manifest.rectification import rectification_problems
from kept.manifest.request_policy import policy_problems
from kept.manifest.retention_rules import rule_problems
from kept.manifest.source import Path_
from kept.taxonomy import Kind, Taxonomy, TaxonomyEntry, default_taxonomy

if TYPE_CHECKING:
    from kept.manifest.loader import LoadedManifest

__all__ = ["manifest_taxonomy", "taxonomy_problems", "validate_manifest"]

_ENV = re.compile(r"\$\{[^}]*\}")


def validate_manifest(loaded: LoadedManifest) -> list[Problem]:
    taxonomy, problems = taxonomy_problems(loaded)
    problems += _key_problems(loaded, taxonomy)
    problems += _duplicate_problems(loaded)
    problems += _store_problems(loaded)
    problems += _recipient_problems(loaded)
    problems += _limit_problems(loaded)
    problems += _location_problems(loaded)
    problems += consent_problems(loaded)
    problems += operations_problems(loaded)

    problems += policy_problems(loaded)

    problems += rectification_problems(loaded, taxonomy)
    if loaded.manifest.retention.rules or loaded.manifest.retention.row_groups:
        problems += rule_problems(loaded, taxonomy)
    if loaded.manifest.data_checks.checks:
        problems += data_check_problems(loaded)
    return problems


def manifest_taxonomy(manifest: Manifest) -> Taxonomy:
    """fideslang's default taxonomy extended with the manifest's custom keys."""
    taxonomy = default_taxonomy()
    for kind, entries in _custom(manifest):
        taxonomy = taxonomy.extend(kind, (_entry(e) for e in entries))
    return taxonomy


def _custom(manifest: Manifest) -> list[tuple[Kind, list[CustomTaxonomyEntry]]]:
    return [
        (Kind.DATA_CATEGORY, manifest.data_category),
        (Kind.DATA_USE, manifest.data_use),
        (Kind.DATA_SUBJECT, manifest.data_subject),
    ]


def _entry(custom: CustomTaxonomyEntry) -> TaxonomyEntry:
    return TaxonomyEntry(
        key=custom.fides_key,
        name=custom.name or custom.fides_key,
        parent=custom.parent_key,
        description=custom.description or "",
        custom=True,
    )


def taxonomy_problems(loaded: LoadedManifest) -> tuple[Taxonomy, list[Problem]]:
    """The manifest's taxonomy, and problems with its custom keys."""
    manifest = loaded.manifest
    problems: list[Problem] = []
    taxonomy = manifest_taxonomy(manifest)
    defaults = default_taxonomy()
    for kind, entries in _custom(manifest):
        for i, entry in enumerate(entries):
            path: Path_ = (kind.value, i)
            if defaults.has(kind, entry.fides_key):
                continue  # restating a default key (Fides exports do) is harmless
            parent = entry.parent_key
            if parent is None:
                if "." in entry.fides_key:
                    problems.append(
                        loaded.problem(
                            (*path, "fides_key"),
                            f"custom {kind.label} {entry.fides_key!r} needs a 'parent_key'",
                            value=entry.fides_key,
                        )
                    )
                continue
            if not taxonomy.has(kind, parent):
                problems.append(
                    loaded.problem(
                        (*path, "parent_key"),
                        f"parent {kind.label} {parent!r} of {entry.fides_key!r} does not exist",
                        value=parent,
                        suggestion=taxonomy.suggest(kind, parent),
                    )
                )
            elif not entry.fides_key.startswith(parent + "."):
                problems.append(
                    loaded.problem(
                        (*path, "fides_key"),
                        f"custom key {entry.fides_key!r} must start with its parent "
                        f"{parent + '.'!r}",
                        value=entry.fides_key,
                    )
                )
    return taxonomy, problems


def _key_problems(loaded: LoadedManifest, taxonomy: Taxonomy) -> list[Problem]:
    problems = []
    for path, kind, key in _taxonomy_references(loaded.manifest):
        if not taxonomy.has(kind, key):
            problems.append(
                loaded.problem(
                    path,
                    f"unknown {kind.label} {key!r}",
                    value=key,
                    suggestion=taxonomy.suggest(kind, key),
                )
            )
    return problems


def _taxonomy_references(manifest: Manifest) -> Iterator[tuple[Path_, Kind, str]]:
    """Every taxonomy key used in the manifest, with where it is used."""

    def tagged(
        path: Path_,
        categories: list[str] | None,
        uses: list[str] | None,
        subjects: list[str] | None,
    ) -> Iterator[tuple[Path_, Kind, str]]:
        for name, kind, keys in (
            ("data_categories", Kind.DATA_CATEGORY, categories),
            ("data_uses", Kind.DATA_USE, uses),
            ("data_subjects", Kind.DATA_SUBJECT, subjects),
        ):
            for i, key in enumerate(keys or []):
                yield (*path, name, i), kind, key

    def fields(path: Path_, items: Iterable[DatasetField]) -> Iterator[tuple[Path_, Kind, str]]:
        for i, field in enumerate(items):
            here = (*path, "fields", i)
            yield from tagged(here, field.data_categories, field.data_uses, field.data_subjects)
            yield from fields(here, field.fields or [])

    for d, dataset in enumerate(manifest.dataset):
        path: Path_ = ("dataset", d)
        yield from tagged(path, dataset.data_categories, dataset.data_uses, dataset.data_subjects)
        for c, coll in enumerate(dataset.collections):
            here: Path_ = (*path, "collections", c)
            yield from tagged(here, coll.data_categories, coll.data_uses, coll.data_subjects)
            yield from fields(here, coll.fields)
    for p, purpose in enumerate(manifest.purposes):
        yield ("purposes", p, "data_use"), Kind.DATA_USE, purpose.data_use
        yield from tagged(("purposes", p), purpose.data_categories, None, purpose.data_subjects)
    for r, recipient in enumerate(manifest.recipients):
        yield from tagged(("recipients", r), recipient.data_categories, None, None)
    for s, subject in enumerate(manifest.data_subjects):
        yield ("data_subjects", s, "key"), Kind.DATA_SUBJECT, subject.key
    for n, never in enumerate(manifest.prohibitions.never):
        path = ("prohibitions", "never", n, "data_category")
        yield path, Kind.DATA_CATEGORY, never.data_category
    yield from _rule_references(manifest)


def _rule_references(manifest: Manifest) -> Iterator[tuple[Path_, Kind, str]]:
    """Taxonomy keys of the prohibitions, the purpose limitation and the trackers."""
    prohibitions = manifest.prohibitions
    for section, items in (
        ("uses", prohibitions.uses),
        ("recipients", prohibitions.recipients),
        ("trackers", prohibitions.trackers),
    ):
        for n, item in enumerate(items):
            use = getattr(item, "data_use", None)
            if use is not None:
                yield ("prohibitions", section, n, "data_use"), Kind.DATA_USE, use
            category = getattr(item, "data_category", None)
            if category is not None:
                yield ("prohibitions", section, n, "data_category"), Kind.DATA_CATEGORY, category
    for n, limit in enumerate(manifest.purpose_limitation):
        path: Path_ = ("purpose_limitation", n)
        yield (*path, "data_category"), Kind.DATA_CATEGORY, limit.data_category
        for i, use in enumerate(limit.data_uses):
            yield (*path, "data_uses", i), Kind.DATA_USE, use
    for t, tracker in enumerate(manifest.consent.trackers):
        for i, category in enumerate(tracker.data_categories or []):
            yield ("consent", "trackers", t, "data_categories", i), Kind.DATA_CATEGORY, category


def _duplicates(
    loaded: LoadedManifest, what: str, base: Path_, names: Iterable[str], key: str = "name"
) -> list[Problem]:
    problems = []
    first: dict[str, int] = {}
    for i, name in enumerate(names):
        if name in first:
            earlier = loaded.locate((*base, first[name]))
            problems.append(
                loaded.problem(
                    (*base, i, key),
                    f"duplicate {what} {name!r}" + (f" (first at {earlier})" if earlier else ""),
                    value=name,
                )
            )
        else:
            first[name] = i
    return problems


def _duplicate_problems(loaded: LoadedManifest) -> list[Problem]:
    m = loaded.manifest
    problems = _duplicates(loaded, "store", ("stores",), (s.name for s in m.stores))
    problems += _duplicates(
        loaded, "dataset", ("dataset",), (d.fides_key for d in m.dataset), "fides_key"
    )
    problems += _duplicates(loaded, "purpose", ("purposes",), (p.key for p in m.purposes), "key")
    problems += _duplicates(loaded, "recipient", ("recipients",), (r.name for r in m.recipients))
    for d, dataset in enumerate(m.dataset):
        base: Path_ = ("dataset", d, "collections")
        problems += _duplicates(
            loaded,
            f"collection in {dataset.fides_key}",
            base,
            (c.name for c in dataset.collections),
        )
        for c, coll in enumerate(dataset.collections):
            problems += _duplicates(
                loaded,
                f"field in {dataset.fides_key}.{coll.name}",
                (*base, c, "fields"),
                (f.name for f in coll.fields),
            )
    return problems


def _store_problems(loaded: LoadedManifest) -> list[Problem]:
    m = loaded.manifest
    problems = []
    known = {d.fides_key for d in m.dataset}
    claimed: dict[str, str] = {}
    for s, store in enumerate(m.stores):
        problems += _url_problems(loaded, ("stores", s, "url"), store.url)
        for i, key in enumerate(store.datasets):
            path: Path_ = ("stores", s, "datasets", i)
            if key not in known:
                close = difflib.get_close_matches(key, sorted(known), n=1)
                problems.append(
                    loaded.problem(
                        path,
                        f"store {store.name!r} lists unknown dataset {key!r}",
                        value=key,
                        suggestion=close[0] if close else None,
                    )
                )
            elif key in claimed:
                problems.append(
                    loaded.problem(
                        path,
                        f"dataset {key!r} is listed by two stores: {claimed[key]!r} and "
                        f"{store.name!r}",
                    )
                )
            claimed.setdefault(key, store.name)
    return problems


def _url_problems(loaded: LoadedManifest, path: Path_, url: str) -> list[Problem]:
    probe = _ENV.sub("x", url)
    try:
        parsed = make_url(probe)
    except ArgumentError:
        if "${" in url:
            return []  # the variable holds (part of) the URL: checked when the store is opened
        return [loaded.problem(path, "not a valid SQLAlchemy database URL", value=url)]
    literal = make_url(url) if "${" not in url else None
    password = literal.password if literal is not None else None
    if password is None and parsed.password is not None:
        # The password part exists: it must be made only of ${VAR} references.
        at = url.rfind("@")
        colon = url.find(":", url.find("//") + 2)
        secret = url[colon + 1 : at] if 0 < colon < at else ""
        if secret and _ENV.sub("", secret):
            password = secret
    if password:
        return [
            loaded.problem(
                path,
                "the store URL contains a literal password; write it as ${ENV_VAR} so the "
                "secret stays out of the manifest",
            )
        ]
    return []


def _limit_problems(loaded: LoadedManifest) -> list[Problem]:
    """Purpose limitations name purposes that exist."""
    keys = [p.key for p in loaded.manifest.purposes]
    problems = []
    for n, limit in enumerate(loaded.manifest.purpose_limitation):
        for i, key in enumerate(limit.purposes):
            if key not in keys:
                close = difflib.get_close_matches(key, keys, n=1)
                problems.append(
                    loaded.problem(
                        ("purpose_limitation", n, "purposes", i),
                        f"the purpose limitation of {limit.data_category!r} names unknown "
                        f"purpose {key!r}",
                        value=key,
                        suggestion=close[0] if close else None,
                    )
                )
    return problems


def _location_problems(loaded: LoadedManifest) -> list[Problem]:
    """Every location and country is an ISO 3166 code pycountry knows."""
    m = loaded.manifest
    places: list[tuple[Path_, str]] = [
        (("locations", "allowed", i), code) for i, code in enumerate(m.locations.allowed)
    ]
    for s, store in enumerate(m.stores):
        if store.location:
            places.append((("stores", s, "location"), store.location))
        places += [(("stores", s, "locations", i), c) for i, c in enumerate(store.locations)]
    for r, rec in enumerate(m.recipients):
        if rec.location:
            places.append((("recipients", r, "location"), rec.location))
        places += [(("recipients", r, "locations", i), c) for i, c in enumerate(rec.locations)]
        if rec.country:
            places.append((("recipients", r, "country"), rec.country))
        places += [(("recipients", r, "countries", i), c) for i, c in enumerate(rec.countries)]
    problems = []
    for path, code in places:
        if not known_location(code):
            problems.append(
                loaded.problem(
                    path,
                    f"unknown location {code!r}: use an ISO 3166-1 country code (US, NO) or "
                    "an ISO 3166-2 subdivision code (NO-03, US-CA)",
                    value=code,
                    suggestion=_location_suggestion(code),
                )
            )
    return problems


_LOCATION_ALIASES = {"UK": "GB", "EL": "GR", "EU": None}


def _location_suggestion(code: str) -> str | None:
    if code in _LOCATION_ALIASES:
        return _LOCATION_ALIASES[code]
    if "-" in code:
        codes = subdivision_codes(code[:2])
        country, part = code.split("-", 1)
        padded = f"{country}-{part.zfill(2)}"
        if padded in codes:
            return padded
        close = difflib.get_close_matches(code, codes, n=1)
        return close[0] if close else None
    return None


def _recipient_problems(loaded: LoadedManifest) -> list[Problem]:
    m = loaded.manifest
    keys = [p.key for p in m.purposes]
    problems = []
    for r, recipient in enumerate(m.recipients):
        for i, key in enumerate(recipient.purposes):
            if key not in keys:
                close = difflib.get_close_matches(key, keys, n=1)
                problems.append(
                    loaded.problem(
                        ("recipients", r, "purposes", i),
                        f"recipient {recipient.name!r} names unknown purpose {key!r}",
                        value=key,
                        suggestion=close[0] if close else None,
                    )
                )
    return problems
