"""Roles as a tested matrix, and four-eyes for a support agent's erasures and rectifications.

The matrix test is generated from the served OpenAPI document: every operation is called with
a key of every role and with no key, and must admit exactly the roles :data:`MATRIX` names for
it. An operation without a row fails the test, so no endpoint is added without saying who may
call it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from kept.api import create_app
from kept.apikey import Role, issue_key
from kept.audit import AuditLog
from kept.examples import create_example
from kept.execution import Identity
from kept.mail import OutboxMailer
from kept.requests import Lifecycle, RateLimit, State

ADMIN, OFFICER, AGENT, TENANT = (
    Role.ADMIN,
    Role.PRIVACY_OFFICER,
    Role.SUPPORT_AGENT,
    Role.TENANT_ADMIN,
)
EVERY_ROLE = frozenset(Role)
DECIDERS = frozenset({ADMIN, OFFICER, TENANT})
ORGANIZATION = frozenset({ADMIN, OFFICER, AGENT})
PUBLIC = "public"
"""No key asked for: the person (token, signed link), visitors, mail clients, health checks."""

MATRIX: dict[tuple[str, str], frozenset[Role] | str] = {
    ("GET", "/health"): PUBLIC,
    ("GET", "/api/v1/whoami"): EVERY_ROLE,
    # The person's endpoints: the request token, the e-mailed code, the signed link.
    ("POST", "/api/v1/requests"): PUBLIC,
    ("POST", "/api/v1/requests/{request_id}/verify"): PUBLIC,
    ("POST", "/api/v1/requests/{request_id}/code"): PUBLIC,
    ("GET", "/api/v1/requests/{request_id}"): PUBLIC,
    ("GET", "/api/v1/exports/{request_id}"): PUBLIC,
    # Staff: everyone reads and submits; only deciders decide, read receipts, exports, audit.
    ("GET", "/api/v1/staff/requests"): EVERY_ROLE,
    ("POST", "/api/v1/staff/requests"): EVERY_ROLE,
    ("GET", "/api/v1/staff/requests/{request_id}"): EVERY_ROLE,
    ("POST", "/api/v1/staff/requests/{request_id}/dry-run"): DECIDERS,
    ("POST", "/api/v1/staff/requests/{request_id}/approve"): DECIDERS,
    ("POST", "/api/v1/staff/requests/{request_id}/deny"): DECIDERS,
    ("POST", "/api/v1/staff/requests/{request_id}/extend"): DECIDERS,
    ("POST", "/api/v1/staff/requests/{request_id}/pause"): DECIDERS,
    ("POST", "/api/v1/staff/requests/{request_id}/resume"): DECIDERS,
    ("GET", "/api/v1/staff/requests/{request_id}/receipts"): DECIDERS,
    ("GET", "/api/v1/staff/requests/{request_id}/export"): DECIDERS,
    ("GET", "/api/v1/staff/audit"): DECIDERS,
    # The consent ledger is organization-wide: no tenant key.
    ("POST", "/api/v1/consent/grant"): ORGANIZATION,
    ("POST", "/api/v1/consent/withdraw"): ORGANIZATION,
    ("POST", "/api/v1/consent/opt-out"): ORGANIZATION,
    ("POST", "/api/v1/consent/opt-in"): ORGANIZATION,
    ("GET", "/api/v1/consent/decision"): ORGANIZATION,
    ("POST", "/api/v1/consent/decisions"): ORGANIZATION,
    ("GET", "/api/v1/consent/subjects/{subject}"): ORGANIZATION,
    # Support grants are the person's: the privacy team records and ends them, support staff
    # ask (every ask audited); no tenant key.
    ("POST", "/api/v1/support/grants"): frozenset({ADMIN, OFFICER}),
    ("POST", "/api/v1/support/grants/{grant_id}/revoke"): frozenset({ADMIN, OFFICER}),
    ("GET", "/api/v1/support/grants"): ORGANIZATION,
    ("POST", "/api/v1/support/access"): ORGANIZATION,
    # The cookie banner and mail clients.
    ("GET", "/consent/banner.js"): PUBLIC,
    ("GET", "/consent/banner/config"): PUBLIC,
    ("POST", "/consent/banner/choice"): PUBLIC,
    ("GET", "/.well-known/gpc.json"): PUBLIC,
    ("GET", "/unsubscribe/{token}"): PUBLIC,
    ("POST", "/unsubscribe/{token}"): PUBLIC,
}

BODIES: dict[str, dict[str, Any]] = {
    "ApproveBody": {},
    "DenyBody": {"reason_code": "excessive", "note": "roles test"},
    "ReasonBody": {"reason": "roles test"},
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
        "reason": "roles test",
    },
    "RevokeBody": {"reason": "roles test"},
    "AccessBody": {"subject": ["email=zed@example.com"], "scope": "remote_access"},
}
TENANT_NAME = "acme"


@pytest.fixture(scope="module")
def manifest(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("roles")
    return create_example("vcloudpoint", root / "vcloudpoint", people=10).manifest


class Staff:
    """An application with one key per role (the tenant admin's for tenant ``acme``)."""

    def __init__(self, client: TestClient, lifecycle: Lifecycle) -> None:
        self.client = client
        self.lifecycle = lifecycle
        self.keys: dict[Role, str] = {}
        self.actors: dict[Role, str] = {}
        for role in Role:
            key, text = issue_key(
                lifecycle.control,
                name=f"{role.value} key",
                role=role,
                tenant=TENANT_NAME if role.tenant_scoped else None,
            )
            self.keys[role] = text
            self.actors[role] = f"apikey:{key.id}"

    def headers(self, role: Role | None) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.keys[role]}"} if role else {}

    def pending(self) -> str:
        person = [Identity("email", "ada@example.com")]
        submitted = self.lifecycle.submit("access", person, tenant=TENANT_NAME, client="t")
        return submitted.record.id


