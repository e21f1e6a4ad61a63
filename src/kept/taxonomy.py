"""The data taxonomy: fideslang's default data categories, uses and subjects, plus the custom
keys a manifest declares (each with a parent that already exists).

Keys are hierarchical and dot-separated (``user.contact.email``); a key is *under* another when
it equals it or starts with it followed by a dot.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from functools import cache
from pathlib import Path

__all__ = ["Kind", "Taxonomy", "TaxonomyEntry", "default_taxonomy", "is_under"]


class Kind(str, Enum):
    """The three vocabularies of the taxonomy."""

    DATA_CATEGORY = "data_category"
    DATA_USE = "data_use"
    DATA_SUBJECT = "data_subject"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


@dataclass(frozen=True)
class TaxonomyEntry:
    key: str
    name: str
    parent: str | None
    description: str = ""
    custom: bool = False


def is_under(key: str, ancestor: str) -> bool:
    """``True`` when ``key`` is ``ancestor`` or one of its descendants."""
    return key == ancestor or key.startswith(ancestor + ".")


@dataclass
class Taxonomy:
    """A set of keys per kind. Build it with :func:`default_taxonomy` then :meth:`extend`."""

    entries: dict[Kind, dict[str, TaxonomyEntry]] = field(default_factory=dict)

    def keys(self, kind: Kind) -> list[str]:
        return list(self.entries.get(kind, {}))

    def has(self, kind: Kind, key: str) -> bool:
        return key in self.entries.get(kind, {})

    def get(self, kind: Kind, key: str) -> TaxonomyEntry | None:
        return self.entries.get(kind, {}).get(key)

    def suggest(self, kind: Kind, key: str) -> str | None:
        """The nearest valid key for a misspelt one, or ``None`` when nothing is close."""
        candidates = self.keys(kind)
        # Compare whole keys first; then among keys with the same parent path.
        close = difflib.get_close_matches(key, candidates, n=1, cutoff=0.75)
        if close:
            return close[0]
        parent = key.rpartition(".")[0]
        siblings = [c for c in candidates if c.rpartition(".")[0] == parent]
        close = difflib.get_close_matches(key, siblings, n=1, cutoff=0.5)
        return close[0] if close else None

    def extend(self, kind: Kind, new: Iterable[TaxonomyEntry]) -> Taxonomy:
        """A copy with ``new`` entries added (parents are checked by the manifest validation)."""
        entries = {k: dict(v) for k, v in self.entries.items()}
        bucket = entries.setdefault(kind, {})
        for entry in new:
            bucket[entry.key] = entry
        return Taxonomy(entries)


_SNAPSHOT = Path(__file__).with_name("taxonomy_default.json")


@cache
def default_taxonomy() -> Taxonomy:
    """fideslang's default taxonomy (85 data categories, 56 data uses, 15 data subjects).

    Read from ``taxonomy_default.json``, a snapshot of fideslang's (importing fideslang costs
    a third of a second at every start); ``tests/test_taxonomy_snapshot.py`` holds it equal to
    the installed fideslang, and :func:`fideslang_taxonomy` regenerates it."""
    data = json.loads(_SNAPSHOT.read_text(encoding="utf-8"))
    return Taxonomy(
        {
            kind: {
                key: TaxonomyEntry(key=key, name=name, parent=parent, description=description)
                for key, name, parent, description in data[kind.value]
            }
            for kind in Kind
        }
    )


def fideslang_taxonomy() -> dict[str, list[list[str | None]]]:
    """The installed fideslang's default taxonomy, in the snapshot's shape."""
    from fideslang.default_taxonomy import DEFAULT_TAXONOMY

    def load(items: Iterable[object]) -> list[list[str | None]]:
        out: list[list[str | None]] = []
        for item in items:
            key = str(getattr(item, "fides_key"))  # noqa: B009 - fideslang is untyped here
            parent = getattr(item, "parent_key", None)
            name = str(getattr(item, "name", None) or key)
            description = str(getattr(item, "description", None) or "")
            out.append([key, name, str(parent) if parent else None, description])
        return out

    return {
        Kind.DATA_CATEGORY.value: load(DEFAULT_TAXONOMY.data_category),
        Kind.DATA_USE.value: load(DEFAULT_TAXONOMY.data_use),
        Kind.DATA_SUBJECT.value: load(DEFAULT_TAXONOMY.data_subject),
    }
