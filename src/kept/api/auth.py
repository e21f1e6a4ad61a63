"""API keys on endpoints: ``Depends(require(Role.ADMIN, ...))`` gives the authenticated caller.

The key is read from ``Authorization: Bearer KEY`` (or ``X-API-Key: KEY``). A missing or
invalid key answers 401, a key whose role is not among those listed answers 403. Tenant
checks are the endpoint's: compare with :meth:`kept.apikey.Caller.may_see` and answer 404
(not 403), so that a tenant cannot learn that another tenant's object exists.
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from kept.api.context import ApiContext, get_context
from kept.apikey import Caller, Role, authenticate
from kept.errors import PermissionDeniedError

__all__ = ["STAFF", "require"]

STAFF = (Role.ADMIN, Role.PRIVACY_OFFICER, Role.SUPPORT_AGENT, Role.TENANT_ADMIN)

_bearer = HTTPBearer(auto_error=False, description="An API key issued by `kept apikey create`.")


def require(*roles: Role) -> Callable[..., Caller]:
    """A dependency admitting callers whose key has one of ``roles`` (default: any role)."""
    allowed = frozenset(roles or STAFF)

    def dependency(
        request: Request,
        credentials: HTTPAuthorizationCredentials | None = Depends(_bearer),
        context: ApiContext = Depends(get_context),
    ) -> Caller:
        presented = credentials.credentials if credentials else request.headers.get("x-api-key")
        caller = authenticate(context.control, presented)
        if caller.role not in allowed:
            names = ", ".join(sorted(r.value for r in allowed))
            raise PermissionDeniedError(
                f"role {caller.role.value!r} may not do this (allowed: {names})"
            )
        return caller

    return dependency
