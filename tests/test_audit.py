"""The audit log: appending, reading, and detecting every kind of tampering, on real databases."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import kept.audit
import kept.cli.audit
from kept.audit import (
    GENESIS,
    AuditEntry,
    AuditLog,
    AuditRecord,
    BreakKind,
    normalise_identity,
    subject_reference,
)
from kept.cli import _register, app
from kept.control import open_control, secret_key, write_transaction
from kept.errors import AuditError

DATABASES = [
    "sqlite",
    pytest.param("postgres", marks=pytest.mark.postgres),
    pytest.param("mariadb", marks=pytest.mark.mariadb),
]
STORED = ["actor", "action", "subject_ref", "tenant", "details", "created_at", "prev_hash", "hash"]
HASHED = ["seq", "created_at", "actor", "action", "subject_ref", "tenant", "details", "prev_hash"]


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("KEPT_DATABASE_URL", "KEPT_SECRET_KEY", "KEPT_AUDIT_KEY"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(params=DATABASES)
def db_url(request: pytest.FixtureRequest) -> str:
    url: str = request.getfixturevalue(f"{request.param}_url")
    return url


@pytest.fixture
def engine(db_url: str) -> Iterator[sa.Engine]:
    engine = open_control(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def log(engine: sa.Engine) -> AuditLog:
    return AuditLog(engine)


def fill(log: AuditLog, count: int = 5) -> list[AuditEntry]:
    return [
        log.append(
            f"staff-{i % 2}",
            "dsr.erasure.executed" if i % 2 else "consent.recorded",
            subject=f"person{i}@example.com" if i % 3 else None,
            tenant="acme" if i % 2 else None,
            details={"request": f"R-{i}", "rows": i * 10, "tables": ["orders", "users"]},
        )
        for i in range(1, count + 1)
    ]


def execute(engine: sa.Engine, sql: str, **params: Any) -> None:
    with engine.begin() as conn:
        conn.execute(sa.text(sql), params)


def broken(log: AuditLog) -> list[tuple[int | None, BreakKind]]:
    return [(b.seq, b.kind) for b in log.verify().breaks]


def documented_hash(row: dict[str, Any], key: bytes | None = None) -> str:
    """The entry hash exactly as docs/audit.md describes it, written independently."""
    material = json.dumps(
        {name: row[name] for name in HASHED},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    ).encode("utf-8")
    if key is None:
        return hashlib.sha256(material).hexdigest()
    return hmac.new(key, material, hashlib.sha256).hexdigest()


def stored_rows(engine: sa.Engine) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT * FROM kept_audit_log ORDER BY seq")).mappings()
        return [dict(row) for row in rows]


def test_public_names_are_pinned() -> None:
    assert set(kept.audit.__all__) == {
        "AUDIT_KEY_ENV",
        "GENESIS",
        "AuditBreak",
        "AuditEntry",
        "AuditLog",
        "AuditRecord",
        "AuditVerification",
        "BreakKind",
        "head_signature",
        "normalise_identity",
        "subject_reference",
    }
    assert kept.cli.audit.__all__ == ["audit_app"]


# -- appending and reading -----------------------------------------------------------------


def test_append_and_read_back(log: AuditLog) -> None:
    written = fill(log)
    assert [e.seq for e in written] == [1, 2, 3, 4, 5]
    assert written[0].prev_hash == GENESIS
    assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(written))
    assert list(log.entries()) == written
    first = written[1]
    assert first.actor == "staff-0"
    assert first.tenant is None
    assert first.details == {"request": "R-2", "rows": 20, "tables": ["orders", "users"]}
    assert first.created_at.tzinfo is UTC
    assert abs(datetime.now(UTC) - first.created_at) < timedelta(minutes=1)


def test_untouched_log_verifies(log: AuditLog) -> None:
    assert log.verify().ok
    entries = fill(log, 7)
    result = log.verify()
    assert result.ok, result.breaks
    assert result.checked == 7
    assert (result.head_seq, result.head_hash) == (7, entries[-1].hash)
    assert result.as_dict()["ok"] is True


def test_stored_hash_follows_the_documented_format(engine: sa.Engine) -> None:
    fill(AuditLog(engine), 3)
    fill(AuditLog(engine, audit_key="k"), 0)
    rows = stored_rows(engine)
    previous = GENESIS
    for row in rows:
        assert row["prev_hash"] == previous
        assert row["hash"] == documented_hash(row)
        previous = row["hash"]


def test_keyed_hash_follows_the_documented_format(engine: sa.Engine) -> None:
    fill(AuditLog(engine, audit_key="the audit key"), 3)
    for row in stored_rows(engine):
        assert row["hash"] == documented_hash(row, b"the audit key")
        assert row["hash"] != documented_hash(row)


def test_entries_filters(log: AuditLog) -> None:
    fill(log, 6)
    log.append("staff", "x", tenant="Acme")
    assert [e.seq for e in log.entries(since=4)] == [5, 6, 7]
    assert [e.seq for e in log.entries(limit=2)] == [1, 2]
    assert [e.seq for e in log.entries(tenant="acme")] == [1, 3, 5]  # exact, case-sensitive
    assert [e.seq for e in log.entries(tenant="Acme")] == [7]
    assert [e.seq for e in log.entries(since=datetime(2000, 1, 1))] == [1, 2, 3, 4, 5, 6, 7]
    assert list(log.entries(since=datetime.now(UTC) + timedelta(days=1))) == []
    assert [e.seq for e in log.latest(3)] == [5, 6, 7]
    assert [e.seq for e in log.latest(2, tenant="acme")] == [3, 5]


def test_entries_are_streamed(log: AuditLog) -> None:
    fill(log, 3)
    stream = log.entries()
    assert next(stream).seq == 1
    stream.close()  # the connection is given back; no ResourceWarning


def test_append_many_chains_like_single_appends(log: AuditLog) -> None:
    first = log.append("kept", "request.access", subject="a@example.com")
    batch = log.append_many(
        [
            AuditRecord("kept", "request.erasure", subject=f"p{n}@example.com", details={"n": n})
            for n in range(5)
        ]
    )
    assert [e.seq for e in batch] == [2, 3, 4, 5, 6]
    assert batch[0].prev_hash == first.hash
    assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(batch))
    assert batch[2].subject_ref == log.subject_ref("p2@example.com")
    last = log.append("kept", "after")
    assert last.prev_hash == batch[-1].hash
    assert log.verify().ok
    assert log.append_many([]) == []


def test_append_many_with_subject_references(log: AuditLog) -> None:
    ref = log.subject_ref("a@example.com")
    batch = log.append_many(  # the rest of the chain in the statement that moves the head
        [AuditRecord("kept", f"step.{n}", subject_ref=ref, tenant="t1") for n in range(60)]
    )
    assert {e.subject_ref for e in batch} == {ref} and batch[-1].seq == 60
    assert [e.seq for e in log.entries()] == list(range(1, 61))
    assert log.verify().ok
    with pytest.raises(AuditError, match="not both"):
        log.append_many([AuditRecord("kept", "x", subject="a@example.com", subject_ref=ref)])
    with pytest.raises(AuditError, match="64 lowercase hex"):
        log.append_many([AuditRecord("kept", "x", subject_ref="not-a-reference")])


def test_append_in_the_callers_transaction(engine: sa.Engine, log: AuditLog) -> None:
    execute(engine, "CREATE TABLE work (id INTEGER PRIMARY KEY)")
    with pytest.raises(RuntimeError), write_transaction(engine) as conn:
        conn.execute(sa.text("INSERT INTO work (id) VALUES (1)"))
        log.append("worker", "work.done", details={"id": 1}, conn=conn)
        raise RuntimeError("the work failed after the entry was written")
    assert list(log.entries()) == []
    assert log.verify().ok
    with write_transaction(engine) as conn:
        conn.execute(sa.text("INSERT INTO work (id) VALUES (2)"))
        entry = log.append("worker", "work.done", details={"id": 2}, conn=conn)
    assert list(log.entries()) == [entry]
    assert entry.seq == 1
    with engine.begin() as conn:  # a plain transaction works too
        log.append("worker", "work.done", conn=conn)
    assert log.verify().ok


def test_append_rejects_bad_input(log: AuditLog) -> None:
    with pytest.raises(AuditError, match="actor"):
        log.append("", "x")
    with pytest.raises(AuditError, match="action"):
        log.append("a", " ")
    with pytest.raises(AuditError, match="longer than 255"):
        log.append("a" * 256, "x")
    with pytest.raises(AuditError, match="not both"):
        log.append("a", "x", subject="bob@example.com", subject_ref="0" * 64)
    with pytest.raises(AuditError, match="64 lowercase hex"):
        log.append("a", "x", subject_ref="bob@example.com")
    with pytest.raises(AuditError, match="JSON"):
        log.append("a", "x", details={"when": datetime.now(UTC)})
    with pytest.raises(AuditError, match="JSON"):
        log.append("a", "x", details={"ratio": float("nan")})
    with pytest.raises(AuditError, match="empty"):
        log.append("a", "x", subject="   ")
    assert list(log.entries()) == []


# -- subject references --------------------------------------------------------------------


def test_subject_is_stored_as_a_keyed_reference(tmp_path: Path) -> None:
    path = tmp_path / "kept.db"
    engine = open_control(f"sqlite:///{path}")
    log = AuditLog(engine)
    entry = log.append("support", "dsr.access.received", subject=" Alice.Secret@Example.COM ")
    with engine.connect() as conn:
        key = secret_key(conn)
    engine.dispose()
    assert entry.subject_ref == subject_reference("alice.secret@example.com", key)
    assert entry.subject_ref == hmac.new(key, b"alice.secret@example.com", "sha256").hexdigest()
    stored = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("kept.db"))
    assert b"alice" not in stored.lower()


def test_subject_ref_lookup(log: AuditLog, monkeypatch: pytest.MonkeyPatch) -> None:
    entry = log.append("support", "x", subject="bob@example.com")
    assert log.subject_ref("BOB@example.com ") == entry.subject_ref
    assert [e.seq for e in log.entries()] == [1]
    monkeypatch.setenv("KEPT_SECRET_KEY", "another secret")
    assert AuditLog(log.engine).subject_ref("bob@example.com") != entry.subject_ref
    assert AuditLog(log.engine).subject_ref("bob@example.com") == subject_reference(
        "bob@example.com", b"another secret"
    )


def test_normalise_identity() -> None:
    assert normalise_identity("  Bob   Smith\t") == "bob smith"
    assert normalise_identity("ＢＯＢ@example.com") == "bob@example.com"  # NFKC
    assert normalise_identity("Straße") == "strasse"  # casefold


# -- tampering -----------------------------------------------------------------------------

TAMPERED_VALUES = {
    "actor": "mallory",
    "action": "nothing.happened",
    "subject_ref": "a" * 64,
    "tenant": "someone-else",
    "details": '{"request":"R-0","rows":0,"tables":[]}',
    "created_at": "2001-01-01T00:00:00.000000Z",
    "prev_hash": "e" * 64,
    "hash": "f" * 64,
}


@pytest.mark.parametrize("position", [3, 5], ids=["middle", "last"])
@pytest.mark.parametrize("column", STORED)
def test_editing_any_column_is_detected(
    engine: sa.Engine, log: AuditLog, column: str, position: int
) -> None:
    fill(log, 5)
    execute(
        engine,
        f"UPDATE kept_audit_log SET {column} = :value WHERE seq = :seq",
        value=TAMPERED_VALUES[column],
        seq=position,
    )
    result = log.verify()
    assert not result.ok
    assert [(b.seq, b.kind) for b in result.breaks] == [(position, BreakKind.EDITED)]
    assert result.breaks[0].message.startswith(f"entry {position} ")


def test_setting_a_null_column_is_detected(engine: sa.Engine, log: AuditLog) -> None:
    fill(log, 3)
    execute(engine, "UPDATE kept_audit_log SET tenant = NULL WHERE seq = 1")
    execute(engine, "UPDATE kept_audit_log SET subject_ref = NULL WHERE seq = 2")
    assert broken(log) == [(1, BreakKind.EDITED), (2, BreakKind.EDITED)]


@pytest.mark.parametrize(
    ("deleted", "expected"),
    [
        ([3], [(3, BreakKind.DELETED)]),
        ([1], [(1, BreakKind.DELETED)]),
        ([5], [(5, BreakKind.DELETED)]),
        ([4, 5], [(4, BreakKind.DELETED)]),
        ([2, 3], [(2, BreakKind.DELETED)]),
        ([1, 2, 3, 4, 5], [(1, BreakKind.DELETED)]),
    ],
    ids=["middle", "first", "last", "last-two", "two-in-the-middle", "all"],
)
def test_deleting_entries_is_detected(
    engine: sa.Engine, log: AuditLog, deleted: list[int], expected: list[Any]
) -> None:
    fill(log, 5)
    for seq in deleted:
        execute(engine, "DELETE FROM kept_audit_log WHERE seq = :seq", seq=seq)
    result = log.verify()
    assert [(b.seq, b.kind) for b in result.breaks] == expected
    first, last = deleted[0], deleted[-1]
    named = f"entry {first} is" if first == last else f"entries {first}–{last} are"
    assert result.breaks[0].message.startswith(f"{named} missing")


@pytest.mark.parametrize(("a", "b"), [(2, 4), (2, 3), (1, 5)])
def test_swapping_sequence_numbers_is_detected(
    engine: sa.Engine, log: AuditLog, a: int, b: int
) -> None:
    fill(log, 5)
    execute(engine, "UPDATE kept_audit_log SET seq = -1 WHERE seq = :a", a=a)
    execute(engine, "UPDATE kept_audit_log SET seq = :a WHERE seq = :b", a=a, b=b)
    execute(engine, "UPDATE kept_audit_log SET seq = :b WHERE seq = -1", b=b)
    result = log.verify()
    assert [(x.seq, x.kind) for x in result.breaks] == [
        (a, BreakKind.REORDERED),
        (b, BreakKind.REORDERED),
    ]
    assert result.breaks[0].message.startswith(f"entry {a} ")
    assert result.breaks[1].message.startswith(f"entry {b} ")


def test_swapping_two_rows_contents_is_detected(engine: sa.Engine, log: AuditLog) -> None:
    fill(log, 4)
    rows = {row["seq"]: row for row in stored_rows(engine)}
    for seq, other in ((2, 3), (3, 2)):
        execute(
            engine,
            "UPDATE kept_audit_log SET actor = :actor, action = :action, details = :details "
            "WHERE seq = :seq",
            actor=rows[other]["actor"],
            action=rows[other]["action"],
            details=rows[other]["details"],
            seq=seq,
        )
    assert broken(log) == [(2, BreakKind.EDITED), (3, BreakKind.EDITED)]


def test_an_entry_added_behind_kepts_back_is_detected(engine: sa.Engine, log: AuditLog) -> None:
    entries = fill(log, 3)
    forged = {
        "seq": 4,
        "created_at": "2030-01-01T00:00:00.000000Z",
        "actor": "mallory",
        "action": "nothing",
        "subject_ref": None,
        "tenant": None,
        "details": "{}",
        "prev_hash": entries[-1].hash,
    }
    forged["hash"] = documented_hash(forged)
    with engine.begin() as conn:
        conn.execute(kept.control.audit_log.insert().values(forged))
    result = log.verify()
    assert [(b.seq, b.kind) for b in result.breaks] == [(4, BreakKind.HEAD)]
    assert "entry 4 comes after the head" in result.breaks[0].message


def test_an_entry_inserted_in_the_middle_is_detected(engine: sa.Engine, log: AuditLog) -> None:
    fill(log, 4)
    # Make room at 3 by moving 3 and 4 up, then forge a self-consistent entry 3.
    execute(engine, "UPDATE kept_audit_log SET seq = seq + 10 WHERE seq >= 3")
    execute(engine, "UPDATE kept_audit_log SET seq = seq - 9 WHERE seq >= 13")
    rows = stored_rows(engine)
    forged = dict(rows[1], seq=3, actor="mallory", prev_hash=rows[1]["hash"])
    forged["hash"] = documented_hash(forged)
    with engine.begin() as conn:
        conn.execute(kept.control.audit_log.insert().values(forged))
    kinds = broken(log)
    assert (4, BreakKind.REORDERED) in kinds
    assert not log.verify().ok


def test_head_tampering_is_detected(engine: sa.Engine, log: AuditLog) -> None:
    fill(log, 3)
    execute(engine, "UPDATE kept_audit_head SET hash = :h", h="c" * 64)
    assert broken(log) == [(3, BreakKind.HEAD)]
    execute(engine, "DELETE FROM kept_audit_head")
    result = log.verify()
    assert [(b.seq, b.kind) for b in result.breaks] == [(None, BreakKind.HEAD)]
    assert result.head_seq is None
    with pytest.raises(AuditError, match="head row is missing"):
        log.append("a", "x")


def test_non_json_details_are_reported(engine: sa.Engine, log: AuditLog) -> None:
    fill(log, 3)
    execute(engine, "UPDATE kept_audit_log SET details = 'not json' WHERE seq = 2")
    assert broken(log) == [(2, BreakKind.EDITED)]
    with pytest.raises(AuditError, match="entry 2: details are not valid JSON"):
        list(log.entries())


def test_non_integer_sequence_on_sqlite(sqlite_url: str) -> None:
    engine = open_control(sqlite_url)
    try:
        log = AuditLog(engine)
        fill(log, 3)
        execute(engine, "UPDATE kept_audit_log SET seq = 'two' WHERE seq = 2")
        kinds = broken(log)
        assert (None, BreakKind.EDITED) in kinds
        assert (2, BreakKind.DELETED) in kinds
    finally:
        engine.dispose()


# -- the HMAC key --------------------------------------------------------------------------


def rewrite_chain(engine: sa.Engine, key: bytes | None) -> None:
    """What an attacker with database access does after editing: recompute every hash."""
    previous = GENESIS
    with engine.begin() as conn:
        for row in conn.execute(sa.text("SELECT * FROM kept_audit_log ORDER BY seq")).mappings():
            fixed = dict(row, prev_hash=previous)
            fixed["hash"] = documented_hash(fixed, key)
            conn.execute(
                sa.text("UPDATE kept_audit_log SET prev_hash = :p, hash = :h WHERE seq = :s"),
                {"p": fixed["prev_hash"], "h": fixed["hash"], "s": row["seq"]},
            )
            previous = fixed["hash"]
        conn.execute(sa.text("UPDATE kept_audit_head SET hash = :h"), {"h": previous})


def test_without_a_key_a_recomputed_chain_passes(engine: sa.Engine, log: AuditLog) -> None:
    """The documented limit of an unkeyed chain: why KEPT_AUDIT_KEY exists."""
    fill(log, 4)
    execute(engine, "UPDATE kept_audit_log SET actor = 'mallory' WHERE seq = 2")
    rewrite_chain(engine, None)
    assert log.verify().ok


def test_with_a_key_a_recomputed_chain_fails(
    engine: sa.Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KEPT_AUDIT_KEY", "only the auditors know this")
    log = AuditLog(engine)
    fill(log, 4)
    assert log.verify().ok
    execute(engine, "UPDATE kept_audit_log SET actor = 'mallory' WHERE seq = 2")
    rewrite_chain(engine, b"a guess")
    result = log.verify()
    assert not result.ok
    assert result.breaks[0].seq == 1


def test_a_log_keeps_its_key(engine: sa.Engine) -> None:
    fill(AuditLog(engine, audit_key="k1"), 2)
    with pytest.raises(AuditError, match="not the key this audit log was started with"):
        AuditLog(engine, audit_key="k2").append("a", "x")
    with pytest.raises(AuditError, match="KEPT_AUDIT_KEY is not set now"):
        AuditLog(engine).append("a", "x")
    assert AuditLog(engine, audit_key="k1").verify().ok
    wrong = AuditLog(engine, audit_key="k2").verify()
    assert wrong.breaks[0].kind is BreakKind.HEAD
    assert "not the key" in wrong.breaks[0].message


def test_an_unkeyed_log_refuses_a_key(engine: sa.Engine) -> None:
    fill(AuditLog(engine), 1)
    with pytest.raises(AuditError, match="started without KEPT_AUDIT_KEY"):
        AuditLog(engine, audit_key="late").append("a", "x")


# -- concurrency ---------------------------------------------------------------------------


def test_concurrent_appends_from_threads_never_fork(engine: sa.Engine) -> None:
    log = AuditLog(engine)
    threads, per_thread = 8, 15
    barrier = threading.Barrier(threads)
    errors: list[BaseException] = []

    def work(n: int) -> None:
        barrier.wait()
        try:
            for i in range(per_thread):
                log.append(f"thread-{n}", "test.concurrent", details={"i": i})
        except BaseException as exc:  # reported below
            errors.append(exc)

    workers = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert errors == []
    result = log.verify()
    assert result.ok, result.breaks
    assert result.checked == threads * per_thread
    assert [e.seq for e in log.entries()] == list(range(1, threads * per_thread + 1))


APPENDER = """
import sys
from kept.audit import AuditLog
from kept.control import open_control

