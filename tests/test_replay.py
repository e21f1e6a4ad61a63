"""Erasures replayed after a restore: a backup taken before three erasures is restored, and
``kept request replay --since`` brings the stores back to the state the erasures left."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import uuid
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url
from typer.testing import CliRunner

from kept.cli import app
from kept.examples import create_example
from kept.examples.vcloudpoint import sample
from kept.execution import Identity
from kept.manifest import load_manifest
from kept.rights import RightsService

NOW = dt.datetime(2026, 12, 4, 12, 0, tzinfo=dt.UTC)


def all_rows(url: str) -> dict[str, list[tuple[Any, ...]]]:
    engine = sa.create_engine(url, poolclass=sa.NullPool)
    try:
        with engine.connect() as conn:
            return {
                t.name: sorted((tuple(map(str, r)) for r in conn.execute(sa.select(t))), key=str)
                for t in sample.metadata.sorted_tables
            }
    finally:
        engine.dispose()


def people(url: str, n: int) -> list[list[Identity]]:
    engine = sa.create_engine(url, poolclass=sa.NullPool)
    with engine.connect() as conn:
        emails = conn.execute(sa.text("SELECT email FROM accounts ORDER BY id")).scalars().all()
    engine.dispose()
    # the identities as a person types them: not as stored (case), to show normalisation
    return [[Identity("email", e.upper())] for e in emails[3 : 3 + n]]


def _replay_round(url: str, manifest: Path, database: str, backup: Any, restore: Any) -> None:
    loaded = load_manifest(manifest)
    backup()
    since = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
    with RightsService.open(loaded, database) as service:
        result = service.erase({f"r{i}": p for i, p in enumerate(people(url, 3))}, now=NOW)
        assert result.verified
    erased = all_rows(url)
    restore()
    assert all_rows(url) != erased  # the backup brought the people back
    runner = CliRunner()
    args = ["request", "replay", "--since", since.isoformat(), "-m", str(manifest)]
    dry = runner.invoke(app, [*args, "--database", database, "--dry-run", "--json"])
    assert dry.exit_code == 0, dry.output
    assert json.loads(dry.output)["found_requests"] == 3
    assert all_rows(url) != erased  # a dry run changes nothing
    done = runner.invoke(app, [*args, "--database", database, "--json"])
    assert done.exit_code == 0, done.output
    report = json.loads(done.output)
    assert report["found_requests"] == 3 and report["verified"] is True
    assert report["rows_changed"] > 0
    assert all_rows(url) == erased
    again = runner.invoke(app, [*args, "--database", database, "--json"])
    # idempotent: nothing left to change (a person whose kept rows still name them is found
    # again, and their kept rows are kept again)
    assert json.loads(again.output)["rows_changed"] == 0
    assert all_rows(url) == erased
    log = runner.invoke(app, ["audit", "verify", "-m", str(manifest), "--database", database])
    assert log.exit_code == 0, log.output


def _register() -> None:
    import kept.cli.audit
    import kept.cli.request  # noqa: F401


def test_replay_after_restoring_a_sqlite_file(tmp_path: Path) -> None:
    _register()
    info = create_example("vcloudpoint", tmp_path / "vcp", people=40)
    data = tmp_path / "vcp" / "vcloudpoint.sqlite"
    url = f"sqlite:///{data}"
    copy = tmp_path / "backup.sqlite"
    _replay_round(
        url,
        info.manifest,
        f"sqlite:///{tmp_path / 'kept.db'}",
        lambda: shutil.copyfile(data, copy),
        lambda: shutil.copyfile(copy, data),
    )


@pytest.mark.postgres
def test_replay_after_restoring_a_postgresql_database(postgres_url: str, tmp_path: Path) -> None:
    _register()
    info = create_example("vcloudpoint", tmp_path / "vcp", url=postgres_url, people=40)
    name = make_url(postgres_url).database
    backup_name = f"kept_backup_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(
        make_url(postgres_url).set(database="postgres"),
        isolation_level="AUTOCOMMIT",
        poolclass=sa.NullPool,
    )

    def run(sql: str) -> None:
        with admin.connect() as conn:
            conn.execute(sa.text(sql))

    def restore() -> None:
        run(f'DROP DATABASE "{name}" WITH (FORCE)')
        run(f'CREATE DATABASE "{name}" TEMPLATE "{backup_name}"')

    try:
        _replay_round(
            postgres_url,
            info.manifest,
            f"sqlite:///{tmp_path / 'kept.db'}",
            lambda: run(f'CREATE DATABASE "{backup_name}" TEMPLATE "{name}"'),
            restore,
        )
    finally:
        run(f'DROP DATABASE IF EXISTS "{backup_name}" WITH (FORCE)')
        admin.dispose()
