"""The HTTP API's foundation: API keys, roles, JSON errors, the OpenAPI document."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from fastapi import APIRouter, Depends
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from kept.api import create_app
from kept.api.auth import require
from kept.apikey import Caller, Role, authenticate, issue_key, list_keys, revoke_key
from kept.audit import AuditLog
from kept.cli import _register, app
from kept.control import open_control
from kept.errors import AuthError
from kept.examples import create_example


@pytest.fixture(scope="module")
def manifest(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("api")
    return create_example("vcloudpoint", root / "vcloudpoint", people=20).manifest


@pytest.fixture
def client(manifest: Path, tmp_path: Path) -> Iterator[TestClient]:
    application = create_app(manifest, database_url=f"sqlite:///{tmp_path / 'kept.db'}")
    with TestClient(application, raise_server_exceptions=False) as test_client:
        yield test_client


def engine_of(client: TestClient) -> sa.Engine:
    engine: sa.Engine = client.app.state.kept.control  # type: ignore[attr-defined]
    return engine


def test_keys_are_stored_hashed_and_authenticate(tmp_path: Path) -> None:
    engine = open_control(f"sqlite:///{tmp_path / 'kept.db'}")
    try:
        key, text = issue_key(engine, name="Ada", role="tenant_admin", tenant="acme")
        with engine.connect() as conn:
            stored = conn.execute(sa.text("SELECT secret_hash FROM kept_api_keys")).scalar_one()
        assert text.split("_", 2)[2] not in stored
        caller = authenticate(engine, text)
        assert caller == Caller(key.id, "Ada", Role.TENANT_ADMIN, "acme")
        assert caller.may_see("acme") and not caller.may_see("other") and not caller.may_see(None)
        with pytest.raises(AuthError, match="not valid"):
            authenticate(engine, text[:-1] + ("A" if text[-1] != "A" else "B"))
        with pytest.raises(AuthError, match="malformed"):
            authenticate(engine, "nonsense")
        revoke_key(engine, key.id)
        again = revoke_key(engine, key.id)
        assert again.revoked_at == list_keys(engine)[0].revoked_at
        with pytest.raises(AuthError, match="revoked"):
            authenticate(engine, text)
        actions = [e.action for e in AuditLog(engine).entries()]
        assert actions == ["apikey.issued", "apikey.revoked"]
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    ("role", "tenant", "message"),
    [
        ("owner", None, "unknown role 'owner'"),
        ("tenant_admin", None, "needs a tenant"),
        ("admin", "acme", "not bound to a tenant"),
    ],
)
def test_bad_keys_are_refused(tmp_path: Path, role: str, tenant: str | None, message: str) -> None:
    engine = open_control(f"sqlite:///{tmp_path / 'kept.db'}")
    try:
        with pytest.raises(AuthError, match=message):
            issue_key(engine, name="x", role=role, tenant=tenant)
    finally:
        engine.dispose()


def test_health_and_openapi(client: TestClient) -> None:
    health = client.get("/health")
    assert health.status_code == 200
    assert health.json()["organization"] == "vCloudPoint"
    document = client.get("/openapi.json").json()
    assert "/api/v1/whoami" in document["paths"]
    assert "HTTPBearer" in document["components"]["securitySchemes"]


def test_whoami_needs_a_valid_key(client: TestClient) -> None:
    missing = client.get("/api/v1/whoami")
    assert missing.status_code == 401
    assert missing.json()["code"] == "unauthorized"
    assert missing.headers["www-authenticate"] == "Bearer"
    wrong = client.get("/api/v1/whoami", headers={"Authorization": "Bearer kept_x_y"})
    assert (wrong.status_code, wrong.json()["code"]) == (401, "unauthorized")
    _, text = issue_key(engine_of(client), name="desk", role="support_agent")
    for headers in ({"Authorization": f"Bearer {text}"}, {"X-API-Key": text}):
        ok = client.get("/api/v1/whoami", headers=headers)
        assert ok.status_code == 200
        assert ok.json()["role"] == "support_agent"


def test_roles_are_enforced(client: TestClient) -> None:
    router = APIRouter()

    @router.get("/test/admin-only")
    def admin_only(caller: Caller = Depends(require(Role.ADMIN))) -> dict[str, str]:
        return {"key": caller.key_id}

    client.app.include_router(router)  # type: ignore[attr-defined]
    _, agent = issue_key(engine_of(client), name="desk", role="support_agent")
    _, admin = issue_key(engine_of(client), name="root", role="admin")
    refused = client.get("/test/admin-only", headers={"Authorization": f"Bearer {agent}"})
    assert (refused.status_code, refused.json()["code"]) == (403, "forbidden")
    assert "support_agent" in refused.json()["message"]
    allowed = client.get("/test/admin-only", headers={"Authorization": f"Bearer {admin}"})
    assert allowed.status_code == 200


def test_errors_are_json_with_a_stable_code(client: TestClient) -> None:
    unknown = client.get("/no/such/path")
    assert (unknown.status_code, unknown.json()["code"]) == (404, "not_found")
    method = client.post("/health")
    assert (method.status_code, method.json()["code"]) == (405, "method_not_allowed")


def test_cli_issues_lists_and_revokes(manifest: Path, tmp_path: Path) -> None:
    _register()
    runner = CliRunner()
    database = ["--database", f"sqlite:///{tmp_path / 'kept.db'}", "-m", str(manifest)]
    created = runner.invoke(
        app, ["apikey", "create", "--name", "Ops", "--role", "admin", "--json", *database]
    )
    assert created.exit_code == 0, created.output
    issued = json.loads(created.output)
    assert issued["key"].startswith(f"kept_{issued['id']}_")
    listed = runner.invoke(app, ["apikey", "list", "--json", *database])
    assert [(k["id"], k["name"], k["role"]) for k in json.loads(listed.output)] == [
        (issued["id"], "Ops", "admin")
    ]
    revoked = runner.invoke(app, ["apikey", "revoke", issued["id"], *database])
    assert revoked.exit_code == 0 and f"key {issued['id']} revoked" in revoked.output
    bad = runner.invoke(app, ["apikey", "create", "--name", "x", "--role", "boss", *database])
    assert bad.exit_code == 2
    assert "unknown role 'boss'" in bad.output
    missing = runner.invoke(app, ["apikey", "revoke", "nope", *database])
    assert missing.exit_code == 2 and "no API key 'nope'" in missing.output
