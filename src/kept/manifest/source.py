"""Where each value of a manifest came from: file, line and column.

The loader records, for every path into the merged manifest (a tuple of mapping keys and list
indexes, the same shape Pydantic uses for error locations), the position of that value in its
YAML file. Errors and findings then name the exact place of the offending value.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["Path_", "Position", "SourceMap"]

Path_ = tuple[str | int, ...]
"""A path into the manifest: ``("dataset", 0, "collections", 2, "fields", 1, "name")``."""


@dataclass(frozen=True)
class Position:
    file: Path
    line: int  # 1-based
    column: int  # 1-based

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


class SourceMap:
    """Positions of manifest values by path; lookups fall back to the nearest ancestor."""

    def __init__(self) -> None:
        self._positions: dict[Path_, Position] = {}

    def record(self, path: Path_, position: Position) -> None:
        self._positions[path] = position

    def find(self, path: Path_) -> Position | None:
        for end in range(len(path), -1, -1):
            found = self._positions.get(tuple(path[:end]))
            if found is not None:
                return found
        return None

    def exact(self, path: Path_) -> Position | None:
        return self._positions.get(tuple(path))

    def __len__(self) -> int:
        return len(self._positions)
