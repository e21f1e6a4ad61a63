"""What reading a manifest's YAML yields: plain values, with the position of each.

Both YAML readers (:mod:`kept.manifest.fastyaml` on libyaml, :mod:`kept.manifest.safeyaml`
on ruamel.yaml) hand the loader the same tree: :class:`YMap` and :class:`YSeq` (a ``dict``
and a ``list``) holding plain ``str``, ``int``, ``float``, ``bool``, ``None``,
``datetime.date`` and ``datetime.datetime`` values, each collection knowing the 0-based
line and column of its entries. The limits every reader enforces live here too.
"""

from __future__ import annotations

from typing import Any

__all__ = ["MAX_ALIAS_NODES", "MAX_DEPTH", "MAX_FILE_BYTES", "YMap", "YSeq", "deep_flow_line"]

MAX_DEPTH = 100
MAX_ALIAS_NODES = 10_000
MAX_FILE_BYTES = 32 << 20


class YMap(dict[Any, Any]):
    """A YAML mapping: ``marks[key]`` is ``(key line, key column, value line, value column)``
    (0-based); ``line`` and ``column`` are the mapping's own start."""

    __slots__ = ("column", "line", "marks")

    def __init__(self, line: int = 0, column: int = 0) -> None:
        super().__init__()
        self.line = line
        self.column = column
        self.marks: dict[Any, tuple[int, int, int, int]] = {}


class YSeq(list[Any]):
    """A YAML sequence: ``marks[i]`` is ``(line, column)`` (0-based) of item ``i``."""

    __slots__ = ("column", "line", "marks")

    def __init__(self, line: int = 0, column: int = 0) -> None:
        super().__init__()
        self.line = line
        self.column = column
        self.marks: list[tuple[int, int]] = []


def deep_flow_line(text: str) -> int | None:
    """The 1-based line where flow brackets (``[``, ``{``) nest more than :data:`MAX_DEPTH`
    deep on one line, if any.

    ruamel's scanner looks up to 1024 characters ahead on such a line, checking every open
    bracket at each step, before the composer's depth limit can stop it (over a second for a
    line of ``[a, [a, [a, …``); this check refuses it first, in linear time. Brackets inside
    quoted strings are counted too: a line with more than 100 of them is refused either way.
    """
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return None
    for number, line in enumerate(text.split("\n"), start=1):
        if line.count("[") + line.count("{") <= MAX_DEPTH:
            continue
        depth = 0
        for char in line:
            if char in "[{":
                depth += 1
                if depth > MAX_DEPTH:
                    return number
            elif char in "]}":
                depth = max(depth - 1, 0)
    return None
