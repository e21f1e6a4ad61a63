"""CSV injection: text cells a spreadsheet would run as a formula are neutralised."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

from kept.export import Export
from kept.manifest.models import Manifest

HOSTILE = ['=HYPERLINK("http://evil.example")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\r=1"]


def test_formula_cells_are_neutralised_in_the_csv_only(tmp_path: Path) -> None:
    path = tmp_path / "export.zip"
    rows = [{"id": i, "note": text, "n": -5} for i, text in enumerate([*HOSTILE, "plain", ""])]
    with Export(path, Manifest(), request_id="req_1") as export:
        export.add_table("shop.notes", ["id", "note", "n"], rows)
    with zipfile.ZipFile(path) as archive:
        table = list(csv.reader(io.StringIO(archive.read("data/shop.notes.csv").decode())))
        as_json = json.loads(archive.read("data/shop.notes.json"))
    notes = [row[1] for row in table[1:]]
    assert notes == [*("'" + text for text in HOSTILE), "plain", ""]
    assert all(row[2] == "-5" for row in table[1:])  # numbers are numbers, not formulas
    assert [r["note"] for r in as_json] == [*HOSTILE, "plain", ""]  # the JSON is the data


def test_large_tables_stream_deflated_and_small_ones_are_stored(tmp_path: Path) -> None:
    """A table past 64 KB streams into a deflated member (its CSV spooled on disk past 1 MB);
    a small one is stored whole. A formula cell far into a large table is still neutralised."""
    path = tmp_path / "export.zip"
    big = [{"id": i, "note": f"row {i} " + "x" * 40, "amount": i / 4} for i in range(40_000)]
    big[33_333]["note"] = "=1+1"
    with Export(path, Manifest(), request_id="req_1") as export:
        assert export.add_table("shop.big", ["id", "note", "amount"], iter(big)) == 40_000
        assert export.add_table("shop.small", ["id", "note"], [{"id": 1, "note": "-1"}]) == 1
        assert export.add_table("shop.empty", ["id"], []) == 0
    with zipfile.ZipFile(path) as archive:
        kinds = {i.filename: i.compress_type for i in archive.infolist()}
        assert kinds["data/shop.big.json"] == zipfile.ZIP_DEFLATED
        assert kinds["data/shop.big.csv"] == zipfile.ZIP_DEFLATED
        assert kinds["data/shop.small.json"] == zipfile.ZIP_STORED
        assert json.loads(archive.read("data/shop.big.json")) == big
        table = list(csv.reader(io.StringIO(archive.read("data/shop.big.csv").decode())))
        assert json.loads(archive.read("data/shop.empty.json")) == []
        small = list(csv.reader(io.StringIO(archive.read("data/shop.small.csv").decode())))
    assert table[0] == ["id", "note", "amount"]
    assert len(table) == 40_001
    assert table[33_334] == ["33333", "'=1+1", "8333.25"]
    assert table[1] == ["0", "row 0 " + "x" * 40, "0.0"]
    assert small == [["id", "note"], ["1", "'-1"]]