engine = open_control(sys.argv[1])
log = AuditLog(engine)
for i in range(int(sys.argv[2])):
    log.append("process-" + sys.argv[3], "test.concurrent", details={"i": i})
engine.dispose()
"""


def test_concurrent_appends_from_processes_never_fork(db_url: str) -> None:
    open_control(db_url).dispose()  # migrate first; concurrent opens are tested elsewhere
    per_process = 40
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", APPENDER, db_url, str(per_process), str(n)],
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(2)
    ]
    for process in processes:
        _, stderr = process.communicate(timeout=120)
        assert process.returncode == 0, stderr
    engine = open_control(db_url)
    try:
        log = AuditLog(engine)
        result = log.verify()
        assert result.ok, result.breaks
        assert result.checked == 2 * per_process
        actors = {e.actor for e in log.entries()}
        assert actors == {"process-0", "process-1"}
    finally:
        engine.dispose()


# -- size ----------------------------------------------------------------------------------


@pytest.mark.slow
def test_verifying_100k_entries(sqlite_url: str) -> None:
    """A long chain verifies whole (its speed is measured by ``python -m bench --only
    audit.verify``, not here)."""
    engine = open_control(sqlite_url)
    try:
        rows, previous = [], GENESIS
        for seq in range(1, 100_001):
            row = {
                "seq": seq,
                "created_at": "2025-01-01T00:00:00.000000Z",
                "actor": "bulk",
                "action": "test.bulk",
                "subject_ref": None,
                "tenant": "acme",
                "details": json.dumps({"i": seq}),
                "prev_hash": previous,
            }
            row["hash"] = previous = documented_hash(row)
            rows.append(row)
        with engine.begin() as conn:
            conn.execute(kept.control.audit_log.insert(), rows)
            conn.execute(kept.control.audit_head.update().values(seq=100_000, hash=previous))
        del rows
        result = AuditLog(engine).verify()
        assert result.ok
        assert result.checked == 100_000
    finally:
        engine.dispose()


# -- properties ----------------------------------------------------------------------------

_text = st.text(st.characters(codec="utf-8"), min_size=1, max_size=24)
_name = _text.filter(lambda s: bool(s.strip()))
_json = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | _text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_text, inner, max_size=3),
    max_leaves=6,
)
_append = st.fixed_dictionaries(
    {
        "actor": _name,
        "action": _name,
        "subject": st.none() | _name,
        "tenant": st.none() | _name,
        "details": st.dictionaries(_text, _json, max_size=4),
    }
)


@pytest.fixture(scope="module")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file, copied for each Hypothesis example (migrating is the slow part)."""
    path = tmp_path_factory.mktemp("template") / "kept.db"
    open_control(f"sqlite:///{path}").dispose()
    return path