@pytest.fixture
def staff(manifest: Path, tmp_path: Path) -> Iterator[Staff]:
    application = create_app(manifest, database_url=f"sqlite:///{tmp_path / 'kept.db'}")
    context = application.state.kept
    many = RateLimit(10_000, dt.timedelta(hours=1))
    lifecycle = Lifecycle(
        context.control,
        context.loaded,
        mailer=OutboxMailer(tmp_path / "out"),
        client_limit=many,
        address_limit=many,
    )
    application.state.lifecycle = lifecycle
    with TestClient(application, raise_server_exceptions=False) as client:
        yield Staff(client, lifecycle)


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


def _refused_for_role(answer: Any) -> bool:
    return answer.status_code == 403 and "may not do this" in answer.text


def test_every_endpoint_admits_exactly_the_roles_of_its_row(staff: Staff) -> None:
    ops = operations(staff.client)
    missing = sorted({(m, p) for m, p, _ in ops} - set(MATRIX))
    assert not missing, f"endpoints without a row in MATRIX (say who may call them): {missing}"
    stale = sorted(set(MATRIX) - {(m, p) for m, p, _ in ops})
    assert not stale, f"rows in MATRIX for endpoints the API no longer has: {stale}"
    for method, path, schema in ops:
        if schema is not None and schema not in BODIES:
            pytest.fail(f"no sample body for schema {schema!r}: add one to BODIES")
        allowed = MATRIX[(method, path)]
        for role in [None, *Role]:
            url = (
                path.replace("{request_id}", staff.pending())
                .replace("{subject}", "email=zed@example.com")
                .replace("{token}", "not-a-token")
            )
            answer = staff.client.request(
                method,
                url,
                headers=staff.headers(role),
                params={"subject": "email=zed@example.com", "purpose": "account"},
                json=BODIES[schema] if schema else None,
            )
            where = (method, path, role, answer.status_code, answer.text[:200])
            if allowed == PUBLIC:
                assert answer.status_code != 401 and not _refused_for_role(answer), where
            elif role is None:
                assert answer.status_code == 401, where
                assert answer.json()["code"] == "unauthorized", where
            elif role in allowed:
                assert answer.status_code not in (401, 500), where
                assert not _refused_for_role(answer), where
            else:
                assert _refused_for_role(answer), where
                assert answer.json()["code"] == "forbidden", where


