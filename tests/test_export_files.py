"""Exports are files in the export folder, streamed to the person; old blob rows still work."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import stat
from pathlib import Path

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from kept.api import create_app
from kept.api.routes._lifecycle import export_link
from kept.errors import RequestError
from kept.examples import create_example
from kept.execution import Identity
from kept.mail import OutboxMailer
from kept.manifest import LoadedManifest, load_manifest
from kept.requests import Lifecycle, Worker
from kept.requests.exportfiles import ExportFiles
from kept.requests.tables import request_exports


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("exports")
    return create_example("vcloudpoint", root / "vcloudpoint", people=20).manifest


@pytest.fixture
def loaded(example: Path) -> LoadedManifest:
    return load_manifest(example)


@pytest.fixture
def email(example: Path) -> str:
    engine = sa.create_engine(f"sqlite:///{example.parent / 'vcloudpoint.sqlite'}")
    with engine.connect() as conn:
        value = conn.exec_driver_sql("SELECT email FROM accounts ORDER BY id LIMIT 1").scalar()
    engine.dispose()
    return str(value)


def completed_access(life: Lifecycle, email: str) -> str:
    rid = life.submit("access", [Identity("email", email)], actor="t", verified=True).record.id
    Worker(life, name="w").run(until_empty=True)
    return rid


def export_row(life: Lifecycle, rid: str) -> sa.Row[tuple[object, ...]]:
    with life.control.connect() as conn:
        return conn.execute(
            sa.select(request_exports).where(request_exports.c.request_id == rid)
        ).one()


def check_export_is_a_file(life: Lifecycle, email: str) -> None:
    rid = completed_access(life, email)
    row = export_row(life, rid)
    assert row.content is None and row.path
    path = life.exports.folder / str(row.path)
    assert path.is_file() and path.read_bytes()[:2] == b"PK"
    assert row.size == path.stat().st_size
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(life.exports.folder.stat().st_mode) == 0o700
    assert (life.exports.folder / ".gitignore").read_text() == "*\n"
    found = life.export_file(rid)
    assert found.path == path and found.content is None
    # The purge deletes the file with its row.
    life.clock = lambda: dt.datetime.now(dt.UTC) + dt.timedelta(days=40)
    assert life.purge_exports(dt.timedelta(days=30)) == [rid]
    assert not path.exists() and not life.has_export(rid)


def test_an_export_is_a_file_not_a_blob(loaded: LoadedManifest, tmp_path: Path, email: str) -> None:
    files = ExportFiles(tmp_path / "exports")
    life = Lifecycle.open(
        loaded, f"sqlite:///{tmp_path / 'kept.db'}", mailer=OutboxMailer(tmp_path), exports=files
    )
    try:
        check_export_is_a_file(life, email)
    finally:
        life.close()


@pytest.mark.mariadb
def test_an_export_is_a_file_on_mariadb(
    loaded: LoadedManifest, mariadb_url: str, tmp_path: Path, email: str
) -> None:
    files = ExportFiles(tmp_path / "exports")
    life = Lifecycle.open(loaded, mariadb_url, mailer=OutboxMailer(tmp_path), exports=files)
    try:
        check_export_is_a_file(life, email)
    finally:
        life.close()


def test_the_export_folder_comes_from_the_environment(
    loaded: LoadedManifest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KEPT_EXPORT_DIR", str(tmp_path / "elsewhere"))
    assert ExportFiles.from_env(loaded.directory).folder == tmp_path / "elsewhere"
    monkeypatch.delenv("KEPT_EXPORT_DIR")
    assert ExportFiles.from_env(loaded.directory).folder == loaded.directory / "kept-exports"
    beside_db = ExportFiles.from_env(loaded.directory, sa.make_url(f"sqlite:///{tmp_path}/k.db"))
    assert beside_db.folder == tmp_path / "kept-exports"
    on_server = ExportFiles.from_env(loaded.directory, sa.make_url("postgresql://h/kept"))
    assert on_server.folder == loaded.directory / "kept-exports"


@pytest.mark.parametrize("name", ["../kept.db", "/etc/passwd", ".hidden", "a/b.zip", ""])
def test_a_stored_name_never_leads_out_of_the_folder(tmp_path: Path, name: str) -> None:
    with pytest.raises(Exception, match="not an export file name"):
        ExportFiles(tmp_path).path(name)


@pytest.mark.mariadb
def test_a_65_mib_export_downloads_with_a_mariadb_control_database(
    example: Path, mariadb_url: str, tmp_path: Path, email: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file is streamed from the export folder; MariaDB never holds it (a 65 MiB blob is
    over its default max_allowed_packet)."""
    monkeypatch.setenv("KEPT_EXPORT_DIR", str(tmp_path / "exports"))
    application = create_app(example, database_url=mariadb_url)
    with TestClient(application) as client:
        life = Lifecycle(application.state.kept.control, application.state.kept.loaded)
        rid = completed_access(life, email)
        path = life.exports.folder / str(export_row(life, rid).path)
        big = os.urandom(65 << 20)  # stands for a person with a lot of data
        path.write_bytes(big)
        link = export_link(life, rid)
        answer = client.get(str(link["url"]))
        assert answer.status_code == 200, answer.text
        assert answer.headers["content-type"] == "application/zip"
        assert len(answer.content) == len(big)
        assert hashlib.sha256(answer.content).digest() == hashlib.sha256(big).digest()


