"""Write draft collections as YAML: Kept's manifest format, or a Fides dataset file.

Evidence and confidence go into comments beside each category, so a reviewer sees why a
column was classified and deletes the comment once satisfied. Written as text (not through a
YAML dumper) so the layout is the one people write by hand.
"""

from __future__ import annotations

import json
import re

from kept.scan.draft import CollectionDraft, FieldDraft

__all__ = ["render_collections", "render_dataset", "render_fides", "render_manifest"]

_PLAIN = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]*$")
_RESERVED = frozenset("null true false yes no on off y n ~".split())


def _scalar(value: object) -> str:
    if isinstance(value, str) and _PLAIN.match(value) and value.lower() not in _RESERVED:
        return value
    return json.dumps(value, ensure_ascii=False)


def _comment(text: str) -> str:
    return " ".join(text.split())


def _data_type(fld: FieldDraft) -> str | None:
    kind = fld.column.kind
    if kind == "text":
        return "string"
    if kind == "bool":
        return "boolean"
    if kind == "number":
        return (
            "float"
            if any(t in fld.column.type.upper() for t in ("NUM", "DEC", "FLOAT", "REAL", "DOUBLE"))
            else "integer"
        )
    return None


def _field(fld: FieldDraft, dataset: str, indent: str) -> list[str]:
    lines = [f"{indent}- name: {_scalar(fld.name)}"]
    inner = indent + "  "
    line = f"{inner}data_categories: [{fld.category}]"
    if fld.found is not None:
        line += f"  # {fld.found.confidence:.2f} {fld.found.source}: {_comment(fld.found.reason)}"
    elif fld.category == "user.unique_id":
        line += "  # points at a row of a person"
    lines.append(line)
    meta: list[str] = []
    if fld.column.primary_key:
        meta.append("primary_key: true")
    if fld.identity:
        meta.append(f"identity: {fld.identity}")
    data_type = _data_type(fld)
    if data_type:
        meta.append(f"data_type: {data_type}")
    if fld.column.length and fld.column.kind == "text":
        meta.append(f"length: {fld.column.length}")
    active = [r for r in fld.references if r.direction is not None]
    if active:
        lines.append(f"{inner}fides_meta:")
        for item in meta:
            lines.append(f"{inner}  {item}")
        lines.append(f"{inner}  references:")
        for ref in active:
            note = f"  # {'inferred: ' if ref.inferred else ''}{_comment(ref.note)}"
            target = _scalar(f"{ref.table}.{ref.column}")
            lines.append(
                f"{inner}    - {{dataset: {dataset}, field: {target}, "
                f"direction: {ref.direction}}}{note}"
            )
    elif meta:
        lines.append(f"{inner}fides_meta: {{{', '.join(meta)}}}")
    for ref in fld.references:
        if ref.direction is None:
            lines.append(
                f"{inner}# refers to {ref.table}.{ref.column}, not followed by requests: "
                f"{_comment(ref.note)}"
            )
    if fld.erase is not None:
        erase = (
            fld.erase
            if isinstance(fld.erase, str)
            else "{" + ", ".join(f"{k}: {_scalar(v)}" for k, v in fld.erase.items()) + "}"
        )
        lines.append(f"{inner}erase: {erase}  # {fld.erase_reason}")
    return lines


def render_collections(
    collections: list[CollectionDraft], dataset: str, indent: str = "      "
) -> list[str]:
    """The ``- name: ...`` items of a ``collections:`` list."""
    lines: list[str] = []
    for coll in collections:
        lines.append(f"{indent}- name: {_scalar(coll.name)}")
        if coll.table.comment:
            lines.append(f"{indent}  description: {json.dumps(coll.table.comment)}")
        lines.append(f"{indent}  fields:")
        for fld in coll.fields:
            lines.extend(_field(fld, dataset, indent + "    "))
    return lines


def render_dataset(collections: list[CollectionDraft], dataset: str, name: str) -> list[str]:
    return [
        f"  - fides_key: {dataset}",
        f"    name: {json.dumps(name)}",
        "    collections:",
        *render_collections(collections, dataset),
    ]


def render_manifest(
    collections: list[CollectionDraft],
    *,
    store: str,
    url: str,
    dataset: str,
    schema: str | None,
    header: str,
) -> str:
    """A whole draft manifest: the store and one dataset."""
    lines = [f"# {line}" if line else "#" for line in header.splitlines()]
    lines += ["kept: 1", "", "stores:", f"  - name: {store}", f"    url: {json.dumps(url)}"]
    lines.append(f"    datasets: [{dataset}]")
    if schema:
        lines.append(f"    schema: {_scalar(schema)}")
    lines += ["", "dataset:", *render_dataset(collections, dataset, f"{store} (scanned)")]
    return "\n".join(lines) + "\n"


def render_fides(collections: list[CollectionDraft], dataset: str, header: str) -> str:
    """A Fides dataset file (``fides generate dataset`` shape, with Kept's categories)."""
    lines = [f"# {line}" if line else "#" for line in header.splitlines()]
    lines += ["dataset:", *render_dataset(collections, dataset, dataset)]
    # Fides has no `erase:`; its masking strategies live in policies, not datasets
    return "\n".join(line for line in lines if not line.lstrip().startswith("erase:")) + "\n"
