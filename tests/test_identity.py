"""Identity semantics: declared normalisation, the same matching on every engine, whatever
the column's collation, ``no_match`` and undeclared kinds refused (issue 10, part 1)."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from identity_fixtures import NFD_EMAIL, create_store, rows
from kept.cli import _register, app
from kept.execution import Identity, RightsService
from kept.execution.identity import IdentityRule, IdentityRules, Method, UnknownIdentityKindError
from kept.manifest import load_manifest

EMAIL = IdentityRule("email", Method.EMAIL)
PHONE = IdentityRule("phone_number", Method.PHONE, "NO")


# --------------------------------------------------------------------------- normal forms


@pytest.mark.parametrize(
    ("value", "normal"),
    [
        ("Mixed.Case@Acme.example", "mixed.case@acme.example"),
        ("  ada@example.com ", "ada@example.com"),
        (NFD_EMAIL, "zoé@xn--caf-dma.example"),
        ("henrik.wang1@maíl.example", "henrik.wang1@xn--mal-sma.example"),
        ("henrik.wang1@MAÍL.example", "henrik.wang1@xn--mal-sma.example"),
        ("henrik.wang1@xn--mal-sma.example", "henrik.wang1@xn--mal-sma.example"),
        ("STRASSE@x.example", "strasse@x.example"),
    ],
)
def test_email_normal_form(value: str, normal: str) -> None:
    assert EMAIL.normalise(value) == normal
    assert EMAIL.normalise("henrik.wang1@mail.example") != EMAIL.normalise(
        "henrik.wang1@maíl.example"
    )


@pytest.mark.parametrize(
    "value", ["+47 912 34 567", "0047 912 34 567", "912 34 567", "(+47) 91-23-45-67"]
)
def test_phone_is_e164_with_the_declared_region(value: str) -> None:
    assert PHONE.normalise(value) == "+4791234567"
    assert IdentityRule("phone", Method.PHONE, "SE").normalise("912 34 567") != "+4791234567"


def test_every_spelling_looked_up_has_the_same_normal_form() -> None:
    for rule, value in [
        (EMAIL, "Zoé@Café.example"),
        (EMAIL, "ola@xn--mal-sma.example"),
        (PHONE, "912 34 567"),
        (IdentityRule("code", Method.CASEFOLD), "ÅSE"),
    ]:
        forms = rule.forms(value)
        assert rule.normalise(value) in forms
        assert {rule.normalise(f) for f in forms} == {rule.normalise(value)}


def test_kinds_are_declared_by_fields_and_the_identities_section(tmp_path: Path) -> None:
    manifest = create_store(f"sqlite:///{tmp_path / 'shop.sqlite'}", tmp_path)
    rules = IdentityRules.of(load_manifest(manifest).manifest)
    assert set(rules.rules) == {"email", "phone_number", "member_no"}
    assert rules.rule("phone_number") == IdentityRule("phone_number", Method.PHONE, "NO")
    assert rules.rule("member_no").method is Method.EXACT
    with pytest.raises(UnknownIdentityKindError, match="'emial' is not declared"):
        rules.check([Identity("emial", "a@b.example")])


# --------------------------------------------------------------------------- every engine


def _store(url: str, tmp_path: Path) -> Path:
    return create_store(url, tmp_path)


def _access(manifest: Path, tmp_path: Path, kind: str, value: str) -> dict[str, int]:
    with RightsService.open(load_manifest(manifest), f"sqlite:///{tmp_path / 'kept.db'}") as s:
        return s.access([Identity(kind, value)], tmp_path).rows


def test_matching_means_the_same_on_every_engine(any_db_url: str, tmp_path: Path) -> None:
    """MariaDB with utf8mb4_general_ci (accent- and case-insensitive), PostgreSQL and SQLite
    (both case-sensitive, no normalisation) find exactly the same people."""
    manifest = _store(any_db_url, tmp_path)
    found = {
        who: _access(manifest, tmp_path, kind, who)["shop.people"]
        for kind, who in [
            ("email", "henrik.wang1@maíl.example"),  # the look-alike: never Henrik
            ("email", "mixed.case@acme.example"),  # stored Mixed.Case@Acme.example
            ("email", "zoé@café.example"),  # stored in NFD, asked in NFC
            ("email", "OLA@maíl.example"),  # stored with the A-label domain
            ("phone_number", "912 34 567"),  # stored +47 912 34 567
            ("phone_number", "+4722334455"),  # stored 0047 (22) 33-44-55
            ("email", "henrik.wang1@mail.exampl"),
        ]
    }
    assert found == {
        "henrik.wang1@maíl.example": 0,
        "mixed.case@acme.example": 1,
        "zoé@café.example": 1,
        "OLA@maíl.example": 1,
        "912 34 567": 1,
        "+4722334455": 1,
        "henrik.wang1@mail.exampl": 0,
    }


def test_look_alike_erasure_changes_nothing(any_db_url: str, tmp_path: Path) -> None:
    manifest = _store(any_db_url, tmp_path)
    before = rows(any_db_url, "SELECT id, email, name FROM people ORDER BY id")
    with RightsService.open(load_manifest(manifest), f"sqlite:///{tmp_path / 'kept.db'}") as s:
        look_alike = {"r1": [Identity("email", "henrik.wang1@maíl.example")]}
        plan = s.erase(look_alike, dry_run=True)
        assert sum(sum(t.before.values()) for t in plan.tables) == 0
        s.erase(look_alike)
        assert rows(any_db_url, "SELECT id, email, name FROM people ORDER BY id") == before
        # the real person, asked in another case: found and erased, the others untouched
        done = s.erase({"r2": [Identity("email", "HENRIK.WANG1@MAIL.EXAMPLE")]})
    assert done.verified
    after = rows(any_db_url, "SELECT id, email, name FROM people ORDER BY id")
    assert after[1:] == before[1:]  # the others untouched
    assert after[:1] != before[:1] and "henrik" not in str(after[:1]).lower()


def test_batch_erasure_matches_normalised_forms(any_db_url: str, tmp_path: Path) -> None:
    """A batch joins the identities' spellings in a temporary table: same meaning."""
    manifest = _store(any_db_url, tmp_path)
    with RightsService.open(load_manifest(manifest), f"sqlite:///{tmp_path / 'kept.db'}") as s:
        result = s.erase(
            {
                "a": [Identity("email", "mixed.case@ACME.example")],
                "b": [Identity("email", "henrik.wang1@maíl.example")],
                "c": [Identity("email", "zoé@café.example")],
            },
            dry_run=True,
        )
    people = next(t for t in result.tables if t.table == "shop.people")
    assert people.before.get("a") == 1 and people.before.get("c") == 1
    assert not people.before.get("b")


