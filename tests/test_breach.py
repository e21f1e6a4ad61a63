"""The breach register: the people a breach affects, the 72-hour clock, notices, audit."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from email import message_from_bytes
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from kept.audit import AuditLog
from kept.breach import (
    Scope,
    affected_people,
    assess,
    authority_notice,
    close_breach,
    notify_authority,
    notify_people,
    record_breach,
)
from kept.cli import _register, app
from kept.control import open_control
from kept.errors import RecordsError
from kept.examples import create_example
from kept.execution.session import open_engines
from kept.mail import OutboxMailer
from kept.manifest import load_manifest


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def vivibit(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Path, str]]:
    if request.param == "sqlite":
        info = create_example("vivibit", tmp_path / "viv", people=40)
        yield info.manifest, f"sqlite:///{tmp_path / 'viv' / 'vivibit.sqlite'}"
    else:
        url = request.getfixturevalue("postgres_url")
        info = create_example("vivibit", tmp_path / "viv", url=url, people=40)
        yield info.manifest, url


def query(url: str, sql: str) -> set[tuple[str, ...]]:
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        rows = {tuple(str(v) for v in r) for r in conn.execute(sa.text(sql))}
    engine.dispose()
    return rows


def test_breach_of_a_collection_lists_exactly_its_people(vivibit: tuple[Path, str]) -> None:
    manifest, url = vivibit
    loaded = load_manifest(manifest)
    # By hand: the e-mail on each order, and the account's e-mail of each account's order.
    expected = query(
        url,
        "SELECT 'email', email FROM orders WHERE email IS NOT NULL "
        "UNION SELECT 'email', a.email FROM orders o JOIN accounts a ON a.id = o.account_id "
        "WHERE a.email IS NOT NULL",
    )
    with open_engines(loaded) as engines:
        found = [
            (k, v)
            for k, v, _ in affected_people(
                loaded.manifest, Scope(collections=("vivibit.orders",)), engines
            )
        ]
    assert len(found) == len(set(found))  # each identity once
    assert set(found) == expected
    assert expected


def test_breach_of_one_store_lists_exactly_its_people(tmp_path: Path) -> None:
    """Two stores; a breach of one lists its people and none of the other's."""
    for name, emails in (("a", ["ann@a.example", "bob@a.example"]), ("b", ["cy@b.example"])):
        engine = sa.create_engine(f"sqlite:///{tmp_path / name}.sqlite")
        with engine.begin() as conn:
            conn.exec_driver_sql("CREATE TABLE people (id INTEGER PRIMARY KEY, email TEXT)")
            conn.exec_driver_sql(
                "CREATE TABLE visits (id INTEGER PRIMARY KEY, person_id INTEGER, page TEXT)"
            )
            for i, email in enumerate(emails, start=1):
                conn.exec_driver_sql(f"INSERT INTO people VALUES ({i}, '{email}')")
                conn.exec_driver_sql(f"INSERT INTO visits VALUES ({i}, {i}, '/')")
        engine.dispose()
    datasets = "".join(
        f"""
  - fides_key: {name}
    collections:
      - name: people
        fields:
          - {{name: id, data_categories: [user.unique_id], fides_meta: {{primary_key: true}}}}
          - {{name: email, data_categories: [user.contact.email], fides_meta: {{identity: email}}}}
      - name: visits
        fields:
          - {{name: id, data_categories: [system.operations], fides_meta: {{primary_key: true}}}}
          - name: person_id
            data_categories: [user.unique_id]
            fides_meta: {{references: [{{dataset: {name}, field: people.id, direction: from}}]}}
          - {{name: page, data_categories: [user.behavior.browsing_history]}}
"""
        for name in ("a", "b")
    )
    path = tmp_path / "kept.yaml"
    path.write_text(
        f"""
kept: 1
organization: {{name: Two, jurisdictions: [eu]}}
stores:
  - {{name: store_a, url: "sqlite:///a.sqlite", datasets: [a]}}
  - {{name: store_b, url: "sqlite:///b.sqlite", datasets: [b]}}
dataset:{datasets}""",
        encoding="utf-8",
    )
    loaded = load_manifest(path)
    with open_engines(loaded) as engines:
        a = {v for _, v, _ in affected_people(loaded.manifest, Scope(stores=("store_a",)), engines)}
        b = {v for _, v, _ in affected_people(loaded.manifest, Scope(stores=("store_b",)), engines)}
        visits = {
            v
            for _, v, _ in affected_people(
                loaded.manifest, Scope(collections=("b.visits",)), engines
            )
        }
        with pytest.raises(RecordsError, match="store 'store_c'"):
            list(affected_people(loaded.manifest, Scope(stores=("store_c",)), engines))
    assert a == {"ann@a.example", "bob@a.example"}
    assert b == visits == {"cy@b.example"}


def test_people_per_tenant(tmp_path: Path) -> None:
    info = create_example("smartspace", tmp_path / "ss", people=40)
    loaded = load_manifest(info.manifest)
    url = f"sqlite:///{tmp_path / 'ss' / 'smartspace.sqlite'}"
    (tenant,) = next(iter(query(url, "SELECT MIN(tenant_id) FROM users")))
    expected = query(
        url,
        f"SELECT 'email', email FROM users WHERE tenant_id = {tenant} AND email IS NOT NULL "
        f"UNION SELECT 'phone_number', phone FROM users WHERE tenant_id = {tenant} "
        "AND phone IS NOT NULL "
        f"UNION SELECT 'entra_object_id', entra_object_id FROM users WHERE tenant_id = {tenant} "
        "AND entra_object_id IS NOT NULL",
    )
    scope = Scope(collections=("smartspace.users",), tenant=tenant)
    with open_engines(loaded) as engines:
        found = list(affected_people(loaded.manifest, scope, engines))
    assert {(k, v) for k, v, _ in found} == expected
    assert {t for _, _, t in found} == {tenant}


