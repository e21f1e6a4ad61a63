"""Identity semantics: declared normalisation, the same matching on every engine, whatever
the column's collation, ``no_match`` and undeclared kinds refused (issue 10, part 1)."""

from __future__ import annotations

import json
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from kept.api import create_app
from kept.apikey import issue_key
from kept.cli import _register, app
from kept.control import open_control
from kept.execution import Identity
from kept.execution.identity import IdentityRule, IdentityRules, Method, UnknownIdentityKindError
from kept.manifest import load_manifest
from kept.requests import Lifecycle, Worker
from kept.rights import RightsService

EMAIL = IdentityRule("email", Method.EMAIL)
PHONE = IdentityRule("phone_number", Method.PHONE, "NO")

MANIFEST = """\
kept: 1
organization:
  name: Look-alike Ltd
  jurisdictions: [eu]
stores:
  - name: shop
    url: "{url}"
identities:
  - kind: phone_number
    normalise: phone
    region: "NO"
  - kind: member_no
    normalise: exact
dataset:
  - fides_key: shop
    collections:
      - name: people
        fields:
          - name: id
            fides_meta: {{primary_key: true}}
          - name: email
            data_categories: [user.contact.email]
            fides_meta: {{identity: email}}
          - name: phone
            data_categories: [user.contact.phone_number]
            fides_meta: {{identity: phone_number}}
          - name: name
            data_categories: [user.name]
      - name: orders
        fields:
          - name: id
            fides_meta: {{primary_key: true}}
          - name: person_id
            data_categories: [system.operations]
            fides_meta:
              references: [{{dataset: shop, field: people.id, direction: from}}]
          - name: item
            data_categories: [user.behavior.purchase_history]
"""

NFD_EMAIL = unicodedata.normalize("NFD", "Zoé@Café.example")

PEOPLE = [
    (1, "henrik.wang1@mail.example", "+47 912 34 567", "Henrik"),
    (2, "Mixed.Case@Acme.example", None, "Mixed"),
    (3, NFD_EMAIL, None, "Zoe"),
    (4, "ola@xn--mal-sma.example", "0047 (22) 33-44-55", "Ola"),
]


def create_store(
    url: str,
    folder: Path,
    people: list[tuple[int, str, str | None, str]] = PEOPLE,
    *,
    tables: bool = True,
) -> Path:
    """The tables, with an accent- and case-insensitive collation on MariaDB; the manifest.
    With ``tables`` false, the tables an earlier call made are emptied instead of made anew
    (no DDL: a Hypothesis example on a server costs its rows, not a schema)."""
    engine = sa.create_engine(url, poolclass=sa.NullPool)
    collate = " COLLATE utf8mb4_general_ci" if engine.dialect.name in ("mysql", "mariadb") else ""
    charset = " CHARACTER SET utf8mb4" if collate else ""
    with engine.begin() as conn:
        if not tables:
            conn.exec_driver_sql("DELETE FROM orders")
            conn.exec_driver_sql("DELETE FROM people")
        else:
            conn.exec_driver_sql("DROP TABLE IF EXISTS orders")
            conn.exec_driver_sql("DROP TABLE IF EXISTS people")
            conn.exec_driver_sql(
                f"CREATE TABLE people (id INTEGER PRIMARY KEY, "
                f"email VARCHAR(200){charset}{collate}, "
                f"phone VARCHAR(40){charset}{collate}, name VARCHAR(100))"
            )
            if collate:
                conn.exec_driver_sql("CREATE INDEX people_email ON people (email)")
            conn.exec_driver_sql(
                "CREATE TABLE orders (id INTEGER PRIMARY KEY, person_id INTEGER, item VARCHAR(100))"
            )
        if people:
            conn.execute(
                sa.text("INSERT INTO people VALUES (:id, :email, :phone, :name)"),
                [{"id": i, "email": e, "phone": p, "name": n} for i, e, p, n in people],
            )
            conn.execute(
                sa.text("INSERT INTO orders VALUES (:id, :person, :item)"),
                [{"id": 10 + i, "person": i, "item": f"item of {n}"} for i, _, _, n in people],
            )
    engine.dispose()
    manifest = folder / "kept.yaml"
    manifest.write_text(MANIFEST.format(url=url), encoding="utf-8")
    return manifest


def rows(url: str, sql: str) -> list[tuple[object, ...]]:
    engine = sa.create_engine(url, poolclass=sa.NullPool)
    with engine.connect() as conn:
        found = [tuple(r) for r in conn.exec_driver_sql(sql)]
    engine.dispose()
    return found


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
    _, output = _run("check", "-m", str(manifest), "--json")
    notes = [n["message"] for n in json.loads(output)["notes"]]
    wanted = "CREATE INDEX kept_people_email_lower ON people ((lower(email)));"
    assert any(wanted in n for n in notes), notes
    engine = sa.create_engine(postgres_url, poolclass=sa.NullPool)
    with engine.begin() as conn:
        conn.exec_driver_sql(wanted)
    engine.dispose()
    _, output = _run("check", "-m", str(manifest), "--json")
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
        "request", "restrict", "-m", str(manifest), "--database", db,
        "-i", "email=nobody@acme.example", "--reason", "accuracy contested", "--json",
    )  # fmt: skip
    assert code == 3, output
    assert json.loads(output)["outcome"] == "no_match"
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


# --------------------------------------------------------------------------- API, lifecycle


def _client(manifest: Path, tmp_path: Path) -> tuple[TestClient, str, str]:
    db = f"sqlite:///{tmp_path / 'kept.db'}"
    application = create_app(manifest, database_url=db)
    _, key = issue_key(open_control(db), name="desk", role="admin")
    return TestClient(application), f"Bearer {key}", db


