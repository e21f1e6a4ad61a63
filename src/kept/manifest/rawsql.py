"""The guard on raw SQL in data checks: one SELECT, nothing else.

:func:`select_problem` reads the text outside string literals, quoted names and comments: it
refuses a second statement (a ``;`` before the end), anything that does not start with
``SELECT`` or ``WITH``, and the words that write or lock (``INSERT``, ``UPDATE``, ``DELETE``,
``INTO``, ``FOR UPDATE``...). It is the first of two guards: the query then runs in a
read-only transaction (:func:`kept.check.data.read_only`), which the database enforces.
"""

from __future__ import annotations

import itertools
import re

__all__ = ["select_problem", "strip_sql"]

_WRITES = frozenset(
    {
        "insert",
        "update",
        "delete",
        "merge",
        "upsert",
        "truncate",
        "drop",
        "alter",
        "create",
        "grant",
        "revoke",
        "copy",
        "call",
        "exec",
        "execute",
        "do",
        "into",
        "lock",
        "set",
        "vacuum",
        "analyze",
        "attach",
        "detach",
        "pragma",
        "load_file",
        "outfile",
        "dumpfile",
        "handler",
        "pg_sleep",
        "sleep",
        "benchmark",
        "set_config",
        "pg_terminate_backend",
        "pg_cancel_backend",
        "dblink",
        "lo_import",
        "lo_export",
        "nextval",
        "setval",
    }
)
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_$]*")
_DOLLAR = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)?\$")


def strip_sql(text: str) -> str:
    """The text with literals replaced by ``''``, quoted names by ``""`` and comments by a
    space; raises ValueError on an unterminated literal, name or comment."""
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in "'\"`":
            end = i + 1
            while True:
                end = text.find(ch, end)
                if end < 0:
                    what = "string" if ch == "'" else "quoted name"
                    raise ValueError(f"an unterminated {what} starting at character {i + 1}")
                if end + 1 < n and text[end + 1] == ch:  # a doubled quote inside
                    end += 2
                    continue
                if ch == "'" and text[end - 1] == "\\" and not _even_backslashes(text, end):
                    end += 1
                    continue
                break
            out.append("''" if ch == "'" else '""')
            i = end + 1
        elif text.startswith("--", i) or ch == "#":
            end = text.find("\n", i)
            out.append(" ")
            i = n if end < 0 else end + 1
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            if end < 0:
                raise ValueError(f"an unterminated comment starting at character {i + 1}")
            out.append(" ")
            i = end + 2
        elif ch == "$" and (tag := _DOLLAR.match(text, i)) is not None:
            end = text.find(tag.group(0), tag.end())
            if end < 0:
                raise ValueError(f"an unterminated $-quoted string at character {i + 1}")
            out.append("''")
            i = end + len(tag.group(0))
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _even_backslashes(text: str, quote: int) -> bool:
    count = 0
    j = quote - 1
    while j >= 0 and text[j] == "\\":
        count += 1
        j -= 1
    return count % 2 == 0


def select_problem(sql: str) -> str | None:
    """Why ``sql`` is not a single read-only SELECT, or None when it is."""
    try:
        bare = strip_sql(sql).strip()
    except ValueError as exc:
        return f"the SQL cannot be read: {exc}"
    bare = bare.rstrip().rstrip(";").rstrip()
    if not bare:
        return "the SQL is empty"
    if ";" in bare:
        return "the SQL holds more than one statement (a ';' before its end)"
    words = [w.lower() for w in _WORD.findall(bare)]
    if not words or words[0] not in ("select", "with"):
        return "the SQL must be one SELECT (or WITH ... SELECT)"
    for word in words:
        if word in _WRITES:
            return f"the SQL uses {word.upper()!r}: a data check only reads"
    for first, second in itertools.pairwise(words):
        if first == "for" and second in ("update", "share", "no", "key"):
            return "the SQL locks rows (FOR UPDATE / FOR SHARE): a data check only reads"
    return None
