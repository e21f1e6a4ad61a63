"""A table's rows encoded for the export: one JSON array per table (orjson, a batch per call)
and the same rows as CSV, made a column at a time, a cell a spreadsheet would run as a formula
written with a leading apostrophe."""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import io
import json
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice, repeat
from operator import itemgetter
from typing import Any

import orjson

_BATCH = 2000


def _json_default(value: Any) -> Any:
    convert = _DEFAULTS.get(type(value))
    if convert is not None:
        return convert(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    return str(value)  # decimals, UUIDs and anything else: as text


# What orjson does not encode itself, by exact type (decimals come once per row of a money
# column): looked up before the isinstance checks for subclasses.
_DEFAULTS: dict[type, Callable[[Any], Any]] = {
    decimal.Decimal: str,
    uuid.UUID: str,
    bytes: bytes.hex,
    memoryview: lambda v: bytes(v).hex(),
    bytearray: bytes.hex,
}


def _batches(rows: Iterable[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, _BATCH)):
        yield batch


def _encode(batch: list[dict[str, Any]]) -> tuple[bytes, bool]:
    """The rows as one compact JSON array (UTF-8), by orjson in one call; a batch orjson
    refuses (an integer beyond 64 bits) by the standard library, and then False: the batch
    must be decoded by it too."""
    try:
        return orjson.dumps(batch, default=_json_default), True
    except orjson.JSONEncodeError:
        text = json.dumps(batch, default=_json_default, ensure_ascii=False, separators=(",", ":"))
        return text.encode("utf-8"), False


# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection):
# such a text cell is written with a leading apostrophe, which shows it as text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    """A CSV cell: a text cell a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


# How a JSON text value a spreadsheet would run starts, in orjson's compact encoding: a batch
# holding none of these needs no cell escaped (the usual case), and goes to the CSV writer as
# decoded.
_FORMULA_MARKS = (b'":"=', b'":"+', b'":"-', b'":"@', b'":"\\t', b'":"\\r')


def _csv_text(rows: Iterable[Iterable[Any]]) -> str:
    text = io.StringIO(newline="")
    csv.writer(text).writerows(rows)
    return text.getvalue()


def _csv_batch(data: bytes, exact: bool) -> str:
    """The CSV lines of a batch of rows encoded as a JSON array (cells as JSON gives them)."""
    decoded: list[dict[str, Any]] = orjson.loads(data) if exact else json.loads(data)
    if exact and not any(mark in data for mark in _FORMULA_MARKS):
        return _csv_text(map(dict.values, decoded))
    return _csv_text([_cell(v) for v in row.values()] for row in decoded)


def _encode_dicts(batch: list[dict[str, Any]], with_csv: bool) -> tuple[bytes, str]:
    """A batch's JSON array and (``with_csv``) its CSV lines, decoded from the JSON."""
    encoded, exact = _encode(batch)
    return encoded, _csv_batch(encoded, exact) if with_csv else ""


_PLAIN = frozenset({int, bool, type(None)})  # written by the CSV writer as JSON would give them
_TEXT = frozenset({str, type(None)})
_AS_TEXT = frozenset({decimal.Decimal, uuid.UUID, type(None)})  # what _json_default makes str
_FORMULA_FIRST = frozenset(_FORMULA_START)
_FIRST = itemgetter(0)


def _encode_tuples(
    columns: list[str], batch: list[tuple[Any, ...]], with_csv: bool
) -> tuple[bytes, str]:
    """:func:`_encode_dicts` of the rows as dicts, made a column at a time: a column of
    decimals or UUIDs becomes text first (``str``, as :func:`_json_default` would make each);
    the rows go to orjson as dicts; the CSV cells come from the columns (:func:`_csv_column`),
    and the CSV lines are joined as the CSV writer would write them (:func:`_csv_lines`)."""
    values = [_as_text(list(map(itemgetter(i), batch))) for i in range(len(columns))]
    try:
        rows = batch if not any(map(_changed, values)) else zip(*values, strict=True)
        encoded = orjson.dumps(
            list(map(dict, map(zip, repeat(columns), rows))), default=_json_default
        )
    except orjson.JSONEncodeError:  # the standard library's encoding, decoded by it too
        return _encode_dicts([dict(zip(columns, row, strict=True)) for row in batch], with_csv)
    if not with_csv:
        return encoded, ""
    cells = [_csv_column(v) for v in values]
    if len(cells) == 1:  # the CSV writer quotes a line's only cell when empty: let it
        return encoded, _csv_text(zip(*cells, strict=True))
    return encoded, _csv_lines(cells)


class _Text(list[Any]):
    """A column made text by :func:`_as_text`."""


def _changed(values: Sequence[Any]) -> bool:
    return type(values) is _Text


def _as_text(values: list[Any]) -> Sequence[Any]:
    kinds = set(map(type, values))
    if not kinds <= _AS_TEXT or kinds == {type(None)}:
        return values
    if type(None) in kinds:
        return _Text(None if v is None else str(v) for v in values)
    return _Text(map(str, values))


def _csv_column(values: Sequence[Any]) -> Sequence[Any]:
    """A column's CSV cells as a batch's JSON decodes them, formula cells escaped."""
    kinds = set(map(type, values))
    if kinds <= _PLAIN:
        return values
    if not kinds <= _TEXT:
        values = orjson.loads(orjson.dumps(values, default=_json_default))
        kinds = set(map(type, values))
        if kinds <= _PLAIN:
            return values
    if kinds <= _TEXT and _FORMULA_FIRST.isdisjoint(map(_FIRST, filter(None, values))):
        return values
    return [_cell(v) for v in values]


# The CSV writer (the excel dialect) quotes a cell holding one of these, doubling its quotes.
_QUOTED = (",", '"', "\r", "\n")
_INTEGERS = frozenset({int, bool})


def _csv_lines(columns: Sequence[Sequence[Any]]) -> str:
    """The CSV lines of rows given as columns (two or more), as ``csv.writer`` writes them
    with its default dialect (``_csv_text``): a cell as ``str`` (a float as ``repr``), None
    empty, a cell holding a delimiter, quote or line break quoted; each line ends in CRLF. A
    column at a time, each line joined in one call (the writer's own loop is per cell)."""
    lines = map(",".join, zip(*map(_csv_fields, columns), strict=True))
    return "\r\n".join(lines) + "\r\n"


def _csv_fields(values: Sequence[Any]) -> Sequence[str]:
    kinds = set(map(type, values))
    if kinds <= _INTEGERS:
        return list(map(str, values))
    if kinds == {str}:
        cells: Sequence[str] = values
    else:
        cells = [_csv_field(v) for v in values]
    text = "\0".join(cells)
    if any(c in text for c in _QUOTED):
        return [_csv_quoted(c) for c in cells]
    return cells


def _csv_field(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return repr(value) if isinstance(value, float) else str(value)


def _csv_quoted(cell: str) -> str:
    if any(c in cell for c in _QUOTED):
        return '"' + cell.replace('"', '""') + '"'
    return cell
