"""Row conditions: a small, safe language for "which rows", written in the manifest as YAML.

Used by retention rules (``where:``) and reusable by anything else that selects rows of a
collection. No SQL text ever comes from the manifest: a condition is a tree of the nodes below,
every column and reference checked against the data map, compiled to one SQLAlchemy expression
by :func:`kept.stores.condition.compile_condition`.

The YAML form (see ``docs/manifest.md``, "Row conditions")::

    {status: open}                           # column = value
    {status: [open, pending]}                # column is one of the values
    {resolved_at: null}                      # column IS NULL
    {amount: {gt: 100, le: 500}}             # operators: eq ne lt le gt ge in not_in is_null like
    {paid_at: {ge: {column: issued_at}}}     # a comparison with another column of the row
    {status: open, channel: web}             # several entries: all of them hold
    {all: [{...}, {...}]}                    # all of them hold
    {any: [{...}, {...}]}                    # at least one holds
    {not: {...}}                             # the exact complement (rows where it does not hold)
    {exists: orders}                         # a row of orders is linked to this row
    {exists: {collection: orders, via: enquiry_id, where: {status: paid}}}
    {support_tickets.status: resolved}       # shorthand: exists support_tickets where status = ..

Semantics: a comparison never holds on NULL (``{status: {ne: open}}`` leaves out rows whose
status is NULL); ``is_null`` tests for it; ``not`` is the exact complement, so
``{not: {status: open}}`` includes them. Every condition is therefore true or false on every row
(never SQL's unknown), which makes :mod:`kept.manifest.reasoning` (``disjoint``, ``covers``)
sound. ``like`` uses ``%`` and ``_`` and ignores case on every engine. ``exists`` follows a
declared reference (``fides_meta.references``) either way: to the row it references
(``ticket_id`` -> ``support_tickets.id``) or from rows that reference it
(``orders.enquiry_id`` -> ``id``); ``via`` names the referencing field when more than one
reference links the two collections.

How to call it::

    from kept.manifest.condition import parse_condition, resolve_condition
    from kept.manifest.reasoning import disjoint
    from kept.stores.condition import compile_condition, condition_columns

    cond = parse_condition(raw_yaml_mapping, ("data_checks", 0, "where"))   # ConditionError
    cond, problems = resolve_condition(cond, manifest, "shop", "orders")    # [] when all known
    for p in problems: loaded.problem(p.path, p.message, value=p.value)     # file, line, value
    t = sa.table("orders", *[sa.column(c) for c in condition_columns(cond)], schema=schema)
    rows = sa.select(sa.func.count()).select_from(t).where(compile_condition(cond, t, schema))
    disjoint(cond_a, cond_b)    # True only when no row can satisfy both (resolved conditions)
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, TypeAlias

from kept.manifest.source import Path_

if TYPE_CHECKING:
    from kept.manifest.models import Collection, Manifest

__all__ = [
    "OPERATORS",
    "TRUE",
    "All",
    "AnyOf",
    "ColumnRef",
    "Compare",
    "Condition",
    "ConditionError",
    "ConditionProblem",
    "Exists",
    "Link",
    "Not",
    "describe",
    "is_true",
    "local_columns",
    "parse_condition",
    "resolve_condition",
    "walk",
]

OPERATORS: dict[str, str] = {
    "eq": "equals the value",
    "ne": "is set and differs from the value",
    "lt": "is less than the value",
    "le": "is less than or equal to the value",
    "gt": "is greater than the value",
    "ge": "is greater than or equal to the value",
    "in": "is one of the values (a list)",
    "not_in": "is set and none of the values (a list)",
    "is_null": "is NULL (true) or is set (false)",
    "like": "matches the pattern (% any text, _ one character; case ignored)",
}
"""The comparison operators, with what each means."""

_KEYWORDS = ("all", "any", "not", "exists")
_ALIASES = {
    "=": "eq", "==": "eq", "equals": "eq", "is": "eq", "!=": "ne", "<>": "ne", "neq": "ne",
    "<": "lt", "<=": "le", "lte": "le", ">": "gt", ">=": "ge", "gte": "ge", "nin": "not_in",
    "not in": "not_in", "null": "is_null", "isnull": "is_null", "ilike": "like",
}  # fmt: skip
_COLUMN = re.compile(r"^[A-Za-z_][A-Za-z0-9_$]*(\.[A-Za-z_][A-Za-z0-9_$]*)?$")
Scalar: TypeAlias = str | int | float | bool | dt.date | dt.datetime


class ConditionError(ValueError):
    """A condition that is not well formed; ``path`` locates the offending value."""

    def __init__(self, path: Path_, message: str, value: Any = None) -> None:
        super().__init__(message)
        self.path = path
        self.message = message
        self.value = value


@dataclass(frozen=True)
class ConditionProblem:
    """A column or reference a condition names that the data map does not have."""

    path: Path_
    message: str
    value: Any = None
    suggestion: str | None = None


# --------------------------------------------------------------------------- the tree


@dataclass(frozen=True)
class Compare:
    """``column op value`` on a column of the collection itself."""

    column: str
    op: str
    value: Any = None
    path: Path_ = field(default=(), compare=False)


@dataclass(frozen=True)
class ColumnRef:
    """Another column of the same row, as the operand of a comparison (``{column: NAME}``)."""

    name: str


@dataclass(frozen=True)
class All:
    """Every item holds (no items: always true)."""

    items: tuple[Condition, ...]
    path: Path_ = field(default=(), compare=False)


@dataclass(frozen=True)
class AnyOf:
    """At least one item holds."""

    items: tuple[Condition, ...]
    path: Path_ = field(default=(), compare=False)


@dataclass(frozen=True)
class Not:
    """The exact complement of ``item``."""

    item: Condition
    path: Path_ = field(default=(), compare=False)


@dataclass(frozen=True)
class Link:
    """How a row of the outer collection reaches rows of another: ``inner.remote =
    outer.local``. ``to_one``: at most one inner row per outer row (a reference to the other
    collection's primary key)."""

    dataset: str
    collection: str
    local: str
    remote: str
    to_one: bool = False


@dataclass(frozen=True, eq=False)
class Exists:
    """A row of ``collection`` linked to this row (and matching ``where``) exists. Two are
    equal when they follow the same link (once resolved) with equal conditions."""

    collection: str
    via: str | None = None
    where: Condition | None = None
    link: Link | None = None
    shorthand: bool = False
    """Written as ``parent.column: value`` (for descriptions)."""
    path: Path_ = ()

    def _key(self) -> tuple[Any, ...]:
        if self.link is not None:
            return (self.link, self.where)
        return (None, self.collection, self.via, self.where)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Exists) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())


