"""The base of every manifest model and the key type, beneath :mod:`kept.manifest.models` and
the sections declared in their own modules (consent, operations, rectification, request
policies)."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict

__all__ = ["KeptModel", "Key", "TaxonomyKey"]

_KEY = re.compile(r"^[A-Za-z0-9_.<>-]+$")


def _valid_key(value: str) -> str:
    if not _KEY.match(value):
        raise ValueError(
            f"{value!r} is not a valid key: use letters, digits, '_', '-', '.' (no spaces)"
        )
    return value


Key = Annotated[str, AfterValidator(_valid_key)]
"""A fides key: a name made of letters, digits, ``_``, ``-`` and ``.``."""

TaxonomyKey = Key
"""A data category, data use or data subject key; checked against the taxonomy later."""


class KeptModel(BaseModel):
    """Base of every manifest model: unknown keys are errors, so typos never pass silently."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=False)
