"""What a person may rectify themselves, on every example; the rest waits for staff review."""

from __future__ import annotations

import datetime as dt
import re
from email import message_from_bytes
from pathlib import Path

import pytest
from typer.testing import CliRunner

import kept.cli.requests  # noqa: F401 - registers the requests commands
from kept.audit import AuditLog
from kept.cli import app
from kept.errors import ManifestError, NotPermittedError
from kept.examples import create_example
from kept.execution import Identity
from kept.mail import OutboxMailer
from kept.manifest import load_manifest
from kept.requests import Lifecycle, LifecycleError, RateLimit, State
from kept.requests.params import check_params
from kept.requests.rectifiable import held_fields, own_collections
from kept.requests.states import Kind

# Per example: a field the person may change themselves, and fields they may not (with why).
CASES: dict[str, tuple[str, dict[str, str]]] = {
    "smartspace": (
        "smartspace.users.display_name",
        {
            "smartspace.users.role": "role",
            "smartspace.users.tenant_id": "key",
            "smartspace.tenants.name": "not the person's own row",
            "smartspace.users.id": "primary key",
            "smartspace.users.email": "identity",
            "smartspace.users.status": "system data",
        },
    ),
    "vcloudpoint": (
        "vcloudpoint.accounts.full_name",
        {
            "vcloudpoint.remote_access_credentials.login": "authorization",
            "vcloudpoint.accounts.id": "primary key",
            "vcloudpoint.accounts.email": "identity",
        },
    ),
    "vibbio": (
        "vibbio.users.full_name",
        {
            "vibbio.users.role": "role",
            "vibbio.users.password_hash": "authorization",
            "vibbio.users.id": "primary key",
        },
    ),
    "vivi": (
        "vivi.customers.full_name",
        {
            "vivi.customers.password_hash": "authorization",
            "vivi.customers.id": "primary key",
            "vivi.customers.email": "identity",
        },
    ),
    "vivibit": (
        "vivibit.accounts.full_name",
        {
            "vivibit.accounts.role": "role",
            "vivibit.product_registrations.entitlement": "role",
            "vivibit.support_access_grants.scope": "role",
            "vivibit.accounts.id": "primary key",
        },
    ),
}


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("rectifiable")
    return {name: create_example(name, root / name, people=5).manifest for name in CASES}


def _code(outbox: OutboxMailer) -> str:
    message = message_from_bytes(outbox.messages()[-1].read_bytes())
    body = message.get_payload(decode=True)
    assert isinstance(body, bytes)
    found = re.search(r"code is: (\d{6})", body.decode())
    assert found
    return found.group(1)


@pytest.mark.parametrize("name", sorted(CASES))
def test_self_service_fields_run_and_the_rest_is_held_for_staff(
    name: str, examples: dict[str, Path], tmp_path: Path
) -> None:
    allowed, forbidden = CASES[name]
    loaded = load_manifest(examples[name])
    outbox = OutboxMailer(tmp_path / "outbox")
    many = RateLimit(1000, dt.timedelta(hours=1))
    life = Lifecycle.open(
        loaded,
        f"sqlite:///{tmp_path / 'kept.db'}",
        mailer=outbox,
        address_limit=many,
        client_limit=many,
    )
    person = [Identity("email", "ada@example.com")]
    try:
        own = life.submit("rectification", person, changes=[f"{allowed}=Ada Lovelace"])
        assert own.record.review is None
        ran = life.verify(own.record.id, _code(outbox))
        assert ran.state is State.APPROVED, allowed

        for field, why in forbidden.items():
            # Alone, or hidden among allowed changes: the whole request waits for staff.
            for changes in ([f"{field}=x"], [f"{allowed}=Ada", f"{field}=x"]):
                sub = life.submit("rectification", person, changes=changes)
                assert sub.record.review == "self_rectification", field
                assert sub.record.public()["review"] == "self_rectification"
                held = life.verify(sub.record.id, _code(outbox))
                assert held.state is State.IDENTITY_VERIFIED, field
                received = next(
                    e
                    for e in AuditLog(life.control).entries()
                    if e.action == "request.received" and e.details["request_id"] == sub.record.id
                )
                assert list(received.details["held_fields"]) == [field]
                assert why in received.details["held_fields"][field], (field, received.details)
                assert "x" not in received.details["held_fields"]
        # Held, not dropped: staff approve it and it is queued like any other.
        approved = life.approve(sub.record.id, actor="apikey:officer")
        assert approved.state is State.APPROVED and approved.params is not None
        assert [c["field"] for c in approved.params["changes"]] == [allowed, field]
    finally:
        life.close()


def test_staff_submissions_are_not_held_by_the_self_service_rules(
    examples: dict[str, Path], tmp_path: Path
) -> None:
    loaded = load_manifest(examples["smartspace"])
    life = Lifecycle.open(
        loaded, f"sqlite:///{tmp_path / 'kept.db'}", mailer=OutboxMailer(tmp_path / "o")
    )
    try:
        sub = life.submit(
            "rectification",
            [Identity("email", "ada@example.com")],
            changes=["smartspace.users.role=employee"],
            actor="apikey:officer",
            verified=True,
        )
        assert sub.record.state is State.APPROVED and sub.record.review is None
    finally:
        life.close()


