"""The API's endpoints, one module per concept; each module exposes ``router``.

:func:`routers` imports every module of this package (those not starting with ``_``) and
returns their routers in alphabetical order of module name.
"""

from __future__ import annotations

import importlib
import pkgutil

from fastapi import APIRouter

__all__ = ["routers"]


def routers() -> list[APIRouter]:
    found: list[APIRouter] = []
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if module.name.startswith("_"):
            continue
        imported = importlib.import_module(f"{__name__}.{module.name}")
        router = getattr(imported, "router", None)
        if isinstance(router, APIRouter):
            found.append(router)
    return found
