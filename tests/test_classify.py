"""The classifier ``kept check`` and ``kept scan`` share: names, comments, values, neighbours."""

from __future__ import annotations

import datetime as dt

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


def test_rate(benchmark_values: list[str] | None = None) -> None:
    """The rate is measured in bench/ (python -m bench --only scan); here: it terminates on a
    large sample and caches shapes."""
    values = [f"user{i}@example.com" for i in range(5000)]
    assert classify_values(values) is not None
