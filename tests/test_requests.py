"""The rights-request engine on real databases: the peer's sample on PostgreSQL, and every
seed example end to end (access, erasure, rectification) on SQLite."""

from __future__ import annotations

import csv
import json
import zipfile
from pathlib import Path

import pytest
import sqlalchemy as sa

from kept.audit import AuditLog
from kept.control import open_control
from kept.errors import PlanChangedError, RequestError
from kept.examples import EXAMPLES, create_example
from kept.execution import (
    Identity,
    parse_change,
    parse_identity,
    run_access,
    run_erasure,
    traversal_plan,
)
from kept.manifest import load_manifest
from kept.rights import RightsService

PEER_MANIFEST = Path(__file__).parent / "data" / "fides_peer" / "kept.yaml"
JANE = [Identity("email", "Jane@Example.com")]  # normalised to the stored jane@example.com
PEER_JANE = {
    "postgres_example_test_dataset.customer": 1,
    "postgres_example_test_dataset.address": 1,
    "postgres_example_test_dataset.orders": 1,
    "postgres_example_test_dataset.payment_card": 1,
    "postgres_example_test_dataset.login": 1,
    "cookie_house_extras.composite_pk_test": 1,
}


def scalar(url: str, sql: str) -> object:
    engine = sa.create_engine(url, poolclass=sa.NullPool)
    with engine.connect() as conn:
        value = conn.exec_driver_sql(sql).scalar()
    engine.dispose()
    return value


@pytest.mark.postgres
def test_peer_access_returns_every_reachable_row(peer_postgres_url: str, tmp_path: Path) -> None:
    result = run_access(load_manifest(PEER_MANIFEST), JANE, tmp_path)
    assert {t: n for t, n in result.rows.items() if n} == PEER_JANE
    assert result.unreachable == ["cookie_house_extras.loyalty"]
    with zipfile.ZipFile(result.export) as z:
        names = set(z.namelist())
        assert {"summary.html", "supplementary.json"} <= names
        customer = json.loads(z.read("data/postgres_example_test_dataset.customer.json"))
        assert customer == [
            {
                "address_id": 4,
                "created": "2020-04-01T11:47:42",
                "email": "jane@example.com",
                "id": 3,
                "name": "Jane Customer",
            }
        ]
        rows = list(
            csv.DictReader(
                z.read("data/postgres_example_test_dataset.login.csv").decode().splitlines()
            )
        )
        assert rows == [{"customer_id": "3", "id": "8", "time": "2021-01-06T01:00:00"}]
        info = json.loads(z.read("supplementary.json"))
        for key in (
            "purposes",
            "categories",
            "recipients",
            "retention",
            "sources",
            "rights",
            "right_to_complain",
            "automated_decision_making",
        ):
            assert key in info
        assert "user.contact.email" in info["categories"]


@pytest.mark.postgres
def test_peer_erasure_is_verified_and_leaves_no_erasable_value(
    peer_postgres_url: str, tmp_path: Path
) -> None:
    loaded = load_manifest(PEER_MANIFEST)
    dry = run_erasure(loaded, {"r1": JANE}, dry_run=True)
    again = run_erasure(loaded, {"other-id": JANE}, dry_run=True)
    assert dry.plan_hash == again.plan_hash  # the plan does not depend on the request id
    assert scalar(peer_postgres_url, "SELECT email FROM customer WHERE id = 3") == (
        "jane@example.com"
    )
    result = run_erasure(loaded, {"r1": JANE}, expected_plan=dry.plan_hash, secret=b"k")
    assert result.verified
    receipt = result.receipt("r1")
    assert {t["table"]: t["rows_before"] for t in receipt["tables"]} == PEER_JANE
    assert all(t["erasable_values_remaining"] == 0 for t in receipt["tables"])
    assert "jane" not in json.dumps(receipt).lower()
    # The employee-name override of the Fides file becomes a fixed value; Jane's values are gone
    assert (
        scalar(
            peer_postgres_url,
            "SELECT count(*) FROM customer WHERE id = 3 AND email IS NULL AND name IS NULL",
        )
        == 1
    )
    assert (
        scalar(peer_postgres_url, "SELECT ccn FROM payment_card WHERE id = 'pay_ccc-ccc'") is None
    )
    assert scalar(peer_postgres_url, "SELECT count(*) FROM customer WHERE email IS NOT NULL") == 2
    assert run_access(loaded, JANE, tmp_path).total == 0