@pytest.mark.postgres
def test_check_suggests_the_expression_index(postgres_url: str, tmp_path: Path) -> None:
    manifest = _store(postgres_url, tmp_path)
    code, output = _run("check", "-m", str(manifest), "--json")
    notes = [n["message"] for n in json.loads(output)["notes"]]
    wanted = "CREATE INDEX kept_people_email_lower ON people ((lower(email)));"
    assert any(wanted in n for n in notes), notes
    engine = sa.create_engine(postgres_url, poolclass=sa.NullPool)
    with engine.begin() as conn:
        conn.exec_driver_sql(wanted)
    engine.dispose()
    code, output = _run("check", "-m", str(manifest), "--json")
    notes = [n["message"] for n in json.loads(output)["notes"]]
    assert not any("lower(email)" in n for n in notes), notes
    assert any("phone" in n and "replace(" in n for n in notes), notes


# --------------------------------------------------------------------------- no_match, CLI


def _run(*args: str) -> tuple[int, str]:
    _register()
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


def test_cli_no_match_exits_3_with_the_forms_tried(tmp_path: Path) -> None:
    manifest = _store(f"sqlite:///{tmp_path / 'shop.sqlite'}", tmp_path)
    db = f"sqlite:///{tmp_path / 'kept.db'}"
    out = tmp_path / "out"
    code, output = _run(
        "request", "access", "-m", str(manifest), "--database", db, "--out", str(out),
        "-i", "email=Henrik.Wang1@MAÍL.example", "--json",
    )  # fmt: skip
    assert code == 3, output
    payload = json.loads(output)
    assert payload["outcome"] == "no_match" and payload["export"] is None
    assert payload["tried"] == ["email=henrik.wang1@xn--mal-sma.example"]
    assert not list(out.glob("*.zip"))  # no empty export left behind
    code, output = _run(
        "request", "erase", "-m", str(manifest), "--database", db,
        "-i", "email=nobody@acme.example",
    )  # fmt: skip
    assert code == 3, output
    assert "no match" in output and "erased and verified" not in output
    code, output = _run(
        "request", "rectify", "-m", str(manifest), "--database", db,
        "-i", "email=nobody@acme.example", "--set", "shop.people.name=X",
    )  # fmt: skip
    assert code == 3, output
    code, output = _run(
        "request", "access", "-m", str(manifest), "--database", db, "--out", str(out),
        "-i", "email=MIXED.case@acme.example",
    )  # fmt: skip
    assert code == 0, output


def test_cli_refuses_an_undeclared_kind(tmp_path: Path) -> None:
    manifest = _store(f"sqlite:///{tmp_path / 'shop.sqlite'}", tmp_path)
    db = f"sqlite:///{tmp_path / 'kept.db'}"
    for command in (["access", "--out", str(tmp_path)], ["erase"]):
        code, output = _run(
            "request", *command, "-m", str(manifest), "--database", db,
            "-i", "mail=henrik.wang1@mail.example",
        )  # fmt: skip
        assert code == 2, output
        assert "identity kind 'mail' is not declared" in output
        assert "email, member_no, phone_number" in output