def test_register_clock_notices_and_audit(vivibit: tuple[Path, str], tmp_path: Path) -> None:
    manifest, url = vivibit
    loaded = load_manifest(manifest)
    control = open_control(f"sqlite:///{tmp_path / 'kept.db'}")
    discovered = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
    try:
        with open_engines(loaded) as engines:
            scope = Scope(collections=("vivibit.marketing_preferences",))
            breach = record_breach(
                control,
                loaded.manifest,
                engines,
                summary="A mailing list export was left on a public file share",
                discovered_at=discovered,
                scope=scope,
                actor="dpo",
            )
            expected = query(
                url,
                "SELECT email FROM marketing_preferences WHERE email IS NOT NULL UNION "
                "SELECT a.email FROM marketing_preferences m JOIN accounts a "
                "ON a.id = m.account_id WHERE a.email IS NOT NULL",
            )
            assert breach.people == len(expected) > 0
            assert breach.records == len(query(url, "SELECT id FROM marketing_preferences"))
            clock = breach.as_dict(now=discovered + dt.timedelta(hours=10))["clock"]
            assert clock["authority_due"] == "2026-12-04T09:00:00Z"
            assert clock["hours_left"] == 62.0 and not clock["overdue"]
            assert "assess the risk to people (unlikely, risk, high)" in clock["due"]

            breach = assess(
                control,
                breach.id,
                actor="dpo",
                risk="high",
                consequences="Phishing aimed at the subscribers",
                measures="The share was closed; subscribers are warned",
            )
            draft = authority_notice(loaded.manifest, breach)
            assert f"Approximate number of data subjects: {breach.people}" in draft
            assert "Phishing aimed at the subscribers" in draft

            late = discovered + dt.timedelta(hours=80)
            with pytest.raises(RecordsError, match="reasons for the delay"):
                notify_authority(control, breach.id, actor="dpo", now=late)
            breach = notify_authority(
                control,
                breach.id,
                actor="dpo",
                reference="DT-1",
                delay_reason="forensics",
                now=late,
            )
            assert breach.authority_notified_at == "2026-12-04T17:00:00Z"

            outbox = OutboxMailer(tmp_path / "outbox")
            breach = notify_people(
                control, loaded.manifest, engines, breach.id, outbox, actor="dpo"
            )
            sent = {message_from_bytes(p.read_bytes())["To"] for p in outbox.messages()}
            assert {s.lower() for s in sent} == {e.lower() for (e,) in expected}
            assert breach.people_notified == len(sent)

            breach = close_breach(control, breach.id, actor="dpo", reason="remedied")
            assert breach.status == "closed"
            with pytest.raises(RecordsError, match="is closed"):
                assess(control, breach.id, actor="dpo", risk="unlikely")
        actions = [e.action for e in AuditLog(control).entries()]
        assert actions == [
            "breach.recorded",
            "breach.assessed",
            "breach.authority_notified",
            "breach.people_notified",
            "breach.closed",
        ]
    finally:
        control.dispose()


def test_cli_breach(tmp_path: Path) -> None:
    info = create_example("vivibit", tmp_path / "viv", people=30)
    _register()
    runner = CliRunner()
    base = ["-m", str(info.manifest), "--database", f"sqlite:///{tmp_path / 'kept.db'}"]
    result = runner.invoke(
        app,
        [
            "breach",
            "record",
            *base,
            "--what",
            "Stolen laptop with a support export",
            "--discovered",
            "2026-12-01T09:00",
            "--collection",
            "vivibit.support_tickets",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    breach = json.loads(result.stdout)
    assert breach["people"] > 0 and breach["clock"]["authority_due"] == "2026-12-04T09:00:00Z"
    result = runner.invoke(app, ["breach", "show", breach["id"], *base, "--people", "-"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert lines[0] == "kind,identity,tenant" and len(lines) == breach["people"] + 1
    result = runner.invoke(app, ["breach", "show", breach["id"], *base, "--draft", "people"])
    assert "Stolen laptop" in result.stdout
    result = runner.invoke(app, ["breach", "assess", breach["id"], *base, "--risk", "risk"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["breach", "notify", breach["id"], *base, "--authority"])
    assert result.exit_code == 1  # past the 72 hours, no reason given
    assert "reasons for the delay" in result.output
    result = runner.invoke(
        app, ["breach", "notify", breach["id"], *base, "--authority", "--delay-reason", "x"]
    )
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["breach", "close", breach["id"], *base, "--reason", "done"])
    assert result.exit_code == 0 and "closed" in result.stdout
    result = runner.invoke(app, ["breach", "show", *base, "--json"])
    assert [b["status"] for b in json.loads(result.stdout)] == ["closed"]


def test_a_missing_table_is_a_clean_store_error(tmp_path: Path) -> None:
    info = create_example("vivibit", tmp_path / "viv", people=5)
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'viv' / 'vivibit.sqlite'}")
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE orders")
    engine.dispose()
    loaded = load_manifest(info.manifest)
    from kept.errors import StoreError

    with open_engines(loaded) as engines, pytest.raises(StoreError, match="no such table"):
        list(affected_people(loaded.manifest, Scope(collections=("vivibit.orders",)), engines))