@pytest.mark.postgres
def test_plan_refused_when_the_data_changed(peer_postgres_url: str) -> None:
    loaded = load_manifest(PEER_MANIFEST)
    dry = run_erasure(loaded, {"r1": JANE}, dry_run=True)
    engine = sa.create_engine(peer_postgres_url, poolclass=sa.NullPool)
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE customer SET name = 'Jane Q. Customer' WHERE id = 3")
    engine.dispose()
    with pytest.raises(PlanChangedError):
        run_erasure(loaded, {"r1": JANE}, expected_plan=dry.plan_hash)
    assert scalar(peer_postgres_url, "SELECT name FROM customer WHERE id = 3") == (
        "Jane Q. Customer"
    )


def first_person(manifest: Path) -> Identity:
    loaded = load_manifest(manifest)
    for dataset in loaded.manifest.dataset:
        for coll in dataset.collections:
            for f in coll.fields:
                if f.fides_meta and f.fides_meta.identity == "email":
                    store = loaded.manifest.stores[0]
                    url = store.url.replace("sqlite:///", f"sqlite:///{manifest.parent}/")
                    value = scalar(
                        url,
                        f'SELECT "{f.name}" FROM "{coll.name}" '
                        f'WHERE "{f.name}" IS NOT NULL ORDER BY 1 LIMIT 1',
                    )
                    return Identity("email", str(value))
    raise AssertionError("no e-mail identity")


@pytest.mark.parametrize("name", EXAMPLES)
def test_example_access_erasure_rectification(name: str, tmp_path: Path) -> None:
    info = create_example(name, tmp_path / name, people=80)
    loaded = load_manifest(info.manifest)
    person = first_person(info.manifest)
    service = RightsService.open(loaded)
    try:
        access = service.access([person], tmp_path / "out")
        assert access.total > 0, access.rows
        # what an e-mail cannot reach is reported, and reachable through another identity
        kinds = {
            f.fides_meta.identity
            for d in loaded.manifest.dataset
            for c in d.collections
            for f in c.fields
            if f.fides_meta and f.fides_meta.identity
        }
        assert not traversal_plan(loaded.manifest, kinds).unreachable
        dry = service.erase({"e1": [person]}, dry_run=True)
        result = service.erase({"e1": [person]}, expected_plan=dry.plan_hash)
        assert result.verified
        kept = {t.table for t in result.tables if t.action == "keep" and sum(t.before.values())}
        after = service.access([person], tmp_path / "out")
        leftover = {t for t, n in after.rows.items() if n}
        assert leftover <= kept, f"{leftover - kept} still reachable after erasure"
        verify = AuditLog(service.control).verify()
        assert verify.ok and verify.checked >= 4
    finally:
        service.close()


def test_rectification_shows_before_and_after(tmp_path: Path) -> None:
    info = create_example("vcloudpoint", tmp_path, people=40)
    loaded = load_manifest(info.manifest)
    person = first_person(info.manifest)
    service = RightsService.open(loaded)
    try:
        change = parse_change("vcloudpoint.accounts.full_name=Ada Lovelace")
        dry = service.rectify([person], [change], dry_run=True)
        (row,) = dry.changes["vcloudpoint.accounts"]
        assert row["after"] == {"full_name": "Ada Lovelace"}
        assert row["before"]["full_name"] != "Ada Lovelace"
        done = service.rectify([person], [change])
        assert done.rows == {"vcloudpoint.accounts": 1}
        url = f"sqlite:///{tmp_path / 'vcloudpoint.sqlite'}"
        assert scalar(url, f"SELECT full_name FROM accounts WHERE email = '{person.value}'") == (
            "Ada Lovelace"
        )
        with pytest.raises(RequestError, match="not declared"):
            service.rectify([person], [parse_change("vcloudpoint.accounts.nope=x")])
    finally:
        service.close()


def test_batch_erasure_gives_each_person_a_receipt(tmp_path: Path) -> None:
    info = create_example("vcloudpoint", tmp_path, people=60)
    url = f"sqlite:///{tmp_path / 'vcloudpoint.sqlite'}"
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        emails = [r[0] for r in conn.exec_driver_sql("SELECT email FROM accounts ORDER BY id")]
    engine.dispose()
    batch = tmp_path / "batch.csv"
    batch.write_text(
        "request_id,email\n" + "".join(f"b{i},{e}\n" for i, e in enumerate(emails[:20])),
        encoding="utf-8",
    )
    from kept.rights import read_batch

    requests = read_batch(batch)
    service = RightsService.open(load_manifest(info.manifest))
    ticks: list[tuple[str, int, int]] = []
    try:
        result = service.erase(requests, progress=lambda *tick: ticks.append(tick))
        assert result.verified
        done = [d for _, d, _ in ticks]
        assert done == sorted(done) and done[-1] == ticks[-1][2] == 3 * len(result.tables)
        assert any(what.startswith("verified ") for what, _, _ in ticks)
        for request_id in requests:
            assert result.receipt(request_id)["tables"], request_id
        entries = [e for e in AuditLog(service.control).entries() if e.action == "request.erasure"]
        assert sorted(e.details["request_id"] for e in entries) == sorted(requests)
    finally:
        service.close()
    assert scalar(url, "SELECT count(*) FROM accounts") == len(emails) - 20


