"""The five seed companies as examples: a manifest and a sample-database generator each.

Each example is a sub-package ``kept.examples.<name>`` holding ``kept.yaml`` (the company's
policy stated as a manifest), ``sample.py`` (``generate(engine, *, people, seed)``: creates the
tables and fills them with realistic data) and ``README.md`` (how the policy maps to the
manifest). The repository's ``examples/`` folder points here.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import cast

import sqlalchemy as sa
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from kept.errors import ExampleError, KeptError
from kept.stores import expand_url, open_engine

__all__ = ["EXAMPLES", "ExampleInfo", "create_example", "example_manifest"]

EXAMPLES = ("vivibit", "vibbio", "smartspace", "vivi", "vcloudpoint")
MANIFEST_NAME = "kept.yaml"
_STORE_URL = re.compile(r"^(\s*url:\s*)(\S.*)$", re.MULTILINE)

Generator = Callable[..., dict[str, int]]


@dataclass(frozen=True)
class ExampleInfo:
    name: str
    manifest: Path
    url: str
    rows: dict[str, int]


def _check_name(name: str) -> None:
    if name not in EXAMPLES:
        raise ExampleError(f"unknown example {name!r}; the examples are: {', '.join(EXAMPLES)}")


def example_manifest(name: str) -> str:
    """The manifest text of an example, as shipped."""
    _check_name(name)
    try:
        folder = resources.files(f"kept.examples.{name}")
        return (folder / MANIFEST_NAME).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError) as exc:
        raise ExampleError(f"example {name!r} is not installed: {exc}") from exc


def _generator(name: str) -> Generator:
    module = importlib.import_module(f"kept.examples.{name}.sample")
    return cast(Generator, module.generate)


def create_example(
    name: str, directory: Path, *, url: str | None = None, people: int = 300, seed: int = 0
) -> ExampleInfo:
    """Write the example's manifest into ``directory`` and fill its sample database.

    Without ``url`` the sample is a SQLite file in ``directory``; with it (PostgreSQL, MariaDB)
    the tables are created in that database and the written manifest points at it. A password
    in ``url`` is not written to the manifest: it is replaced by ``${KEPT_STORE_PASSWORD}``.
    """
    _check_name(name)
    directory.mkdir(parents=True, exist_ok=True)
    text = example_manifest(name)
    if url is None:
        store_url = f"sqlite:///{name}.sqlite"
        target = directory / f"{name}.sqlite"
        if target.exists():
            target.unlink()
    else:
        try:
            parsed = make_url(url)
        except ArgumentError as exc:
            raise ExampleError(f"not a valid database URL: {url!r} ({exc})") from None
        store_url = parsed.render_as_string(hide_password=False)
        if parsed.password:
            store_url = parsed.set(password="PASSWORD").render_as_string(hide_password=False)
            store_url = store_url.replace(":PASSWORD@", ":${KEPT_STORE_PASSWORD}@")
    text, count = _STORE_URL.subn(lambda m: m.group(1) + store_url, text, count=1)
    if count != 1:
        raise ExampleError(f"example {name!r}: its manifest has no store url to point at")
    manifest = directory / MANIFEST_NAME
    manifest.write_text(text, encoding="utf-8")
    engine_url = expand_url(name, url or store_url, base_dir=directory)
    engine = open_engine(name, engine_url)
    try:
        rows = _generator(name)(engine, people=people, seed=seed)
    except KeptError:
        raise
    except SQLAlchemyError as exc:
        raise ExampleError(f"example {name!r}: cannot fill the sample database: {exc}") from exc
    finally:
        engine.dispose()
    shown = sa.engine.make_url(store_url).render_as_string(hide_password=True)
    return ExampleInfo(name, manifest, shown, rows)
