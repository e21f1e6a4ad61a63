"""Row conditions (kept.manifest.condition, kept.stores.condition): every operator, exists over
declared references either way, exact complements, reasoning (disjoint, covers), and located
errors for bad input, on SQLite, PostgreSQL and MariaDB."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kept.errors import ManifestError
from kept.manifest import load_manifest
from kept.manifest.condition import (
    All,
    AnyOf,
    Compare,
    Condition,
    ConditionError,
    Exists,
    Not,
    describe,
    parse_condition,
    resolve_condition,
)
from kept.manifest.models import Manifest
from kept.manifest.reasoning import covers, disjoint, implies
from kept.stores.condition import compile_condition, condition_columns

MANIFEST = """\
organization: {name: Shop AS, jurisdictions: [eu]}
stores:
  - {name: main, url: "${COND_URL}"}
dataset:
  - fides_key: shop
    collections:
      - name: customers
        fields:
          - {name: id, data_categories: [user.unique_id], fides_meta: {primary_key: true}}
          - {name: name, data_categories: [user.name]}
      - name: enquiries
        fields:
          - {name: id, data_categories: [system.operations], fides_meta: {primary_key: true}}
          - {name: email, data_categories: [user.contact.email], fides_meta: {identity: email}}
          - {name: status, data_categories: [system.operations]}
          - {name: seats, data_categories: [system.operations]}
          - {name: submitted_at, data_categories: [system.operations]}
          - name: customer_id
            data_categories: [user.unique_id]
            fides_meta: {references: [{dataset: shop, field: customers.id, direction: to}]}
      - name: orders
        fields:
          - {name: id, data_categories: [system.operations], fides_meta: {primary_key: true}}
          - name: enquiry_id
            data_categories: [system.operations]
            fides_meta: {references: [{dataset: shop, field: enquiries.id, direction: from}]}
          - {name: status, data_categories: [system.operations]}
      - name: notes
        fields:
          - {name: id, data_categories: [system.operations], fides_meta: {primary_key: true}}
          - name: about
            data_categories: [system.operations]
            fides_meta: {references: [{dataset: shop, field: enquiries.id}]}
          - name: answer_to
            data_categories: [system.operations]
            fides_meta: {references: [{dataset: shop, field: enquiries.id}]}
