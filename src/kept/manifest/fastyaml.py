"""A fast YAML reader for manifests: libyaml's parser (through PyYAML), Kept's own composer.

ruamel.yaml (:mod:`kept.manifest.safeyaml`) is the reference reader: it keeps every value's
line and column, but its pure-Python scanner and parser read a 24,000-line manifest in
seconds. This reader takes libyaml's events (C, with their line and column) and builds the
same :class:`~kept.manifest.yamltree.YMap` / :class:`~kept.manifest.yamltree.YSeq` tree, with
the same values and positions, about twenty times faster.

It reads only what it can read exactly as ruamel.yaml does (YAML 1.2 core schema, the way
ruamel resolves it: ``yes``/``no``/``on``/``off`` are strings, no sexagesimal numbers) and
raises :class:`UnsupportedError` for anything else, so that the caller reads the file with ruamel
instead, which also reports every error with ruamel's message and position:

- any syntax error, and anything unusual: a ``%YAML`` or ``%TAG`` directive, several
  documents, an explicit tag (even ``!!str``), the merge key ``<<``, a mapping or sequence
  used as a key, a duplicate key or anchor, an undefined or recursive alias;
- a plain scalar that ruamel would resolve to a value other than a decimal integer, a
  simple decimal float, a boolean, a null or a ``YYYY-MM-DD`` date (e.g. ``0o17``,
  ``1_000``, ``.inf``, a timestamp with a time);
- anything that comes near a limit: more than :data:`~kept.manifest.yamltree.MAX_DEPTH`
  ``- 2`` nested collections, or aliases expanding to more than
  :data:`~kept.manifest.yamltree.MAX_ALIAS_NODES` values (counted as ruamel counts them), so
  that ruamel refuses the alias bomb at the same alias, with the same message.

Nothing is constructed but plain values: no tag reaches a constructor.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from kept.manifest.yamltree import MAX_ALIAS_NODES, MAX_DEPTH, YMap, YSeq

__all__ = ["AVAILABLE", "UnsupportedError", "fast_tree"]

try:
    import yaml
    from yaml import YAMLError
    from yaml.events import (
        AliasEvent,
        DocumentEndEvent,
        DocumentStartEvent,
        MappingEndEvent,
        MappingStartEvent,
        ScalarEvent,
        SequenceEndEvent,
        SequenceStartEvent,
        StreamEndEvent,
        StreamStartEvent,
    )

    AVAILABLE: bool = bool(yaml.__with_libyaml__)
    """Whether libyaml can be used (PyYAML built with it); if not, only ruamel reads YAML."""
except ImportError:  # pragma: no cover - PyYAML is a dependency
    AVAILABLE = False
if AVAILABLE:
    from yaml._yaml import CParser


class UnsupportedError(Exception):
    """This reader does not read this document exactly as ruamel.yaml would: use ruamel."""


# Plain scalars ruamel resolves: its YAML 1.2 implicit resolvers (ruamel.yaml.resolver,
# copied verbatim). Any that matches one of these but none of the simple forms below is left
# to ruamel.
_RUAMEL_1_2 = re.compile(
    "|".join(
        f"(?:{pattern})"
        for pattern in (
            """^(?:true|True|TRUE|false|False|FALSE)$""",
            """^(?:
             [-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+]?[0-9]+)?
            |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
            |[-+]?\\.[0-9_]+(?:[eE][-+][0-9]+)?
            |[-+]?\\.(?:inf|Inf|INF)
            |\\.(?:nan|NaN|NAN))$""",
            """^(?:[-+]?0b[0-1_]+
            |[-+]?0o?[0-7_]+
            |[-+]?[0-9_]+
            |[-+]?0x[0-9a-fA-F_]+)$""",
            "^(?:<<)$",
            """^(?: ~
            |null|Null|NULL
            | )$""",
            """^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
            |[0-9][0-9][0-9][0-9] -[0-9][0-9]? -[0-9][0-9]?
            (?:[Tt]|[ \\t]+)[0-9][0-9]?
            :[0-9][0-9] :[0-9][0-9] (?:\\.[0-9]*)?
            (?:[ \\t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$""",
            "^(?:=)$",
        )
    ),
    re.X,
)
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)(?:\.[0-9]*(?:[eE][-+]?[0-9]+)?|[eE][-+]?[0-9]+)")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_CONSTANTS: dict[str, Any] = {
    "": None,
    "~": None,
    "null": None,
    "Null": None,
    "NULL": None,
    "true": True,
    "True": True,
    "TRUE": True,
    "false": False,
    "False": False,
    "FALSE": False,
}
# The first characters of every plain scalar ruamel does not read as a string.
_SPECIAL_FIRST = frozenset("-+0123456789.~nNtTfF<=")
_MAX_INT_DIGITS = 4000  # below Python's limit for int() (4,300 digits)
_BLOCK_STYLES = frozenset("|>")
_HEADER = frozenset("+-0123456789")
_MAX_OPEN = MAX_DEPTH - 2  # ruamel counts a scalar inside the innermost collection too
# Tabs (allowed in different places), Unicode line breaks (NEL, LS, PS: libyaml's, not
# ruamel's) and byte order marks (libyaml skips them) would be read differently.
_ODD_SPACE = re.compile("[\t\x85\u2028\u2029\ufeff]")
# `"key":value`, which ruamel reads only in some places.
_ADJACENT_VALUE = re.compile("[\"']:[^ \r\n]")
# A `?` that may start a complex key (or be a plain scalar `?`).
_COMPLEX_KEY = re.compile(r"(?:^|[\s\[{,])\?(?:\s|$)")


def _plain(text: str) -> Any:
    """The value of a plain (unquoted, untagged) scalar, as ruamel's YAML 1.2 resolver and
    round-trip constructor give it."""
    if text and text[0] not in _SPECIAL_FIRST:
        return text
    if text in _CONSTANTS:
        return _CONSTANTS[text]
    if _INT.fullmatch(text):
        if len(text) > _MAX_INT_DIGITS:  # int() refuses it; so does ruamel, its own way
            raise UnsupportedError("an integer too long")
        return int(text)
    if _FLOAT.fullmatch(text):
        return float(text)
    if _DATE.fullmatch(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise UnsupportedError(text) from None
    if _RUAMEL_1_2.match(text):
        raise UnsupportedError(text)
    return text


def fast_tree(text: str) -> Any:
    """The single document ``text`` holds, as a YMap / YSeq tree (``None`` for no document).

    Raises :class:`UnsupportedError` for a document to be read by ruamel instead (module doc)."""
    if not AVAILABLE:
        raise UnsupportedError("libyaml is not available")
    if _ODD_SPACE.search(text):
        raise UnsupportedError("a tab, a Unicode line break or a byte order mark")
    if "?" in text and _COMPLEX_KEY.search(text):
        raise UnsupportedError("a complex key")  # ruamel places values near them differently
    if _ADJACENT_VALUE.search(text):
        raise UnsupportedError("a quoted key and its value without a space")
    parser = CParser(text)
    try:
        return _compose(parser, text)
    except YAMLError as exc:
        raise UnsupportedError(str(exc)) from None
    finally:
        parser.dispose()


def _compose(parser: Any, text: str) -> Any:  # noqa: C901 - one loop, kept flat for speed
    get = parser.get_event
    if type(get()) is not StreamStartEvent:
        raise UnsupportedError("no stream")
    event = get()
    if type(event) is StreamEndEvent:
        return None
    if type(event) is not DocumentStartEvent or event.version or event.tags:
        raise UnsupportedError("directives")
    # Open collections: [container, is_mapping, key, key line, key column, has key, size,
    # anchor, line, column, flow style].
    stack: list[list[Any]] = []
    anchors: dict[str, tuple[Any, int, int, int]] = {}
    aliased = 0
    root: Any = None
    done = False
    while not done:
        event = get()
        kind = type(event)
        if kind is ScalarEvent:
            if event.tag is not None:
                raise UnsupportedError("tag")
            mark = event.start_mark
            if event.implicit[0]:
                value = _plain(event.value)
            else:
                value = event.value
                if event.style in _BLOCK_STYLES:
                    _check_block_header(text, mark.index, event.anchor)
            if (
                value is None
                and event.value == ""
                and event.anchor is None
                and stack
                and stack[-1][5]
            ):
                # An empty value: ruamel places it differently.
                if stack[-1][10]:
                    raise UnsupportedError("an empty value in a flow mapping")
                line, column = _empty_value_mark(parser, text)
            else:
                line, column = mark.line, mark.column
            size = 1
            if event.anchor is not None:
                if event.anchor in anchors:
                    raise UnsupportedError("duplicate anchor")
                _check_name(text, mark.index, event.anchor)
                anchors[event.anchor] = (value, size, line, column)
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            if event.tag is not None:
                raise UnsupportedError("tag")
            if len(stack) >= _MAX_OPEN:
                raise UnsupportedError("deep")
            mark = event.start_mark
            if event.anchor is not None:
                if event.anchor in anchors:
                    raise UnsupportedError("duplicate anchor")
                _check_name(text, mark.index, event.anchor)
            is_map = kind is MappingStartEvent
            container = YMap(mark.line, mark.column) if is_map else YSeq(mark.line, mark.column)
            stack.append(
                [
                    container,
                    is_map,
                    None,
                    0,
                    0,
                    False,
                    1,
                    event.anchor,
                    mark.line,
                    mark.column,
                    event.flow_style,
                ]
            )
            continue
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            frame = stack.pop()
            value, size, line, column = frame[0], frame[6], frame[8], frame[9]
            if frame[7] is not None:
                anchors[frame[7]] = (value, size, line, column)
        elif kind is AliasEvent:
            _check_name(text, event.start_mark.index, event.anchor)
            target = anchors.get(event.anchor)
            if target is None:  # undefined, or an alias inside its own anchor
                raise UnsupportedError("alias")
            value, size, line, column = target
            aliased += size
            if aliased > MAX_ALIAS_NODES:
                raise UnsupportedError("alias bomb")
        else:
            raise UnsupportedError(kind.__name__)
        # Attach the finished value to the collection it is in.
        if not stack:
            if kind is ScalarEvent:  # not a manifest; libyaml reads a root `|` differently
                raise UnsupportedError("a document that is a scalar")
            root = value
            done = True
            continue
        frame = stack[-1]
        if frame[1]:
            if not frame[5]:
                if isinstance(value, YMap | YSeq):
                    raise UnsupportedError("collection as a key")
                if value in frame[0]:
                    raise UnsupportedError("duplicate key")
                frame[2], frame[3], frame[4], frame[5] = value, line, column, True
                frame[6] += size
                continue
            key = frame[2]
            frame[0][key] = value
            frame[0].marks[key] = (frame[3], frame[4], line, column)
            frame[5] = False
            frame[6] += size
        else:
            frame[0].append(value)
            frame[0].marks.append((line, column))
            frame[6] += size
    if type(get()) is not DocumentEndEvent or type(get()) is not StreamEndEvent:
        raise UnsupportedError("more than one document")
    return root


def _empty_value_mark(parser: Any, text: str) -> tuple[int, int]:
    """Where ruamel places the empty value of a block mapping's key (``key:`` and nothing):
    at the end of the token that follows, which is where the next key starts (or where the
    mapping ends), unless that token is an empty key's ``:`` (complex keys never get here).
    At the end of a text without a final line break, libyaml moves to a new line; ruamel
    stays at the end of the last one."""
    following = parser.peek_event()
    if type(following) is ScalarEvent and following.value == "" and following.implicit[0]:
        raise UnsupportedError("an empty key after an empty value")
    mark = following.start_mark
    if mark.index >= len(text) and mark.column == 0 and text and text[-1] not in "\r\n":
        start = max(text.rfind("\n"), text.rfind("\r")) + 1
        return mark.line - 1, len(text) - start
    return mark.line, mark.column


def _check_block_header(text: str, index: int, anchor: str | None) -> None:
    """That ruamel reads the same block scalar header at ``index`` (``|``, ``>-``, ``|2+``):
    ruamel wants a space before a comment on it, libyaml does not."""
    if anchor is not None and text[index : index + 1] == "&":  # `&name |`
        index += 1 + len(anchor)
        while text[index : index + 1] == " ":
            index += 1
    if text[index : index + 1] not in ("|", ">"):
        raise UnsupportedError("a block scalar header ruamel may read otherwise")
    end = index + 1
    while text[end : end + 1] in _HEADER:
        end += 1
    if end < len(text) and text[end] not in " \r\n":
        raise UnsupportedError("a block scalar header ruamel may read otherwise")


def _check_name(text: str, index: int, name: str) -> None:
    """That ruamel reads the same anchor (or alias) name at ``index`` (``&name``, ``*name``):
    libyaml's names are letters, digits, ``-`` and ``_``; ruamel's go on to the next space or
    flow indicator."""
    end = index + 1 + len(name)
    if text[index + 1 : end] != name or (end < len(text) and text[end] not in " \r\n,[]{}"):
        raise UnsupportedError("an anchor name ruamel may read otherwise")
