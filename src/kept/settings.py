"""Kept's settings: every ``KEPT_*`` variable, read and validated in one place.

:class:`KeptSettings` reads the environment (prefix ``KEPT_``) and a ``.env`` file in the
current folder (the environment wins), validates every value once, and is what the
:class:`kept.app.Kept` object is built from. No other library module reads the environment:
they receive what they need from the ``Kept`` object, or, deep in the library, ask
:func:`current_settings` (the settings of the ``Kept`` object in use, else those of the
environment, validated once per distinct environment).

=============================  ========================================================
``KEPT_MANIFEST``              the manifest (file or folder); default ``kept.yaml``
``KEPT_DATABASE_URL``          the control database; default ``kept.db`` beside the manifest
``KEPT_SECRET_KEY``            the key of subject references, codes and links; default the
                               random key generated in the control database
``KEPT_AUDIT_KEY``             keys the audit chain (HMAC-SHA256); default unkeyed
``KEPT_SMTP_URL``              ``smtp://`` or ``smtps://``; default an outbox of ``.eml`` files
``KEPT_MAIL_FROM``             the sender of Kept's e-mail; default ``privacy@localhost``
``KEPT_EXPORT_DIR``            where access exports wait for download (folder or URL)
``KEPT_APIKEY_CACHE_SECONDS``  how long a verified API key is cached; ``0`` turns it off
``KEPT_HOST``, ``KEPT_PORT``   where ``kept serve`` listens; default ``127.0.0.1:8000``
=============================  ========================================================

A manifest's store URLs may name other variables (``${SHOP_DB_PASSWORD}``); they are read
through :func:`environment`, here too.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from kept.errors import SettingsError

__all__ = [
    "DEFAULT_DATABASE",
    "ENV_FILE",
    "PREFIX",
    "KeptSettings",
    "activate",
    "current_settings",
    "deactivate",
    "environment",
    "load_settings",
    "reset",
]

PREFIX = "KEPT_"
ENV_FILE = ".env"
DEFAULT_DATABASE = "kept.db"


class KeptSettings(BaseSettings):
    """Every ``KEPT_*`` setting (see the module's table); immutable once read."""

    model_config = SettingsConfigDict(
        env_prefix=PREFIX,
        env_file=ENV_FILE,
        env_file_encoding="utf-8",
        env_ignore_empty=True,  # KEPT_SMTP_URL= is unset, as before
        extra="ignore",  # a .env file may hold other programs' variables
        frozen=True,
    )

    manifest: Path = Field(Path("kept.yaml"), description="The manifest: a YAML file or folder.")
    database_url: str | None = Field(
        None, description="The control database URL (default: kept.db beside the manifest)."
    )
    secret_key: SecretStr | None = Field(
        None,
        description="Keys subject references, codes and links (default: the key generated "
        "in the control database when it was created).",
    )
    audit_key: SecretStr | None = Field(
        None, description="Keys the audit log's hash chain (HMAC-SHA256); default: unkeyed."
    )
    smtp_url: SecretStr | None = Field(
        None,
        description="smtp://[user:password@]host[:port][?starttls=1] or smtps://...; "
        "default: .eml files in an outbox beside the control database.",
    )
    mail_from: str = Field("privacy@localhost", description="The sender of Kept's e-mail.")
    export_dir: str | None = Field(
        None,
        description="Where exports wait for download: a folder or an fsspec URL (default: "
        "kept-exports beside the control database).",
    )
    apikey_cache_seconds: float = Field(
        5.0, ge=0, description="Seconds a verified API key is cached; 0 turns the cache off."
    )
    host: str = Field("127.0.0.1", description="The address kept serve listens on.")
    port: int = Field(8000, ge=0, le=65535, description="The port kept serve listens on.")

    @field_validator("database_url", "export_dir", "mail_from", "host", mode="before")
    @classmethod
    def _strip(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = value.strip()
            return value or None
        return value

    @field_validator("smtp_url", mode="after")
    @classmethod
    def _smtp_scheme(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None:
            return None
        text = value.get_secret_value().strip()
        if not text:
            return None
        if not text.startswith(("smtp://", "smtps://")):
            raise ValueError("expected smtp://host[:port] or smtps://host[:port]")
        return SecretStr(text)

    def control_url(self, manifest: Path | None = None) -> str:
        """The control database: ``database_url``, else ``kept.db`` in the manifest's folder
        (the manifest may be a file or a folder), else ``kept.db`` in the current folder."""
        if self.database_url:
            return self.database_url
        if manifest is None:
            return f"sqlite:///./{DEFAULT_DATABASE}"
        folder = manifest if manifest.is_dir() else manifest.parent
        return f"sqlite:///{folder.resolve() / DEFAULT_DATABASE}"

    def secret_bytes(self) -> bytes | None:
        """``KEPT_SECRET_KEY`` as bytes, None when unset (the generated key is used)."""
        return self.secret_key.get_secret_value().encode("utf-8") if self.secret_key else None

    def audit_key_bytes(self) -> bytes | None:
        """``KEPT_AUDIT_KEY`` as bytes, None for an unkeyed chain."""
        return self.audit_key.get_secret_value().encode("utf-8") if self.audit_key else None

    def smtp(self) -> str | None:
        """``KEPT_SMTP_URL`` (with its password), None for the outbox."""
        return self.smtp_url.get_secret_value() if self.smtp_url else None


def load_settings(**values: Any) -> KeptSettings:
    """The settings from the environment and ``.env``, ``values`` winning (e.g. a command's
    ``--database``; None values are ignored). Invalid values raise :class:`SettingsError`
    naming each variable, its value and what was expected."""
    given = {k: v for k, v in values.items() if v is not None}
    try:
        return KeptSettings(**given)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            name = PREFIX + "_".join(str(p) for p in error.get("loc", ())).upper()
            shown = "***" if ("KEY" in name or "SMTP" in name) else repr(error.get("input"))
            problems.append(f"{name}={shown}: {error.get('msg', 'invalid')}")
        raise SettingsError("invalid settings: " + "; ".join(problems)) from None


def environment() -> Mapping[str, str]:
    """The process environment, for the ``${VAR}`` references in a manifest's store URLs and
    the recipients' webhook secrets (named by the manifest, not by Kept)."""
    return os.environ


_lock = threading.Lock()
_active: list[KeptSettings] = []
_cached: tuple[tuple[tuple[str, str], ...], str, KeptSettings] | None = None


def current_settings() -> KeptSettings:
    """The settings in use: those of the active :class:`kept.app.Kept` object, else those of
    the environment (read and validated once per distinct ``KEPT_*`` environment)."""
    global _cached
    if _active:
        return _active[-1]
    snapshot = tuple(sorted((k, v) for k, v in os.environ.items() if k.startswith(PREFIX)))
    where = str(Path.cwd())
    cached = _cached
    if cached is not None and cached[0] == snapshot and cached[1] == where:
        return cached[2]
    settings = load_settings()
    with _lock:
        _cached = (snapshot, where, settings)
    return settings


def activate(settings: KeptSettings) -> None:
    """Make ``settings`` the ones :func:`current_settings` returns (a ``Kept`` object does
    this while open)."""
    with _lock:
        _active.append(settings)


def deactivate(settings: KeptSettings) -> None:
    """Undo :func:`activate` for ``settings``."""
    with _lock:
        for i in range(len(_active) - 1, -1, -1):
            if _active[i] is settings:
                del _active[i]
                break


def reset() -> None:
    """Forget every activated and cached setting (tests, between cases)."""
    global _cached
    with _lock:
        _active.clear()
        _cached = None
