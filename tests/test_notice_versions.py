"""Policy versions: recorded notices, material vs editorial changes, the people to tell."""

from __future__ import annotations

import json
from collections.abc import Iterator
from email import message_from_bytes
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from kept.audit import AuditLog
from kept.cli import _register, app
from kept.consent.decision import ConsentService
from kept.control import open_control
from kept.examples import create_example
from kept.execution.session import open_engines
from kept.mail import OutboxMailer
from kept.manifest import load_manifest
from kept.notice.versions import (
    consent_renewals,
    diff_manifests,
    mark_consent_renewals,
    notice_notifications,
    notify_change,
    people_to_notify,
    record_version,
)

NEW_PURPOSE = """
  - key: model_training
    name: Train our video models on how the application performs
    data_use: functional.service.improve
    legal_basis: legitimate_interests
    legitimate_interest: Better automatic editing.
    data_categories: [user.telemetry]
    retention: 2 years.

"""


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def vibbio(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Path, Path, str]]:
    """(old manifest, new manifest with a new purpose on telemetry, store URL)."""
    if request.param == "sqlite":
        info = create_example("vibbio", tmp_path / "v", people=60)
        url = f"sqlite:///{tmp_path / 'v' / 'vibbio.sqlite'}"
    else:
        url = request.getfixturevalue("postgres_url")
        info = create_example("vibbio", tmp_path / "v", url=url, people=60)
    text = info.manifest.read_text(encoding="utf-8")
    new = info.manifest.parent / "kept.new.yaml"
    assert "\npurposes:\n" in text
    new.write_text(
        text.replace("\npurposes:\n", "\npurposes:\n" + NEW_PURPOSE, 1).replace(
            'version: "', 'version: "2-', 1
        ),
        encoding="utf-8",
    )
    yield info.manifest, new, url


def emails(url: str, sql: str) -> set[str]:
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        found = {str(e).lower() for (e,) in conn.execute(sa.text(sql)) if e is not None}
    engine.dispose()
    return found


def test_editorial_changes_are_not_material(tmp_path: Path) -> None:
    info = create_example("vibbio", tmp_path / "v", people=10)
    old = load_manifest(info.manifest).manifest
    text = info.manifest.read_text(encoding="utf-8")
    edited = tmp_path / "edited.yaml"
    edited.write_text(
        text.replace(
            "name: Provide the site and application (VIB-02)", "name: Run the site", 1
        ).replace("  - right: objection", "  - right: objection", 1),
        encoding="utf-8",
    )
    diff = diff_manifests(old, load_manifest(edited).manifest)
    assert diff.changes and not diff.material
    assert diff.old_hash != diff.new_hash
    # Removing a right is material, and concerns everyone.
    rights = [o for o in old.rights]
    weaker = old.model_copy(update={"rights": rights[1:]})
    diff = diff_manifests(old, weaker)
    assert [c.kind for c in diff.material] == ["weaker_right"]
    assert diff.material[0].everyone


def test_longer_retention_is_material_shorter_is_not(tmp_path: Path) -> None:
    info = create_example("vibbio", tmp_path / "v", people=10)
    old = load_manifest(info.manifest).manifest
    base = old.model_copy(
        update={"purposes": [p.model_copy(update={"retention": "3 months"}) for p in old.purposes]}
    )
    key = base.purposes[0].key

    def with_retention(text: str) -> object:
        purposes = [
            p.model_copy(update={"retention": text}) if p.key == key else p for p in base.purposes
        ]
        return base.model_copy(update={"purposes": purposes})

    longer = diff_manifests(base, with_retention("2 years"))  # type: ignore[arg-type]
    shorter = diff_manifests(base, with_retention("30 days"))  # type: ignore[arg-type]
    assert [c.kind for c in longer.material] == ["retention"]
    assert not shorter.material and [c.kind for c in shorter.changes] == ["retention"]


