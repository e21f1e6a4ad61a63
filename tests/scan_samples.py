"""The public sample databases of tests/data (classicmodels, Chinook, Mastodon): loading them
and scoring the classifier against their hand-written labels."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa
import yaml
from pymysql.constants import CLIENT

from kept.check.classify import ColumnFacts, classify_table
from kept.scan.sample import sample_table
from kept.scan.schema import read_schema

DATA = Path(__file__).parent / "data"

# Where the data has none: upper-case e-mail addresses (a third of the rows).
AUGMENT = {
    "classicmodels": ["UPDATE employees SET email = UPPER(email) WHERE employeeNumber % 3 = 0"],
    "chinook": [
        "UPDATE customer SET email = UPPER(email) WHERE customer_id % 3 = 0",
        "UPDATE employee SET email = UPPER(email) WHERE employee_id % 3 = 0",
    ],
}


def load(url: str, name: str) -> None:
    """Load tests/data/NAME/NAME.sql into the (empty) database at ``url``."""
    script = (DATA / name / f"{name}.sql").read_text(encoding="utf-8")
    if url.startswith("mysql"):
        engine = sa.create_engine(url, connect_args={"client_flag": CLIENT.MULTI_STATEMENTS})
        raw = engine.raw_connection()
        try:
            cur = raw.cursor()
            cur.execute(script)
            while cur.nextset():
                pass
            for stmt in AUGMENT.get(name, []):
                cur.execute(stmt)
            raw.commit()
        finally:
            raw.close()
            engine.dispose()
        return
    engine = sa.create_engine(url)
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        cur.execute(script)  # no parameters: psycopg sends the script as it is
        for stmt in AUGMENT.get(name, []):
            cur.execute(stmt)
        raw.commit()
    finally:
        raw.close()
        engine.dispose()


def labels(name: str) -> dict[tuple[str, str], str | None]:
    raw = yaml.safe_load((DATA / name / "labels.yaml").read_text(encoding="utf-8"))
    return {
        (table, column): (None if cat in ("-", None) else str(cat))
        for table, columns in raw.items()
        for column, cat in columns.items()
    }


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    same_category: int = 0
    missed: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    blank: list[str] = field(default_factory=list)  # missed, and no value in the sample

    @property
    def recall_with_values(self) -> float:
        """Recall over the labelled columns whose sample holds a value (an empty column says
        nothing by its values)."""
        told = self.tp + self.fn - len(self.blank)
        return self.tp / told if told else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    def add(self, other: Score) -> Score:
        return Score(
            self.tp + other.tp,
            self.fp + other.fp,
            self.fn + other.fn,
            self.same_category + other.same_category,
            self.missed + other.missed,
            self.wrong + other.wrong,
            self.blank + other.blank,
        )

    def __str__(self) -> str:
        return (
            f"recall {self.recall:.1%} ({self.tp}/{self.tp + self.fn}), precision "
            f"{self.precision:.1%} ({self.tp}/{self.tp + self.fp}); missed {self.missed}; "
            f"false positives {self.wrong}; recall over columns with values "
            f"{self.recall_with_values:.1%} ({len(self.blank)} missed columns empty in the sample)"
        )


def score(
    url: str, expected: dict[tuple[str, str], str | None], *, values_only: bool, sample: int = 100
) -> Score:
    """Classify every labelled column (renamed ``c0``, ``c1``... when ``values_only``)."""
    engine = sa.create_engine(url)
    result = Score()
    try:
        tables = read_schema("sample", engine)
        wanted = {t for t, _ in expected}
        with engine.connect() as conn:
            for table in tables.values():
                if table.name not in wanted:
                    continue
                cols = list(table.columns.values())
                alias = {c.name: (f"c{i}" if values_only else c.name) for i, c in enumerate(cols)}
                facts = [
                    ColumnFacts(
                        alias[c.name],
                        table.name,
                        c.kind,
                        None if values_only else c.comment,
                        tuple(alias[o.name] for o in cols if o is not c),
                    )
                    for c in cols
                ]
                names = [c.name for c in cols if c.kind in ("text", "number", "date", "binary")]
                values = sample_table("sample", conn, table.name, names, sample)
                found = classify_table(table.name, facts, {alias[k]: v for k, v in values.items()})
                for c in cols:
                    truth = expected[(table.name, c.name)]
                    hit = found.get(alias[c.name])
                    where = f"{table.name}.{c.name}"
                    if truth and hit:
                        result.tp += 1
                        result.same_category += hit.category == truth
                    elif truth:
                        result.fn += 1
                        result.missed.append(where)
                        told = [v for v in values.get(c.name, []) if v is not None]
                        if not [v for v in told if not isinstance(v, str) or v.strip()]:
                            result.blank.append(where)
                    elif hit:
                        result.fp += 1
                        result.wrong.append(f"{where}={hit.category}")
    finally:
        engine.dispose()
    return result
