"""Turn Pydantic validation errors into located, human :class:`~kept.errors.Problem`s."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any, Union

from pydantic import BaseModel, ValidationError

from kept.errors import Problem
from kept.manifest.models import Manifest
from kept.manifest.source import Path_, SourceMap

__all__ = ["problems_from_validation"]


def problems_from_validation(exc: ValidationError, source: SourceMap) -> list[Problem]:
    problems: list[Problem] = []
    for error in exc.errors(include_url=False):
        loc: Path_ = tuple(p for p in error["loc"] if isinstance(p, str | int))
        problems.append(_problem(error, loc, source))
    return problems


def _problem(error: Any, loc: Path_, source: SourceMap) -> Problem:
    kind = error["type"]
    where = _describe(loc)
    value = error.get("input")
    shown = value if isinstance(value, str | int | float | bool) else None
    suggestion = None
    if kind == "extra_forbidden":
        key = str(loc[-1])
        allowed = sorted(_allowed_keys(loc[:-1]))
        suggestion = _closest(key, allowed)
        message = f"unknown key {key!r} in {_describe(loc[:-1])}"
        if not suggestion and allowed:
            message += f" (allowed: {', '.join(allowed)})"
        shown = None
    elif kind == "missing":
        message = f"missing required key {loc[-1]!r} in {_describe(loc[:-1])}"
        shown = None
    elif kind in ("enum", "literal_error"):
        expected = str(error.get("ctx", {}).get("expected", ""))
        options = [o.strip(" '") for o in expected.replace(" or ", ",").split(",") if o.strip()]
        suggestion = _closest(str(value), options)
        message = f"{where}: {value!r} is not one of {expected}"
    else:
        text = str(error["msg"]).removeprefix("Value error, ")
        message = f"{where}: {text}"
    pos = source.exact(loc) or source.find(loc)
    return Problem(
        message,
        file=pos.file if pos else None,
        line=pos.line if pos else None,
        column=pos.column if pos else None,
        value=None if shown is None else str(shown),
        suggestion=suggestion,
    )


def _closest(word: str, options: list[str]) -> str | None:
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return close[0] if close else None


def _describe(loc: Path_) -> str:
    if not loc:
        return "the manifest"
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts[-1] = f"{parts[-1]}[{part}]" if parts else f"[{part}]"
        else:
            parts.append(part)
    return ".".join(parts)


def _allowed_keys(loc: Path_) -> set[str]:
    """The keys the model at ``loc`` accepts (names and aliases)."""
    annotation: Any = Manifest
    for part in loc:
        model = _model_of(annotation)
        if isinstance(part, int):
            annotation = _item_of(annotation)
            continue
        if model is None or part not in model.model_fields:
            return set()
        annotation = model.model_fields[part].annotation
    model = _model_of(annotation)
    if model is None:
        return set()
    keys: set[str] = set()
    for name, info in model.model_fields.items():
        keys.add(info.alias or name)
    return keys


def _unwrap(annotation: Any) -> list[Any]:
    origin = typing.get_origin(annotation)
    if origin in (Union, types.UnionType):
        return [a for a in typing.get_args(annotation) if a is not type(None)]
    if origin is typing.Annotated:
        return [typing.get_args(annotation)[0]]
    return [annotation]


def _model_of(annotation: Any) -> type[BaseModel] | None:
    for candidate in _unwrap(annotation):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def _item_of(annotation: Any) -> Any:
    for candidate in _unwrap(annotation):
        if typing.get_origin(candidate) is list:
            return typing.get_args(candidate)[0]
    return annotation
