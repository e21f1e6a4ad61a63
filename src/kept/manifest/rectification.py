"""What a person may rectify themselves: the ``rectification:`` block and ``rectify:`` of a field.

A rectification the person submits (verified by the e-mailed code, no staff involved) is applied
at once only when every field it changes is *self-service*; otherwise the whole request is held
for staff review (never silently dropped). A field is self-service when

- it declares ``rectify: self``, or
- it declares no ``rectify:`` and every one of its data categories is under one of the
  ``rectification.self_service`` categories (by default the person's contact details, name,
  demographic profile and job title),

and it is none of what a person may never change about themselves (:func:`protection`): a
primary or foreign key, an identity field (unless it declares ``rectify: self``), the tenant
column, a role or authorization field (``user.authorization``, a field named like ``role``,
``is_admin`` or ``permissions``, an entitlement), an internal identifier
(``user.unique_id``), system data (``system.*``). A field declaring ``rectify: self`` while
protected is an error when the manifest is read. Whether a row is the person's own (and not,
say, their tenant's) is decided per request by :mod:`kept.requests.rectifiable`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pydantic import Field

from kept.manifest.base import KeptModel, TaxonomyKey
from kept.taxonomy import Kind, Taxonomy, is_under

if TYPE_CHECKING:
    from kept.errors import Problem
    from kept.manifest.loader import LoadedManifest
    from kept.manifest.models import Collection, Dataset, DatasetField

__all__ = [
    "DEFAULT_SELF_SERVICE",
    "NEVER_SELF",
    "Rectification",
    "protection",
    "rectification_problems",
]

DEFAULT_SELF_SERVICE: tuple[str, ...] = (
    "user.contact",
    "user.name",
    "user.demographic",
    "user.job_title",
)
"""The categories a person rectifies themselves unless the manifest says otherwise."""

NEVER_SELF: tuple[tuple[str, str], ...] = (
    ("user.authorization", "a role or authorization field"),
    ("user.unique_id", "an internal identifier"),
    ("user.account.entitlement", "an entitlement"),
    ("system", "system data"),
)
"""Categories no person changes about themselves, whatever the manifest declares."""

_ROLE_LIKE = re.compile(
    r"^(is_)?(role|roles|admin|superuser|staff|permissions?|privileges?|scopes?|groups?|"
    r"access_level|entitlements?)(_ids?)?$"
)
"""Field names that grant rights, whatever their declared categories say."""


class Rectification(KeptModel):
    """The manifest's ``rectification:`` block."""

    self_service: list[TaxonomyKey] = Field(default_factory=lambda: list(DEFAULT_SELF_SERVICE))
    """Data categories whose fields the person may rectify themselves (``[]``: none)."""


def protection(
    dataset: Dataset, collection: Collection, field: DatasetField, *, declared_self: bool = False
) -> str | None:
    """Why a person may never rectify ``field`` themselves; None when nothing forbids it.

    An identity field is protected unless it declares ``rectify: self`` (``declared_self``):
    changing the value a person is found by is a decision the manifest makes explicitly.
    """
    if field.is_primary_key:
        return "a primary key"
    if field.references:
        return "a foreign key"
    tenant = collection.tenant_column or dataset.tenant_column
    if tenant is not None and field.name == tenant:
        return "the tenant column"
    if _ROLE_LIKE.match(field.name.casefold()):
        return "a role-like field"
    for category in field.data_categories or []:
        for never, why in NEVER_SELF:
            if is_under(category, never):
                return why
    if field.is_identity and not declared_self:
        return "an identity field"
    return None


def rectification_problems(loaded: LoadedManifest, taxonomy: Taxonomy) -> list[Problem]:
    """A field declaring ``rectify: self`` that a person may never change is an error
    (``taxonomy``: the manifest's)."""
    problems: list[Problem] = []
    for i, key in enumerate(loaded.manifest.rectification.self_service):
        path = ("rectification", "self_service", i)
        never = next((why for cat, why in NEVER_SELF if is_under(key, cat)), None)
        if not taxonomy.has(Kind.DATA_CATEGORY, key):
            problems.append(
                loaded.problem(
                    path,
                    f"rectification.self_service names unknown data category {key!r}",
                    value=key,
                    suggestion=taxonomy.suggest(Kind.DATA_CATEGORY, key),
                )
            )
        elif never is not None:
            problems.append(
                loaded.problem(
                    path,
                    f"rectification.self_service names {key!r}, {never}: a person may never "
                    "rectify it themselves",
                    value=key,
                )
            )
    for d, dataset in enumerate(loaded.manifest.dataset):
        for c, collection in enumerate(dataset.collections):
            for f, field in enumerate(collection.fields):
                if field.rectify != "self":
                    continue
                why = protection(dataset, collection, field, declared_self=True)
                if why is not None:
                    problems.append(
                        loaded.problem(
                            ("dataset", d, "collections", c, "fields", f, "rectify"),
                            f"field {dataset.fides_key}.{collection.name}.{field.name} is {why}: "
                            "a person may never rectify it themselves (use rectify: staff, or "
                            "leave rectify out)",
                            value="self",
                        )
                    )
    return problems