def test_the_tenant_row_is_not_the_persons_own(examples: dict[str, Path]) -> None:
    manifest = load_manifest(examples["smartspace"]).manifest
    own = {str(n) for n in own_collections(manifest, {"email"})}
    assert "smartspace.users" in own and "smartspace.packages" in own
    assert "smartspace.tenants" not in own and "smartspace.tenant_settings" not in own
    person = [Identity("email", "ada@example.com")]
    params = check_params(
        Kind.RECTIFICATION,
        manifest,
        person,
        changes=["smartspace.tenants.name=Evil Corp", "smartspace.users.display_name=Ada"],
    )
    assert params is not None
    assert [v.field for v in held_fields(manifest, person, params.changes)] == [
        "smartspace.tenants.name"
    ]


def _with(manifest: Path, old: str, new: str) -> Path:
    text = manifest.read_text()
    assert old in text
    target = manifest.parent.parent / f"edited-{manifest.parent.name}" / manifest.name
    target.parent.mkdir(exist_ok=True)
    target.write_text(text.replace(old, new, 1))
    for sample in manifest.parent.glob("*.sqlite"):
        (target.parent / sample.name).write_bytes(sample.read_bytes())
    return target


def test_declaring_a_protected_field_self_service_is_a_located_error(
    examples: dict[str, Path],
) -> None:
    role = "            data_categories: [user.authorization]\n"
    edited = _with(examples["smartspace"], role, role + "            rectify: self\n")
    with pytest.raises(ManifestError) as raised:
        load_manifest(edited)
    (problem,) = raised.value.problems
    assert "smartspace.users.role is a role-like field" in problem.message
    assert problem.file == edited and problem.line is not None
    assert edited.read_text().splitlines()[problem.line - 1].strip() == "rectify: self"


def test_the_manifest_can_allow_an_identity_field_or_hold_a_category(
    examples: dict[str, Path], tmp_path: Path
) -> None:
    email = (
        "            data_categories: [user.contact.email]\n"
        "            fides_meta: {identity: email}\n"
    )
    edited = _with(examples["smartspace"], email, email + "            rectify: self\n")
    edited.write_text(edited.read_text() + "rectification:\n  self_service: [user.contact]\n")
    manifest = load_manifest(edited).manifest
    person = [Identity("email", "ada@example.com")]
    changes = ["smartspace.tenant_billing.billing_contact_email=new@example.com"]
    changes += ["smartspace.users.display_name=Ada", "smartspace.users.job_title=Boss"]
    params = check_params(Kind.RECTIFICATION, manifest, person, changes=changes)
    assert params is not None
    held = {v.field: v.why for v in held_fields(manifest, person, params.changes)}
    # billing_contact_email declares rectify: self; user.name and user.job_title are no
    # longer self-service once the manifest narrows the categories to user.contact.
    assert held == {
        "smartspace.users.display_name": "not a self-service data category",
        "smartspace.users.job_title": "not a self-service data category",
    }


def test_a_self_service_category_must_exist_and_never_be_a_privilege(
    examples: dict[str, Path],
) -> None:
    edited = _with(examples["smartspace"], "dataset:\n", "dataset:\n")
    edited.write_text(
        edited.read_text()
        + "rectification:\n  self_service: [user.contact, user.authorization, user.nmae]\n"
    )
    with pytest.raises(ManifestError) as raised:
        load_manifest(edited)
    messages = [p.message for p in raised.value.problems]
    assert any("'user.authorization', a role or authorization field" in m for m in messages)
    assert any("unknown data category 'user.nmae'" in m for m in messages)


def test_the_submitter_of_a_held_request_cannot_approve_it(
    examples: dict[str, Path], tmp_path: Path
) -> None:
    loaded = load_manifest(examples["vivi"])
    life = Lifecycle.open(
        loaded, f"sqlite:///{tmp_path / 'kept.db'}", mailer=OutboxMailer(tmp_path / "o")
    )
    try:
        sub = life.submit(
            "erasure",
            [Identity("email", "ada@example.com")],
            actor="apikey:agent",
            verified=True,
            review="four_eyes",
        )
        assert sub.record.state is State.IDENTITY_VERIFIED
        shown = CliRunner().invoke(
            app,
            [
                "requests",
                "show",
                sub.record.id,
                "-m",
                str(examples["vivi"]),
                "--database",
                f"sqlite:///{tmp_path / 'kept.db'}",
            ],
        )
        assert shown.exit_code == 0 and "held for review (four_eyes)" in shown.output
        with pytest.raises(LifecycleError, match="someone other than its submitter") as raised:
            life.approve(sub.record.id, actor="apikey:agent")
        assert isinstance(raised.value, NotPermittedError)  # the API answers 403
        assert life.approve(sub.record.id, actor="apikey:officer").state is State.APPROVED
    finally:
        life.close()
