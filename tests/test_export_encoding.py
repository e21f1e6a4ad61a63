"""The export's JSON and CSV encodings of the values databases return (orjson, batched)."""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import io
import json
import uuid
import zipfile
from pathlib import Path

from kept.export import Export
from kept.manifest.models import Manifest

ROW = {
    "id": 2**70,  # beyond 64 bits: the standard library encodes it
    "name": "Åsa «quoted», comma",
    "at": dt.datetime(2021, 1, 6, 1, 0, 0, 123456),
    "day": dt.date(2021, 1, 6),
    "amount": decimal.Decimal("12.50"),
    "blob": b"\x01\xff",
    "ref": uuid.UUID(int=1),
    "none": None,
    "ok": True,
    "ratio": 0.25,
}


def test_values_are_encoded_alike_in_json_and_csv(tmp_path: Path) -> None:
    rows = [ROW, {**ROW, "id": 3}] * 2500  # more than one batch
    path = tmp_path / "export.zip"
    with Export(path, Manifest(), request_id="r") as out:
        assert out.add_table("d.t", list(ROW), iter(rows)) == 5000
        assert out.add_table("d.empty", ["a"], iter([])) == 0
    with zipfile.ZipFile(path) as z:
        data = json.loads(z.read("data/d.t.json"))
        table = list(csv.reader(io.StringIO(z.read("data/d.t.csv").decode("utf-8"))))
        assert json.loads(z.read("data/d.empty.json")) == []
    expected = {
        "id": 2**70,
        "name": "Åsa «quoted», comma",
        "at": "2021-01-06T01:00:00.123456",
        "day": "2021-01-06",
        "amount": "12.50",
        "blob": "01ff",
        "ref": "00000000-0000-0000-0000-000000000001",
        "none": None,
        "ok": True,
        "ratio": 0.25,
    }
    assert data[0] == expected and data[1]["id"] == 3 and len(data) == 5000
    assert table[0] == list(ROW)
    assert table[1] == [
        str(2**70),
        "Åsa «quoted», comma",
        "2021-01-06T01:00:00.123456",
        "2021-01-06",
        "12.50",
        "01ff",
        "00000000-0000-0000-0000-000000000001",
        "",
        "True",
        "0.25",
    ]
    assert len(table) == 5001
