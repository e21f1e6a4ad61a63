"""Whether a manifest's ``data_checks:`` can run: unknown collections, columns and stores, bad
conditions, raw SQL that is not one SELECT. Part of loading the manifest (so it lives below
``kept.check``, which runs the checks: :mod:`kept.check.data`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kept.errors import Problem
from kept.manifest.condition import ConditionError, parse_condition, resolve_condition
from kept.manifest.data_checks import DataCheck
from kept.manifest.models import Collection, Manifest
from kept.manifest.rawsql import select_problem

if TYPE_CHECKING:  # the loader runs this module's checks: it imports this one
    from kept.manifest.loader import LoadedManifest

__all__ = ["data_check_problems", "find_collection"]


def find_collection(manifest: Manifest, text: str) -> tuple[str, Collection] | None:
    """The dataset key and collection ``text`` (``dataset.collection``) names, if any."""
    ds_key, _, name = text.partition(".")
    dataset = manifest.dataset_by_key(ds_key)
    coll = dataset.collection(name) if dataset is not None and name else None
    return (ds_key, coll) if coll is not None else None


def data_check_problems(loaded: LoadedManifest) -> list[Problem]:
    """What makes ``data_checks:`` unusable: unknown collections, columns and stores, bad
    conditions, raw SQL that is not one SELECT. Part of loading the manifest."""
    problems: list[Problem] = []
    for i, check in enumerate(loaded.manifest.data_checks.checks):
        base = ("data_checks", "checks", i)
        for key, message, value in _check_problems(loaded.manifest, check):
            path = (*base, key) if loaded.locate((*base, key)) else base
            extra = {"value": str(value)} if value is not None else {}
            problems.append(loaded.problem(path, f"data check {check.name!r}: {message}", **extra))
        found = find_collection(loaded.manifest, check.collection) if check.collection else None
        if found is None or check.sql is not None:
            continue
        for key in ("where", "forbid", "require"):
            raw = getattr(check, key)
            if raw is None:
                continue
            try:
                cond = parse_condition(raw, (*base, key))
            except ConditionError as exc:
                problems.append(_condition_problem(loaded, check, exc.path, exc.message, exc.value))
                continue
            _, issues = resolve_condition(cond, loaded.manifest, found[0], found[1].name)
            for issue in issues:
                problems.append(
                    _condition_problem(
                        loaded, check, issue.path, issue.message, issue.value, issue.suggestion
                    )
                )
    return problems


def _condition_problem(
    loaded: LoadedManifest,
    check: DataCheck,
    path: Any,
    message: str,
    value: Any,
    suggestion: str | None = None,
) -> Problem:
    extra: dict[str, Any] = {"suggestion": suggestion} if suggestion else {}
    if value is not None and not isinstance(value, dict | list):
        extra["value"] = str(value)
    while path and loaded.locate(path) is None:
        path = path[:-1]
    return loaded.problem(path, f"data check {check.name!r}: {message}", **extra)


_Issue = tuple[str, str, Any]
"""Where in the check (its key), what is wrong, the offending value (or None)."""


def _check_problems(manifest: Manifest, check: DataCheck) -> list[_Issue]:
    found = find_collection(manifest, check.collection) if check.collection else None
    if check.collection is not None and found is None:
        return [("collection", f"unknown collection {check.collection!r}", check.collection)]
    if found is not None and manifest.store_for(found[0]) is None:
        return [("collection", f"no store holds dataset {found[0]!r}", None)]
    issues: list[_Issue] = []
    if check.store is not None and check.store not in {s.name for s in manifest.stores}:
        issues.append(("store", f"unknown store {check.store!r}", check.store))
    if check.sql is not None:
        reason = select_problem(check.sql)
        return issues + ([("sql", reason, None)] if reason else [])
    assert found is not None and check.collection is not None
    fields = {f.name for f in found[1].fields}
    form = "ip_truncated" if check.ip_truncated else "pattern_absent"
    columns = list(check.ip_truncated or [])
    if check.pattern_absent is not None:
        columns += check.pattern_absent.columns
        issues += _values_of_problems(manifest, check, found[0])
    issues += [
        (form, f"{check.collection} has no field {column!r}", column)
        for column in columns
        if column not in fields
    ]
    return issues


def _values_of_problems(manifest: Manifest, check: DataCheck, ds_key: str) -> list[_Issue]:
    assert check.pattern_absent is not None
    issues: list[_Issue] = []
    for ref in check.pattern_absent.values_of:
        coll_text, _, column = ref.rpartition(".")
        other = find_collection(manifest, coll_text)
        if other is None or other[1].field(column) is None:
            issues.append(("pattern_absent", f"values_of names unknown field {ref!r}", ref))
        elif manifest.store_for(other[0]) is not manifest.store_for(ds_key):
            issues.append(
                ("pattern_absent", f"values_of {ref!r} is in another store than the check", ref)
            )
    return issues