@pytest.mark.parametrize(
    "body",
    [
        {"kind": "erasure", "identities": {"email": "ada@example.com"}},
        {
            "kind": "rectification",
            "identities": {"email": "ada@example.com"},
            "changes": {"vcloudpoint.accounts.email": "attacker@evil.example"},
        },
    ],
    ids=["erasure", "rectification-of-the-email"],
)
def test_a_support_agents_erasure_or_rectification_waits_for_a_second_person(
    staff: Staff, body: dict[str, Any]
) -> None:
    client = staff.client
    made = client.post(
        "/api/v1/staff/requests",
        headers=staff.headers(AGENT),
        json={**body, "tenant": TENANT_NAME},
    )
    assert made.status_code == 201, made.text
    request = made.json()
    assert request["state"] == "identity_verified" and request["review"] == "four_eyes"
    approve = f"/api/v1/staff/requests/{request['request_id']}/approve"
    # Nothing runs it meanwhile: the agent cannot approve, nor can another agent.
    refused = client.post(approve, headers=staff.headers(AGENT))
    assert refused.status_code == 403
    _, other_agent = issue_key(staff.lifecycle.control, name="agent 2", role="support_agent")
    refused = client.post(approve, headers={"Authorization": f"Bearer {other_agent}"})
    assert refused.status_code == 403
    # A tenant admin of another tenant does not even see it.
    _, foreign = issue_key(
        staff.lifecycle.control, name="globex admin", role="tenant_admin", tenant="globex"
    )
    assert client.post(approve, headers={"Authorization": f"Bearer {foreign}"}).status_code == 404
    assert staff.lifecycle.get(request["request_id"]).state is State.IDENTITY_VERIFIED
    # The library refuses the submitter too, whatever the role check above says.
    with pytest.raises(Exception, match="someone other than its submitter"):
        staff.lifecycle.approve(request["request_id"], actor=staff.actors[AGENT])
    approved = client.post(approve, headers=staff.headers(TENANT))
    assert approved.status_code == 200, approved.text
    assert approved.json()["state"] == "approved"
    entry = AuditLog(staff.lifecycle.control).latest(1)[0]
    assert entry.action == "request.approved" and entry.actor == staff.actors[TENANT]
    assert entry.details["review"] == "four_eyes"


@pytest.mark.parametrize("role", [ADMIN, OFFICER, TENANT])
def test_deciders_erasures_run_without_a_second_approval(staff: Staff, role: Role) -> None:
    made = staff.client.post(
        "/api/v1/staff/requests",
        headers=staff.headers(role),
        json={"kind": "erasure", "identities": {"email": "ada@example.com"}},
    )
    assert made.status_code == 201, made.text
    assert made.json()["state"] == "approved" and made.json()["review"] is None


def test_a_support_agents_access_request_runs_at_once(staff: Staff) -> None:
    made = staff.client.post(
        "/api/v1/staff/requests",
        headers=staff.headers(AGENT),
        json={"kind": "access", "identities": {"email": "ada@example.com"}},
    )
    assert made.status_code == 201 and made.json()["state"] == "approved"


def test_a_persons_own_rectification_of_a_protected_field_waits_for_staff(
    staff: Staff, tmp_path: Path
) -> None:
    client = staff.client
    body = {
        "kind": "rectification",
        "email": "ada@example.com",
        "changes": {"vcloudpoint.accounts.email": "attacker@evil.example"},
    }
    made = client.post("/api/v1/requests", json=body)
    assert made.status_code == 202, made.text
    assert made.json()["review"] == "self_rectification"
    mail = sorted((tmp_path / "out").glob("*.eml"))[-1].read_text()
    code = mail.split("code is: ")[1][:6]
    verified = client.post(
        f"/api/v1/requests/{made.json()['request_id']}/verify",
        json={"code": code},
        headers={"X-Request-Token": made.json()["token"]},
    )
    assert verified.status_code == 200, verified.text
    assert verified.json()["state"] == "identity_verified"
    assert "attacker@evil.example" not in verified.text
    own = dict(body, changes={"vcloudpoint.accounts.full_name": "Ada Lovelace"})
    made = client.post("/api/v1/requests", json=own)
    assert made.status_code == 202 and made.json()["review"] is None
