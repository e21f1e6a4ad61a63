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
