"""Database failures: one line with names and no values; a store down is exit code 4."""

from __future__ import annotations

import json
import logging
import socket
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from kept.audit import AuditLog
from kept.cli import _register, app
from kept.errors import StoreUnavailableError
from kept.examples import create_example
from kept.execution import Identity
from kept.failure import describe
from kept.mail import OutboxMailer
from kept.manifest import load_manifest
from kept.requests import Lifecycle, State, Worker
from kept.stores import open_engine, store_engine

runner = CliRunner()
_register()

SECRET = "ada.lovelace@example.com"


def closed_port() -> int:
    """A local TCP port nobody listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def failing(url: str) -> list[str]:
    """Descriptions of a unique violation, a not-null violation and a bad integer."""
    engine = open_engine("s", sa.make_url(url))
    meta = sa.MetaData()
    people = sa.Table(
        "people",
        meta,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("email", sa.String(100), nullable=False),
        sa.Column("age", sa.Integer),
        sa.UniqueConstraint("email", name="uq_people_email"),
    )
    meta.create_all(engine)
    seen: list[str] = []
    attempts = [
        people.insert().values(id=2, email=SECRET),  # duplicate
        people.insert().values(id=3, email=None),  # not null
        sa.text("INSERT INTO people (id, email, age) VALUES (4, 'x@example.com', :age)").bindparams(
            age=SECRET
        ),  # not an integer
    ]
    try:
        with engine.begin() as conn:
            conn.execute(people.insert().values(id=1, email=SECRET))
        for statement in attempts:
            with engine.connect() as conn:
                if conn.dialect.name == "mysql":
                    conn.execute(sa.text("SET SESSION sql_mode = 'STRICT_ALL_TABLES'"))
                try:
                    conn.execute(statement)
                    conn.commit()
                except sa.exc.SQLAlchemyError as exc:
                    seen.append(describe(exc))
    finally:
        engine.dispose()
    return seen


def test_describe_names_the_constraint_and_never_the_value(any_db_url: str) -> None:
    seen = failing(any_db_url)
    assert len(seen) >= 2, seen  # SQLite accepts any text in an integer column
    for text in seen:
        assert SECRET not in text, text
        assert "ada" not in text, text
        assert "\n" not in text
        assert "[parameters" not in text and "[SQL" not in text
    assert "email" in seen[0], seen[0]  # the constraint or the column is named
    assert "email" in seen[1], seen[1]


def test_a_missing_sqlite_store_is_an_error_and_never_created(tmp_path: Path) -> None:
    create_example("vcloudpoint", tmp_path)
    (tmp_path / "vcloudpoint.sqlite").unlink()
    loaded = load_manifest(tmp_path / "kept.yaml")
    with pytest.raises(StoreUnavailableError) as info:
        store_engine(loaded.manifest.stores[0], loaded.directory)
    assert "vcloudpoint" in str(info.value) and "does not exist" in str(info.value)
    for args in (
        ["request", "access", "-i", f"email={SECRET}"],
        ["request", "erase", "-i", f"email={SECRET}", "--dry-run"],
        ["retention", "run", "--dry-run"],
    ):
        result = runner.invoke(app, [*args, "-m", str(tmp_path / "kept.yaml")])
        assert result.exit_code == 4, (args, result.output)
        assert "store 'vcloudpoint'" in result.stderr
        assert str(tmp_path / "vcloudpoint.sqlite") in result.stderr
        assert "Traceback" not in result.output
    assert not (tmp_path / "vcloudpoint.sqlite").exists()


@pytest.mark.parametrize("dialect", ["postgresql", "mysql"])
def test_a_store_down_is_one_line_and_exit_4(tmp_path: Path, dialect: str) -> None:
    create_example("vcloudpoint", tmp_path)
    manifest = tmp_path / "kept.yaml"
    url = f"{dialect}://kept@127.0.0.1:{closed_port()}/vcp"
    text = manifest.read_text(encoding="utf-8").replace("sqlite:///vcloudpoint.sqlite", url)
    manifest.write_text(text, encoding="utf-8")
    for args in (
        ["request", "access", "-i", f"email={SECRET}"],
        ["request", "erase", "-i", f"email={SECRET}", "--dry-run"],
        ["retention", "run", "--dry-run"],
    ):
        result = runner.invoke(app, [*args, "-m", str(manifest)])
        assert result.exit_code == 4, (args, result.output)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, lines
        assert lines[0].startswith("error: store 'vcloudpoint': unavailable")
        assert "Traceback" not in result.output
    check = runner.invoke(app, ["check", "-m", str(manifest)])
    assert check.exit_code == 1
    assert "store-unreachable" in check.output


@pytest.mark.mariadb
def test_a_failed_request_leaves_no_value_in_the_audit_log(
    tmp_path: Path, mariadb_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    """MariaDB quotes the duplicate value in its message; the audit log must not. The worker
    logs the cause (the error's kind, the constraint), with neither value nor identity."""
    info = create_example("vcloudpoint", tmp_path / "vcp", url=mariadb_url, people=5)
    engine = sa.create_engine(mariadb_url, poolclass=sa.NullPool)
    with engine.connect() as conn:
        first, taken = conn.execute(
            sa.text("SELECT email FROM accounts ORDER BY id LIMIT 2")
        ).scalars()
    engine.dispose()
    life = Lifecycle.open(
        load_manifest(info.manifest),
        f"sqlite:///{tmp_path / 'kept.db'}",
        mailer=OutboxMailer(tmp_path / "outbox"),
    )
    try:
        rid = life.submit(
            "rectification",
            [Identity("email", str(first))],
            changes=[f"vcloudpoint.accounts.email={taken}"],
            actor="staff:test",
            verified=True,
        ).record.id
        with caplog.at_level(logging.WARNING, logger="kept"):
            Worker(life, name="w").run(until_empty=True)
        record = life.get(rid)
        assert record.state is State.FAILED
        logged = [r.getMessage() for r in caplog.records if rid in r.getMessage()]
        assert logged and "failed" in logged[0] and "Duplicate entry for key" in logged[0], logged
        assert str(taken) not in logged[0] and str(first) not in logged[0], logged
        details = json.dumps([e.details for e in AuditLog(life.control).entries()])
        assert "Duplicate entry for key" in details, details
        assert str(taken) not in details
        assert "[parameters" not in details and "[SQL" not in details
    finally:
        life.close()
