"""The manifest's operational promises: support access, de-identified exports and children.

```yaml
support:
  scopes:
    - key: service_metadata            # what support may see for an open case, without a grant
      collections: [vcp.support_tickets]
      grant: false
    - key: remote_access               # needs the person's grant (VCP-37, VIV-23)
      collections: [vcp.remote_access]
      grant: true
      max_days: 14                     # a grant for this scope cannot run longer
  break_glass: true                    # staff may pass a grant with a recorded reason (audited)

deidentify:
  - collection: vcp.bug_reports        # kept export deidentified --collection vcp.bug_reports
    fields:
      reporter_email: remove
      created_at: month                # generalise a date or time to its month
      client_ip: truncate_ip           # 192.0.2.77 → 192.0.2.0; IPv6 to its /48
      postcode: region                 # keep the first two characters
      device_id: pseudonymise          # keyed hash (HMAC-SHA256 with Kept's secret)
    anonymised: [summary]              # columns that must never hold personal values

children:
  minimum_age: {default: 13, de: 16, nl: 16}    # per jurisdiction (VCP-65, VTS-30)
  birth_date: vcp.accounts.birth_date            # the column holding a date of birth, if any
  jurisdiction: vcp.accounts.country             # the column naming the person's jurisdiction
  reported: vcp.accounts.child_reported_at       # the column set when a child is reported
  guardian_consent: parental_consent             # the consent topic recording a guardian's OK
  erase_within_days: 3                           # "as soon as possible": the shortest deadline
```

Cross-references (collections and fields that exist, scopes named once) are checked by
:func:`operations_problems`, called from :mod:`kept.manifest.validation`.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from enum import Enum
from typing import TYPE_CHECKING

from pydantic import Field

from kept.manifest.base import KeptModel, Key

if TYPE_CHECKING:
    from kept.errors import Problem
    from kept.manifest.loader import LoadedManifest
    from kept.manifest.models import Manifest

__all__ = [
    "ChildrenConfig",
    "Deidentification",
    "DeidentifyMethod",
    "SupportConfig",
    "SupportScope",
    "operations_problems",
]


class SupportScope(KeptModel):
    """What support staff may look at for a person: collections, and whether a grant is needed."""

    key: Key
    description: str | None = None
    collections: list[str] = Field(default_factory=list)
    grant: bool = True
    max_days: int | None = Field(default=None, ge=1, le=3650)


class SupportConfig(KeptModel):
    scopes: list[SupportScope] = Field(default_factory=list)
    break_glass: bool = False
    default_days: int = Field(default=7, ge=1, le=3650)

    def scope(self, key: str) -> SupportScope | None:
        return next((s for s in self.scopes if s.key == key), None)


class DeidentifyMethod(str, Enum):
    """How one field is written into a de-identified export."""

    REMOVE = "remove"
    KEEP = "keep"
    MONTH = "month"
    YEAR = "year"
    TRUNCATE_IP = "truncate_ip"
    REGION = "region"
    PSEUDONYMISE = "pseudonymise"


class Deidentification(KeptModel):
    """A collection's de-identified form: a method per field (fields not named are removed)."""

    collection: str
    fields: dict[str, DeidentifyMethod] = Field(default_factory=dict)
    anonymised: list[str] = Field(default_factory=list)


class ChildrenConfig(KeptModel):
    minimum_age: dict[str, int] = Field(default_factory=dict)
    birth_date: str | None = None
    jurisdiction: str | None = None
    reported: str | None = None
    guardian_consent: str | None = None
    erase_within_days: int | None = Field(default=None, ge=0, le=90)

    def age_for(self, jurisdiction: str | None, fallback: int | None) -> int | None:
        """The minimum age in ``jurisdiction`` (its key, case-insensitive), else the default."""
        ages = {k.lower(): v for k, v in self.minimum_age.items()}
        if jurisdiction and jurisdiction.lower() in ages:
            return ages[jurisdiction.lower()]
        return ages.get("default", fallback)


def _collection_fields(manifest: Manifest) -> dict[str, set[str]]:
    return {
        f"{d.fides_key}.{c.name}": {f.name for f in c.fields}
        for d in manifest.dataset
        for c in d.collections
    }


def operations_problems(loaded: LoadedManifest) -> list[Problem]:
    """The references of ``support:``, ``deidentify:`` and ``children:`` that do not resolve."""
    manifest = loaded.manifest
    known = _collection_fields(manifest)
    problems: list[Problem] = []

    def unknown(path: tuple[str | int, ...], what: str, value: str, choices: Iterable[str]) -> None:
        close = difflib.get_close_matches(value, list(choices), n=1)
        problems.append(
            loaded.problem(
                path,
                f"unknown {what} {value!r}",
                value=value,
                suggestion=close[0] if close else None,
            )
        )

    seen: set[str] = set()
    for i, scope in enumerate(manifest.support.scopes):
        if scope.key in seen:
            problems.append(
                loaded.problem(
                    ("support", "scopes", i, "key"), f"scope {scope.key!r} appears twice"
                )
            )
        seen.add(scope.key)
        for j, name in enumerate(scope.collections):
            if name not in known:
                unknown(("support", "scopes", i, "collections", j), "collection", name, known)
    for i, item in enumerate(manifest.deidentify):
        fields = known.get(item.collection)
        if fields is None:
            unknown(("deidentify", i, "collection"), "collection", item.collection, known)
            continue
        for name in item.fields:
            if name not in fields:
                unknown(("deidentify", i, "fields", name), "field", name, fields)
        for j, name in enumerate(item.anonymised):
            if name not in fields:
                unknown(("deidentify", i, "anonymised", j), "field", name, fields)
    every = [f"{c}.{f}" for c, fs in known.items() for f in fs]
    for label in ("birth_date", "jurisdiction", "reported"):
        ref = getattr(manifest.children, label)
        if ref is not None and ref not in every:
            unknown(("children", label), "field", ref, every)
    return problems
