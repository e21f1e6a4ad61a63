"""Tenants never see each other: every endpoint of the API, tried across tenants.

The cases are generated from the served OpenAPI document: each path with a request id is
called by tenant A's key (or with A's token or link) on tenant B's request and must answer
as if B's request did not exist; each listing must hold none of B's things. A new endpoint
that this test does not know fails it, so it cannot be added without its tenant check.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from kept.api import create_app
from kept.apikey import issue_key
from kept.examples import create_example
from kept.execution import Identity
from kept.mail import OutboxMailer
from kept.requests import Lifecycle, State, Worker

TENANTS = ("acme", "globex")

# A valid body for each request-body schema of the API; an unknown schema fails the test.
BODIES: dict[str, dict[str, Any]] = {
    "ApproveBody": {},
    "DenyBody": {"reason_code": "excessive", "note": "cross-tenant test"},
    "ReasonBody": {"reason": "cross-tenant test"},
    "VerifyBody": {"code": "123456"},
    "SubmitBody": {"kind": "access", "email": "zed@example.com"},
    "StaffSubmitBody": {"kind": "access", "identities": {"email": "zed@example.com"}},
    "ConsentBody": {"subject": "email=zed@example.com", "purpose": "account"},
    "OptOutBody": {"subject": "email=zed@example.com", "opt_out": "marketing"},
    "DecisionBatch": {"decisions": [{"subject": "email=zed@example.com", "purpose": "account"}]},
    "GrantBody": {
        "subject": ["email=zed@example.com"],
        "scope": "remote_access",
        "grantee": "*",
        "reason": "cross-tenant test",
    },
    "RevokeBody": {"reason": "cross-tenant test"},
    "AccessBody": {"subject": ["email=zed@example.com"], "scope": "remote_access"},
}
# Paths that hold no tenant's object.
UNSCOPED = {("GET", "/health"), ("GET", "/api/v1/whoami")}
# Public paths for visitors and mail clients: no key, no tenant's object (the banner and its
# choices, the GPC resource, unsubscribing by a signed token).
PUBLIC = {
    ("GET", "/consent/banner.js"),
    ("GET", "/consent/banner/config"),
    ("POST", "/consent/banner/choice"),
    ("GET", "/.well-known/gpc.json"),
    ("GET", "/unsubscribe/{token}"),
    ("POST", "/unsubscribe/{token}"),
}
# Organization-wide records (the consent ledger, support grants): tenant-scoped keys are
# refused outright.
ORGANIZATION_WIDE = ("/api/v1/consent/", "/api/v1/support/")


@pytest.fixture(scope="module")
def manifest(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("tenants")
    return create_example("vcloudpoint", root / "vcloudpoint", people=10).manifest


class World:
    """Two tenants, each with a completed access request and a pending one, and their keys."""

    def __init__(self, client: TestClient, lifecycle: Lifecycle) -> None:
        self.client = client
        self.lifecycle = lifecycle
        self.keys: dict[str, str] = {}
        self.done: dict[str, str] = {}
        self.pending: dict[str, str] = {}
        self.tokens: dict[str, str] = {}
        engine = lifecycle.control
        root = lifecycle.loaded.root
        people = sa.create_engine(f"sqlite:///{root.parent / 'vcloudpoint.sqlite'}")
        with people.connect() as conn:  # real people: an access that matches nobody has no export
            emails = [str(r[0]) for r in conn.exec_driver_sql("SELECT email FROM accounts LIMIT 2")]
        people.dispose()
        for tenant, email in zip(TENANTS, emails, strict=True):
            _, self.keys[tenant] = issue_key(
                engine, name=f"{tenant} admin", role="tenant_admin", tenant=tenant
            )
            person = [Identity("email", email)]
            done = lifecycle.submit("access", person, tenant=tenant, actor="t", verified=True)
            self.done[tenant] = done.record.id
            self.tokens[done.record.id] = done.token
        Worker(lifecycle, name="t").run(until_empty=True)
        for tenant in TENANTS:
            pending = lifecycle.submit(
                "erasure", [Identity("email", f"other@{tenant}.example")], tenant=tenant
            )
            self.pending[tenant] = pending.record.id
            self.tokens[pending.record.id] = pending.token
        _, self.keys["officer"] = issue_key(engine, name="officer", role="privacy_officer")

    def headers(self, who: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.keys[who]}"}

    def link(self, tenant: str) -> dict[str, str]:
        body = self.client.get(
            f"/api/v1/requests/{self.done[tenant]}",
            headers={"X-Request-Token": self.tokens[self.done[tenant]]},
        ).json()
        query = parse_qs(urlsplit(body["export"]["url"]).query)
        return {"expires": query["expires"][0], "signature": query["signature"][0]}


@pytest.fixture
def world(manifest: Path, tmp_path: Path) -> Iterator[World]:
    application = create_app(manifest, database_url=f"sqlite:///{tmp_path / 'kept.db'}")
    context = application.state.kept
    lifecycle = Lifecycle(context.control, context.loaded, mailer=OutboxMailer(tmp_path / "out"))
    application.state.lifecycle = lifecycle
    with TestClient(application, raise_server_exceptions=False) as client:
        yield World(client, lifecycle)


def operations(client: TestClient) -> list[tuple[str, str, str | None]]:
    """Every (method, path, body schema) the served OpenAPI document lists."""
    found = []
    for path, item in client.get("/openapi.json").json()["paths"].items():
        for method, operation in item.items():
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            refs = [body["schema"], *body["schema"].get("anyOf", [])] if body else []
            ref = next((r["$ref"] for r in refs if "$ref" in r), None)  # an optional body: anyOf
            schema = ref.rsplit("/", 1)[-1] if ref else None
            found.append((method.upper(), path, schema))
    return sorted(found)


def call(
    world: World,
    method: str,
    path: str,
    schema: str | None,
    *,
    acting: str,
    target: str,
) -> Any:
    """Call an operation as tenant ``acting`` on tenant ``target``'s request."""
    done = path.endswith(("/export", "/receipts")) or "exports" in path
    done = done or (path == "/api/v1/requests/{request_id}" and method == "GET")
    which = world.done if done else world.pending
    request_id = which[target]
    url = path.replace("{request_id}", request_id)
    headers = world.headers(acting)
    params: dict[str, str] = {}
    if path.startswith("/api/v1/requests/") or path.startswith("/api/v1/exports/"):
        # The person's endpoints: acting's token (or link) on target's request.
        headers = {"X-Request-Token": world.tokens[which[acting]]}
        if "exports" in path:
            params = world.link(acting)
    if schema is not None and schema not in BODIES:
        pytest.fail(f"no sample body for schema {schema!r}: add one to BODIES")
    body = BODIES[schema] if schema else None
    return world.client.request(method, url, headers=headers, params=params, json=body)