class _Copy:
    def __init__(self, template: Path) -> None:
        self.folder = tempfile.TemporaryDirectory()
        path = Path(self.folder.name) / "kept.db"
        shutil.copy(template, path)
        self.engine = open_control(f"sqlite:///{path}")
        self.log = AuditLog(self.engine)

    def __enter__(self) -> _Copy:
        return self

    def __exit__(self, *exc: object) -> None:
        self.engine.dispose()
        self.folder.cleanup()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(appends=st.lists(_append, max_size=8))
def test_any_sequence_of_appends_verifies(template_db: Path, appends: list[dict[str, Any]]) -> None:
    with _Copy(template_db) as db:
        for values in appends:
            db.log.append(**values)
        result = db.log.verify()
        assert result.ok, result.breaks
        stored = list(db.log.entries())
        assert [e.seq for e in stored] == list(range(1, len(appends) + 1))
        for entry, values in zip(stored, appends, strict=True):
            assert (entry.actor, entry.action, entry.tenant) == (
                values["actor"],
                values["action"],
                values["tenant"],
            )
            assert entry.details == values["details"]
            assert (entry.subject_ref is None) == (values["subject"] is None)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(appends=st.lists(_append, min_size=1, max_size=5), data=st.data())
def test_any_single_byte_change_is_detected(
    template_db: Path, appends: list[dict[str, Any]], data: st.DataObject
) -> None:
    with _Copy(template_db) as db:
        for values in appends:
            db.log.append(**values)
        row = data.draw(st.sampled_from(stored_rows(db.engine)), label="row")
        column = data.draw(
            st.sampled_from([c for c in ["seq", *STORED] if row[c] is not None]), label="column"
        )
        original = row[column]
        encoded = str(original).encode("utf-8")
        position = data.draw(st.integers(0, len(encoded) - 1), label="position")
        ascii_byte = encoded[position] < 0x80
        byte = data.draw(st.integers(0, 0x7F if ascii_byte else 0xFF), label="byte")
        assume(byte != encoded[position])
        changed = bytearray(encoded)
        changed[position] = byte
        try:
            text = changed.decode("utf-8")
        except UnicodeDecodeError:
            assume(False)
        value: Any = text
        if column == "seq":
            assume(text.isdigit() and int(text) != original)
            assume(int(text) not in {r["seq"] for r in stored_rows(db.engine)})
            value = int(text)
        execute(
            db.engine,
            f"UPDATE kept_audit_log SET {column} = :value WHERE seq = :seq",
            value=value,
            seq=row["seq"],
        )
        result = db.log.verify()
        assert not result.ok
        if column != "seq":
            assert row["seq"] in {b.seq for b in result.breaks}