Condition: TypeAlias = Compare | All | AnyOf | Not | Exists

TRUE = All(())
"""The condition every row satisfies (an empty ``where``)."""


def is_true(cond: Condition | None) -> bool:
    """Whether ``cond`` is no condition at all (every row)."""
    return cond is None or (isinstance(cond, All) and not cond.items)


# --------------------------------------------------------------------------- parsing


def _scalar(value: Any) -> bool:
    return isinstance(value, str | int | float | bool | dt.date) and not (
        isinstance(value, float) and not math.isfinite(value)
    )


def _fix(value: Any) -> Any:
    """YAML scalars as plain Python values (ruamel's subclasses of str, int, ... unwrapped)."""
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, str):
        return str(value)
    return value


def _suggest(word: str, options: Sequence[str]) -> str | None:
    found = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return found[0] if found else None


def parse_condition(raw: Any, path: Path_ = ()) -> Condition:
    """The condition a YAML value writes (a mapping; ``None`` or ``{}``: every row). Raises
    :class:`ConditionError` naming the path of the offending value."""
    if raw is None:
        return TRUE
    if not isinstance(raw, dict):
        raise ConditionError(
            path,
            "a condition is a mapping: {column: value}, or all / any / not / exists",
            raw,
        )
    items: list[Condition] = []
    parents: dict[str, list[Condition]] = {}
    for key, value in raw.items():
        here = (*path, key)
        if not isinstance(key, str):
            raise ConditionError(here, f"{key!r} is not a column name", key)
        if key in ("all", "any"):
            if not isinstance(value, list) or not value:
                raise ConditionError(here, f"'{key}' takes a list of conditions", value)
            parts = tuple(parse_condition(v, (*here, i)) for i, v in enumerate(value))
            items.append(All(parts, here) if key == "all" else AnyOf(parts, here))
        elif key == "not":
            items.append(Not(parse_condition(value, here), here))
        elif key == "exists":
            items.append(_parse_exists(value, here))
        elif key in OPERATORS:
            raise ConditionError(
                here,
                f"operator {key!r} needs a column: write {{column: {{{key}: value}}}}",
                key,
            )
        elif not _COLUMN.match(key):
            raise ConditionError(
                here,
                f"{key!r} is neither a column (name, or collection.name through a reference) "
                f"nor one of {', '.join(_KEYWORDS)}",
                key,
            )
        else:
            parent, _, column = key.rpartition(".")
            compares = _parse_column(column, value, here)
            if parent:
                parents.setdefault(parent, []).extend(compares)
            else:
                items.extend(compares)
    for parent, compares in parents.items():
        where = compares[0] if len(compares) == 1 else All(tuple(compares), path)
        first = next(p for p in raw if isinstance(p, str) and p.startswith(f"{parent}."))
        items.append(Exists(parent, None, where, shorthand=True, path=(*path, first)))
    return items[0] if len(items) == 1 else All(tuple(items), path)