def test_every_endpoint_keeps_tenants_apart(world: World) -> None:
    ops = operations(world.client)
    assert len(ops) >= 15, ops
    acme, globex = TENANTS
    states_before = {t: world.lifecycle.get(world.pending[t]).state for t in TENANTS}
    tried = set()
    for method, path, schema in ops:
        if (method, path) in UNSCOPED:
            continue
        tried.add((method, path))
        if (method, path) in PUBLIC:
            continue  # no key is asked for, and nothing of a tenant's is behind it
        if path.startswith(ORGANIZATION_WIDE):
            url = path.replace("{subject}", "email=someone@globex.example")
            params = {"subject": "email=someone@globex.example", "purpose": "account"}
            body = BODIES[schema] if schema else None
            refused = world.client.request(
                method, url, headers=world.headers(acme), params=params, json=body
            )
            assert refused.status_code == 403, (method, path, refused.text)
            assert "globex" not in refused.text
            continue
        if "{request_id}" in path:
            answer = call(world, method, path, schema, acting=acme, target=globex)
            expected = {404} if not path.startswith("/api/v1/exports/") else {403, 404}
            assert answer.status_code in expected, (method, path, answer.status_code, answer.text)
            assert globex not in answer.text and world.pending[globex] not in answer.text.replace(
                f"request {world.pending[globex]}: no such request", ""
            )
            # The same call on one's own request reaches it (whatever the lifecycle says).
            own = call(world, method, path, schema, acting=globex, target=globex)
            assert own.status_code not in (401, 403, 404), (method, path, own.text)
        elif method == "GET":
            for params in ({}, {"tenant": globex}):
                answer = world.client.get(path, headers=world.headers(acme), params=params)
                assert answer.status_code == 200, (path, answer.text)
                text = answer.text
                assert globex not in text and world.done[globex] not in text, (path, params)
                assert acme in text, (path, "the tenant's own things are listed")
        elif method == "POST" and path == "/api/v1/staff/requests":
            refused = world.client.post(
                path,
                headers=world.headers(acme),
                json={**BODIES["StaffSubmitBody"], "tenant": globex},
            )
            assert refused.status_code == 403
            made = world.client.post(path, headers=world.headers(acme), json=BODIES[schema or ""])
            assert made.status_code == 201 and made.json()["tenant"] == acme
        elif method == "POST" and path == "/api/v1/requests":
            made = world.client.post(path, json={**BODIES["SubmitBody"], "tenant": globex})
            assert made.status_code == 202 and "token" in made.json()
        else:
            pytest.fail(f"{method} {path}: no cross-tenant case; add one")
    # Every documented tenant-scoped path was tried, and globex's requests are untouched.
    assert {p for _, p in tried} >= {
        "/api/v1/staff/requests/{request_id}/approve",
        "/api/v1/staff/audit",
        "/api/v1/exports/{request_id}",
    }
    # The own-tenant calls moved globex's pending request on; acme's calls did not touch it:
    # its audit entries are all by globex's key, the subject or Kept.
    actors = {r["actor"] for r in world.lifecycle.receipts(world.pending[globex]) if r["seq"] > 0}
    assert not any(world.keys[acme].split("_")[1] in a for a in actors)
    assert states_before[acme] == world.lifecycle.get(world.pending[acme]).state == State.RECEIVED


def test_officers_see_every_tenant(world: World) -> None:
    listing = world.client.get("/api/v1/staff/requests", headers=world.headers("officer")).json()
    assert {r["tenant"] for r in listing["requests"]} == set(TENANTS)
    audit = world.client.get("/api/v1/staff/audit", headers=world.headers("officer")).json()
    assert {e["tenant"] for e in audit["entries"]} >= set(TENANTS)


def test_support_agents_read_but_do_not_decide(world: World) -> None:
    _, key = issue_key(world.lifecycle.control, name="desk", role="support_agent")
    headers = {"Authorization": f"Bearer {key}"}
    rid = world.pending["acme"]
    assert world.client.get(f"/api/v1/staff/requests/{rid}", headers=headers).status_code == 200
    for path in (f"/api/v1/staff/requests/{rid}/approve", f"/api/v1/staff/requests/{rid}/resume"):
        assert world.client.post(path, headers=headers).status_code == 403
    assert world.client.get("/api/v1/staff/audit", headers=headers).status_code == 403
