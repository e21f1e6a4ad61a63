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

This is the reference reader. The loader first tries :mod:`kept.manifest.fastyaml` (libyaml,
about twenty times faster), which reads only what it reads exactly as this one does, and
leaves everything else here, every error included.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar
from ruamel.yaml.composer import Composer, ComposerError
from ruamel.yaml.events import AliasEvent, CollectionStartEvent, ScalarEvent
from ruamel.yaml.nodes import MappingNode, Node, SequenceNode
from ruamel.yaml.parser import Parser
from ruamel.yaml.scanner import Scanner

from kept.manifest.yamltree import (
    MAX_ALIAS_NODES,
    MAX_DEPTH,
    MAX_FILE_BYTES,
    YMap,
    YSeq,
    deep_flow_line,
)

__all__ = [
    "ALLOWED_TAGS",
    "MAX_ALIAS_NODES",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "deep_flow_line",
    "ruamel_tree",
    "safe_yaml",
]

_CORE = "tag:yaml.org,2002:"
ALLOWED_TAGS = frozenset(
    {"!"} | {_CORE + t for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")}
)


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


def ruamel_tree(text: str) -> Any:
    """The document ``text`` holds, read by ruamel.yaml with Kept's limits, as a
    :class:`~kept.manifest.yamltree.YMap` / :class:`~kept.manifest.yamltree.YSeq` tree of
    plain values (``None`` for an empty document).

    Raises ruamel's errors (:class:`ruamel.yaml.error.MarkedYAMLError` and others) as they
    come: the loader locates them."""
    return _tree(safe_yaml().load(text), {})


def _tree(node: Any, done: dict[int, Any]) -> Any:
    """A ruamel value as a YMap / YSeq tree, with the positions ruamel recorded; a key merged
    in by ``<<: *alias`` has none of its own and takes the mapping's position."""
    if not isinstance(node, CommentedMap | CommentedSeq):
        return _scalar(node)
    found = done.get(id(node))
    if found is not None:  # an alias: the same value again
        return found
    line, column = node.lc.line or 0, node.lc.col or 0
    if isinstance(node, CommentedSeq):
        seq = YSeq(line, column)
        done[id(node)] = seq
        for i, child in enumerate(node):
            seq.append(_tree(child, done))
            item_line, item_column = node.lc.item(i)
            seq.marks.append((item_line, item_column))
        return seq
    mapping = YMap(line, column)
    done[id(node)] = mapping
    for key in node:
        mapping[key] = _tree(node[key], done)
        try:
            key_line, key_column = node.lc.key(key)
        except (KeyError, TypeError):  # merged in by `<<: *alias`
            key_line, key_column = line, column
        try:
            value_line, value_column = node.lc.value(key)
        except (KeyError, TypeError):
            value_line, value_column = key_line, key_column
        mapping.marks[key] = (key_line, key_column, value_line, value_column)
    return mapping


def _scalar(value: Any) -> Any:
    # ruamel returns str/int/float subclasses that carry formatting; hand out plain values.
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, TaggedScalar):  # an explicit `!!str 42` (other tags are refused)
        return str(value.value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, dt.datetime):
        return dt.datetime.fromisoformat(value.isoformat())
    if isinstance(value, dt.date):
        return dt.date(value.year, value.month, value.day)
    return value
