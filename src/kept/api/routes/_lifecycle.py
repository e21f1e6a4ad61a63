"""What the request endpoints share: the lifecycle of the application, errors, links."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

from fastapi import Depends, Request
from pydantic import Field

from kept.api.context import ApiContext, get_context
from kept.requests import Lifecycle
from kept.requests.params import MAX_CHANGES, MAX_REASON, MAX_VALUE

__all__ = [
    "CHANGES_FIELD",
    "EXPORT_LINK_TTL_S",
    "POLICY_FIELD",
    "PURPOSES_FIELD",
    "REASON_FIELD",
    "Changes",
    "Purposes",
    "export_link",
    "get_lifecycle",
    "lifecycle_errors",
    "params_of",
]

EXPORT_LINK_TTL_S = 24 * 3600
"""How long a download link works: one day."""


def get_lifecycle(request: Request, context: ApiContext = Depends(get_context)) -> Lifecycle:
    """The application's :class:`Lifecycle`: its ``Kept`` object's (``app.state.lifecycle``,
    which a test may replace)."""
    lifecycle: Lifecycle | None = getattr(request.app.state, "lifecycle", None)
    if lifecycle is None:
        lifecycle = context.kept.requests
        request.app.state.lifecycle = lifecycle
    return lifecycle


@contextmanager
def lifecycle_errors() -> Iterator[None]:
    """Kept for the endpoints that use it: the errors go to the one mapping of
    :mod:`kept.api.problems`, which every endpoint shares."""
    yield


_FIELD = r"^[A-Za-z0-9_\-]{1,100}\.[A-Za-z0-9_\-]{1,100}\.[A-Za-z0-9_\-]{1,100}$"
_PURPOSE = r"^[A-Za-z0-9_\-]{1,100}$"

Changes = dict[
    Annotated[str, Field(pattern=_FIELD, max_length=302)],
    Annotated[str, Field(max_length=MAX_VALUE)] | None,
]
Purposes = list[Annotated[str, Field(pattern=_PURPOSE, max_length=100)]]
CHANGES_FIELD: Any = Field(
    default=None,
    max_length=MAX_CHANGES,
    description=(
        "rectification only: the new values, by DATASET.COLLECTION.FIELD (each declared in "
        'the manifest), e.g. {"shop.customers.city": "Oslo"}; null or "" sets no value'
    ),
)
PURPOSES_FIELD: Any = Field(
    default=None,
    max_length=50,
    description=(
        "restriction and objection only: the declared purposes the data may no longer be "
        "used for; none: every purpose but storage"
    ),
)
POLICY_FIELD: Any = Field(
    default=None,
    min_length=1,
    max_length=200,
    description=(
        "access, portability and erasure only: the key of a Fides request policy of the "
        "manifest (default: its default_policy; none: every personal field)"
    ),
)
REASON_FIELD: Any = Field(
    default=None,
    max_length=MAX_REASON,
    description=(
        "restriction and objection only: the grounds (an objection to direct marketing needs none)"
    ),
)


def params_of(
    changes: dict[str, str | None] | None,
    purposes: list[str] | None,
    reason: str | None,
    policy: str | None = None,
) -> dict[str, Any]:
    """The keyword arguments of :meth:`Lifecycle.submit` for a body's parameters."""
    return {
        "changes": [f"{k}={v or ''}" for k, v in (changes or {}).items()],
        "purposes": list(purposes or []),
        "reason": reason,
        "policy": policy,
    }


def export_link(lifecycle: Lifecycle, request_id: str) -> dict[str, object]:
    """A signed download link for the request's export, valid for a day."""
    expires = int(lifecycle.clock().timestamp()) + EXPORT_LINK_TTL_S
    signature = lifecycle.sign_export(request_id, expires)
    return {
        "url": f"/api/v1/exports/{request_id}?expires={expires}&signature={signature}",
        "expires": expires,
    }
