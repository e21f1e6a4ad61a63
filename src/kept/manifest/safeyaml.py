"""A YAML reader for manifests that bounds what a hostile file can cost or do.

- **Aliases** are followed, but the values they add (counted as if expanded) are limited to
  :data:`MAX_ALIAS_NODES`, so an alias bomb ("billion laughs") is refused at the alias that
  crosses the limit, in time linear in the file's size.
- **Depth** is limited to :data:`MAX_DEPTH` nested collections.
- **Tags**: only YAML's core tags (``!!str``, ``!!int``, ``!!float``, ``!!bool``, ``!!null``,
  ``!!map``, ``!!seq``, ``!!timestamp`` and the non-specific ``!``) are accepted; any other tag
  (``!!python/object:…``, ``!!binary``, ``!!set``, ``!custom``) is refused with its position,
  before anything is constructed.
- **Size**: a manifest file is at most :data:`MAX_FILE_BYTES`.

Every refusal is a :class:`ruamel.yaml.error.MarkedYAMLError` (a ``ComposerError``), which the
loader turns into a problem located to file, line and column.
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.composer import Composer, ComposerError
from ruamel.yaml.events import AliasEvent, CollectionStartEvent, ScalarEvent
from ruamel.yaml.nodes import MappingNode, Node, SequenceNode
from ruamel.yaml.parser import Parser
from ruamel.yaml.scanner import Scanner

__all__ = [
    "ALLOWED_TAGS",
    "MAX_ALIAS_NODES",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "deep_flow_line",
    "safe_yaml",
]

MAX_DEPTH = 100
MAX_ALIAS_NODES = 10_000
MAX_FILE_BYTES = 32 << 20

_CORE = "tag:yaml.org,2002:"
ALLOWED_TAGS = frozenset(
    {"!"} | {_CORE + t for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")}
)


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


class _GuardedComposer(Composer):
    """ruamel's composer, refusing unknown tags and counting what aliases expand to."""

    def __init__(self, loader: Any = None) -> None:
        super().__init__(loader)
        self._alias_nodes = 0
        self._sizes: dict[int, int] = {}

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.parser.peek_event()
        if isinstance(event, AliasEvent):
            target = self.anchors.get(event.anchor)
            if target is not None:
                self._alias_nodes += self._size(target)
                if self._alias_nodes > MAX_ALIAS_NODES:
                    raise ComposerError(
                        None,
                        None,
                        f"aliases expand to more than {MAX_ALIAS_NODES} values "
                        f"(at alias *{event.anchor}): refused as an alias bomb",
                        event.start_mark,
                    )
        elif isinstance(event, ScalarEvent | CollectionStartEvent):
            tag = event.tag
            if tag is not None and str(tag) not in ALLOWED_TAGS:
                raise ComposerError(
                    None,
                    None,
                    f"the YAML tag {str(tag).replace(_CORE, '!!')!r} is not allowed in a manifest "
                    "(only plain values, lists and mappings)",
                    event.start_mark,
                )
        return super().compose_node(parent, index)

    def _size(self, node: Node) -> int:
        """How many values ``node`` stands for once every alias in it is expanded."""
        key = id(node)
        size = self._sizes.get(key)
        if size is None:
            size = 1
            if isinstance(node, SequenceNode):
                size += sum(self._size(child) for child in node.value)
            elif isinstance(node, MappingNode):
                size += sum(self._size(k) + self._size(v) for k, v in node.value)
            self._sizes[key] = size
        return size


def safe_yaml() -> YAML:
    """A round-trip YAML loader (positions kept) with Kept's limits.

    Comments are skipped rather than kept (the plain scanner and parser instead of the
    round-trip ones): Kept never writes a manifest back, and it reads a large one about a
    quarter faster."""
    yaml = YAML(typ="rt")
    yaml.Scanner = Scanner
    yaml.Parser = Parser
    yaml.Composer = _GuardedComposer
    yaml.max_depth = MAX_DEPTH
    return yaml