def test_bad_identity_is_a_clean_error() -> None:
    with pytest.raises(RequestError, match="KIND=VALUE"):
        parse_identity("jane@example.com")
    assert parse_identity("email= Jane@Example.COM ").variants == (
        "jane@example.com",
        "Jane@Example.COM",
    )


def test_control_plane_is_beside_the_manifest(tmp_path: Path) -> None:
    info = create_example("vivi", tmp_path, people=20)
    service = RightsService.open(load_manifest(info.manifest))
    service.close()
    assert (tmp_path / "kept.db").exists()
    open_control(f"sqlite:///{tmp_path / 'kept.db'}").dispose()


def test_restriction_marks_rows_applications_can_check_and_lift(tmp_path: Path) -> None:
    from kept.restriction import is_restricted, restricted_keys

    info = create_example("vcloudpoint", tmp_path, people=40)
    loaded = load_manifest(info.manifest)
    person = first_person(info.manifest)
    service = RightsService.open(loaded)
    try:
        restriction = service.restrict(
            [person], purposes=["technical_support"], reason="accuracy contested"
        )
        assert restriction.rows["vcloudpoint.accounts"] == 1
        keys = restricted_keys(
            service.control, "vcloudpoint", "vcloudpoint.accounts", "technical_support"
        )
        (key,) = keys
        account_id = json.loads(key)[0]
        row = {"id": account_id}
        assert is_restricted(
            service.control, "vcloudpoint", "vcloudpoint.accounts", row, "technical_support"
        )
        assert not is_restricted(
            service.control, "vcloudpoint", "vcloudpoint.accounts", row, "shipping"
        )
        service.lift(restriction.id, reason="accuracy verified; the person was told")
        assert not is_restricted(
            service.control, "vcloudpoint", "vcloudpoint.accounts", row, "technical_support"
        )
        with pytest.raises(RequestError, match="already lifted"):
            service.lift(restriction.id, reason="again")
        # an objection to everything covers every purpose
        objection = service.restrict([person], purposes=[], reason="objects", objection=True)
        assert is_restricted(
            service.control, "vcloudpoint", "vcloudpoint.accounts", row, "shipping"
        )
        assert objection.kind == "objection"
        with pytest.raises(RequestError, match="unknown purpose"):
            service.restrict([person], purposes=["nope"], reason="x")
        every = [e.action for e in AuditLog(service.control).entries()]
        assert "recipients.notifications_created" in every  # Art. 19 (kept.recipients)
        actions = [a for a in every if not a.startswith("recipients.")]
        assert actions == ["request.restriction", "request.restriction.lifted", "request.objection"]
    finally:
        service.close()


@pytest.mark.parametrize("name", ["vcloudpoint", "smartspace"])
def test_erasure_on_every_database(name: str, any_db_url: str, tmp_path: Path) -> None:
    info = create_example(name, tmp_path, url=any_db_url, people=60)
    loaded = load_manifest(info.manifest)
    engine = sa.create_engine(any_db_url, poolclass=sa.NullPool)
    table = "accounts" if name == "vcloudpoint" else "users"
    with engine.connect() as conn:
        emails = [r[0] for r in conn.exec_driver_sql(f"SELECT email FROM {table} ORDER BY id")]
    engine.dispose()
    people = {f"p{i}": [Identity("email", e)] for i, e in enumerate(emails[:5])}
    service = RightsService.open(loaded, f"sqlite:///{tmp_path / 'kept.db'}")
    try:
        access = service.access(people["p0"], tmp_path / "out")
        assert access.total > 0
        dry = service.erase(people, dry_run=True)
        result = service.erase(people, expected_plan=dry.plan_hash)
        assert result.verified
        for request_id in people:
            kept = sum(t.before.get(request_id, 0) for t in result.tables if t.action == "keep")
            assert service.access(people[request_id], tmp_path / "out").total <= kept
    finally:
        service.close()
