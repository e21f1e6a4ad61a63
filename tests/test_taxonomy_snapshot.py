"""Kept's snapshot of fideslang's default taxonomy equals the installed fideslang's."""

from __future__ import annotations

import json

from kept.taxonomy import _SNAPSHOT, fideslang_taxonomy


def test_snapshot_equals_the_installed_fideslang() -> None:
    # On a fideslang upgrade: python -c "import json; from kept.taxonomy import
    # fideslang_taxonomy as f; print(json.dumps(f(), indent=1, ensure_ascii=False))"
    # > src/kept/taxonomy_default.json
    assert json.loads(_SNAPSHOT.read_text(encoding="utf-8")) == fideslang_taxonomy()
