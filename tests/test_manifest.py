"""Reading manifests: the peer's files unchanged, located errors, merging, round trips."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from kept.cli import _register, app
from kept.errors import ManifestError
from kept.manifest import dump_manifest, load_manifest
from kept.manifest.models import (
    Collection,
    Dataset,
    DatasetField,
    Erasure,
    ErasureAction,
    FieldMeta,
    LegalBasis,
    Manifest,
    Organization,
    Purpose,
    Reference,
    Store,
)
from kept.taxonomy import Kind, default_taxonomy

PEER = Path(__file__).parent / "data" / "fides_peer" / "fides"
SHARED_PEER = Path(__file__).parents[2] / "shared" / "peer" / "fides"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(ManifestError) as caught:
        load_manifest(path)
    return [str(p) for p in caught.value.problems]


def test_peer_files_are_the_peers_own() -> None:
    if not SHARED_PEER.exists():
        pytest.skip("the shared peer folder is not beside this checkout")
    for name in ("postgres_example_test_dataset.yml", "postgres_sample.sql"):
        ours = hashlib.sha256((PEER / name).read_bytes()).hexdigest()
        theirs = hashlib.sha256((SHARED_PEER / name).read_bytes()).hexdigest()
        assert ours == theirs, name


def test_peer_dataset_loads_unchanged() -> None:
    loaded = load_manifest(PEER / "postgres_example_test_dataset.yml")
    (dataset,) = loaded.manifest.dataset
    assert dataset.fides_key == "postgres_example_test_dataset"
    assert len(dataset.collections) == 11
    customer = dataset.collection("customer")
    assert customer is not None
    email = customer.field("email")
    assert email is not None and email.fides_meta is not None
    assert email.fides_meta.identity == "email"
    employee = dataset.collection("employee")
    assert employee is not None
    name = employee.field("name")
    assert name is not None and name.fides_meta is not None
    assert name.fides_meta.masking_strategy_override == {
        "strategy": "string_rewrite",
        "configuration": {"rewrite_value": "testing", "format_preservation": {"suffix": "-test"}},
    }


MINIMAL = """\
organization:
  name: Example AS
  jurisdictions: [eu]
stores:
  - name: main
    url: sqlite:///data.sqlite
dataset:
  - fides_key: shop
    collections:
      - name: customer
        fields:
          - name: id
            data_categories: [user.unique_id]
            fides_meta: {primary_key: true}
          - name: email
            data_categories: [{category}]
            fides_meta: {identity: email}