def _parse_exists(value: Any, path: Path_) -> Exists:
    if isinstance(value, str):
        return Exists(value, path=path)
    if not isinstance(value, dict):
        raise ConditionError(
            path,
            "'exists' takes a collection name, or {collection: NAME, via: FIELD, where: {...}}",
            value,
        )
    unknown = sorted(set(value) - {"collection", "via", "where"})
    if unknown:
        raise ConditionError(
            (*path, unknown[0]),
            f"'exists' takes collection, via and where, not {unknown[0]!r}",
            unknown[0],
        )
    collection, via = value.get("collection"), value.get("via")
    if not isinstance(collection, str) or not collection:
        raise ConditionError(path, "'exists' needs a 'collection'", collection)
    if via is not None and not isinstance(via, str):
        raise ConditionError((*path, "via"), "'via' is the name of the referencing field", via)
    where = value.get("where")
    inner = None if where is None else parse_condition(where, (*path, "where"))
    return Exists(str(collection), via and str(via), inner, path=path)


def _parse_column(column: str, value: Any, path: Path_) -> list[Condition]:
    """``column: value`` as comparisons (a scalar: eq; a list: in; null: is_null; a mapping
    of operators: each of them)."""
    if value is None:
        return [Compare(column, "is_null", True, path)]
    if isinstance(value, list):
        return [_compare(column, "in", value, path)]
    if isinstance(value, dict):
        if not value:
            raise ConditionError(path, f"{column}: no operator given", value)
        out: list[Condition] = []
        for op, operand in value.items():
            if op not in OPERATORS:
                hint = _ALIASES.get(str(op).lower()) or _suggest(str(op), list(OPERATORS))
                raise ConditionError(
                    (*path, op),
                    f"unknown operator {op!r}"
                    + (f" (did you mean {hint!r}?)" if hint else "")
                    + f": use {', '.join(OPERATORS)}",
                    op,
                )
            out.append(_compare(column, str(op), operand, (*path, op)))
        return out
    return [_compare(column, "eq", value, path)]


def _column_ref(op: str, value: dict[str, Any], path: Path_) -> ColumnRef:
    """``{column: NAME}``: another column of the same row as a comparison's operand."""
    other = value.get("column")
    if set(value) != {"column"} or not isinstance(other, str) or not _COLUMN.match(other):
        raise ConditionError(
            path, f"{op!r} compares with a value, or another column: {{column: NAME}}", value
        )
    if "." in other:
        raise ConditionError(path, "a column compared with must be of the same collection", other)
    return ColumnRef(str(other))


def _compare(column: str, op: str, value: Any, path: Path_) -> Condition:
    if op in ("in", "not_in"):
        if not isinstance(value, list) or not value:
            raise ConditionError(path, f"{op!r} takes a non-empty list of values", value)
        bad = [v for v in value if v is not None and not _scalar(v)]
        if bad:
            raise ConditionError(path, f"{bad[0]!r} is not a value (text, number, date)", bad[0])
        values = tuple(dict.fromkeys(_fix(v) for v in value if v is not None))
        has_null = len(values) < len(value) and any(v is None for v in value)
        if op == "not_in" and has_null:
            raise ConditionError(
                path, "'not_in' never matches NULL: leave null out of the list", value
            )
        if has_null:  # "one of" with null: those values, or NULL
            null = Compare(column, "is_null", True, path)
            return AnyOf((Compare(column, "in", values, path), null), path) if values else null
        return Compare(column, op, values, path)
    if op == "is_null":
        if not isinstance(value, bool):
            raise ConditionError(path, "'is_null' takes true or false", value)
        return Compare(column, op, bool(value), path)
    if value is None:
        raise ConditionError(path, f"{op!r} takes a value; test NULL with is_null: true", value)
    if isinstance(value, dict) and op in _SIGNS:
        return Compare(column, op, _column_ref(op, value, path), path)
    if not _scalar(value):
        raise ConditionError(path, f"{value!r} is not a value (text, number, date)", value)
    if op == "like" and not isinstance(value, str):
        raise ConditionError(path, "'like' takes a text pattern (% and _ as wildcards)", value)
    if op in ("lt", "le", "gt", "ge") and isinstance(value, bool):
        raise ConditionError(path, f"{op!r} compares numbers, text or times, not {value}", value)
    return Compare(column, op, _fix(value), path)