# -- the CLI -------------------------------------------------------------------------------

runner = CliRunner()
_register()


def cli_log(url: str, count: int = 4) -> None:
    engine = open_control(url)
    try:
        fill(AuditLog(engine), count)
    finally:
        engine.dispose()


def test_cli_verify_intact(sqlite_url: str) -> None:
    cli_log(sqlite_url)
    result = runner.invoke(app, ["audit", "verify", "--database", sqlite_url])
    assert result.exit_code == 0, result.output
    assert "audit log intact: 4 entries verified" in result.output


def test_cli_verify_broken(sqlite_url: str) -> None:
    cli_log(sqlite_url)
    engine = open_control(sqlite_url)
    execute(engine, "UPDATE kept_audit_log SET actor = 'mallory' WHERE seq = 2")
    execute(engine, "DELETE FROM kept_audit_log WHERE seq = 4")
    engine.dispose()
    result = runner.invoke(app, ["audit", "verify", "--database", sqlite_url])
    assert result.exit_code == 1
    assert "audit log broken: 2 problems in 3 entries" in result.output
    assert "edited: entry 2 " in result.output
    assert "deleted: entry 4 is missing" in result.output
    as_json = runner.invoke(app, ["audit", "verify", "--database", sqlite_url, "--json"])
    assert as_json.exit_code == 1
    report = json.loads(as_json.stdout)
    assert report["ok"] is False
    assert [(b["seq"], b["kind"]) for b in report["breaks"]] == [(2, "edited"), (4, "deleted")]


