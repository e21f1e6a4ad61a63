"""Sources: the access export names where each group of rows came from (Art. 14(2)(f), 15(1)(g))."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from kept.examples import create_example
from kept.execution import parse_identity, run_access
from kept.manifest import load_manifest


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def vivibit(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Path, str]]:
    if request.param == "sqlite":
        info = create_example("vivibit", tmp_path / "viv", people=40)
        url = f"sqlite:///{tmp_path / 'viv' / 'vivibit.sqlite'}"
        yield info.manifest, url
    else:
        url = request.getfixturevalue("postgres_url")
        info = create_example("vivibit", tmp_path / "viv", url=url, people=40)
        yield info.manifest, url


def people_from_resellers(url: str) -> list[tuple[str, str, int]]:
    """(e-mail, reseller, rows) of each person some reseller sent, by e-mail."""
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        found = conn.execute(
            sa.text(
                "SELECT customer_email, reseller, COUNT(*) FROM reseller_records "
                "WHERE customer_email IS NOT NULL GROUP BY customer_email, reseller "
                "ORDER BY customer_email"
            )
        ).all()
    engine.dispose()
    return [(str(e), str(r), int(n)) for e, r, n in found]


def export_info(manifest: Path, email: str, out: Path) -> dict[str, object]:
    loaded = load_manifest(manifest)
    result = run_access(loaded, [parse_identity(f"email={email}")], out)
    with zipfile.ZipFile(result.export) as z:
        info: dict[str, object] = json.loads(z.read("supplementary.json"))
        info["_summary"] = z.read("summary.html").decode()
    return info


def test_reseller_imported_people_see_their_source(
    vivibit: tuple[Path, str], tmp_path: Path
) -> None:
    manifest, url = vivibit
    people = people_from_resellers(url)
    assert people, "the sample has reseller-imported people"
    by_person: dict[str, set[str]] = {}
    for email, reseller, _ in people:
        by_person.setdefault(email, set()).add(reseller)
    email, resellers = next(iter(sorted(by_person.items())))
    info = export_info(manifest, email, tmp_path / "out")
    per_table = info["source_per_table"]
    assert isinstance(per_table, dict)
    src = per_table["vivibit.reseller_records"]
    assert src["kind"] == "reseller"
    assert src["column"] == "reseller"
    assert set(src["rows_from"]) == resellers
    sources = info["sources"]
    assert isinstance(sources, list)
    for reseller in resellers:
        assert f"a reseller or channel partner: {reseller}" in sources
        assert reseller in str(info["_summary"])
    # Tables the person gave themselves name the person as the source.
    assert per_table["vivibit.accounts"]["source"] == "the data subject"


def test_person_without_reseller_rows_has_only_themselves_as_source(
    vivibit: tuple[Path, str], tmp_path: Path
) -> None:
    manifest, url = vivibit
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        email = conn.execute(
            sa.text(
                "SELECT email FROM accounts WHERE email IS NOT NULL AND email NOT IN "
                "(SELECT customer_email FROM reseller_records WHERE customer_email IS NOT NULL) "
                "AND id NOT IN (SELECT account_id FROM reseller_records "
                "WHERE account_id IS NOT NULL) ORDER BY id"
            )
        ).scalar()
    engine.dispose()
    assert email is not None
    info = export_info(manifest, str(email), tmp_path / "out")
    assert info["sources"] == ["the data subject"]
    assert "vivibit.reseller_records" not in info["source_per_table"]  # type: ignore[operator]
