"""One path per use case: ``kept request access`` (the CLI) and a worker running a request
taken through the lifecycle make the same call of the rights service, so the same person's
export is the same, byte for byte (apart from its request id and the times), on every example.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from kept.app import Kept
from kept.cli import _register, app
from kept.examples import EXAMPLES, create_example
from kept.execution import Identity
from kept.ids import new_request_id
from kept.manifest import load_manifest
from kept.manifest.models import LegalBasis
from kept.settings import KeptSettings

_REQUEST_ID = re.compile(rb"req_[0-9a-f]{16}")
_OBJECTABLE = (LegalBasis.LEGITIMATE_INTERESTS, LegalBasis.PUBLIC_INTEREST)
_TIME = re.compile(rb"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?")


def first_email(manifest: Path) -> str:
    """The first e-mail address of the example's sample (an identity field ``email``)."""
    loaded = load_manifest(manifest)
    for dataset in loaded.manifest.dataset:
        for coll in dataset.collections:
            for f in coll.fields:
                if f.fides_meta and f.fides_meta.identity == "email":
                    store = loaded.manifest.stores[0]
                    url = store.url.replace("sqlite:///", f"sqlite:///{manifest.parent}/")
                    engine = sa.create_engine(url, poolclass=sa.NullPool)
                    with engine.connect() as conn:
                        value = conn.exec_driver_sql(
                            f'SELECT "{f.name}" FROM "{coll.name}" '
                            f'WHERE "{f.name}" IS NOT NULL ORDER BY 1 LIMIT 1'
                        ).scalar_one()
                    engine.dispose()
                    return str(value)
    raise AssertionError("no e-mail identity")


def contents(data: bytes) -> dict[str, bytes]:
    """Each member of an export zip, its request ids and times replaced by placeholders."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            _REQUEST_ID.sub(b"REQ", name.encode()).decode(): _TIME.sub(
                b"TIME", _REQUEST_ID.sub(b"REQ", archive.read(name))
            )
            for name in archive.namelist()
        }


def test_request_ids_come_from_one_generator() -> None:
    assert re.fullmatch(r"req_[0-9a-f]{16}", new_request_id())


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_cli_and_the_worker_export_the_same(name: str, tmp_path: Path) -> None:
    manifest = create_example(name, tmp_path / name, people=30).manifest
    email = first_email(manifest)
    person = [Identity("email", email)]
    settings = KeptSettings(database_url=f"sqlite:///{tmp_path / 'kept.db'}")
    with Kept.open(manifest, settings) as kept:  # the consent ledger belongs in the copy
        purposes = kept.loaded.manifest.purposes
        consent = [p.key for p in purposes if p.legal_basis is LegalBasis.CONSENT]
        objectable = [p.key for p in purposes if p.legal_basis in _OBJECTABLE]
        if consent:
            kept.consent("test").grant(person[0], consent[0], source="test")
        elif objectable:
            kept.consent("test").withdraw(person[0], objectable[0], source="test")
        ledger = bool(consent or objectable)

    _register(["request"])
    out = tmp_path / "cli"
    ran = CliRunner().invoke(
        app,
        [
            "request",
            "access",
            "-m",
            str(manifest),
            "-i",
            f"email={email}",
            "--out",
            str(out),
            "--database",
            str(settings.database_url),
        ],
    )
    assert ran.exit_code == 0, ran.output
    (cli_zip,) = out.glob("*.zip")

    with Kept.open(manifest, settings) as kept:
        submitted = kept.requests.submit("access", person, actor="staff", verified=True)
        stats = kept.worker(name="w", sweeps=False).run(until_empty=True)
        assert stats.completed == 1, stats
        _filename, worker_zip = kept.requests.export(submitted.record.id)

    from_cli, from_worker = contents(cli_zip.read_bytes()), contents(worker_zip)
    assert sorted(from_cli) == sorted(from_worker)
    if ledger:
        assert any("consent" in member for member in from_cli), sorted(from_cli)
    for member, data in from_cli.items():
        assert data == from_worker[member], f"{name}: {member} differs"