def test_material_change_notifies_exactly_the_people_in_affected_collections(
    vibbio: tuple[Path, Path, str], tmp_path: Path
) -> None:
    old_path, new_path, url = vibbio
    old, new = load_manifest(old_path), load_manifest(new_path)
    diff = diff_manifests(old.manifest, new.manifest)
    assert [c.kind for c in diff.material] == ["new_purpose"]
    # Telemetry is held only in usage_events: its people are the users behind its rows.
    expected = emails(
        url,
        "SELECT u.email FROM users u WHERE EXISTS "
        "(SELECT 1 FROM usage_events e WHERE e.user_id = u.id)",
    )
    assert expected
    with open_engines(new) as engines:
        listed = list(people_to_notify(new.manifest, diff, engines))
        assert len(listed) == len(set(listed))
        assert {v.lower() for k, v, _ in listed if k == "email"} == expected
        control = open_control(f"sqlite:///{tmp_path / 'kept.db'}")
        try:
            digest, fresh = record_version(control, new.manifest, actor="dpo")
            assert fresh and digest == diff.new_hash
            assert record_version(control, new.manifest, actor="dpo") == (digest, False)
            outbox = OutboxMailer(tmp_path / "outbox")
            sent = notify_change(control, new.manifest, diff, engines, outbox, actor="dpo")
            to = [message_from_bytes(p.read_bytes())["To"].lower() for p in outbox.messages()]
            assert sorted(to) == sorted(expected) and sent == len(expected)
            with control.connect() as conn:
                rows = conn.execute(sa.select(sa.func.count()).select_from(notice_notifications))
                assert rows.scalar() == len(expected)
            # Sending again for the same version tells nobody twice.
            assert notify_change(control, new.manifest, diff, engines, outbox, actor="dpo") == 0
            assert "notice.change_notified" in {e.action for e in AuditLog(control).entries()}
        finally:
            control.dispose()


def test_consents_under_an_older_version_are_marked_for_renewal(tmp_path: Path) -> None:
    info = create_example("vibbio", tmp_path / "v", people=10)
    old = load_manifest(info.manifest).manifest
    control = open_control(f"sqlite:///{tmp_path / 'kept.db'}")
    try:
        consent = ConsentService(old, control)
        consent.grant("email=ada@example.com", "direct_marketing")
        consent.grant("email=bob@example.com", "direct_marketing", policy_version="2-new")
        purpose = next(p for p in old.purposes if p.key == "direct_marketing")
        changed = purpose.model_copy(
            update={"data_categories": [*purpose.data_categories, "user.location.imprecise"]}
        )
        new = old.model_copy(
            update={"purposes": [changed if p.key == purpose.key else p for p in old.purposes]}
        )
        diff = diff_manifests(old, new)
        assert diff.purposes == {"direct_marketing"}
        assert mark_consent_renewals(control, diff, new_version="2-new", actor="dpo") == 1
        assert mark_consent_renewals(control, diff, new_version="2-new", actor="dpo") == 0
        with control.connect() as conn:
            rows = conn.execute(sa.select(consent_renewals)).mappings().all()
        assert [(r["purpose"], r["to_version"]) for r in rows] == [("direct_marketing", "2-new")]
        assert rows[0]["from_version"] == (old.notice.version if old.notice else None)
    finally:
        control.dispose()


def test_cli_notice_diff(vibbio: tuple[Path, Path, str], tmp_path: Path) -> None:
    old_path, new_path, _url = vibbio
    _register()
    runner = CliRunner()
    result = runner.invoke(app, ["notice", "diff", str(old_path), str(old_path)])
    assert result.exit_code == 0, result.output
    db = ["--database", f"sqlite:///{tmp_path / 'kept.db'}"]
    result = runner.invoke(
        app, ["notice", "diff", str(old_path), str(new_path), *db, "--notify", "--json"]
    )
    assert result.exit_code == 1, result.output
    summary = json.loads(result.stdout)
    assert summary["material"] and summary["notified"] > 0
    result = runner.invoke(app, ["notice", "diff", str(old_path), str(new_path), "--people", "-"])
    assert result.stdout.startswith("kind,identity,tenant")
    result = runner.invoke(app, ["notice", "record", "-m", str(old_path), *db])
    assert result.exit_code == 0 and "recorded" in result.stdout
    result = runner.invoke(app, ["notice", "versions", "-m", str(old_path), *db, "--json"])
    assert len(json.loads(result.stdout)) == 2
