"""Fuzzing the readers of untrusted files: manifests and batch CSVs.

Each generated input must end in a located :class:`kept.KeptError` (file and line) or load;
never another exception (a traceback for the user), never a hang. The hang guard is a
SIGALRM timer around each input: 2 s, or ten times what loading the valid example manifest
takes on this machine if that is longer (a loaded CI machine). It is not a timed assertion:
an input that takes that long has made a reader hang on something a hostile file controls.
"""

from __future__ import annotations

import signal
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any, TypeVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from kept.cli import _register, app
from kept.errors import ManifestError, RequestError
from kept.examples import create_example, example_manifest
from kept.manifest import load_manifest
from kept.rights import read_batch

HANG_SECONDS = 2.0  # raised by _warm() on a slow machine
FUZZ = settings(
    max_examples=60,
    deadline=None,  # the SIGALRM guard below is the limit
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=False,
)
runner = CliRunner()
_register()
T = TypeVar("T")

pytestmark = [
    pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs SIGALRM"),
    # Inputs are large by design; hypothesis warns when it prints one.
    pytest.mark.filterwarnings("ignore:Generating overly large repr"),
]


class HangError(Exception):
    """A reader ran longer than HANG_SECONDS on one input."""


@contextmanager
def hang_guard() -> Iterator[None]:
    def alarm(_signum: int, _frame: FrameType | None) -> None:
        raise HangError(f"no answer within {HANG_SECONDS} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, HANG_SECONDS)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def guarded(call: Callable[[], T]) -> T:
    with hang_guard():
        return call()


_FOLDER = Path(tempfile.mkdtemp(prefix="kept-fuzz-"))
_VALID = example_manifest("vcloudpoint")


def written(data: bytes, name: str = "kept.yaml") -> Path:
    path = _FOLDER / name
    path.write_bytes(data)
    return path


@pytest.fixture(scope="module", autouse=True)
def _warm() -> None:
    """Import and build everything once, outside the guard: the guard times a reader on one
    input, not Python's first import of the CLI, the taxonomy and the models."""
    global HANG_SECONDS
    path = written(_VALID.encode())
    load_manifest(path)
    runner.invoke(app, ["check", "-m", str(path)])
    started = time.perf_counter()
    load_manifest(path)
    HANG_SECONDS = max(2.0, 10 * (time.perf_counter() - started))


def assert_located_or_loads(path: Path) -> None:
    try:
        guarded(lambda: load_manifest(path))
    except ManifestError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.file is not None, str(problem)
            assert problem.line is not None, str(problem)


# -- hostile manifests -------------------------------------------------------------------


@st.composite
def alias_bombs(draw: st.DrawFn) -> bytes:
    width = draw(st.integers(2, 12))
    levels = draw(st.integers(4, 12))
    lines = ["kept: 1", "a0: &a0 [" + ", ".join(['"lol"'] * width) + "]"]
    for i in range(1, levels + 1):
        refs = ", ".join([f"*a{i - 1}"] * width)
        flow = draw(st.booleans())
        lines.append(
            f"a{i}: &a{i} [{refs}]"
            if flow
            else f"a{i}: &a{i}\n" + "\n".join(f"  - *a{i - 1}" for _ in range(width))
        )
    return ("\n".join(lines) + "\n").encode()


@st.composite
def deep_nesting(draw: st.DrawFn) -> bytes:
    depth = draw(st.integers(50, 20_000))
    style = draw(st.sampled_from(["list", "map", "block", "mixed"]))
    if style == "list":
        body = "[" * depth + "]" * depth
    elif style == "map":
        body = "{a: " * depth + "1" + "}" * depth
    elif style == "mixed":
        body = "[a, " * depth + "]" * depth
    else:
        depth = min(depth, 2000)
        body = "".join(f"\n{' ' * (i + 1)}k{i}:" for i in range(depth)) + " 1"
    return f"kept: 1\norganization: {body}\n".encode()


TAGS = [
    "!!python/object/apply:os.system ['true']",
    "!!python/object:builtins.dict {}",
    "!!python/name:os.system ''",
    "!!python/module:os ''",
    "!!binary aGVsbG8=",
    "!!set {a, b}",
    "!!omap [{a: 1}]",
    "!custom value",
    "!<tag:example.com,2026:x> y",
]


@st.composite
def tagged(draw: st.DrawFn) -> bytes:
    lines = _VALID.splitlines()
    at = draw(st.integers(0, len(lines)))
    key = draw(st.sampled_from(["organization", "extra", "  name", "x"]))
    lines.insert(at, f"{key}: {draw(st.sampled_from(TAGS))}")
    return ("\n".join(lines) + "\n").encode()


@st.composite
def not_utf8(draw: st.DrawFn) -> bytes:
    data = _VALID.encode()
    at = draw(st.integers(0, len(data)))
    bad = draw(st.sampled_from([b"\xff", b"\xc3(", b"\xe9", b"\xed\xa0\x80", b"\xf8\x88\x80"]))
    return data[:at] + bad + data[at:]


@st.composite
def duplicate_keys(draw: st.DrawFn) -> bytes:
    lines = _VALID.splitlines()
    candidates = [i for i, line in enumerate(lines) if line and not line.startswith((" ", "#"))]
    i = draw(st.sampled_from(candidates))
    return ("\n".join([*lines, lines[i]]) + "\n").encode()


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(_VALID.encode())
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(data)))
        data[at:at] = draw(st.binary(min_size=1, max_size=16))
    return bytes(data)