# --------------------------------------------------------------------------- resolution


def resolve_condition(
    cond: Condition, manifest: Manifest, dataset: str, collection: str
) -> tuple[Condition, list[ConditionProblem]]:
    """``cond`` on ``dataset.collection`` with every ``exists`` linked; the problems found
    (unknown columns, collections, missing or ambiguous references), each with its path."""
    problems: list[ConditionProblem] = []
    resolved = _resolve(cond, manifest, dataset, collection, problems)
    return resolved, problems


def _coll(manifest: Manifest, dataset: str, name: str) -> Collection | None:
    ds = manifest.dataset_by_key(dataset)
    return ds.collection(name) if ds is not None else None


def _resolve(
    cond: Condition, manifest: Manifest, dataset: str, collection: str, out: list[ConditionProblem]
) -> Condition:
    coll = _coll(manifest, dataset, collection)
    node = f"{dataset}.{collection}"
    if coll is None:
        out.append(ConditionProblem(cond.path, f"collection {node} does not exist"))
        return cond
    if isinstance(cond, Compare):
        columns = [cond.column]
        if isinstance(cond.value, ColumnRef):
            columns.append(cond.value.name)
        for column in columns:
            if coll.field(column) is None:
                names = [f.name for f in coll.fields]
                out.append(
                    ConditionProblem(
                        cond.path,
                        f"{node} has no field {column!r}",
                        column,
                        _suggest(column, names),
                    )
                )
        return cond
    if isinstance(cond, All | AnyOf):
        items = tuple(_resolve(c, manifest, dataset, collection, out) for c in cond.items)
        return replace(cond, items=items)
    if isinstance(cond, Not):
        return replace(cond, item=_resolve(cond.item, manifest, dataset, collection, out))
    link = _link(cond, manifest, dataset, collection, out)
    if link is None:
        return cond
    where = cond.where
    if where is not None:
        where = _resolve(where, manifest, link.dataset, link.collection, out)
    return replace(cond, link=link, where=where)


def _link(
    cond: Exists, manifest: Manifest, dataset: str, collection: str, out: list[ConditionProblem]
) -> Link | None:
    """The declared reference ``cond`` follows, or None (a problem added)."""
    node = f"{dataset}.{collection}"
    other_ds, _, other_name = cond.collection.rpartition(".")
    other_ds = other_ds or dataset
    other = _coll(manifest, other_ds, other_name)
    target = f"{other_ds}.{other_name}"
    if other is None:
        ds = manifest.dataset_by_key(other_ds)
        names = [c.name for c in ds.collections] if ds is not None else []
        out.append(
            ConditionProblem(
                cond.path,
                f"collection {target} does not exist",
                cond.collection,
                _suggest(other_name, names),
            )
        )
        return None
    if other_ds != dataset:
        here, there = manifest.store_for(dataset), manifest.store_for(other_ds)
        if here is None or there is None or here.name != there.name:
            out.append(
                ConditionProblem(
                    cond.path,
                    f"{target} is not in the same store as {node}: a condition reaches "
                    "collections of its own store only",
                    cond.collection,
                )
            )
            return None
    links = _links(manifest, dataset, collection, other_ds, other_name)
    if cond.via is not None:
        chosen = [(f, lk) for f, lk in links if f == cond.via]
        if not chosen:
            fields = ", ".join(sorted({f for f, _ in links})) or "none"
            out.append(
                ConditionProblem(
                    (*cond.path, "via") if not cond.shorthand else cond.path,
                    f"no declared reference through field {cond.via!r} links {node} and "
                    f"{target} (referencing fields: {fields})",
                    cond.via,
                )
            )
            return None
        links = chosen[:1]
    if not links:
        what = f"{cond.collection}.{_first_column(cond)}" if cond.shorthand else cond.collection
        out.append(
            ConditionProblem(
                cond.path,
                f"{node} declares no reference to {target} to reach {what!r} through "
                "(fides_meta.references on either collection)",
                cond.collection,
            )
        )
        return None
    if len(links) > 1:
        fields = ", ".join(f for f, _ in links)
        out.append(
            ConditionProblem(
                cond.path,
                f"{node} and {target} are linked by several references ({fields}): name the "
                "referencing field with 'via'",
                cond.collection,
            )
        )
        return None
    return links[0][1]