@pytest.mark.postgres
def test_cli_verify_on_postgres(postgres_url: str) -> None:
    cli_log(postgres_url)
    result = runner.invoke(app, ["audit", "verify", "--database", postgres_url, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["checked"] == 4


def test_cli_verify_cannot_open() -> None:
    url = "postgresql://kept:s3cret@127.0.0.1:1/kept"
    result = runner.invoke(app, ["audit", "verify", "--database", url])
    assert result.exit_code == 4  # a database that cannot be reached
    assert "the control database postgresql" in result.stderr
    assert "is unavailable" in result.stderr
    assert "s3cret" not in result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_cli_verify_cannot_open_json() -> None:
    result = runner.invoke(app, ["audit", "verify", "--database", "nonsense", "--json"])
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    assert report["ok"] is False
    assert report["error"] == "ControlError"
    assert "not a database URL" in report["message"]


def test_cli_verify_missing_sqlite_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["audit", "verify", "-m", str(tmp_path / "kept.yaml")])
    assert result.exit_code == 2
    assert "does not exist" in result.stderr
    assert not (tmp_path / "kept.db").exists()


def test_cli_finds_the_database_beside_the_manifest(tmp_path: Path) -> None:
    manifest = tmp_path / "kept.yaml"
    manifest.write_text("")
    cli_log(f"sqlite:///{tmp_path / 'kept.db'}", 2)
    result = runner.invoke(app, ["audit", "verify", "-m", str(manifest)])
    assert result.exit_code == 0, result.output
    assert "2 entries verified" in result.output


def test_cli_uses_the_environment(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    cli_log(sqlite_url, 3)
    monkeypatch.setenv("KEPT_DATABASE_URL", sqlite_url)
    result = runner.invoke(app, ["audit", "verify"])
    assert result.exit_code == 0, result.output
    assert "3 entries verified" in result.output


def test_cli_show(sqlite_url: str) -> None:
    cli_log(sqlite_url, 5)
    result = runner.invoke(
        app, ["audit", "show", "--database", sqlite_url, "--limit", "2"], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0, result.output
    assert "dsr.erasure.executed" in result.output
    assert "R-4" in result.output and "R-5" in result.output
    assert "R-3" not in result.output
    as_json = runner.invoke(app, ["audit", "show", "--database", sqlite_url, "--json"])
    assert as_json.exit_code == 0
    assert [e["seq"] for e in json.loads(as_json.stdout)] == [1, 2, 3, 4, 5]


def test_cli_show_empty_and_unavailable(sqlite_url: str) -> None:
    open_control(sqlite_url).dispose()
    result = runner.invoke(app, ["audit", "show", "--database", sqlite_url])
    assert result.exit_code == 0
    assert "the audit log is empty" in result.output
    result = runner.invoke(app, ["audit", "show", "--database", "nonsense"])
    assert result.exit_code == 2
    assert "not a database URL" in result.stderr
