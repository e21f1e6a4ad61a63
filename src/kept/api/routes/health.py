"""Liveness and who-am-I: the two endpoints every deployment checks first."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends

from kept import __version__
from kept.api.auth import require
from kept.api.context import ApiContext, get_context
from kept.api.models import PROBLEMS, Health, WhoAmI
from kept.apikey import Caller

__all__ = ["router"]

router = APIRouter(tags=["health"], responses=PROBLEMS)


@router.get(
    "/health",
    summary="Whether the service is up, and which manifest it serves",
    response_model=Health,
)
def health(context: ApiContext = Depends(get_context)) -> dict[str, Any]:
    organization = context.loaded.manifest.organization
    name = organization.name if organization else None
    return {"ok": True, "version": __version__, "organization": name}


@router.get("/api/v1/whoami", summary="The API key's name, role and tenant", response_model=WhoAmI)
def whoami(caller: Caller = Depends(require())) -> dict[str, Any]:
    return {
        "key_id": caller.key_id,
        "name": caller.name,
        "role": caller.role.value,
        "tenant": caller.tenant,
    }