"""


def test_misspelt_category_names_file_line_and_nearest_key(tmp_path: Path) -> None:
    path = write(tmp_path / "kept.yaml", MINIMAL.replace("{category}", "user.contact.emial"))
    (problem,) = problems_of(path)
    assert problem.startswith(f"{path}:16:31")
    assert "'user.contact.emial'" in problem
    assert "did you mean 'user.contact.email'" in problem


def test_cli_exits_2_on_a_broken_manifest_without_traceback(tmp_path: Path) -> None:
    _register()
    path = write(tmp_path / "kept.yaml", MINIMAL.replace("{category}", "user.contact.emial"))
    result = CliRunner().invoke(app, ["check", "-m", str(path)])
    assert result.exit_code == 2
    assert f"{path}:16:31" in result.output
    assert "user.contact.email" in result.output
    assert "Traceback" not in result.output
    result = CliRunner().invoke(app, ["check", "-m", str(path), "--json"])
    assert result.exit_code == 2
    assert '"line": 16' in result.output


def test_unknown_key_suggests_the_right_one(tmp_path: Path) -> None:
    text = MINIMAL.replace("{category}", "user.contact.email").replace(
        "collections:", "colections:"
    )
    path = write(tmp_path / "kept.yaml", text)
    problems = problems_of(path)
    assert any(
        "unknown key 'colections'" in p and "did you mean 'collections'" in p for p in problems
    )
    assert any(":9:" in p for p in problems)


def test_yaml_syntax_error_is_located(tmp_path: Path) -> None:
    path = write(tmp_path / "kept.yaml", "organization:\n  name: [unclosed\nstores: x\n")
    (problem,) = problems_of(path)
    assert problem.startswith(str(path) + ":")
    assert "invalid YAML" in problem


def test_not_a_mapping(tmp_path: Path) -> None:
    path = write(tmp_path / "kept.yaml", "- just\n- a list\n")
    assert "must be a YAML mapping" in problems_of(path)[0]


def test_missing_manifest(tmp_path: Path) -> None:
    assert "manifest not found" in problems_of(tmp_path / "nope.yaml")[0]


def test_literal_password_is_refused_env_reference_is_not(tmp_path: Path) -> None:
    base = MINIMAL.replace("{category}", "user.contact.email")
    bad = base.replace("sqlite:///data.sqlite", "postgresql://kept:hunter2@db/shop")
    problems = problems_of(write(tmp_path / "a" / "kept.yaml", bad))
    assert any("literal password" in p and ":6:" in p for p in problems)
    assert not any("hunter2" in p for p in problems)
    good = base.replace("sqlite:///data.sqlite", "postgresql://kept:${DB_PASSWORD}@db/shop")
    load_manifest(write(tmp_path / "b" / "kept.yaml", good))


def test_folder_manifest_merges_lists_and_refuses_two_organizations(tmp_path: Path) -> None:
    folder = tmp_path / "manifest"
    write(folder / "a.yaml", MINIMAL.replace("{category}", "user.contact.email"))
    write(
        folder / "b.yml",
        "purposes:\n  - {key: support, name: Support, data_use: essential.service, "
        "legal_basis: contract}\n",
    )
    loaded = load_manifest(folder)
    assert [p.key for p in loaded.manifest.purposes] == ["support"]
    assert loaded.manifest.dataset[0].fides_key == "shop"
    write(folder / "c.yaml", "organization:\n  name: Other\n  jurisdictions: [uk]\n")
    problems = problems_of(folder)
    assert any(
        "'organization' is declared more than once" in p and "a.yaml:1" in p for p in problems
    )


def test_include_resolves_relative_paths_and_reports_missing_ones(tmp_path: Path) -> None:
    write(tmp_path / "data" / "shop.yml", "dataset: []\n")
    path = write(tmp_path / "kept.yaml", "include: [data/shop.yml, data/missing.yml]\n")
    (problem,) = problems_of(path)
    assert "included file not found: data/missing.yml" in problem
    assert problem.startswith(f"{path}:1:")


def test_custom_categories_need_an_existing_parent(tmp_path: Path) -> None:
    base = MINIMAL.replace("{category}", "user.device.push_token")
    good = (
        base + "data_category:\n  - {fides_key: user.device.push_token, parent_key: user.device}\n"
    )
    load_manifest(write(tmp_path / "a" / "kept.yaml", good))
    bad = base + (
        "data_category:\n  - {fides_key: user.devise.push_token, parent_key: user.devise}\n"
    )
    problems = problems_of(write(tmp_path / "b" / "kept.yaml", bad))
    assert any("parent data category 'user.devise'" in p and "'user.device'" in p for p in problems)


def test_duplicates_are_named_with_the_first_place(tmp_path: Path) -> None:
    text = MINIMAL.replace("{category}", "user.contact.email") + (
        "purposes:\n"
        "  - {key: support, name: A, data_use: essential.service, legal_basis: contract}\n"
        "  - {key: support, name: B, data_use: essential.service, legal_basis: contract}\n"
    )
    problems = problems_of(write(tmp_path / "kept.yaml", text))
    assert any("duplicate purpose 'support'" in p and "first at" in p for p in problems)


def test_erasure_keep_needs_a_ground(tmp_path: Path) -> None:
    text = MINIMAL.replace("{category}", "user.contact.email").replace(
        "fides_meta: {identity: email}", "fides_meta: {identity: email}\n            erase: keep"
    )
    problems = problems_of(write(tmp_path / "kept.yaml", text))
    assert any("'keep' needs a 'ground'" in p for p in problems)


# ---------------------------------------------------------------- property: load∘dump = id

CATEGORIES = sorted(default_taxonomy().keys(Kind.DATA_CATEGORY))
USES = sorted(default_taxonomy().keys(Kind.DATA_USE))
names = st.from_regex(r"[a-z][a-z0-9_]{0,11}", fullmatch=True)
text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=30)

erasures = st.one_of(
    st.none(),
    st.sampled_from(
        [ErasureAction.DELETE_ROW, ErasureAction.NULLIFY, ErasureAction.HASH, ErasureAction.HMAC]
    ).map(lambda a: Erasure(action=a)),
    text.filter(lambda t: t.strip() != "").map(
        lambda g: Erasure(action=ErasureAction.KEEP, ground=g)
    ),
    st.one_of(st.integers(-1000, 1000), text).map(
        lambda v: Erasure(action=ErasureAction.FIXED, value=v)
    ),
)


@st.composite
def fields(draw: st.DrawFn) -> DatasetField:
    meta = draw(
        st.one_of(
            st.none(),
            st.builds(
                FieldMeta,
                identity=st.one_of(st.none(), st.sampled_from(["email", "phone_number"])),
                primary_key=st.one_of(st.none(), st.booleans()),
                references=st.one_of(
                    st.none(),
                    st.lists(
                        st.builds(
                            Reference,
                            dataset=names,
                            field=st.builds(lambda a, b: f"{a}.{b}", names, names),
                            direction=st.sampled_from([None, "to", "from"]),
                        ),
                        max_size=2,
                    ),
                ),
            ),
        )
    )
    return DatasetField(
        name=draw(names),
        description=draw(st.one_of(st.none(), text)),
        data_categories=draw(st.lists(st.sampled_from(CATEGORIES), min_size=1, max_size=3)),
        fides_meta=meta,
        erase=draw(erasures),
    )


@st.composite
def manifests(draw: st.DrawFn) -> Manifest:
    datasets = []
    for key in draw(st.lists(names, unique=True, max_size=3)):
        collections = []
        for cname in draw(st.lists(names, unique=True, min_size=1, max_size=3)):
            flds = draw(st.lists(fields(), max_size=4, unique_by=lambda f: f.name))
            collections.append(
                Collection(
                    name=cname,
                    fields=flds,
                    erase=draw(erasures),
                    tenant_column=draw(st.one_of(st.none(), names)),
                )
            )
        datasets.append(Dataset(fides_key=key, collections=collections))
    purposes = [
        Purpose(
            key=key,
            name=draw(text.filter(lambda t: t.strip() != "")),
            data_use=draw(st.sampled_from(USES)),
            legal_basis=draw(st.one_of(st.none(), st.sampled_from(list(LegalBasis)))),
            legitimate_interest="security",
            data_categories=draw(st.lists(st.sampled_from(CATEGORIES), max_size=3)),
        )
        for key in draw(st.lists(names, unique=True, max_size=3))
    ]
    return Manifest(
        organization=Organization(name=draw(text), jurisdictions=["eu"]),
        stores=[
            Store(name="main", url="sqlite:///x.sqlite", datasets=[d.fides_key for d in datasets])
        ],
        dataset=datasets,
        purposes=purposes,
    )


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(manifest=manifests())
def test_dump_then_load_gives_the_same_manifest(tmp_path: Path, manifest: Manifest) -> None:
    path = tmp_path / "roundtrip.yaml"
    path.write_text(dump_manifest(manifest), encoding="utf-8")
    assert load_manifest(path).manifest == manifest
