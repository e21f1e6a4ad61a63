"""The row conditions of data checks (``where``, ``forbid``, ``require``), compiled to SQL.

A condition is a mapping of a collection's columns to what each must be; every entry must
hold (AND)::

    {plan: trial}                         # equal
    {plan: [trial, free]}                 # one of
    {invoice_email: null}                 # IS NULL
    {amount: {gt: 0, le: 1000}}           # comparisons: eq, ne, lt, le, gt, ge
    {status: {not_in: [closed]}}          # in, not_in
    {billing_org_name: {is_null: false}}  # IS [NOT] NULL

:func:`condition_columns` lists the columns a condition reads (checked against the declared
fields when the manifest is loaded); :func:`compile_condition` turns it into one SQLAlchemy
expression over the table.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa

__all__ = ["compile_condition", "condition_columns", "condition_problems"]

_COMPARE = {
    "eq": lambda c, v: c == v,
    "ne": lambda c, v: c != v,
    "lt": lambda c, v: c < v,
    "le": lambda c, v: c <= v,
    "gt": lambda c, v: c > v,
    "ge": lambda c, v: c >= v,
}
_OPERATORS = (*_COMPARE, "in", "not_in", "is_null")


def condition_problems(spec: Any) -> list[str]:
    """What is wrong with the condition's shape (empty when it can be compiled)."""
    if not isinstance(spec, Mapping) or not spec:
        return [
            "a condition is a mapping of columns to values, e.g. {plan: trial} or "
            "{invoice_email: null}"
        ]
    problems = []
    for column, value in spec.items():
        if isinstance(value, Mapping):
            for op in value:
                if op not in _OPERATORS:
                    problems.append(
                        f"unknown operator {op!r} on column {column!r}: use one of "
                        + ", ".join(_OPERATORS)
                    )
            for op in ("in", "not_in"):
                if op in value and not isinstance(value[op], list):
                    problems.append(f"{op!r} on column {column!r} takes a list")
    return problems


def condition_columns(spec: Any) -> list[str]:
    """The columns the condition reads."""
    return [str(c) for c in spec] if isinstance(spec, Mapping) else []


def compile_condition(spec: Mapping[str, Any], t: sa.TableClause) -> sa.ColumnElement[bool]:
    """The condition as one boolean expression over ``t`` (whose columns include
    :func:`condition_columns`)."""
    parts: list[sa.ColumnElement[bool]] = []
    for name, value in spec.items():
        column = t.c[name]
        if value is None:
            parts.append(column.is_(None))
        elif isinstance(value, list):
            parts.append(column.in_([sa.literal(v) for v in value]))
        elif isinstance(value, Mapping):
            for op, operand in value.items():
                if op == "is_null":
                    parts.append(column.is_(None) if operand else column.is_not(None))
                elif op == "in":
                    parts.append(column.in_([sa.literal(v) for v in operand]))
                elif op == "not_in":
                    parts.append(column.not_in([sa.literal(v) for v in operand]))
                elif op == "eq" and operand is None:
                    parts.append(column.is_(None))
                elif op == "ne" and operand is None:
                    parts.append(column.is_not(None))
                else:
                    parts.append(_COMPARE[op](column, sa.literal(operand)))
        else:
            parts.append(column == sa.literal(value))
    return sa.and_(*parts)
