"""API keys verified recently are served from a short cache; revocation in this process is
immediate, and from elsewhere takes effect when the entry expires (TTL_SECONDS)."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from kept import keycache
from kept.apikey import Role, api_keys, authenticate, issue_key, revoke_key
from kept.control import open_control
from kept.errors import AuthError


def _revoke_elsewhere(url: str, key_id: str) -> None:
    """As ``kept apikey revoke`` in another process: a write this process is not told of."""
    engine = sa.create_engine(url, poolclass=sa.NullPool)
    with engine.begin() as conn:
        conn.execute(api_keys.update().where(api_keys.c.id == key_id).values(revoked_at="now"))
    engine.dispose()


def test_revocation_bounds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'kept.db'}"
    engine = open_control(url)
    try:
        monkeypatch.setattr(keycache, "TTL_SECONDS", 3600.0)
        key, secret = issue_key(engine, name="api", role=Role.ADMIN)
        assert authenticate(engine, secret).key_id == key.id
        with pytest.raises(AuthError):  # a wrong secret never matches the cached entry
            authenticate(engine, secret[:-2] + ("aa" if not secret.endswith("aa") else "bb"))
        _revoke_elsewhere(url, key.id)
        assert authenticate(engine, secret).key_id == key.id  # cached: within the bound
        revoke_key(engine, key.id)  # revoked in this process: at once
        with pytest.raises(AuthError, match="revoked"):
            authenticate(engine, secret)

        other, other_secret = issue_key(engine, name="api2", role=Role.ADMIN)
        monkeypatch.setattr(keycache, "TTL_SECONDS", 1e-9)  # the bound passed
        assert authenticate(engine, other_secret).key_id == other.id
        _revoke_elsewhere(url, other.id)
        with pytest.raises(AuthError, match="revoked"):
            authenticate(engine, other_secret)
    finally:
        engine.dispose()