"""

ENQUIRIES = [
    (1, "Ada@Example.com", "open", 3, dt.datetime(2025, 1, 10), 1),
    (2, "bob@example.org", "closed", 10, dt.datetime(2025, 6, 1), None),
    (3, None, None, None, None, None),
    (4, "cy@example.com", "pending", 0, dt.datetime(2024, 12, 31, 23), 2),
]
ALL = {1, 2, 3, 4}


def _manifest(tmp_path: Path, url: str, monkeypatch: pytest.MonkeyPatch) -> Manifest:
    monkeypatch.setenv("COND_URL", url)
    path = tmp_path / "kept.yaml"
    path.write_text(MANIFEST, encoding="utf-8")
    return load_manifest(path).manifest


def _create(url: str) -> sa.Engine:
    engine = sa.create_engine(url)
    meta = sa.MetaData()
    sa.Table(
        "customers",
        meta,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(50)),
    )
    enquiries = sa.Table(
        "enquiries",
        meta,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("email", sa.String(100)),
        sa.Column("status", sa.String(20)),
        sa.Column("seats", sa.Integer),
        sa.Column("submitted_at", sa.DateTime),
        sa.Column("customer_id", sa.Integer),
    )
    sa.Table(
        "orders",
        meta,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("enquiry_id", sa.Integer),
        sa.Column("status", sa.String(20)),
    )
    meta.create_all(engine)
    with engine.begin() as conn:
        conn.execute(
            meta.tables["customers"].insert(), [{"id": 1, "name": "Ada"}, {"id": 2, "name": "Cy"}]
        )
        names = ["id", "email", "status", "seats", "submitted_at", "customer_id"]
        conn.execute(enquiries.insert(), [dict(zip(names, row, strict=True)) for row in ENQUIRIES])
        conn.execute(
            meta.tables["orders"].insert(),
            [
                {"id": 100, "enquiry_id": 1, "status": "paid"},
                {"id": 101, "enquiry_id": 1, "status": "cancelled"},
                {"id": 102, "enquiry_id": 4, "status": "cancelled"},
            ],
        )
    return engine


def _resolved(manifest: Manifest, text: str, collection: str = "enquiries") -> Condition:
    cond, problems = resolve_condition(
        parse_condition(yaml.safe_load(text)), manifest, "shop", collection
    )
    assert not problems, problems
    return cond


def _ids(engine: sa.Engine, cond: Condition) -> set[int]:
    t = sa.table("enquiries", sa.column("id"), *[sa.column(c) for c in condition_columns(cond)])
    with engine.connect() as conn:
        return {
            r[0] for r in conn.execute(sa.select(t.c.id).where(compile_condition(cond, t, None)))
        }


CASES: list[tuple[str, set[int]]] = [
    ("{status: open}", {1}),
    ("{status: [open, closed]}", {1, 2}),
    ("{status: [open, null]}", {1, 3}),
    ("{status: null}", {3}),
    ("{status: {eq: open}}", {1}),
    ("{status: {ne: open}}", {2, 4}),
    ("{seats: {lt: 3}}", {4}),
    ("{seats: {le: 3}}", {1, 4}),
    ("{seats: {gt: 3}}", {2}),
    ("{seats: {ge: 3}}", {1, 2}),
    ("{seats: {gt: 0, le: 5}}", {1}),
    ("{status: {in: [open, pending]}}", {1, 4}),
    ("{status: {not_in: [open, pending]}}", {2}),
    ("{status: {is_null: true}}", {3}),
    ("{status: {is_null: false}}", {1, 2, 4}),
    ("{email: {like: '%@example.com'}}", {1, 4}),
    ("{email: {like: 'ADA%'}}", {1}),
    ("{submitted_at: {lt: 2025-01-01}}", {4}),
    ("{submitted_at: {ge: 2025-01-01T00:00:00}}", {1, 2}),
    ("{submitted_at: {eq: 2025-06-01 00:00:00}}", {2}),
    ("{status: open, seats: 3}", {1}),
    ("{all: [{status: {ne: closed}}, {seats: {ge: 0}}]}", {1, 4}),
    ("{any: [{status: open}, {seats: {gt: 5}}]}", {1, 2}),
    ("{not: {status: open}}", {2, 3, 4}),
    ("{not: {any: [{status: open}, {seats: {gt: 5}}]}}", {3, 4}),
    ("{not: {all: [{status: {ne: closed}}, {seats: {ge: 0}}]}}", {2, 3}),
    ("{not: {not: {seats: {lt: 3}}}}", {4}),
    ("{seats: {gt: {column: customer_id}}}", {1}),
    ("{seats: {le: {column: customer_id}}}", {4}),
    ("{seats: {ne: {column: id}}}", {1, 2, 4}),
    ("{exists: orders}", {1, 4}),
    ("{not: {exists: orders}}", {2, 3}),
    ("{exists: {collection: orders, where: {status: paid}}}", {1}),
    ("{exists: {collection: orders, via: enquiry_id, where: {not: {status: paid}}}}", {1, 4}),
    ("{not: {exists: {collection: orders, where: {status: cancelled}}}}", {2, 3}),
    ("{exists: customers}", {1, 4}),
    ("{customers.name: Ada}", {1}),
    ("{not: {customers.name: Ada}}", {2, 3, 4}),
    ("{exists: {collection: customers, where: {name: {like: 'c%'}}}}", {4}),
    ("{exists: {collection: shop.orders, where: {exists: {collection: enquiries}}}}", {1, 4}),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_each_construct_selects_its_rows_and_its_complement_the_rest(
    any_db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, expected: set[int]
) -> None:
    manifest = _manifest(tmp_path, any_db_url, monkeypatch)
    engine = _create(any_db_url)
    try:
        cond = _resolved(manifest, text)
        assert _ids(engine, cond) == expected
        complement = _resolved(manifest, f"{{not: {text}}}")
        assert _ids(engine, complement) == ALL - expected
    finally:
        engine.dispose()


def test_the_empty_condition_is_every_row(
    any_db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    manifest = _manifest(tmp_path, any_db_url, monkeypatch)
    engine = _create(any_db_url)
    try:
        assert _ids(engine, _resolved(manifest, "{}")) == ALL
        assert describe(parse_condition({})) == "every row"
    finally:
        engine.dispose()


# ----------------------------------------------------------------------------- reasoning


@pytest.fixture
def shop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Manifest:
    return _manifest(tmp_path, "sqlite:///unused.sqlite", monkeypatch)


@pytest.mark.parametrize(
    ("first", "second", "apart"),
    [
        ("{status: open}", "{status: closed}", True),
        ("{status: open}", "{not: {status: open}}", True),
        ("{status: open, seats: 3}", "{not: {all: [{seats: 3}, {status: open}]}}", True),
        ("{status: open}", "{seats: {gt: 3}}", False),
        ("{status: Open}", "{status: open}", False),  # collations may ignore case
        ("{status: 'open'}", "{status: 'open '}", False),  # and trailing spaces
        ("{seats: {lt: 3}}", "{seats: {ge: 3}}", True),
        ("{seats: {lt: 3}}", "{seats: {le: 3}}", False),
        ("{seats: {gt: 5}}", "{seats: [1, 2, 5]}", True),
        ("{seats: 1}", "{seats: '1'}", False),
        ("{submitted_at: {lt: 2025-01-01}}", "{submitted_at: {gt: 2025-02-01}}", True),
        ("{status: null}", "{status: {ne: open}}", True),
        ("{status: null}", "{not: {status: open}}", False),
        ("{status: [open, closed]}", "{status: {not_in: [open, closed]}}", True),
        ("{status: [open, closed]}", "{status: [closed, pending]}", False),
        ("{customers.name: Ada}", "{customers.name: Cy}", True),  # one customer per enquiry
        ("{exists: {collection: orders, where: {status: paid}}}",
         "{exists: {collection: orders, where: {status: cancelled}}}", False),  # many orders
        ("{exists: {collection: orders, where: {status: paid}}}", "{not: {exists: orders}}", True),
        ("{exists: orders}", "{not: {exists: {collection: orders, where: {status: paid}}}}", False),
        ("{email: {like: 'a%'}}", "{not: {email: {like: 'a%'}}}", True),
        ("{email: {like: 'a%'}}", "{email: {like: 'b%'}}", False),
        ("{seats: {lt: {column: id}}}", "{not: {seats: {lt: {column: id}}}}", True),
        ("{seats: {lt: {column: id}}}", "{seats: {gt: {column: id}}}", False),  # not proven
        ("{seats: {lt: {column: id}}}", "{seats: null}", True),
    ],
)  # fmt: skip
def test_disjoint_is_sound(shop: Manifest, first: str, second: str, apart: bool) -> None:
    a, b = _resolved(shop, first), _resolved(shop, second)
    assert disjoint(a, b) is apart
    assert disjoint(b, a) is apart


def test_covers_and_implies(shop: Manifest) -> None:
    r = lambda text: _resolved(shop, text)  # noqa: E731
    assert covers([r("{status: open}"), r("{not: {status: open}}")])
    assert not covers([r("{status: open}"), r("{status: {ne: open}}")])  # NULL left out
    assert covers([r("{status: open}"), r("{status: {ne: open}}"), r("{status: null}")])
    assert covers([r("{status: [open, closed]}"), r("{status: {not_in: [open, closed]}}"),
                   r("{status: null}")])  # fmt: skip
    assert not covers([r("{status: open}")])
    assert covers([r("{seats: 3}")], within=r("{seats: 3, status: open}"))
    assert implies(
        r("{exists: {collection: orders, where: {status: paid}}}"), r("{exists: orders}")
    )
    assert not implies(
        r("{exists: orders}"), r("{exists: {collection: orders, where: {status: x}}}")
    )


def test_huge_conditions_are_not_proven_disjoint(shop: Manifest) -> None:
    many = "{all: [" + ", ".join(f"{{any: [{{seats: {i}}}, {{status: s{i}}}]}}" for i in range(12))
    cond = _resolved(shop, many + "]}")
    assert not disjoint(cond, cond)  # too many terms to expand: reported as overlapping


def test_descriptions(shop: Manifest) -> None:
    text = "{status: open, not: {exists: {collection: orders, where: {status: paid}}}}"
    assert describe(_resolved(shop, text)) == (
        "status = 'open' and not (exists orders where status = 'paid')"
    )
    assert describe(_resolved(shop, "{seats: {ge: {column: customer_id}}}")) == (
        "seats ≥ customer_id"
    )
    assert describe(_resolved(shop, "{customers.name: [Ada, Cy]}")) == (
        "customers.name in ('Ada', 'Cy')"
    )


# ----------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("raw", "path", "message"),
    [
        ("status = 'open'", (), "a condition is a mapping"),
        ({"status": {"equals": "open"}}, ("status", "equals"), "did you mean 'eq'?"),
        ({"status": {"eq": None}}, ("status", "eq"), "test NULL with is_null"),
        ({"status": {"in": []}}, ("status", "in"), "non-empty list"),
        ({"status": {"is_null": "yes"}}, ("status", "is_null"), "true or false"),
        ({"seats": {"like": 3}}, ("seats", "like"), "text pattern"),
        ({"seats": {"gt": [1]}}, ("seats", "gt"), "is not a value"),
        ({"all": {"status": "open"}}, ("all",), "takes a list"),
        ({"not": "status"}, ("not",), "a condition is a mapping"),
        ({"eq": "open"}, ("eq",), "needs a column"),
        ({"status open": 1}, ("status open",), "neither a column"),
        ({"exists": {"collection": "orders", "on": "x"}}, ("exists", "on"), "not 'on'"),
        ({"exists": {"where": {}}}, ("exists",), "needs a 'collection'"),
        ({"seats": {"gt": {"col": "id"}}}, ("seats", "gt"), "or another column: {column: NAME}"),
        ({"seats": {"gt": {"column": "c.id"}}}, ("seats", "gt"), "of the same collection"),
        ({"seats": {"like": {"column": "id"}}}, ("seats", "like"), "is not a value"),
        ({"any": [{"status": "a"}, {"seats": {"lt": True}}]}, ("any", 1, "seats", "lt"),
         "not True"),
    ],
)  # fmt: skip
def test_bad_conditions_are_located(raw: Any, path: tuple[Any, ...], message: str) -> None:
    with pytest.raises(ConditionError) as caught:
        parse_condition(raw, ("where",))
    assert caught.value.path == ("where", *path)
    assert message in caught.value.message


@pytest.mark.parametrize(
    ("text", "path", "message", "suggestion"),
    [
        ("{statuss: open}", ("statuss",), "shop.enquiries has no field 'statuss'", "status"),
        ("{exists: order}", ("exists",), "collection shop.order does not exist", "orders"),
        ("{exists: {collection: orders, where: {state: paid}}}", ("exists", "where", "state"),
         "shop.orders has no field 'state'", "status"),
        ("{orders.state: paid}", ("orders.state",), "shop.orders has no field 'state'", None),
        ("{seats: {lt: {column: seat}}}", ("seats", "lt"), "shop.enquiries has no field 'seat'",
         "seats"),
        ("{exists: notes}", ("exists",), "several references (about, answer_to)", None),
        ("{exists: {collection: notes, via: about_id}}", ("exists", "via"),
         "referencing fields: about, answer_to", None),
        ("{exists: {collection: other.things}}", ("exists",), "other.things does not exist", None),
    ],
)  # fmt: skip
def test_unknown_columns_and_references_are_located(
    shop: Manifest, text: str, path: tuple[Any, ...], message: str, suggestion: str | None
) -> None:
    _, problems = resolve_condition(
        parse_condition(yaml.safe_load(text)), shop, "shop", "enquiries"
    )
    (problem,) = problems
    assert problem.path == path
    assert message in problem.message
    if suggestion:
        assert problem.suggestion == suggestion


def test_no_reference_is_located(shop: Manifest) -> None:
    _, problems = resolve_condition(
        parse_condition({"exists": "customers"}), shop, "shop", "orders"
    )
    assert "shop.orders declares no reference to shop.customers" in problems[0].message
    cond, problems = resolve_condition(
        parse_condition({"exists": {"collection": "notes", "via": "about"}}),
        shop,
        "shop",
        "enquiries",
    )
    assert not problems and "via" not in describe(cond).split("exists notes")[0]


def test_a_bad_where_in_the_manifest_names_file_line_and_value(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COND_URL", "sqlite:///x.sqlite")
    rule = """\
