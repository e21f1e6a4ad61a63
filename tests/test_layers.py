"""The CLI starts light: ``import kept.cli`` loads Typer and ``kept.errors``, nothing heavy; the
command modules load their library modules when a command runs (docs/development.md).

The import contracts themselves (one-way layers, no cycle) are checked by ``lint-imports`` in
``make lint``."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("sqlalchemy", "fastapi", "starlette", "jinja2", "pydantic", "alembic", "fideslang")


def _loaded(statement: str) -> set[str]:
    code = f"import json, sys\n{statement}\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True)
    return set(json.loads(done.stdout))


def test_the_cli_imports_nothing_heavy() -> None:
    loaded = _loaded("import kept.cli")
    assert {m for m in loaded if m == "kept" or m.startswith("kept.")} == {
        "kept",
        "kept.cli",
        "kept.errors",
    }
    assert not {m.split(".")[0] for m in loaded} & set(HEAVY)


def test_a_request_command_loads_no_web_or_mail() -> None:
    """``kept request`` runs the engine; the HTTP stack, Jinja2 and SMTP load only when used."""
    loaded = {m.split(".")[0] for m in _loaded("import kept.cli.request")}
    assert not loaded & {"fastapi", "starlette", "jinja2", "smtplib", "uvicorn"}


def test_an_access_request_loads_no_erasure_engine() -> None:
    """``kept request access`` (and the rights service it calls) loads the erasure engine,
    its retention rules and the replay log only when an erasure runs."""
    loaded = _loaded("import kept.cli.request, kept.rights, kept.person_export")
    assert "kept.execution.access" in loaded
    assert not {
        m
        for m in loaded
        if m in ("kept.execution.erasure", "kept.execution.replay", "kept.execution.protected")
        or m.startswith("kept.execution.retention")
    }
