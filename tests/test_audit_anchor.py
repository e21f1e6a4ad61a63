"""A log that cannot be shortened unseen: the signed head, and anchors kept elsewhere."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

import kept.cli.audit  # noqa: F401 - registers the audit commands
from kept.anchor import Anchor, check_anchors, read_anchors, take_anchor, verify_with_anchors
from kept.audit import AUDIT_KEY_ENV, AuditLog, BreakKind
from kept.cli import app
from kept.control import open_control
from kept.errors import AuditError

KEY = "a key kept outside the database"
runner = CliRunner()


def fill(log: AuditLog, start: int, count: int) -> None:
    for i in range(start, start + count):
        log.append("staff", "request.approved", tenant="acme", details={"n": i})


def head(engine: sa.Engine) -> dict[str, Any]:
    with engine.connect() as conn:
        row = conn.execute(sa.text("SELECT seq, hash, signature FROM kept_audit_head")).one()
    return dict(row._mapping)


def truncate(engine: sa.Engine, keep: int, *, signature: str | None = None) -> None:
    """What an attacker with write access does: delete the newest entries and point the head
    at the new last entry (with a signature they saw earlier, when they have one)."""
    with engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM kept_audit_log WHERE seq > :k"), {"k": keep})
        last = conn.execute(
            sa.text("SELECT hash FROM kept_audit_log WHERE seq = :k"), {"k": keep}
        ).scalar()
        conn.execute(
            sa.text("UPDATE kept_audit_head SET seq = :k, hash = :h, signature = :s"),
            {"k": keep, "h": last, "s": signature},
        )


@pytest.fixture(params=["sqlite", "postgres", "mariadb"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'kept.db'}"
    value: str = request.getfixturevalue(f"{request.param}_url")
    return value


def test_a_head_rewritten_without_the_key_is_a_break(url: str) -> None:
    engine = open_control(url)
    log = AuditLog(engine, audit_key=KEY)
    fill(log, 1, 8)
    assert log.verify().ok
    truncate(engine, 5)
    result = log.verify()
    assert [b.kind for b in result.breaks] == [BreakKind.HEAD]
    assert "not signed with KEPT_AUDIT_KEY" in result.breaks[0].message
    engine.dispose()


def test_a_replayed_head_passes_verify_but_not_the_anchor(url: str) -> None:
    engine = open_control(url)
    log = AuditLog(engine, audit_key=KEY)
    fill(log, 1, 5)
    seen = head(engine)["signature"]  # the attacker saw the head at entry 5 (a backup, say)
    fill(log, 6, 3)
    anchor = take_anchor(log)
    assert (anchor.seq, anchor.key_id) == (8, log.key_id) and anchor.signature
    fill(log, 9, 2)
    assert verify_with_anchors(log, [anchor]).ok  # the log grew: still agrees with the anchor

    truncate(engine, 5, signature=seen)
    assert log.verify().ok  # a genuine earlier state: nothing inside the database says otherwise
    result = verify_with_anchors(log, [anchor])
    assert not result.ok
    (found,) = result.breaks
    assert found.kind is BreakKind.TRUNCATED and found.seq == 8
    assert "entry 8, recorded by the anchor taken at" in found.message
    assert "the log now ends at entry 5" in found.message
    engine.dispose()


def test_an_unkeyed_log_is_protected_by_its_anchor_alone(tmp_path: Path) -> None:
    engine = open_control(f"sqlite:///{tmp_path / 'kept.db'}")
    log = AuditLog(engine, audit_key=None)
    fill(log, 1, 6)
    anchor = take_anchor(log)
    assert anchor.key_id is None and anchor.signature is None
    assert Anchor.parse(anchor.text()) == anchor
    truncate(engine, 3)
    assert log.verify().ok  # unkeyed and unanchored, a truncation cannot be seen
    assert [b.kind for b in check_anchors(log, [anchor])] == [BreakKind.TRUNCATED]
    # Cut back and rewritten (new entries in place of the deleted ones): the hash differs.
    fill(log, 100, 4)
    (rewritten,) = check_anchors(log, [anchor])
    assert "no longer has the hash" in rewritten.message
    engine.dispose()


def test_a_forged_anchor_and_a_broken_log_are_refused(tmp_path: Path) -> None:
    engine = open_control(f"sqlite:///{tmp_path / 'kept.db'}")
    log = AuditLog(engine, audit_key=KEY)
    fill(log, 1, 4)
    anchor = take_anchor(log)
    forged = Anchor(2, anchor.hash, anchor.at, anchor.key_id, anchor.signature)
    (found,) = check_anchors(log, [forged])
    assert found.kind is BreakKind.HEAD and "signature is not valid" in found.message
    (unchecked,) = check_anchors(AuditLog(engine, audit_key="another key"), [anchor])
    assert "cannot be checked" in unchecked.message
    with pytest.raises(AuditError, match="is not an anchor"):
        Anchor.parse("kept-anchor v1 seq=1 hash=zz")
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE kept_audit_log SET actor = 'mallory' WHERE seq = 2"))
    with pytest.raises(AuditError, match="an anchor would vouch for it"):
        take_anchor(log)
    engine.dispose()


def test_the_commands(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(AUDIT_KEY_ENV, KEY)
    url = f"sqlite:///{tmp_path / 'kept.db'}"
    engine = open_control(url)
    log = AuditLog(engine)
    fill(log, 1, 6)
    kept_elsewhere = tmp_path / "anchors.txt"
    taken = runner.invoke(app, ["audit", "anchor", "--database", url, "-o", str(kept_elsewhere)])
    assert taken.exit_code == 0, taken.output
    line = taken.stdout.strip()
    assert line.startswith("kept-anchor v1 seq=6 ") and kept_elsewhere.read_text() == line + "\n"
    as_json = runner.invoke(app, ["audit", "anchor", "--database", url, "--json"])
    assert json.loads(as_json.stdout)["seq"] == 6
    assert read_anchors(str(kept_elsewhere)) == [Anchor.parse(line)]

    ok = runner.invoke(app, ["audit", "verify", "--database", url, "--anchor", line])
    assert ok.exit_code == 0, ok.output
    seen = head(engine)["signature"]
    fill(log, 7, 1)
    with engine.begin() as conn:  # back to entry 6, with the head as it was then
        conn.execute(sa.text("DELETE FROM kept_audit_log WHERE seq = 7"))
        conn.execute(
            sa.text("UPDATE kept_audit_head SET seq = 6, hash = :h, signature = :s"),
            {"h": Anchor.parse(line).hash, "s": seen},
        )
    assert runner.invoke(app, ["audit", "verify", "--database", url]).exit_code == 0
    truncate(engine, 4, signature=None)
    for value in (line, str(kept_elsewhere)):
        broken = runner.invoke(app, ["audit", "verify", "--database", url, "--anchor", value])
        assert broken.exit_code == 1, broken.output
        assert "truncated: entry 6, recorded by the anchor" in broken.output
    report = json.loads(
        runner.invoke(
            app, ["audit", "verify", "--database", url, "--anchor", line, "--json"]
        ).stdout
    )
    assert {b["kind"] for b in report["breaks"]} == {"head", "truncated"}
    refused = runner.invoke(app, ["audit", "anchor", "--database", url])
    assert refused.exit_code == 1 and "not anchored" in refused.output
    bad = runner.invoke(app, ["audit", "verify", "--database", url, "--anchor", "nope.txt"])
    assert bad.exit_code == 2 and "Traceback" not in bad.output
    engine.dispose()