retention:
  rules:
    - name: enquiries-once-closed
      collection: shop.enquiries
      where:
        all:
          - {status: closed}
          - {seats: {gte: 3}}
      action: delete
"""
    path = tmp_path / "kept.yaml"
    path.write_text(MANIFEST + rule, encoding="utf-8")
    with pytest.raises(ManifestError) as caught:
        load_manifest(path)
    text = str(caught.value)
    line = MANIFEST.count("\n") + 8
    assert f"kept.yaml:{line}" in text
    assert "retention rule 'enquiries-once-closed': unknown operator 'gte'" in text
    assert "did you mean 'ge'?" in text

    path.write_text(MANIFEST + rule.replace("{seats: {gte: 3}}", "{sets: 3}"), encoding="utf-8")
    with pytest.raises(ManifestError) as caught:
        load_manifest(path)
    assert f"kept.yaml:{line}" in str(caught.value)
    assert "has no field 'sets'" in str(caught.value) and "'seats'" in str(caught.value)

    block = rule[rule.index("      where:") : rule.index("      action:")]
    path.write_text(MANIFEST + rule.replace(block, "      where: \"status = 'closed'\"\n"))
    with pytest.raises(ManifestError) as caught:
        load_manifest(path)
    assert "'where' is a mapping" in str(caught.value)


# ----------------------------------------------------------------------------- properties

STATUSES = ["a", "b", "c", "zz", None]
SEATS = [-1, 0, 1, 2, 2.5, 3, 10, None]
DOMAIN = [(s, n) for s in STATUSES for n in SEATS]

leaf = st.one_of(
    st.builds(
        lambda op, v: {"status": {op: v}},
        st.sampled_from(["eq", "ne", "lt", "ge"]),
        st.sampled_from(["a", "b", "c"]),
    ),
    st.builds(
        lambda op, v: {"seats": {op: v}},
        st.sampled_from(["eq", "ne", "lt", "le", "gt", "ge"]),
        st.integers(min_value=0, max_value=3),
    ),
    st.builds(
        lambda op, vs: {"status": {op: vs}},
        st.sampled_from(["in", "not_in"]),
        st.lists(st.sampled_from(["a", "b", "c"]), min_size=1, max_size=2),
    ),
    st.builds(
        lambda col, v: {col: {"is_null": v}}, st.sampled_from(["status", "seats"]), st.booleans()
    ),
    st.builds(
        lambda vs: {"seats": vs}, st.lists(st.sampled_from([0, 1, None]), min_size=1, max_size=2)
    ),
)
conditions = st.recursive(
    leaf,
    lambda inner: st.one_of(
        st.builds(lambda c: {"not": c}, inner),
        st.builds(lambda cs: {"all": cs}, st.lists(inner, min_size=1, max_size=3)),
        st.builds(lambda cs: {"any": cs}, st.lists(inner, min_size=1, max_size=3)),
    ),
    max_leaves=6,
)

_PY = {
    "eq": lambda x, v: x == v,
    "ne": lambda x, v: x != v,
    "lt": lambda x, v: x < v,
    "le": lambda x, v: x <= v,
    "gt": lambda x, v: x > v,
    "ge": lambda x, v: x >= v,
    "in": lambda x, v: x in v,
    "not_in": lambda x, v: x not in v,
}


def holds(cond: Condition, row: dict[str, Any]) -> bool:
    """The reference semantics: comparisons never hold on NULL, not is the complement."""
    if isinstance(cond, Compare):
        x = row[cond.column]
        if cond.op == "is_null":
            return (x is None) == cond.value
        return x is not None and bool(_PY[cond.op](x, cond.value))
    if isinstance(cond, All):
        return all(holds(c, row) for c in cond.items)
    if isinstance(cond, AnyOf):
        return any(holds(c, row) for c in cond.items)
    assert isinstance(cond, Not)
    return not holds(cond.item, row)


def _rows() -> list[dict[str, Any]]:
    return [{"id": i, "status": s, "seats": n} for i, (s, n) in enumerate(DOMAIN)]


@given(conditions, conditions)
@settings(max_examples=300, deadline=None)
def test_disjoint_and_covers_never_claim_what_a_row_contradicts(a: Any, b: Any) -> None:
    first, second = parse_condition(a), parse_condition(b)
    rows = _rows()
    if disjoint(first, second):
        assert not any(holds(first, r) and holds(second, r) for r in rows)
    if covers([first, second]):
        assert all(holds(first, r) or holds(second, r) for r in rows)
    if implies(first, second):
        assert all(holds(second, r) for r in rows if holds(first, r))
    # and the obvious cases are proven
    assert disjoint(first, Not(first))
    assert covers([first, Not(first)])


@pytest.fixture(scope="module")
def domain_db() -> Any:
    engine = sa.create_engine("sqlite://", poolclass=sa.StaticPool)
    meta = sa.MetaData()
    table = sa.Table(
        "enquiries",
        meta,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("status", sa.String(5)),
        sa.Column("seats", sa.Float),
    )
    meta.create_all(engine)
    with engine.begin() as conn:
        conn.execute(table.insert(), _rows())
    yield engine
    engine.dispose()


@given(conditions)
@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_the_sql_selects_what_the_semantics_say(domain_db: sa.Engine, raw: Any) -> None:
    cond = parse_condition(raw)
    expected = {r["id"] for r in _rows() if holds(cond, r)}
    assert _ids(domain_db, cond) == expected
    assert _ids(domain_db, Not(cond)) == {r["id"] for r in _rows()} - expected


@pytest.fixture(scope="module")
def shop_once(tmp_path_factory: pytest.TempPathFactory) -> Manifest:
    path = tmp_path_factory.mktemp("shop") / "kept.yaml"
    path.write_text(MANIFEST.replace("${COND_URL}", "sqlite:///unused.sqlite"), encoding="utf-8")
    return load_manifest(path).manifest


NAMES = ["Ada", "Cy"]
ORDER_STATUSES = ["paid", "cancelled"]
linked_leaf = st.one_of(
    st.builds(lambda v: {"status": v}, st.sampled_from(["a", "b", None])),
    st.builds(lambda v: {"customers.name": v}, st.sampled_from([*NAMES, None])),
    st.builds(
        lambda op, v: {"exists": {"collection": "customers", "where": {"name": {op: v}}}},
        st.sampled_from(["eq", "ne"]),
        st.sampled_from(NAMES),
    ),
    st.just({"exists": "orders"}),
    st.builds(
        lambda v: {"exists": {"collection": "orders", "where": {"status": v}}},
        st.sampled_from([*ORDER_STATUSES, None]),
    ),
)
linked = st.recursive(
    linked_leaf,
    lambda inner: st.one_of(
        st.builds(lambda c: {"not": c}, inner),
        st.builds(lambda cs: {"all": cs}, st.lists(inner, min_size=1, max_size=3)),
        st.builds(lambda cs: {"any": cs}, st.lists(inner, min_size=1, max_size=3)),
    ),
    max_leaves=5,
)

# A world: the enquiry's status, its customer (None: no customer; else the customer's name,
# which may be NULL) and the statuses of the orders referring to it.
WORLDS = [
    {"status": s, "customer": c, "orders": set(o)}
    for s in ["a", "b", "zz", None]
    for c in [None, ("Ada",), ("Cy",), (None,)]
    for o in [(), ("paid",), ("cancelled",), (None,), ("paid", "cancelled"), ("paid", None)]
]


def holds_in(cond: Condition, world: dict[str, Any]) -> bool:
    if isinstance(cond, Exists):
        assert cond.link is not None
        if cond.link.collection == "customers":
            rows = [] if world["customer"] is None else [{"name": world["customer"][0]}]
        else:
            rows = [{"status": s} for s in world["orders"]]
        return any(cond.where is None or holds_in(cond.where, r) for r in rows)
    if isinstance(cond, Compare):
        return holds(cond, world)
    if isinstance(cond, All):
        return all(holds_in(c, world) for c in cond.items)
    if isinstance(cond, AnyOf):
        return any(holds_in(c, world) for c in cond.items)
    assert isinstance(cond, Not)
    return not holds_in(cond.item, world)


@given(linked, linked)
@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_reasoning_over_references_is_sound(shop_once: Manifest, a: Any, b: Any) -> None:
    first = resolve_condition(parse_condition(a), shop_once, "shop", "enquiries")[0]
    second = resolve_condition(parse_condition(b), shop_once, "shop", "enquiries")[0]
    if disjoint(first, second):
        assert not any(holds_in(first, w) and holds_in(second, w) for w in WORLDS)
    if covers([first, second]):
        assert all(holds_in(first, w) or holds_in(second, w) for w in WORLDS)
    assert disjoint(first, Not(first))


@pytest.fixture(scope="module")
def worlds_db() -> Any:
    engine = sa.create_engine("sqlite://", poolclass=sa.StaticPool)
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
        conn.exec_driver_sql(
            "CREATE TABLE enquiries (id INTEGER PRIMARY KEY, status TEXT, customer_id INTEGER)"
        )
        conn.exec_driver_sql(
            "CREATE TABLE orders (id INTEGER PRIMARY KEY, enquiry_id INTEGER, status TEXT)"
        )
        order = 0
        for i, world in enumerate(WORLDS):
            customer = None
            if world["customer"] is not None:
                customer = i
                conn.exec_driver_sql(
                    "INSERT INTO customers VALUES (?, ?)", (i, world["customer"][0])
                )
            conn.exec_driver_sql(
                "INSERT INTO enquiries VALUES (?, ?, ?)", (i, world["status"], customer)
            )
            for status in world["orders"]:
                order += 1
                conn.exec_driver_sql("INSERT INTO orders VALUES (?, ?, ?)", (order, i, status))
    yield engine
    engine.dispose()


@given(linked)
@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_exists_in_sql_selects_what_the_semantics_say(
    shop_once: Manifest, worlds_db: sa.Engine, raw: Any
) -> None:
    cond = resolve_condition(parse_condition(raw), shop_once, "shop", "enquiries")[0]
    expected = {i for i, w in enumerate(WORLDS) if holds_in(cond, w)}
    assert _ids(worlds_db, cond) == expected
    assert _ids(worlds_db, Not(cond)) == set(range(len(WORLDS))) - expected


def test_unresolved_exists_are_told_apart_by_their_collection() -> None:
    orders, customers = (
        parse_condition({"exists": "orders"}),
        parse_condition({"exists": "customers"}),
    )
    assert orders != customers
    assert not disjoint(orders, Not(customers))
