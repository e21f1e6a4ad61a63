"""Every command and code block of README.md and docs/*.md, run as a new user would.

One test per Markdown file, in a fresh folder (the reader's working folder, also ``$HOME``),
its blocks in order, so that a block may use what an earlier one made (``./vcp`` from
``kept example create``):

- ``console``/``shell``/``bash``/``sh`` blocks through ``bash``, with this environment's
  ``kept`` on ``PATH`` and no ``KEPT_*`` variable set. In a block with ``$`` prompts only the
  prompted lines are commands (the others are output); a command may exit 0 or 1 (1: findings,
  refused, "exit 1 when any") or 3 (no match: nobody with that identity), never 2 (unreadable
  input) or 4 (unavailable), never with a traceback. A synopsis (a line
  with ``[optional]`` parts, ``...`` or placeholders such as ``brc_...``) cannot run as
  written: its command must exist and every ``--option`` it names must be in its ``--help``.
  ``kept serve`` and a ``kept worker`` without ``--until-empty`` run until stopped: checked
  the same way. ``postgresql://postgres@127.0.0.1/NAME`` is a fresh database of the test
  server (the test skips without one, as the other server tests do).
- ``python`` blocks executed, one namespace per file.
- ``yaml`` blocks: a whole manifest is loaded with :func:`kept.manifest.load_manifest`; a
  fragment (``consent:``, ``retention:``, a collection...) is validated by the model of its
  section.
- ``json`` blocks must parse. ``text``, ``html`` and unlabelled blocks are shown output or
  layouts, not run.

The HTML comment ``<!-- docs-test: skip REASON -->`` on the line before a block leaves it out,
with its reason in the Markdown; ``<!-- docs-test: setup COMMAND -->`` runs a shell command
first (the state the text assumes, e.g. an example created in an earlier section); a setup
``kept example create NAME DIR`` is a copy of the example made once per session.

A command's ``--help`` is asked once per test process (one process for a file's synopses).
"""

from __future__ import annotations

import itertools
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import TypeAdapter

from kept.examples import create_example
from kept.manifest import load_manifest
from kept.manifest.models import Collection, Manifest

ROOT = Path(__file__).parents[1]
FILES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BIN = Path(sys.executable).parent
SHELLS = {"console", "shell", "bash", "sh"}

_FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```[ \t]*$", re.S | re.M)
_MARK = re.compile(r"(?:\A|\n)<!-- docs-test: (skip|setup)\b *([^\n]*?) *-->[ \t]*\Z")
_PLACEHOLDER = re.compile(r"\.\.\.|…|<[a-z-]+>|\[[^\]]*\]|\b(?:OLD|NEW)\b|\b[a-z]{3,4}_\.\.\.")
_POSTGRES = re.compile(r"postgresql://postgres@127\.0\.0\.1(?::5432)?/\w+")


@dataclass
class Block:
    path: Path
    line: int
    lang: str
    text: str
    skip: str | None
    setup: list[str]

    @property
    def where(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}"


def blocks(path: Path) -> list[Block]:
    text = path.read_text(encoding="utf-8")
    found = []
    for match in _FENCE.finditer(text):
        before = text[: match.start()].rstrip("\n")
        skip, setup = None, []
        # the comments right before the fence (one per line, nothing else between)
        while (mark := _MARK.search(before)) is not None:
            kind, value = mark.group(1), mark.group(2)
            if kind == "skip":
                assert value, f"{path.name}: a docs-test skip needs its reason"
                skip = value
            else:
                setup.insert(0, value)
            before = before[: mark.start()].rstrip("\n")
        line = text[: match.start()].count("\n") + 1
        found.append(Block(path, line, match.group(1), match.group(2), skip, setup))
    return found


def commands(block: Block) -> list[str]:
    """The commands of a shell block: the ``$`` lines (with their continuation lines) when
    it has prompts, else every line but comments."""
    lines = block.text.splitlines()
    prompted = any(line.startswith("$ ") for line in lines)
    found: list[str] = []
    continued = False
    for line in lines:
        if continued:
            found[-1] += "\n" + line
        elif prompted and line.startswith("$ "):
            found.append(line[2:])
        elif not prompted and line.strip() and not line.lstrip().startswith("#"):
            found.append(line)
        else:
            continue
        continued = line.rstrip().endswith("\\")
    return found


def _words(command: str) -> list[str]:
    """The command's words before any comment, options and shell syntax included."""
    return shlex.split(command.replace("\\\n", " "), comments=True)


def is_synopsis(command: str) -> bool:
    words = _words(command)
    if _PLACEHOLDER.search(" ".join(words)):
        return True
    runs_forever = words[:2] == ["kept", "serve"] or (
        words[:2] == ["kept", "worker"] and "--until-empty" not in words
    )
    # KEPT_DATABASE_URL=postgresql://kept@db/kept kept worker: another machine's server
    elsewhere = bool(words and words[0].startswith("KEPT_"))
    # make demo, make bench, python -m bench: the repository's own, minutes long
    repository = words[:1] == ["make"] or ("-m" in words[1:2] and "python" in words[0])
    return runs_forever or elsewhere or repository


def _kept_path(command: str) -> list[str]:
    """The longest command path a ``kept`` synopsis may name: its first words (up to three)
    that look like command names."""
    words = [w for w in _words(command) if "=" not in w or w.startswith("-")]
    words = words[words.index("kept") :] if "kept" in words else words
    return list(itertools.takewhile(lambda w: re.fullmatch(r"[a-z][a-z-]*", w), words[1:4]))


# ``kept PATH --help`` per command path (exit code, stdout), shared by the files this process
# checks: the help of a command does not depend on the file or folder that names it.
_HELP: dict[tuple[str, ...], tuple[int, str]] = {}
# ``python -m MODULE --help`` of the repository's modules, the same way.
_MODULE_HELP: dict[str, subprocess.CompletedProcess[str]] = {}

# One process prints ``kept PATH --help`` for every path it reads (a JSON list) as the
# ``kept`` command would: Click's own entry point with its exit code, the command modules
# registered that ``kept PATH --help`` registers, so that a file's synopses cost one
# interpreter and one import of their commands, not one per line and per word popped.
_HELP_SCRIPT = """
import contextlib, io, json, sys
import typer
from kept.cli import _register, app
paths = json.load(sys.stdin)
for path in paths:
    _register([*path, "--help"])
command = typer.main.get_command(app)
shown = []
for path in paths:
    out, err = io.StringIO(), io.StringIO()
    code = 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            command.main([*path, "--help"], prog_name="kept")
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
    shown.append([code, out.getvalue()])
json.dump(shown, sys.stdout)
"""


def prefetch_help(paths: list[list[str]], env: dict[str, str]) -> None:
    """Fill the ``--help`` cache for these command paths and each of their prefixes (the
    words :func:`check_synopsis` may pop), in one process."""
    wanted = sorted({tuple(p[:n]) for p in paths for n in range(1, len(p) + 1)} - set(_HELP))
    if not wanted:
        return
    done = subprocess.run(
        [sys.executable, "-c", _HELP_SCRIPT],
        input=json.dumps(wanted),
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, f"kept --help of {wanted}: {done.stderr}"
    for path, (code, stdout) in zip(wanted, json.loads(done.stdout), strict=True):
        _HELP[path] = (code, stdout)


def check_synopsis(command: str, env: dict[str, str], where: str) -> None:
    words = [w for w in _words(command) if "=" not in w or w.startswith("-")]
    if words[:1] == ["make"]:
        targets = re.findall(r"^([a-z]+):", (ROOT / "Makefile").read_text(), re.M)
        assert set(words[1:]) <= set(targets), f"{where}: no such make target: {command}"
        return
    if "python" in words[0]:  # python -m MODULE ..., run from the repository
        module = words[2]
        if module not in _MODULE_HELP:
            _MODULE_HELP[module] = subprocess.run(
                [sys.executable, "-m", module, "--help"],
                cwd=ROOT,
                capture_output=True,
                text=True,
                timeout=120,
            )
        shown = _MODULE_HELP[module]
        assert shown.returncode == 0, f"{where}: {module} --help: {shown.stderr}"
        options = {w.split("=")[0] for w in words if w.startswith("--")}
        missing = sorted(o for o in options if o not in shown.stdout)
        assert not missing, f"{where}: python -m {module} has no {missing}: {command}"
        return
    words = words[words.index("kept") :] if "kept" in words else words
    assert words[:1] == ["kept"], f"{where}: a synopsis that is not a kept command: {command}"
    path = _kept_path(command)
    prefetch_help([path], env)
    # the command path: its words until the first option or argument the help rejects
    while path:
        code, stdout = _HELP[tuple(path)]
        if code == 0:
            break
        path.pop()
    assert path, f"{where}: no such command: {command}"
    options = {w.split("=")[0] for w in words if w.startswith("--")}
    missing = sorted(o for o in options if o != "--help" and o not in stdout)
    assert not missing, f"{where}: `kept {' '.join(path)}` has no {missing}: {command}"


def run_shell(command: str, cwd: Path, env: dict[str, str], where: str) -> None:
    done = subprocess.run(
        ["bash", "-c", command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )
    said = f"{where}: `{command}` exited {done.returncode}\n{done.stdout[-2000:]}\n{done.stderr}"
    assert done.returncode in (0, 1, 3), said
    assert "Traceback" not in done.stderr, said


def check_yaml(block: Block, cwd: Path) -> None:
    data: Any = yaml.safe_load(block.text)
    if isinstance(data, dict) and ("dataset" in data or "kept" in data):
        manifest = cwd / "docs-manifest.yaml"
        manifest.write_text(block.text, encoding="utf-8")
        load_manifest(manifest)  # raises ManifestError naming file, line and value
    elif isinstance(data, dict):
        fields = Manifest.model_fields
        unknown = sorted(set(data) - set(fields))
        assert not unknown, f"{block.where}: not sections of a manifest: {unknown}"
        for key, value in data.items():
            TypeAdapter(fields[key].annotation).validate_python(value)
    elif isinstance(data, list):  # collections of a dataset
        TypeAdapter(list[Collection]).validate_python(data)
    else:
        raise AssertionError(f"{block.where}: a yaml block that is no manifest part")


def _environment(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KEPT_")}
    env.update(HOME=str(home), PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}", COLUMNS="200")
    return env


_EXAMPLE_SETUP = re.compile(r"kept example create ([a-z]+) ([\w./-]+)")


@pytest.fixture(scope="session")
def example_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of the examples a ``setup`` comment creates, each made once per session."""
    return tmp_path_factory.mktemp("examples")


def copy_example(command: str, cwd: Path, cache: Path) -> bool:
    """A setup ``kept example create NAME DIR`` (no options: the default people and seed)
    as a copy of the example made once for the session: the same files as a new one, the
    manifest's SQLite URL relative to its folder. False for any other command, or when DIR
    is a folder that is not empty (there the command itself is run: it refuses)."""
    match = _EXAMPLE_SETUP.fullmatch(command.strip())
    if match is None:
        return False
    name, target = match.group(1), cwd / match.group(2)
    if target.is_dir() and any(target.iterdir()):
        return False
    made = cache / name
    if not made.exists():
        create_example(name, made)
    shutil.copytree(made, target, dirs_exist_ok=True)
    return True


@pytest.mark.slow
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_snippet_runs(
    path: Path,
    tmp_path: Path,
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
    example_cache: Path,
) -> None:
    env = _environment(tmp_path)
    monkeypatch.chdir(tmp_path)
    for key in [k for k in os.environ if k.startswith("KEPT_")]:
        monkeypatch.delenv(key)
    monkeypatch.setenv("HOME", str(tmp_path))
    namespace: dict[str, Any] = {"__name__": "__docs__"}
    postgres: str | None = None
    found = [b for b in blocks(path) if b.skip is None]
    synopses = [c for b in found if b.lang in SHELLS for c in commands(b) if is_synopsis(c)]
    prefetch_help([_kept_path(c) for c in synopses if "kept" in _words(c)], env)
    for block in found:
        for command in block.setup:
            if not copy_example(command, tmp_path, example_cache):
                run_shell(command, tmp_path, env, block.where)
        if block.lang in SHELLS:
            for command in commands(block):
                if _POSTGRES.search(command):
                    postgres = postgres or request.getfixturevalue("postgres_url")
                    command = _POSTGRES.sub(postgres, command)
                if is_synopsis(command):
                    check_synopsis(command, env, block.where)
                else:
                    run_shell(command, tmp_path, env, block.where)
        elif block.lang == "python":
            if "from bench" in block.text:  # the benchmarks are the repository's, not installed
                monkeypatch.syspath_prepend(str(ROOT))
            code = compile(block.text, block.where, "exec")
            exec(code, namespace)
        elif block.lang == "yaml":
            check_yaml(block, tmp_path)
        elif block.lang == "json":
            json.loads(block.text)


def test_the_skip_list_is_short_and_justified() -> None:
    """Blocks left out need a long-running server, a browser, or minutes of benchmarks."""
    skipped = [b for path in FILES for b in blocks(path) if b.skip is not None]
    for block in skipped:
        assert len(block.skip or "") >= 10, f"{block.where}: say why it is skipped"
    assert len(skipped) <= 10, [b.where for b in skipped]
