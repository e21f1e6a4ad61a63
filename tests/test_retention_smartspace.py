"""Retention on the SmartSpace example: each tenant's own periods, within the platform bounds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from kept.control import open_control
from kept.errors import ManifestError, RetentionError
from kept.examples import create_example
from kept.examples.smartspace import sample
from kept.manifest import LoadedManifest, load_manifest
from kept.retention.sweep import retention_sweeps, run_sweep

NOW = dt.datetime(2026, 1, 15, 12, 0, 0)


@pytest.fixture
def example(tmp_path: Path) -> Iterator[tuple[LoadedManifest, sa.Engine, sa.Engine]]:
    info = create_example("smartspace", tmp_path, people=150)
    store = sa.create_engine(f"sqlite:///{tmp_path / 'smartspace.sqlite'}")
    sample.generate(store, people=150, now=NOW)
    control = open_control(f"sqlite:///{tmp_path / 'kept.db'}")
    yield load_manifest(info.manifest), store, control
    store.dispose()
    control.dispose()


def tenant_id(store: sa.Engine, name: str) -> int:
    with store.connect() as conn:
        return int(
            conn.execute(
                sa.text("SELECT id FROM tenants WHERE name = :n"), {"n": name}
            ).scalar_one()
        )


def oldest(store: sa.Engine, sql: str, **params: Any) -> dt.datetime | None:
    with store.connect() as conn:
        value = conn.execute(sa.text(sql), params).scalar()
    return None if value is None else dt.datetime.fromisoformat(str(value))


PERSONAL_PACKAGES = """SELECT MIN(received_at) FROM packages WHERE tenant_id = :t
                       AND (recipient_email IS NOT NULL OR recipient_phone IS NOT NULL
                            OR recipient_name <> '[erased]' OR sender_name IS NOT NULL)"""
LOGS = "SELECT MIN(occurred_at) FROM access_logs WHERE tenant_id = :t"


def test_two_tenants_keep_different_amounts(
    example: tuple[LoadedManifest, sa.Engine, sa.Engine],
) -> None:
    loaded, store, control = example
    acme, globex = tenant_id(store, "Acme Corporation"), tenant_id(store, "Globex AB")
    for t in (acme, globex):  # before: personal package data and logs older than a year
        assert oldest(store, PERSONAL_PACKAGES, t=t) < NOW - dt.timedelta(days=365)  # type: ignore[operator]
        assert oldest(store, LOGS, t=t) < NOW - dt.timedelta(days=180)  # type: ignore[operator]
    with store.connect() as conn:
        total = conn.execute(sa.text("SELECT COUNT(*) FROM packages")).scalar_one()

    result = run_sweep(loaded, control, now=NOW)

    # Acme set packages 90 days and logs 30 days; Globex keeps the defaults (365 and 180).
    acme_packages = oldest(store, PERSONAL_PACKAGES, t=acme)
    globex_packages = oldest(store, PERSONAL_PACKAGES, t=globex)
    assert acme_packages is not None and acme_packages >= NOW - dt.timedelta(days=90)
    assert globex_packages is not None and globex_packages >= NOW - dt.timedelta(days=365)
    assert globex_packages < NOW - dt.timedelta(days=90)  # Globex keeps more than Acme
    acme_logs, globex_logs = oldest(store, LOGS, t=acme), oldest(store, LOGS, t=globex)
    assert acme_logs is not None and acme_logs >= NOW - dt.timedelta(days=30)
    assert globex_logs is not None and NOW - dt.timedelta(days=180) <= globex_logs
    assert globex_logs < NOW - dt.timedelta(days=30)
    with store.connect() as conn:  # anonymised, not deleted: the statistics survive
        assert conn.execute(sa.text("SELECT COUNT(*) FROM packages")).scalar_one() == total
    packages = next(o for o in result.outcomes if o.rule == "packages-tenant-period")
    assert packages.tenant_cutoffs[str(acme)] == (NOW - dt.timedelta(days=90)).isoformat()
    assert packages.rows > 0
    assert run_sweep(loaded, control, now=NOW).rows == 0  # nothing left to anonymize


def test_a_manifest_override_below_the_minimum_is_rejected(tmp_path: Path) -> None:
    info = create_example("smartspace", tmp_path, people=10)
    text = info.manifest.read_text(encoding="utf-8")
    text = text.replace(
        "      tenant_setting: tenant_settings.log_retention_days\n",
        '      tenant_setting: tenant_settings.log_retention_days\n      tenants: {"1": 3 days}\n',
    )
    info.manifest.write_text(text, encoding="utf-8")
    with pytest.raises(ManifestError) as caught:
        load_manifest(info.manifest)
    message = str(caught.value)
    assert "below the platform minimum of 7 days" in message
    assert "tenant '1'" in message and "3 days" in message
    line = next(i for i, s in enumerate(text.splitlines(), 1) if '"1": 3 days' in s)
    assert f"kept.yaml:{line}:" in message


def test_a_stored_setting_outside_the_bounds_stops_the_sweep(
    example: tuple[LoadedManifest, sa.Engine, sa.Engine], tmp_path: Path
) -> None:
    loaded, store, control = example
    text = loaded.files[0].read_text(encoding="utf-8")
    # The platform raises its log minimum to 60 days; Acme's stored 30 days is now too short.
    text = text.replace("bounds: {min: 7 days, max: 365 days}\n      tenant_setting: "
                        "tenant_settings.log", "bounds: {min: 60 days, max: 365 days}\n"
                        "      tenant_setting: tenant_settings.log")  # fmt: skip
    loaded.files[0].write_text(text, encoding="utf-8")
    stricter = load_manifest(loaded.files[0])
    with store.connect() as conn:
        before = conn.execute(sa.text("SELECT COUNT(*) FROM access_logs")).scalar_one()
    with pytest.raises(RetentionError, match="below the platform minimum of 60 days"):
        run_sweep(stricter, control, now=NOW)
    with store.connect() as conn:
        assert conn.execute(sa.text("SELECT COUNT(*) FROM access_logs")).scalar_one() == before
    # refused, not left running: the sweep after the fix starts afresh, measuring from its now
    with control.connect() as conn:
        statuses = conn.execute(sa.select(retention_sweeps.c.status)).scalars().all()
    assert statuses == ["refused"]