HOSTILE_MANIFESTS = st.one_of(
    alias_bombs(),
    deep_nesting(),
    tagged(),
    not_utf8(),
    duplicate_keys(),
    mutated(),
    st.binary(max_size=2000),
    st.text(max_size=2000).map(str.encode),
)


@FUZZ
@given(HOSTILE_MANIFESTS)
def test_hostile_manifests_end_in_a_located_error(data: bytes) -> None:
    assert_located_or_loads(written(data))


@settings(FUZZ, max_examples=15)
@given(st.one_of(alias_bombs(), deep_nesting(), tagged(), not_utf8(), st.binary(max_size=500)))
def test_kept_check_never_prints_a_traceback(data: bytes) -> None:
    path = written(data)
    result: Any = guarded(lambda: runner.invoke(app, ["check", "-m", str(path)]))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    if result.exit_code == 2:
        assert f"{path}:" in result.stderr


@pytest.mark.parametrize("strategy", [alias_bombs(), deep_nesting(), tagged()])
def test_each_attack_is_refused(strategy: st.SearchStrategy[bytes]) -> None:
    """The attacks are not merely survived: each is an error, never a loaded manifest."""

    @settings(FUZZ, max_examples=10)
    @given(strategy)
    def run(data: bytes) -> None:
        path = written(data)
        with pytest.raises(ManifestError):
            guarded(lambda: load_manifest(path))

    run()


# -- hostile batch CSVs ------------------------------------------------------------------


@st.composite
def hostile_csvs(draw: st.DrawFn) -> bytes:
    header = draw(
        st.sampled_from(
            [b"email", b"email,phone", b"request_id,email", b"", b"em ail", b"email,email"]
        )
    )
    rows = draw(
        st.lists(
            st.one_of(
                st.binary(max_size=60),
                st.text(max_size=60).map(str.encode),
                st.sampled_from(
                    [
                        b'"unterminated,quote\n',
                        b"a@example.com\x00b",
                        b'=HYPERLINK("http://evil")',
                        b"\xff\xfe\xfd",
                        b'"' + b"x" * 200_000 + b'"',
                        b",,,,,,,,",
                        b"r1,a@example.com\nr1,b@example.com",
                    ]
                ),
            ),
            max_size=20,
        )
    )
    return header + b"\n" + b"\n".join(rows) + b"\n"


@FUZZ
@given(hostile_csvs())
def test_hostile_batch_csvs_end_in_a_located_error(data: bytes) -> None:
    path = written(data, "batch.csv")
    try:
        guarded(lambda: read_batch(path))
    except RequestError as exc:
        assert str(exc).startswith(f"{path}"), str(exc)


@pytest.fixture(scope="module")
def example_manifest_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fuzz-example")
    return create_example("vcloudpoint", root / "vcp", people=5).manifest


def test_kept_request_batch_never_prints_a_traceback(example_manifest_path: Path) -> None:
    @settings(FUZZ, max_examples=10)
    @given(hostile_csvs())
    def run(data: bytes) -> None:
        path = written(data, "batch.csv")
        args = ["request", "batch", str(path), "-m", str(example_manifest_path), "--dry-run"]
        result: Any = runner.invoke(app, args)
        assert result.exception is None or isinstance(result.exception, SystemExit), result.output
        assert "Traceback" not in result.output
        if result.exit_code == 2:
            assert f"{path}" in result.stderr, result.stderr

    run()
