"""Fides masking strategies and request policies, on the peer's Cookie House sample.

Every strategy is used by a field of ``tests/data/fides_peer/masking`` (a dataset of Fides'
shape over the sample's tables); the end state each test expects is the one Fides documents
for the strategy (with Kept's secret in place of Fides' per-request cache of salts and keys).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import zipfile
from pathlib import Path

import pytest
import sqlalchemy as sa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from kept.errors import ManifestError, RequestError
from kept.execution import Identity, run_access, run_erasure
from kept.manifest import load_manifest
from kept.manifest.masking import masking_problem, parse_masking
from kept.manifest.request_policy import choose_policy

PEER = Path(__file__).parent / "data" / "fides_peer"
MASKING = PEER / "masking" / "kept.yaml"
JANE = [Identity("email", "jane@example.com")]
SECRET = b"installation-secret"

SQLITE_SAMPLE = """
CREATE TABLE address (id INTEGER PRIMARY KEY, house INT, street VARCHAR(100),
    city VARCHAR(100), state VARCHAR(100), zip VARCHAR(100));
CREATE TABLE customer (id INTEGER PRIMARY KEY, email VARCHAR(100), name VARCHAR(100),
    created TIMESTAMP, address_id BIGINT);
CREATE TABLE login (id INT PRIMARY KEY, customer_id INT, time TIMESTAMP);
INSERT INTO address VALUES (1, 123, 'Example Street', 'Exampletown', 'NY', '12345'),
    (4, 1111, 'Example Place', 'Example Mountain', 'TX', '54321');
INSERT INTO customer VALUES (1, 'customer-1@example.com', 'John Customer',
    '2020-04-01 11:47:42', 1), (3, 'jane@example.com', 'Jane Customer', '2020-04-01 11:47:42', 4);
