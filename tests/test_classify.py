"""The classifier ``kept check`` and ``kept scan`` share: names, comments, values, neighbours."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from kept.check.classify import (
    ColumnFacts,
    classify_column,
    classify_name,
    classify_table,
    classify_values,
)


@pytest.mark.parametrize(
    ("name", "table", "category"),
    [
        ("contactFirstName", "", "user.name.first"),
        ("EMAILADDRESS", "", "user.contact.email"),
        ("E_MAIL", "", "user.contact.email"),
        ("Vorname", "", "user.name.first"),
        ("nachname", "", "user.name.last"),
        ("Geburtsdatum", "", "user.demographic.date_of_birth"),
        ("PLZ", "", "user.contact.address.postal_code"),
        ("fornavn", "", "user.name.first"),
        ("etternavn", "", "user.name.last"),
        ("fødselsnummer", "", "user.government_id.national_identification_number"),
        ("postnr", "", "user.contact.address.postal_code"),
        ("prenom", "", "user.name.first"),
        ("date_naissance", "", "user.demographic.date_of_birth"),
        ("code_postal", "", "user.contact.address.postal_code"),
        ("telephone_mobile", "", "user.contact.phone_number"),
        ("addressLine2", "", "user.contact.address.street"),
        ("ip_address", "", "user.device.ip_address"),
        ("encrypted_password", "users", "user.authorization.password"),
        ("api_key", "", "user.authorization.credentials"),
        ("title", "employees", "user.job_title"),
        ("title", "albums", None),
        ("name", "customers", "user.name"),
        ("name", "genre", None),
        ("header_file_name", "accounts", "user.content.public"),
        ("customer_id", "", None),
        ("salesRepEmployeeNumber", "", None),
        ("phone_number", "", "user.contact.phone_number"),
        ("created_at", "", None),
        ("reports_to", "", None),
        ("session_id", "", "user.device.cookie_id"),
    ],
)
def test_names(name: str, table: str, category: str | None) -> None:
    found = classify_name(name, table)
    assert (found.category if found else None) == category


def test_a_comment_speaks_when_the_name_does_not() -> None:
    found = classify_name("c17", "t", comment="Kundens e-postadresse")
    assert found is not None and found.category == "user.contact.email"
    assert found.source == "comment"


@pytest.mark.parametrize(
    ("values", "category"),
    [
        (["OLA@EXAMPLE.NO", "kari@example.com"], "user.contact.email"),
        (["+47 912 34 567", "(212) 555-0143", "0711-555361"], "user.contact.phone_number"),
        (["536-90-4399", "212-67-1123", "401-23-4567"], "user.government_id"),
        (["DE89370400440532013000", "NO9386011117947"], "user.financial.bank_account"),
        (["4111 1111 1111 1111", "5500 0000 0000 0004"], "user.financial.credit_card"),
        (["DE136695976", "NO974760673MVA", "FR40303265045"], "user.government_id"),
        (["490154203237518", "356938035643809"], "user.device.device_id"),
        (["00:1A:2B:3C:4D:5E", "aa-bb-cc-dd-ee-ff"], "user.device.device_id"),
        (["10.0.0.1", "2001:db8::1"], "user.device.ip_address"),
        (
            [dt.date(1961, 3, 2), dt.date(1987, 11, 30), dt.date(1974, 6, 9)],
            "user.demographic.date_of_birth",
        ),
        (["JOHN SMITH", "MARY JOHNSON", "Kari Nordmann"], "user.name"),
        (["Oslo", "Bergen", "Paris", "Köln", "Warszawa"], "user.contact.address.city"),
        (["Norway", "Germany", "France", "USA"], "user.contact.address.country"),
        (["$2a$10$abcdefghijklmnopqrstuv", "$2b$12$zyxwvutsrqponmlkjihgfe"], "user.authorization"),
        (["x5800", "x4611", "x102"], "user.contact.phone_number"),
        (["-----BEGIN RSA PRIVATE KEY-----\nMIIE"], "user.authorization.credentials"),
        (["https://mastodon.social/@ola", "https://x.example/users/kari"], "user.contact.url"),
        (
            [
                "Please call me on +47 912 34 567 tomorrow",
                "All good, thanks a lot for the quick help!",
                "New number is (212) 555-0143, from Monday",
            ],
            "user.content.private",
        ),
        # not personal
        (["1.2.3", "v2.0.1", "Thin client"], None),
        ([dt.date(2003, 1, 6), dt.date(2004, 5, 1), dt.date(2005, 3, 3)], None),
        (["21000.00", "71800.00"], None),
        (["shipped", "shipped", "cancelled", "shipped"] * 5, None),
        (["1969 Harley Davidson Ultimate Chopper", "1952 Alpine Renault 1300"], None),
    ],
)
def test_values(values: list[object], category: str | None) -> None:
    found = classify_values(values)
    got = found.category if found else None
    if category is None or got is None:
        assert got == category, found
    else:
        assert got.startswith(category), found


def test_an_ssn_is_not_a_phone_number_even_under_a_phone_name() -> None:
    found = classify_column(ColumnFacts("phone", "people"), ["536-90-4399", "212-67-1123"])
    assert found is not None
    assert found.category == "user.government_id.national_identification_number"


def test_bare_digits_are_phones_beside_a_phone_column_only() -> None:
    digits = ["7025551838", "4155551450", "6505555787", "2125557818"]
    facts = [ColumnFacts("c1", "t", neighbours=("c2",)), ColumnFacts("c2", "t", neighbours=("c1",))]
    alone = classify_values([int(d) for d in digits], kind="number")
    assert alone is None
    beside = classify_table(
        "t",
        [ColumnFacts("mobile", "t", kind="number"), ColumnFacts("c2", "t", kind="number")],
        {"mobile": [int(d) for d in digits], "c2": [int(d) + 1 for d in digits]},
    )
    assert beside["c2"].category == "user.contact.phone_number"
    del facts


def test_postcodes_beside_a_city() -> None:
    found = classify_table(
        "t",
        [ColumnFacts("a"), ColumnFacts("b")],
        {"a": ["Oslo", "Bergen", "Paris", "Lyon"], "b": ["0150", "5003", "75012", "69004"]},
    )
    assert found["b"].category == "user.contact.address.postal_code"
    assert "beside" in found["b"].reason


def test_office_addresses_are_not_personal() -> None:
    found = classify_table("offices", [ColumnFacts("city", "offices")], {"city": ["Paris"] * 3})
    assert found == {}


def _person_table(extra: dict[str, list[object]], table: str = "t") -> dict[str, str]:
    """Columns named c0.. (values only) beside a column of e-mail addresses."""
    emails = [f"user{i}@example.com" for i in range(len(next(iter(extra.values()))))]
    samples: dict[str, list[object]] = {"mail": emails, **extra}
    names = tuple(samples)
    facts = [ColumnFacts(n, table, neighbours=tuple(o for o in names if o != n)) for n in names]
    return {k: v.category for k, v in classify_table(table, facts, samples).items()}


def test_values_that_are_personal_only_beside_a_persons_data() -> None:
    n = 12
    found = _person_table(
        {
            "tok": [hashlib.sha256(b"%d" % i).hexdigest()[:32] for i in range(n)],
            "uid": [f"0000000{i:01x}-1234-4abc-8def-0123456789ab"[-36:] for i in range(n)],
            "img": [f"{i:016x}.jpg" for i in range(n)],
            "tz": ["Europe/Oslo", "Europe/Paris", "America/New_York"] * 4,
            "loc": ["en", "nb", "de", "pt-BR"] * 3,
            "status": ["active", "banned", "active", "pending"] * 3,
        }
    )
    assert found["tok"] == "user.authorization.credentials"
    assert "uid" not in found  # a canonical UUID is an identifier, not a secret
    assert found["img"] == "user.content.self_image"
    assert found["tz"] == "user.location.imprecise"
    assert found["loc"] == "user.demographic.language"
    assert "status" not in found
    # the same values in a table of no one's data say nothing
    alone = {
        k: v.category
        for k, v in classify_table(
            "t",
            [ColumnFacts("tz", "t"), ColumnFacts("img", "t")],
            {
                "tz": ["Europe/Oslo", "Europe/Paris"] * 6,
                "img": [f"{i:016x}.jpg" for i in range(n)],
            },
        ).items()
    }
    assert alone == {}


def test_tokens_beside_a_user_agent_are_session_keys() -> None:
    agents = [f"Mozilla/5.0 (X11; Linux x86_64) Firefox/{100 + i}.0" for i in range(10)]
    tokens = [hashlib.sha1(b"%d" % i).hexdigest()[:32] for i in range(10)]
    facts = [ColumnFacts("a", "s", neighbours=("b",)), ColumnFacts("b", "s", neighbours=("a",))]
    found = classify_table("s", facts, {"a": agents, "b": tokens})
    assert found["b"].category == "user.device.cookie_id"


def test_user_names_named_in_the_same_rows_links() -> None:
    handles = ["la19", "xq_7", "zed", "mmx22", "kq.r", "tt88", "vvz", "qpr3"]
    found = _person_table(
        {
            "h": list(handles),
            "url": [f"https://social.example/users/{h}" for h in handles],
        },
        table="accounts",
    )
    assert found["h"] == "user.account.username"
    # the same handles with no row that names them, and no given name in them: nothing
    lone = _person_table({"h": list(handles)})
    assert "h" not in lone


def test_notes_holding_a_phone_and_people_who_introduce_themselves() -> None:
    notes = ["phone +47 912 34 567", "colleague", "knows about Rust", "call 0711-555361 after 5"]
    assert classify_values(notes * 3) is not None
    invites = [
        "Hi, I'm Anna, a friend of the admin.",
        "Hei, jeg heter Kari og vil gjerne bli med.",
        "I would like to join to talk about open source in Norway.",
        "Looking forward to the community events this spring.",
    ]
    found = classify_values(invites * 3)
    assert found is not None and found.category == "user.content.private"
    catalogue = [
        "This replica features opening doors and a detailed engine.",
        "Hand-painted finish, working steering and a removable roof.",
    ]
    assert classify_values(catalogue * 6) is None


def test_rate(benchmark_values: list[str] | None = None) -> None:
    """The rate is measured in bench/ (python -m bench --only scan); here: it terminates on a
    large sample and caches shapes."""
    values = [f"user{i}@example.com" for i in range(5000)]
    assert classify_values(values) is not None


@pytest.mark.parametrize(
    "text",
    [
        "10.0.1.2",
        "255.255.255.255",
        "256.1.1.1",
        "01.2.3.4",
        "1.2.3.04",
        "0.0.0.0",
        "1.2.3",
        "1.2.3.4.5",
        "1.2.3.4\n",
        "1.2.3.4/32",
        "١.2.3.4",  # Arabic-Indic digits: not an address
        "::1",
        "fe80::1%eth0",
        "2001:db8::",
    ],
)
def test_ip_addresses_are_what_ipaddress_accepts(text: str) -> None:
    import ipaddress

    from kept.check.validators import ip as _ip

    try:
        ipaddress.ip_address(text)
        accepted = True
    except ValueError:
        accepted = False
    assert _ip(text) is accepted


def test_a_table_reads_each_column_once_and_finds_what_columns_alone_find() -> None:
    """The values read once per table answer the column, neighbour and person passes: the
    columns found alone are found the same in the table, and the neighbours add to them."""
    facts = [
        ColumnFacts("c1", "t", "number"),
        ColumnFacts("c2", "t", "text"),
        ColumnFacts("c3", "t", "text"),
        ColumnFacts("c4", "t", "text"),
        ColumnFacts("c5", "t", "number"),
        ColumnFacts("c6", "t", "date"),
    ]
    rows = range(1, 41)
    samples: dict[str, list[object]] = {
        "c1": list(rows),  # small whole numbers: nothing, whatever the neighbours
        "c2": [f"user{i}@example.com" for i in rows],
        "c3": ["Oslo", "Bergen", "Paris", "Köln", "Lyon"] * 8,
        "c4": [f"{1000 + 37 * i:04d}" for i in rows],  # postcodes, beside a city
        "c5": [4_000_000_000 + i for i in rows],
        "c6": [dt.date(2024, 1, 1)] * 40,
    }
    found = classify_table("t", facts, samples)
    for f in facts:
        alone = classify_column(f, samples[f.name])
        if alone is not None:
            assert found[f.name] == alone
    assert "c1" not in found and "c6" not in found
    assert found["c2"].category == "user.contact.email"
    assert found["c3"].category == "user.contact.address.city"
    assert found["c4"].category == "user.contact.address.postal_code"
    assert classify_column(facts[3], samples["c4"]) is None  # postcodes only beside a city


def test_memorised_answers_are_the_answers() -> None:
    """A value's costly tests are memorised across columns and tables: a table read with the
    memos full, emptied, and nearly empty (each holding one answer) is classified the same."""
    from kept.check import classify

    facts = [
        ColumnFacts("c1", "people", neighbours=("c2", "c3", "c4", "c5")),
        ColumnFacts("c2", "people", neighbours=("c1", "c3", "c4", "c5")),
        ColumnFacts("c3", "people", neighbours=("c1", "c2", "c4", "c5")),
        ColumnFacts("c4", "people", neighbours=("c1", "c2", "c3", "c5")),
        ColumnFacts("c5", "people", neighbours=("c1", "c2", "c3", "c4")),
    ]
    rows = range(1, 31)
    samples: dict[str, list[object]] = {
        "c1": [f"+47 9{i:07d}" for i in rows],
        "c2": ["Ola Hansen", "Kari Berg", "Emma Dubois"] * 10,
        "c3": ["4111 1111 1111 1111", "5500 0000 0000 0004"] * 15,
        "c4": [f"Call me at +47 9123{i:04d}, thanks for the help" for i in rows],
        "c5": [hashlib.md5(str(i).encode()).hexdigest() for i in rows],
    }
    classify.clear_memos()
    fresh = classify_table("people", facts, samples)
    warm = classify_table("people", facts, samples)
    assert warm == fresh
    assert fresh["c1"].category == "user.contact.phone_number"
    assert fresh["c3"].category == "user.financial.credit_card"
    memo = classify._phone_of
    before = memo.size
    memo.size = 1  # every new answer empties it first
    try:
        classify.clear_memos()
        assert classify_table("people", facts, samples) == fresh
        assert len(memo) == 1
    finally:
        memo.size = before


def test_a_column_read_again_with_a_hint_does_not_count_its_numbers_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A column is decided with no hint, then again with each hint its neighbours give: what
    needs no hint (check digits of national identifiers, cards, phones) is counted once."""
    from kept.check import classify_numbers

    calls: list[bool] = []
    national_id = classify_numbers._national_id

    def counted(values: list[str], strict: bool) -> tuple[str, int] | None:
        calls.append(strict)
        return national_id(values, strict)

    monkeypatch.setattr(classify_numbers, "_national_id", counted)  # where it is called
    facts = [ColumnFacts("c1", "t"), ColumnFacts("c2", "t")]
    samples: dict[str, list[object]] = {
        "c1": ["Oslo", "Bergen", "Paris", "Köln", "Lyon"] * 8,
        "c2": [f"{1000 + 37 * i:04d}" for i in range(40)],
    }
    found = classify_table("t", facts, samples)
    assert found["c2"].category == "user.contact.address.postal_code"  # read twice
    assert calls == [True]


@pytest.mark.parametrize("tz", [dt.timezone(dt.timedelta(hours=2)), None])
def test_dates_of_birth_are_read_as_each_value_dates_itself(tz: dt.tzinfo | None) -> None:
    """Times are read by their own date (their own time zone's), not by the instant: the first
    value is 1990 where it was written, though an instant earlier than the second (1989)."""
    utc = dt.UTC if tz else None
    values: list[object] = [
        dt.datetime(1990, 1, 1, 0, 30, tzinfo=tz),
        dt.datetime(1989, 12, 31, 23, 0, tzinfo=utc),
        dt.datetime(2004, 6, 1, tzinfo=utc),
        dt.datetime(1995, 6, 1, tzinfo=utc),
    ]
    found = classify_values(values, kind="date")  # 1989 to 2004: fifteen years
    assert found is not None and found.category == "user.demographic.date_of_birth"
    assert classify_values([v.date() for v in values if isinstance(v, dt.datetime)]) == found
    assert classify_values([values[0], *values[2:]], kind="date") is None  # 1990 to 2004
