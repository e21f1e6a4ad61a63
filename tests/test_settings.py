"""KeptSettings: every KEPT_* variable read and validated in one place; the Kept object."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import kept
from kept.app import Kept
from kept.errors import SettingsError
from kept.examples import create_example
from kept.settings import KeptSettings, current_settings, load_settings

SRC = Path(kept.__file__).parent


def test_the_environment_is_read_in_settings_only() -> None:
    readers = re.compile(r"os\.environ|getenv\(")
    found = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if readers.search(path.read_text(encoding="utf-8"))
    ]
    # The shell's completion protocol (COMP_WORDS, _KEPT_COMPLETE) is the CLI's, not a setting.
    assert sorted(found) == ["cli/__init__.py", "settings.py"]
    completion = (SRC / "cli" / "__init__.py").read_text(encoding="utf-8")
    assert not re.search(r"(?<!_)KEPT_", completion)


def test_every_kept_variable_read_today_is_a_setting() -> None:
    names = {f"KEPT_{name.upper()}" for name in KeptSettings.model_fields}
    assert names == {
        "KEPT_MANIFEST",
        "KEPT_DATABASE_URL",
        "KEPT_SECRET_KEY",
        "KEPT_AUDIT_KEY",
        "KEPT_SMTP_URL",
        "KEPT_MAIL_FROM",
        "KEPT_EXPORT_DIR",
        "KEPT_APIKEY_CACHE_SECONDS",
        "KEPT_HOST",
        "KEPT_PORT",
    }


def test_environment_and_dot_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("KEPT_DATABASE_URL", "KEPT_MAIL_FROM", "KEPT_PORT", "KEPT_SMTP_URL"):
        monkeypatch.delenv(name, raising=False)
    (tmp_path / ".env").write_text(
        "KEPT_DATABASE_URL=sqlite:///from-dotenv.db\nKEPT_PORT=9000\nOTHER_PROGRAM=1\n",
        encoding="utf-8",
    )
    settings = load_settings()
    assert settings.database_url == "sqlite:///from-dotenv.db"
    assert settings.port == 9000
    monkeypatch.setenv("KEPT_PORT", "9100")  # the environment wins over .env
    monkeypatch.setenv("KEPT_SMTP_URL", "")  # empty: unset, as before
    assert load_settings().port == 9100
    assert load_settings().smtp() is None
    assert load_settings(database_url="sqlite:///given.db").database_url == "sqlite:///given.db"
    assert current_settings().port == 9100


def test_invalid_settings_name_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KEPT_PORT", "eighty")
    monkeypatch.setenv("KEPT_SMTP_URL", "http://user:hunter2@mail.example")
    with pytest.raises(SettingsError) as raised:
        load_settings()
    message = str(raised.value)
    assert "KEPT_PORT='eighty'" in message
    assert "KEPT_SMTP_URL=***" in message and "hunter2" not in message


def test_secrets_are_not_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KEPT_SECRET_KEY", "do-not-print")
    settings = load_settings()
    assert "do-not-print" not in repr(settings)
    assert settings.secret_bytes() == b"do-not-print"


def test_the_kept_object_owns_and_shares(tmp_path: Path) -> None:
    manifest = create_example("vivi", tmp_path / "vivi", people=5).manifest
    settings = KeptSettings(
        database_url=f"sqlite:///{tmp_path / 'control.db'}", secret_key="a configured key"
    )
    with Kept.open(manifest, settings) as app:
        assert current_settings() is settings  # the library agrees with the object
        assert app.secret == b"a configured key"
        assert app.rights.engines is app.engines  # one set of store engines
        assert app.requests is app.requests and app.consent("x") is app.consent("x")
        assert app.worker(name="w").rights is app.rights
        assert str(app.control.url).endswith("control.db")
        assert (tmp_path / "control.db").exists()
    assert current_settings() is not settings  # closed: the environment's again
