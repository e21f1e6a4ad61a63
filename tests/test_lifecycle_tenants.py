"""A tenant's request reaches that tenant's rows only: SmartSpace, one person known to two
tenants, on SQLite and PostgreSQL stores."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
import sqlalchemy as sa

from kept.examples import create_example
from kept.execution import Identity, run_access, run_erasure
from kept.mail import OutboxMailer
from kept.manifest import load_manifest
from kept.requests import Lifecycle, Worker


def two_tenant_person(url: str) -> str:
    """Copy user 1 (tenant 1) into tenant 2 under the same address; return the address."""
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        row = conn.execute(sa.text("SELECT * FROM users WHERE id = 1")).mappings().one()
        copy = dict(row)
        copy.update(id=100_000, tenant_id=2, entra_object_id="00000000-0000-4000-8000-000000000001")
        names = ", ".join(copy)
        marks = ", ".join(f":{k}" for k in copy)
        conn.execute(sa.text(f"INSERT INTO users ({names}) VALUES ({marks})"), copy)
    engine.dispose()
    return str(row["email"])


def users_in(export: Path) -> int:
    with zipfile.ZipFile(export) as archive:
        name = next(n for n in archive.namelist() if n.endswith("users.csv"))
        return len(archive.read(name).decode().strip().splitlines()) - 1


@pytest.mark.parametrize("store", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_access_and_erasure_stay_in_the_tenant(
    store: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    url = None if store == "sqlite" else request.getfixturevalue("postgres_url")
    info = create_example("smartspace", tmp_path / "ss", url=url, people=30)
    store_url = url or f"sqlite:///{tmp_path / 'ss' / 'smartspace.sqlite'}"
    email = two_tenant_person(store_url)
    loaded = load_manifest(info.manifest)
    person = [Identity("email", email)]
    everywhere = run_access(loaded, person, tmp_path / "all")
    assert users_in(everywhere.export) == 2
    own = run_access(loaded, person, tmp_path / "own", tenant="1")
    assert users_in(own.export) == 1
    assert own.total < everywhere.total

    life = Lifecycle.open(
        loaded, f"sqlite:///{tmp_path / 'kept.db'}", mailer=OutboxMailer(tmp_path)
    )
    try:
        rid = life.submit("erasure", person, tenant="2", actor="t", verified=True).record.id
        Worker(life, name="w").run(until_empty=True)
        assert life.get(rid).state.value == "completed"
    finally:
        life.close()
    engine = sa.create_engine(store_url)
    with engine.connect() as conn:
        left = (
            conn.execute(sa.text("SELECT tenant_id FROM users WHERE email = :e"), {"e": email})
            .scalars()
            .all()
        )
    engine.dispose()
    assert left == [1]  # tenant 2's copy erased, tenant 1's untouched
    again = run_erasure(loaded, {"check": person}, dry_run=True, tenant="2", secret=b"test-secret")
    assert not any(sum(t.before.values()) for t in again.tables if t.table.endswith(".users"))
