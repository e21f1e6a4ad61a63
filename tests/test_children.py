"""Children (VCP-65..68, VTS-30/31): minimum ages per jurisdiction, guardians' consent, and
the report of accounts to delete or to ask consent for."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from kept.children import children_report, record_guardian_consent
from kept.cli import app
from kept.consent import ConsentService
from kept.control import open_control
from kept.examples import create_example
from kept.execution import Identity
from kept.execution.session import open_engines
from kept.manifest import load_manifest

TODAY = dt.date(2026, 12, 4)


def _sql(url: str, query: str) -> list[str]:
    engine = sa.create_engine(url, poolclass=sa.NullPool)
    with engine.connect() as conn:
        rows = [str(v) for v in conn.execute(sa.text(query)).scalars()]
    engine.dispose()
    return sorted(rows)


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_vcloudpoint_reported_children_until_a_guardian_consents(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    url = None if backend == "sqlite" else request.getfixturevalue("postgres_url")
    info = create_example("vcloudpoint", tmp_path / "vcp", url=url, people=400)
    data = url or f"sqlite:///{tmp_path / 'vcp' / 'vcloudpoint.sqlite'}"
    expected = _sql(data, "SELECT id FROM accounts WHERE child_reported_at IS NOT NULL")
    assert expected, "the sample has reported children"
    loaded = load_manifest(info.manifest)
    control = open_control(f"sqlite:///{tmp_path / 'kept.db'}")
    with open_engines(loaded) as engines:
        report = children_report(loaded, control, engines, today=TODAY)
        assert sorted(a.key["id"] for a in report.without_consent) == expected
        assert {a.reason for a in report.without_consent} == {"reported"}
        assert report.erase_within_days == 3
        child_id = expected[0]
        email = _sql(data, f"SELECT email FROM accounts WHERE id = {child_id}")[0]
        consent = ConsentService(loaded.manifest, control)
        entry = record_guardian_consent(
            consent,
            Identity("email", email),
            Identity("email", "parent@example.com"),
            method="signed_form",
            reference="case 19",
        )
        assert entry is not None
        assert "parent@example.com" not in json.dumps(entry.as_dict())
        assert entry.as_dict()["evidence"]["method"] == "signed_form"
        after = children_report(loaded, control, engines, today=TODAY)
    assert sorted(a.key["id"] for a in after.without_consent) == expected[1:]
    assert after.with_consent == 1
    control.dispose()


def test_smartspace_reported_minors(tmp_path: Path) -> None:
    import kept.cli.report  # noqa: F401

    info = create_example("smartspace", tmp_path / "ss", people=600)
    data = f"sqlite:///{tmp_path / 'ss' / 'smartspace.sqlite'}"
    expected = _sql(data, "SELECT id FROM users WHERE minor_reported_at IS NOT NULL")
    database = f"sqlite:///{tmp_path / 'kept.db'}"
    result = CliRunner().invoke(
        app, ["report", "children", "-m", str(info.manifest), "--json", "--database", database]
    )
    assert result.exit_code == (1 if expected else 0), result.output
    listed = json.loads(result.output)["without_guardian_consent"]
    assert sorted(a["key"]["id"] for a in listed) == expected


MANIFEST = """\
kept: 1
organization: {name: Kids Co, minimum_age: 13, jurisdictions: [eu]}
stores: [{name: main, url: "sqlite:///app.sqlite"}]
dataset:
  - fides_key: app
    collections:
      - name: members
        fields:
          - {name: id, data_categories: [system.operations], fides_meta: {primary_key: true}}
          - {name: email, data_categories: [user.contact.email], fides_meta: {identity: email}}
          - {name: born, data_categories: [user.demographic.date_of_birth]}
          - {name: country, data_categories: [user.location.imprecise]}
children:
  minimum_age: {default: 13, de: 16}
  birth_date: app.members.born
  jurisdiction: app.members.country
"""


def test_minimum_age_per_jurisdiction(tmp_path: Path) -> None:
    (tmp_path / "kept.yaml").write_text(MANIFEST, encoding="utf-8")
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'app.sqlite'}")
    with engine.begin() as conn:
        conn.execute(
            sa.text(
                "CREATE TABLE members (id INTEGER PRIMARY KEY, email TEXT, born DATE, country TEXT)"
            )
        )
        conn.execute(
            sa.text("INSERT INTO members VALUES (:i, :e, :b, :c)"),
            [
                {"i": 1, "e": "a@x.example", "b": "2012-06-01", "c": "DE"},  # 14 in DE: < 16
                {"i": 2, "e": "b@x.example", "b": "2012-06-01", "c": "NO"},  # 14 in NO: ok
                {"i": 3, "e": "c@x.example", "b": "2014-01-01", "c": "NO"},  # 12: < 13
                {"i": 4, "e": "d@x.example", "b": "1990-01-01", "c": "DE"},  # adult
                {"i": 5, "e": "e@x.example", "b": "2013-12-04", "c": None},  # 13 today: ok
            ],
        )
    engine.dispose()
    loaded = load_manifest(tmp_path / "kept.yaml")
    control = open_control(f"sqlite:///{tmp_path / 'kept.db'}")
    with open_engines(loaded) as engines:
        report = children_report(loaded, control, engines, today=TODAY)
    assert [(a.key["id"], a.minimum_age) for a in report.without_consent] == [("1", 16), ("3", 13)]
    assert {a.reason for a in report.without_consent} == {"under_minimum_age"}
    control.dispose()


def test_a_reported_child_is_erased_within_the_shortest_deadline(tmp_path: Path) -> None:
    """VCP-68: "deleted as soon as possible" (children.erase_within_days: 3) wins over the
    policy's 30 days for an erasure with the reason ``child_reported``; only that reason."""
    from kept.mail import OutboxMailer
    from kept.requests.lifecycle import Lifecycle
    from kept.requests.params import ParamsError

    info = create_example("vcloudpoint", tmp_path / "vcp", people=20)
    loaded = load_manifest(info.manifest)
    data = f"sqlite:///{tmp_path / 'vcp' / 'vcloudpoint.sqlite'}"
    email = _sql(data, "SELECT email FROM accounts ORDER BY id")[0]
    life = Lifecycle.open(
        loaded, f"sqlite:///{tmp_path / 'kept.db'}", mailer=OutboxMailer(tmp_path / "out")
    )
    try:
        person = [Identity("email", email)]
        child = life.submit("erasure", person, actor="t", verified=True, reason="child_reported")
        plain = life.submit("erasure", person, actor="t", verified=True)
        received = child.record.received_at.date()
        assert child.record.due == received + dt.timedelta(days=3)
        assert plain.record.due is not None and (plain.record.due - received).days >= 28
        assert life.get(child.record.id).due == child.record.due  # as stored and reloaded
        with pytest.raises(ParamsError, match="one reason, 'child_reported'"):
            life.submit("erasure", person, actor="t", verified=True, reason="because")
    finally:
        life.close()
