"""What the request endpoints share: the lifecycle of the application, errors, links."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from fastapi import Depends, Request

from kept.api.context import ApiContext, get_context
from kept.api.problems import ApiError
from kept.mail import MailError
from kept.requests import Lifecycle, LifecycleError, RateLimited, VerificationError

__all__ = ["EXPORT_LINK_TTL_S", "export_link", "get_lifecycle", "lifecycle_errors"]

EXPORT_LINK_TTL_S = 24 * 3600
"""How long a download link works: one day."""

_CODES = {400: "request_invalid", 403: "forbidden", 404: "not_found", 409: "conflict", 410: "gone"}


def get_lifecycle(request: Request, context: ApiContext = Depends(get_context)) -> Lifecycle:
    """The application's :class:`Lifecycle` (made on first use; ``kept serve`` sets its own)."""
    lifecycle: Lifecycle | None = getattr(request.app.state, "lifecycle", None)
    if lifecycle is None:
        lifecycle = Lifecycle(context.control, context.loaded)
        request.app.state.lifecycle = lifecycle
    return lifecycle


@contextmanager
def lifecycle_errors() -> Iterator[None]:
    """Turn lifecycle errors into JSON problems with a stable code."""
    try:
        yield
    except RateLimited as exc:
        raise ApiError(
            429, "rate_limited", str(exc), headers={"Retry-After": str(exc.retry_after)}
        ) from exc
    except VerificationError as exc:
        raise ApiError(400, exc.code, str(exc)) from exc
    except LifecycleError as exc:
        raise ApiError(exc.status, _CODES.get(exc.status, "conflict"), str(exc)) from exc
    except MailError as exc:
        raise ApiError(503, "mail_unavailable", str(exc)) from exc


def export_link(lifecycle: Lifecycle, request_id: str) -> dict[str, object]:
    """A signed download link for the request's export, valid for a day."""
    expires = int(lifecycle.clock().timestamp()) + EXPORT_LINK_TTL_S
    signature = lifecycle.sign_export(request_id, expires)
    return {
        "url": f"/api/v1/exports/{request_id}?expires={expires}&signature={signature}",
        "expires": expires,
    }