def _links(
    manifest: Manifest, dataset: str, collection: str, other_ds: str, other_name: str
) -> list[tuple[str, Link]]:
    """Every declared reference between two collections: (the referencing field, the link)."""
    coll = _coll(manifest, dataset, collection)
    other = _coll(manifest, other_ds, other_name)
    assert coll is not None and other is not None
    links: list[tuple[str, Link]] = []
    for fld in coll.fields:  # this row references the other: to its row
        for ref in fld.references:
            name, _, key = ref.field.partition(".")
            if ref.dataset == other_ds and name == other_name:
                key_field = other.field(key)
                one = key_field is not None and key_field.is_primary_key
                links.append((fld.name, Link(other_ds, other_name, fld.name, key, one)))
    for fld in other.fields:  # the other references this row: rows that refer to it
        for ref in fld.references:
            name, _, key = ref.field.partition(".")
            if ref.dataset == dataset and name == collection:
                link = Link(other_ds, other_name, key, fld.name, False)
                if not any(existing == link for _, existing in links):
                    links.append((fld.name, link))
    return links


def _first_column(cond: Exists) -> str:
    where = cond.where
    while isinstance(where, All) and where.items:
        where = where.items[0]
    return where.column if isinstance(where, Compare) else ""


def local_columns(cond: Condition | None) -> list[str]:
    """The columns of the collection itself that ``cond`` reads (join keys of ``exists``
    included, the other collections' columns not)."""
    out: list[str] = []

    def walk(c: Condition) -> None:
        if isinstance(c, Compare):
            out.append(c.column)
            if isinstance(c.value, ColumnRef):
                out.append(c.value.name)
        elif isinstance(c, All | AnyOf):
            for item in c.items:
                walk(item)
        elif isinstance(c, Not):
            walk(c.item)
        elif c.link is not None:
            out.append(c.link.local)

    if cond is not None:
        walk(cond)
    return list(dict.fromkeys(out))


# --------------------------------------------------------------------------- description

_SIGNS = {"eq": "=", "ne": "≠", "lt": "<", "le": "≤", "gt": ">", "ge": "≥"}


def _value(value: Any) -> str:
    if isinstance(value, ColumnRef):
        return value.name
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).lower() if isinstance(value, bool) else str(value)


def describe(cond: Condition | None) -> str:
    """One line for people: ``status = 'open' and not (exists orders)``."""
    if is_true(cond):
        return "every row"
    assert cond is not None
    return _describe(cond, "")


def _describe(cond: Condition, prefix: str) -> str:
    if isinstance(cond, Compare):
        col = prefix + cond.column
        if cond.op == "is_null":
            return f"{col} is {'' if cond.value else 'not '}null"
        if cond.op in ("in", "not_in"):
            values = ", ".join(_value(v) for v in cond.value)
            return f"{col} {'in' if cond.op == 'in' else 'not in'} ({values})"
        if cond.op == "like":
            return f"{col} like {_value(cond.value)}"
        return f"{col} {_SIGNS[cond.op]} {_value(cond.value)}"
    if isinstance(cond, All | AnyOf):
        if not cond.items:
            return "true"
        joiner = " and " if isinstance(cond, All) else " or "
        parts = [
            f"({_describe(c, prefix)})" if isinstance(c, All | AnyOf) and c.items else
            _describe(c, prefix)
            for c in cond.items
        ]  # fmt: skip
        return joiner.join(parts)
    if isinstance(cond, Not):
        return f"not ({_describe(cond.item, prefix)})"
    if cond.shorthand and cond.where is not None:
        return _describe(cond.where, f"{cond.collection}.")
    what = f"exists {cond.collection}"
    if cond.via:
        what += f" via {cond.via}"
    if cond.where is not None and not is_true(cond.where):
        what += f" where {_describe(cond.where, '')}"
    return what


def walk(cond: Condition) -> Iterator[Condition]:
    """Every node of ``cond``, depth first (``exists`` wheres included)."""
    yield cond
    if isinstance(cond, All | AnyOf):
        for item in cond.items:
            yield from walk(item)
    elif isinstance(cond, Not):
        yield from walk(cond.item)
    elif isinstance(cond, Exists) and cond.where is not None:
        yield from walk(cond.where)
