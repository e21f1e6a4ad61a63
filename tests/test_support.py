"""Support-access grants on the examples whose policies promise them (VCP-37, VIV-23)."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from kept.audit import AuditLog
from kept.cli import app
from kept.control import open_control
from kept.examples import create_example
from kept.execution import Identity
from kept.manifest import LoadedManifest, load_manifest
from kept.rights import RightsService
from kept.support import SupportError, SupportGrants

ANNA = [Identity("email", "anna@example.com")]
ANNA_BOTH = [Identity("email", "anna@example.com"), Identity("phone", "+4790000001")]
BOB = [Identity("email", "bob@example.com")]


@pytest.fixture(scope="module")
def vcp(tmp_path_factory: pytest.TempPathFactory) -> LoadedManifest:
    folder = tmp_path_factory.mktemp("vcp")
    return load_manifest(create_example("vcloudpoint", folder, people=10).manifest)


@pytest.fixture(scope="module")
def vivibit(tmp_path_factory: pytest.TempPathFactory) -> LoadedManifest:
    folder = tmp_path_factory.mktemp("vivibit")
    return load_manifest(create_example("vivibit", folder, people=10).manifest)


@pytest.fixture(params=["sqlite", "postgres"])
def control(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[sa.Engine]:
    url = (
        f"sqlite:///{tmp_path / 'kept.db'}"
        if request.param == "sqlite"
        else request.getfixturevalue("postgres_url")
    )
    engine = open_control(url)
    yield engine
    engine.dispose()


def actions(control: sa.Engine) -> list[str]:
    return [e.action for e in AuditLog(control).latest(100)]


def test_remote_access_needs_the_persons_grant(vcp: LoadedManifest, control: sa.Engine) -> None:
    grants = SupportGrants(vcp.manifest, control, actor="desk", refresh_seconds=0)
    assert grants.may_access("tom", ANNA, "service_metadata").reason == "no_grant_needed"
    refused = grants.may_access("tom", ANNA, "remote_access", role="support_agent")
    assert (refused.allowed, refused.reason) == (False, "no_grant")
    given = grants.grant(
        ANNA_BOTH, "remote_access", grantee="role:support_agent", reason="ticket 42", case="T-42"
    )
    for identities in (ANNA, [Identity("phone", "+4790000001")], ANNA_BOTH):
        allowed = grants.may_access("tom", identities, "remote_access", role="support_agent")
        assert (allowed.allowed, allowed.grant_id) == (True, given.id)
    assert not grants.may_access("tom", BOB, "remote_access", role="support_agent").allowed
    assert not grants.may_access("eve", ANNA, "remote_access", role="engineer").allowed
    # the same person typed in another case is the same person
    upper = [Identity("email", "ANNA@Example.COM")]
    assert grants.may_access("tom", upper, "remote_access", role="support_agent").allowed
    # expiry: a week later the grant has ended
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=8)
    assert not grants.may_access("tom", ANNA, "remote_access", role="support_agent", now=later)
    assert grants.record_expiries(now=later) == [given.id]
    assert grants.record_expiries(now=later) == []  # audited once
    # use, revoke
    assert grants.use("tom", ANNA, "remote_access", role="support_agent").allowed
    grants.revoke(given.id, reason="ticket resolved")
    assert not grants.may_access("tom", ANNA, "remote_access", role="support_agent").allowed
    assert not grants.use("tom", ANNA, "remote_access", role="support_agent").allowed
    with pytest.raises(SupportError, match="already revoked"):
        grants.revoke(given.id, reason="again")
    assert actions(control) == [
        "support.grant",
        "support.expire",
        "support.access",
        "support.revoke",
        "support.access_refused",
    ]
    assert AuditLog(control).verify().ok


def test_grants_are_bounded_by_the_manifest(vcp: LoadedManifest, control: sa.Engine) -> None:
    grants = SupportGrants(vcp.manifest, control)
    with pytest.raises(SupportError, match="at most 30 days, not 60"):
        grants.grant(ANNA, "remote_access", grantee="tom", reason="r", days=60)
    with pytest.raises(SupportError, match="unknown support scope 'remote'"):
        grants.grant(ANNA, "remote", grantee="tom", reason="r")
    with pytest.raises(SupportError, match="needs no grant"):
        grants.grant(ANNA, "service_metadata", grantee="tom", reason="r")
    with pytest.raises(SupportError, match="needs a reason"):
        grants.grant(ANNA, "remote_access", grantee="tom", reason="  ")
    assert grants.grants(include_past=True) == []
    assert not grants.may_access("tom", ANNA, "remote_access", break_glass="fire").allowed


def test_break_glass_where_the_policy_allows_it(vivibit: LoadedManifest, tmp_path: Path) -> None:
    control = open_control(f"sqlite:///{tmp_path / 'kept.db'}")
    grants = SupportGrants(vivibit.manifest, control)
    assert not grants.may_access("tom", ANNA, "user_content").allowed
    passed = grants.use("tom", ANNA, "user_content", break_glass="incident INC-7: ransomware")
    assert (passed.allowed, passed.reason, passed.break_glass) == (True, "break_glass", True)
    entry = AuditLog(control).latest(1)[0]
    assert entry.details["break_glass_reason"] == "incident INC-7: ransomware"
    assert entry.subject_ref and "anna" not in json.dumps(entry.details)
    control.dispose()


def test_a_grant_made_elsewhere_is_seen_after_the_refresh(
    vcp: LoadedManifest, tmp_path: Path
) -> None:
    control = open_control(f"sqlite:///{tmp_path / 'kept.db'}")
    reader = SupportGrants(vcp.manifest, control, refresh_seconds=0)
    assert not reader.may_access("tom", ANNA, "remote_access").allowed
    SupportGrants(vcp.manifest, control).grant(ANNA, "remote_access", grantee="tom", reason="r")
    assert reader.may_access("tom", ANNA, "remote_access").allowed
    control.dispose()


def test_the_persons_export_lists_their_grants(vcp: LoadedManifest, tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'kept.db'}"
    control = open_control(database)
    store = sa.create_engine(f"sqlite:///{vcp.root.parent / 'vcloudpoint.sqlite'}")
    with store.connect() as conn:
        email = conn.execute(sa.text("SELECT email FROM accounts ORDER BY id")).scalars().first()
    store.dispose()
    person = [Identity("email", str(email))]  # a customer the stores hold
    SupportGrants(vcp.manifest, control).grant(
        person, "remote_access", grantee="role:support_agent", reason="ticket 42", case="T-42"
    )
    with RightsService.open(vcp, database) as service:
        result = service.access(person, tmp_path)
    with zipfile.ZipFile(result.export) as archive:
        support = json.loads(archive.read("support.json"))
    assert [(g["scope"], g["case"]) for g in support["grants"]] == [("remote_access", "T-42")]
    control.dispose()


def test_cli_grant_check_list_revoke(vcp: LoadedManifest, tmp_path: Path) -> None:
    import kept.cli.support  # noqa: F401

    common = ["-m", str(vcp.root), "--database", f"sqlite:///{tmp_path / 'kept.db'}"]
    runner = CliRunner()
    check = ["support", "check", "-i", "email=anna@example.com", "--scope", "remote_access"]
    refused = runner.invoke(app, [*check, "--staff", "tom", *common])
    assert refused.exit_code == 1 and "refused: no_grant" in refused.output
    grant = ["support", "grant", "-i", "email=anna@example.com", "--scope", "remote_access"]
    given = runner.invoke(
        app, [*grant, "--to", "tom", "--reason", "ticket 42", "--days", "2", "--json", *common]
    )
    assert given.exit_code == 0, given.output
    grant_id = json.loads(given.output)["id"]
    allowed = runner.invoke(app, [*check, "--staff", "tom", "--use", *common])
    assert allowed.exit_code == 0 and f"allowed: granted (grant {grant_id})" in allowed.output
    listed = runner.invoke(app, ["support", "list", *common])
    assert grant_id in listed.output
    too_long = runner.invoke(app, [*grant, "--to", "tom", "--reason", "r", "--days", "90", *common])
    assert too_long.exit_code == 2 and "at most 30 days, not 90" in too_long.output
    ended = runner.invoke(app, ["support", "revoke", grant_id, "--reason", "resolved", *common])
    assert ended.exit_code == 0, ended.output
    assert runner.invoke(app, [*check, "--staff", "tom", *common]).exit_code == 1


def test_api_officers_grant_support_asks_tenants_are_refused(
    vcp: LoadedManifest, tmp_path: Path
) -> None:
    from fastapi.testclient import TestClient

    from kept.api import create_app
    from kept.apikey import issue_key

    app_ = create_app(vcp.root, database_url=f"sqlite:///{tmp_path / 'kept.db'}")
    control = app_.state.kept.control
    keys = {
        role: issue_key(control, name=role, role=role, tenant="acme" if "tenant" in role else None)[
            1
        ]
        for role in ("privacy_officer", "support_agent", "tenant_admin")
    }

    def as_(role: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {keys[role]}"}

    body = {"subject": ["email=anna@example.com"], "scope": "remote_access"}
    with TestClient(app_) as client:
        first = client.post("/api/v1/support/access", json=body, headers=as_("support_agent"))
        assert first.status_code == 200 and first.json()["reason"] == "no_grant"
        grant = {**body, "grantee": "role:support_agent", "reason": "ticket 42", "days": 2}
        refused = client.post("/api/v1/support/grants", json=grant, headers=as_("support_agent"))
        assert refused.status_code == 403  # support cannot grant itself access
        tenant = client.post("/api/v1/support/grants", json=grant, headers=as_("tenant_admin"))
        assert tenant.status_code == 403
        made = client.post("/api/v1/support/grants", json=grant, headers=as_("privacy_officer"))
        assert made.status_code == 200, made.text
        grant_id = made.json()["id"]
        used = client.post("/api/v1/support/access", json=body, headers=as_("support_agent"))
        assert used.json() == {
            "allowed": True,
            "reason": "granted",
            "scope": "remote_access",
            "grant_id": grant_id,
            "break_glass": False,
        }
        listed = client.get(
            "/api/v1/support/grants",
            params={"subject": "email=anna@example.com"},
            headers=as_("support_agent"),
        )
        assert [g["id"] for g in listed.json()] == [grant_id]
        bad = client.post(
            "/api/v1/support/grants", json={**grant, "days": 99}, headers=as_("privacy_officer")
        )
        assert bad.status_code == 400 and bad.json()["code"] == "support_invalid"
        ended = client.post(
            f"/api/v1/support/grants/{grant_id}/revoke",
            json={"reason": "resolved"},
            headers=as_("privacy_officer"),
        )
        assert ended.status_code == 200 and ended.json()["revoked_at"]
        after = client.post("/api/v1/support/access", json=body, headers=as_("support_agent"))
        assert after.json()["allowed"] is False