def test_api_refuses_undeclared_kinds_and_ends_no_match(tmp_path: Path) -> None:
    manifest = _store(f"sqlite:///{tmp_path / 'shop.sqlite'}", tmp_path)
    client, key, db = _client(manifest, tmp_path)
    with client:
        typo = client.post(
            "/api/v1/staff/requests",
            json={"kind": "access", "identities": {"emial": "henrik.wang1@mail.example"}},
            headers={"Authorization": key},
        )
        assert typo.status_code == 422, typo.text
        assert typo.json()["code"] == "unknown_identity_kind"
        assert typo.json()["details"] == {"kinds": ["emial"]}
        ids = {}
        for who in ("henrik.wang1@maíl.example", "HENRIK.wang1@mail.example"):
            made = client.post(
                "/api/v1/staff/requests",
                json={"kind": "access", "identities": {"email": who}},
                headers={"Authorization": key},
            )
            assert made.status_code == 201, made.text
            ids[who] = made.json()["request_id"]
        objection = client.post(  # an objection for nobody: recorded, but no_match
            "/api/v1/staff/requests",
            json={
                "kind": "objection",
                "identities": {"email": "henrik.wang1@maíl.example"},
                "reason": "my situation",
            },
            headers={"Authorization": key},
        )
        assert objection.status_code == 201, objection.text
        life = Lifecycle.open(load_manifest(manifest), db)
        try:
            assert Worker(life, name="w").run(until_empty=True).completed == 3
        finally:
            life.close()
        objected = client.get(
            f"/api/v1/staff/requests/{objection.json()['request_id']}",
            headers={"Authorization": key},
        ).json()
        assert objected["state"] == "completed" and objected["reason_code"] == "no_match"
        shown = client.get(
            f"/api/v1/staff/requests/{ids['henrik.wang1@maíl.example']}",
            headers={"Authorization": key},
        ).json()
        assert shown["state"] == "completed" and shown["reason_code"] == "no_match"
        assert shown["result"]["outcome"] == "no_match"
        assert shown["result"]["tried"] == ["email=henrik.wang1@xn--mal-sma.example"]
        found = client.get(
            f"/api/v1/staff/requests/{ids['HENRIK.wang1@mail.example']}",
            headers={"Authorization": key},
        ).json()
        assert found["state"] == "completed" and found["reason_code"] is None
        assert found["result"]["rows"] == 2


def test_public_submission_of_an_undeclared_kind_is_refused(tmp_path: Path) -> None:
    manifest = _store(f"sqlite:///{tmp_path / 'shop.sqlite'}", tmp_path)
    manifest.write_text(
        manifest.read_text().replace("identity: email", "identity: work_email"), "utf-8"
    )
    client, _, _ = _client(manifest, tmp_path)
    with client:
        refused = client.post(
            "/api/v1/requests", json={"kind": "access", "email": "henrik.wang1@mail.example"}
        )
    assert refused.status_code == 422, refused.text
    assert refused.json()["code"] == "unknown_identity_kind"


# --------------------------------------------------------------------------- property


_LOCAL = st.text(alphabet="abcIJKéÉíß.", min_size=1, max_size=6).filter(
    lambda s: not s.startswith(".") and not s.endswith(".")
)
_DOMAIN = st.sampled_from(["mail.example", "maíl.example", "MAIL.example", "xn--mal-sma.example"])
_FORM = st.sampled_from(["NFC", "NFD"])


_MADE: set[str] = set()  # the databases whose tables an example of the property made


def _spelling(local: str, domain: str, form: str) -> str:
    return unicodedata.normalize(form, f"{local}@{domain}")  # type: ignore[arg-type]


@pytest.mark.slow
@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    first=st.tuples(_LOCAL, _DOMAIN, _FORM),
    second=st.tuples(_LOCAL, _DOMAIN, _FORM),
    asked=_FORM,
)
def test_a_request_never_reaches_another_identity(
    any_db_url: str,
    tmp_path_factory: pytest.TempPathFactory,
    migrated_control: Callable[[Path], str],
    first: tuple[str, str, str],
    second: tuple[str, str, str],
    asked: str,
) -> None:
    """For two stored identities with distinct normal forms, a request for the first (in any
    spelling) reads and erases the first person's rows only, never the second's; on SQLite,
    PostgreSQL and MariaDB (utf8mb4_general_ci)."""
    one, two = _spelling(*first), _spelling(*second)
    assume(EMAIL.normalise(one) != EMAIL.normalise(two))
    folder = tmp_path_factory.mktemp("prop")
    url = any_db_url
    # the tables are made by the first example of this database, emptied by the next ones
    people = [(1, one, None, "One"), (2, two, None, "Two")]
    manifest = create_store(url, folder, people, tables=url not in _MADE)
    _MADE.add(url)
    request = [Identity("email", unicodedata.normalize(asked, one.swapcase()))]  # type: ignore[arg-type]
    control = migrated_control(folder / "kept.db")
    with RightsService.open(load_manifest(manifest), control) as s:
        found = s.access(request, folder)
        if EMAIL.normalise(one).count("s") <= 8:  # (more: only the spelling as given)
            assert found.rows["shop.people"] == 1, (one, request)
        assert found.rows["shop.people"] <= 1
        if found.matched:
            with zipfile.ZipFile(found.export) as archive:
                text = " ".join(
                    archive.read(n).decode() for n in archive.namelist() if n.endswith(".json")
                )
            assert "Two" not in text
        s.erase({"r": request})
    assert rows(url, "SELECT id, email, name FROM people WHERE id = 2") == [(2, two, "Two")]
    assert rows(url, "SELECT item FROM orders WHERE person_id = 2") == [("item of Two",)]