def test_an_export_stored_as_a_blob_before_files_still_downloads(
    example: Path, tmp_path: Path, email: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KEPT_EXPORT_DIR", str(tmp_path / "exports"))
    application = create_app(example, database_url=f"sqlite:///{tmp_path / 'kept.db'}")
    with TestClient(application) as client:
        life = Lifecycle(application.state.kept.control, application.state.kept.loaded)
        rid = completed_access(life, email)
        with life.control.begin() as conn:  # as migration 0007 left it: the zip in the row
            conn.execute(
                request_exports.update()
                .where(request_exports.c.request_id == rid)
                .values(content=b"PK old blob", path=None, size=11)
            )
        answer = client.get(str(export_link(life, rid)["url"]))
        assert answer.status_code == 200
        assert answer.content == b"PK old blob"
        assert life.export(rid) == (life.export_file(rid).filename, b"PK old blob")


@pytest.fixture(params=["memory", "file"])
def export_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "memory":
        return f"memory://kept-tests/{tmp_path.name}/exports"
    return (tmp_path / "remote exports").as_uri()  # file:///…/remote%20exports


def test_exports_at_an_fsspec_url_are_stored_streamed_and_purged(
    example: Path, tmp_path: Path, email: str, export_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The worker uploads the export to the URL, the person's link streams it from there, the
    purge deletes it there; nothing lands in a local folder."""
    from fsspec.core import url_to_fs

    monkeypatch.setenv("KEPT_EXPORT_DIR", export_url)
    monkeypatch.chdir(tmp_path)
    application = create_app(example, database_url=f"sqlite:///{tmp_path / 'kept.db'}")
    with TestClient(application) as client:
        life = Lifecycle(application.state.kept.control, application.state.kept.loaded)
        assert life.exports.remote and life.exports.url == export_url
        rid = completed_access(life, email)
        row = export_row(life, rid)
        assert row.content is None and row.path
        store, root = url_to_fs(f"{export_url}/{row.path}")
        stored = store.cat_file(root)
        assert stored[:2] == b"PK" and row.size == len(stored)
        assert not (tmp_path / "kept-exports").exists()
        assert not (example.parent / "kept-exports" / str(row.path)).exists()

        found = life.export_file(rid)
        assert found.path is None and found.location is not None and found.size == len(stored)
        assert len(list(found.chunks(size=100))) == -(-len(stored) // 100)  # in chunks
        assert life.export(rid) == (found.filename, stored)
        answer = client.get(str(export_link(life, rid)["url"]))
        assert answer.status_code == 200, answer.text
        assert answer.headers["content-type"] == "application/zip"
        assert answer.headers["content-length"] == str(len(stored))
        assert answer.content == stored

        life.clock = lambda: dt.datetime.now(dt.UTC) + dt.timedelta(days=40)
        assert life.purge_exports(dt.timedelta(days=30)) == [rid]
        assert not store.exists(root) and not life.has_export(rid)
        assert client.get(str(export_link(life, rid)["url"])).status_code == 404


def test_a_file_url_keeps_exports_owner_only(tmp_path: Path) -> None:
    files = ExportFiles((tmp_path / "exports").as_uri())
    source = tmp_path / "req_1-access.zip"
    source.write_bytes(b"PK data")
    kept = files.keep(source, "req_1")
    path = tmp_path / "exports" / kept.name
    assert path.read_bytes() == b"PK data" and not source.exists()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "exports").stat().st_mode) == 0o700
    found = files.find(kept.name, "req_1-access.zip")
    assert found is not None and found.read_bytes() == b"PK data"
    files.delete(kept.name)
    files.delete(kept.name)  # gone already is fine
    assert files.find(kept.name, "req_1-access.zip") is None


@pytest.mark.parametrize("name", ["../kept.db", ".hidden", "a/b.zip"])
def test_a_stored_name_never_leads_out_of_the_url(name: str) -> None:
    with pytest.raises(Exception, match="not an export file name"):
        ExportFiles("memory://kept-tests/names").find(name, "x.zip")


def test_a_url_without_its_file_system_package_is_refused(
    loaded: LoadedManifest, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KEPT_EXPORT_DIR", "nosuchscheme://bucket/exports")
    with pytest.raises(RequestError, match="no file system for nosuchscheme://"):
        ExportFiles.from_env(loaded.directory)