INSERT INTO login VALUES (1, 1, '2021-01-01 01:00:00'), (8, 3, '2021-01-06 01:00:00');
"""


def _derive(label: str) -> bytes:
    return hmac.new(SECRET, f"kept.masking.{label}".encode(), hashlib.sha256).digest()


def _rows(url: str, sql: str) -> list[tuple[object, ...]]:
    engine = sa.create_engine(url, poolclass=sa.NullPool)
    with engine.connect() as conn:
        rows = [tuple(r) for r in conn.exec_driver_sql(sql)]
    engine.dispose()
    return rows


def _add_ip_column(url: str) -> None:
    engine = sa.create_engine(url, poolclass=sa.NullPool)
    with engine.begin() as conn:
        conn.exec_driver_sql("ALTER TABLE login ADD COLUMN ip VARCHAR(45)")
        conn.exec_driver_sql("UPDATE login SET ip = '192.168.7.55' WHERE id = 8")
        conn.exec_driver_sql("INSERT INTO login VALUES (20, 3, NULL, '2001:db8:aa:bb::1')")
    engine.dispose()


def _load_sample(url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    engine = sa.create_engine(url, poolclass=sa.NullPool)
    with engine.begin() as conn:
        for statement in SQLITE_SAMPLE.split(";"):
            if statement.strip():
                conn.exec_driver_sql(statement)
    engine.dispose()
    monkeypatch.setenv("KEPT_PEER_DB_URL", url)
    return url


@pytest.fixture
def sqlite_peer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    return _load_sample(f"sqlite:///{tmp_path / 'cookie_house.db'}", monkeypatch)


def _assert_every_strategy(url: str) -> None:
    loaded = load_manifest(MASKING)
    result = run_erasure(loaded, {"r1": JANE}, secret=SECRET)
    assert result.verified
    fields = {t["table"]: t["fields"] for t in result.receipt("r1")["tables"]}
    assert fields["cookie_house_masked.customer"] == ["email:hash", "name:random_string_rewrite"]
    assert set(fields["cookie_house_masked.address"]) == {
        "house:nullify",
        "street:fixed",
        "city:aes_encrypt",
        "zip:hmac",
    }
    [(email, name)] = _rows(url, "SELECT email, name FROM customer WHERE id = 3")
    salt = _derive("hash.salt").hex()
    assert email == hashlib.sha512(("jane@example.com" + salt).encode()).hexdigest()[:100]
    assert isinstance(name, str) and name.endswith("@masked.example")
    random_part = name.removesuffix("@masked.example")
    assert len(random_part) == 12 and set(random_part) <= set(
        "abcdefghijklmnopqrstuvwxyz0123456789"
    )
    [(house, street, city, state, zip_)] = _rows(
        url, "SELECT house, street, city, state, zip FROM address WHERE id = 4"
    )
    assert house is None  # null_rewrite
    assert street == "MASKED"  # string_rewrite, cut to the field's length (6)
    assert state == "TX"  # preserve
    key, key_salt = _derive("hmac.key").hex(), _derive("hmac.salt").hex()
    expected_zip = hmac.new(key.encode(), ("54321" + key_salt).encode(), hashlib.sha256)
    assert zip_ == expected_zip.hexdigest() + "-zip"
    raw = base64.b64decode(str(city))  # aes_encrypt: decrypts back with the derived key
    nonce = hmac.new(
        _derive("aes.key_hmac").hex().encode(),
        ("Example Mountain" + _derive("aes.salt_hmac").hex()).encode(),
        hashlib.sha256,
    ).digest()[:12]
    assert AESGCM(_derive("aes.key")).decrypt(nonce, raw, nonce) == b"Example Mountain"
    ips = {r[0]: r[1] for r in _rows(url, "SELECT id, ip FROM login WHERE customer_id = 3")}
    assert ips == {8: "192.168.7.0", 20: "2001:0db8:00aa:0000:0000:0000:0000:0000"}
    # the other customer is untouched
    assert _rows(url, "SELECT email, name FROM customer WHERE id = 1") == [
        ("customer-1@example.com", "John Customer")
    ]
    assert _rows(url, "SELECT street, city FROM address WHERE id = 1") == [
        ("Example Street", "Exampletown")
    ]


@pytest.mark.postgres
def test_every_strategy_on_postgres(peer_postgres_url: str) -> None:
    _add_ip_column(peer_postgres_url)
    _assert_every_strategy(peer_postgres_url)


def test_every_strategy_on_sqlite(sqlite_peer: str) -> None:
    _add_ip_column(sqlite_peer)
    _assert_every_strategy(sqlite_peer)


@pytest.mark.mariadb
def test_every_strategy_on_mariadb(mariadb_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    url = _load_sample(mariadb_url, monkeypatch)
    _add_ip_column(url)
    _assert_every_strategy(url)


def test_random_strings_are_drawn_per_row(sqlite_peer: str) -> None:
    engine = sa.create_engine(sqlite_peer, poolclass=sa.NullPool)
    with engine.begin() as conn:  # two of Jane's rows with the same name: masked differently
        conn.exec_driver_sql("ALTER TABLE login ADD COLUMN ip VARCHAR(45)")
        conn.exec_driver_sql(
            "INSERT INTO customer VALUES (5, 'jane@example.com', 'Jane Customer', NULL, 4)"
        )
    engine.dispose()
    assert run_erasure(load_manifest(MASKING), {"r1": JANE}, secret=SECRET).verified
    names = [r[0] for r in _rows(sqlite_peer, "SELECT name FROM customer WHERE id IN (3, 5)")]
    assert len(set(names)) == 2 and all(str(n).endswith("@masked.example") for n in names)


def test_the_peer_employee_override_keeps_its_suffix() -> None:
    # the peer's file: employee.name -> string_rewrite "testing" with the suffix "-test"
    loaded = load_manifest(PEER / "kept.yaml")
    employee = loaded.manifest.dataset_by_key("postgres_example_test_dataset")
    assert employee is not None
    coll = employee.collection("employee")
    assert coll is not None
    from kept.execution.actions import resolve_actions
    from kept.execution.plan import traversal_plan

    plan = traversal_plan(loaded.manifest, {"email"})
    step = next(s for s in plan.steps if s.node.collection == "employee")
    action = resolve_actions(step)
    name = next(f for f in action.fields if f.column == "name")
    assert name.value == "testing-test"
    assert step.collection.name == coll.name


@pytest.mark.parametrize(
    ("spec", "data_type", "problem"),
    [
        ({"strategy": "scramble"}, None, "unknown masking strategy 'scramble'"),
        ({"strategy": "string_rewrite"}, None, "needs a string 'rewrite_value'"),
        ({"strategy": "hash", "configuration": {"algorithm": "MD5"}}, None, "SHA-256 or SHA-512"),
        ({"strategy": "hash"}, "integer", "hash masks strings only"),
        ({"strategy": "aes_encrypt", "configuration": {"mode": "CBC"}}, None, "'mode' must be GCM"),
        ({"strategy": "random_string_rewrite", "configuration": {"length": 0}}, None, "'length'"),
        ({"strategy": "hmac", "configuration": {"salt": "x"}}, None, "unknown parameter(s) salt"),
    ],
)
def test_strategies_that_cannot_be_honoured_are_named(
    spec: dict[str, object], data_type: str | None, problem: str
) -> None:
    why = masking_problem(spec, data_type=data_type)
    assert why is not None and problem in why


def test_null_and_preserve_fit_any_data_type() -> None:
    assert masking_problem({"strategy": "null_rewrite"}, data_type="integer") is None
    assert masking_problem({"strategy": "preserve"}, data_type="object") is None
    assert parse_masking({"strategy": "hash"}).algorithm == "SHA-256"  # Fides' default
    assert parse_masking({"strategy": "random_string_rewrite"}).length == 30


def test_check_names_the_field_and_the_strategy(tmp_path: Path) -> None:
    text = (PEER / "masking" / "cookie_house_masked.yml").read_text(encoding="utf-8")
    bad = text.replace(
        "masking_strategy_override: {strategy: null_rewrite}",
        "masking_strategy_override: {strategy: hash}",  # on the integer `house` column
    )
    folder = tmp_path / "masking"
    folder.mkdir()
    (folder / "cookie_house_masked.yml").write_text(bad, encoding="utf-8")
    (folder / "policies.yml").write_text(
        (PEER / "policies.yml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (folder / "kept.yaml").write_text(MASKING.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(ManifestError) as raised:
        load_manifest(folder / "kept.yaml")
    message = str(raised.value)
    assert "cookie_house_masked.address.house" in message
    assert "hash masks strings only" in message
    assert "cookie_house_masked.yml:" in message  # the file and line of the override


# ----------------------------------------------------------------------------- policies


def test_policies_are_read_from_the_fides_files() -> None:
    manifest = load_manifest(PEER / "kept.yaml").manifest
    assert choose_policy(manifest, None, "access") is None  # no default: everything
    policy = choose_policy(manifest, "email_erasure", "erasure")
    assert policy is not None and policy.erasure_rule(["user.contact.email"]) is not None
    assert policy.erasure_rule(["user.name"]) is None
    with pytest.raises(RequestError, match="unknown policy 'nope'"):
        choose_policy(manifest, "nope", "access")
    with pytest.raises(RequestError, match="has no access rule"):
        choose_policy(manifest, "email_erasure", "access")


def test_fides_compliance_policy_file_is_read_unchanged(tmp_path: Path) -> None:
    # include: stays inside the manifest's folder, so the files are copied beside it unchanged
    (tmp_path / "fides").mkdir()
    for name in (
        "policies.yml",
        "fides/sample_policy.yml",
        "fides/postgres_example_test_dataset.yml",
    ):
        (tmp_path / name).write_bytes((PEER / name).read_bytes())
    manifest = tmp_path / "kept.yaml"
    manifest.write_text(
        (PEER / "kept.yaml")
        .read_text(encoding="utf-8")
        .replace("  - policies.yml", "  - policies.yml\n  - fides/sample_policy.yml"),
        encoding="utf-8",
    )
    loaded = load_manifest(manifest)
    sample = next(p for p in loaded.manifest.policy if p.name_key == "sample_policy")
    assert sample.rules and not sample.rules_for("access") and not sample.rules_for("erasure")


@pytest.mark.postgres
def test_access_returns_only_what_the_policy_targets(
    peer_postgres_url: str, tmp_path: Path
) -> None:
    loaded = load_manifest(PEER / "kept.yaml")
    policy = choose_policy(loaded.manifest, "contact_access", "access")
    result = run_access(loaded, JANE, tmp_path, policy=policy)
    with zipfile.ZipFile(result.export) as z:
        customer = json.loads(z.read("data/postgres_example_test_dataset.customer.json"))
        names = set(z.namelist())
    assert customer == [{"email": "jane@example.com"}]  # user.contact only
    assert "data/postgres_example_test_dataset.login.json" not in names
    assert "data/postgres_example_test_dataset.address.json" in names


@pytest.mark.postgres
def test_erasure_changes_only_what_the_policy_targets(peer_postgres_url: str) -> None:
    loaded = load_manifest(PEER / "kept.yaml")
    policy = choose_policy(loaded.manifest, "email_erasure", "erasure")
    result = run_erasure(loaded, {"r1": JANE}, secret=SECRET, policy=policy)
    assert result.verified and result.policy == "email_erasure"
    assert _rows(peer_postgres_url, "SELECT email, name FROM customer WHERE id = 3") == [
        ("erased@example.invalid", "Jane Customer")
    ]
    assert _rows(peer_postgres_url, "SELECT ccn FROM payment_card WHERE id = 'pay_ccc-ccc'") == [
        (373719391,)
    ]


def test_a_request_submitted_with_a_policy_runs_under_it(sqlite_peer: str, tmp_path: Path) -> None:
    from kept.mail import OutboxMailer
    from kept.requests import Lifecycle, Worker
    from kept.requests.params import ParamsError

    _add_ip_column(sqlite_peer)
    loaded = load_manifest(MASKING)
    life = Lifecycle.open(
        loaded, f"sqlite:///{tmp_path / 'kept.db'}", mailer=OutboxMailer(tmp_path / "out")
    )
    try:
        with pytest.raises(ParamsError) as bad:
            life.submit("access", JANE, actor="staff", verified=True, policy="nope")
        assert bad.value.code == "unknown_policy"
        with pytest.raises(ParamsError) as wrong:
            life.submit("access", JANE, actor="staff", verified=True, policy="email_erasure")
        assert wrong.value.code == "unknown_policy"  # a policy without an access rule
        with pytest.raises(ParamsError) as other:
            life.submit("restriction", JANE, actor="staff", verified=True, policy="contact_access")
        assert other.value.code == "params_not_allowed"
        done = life.submit("access", JANE, actor="staff", verified=True, policy="contact_access")
        Worker(life).run(until_empty=True)
        _, content = life.export(done.record.id)
        export = tmp_path / "export.zip"
        export.write_bytes(content)
        with zipfile.ZipFile(export) as z:
            customer = json.loads(z.read("data/cookie_house_masked.customer.json"))
            names = set(z.namelist())
        assert customer == [{"email": "jane@example.com"}]
        assert "data/cookie_house_masked.login.json" not in names  # no contact category
    finally:
        life.close()
