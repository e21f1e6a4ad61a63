"""Schemathesis against the served OpenAPI document: no input, valid or not, yields a 500.

Every operation is called with generated input, once with an admin's key (so the staff
endpoints are exercised past authentication) and the person's endpoints with whatever the
generator makes of their token; every answer must be a JSON problem or a success, never a
server error, and must match the document where it can: its status codes, content types and
response schemas (every operation declares one for its success and for its JSON problems).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from kept.api import create_app
from kept.apikey import issue_key
from kept.examples import create_example
from kept.execution import Identity
from kept.mail import OutboxMailer
from kept.requests import Lifecycle, RateLimit, Worker


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    root = tmp_path_factory.mktemp("schemathesis")
    manifest = create_example("vcloudpoint", root / "vcp", people=10).manifest
    application = create_app(manifest, database_url=f"sqlite:///{root / 'kept.db'}")
    context = application.state.kept
    lifecycle = Lifecycle(
        context.control,
        context.loaded,
        mailer=OutboxMailer(root / "outbox"),
        client_limit=RateLimit(100_000, dt.timedelta(hours=1)),
        address_limit=RateLimit(100_000, dt.timedelta(hours=1)),
    )
    application.state.lifecycle = lifecycle
    lifecycle.submit("access", [Identity("email", "s@example.com")], actor="t", verified=True)
    Worker(lifecycle, name="t").run(until_empty=True)
    _, key = issue_key(context.control, name="fuzz", role="admin")
    application.state.fuzz_key = key
    yield application
    context.close()


@pytest.fixture(scope="module")
def api_schema(app: FastAPI) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_asgi("/openapi.json", app)


# Schemathesis's pytest plugin does not run under pytest 9 (it reads a private attribute of
# test items), so the operations are driven through Hypothesis directly: the same strategies.
def operations(api_schema: schemathesis.BaseSchema) -> list[Any]:
    return [result.ok() for result in api_schema.get_all_operations()]


_CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.mark.slow
@pytest.mark.parametrize("mode", list(schemathesis.GenerationMode), ids=str)
def test_no_input_yields_a_server_error(
    api_schema: schemathesis.BaseSchema, app: FastAPI, mode: schemathesis.GenerationMode
) -> None:
    staff = {"Authorization": f"Bearer {app.state.fuzz_key}"}
    tried = 0
    for operation in operations(api_schema):

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(max_examples=50, deadline=None, suppress_health_check=list(HealthCheck))
        def check(case: schemathesis.Case) -> None:
            headers = {} if "X-Request-Token" in (case.headers or {}) else staff
            response = case.call(headers=headers)
            assert response.status_code < 500, (case.method, case.path, response.text)
            if response.status_code >= 400:
                body = response.json()
                assert set(body) >= {"code", "message"}, body
            case.validate_response(response, checks=_CHECKS)

        try:
            check()
        except Unsatisfiable:  # nothing invalid to send (an operation without input)
            assert mode is schemathesis.GenerationMode.NEGATIVE
            continue
        tried += 1
    assert tried >= 13


def test_the_document_lists_the_service(app: FastAPI) -> None:
    paths = set(app.openapi()["paths"])
    assert {
        "/api/v1/requests",
        "/api/v1/requests/{request_id}/verify",
        "/api/v1/exports/{request_id}",
        "/api/v1/staff/requests",
        "/api/v1/staff/audit",
    } <= paths


def test_manifest_path_is_a_real_file(app: FastAPI) -> None:
    assert Path(app.state.kept.manifest_path).exists()


def _free_form(schema: dict[str, Any]) -> bool:
    """Whether a schema says nothing of the body: absent, empty, or an object of any keys."""
    if not schema or "$ref" in schema:
        return not schema
    if schema.get("type") == "array":
        return _free_form(schema.get("items", {}))
    return schema.get("type") == "object" and not schema.get("properties")


def test_every_operation_has_a_response_schema(app: FastAPI) -> None:
    """The document describes each operation's success: a named model (or a list of one) for
    JSON, a string for a page, a script or a file; never an object of unknown keys."""
    missing = []
    for path, operations in app.openapi()["paths"].items():
        for method, operation in operations.items():
            successes = {s: r for s, r in operation["responses"].items() if s.startswith("2")}
            if not successes:
                missing.append(f"{method.upper()} {path}: no success status")
            for status, response in successes.items():
                content = response.get("content") or {}
                if not content:
                    missing.append(f"{method.upper()} {path} {status}: no content")
                for media, described in content.items():
                    if _free_form(described.get("schema") or {}):
                        missing.append(f"{method.upper()} {path} {status} {media}: no schema")
            problems = operation["responses"].get("4XX", {}).get("content", {})
            if problems.get("application/json", {}).get("schema") != {
                "$ref": "#/components/schemas/Problem"
            }:
                missing.append(f"{method.upper()} {path}: errors not described as problems")
    assert not missing, "\n".join(missing)
