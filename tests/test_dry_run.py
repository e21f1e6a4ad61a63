"""A dry run executes the real statements and rolls back: "the dry run says executable"
implies "the real run succeeds", for random manifests over a schema with constraints (NOT
NULL, VARCHAR lengths, a unique column, number columns, other people's rows referencing the
person's under RESTRICT), on SQLite, PostgreSQL and MariaDB."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kept.errors import KeptError
from kept.execution import Identity, run_erasure
from kept.manifest import load_manifest

ADA = [Identity("email", "ada@example.com")]
TABLES = ["endorsements", "posts", "people"]
FIELD_ACTIONS = st.sampled_from(
    ["", "nullify", "hash", "{action: fixed, value: x}", "{action: fixed, value: " + "y" * 70 + "}"]
)


def _field(name: str, category: str, action: str, extra: str = "") -> str:
    erase = f", erase: {action}" if action else ""
    return f"          - {{name: {name}, data_categories: [{category}]{erase}{extra}}}\n"


def _manifest(choice: dict[str, str]) -> str:
    people_erase = "        erase: delete_row\n" if choice["people"] == "delete" else ""
    posts_erase = {
        "delete": "        erase: delete_row\n",
        "keep": '        erase: {action: keep, ground: "kept"}\n',
    }.get(choice["posts"], "")
    return (
        "organization: {name: Dry AS, jurisdictions: [eu]}\n"
        'stores:\n  - {name: main, url: "${DRY_URL}"}\n'
        "dataset:\n  - fides_key: d\n    collections:\n      - name: people\n"
        + people_erase
        + "        fields:\n"
        + "          - {name: id, data_categories: [user.unique_id], "
        + "fides_meta: {primary_key: true}}\n"
        + _field("email", "user.contact.email", choice["email"], ", fides_meta: {identity: email}")
        + _field("name", "user.name", choice["name"])
        + _field("code", "user.unique_id", choice["code"])
        + _field("age", "user.demographic", choice["age"])
        + "      - name: posts\n"
        + posts_erase
        + "        fields:\n"
        + "          - {name: id, data_categories: [system.operations], "
        + "fides_meta: {primary_key: true}}\n"
        + "          - name: person_id\n            data_categories: [user.unique_id]\n"
        + "            fides_meta:\n"
        + "              references: [{dataset: d, field: people.id, direction: from}]\n"
        + _field("title", "user.content.public", choice["title"])
    )


def _schema(url: str, endorsed: bool, *, tables: bool = True) -> None:
    """The three tables and their rows. With ``tables`` false, the tables an earlier call
    made are emptied and filled again instead (no DDL per Hypothesis example)."""
    engine = sa.create_engine(url, poolclass=sa.NullPool)
    with engine.begin() as conn:
        for table in TABLES:
            conn.exec_driver_sql(f"{'DROP TABLE IF EXISTS' if tables else 'DELETE FROM'} {table}")
        if tables:
            _create_tables(conn)
        conn.exec_driver_sql(
            "INSERT INTO people VALUES (1, 'ada@example.com', 'Ada', 'A1', 36), "
            "(2, 'bob@example.com', 'Bob', 'x', 40), (3, 'ada@example.com.old', 'Ada', 'A3', 36)"
        )
        conn.exec_driver_sql(
            "INSERT INTO posts VALUES (10, 1, 'Hello'), (11, 1, 'Again'), (12, 2, 'Bob here')"
        )
        if endorsed:  # Bob's row references Ada's: an undeclared reference of another person
            conn.exec_driver_sql("INSERT INTO endorsements VALUES (100, 2, 1)")
    engine.dispose()


def _create_tables(conn: sa.Connection) -> None:
    conn.exec_driver_sql(
        "CREATE TABLE people (id INTEGER PRIMARY KEY, email VARCHAR(80) NOT NULL UNIQUE, "
        "name VARCHAR(60) NOT NULL, code VARCHAR(10) UNIQUE, age INTEGER)"
    )
    conn.exec_driver_sql(
        "CREATE TABLE posts (id INTEGER PRIMARY KEY, person_id INTEGER NOT NULL "
        "REFERENCES people (id), title VARCHAR(60))"
    )
    conn.exec_driver_sql(
        "CREATE TABLE endorsements (id INTEGER PRIMARY KEY, "
        "by_person INTEGER REFERENCES people (id), of_person INTEGER REFERENCES people (id))"
    )


_MADE: set[str] = set()  # the databases whose tables an example of the property made

CHOICES = st.fixed_dictionaries(
    {
        "people": st.sampled_from(["update", "delete"]),
        "posts": st.sampled_from(["update", "delete", "keep"]),
        "email": st.sampled_from(["nullify", "hash", "{action: fixed, value: gone}"]),
        "name": FIELD_ACTIONS,
        "code": FIELD_ACTIONS,
        "age": FIELD_ACTIONS,
        "title": FIELD_ACTIONS,
        "endorsed": st.sampled_from(["yes", "no"]),
    }
)


@pytest.mark.slow
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(choice=CHOICES)
def test_dry_run_executable_implies_the_real_run_succeeds(
    choice: dict[str, str], any_db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the first example of a database makes its tables, the next ones refill them
    _schema(any_db_url, choice["endorsed"] == "yes", tables=any_db_url not in _MADE)
    _MADE.add(any_db_url)
    monkeypatch.setenv("DRY_URL", any_db_url)
    path = tmp_path / "kept.yaml"
    path.write_text(_manifest(choice), encoding="utf-8")
    loaded = load_manifest(path)
    try:
        dry = run_erasure(loaded, {"r": ADA}, dry_run=True, secret=b"test-secret")
    except KeptError:
        return  # refused at planning (a manifest the engine cannot run): nothing promised
    for problem in dry.problems:
        assert "ada@" not in problem and "Hello" not in problem
    if dry.executable:
        result = run_erasure(loaded, {"r": ADA}, secret=b"k")
        assert result.verified
    else:
        with pytest.raises(KeptError):
            run_erasure(loaded, {"r": ADA}, secret=b"k")


def test_dry_run_predicts_restrict_nullify_and_length(
    sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _schema(sqlite_url, True)
    monkeypatch.setenv("DRY_URL", sqlite_url)
    path = tmp_path / "kept.yaml"
    choice = dict.fromkeys(["name", "code", "age", "title"], "")
    choice |= {"people": "delete", "posts": "delete", "email": "nullify"}
    path.write_text(_manifest(choice), encoding="utf-8")
    dry = run_erasure(load_manifest(path), {"r": ADA}, dry_run=True, secret=b"test-secret")
    assert not dry.executable
    assert "FOREIGN KEY" in dry.problems[0]  # Bob's endorsement of Ada's row
    choice |= {"people": "update", "name": "nullify", "code": "hash"}
    path.write_text(_manifest(choice), encoding="utf-8")
    dry = run_erasure(load_manifest(path), {"r": ADA}, dry_run=True, secret=b"test-secret")
    assert sorted(p.split(":")[0] for p in dry.problems) == [
        "d.people.code (VARCHAR(10))",
        "d.people.email (VARCHAR(80))",
        "d.people.name (VARCHAR(60))",
    ]
