"""The libyaml reader (kept.manifest.fastyaml) against the ruamel one (kept.manifest.safeyaml).

Whenever the fast reader reads a document, ruamel must read the same values with the same
positions; whatever it leaves (raises ``UnsupportedError``), the loader reads with ruamel. Through
the whole loader, both ways must give the same merged manifest, the same position for every
value and the same problems, word for word.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from kept.errors import Problem
from kept.manifest.fastyaml import AVAILABLE, UnsupportedError, _plain, fast_tree
from kept.manifest.loader import _Reader
from kept.manifest.safeyaml import _scalar, ruamel_tree
from kept.manifest.yamltree import YMap, YSeq

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(not AVAILABLE, reason="PyYAML without libyaml")
SETTINGS = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


def shape(node: Any) -> Any:
    """Everything the loader reads of a tree: values with their types, and positions."""
    if isinstance(node, YMap):
        return (
            "map",
            [(str(k), type(_scalar(k)).__name__, node.marks[k], shape(v)) for k, v in node.items()],
        )
    if isinstance(node, YSeq):
        return ("seq", [(m, shape(v)) for m, v in zip(node.marks, node, strict=True)])
    return (type(node).__name__, node)


def same_tree(text: str) -> bool:
    """Asserts the fast reader agrees with ruamel on ``text``; whether it read it."""
    try:
        fast = fast_tree(text)
    except UnsupportedError:
        return False
    try:
        slow = ruamel_tree(text)
    except Exception as exc:
        raise AssertionError(f"only the fast reader reads {text!r}") from exc
    assert shape(fast) == shape(slow), repr(text)
    if isinstance(fast, YMap | YSeq):  # the mapping's own start is where merged keys go
        assert (fast.line, fast.column) == (slow.line, slow.column), text
    return True


def read(file: Path, fast: bool) -> tuple[Any, Any, list[str], list[Path]]:
    reader = _Reader(file.parent.resolve(), fast=fast)
    reader.read(file)
    problems = [_problem(p) for p in reader.problems]
    return reader.merged, reader.source._positions, problems, reader.files


def _problem(problem: Problem) -> str:
    return f"{problem} @ {problem.file}:{problem.line}:{problem.column}"


def same_load(file: Path) -> None:
    fast, slow = read(file, fast=True), read(file, fast=False)
    assert fast[2] == slow[2], file.read_text(encoding="utf-8", errors="replace")
    assert fast == slow, file.read_text(encoding="utf-8", errors="replace")
    if not fast[2]:  # the same types too, not only equal values (1 == 1.0 == True)
        assert shape_plain(fast[0]) == shape_plain(slow[0])


def shape_plain(value: Any) -> Any:
    if isinstance(value, dict):
        return [(k, shape_plain(v)) for k, v in value.items()]
    if isinstance(value, list):
        return [shape_plain(v) for v in value]
    return (type(value).__name__, value)


# -- the YAML files of the repository -------------------------------------------------------

REPO_YAML = sorted(
    p
    for folder in (ROOT / "src", ROOT / "tests" / "data", ROOT / "examples")
    for p in folder.rglob("*")
    if p.suffix in (".yaml", ".yml") and p.is_file()
)
_FENCE = re.compile(r"^```ya?ml\n(.*?)^```", re.M | re.S)
DOC_SNIPPETS = [
    (f"{p.name}:{i}", m.group(1))
    for p in sorted([ROOT / "README.md", *(ROOT / "docs").glob("*.md")])
    for i, m in enumerate(_FENCE.finditer(p.read_text(encoding="utf-8")))
]


def test_there_are_files_to_compare() -> None:
    assert len(REPO_YAML) >= 10
    assert len(DOC_SNIPPETS) >= 5


@pytest.mark.parametrize("path", REPO_YAML, ids=lambda p: str(p.relative_to(ROOT)))
def test_repository_yaml_reads_the_same(path: Path) -> None:
    text = path.read_text(encoding="utf-8-sig")
    assert same_tree(text), f"{path} is left to ruamel"
    same_load(path)


@pytest.mark.parametrize(("name", "text"), DOC_SNIPPETS, ids=[n for n, _ in DOC_SNIPPETS])
def test_doc_snippets_read_the_same(name: str, text: str, tmp_path: Path) -> None:
    same_tree(text)
    path = tmp_path / "kept.yaml"
    path.write_text(text, encoding="utf-8")
    same_load(path)


def test_the_bench_manifest_reads_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(ROOT))
    from bench.bench_check import _many_tables

    path = _many_tables(tmp_path, 20)
    assert same_tree(path.read_text(encoding="utf-8"))
    same_load(path)


# -- scalars ------------------------------------------------------------------------------

SCALARS = [
    *"0 -0 +1 7 42 -17 007 017 0o17 0x1F 0b101 1_000 _ -_ 0_ +_ 1.5 1. .5 -.5 +.5 01.5".split(),
    *"1e3 1E3 1.5e-3 1.0e+3 1e 1_0.5 .inf -.Inf +.INF .nan .NaN 1:30 190:20:30 0o 0x 0b".split(),
    *"2026-01-01 2026-1-1 2026-02-30 2026-01-01T10:00:00 2026-01-01t10:00:00Z".split(),
    *"yes no on off y n Yes NO On OFF true True TRUE false False FALSE tRUE".split(),
    *"~ null Null NULL nULL = << <<< == - -- . .. + +- a-b 1-2 1.2.3 3d 0.1.0 v1.2".split(),
    "2026-01-01 10:00:00",
    "2026-01-01 10:00:00.5 +05:00",
    "",
]


@pytest.mark.parametrize("value", SCALARS)
def test_scalars_resolve_as_ruamel_does(value: str) -> None:
    for text in (f"k: {value}\n", f"- {value}\n", f"{value}: k\n", f"[{value}, x]\n"):
        try:
            ruamel_tree(text)
        except Exception:  # ruamel refuses it: the fast reader must leave it
            with pytest.raises(UnsupportedError):
                fast_tree(text)
            continue
        same_tree(text)


@SETTINGS
@given(
    st.one_of(
        st.from_regex(r"[-+]?[0-9_]{1,6}(\.[0-9_]{0,4})?([eE][-+]?[0-9]{1,3})?", fullmatch=True),
        st.from_regex(r"[-+]?(0[xob])?[0-9a-fA-F_.]{0,8}", fullmatch=True),
        st.from_regex(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ][0-9:. Z+-]{0,16})?", fullmatch=True),
        st.text(alphabet="-+0123456789._eEoxbtTrRuUfFaAlLsSnN~<=: ", max_size=10),
    )
)
def test_generated_scalars_resolve_as_ruamel_does(value: str) -> None:
    assume(value == value.strip() and "\n" not in value)
    text = f"k: {value}\n"
    try:
        expected = ruamel_tree(text)
    except Exception:
        with pytest.raises(UnsupportedError):
            fast_tree(text)
        return
    try:
        value_read = _plain(value)
    except UnsupportedError:
        return
    if isinstance(expected, YMap) and len(expected) == 1:
        got = expected["k"]
        assert (type(value_read), value_read) == (type(got), got), value
    same_tree(text)


# -- documents ----------------------------------------------------------------------------

_KEYS = st.one_of(
    st.sampled_from(["name", "key", "a", "b", "x y", "1", "true", "null", "2026-01-01", "é"]),
    st.text(min_size=1, max_size=8),
    st.integers(-5, 5),
    st.booleans(),
)
_LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=30),
    st.sampled_from(SCALARS),
    st.dates(),
)
DATA = st.recursive(
    _LEAVES,
    lambda children: st.one_of(
        st.lists(children, max_size=5), st.dictionaries(_KEYS, children, max_size=5)
    ),
    max_leaves=40,
)


@SETTINGS
@given(
    DATA,
    st.sampled_from([None, True, False]),
    st.integers(2, 6),
    st.sampled_from([20, 80, 10_000]),
    st.booleans(),
    st.booleans(),
)
def test_dumped_documents_read_the_same(
    data: Any, flow: bool | None, indent: int, width: int, start: bool, unicode: bool
) -> None:
    text = yaml.safe_dump(
        data,
        default_flow_style=flow,
        indent=indent,
        width=width,
        explicit_start=start,
        allow_unicode=unicode,
        sort_keys=False,
    )
    same_tree(text)


_TOKENS = [
    "a",
    "b",
    "key",
    "x y",
    "0o17",
    "1_000",
    "yes",
    "2026-01-01",
    "1.5",
    "-3",
    "~",
    "''",
    "'it''s'",
    '"t\\tab"',
    '"\\u00e9\\x41\\/"',
    "|",
    "|-",
    ">",
    ">+",
    "|2",
    "&a",
    "&b",
    "*a",
    "*b",
    "<<",
    "!!str",
    "!",
    "? ",
    "- ",
    ": ",
    ":",
    ",",
    "[",
    "]",
    "{",
    "}",
    " # c",
    "#",
    "\t",
    "\r\n",
    "\r",
    "\n",
    "\n  ",
    "\n    ",
    "\n- ",
    "\n  - ",
    "---",
    "...",
    "%YAML 1.1\n---",
    " ",
    "\ufeff",
    "\x85",
    "\u2028",
    "é",
    "@",
    "`",
    "%",
]


@SETTINGS
@given(st.lists(st.sampled_from(_TOKENS), max_size=40))
def test_token_soup_reads_the_same(tokens: list[str]) -> None:
    same_tree("".join(tokens))


@SETTINGS
@given(
    st.lists(
        st.tuples(
            st.integers(0, 6),
            st.sampled_from(["", "- ", "? ", ": ", "- - "]),
            st.lists(st.sampled_from(_TOKENS[:30]), max_size=4),
            st.sampled_from(["", ":", ": ", ": x", " #c"]),
        ),
        max_size=15,
    )
)
def test_generated_lines_read_the_same(lines: list[tuple[int, str, list[str], str]]) -> None:
    same_tree("".join(f"{' ' * n}{lead}{' '.join(ts)}{end}\n" for n, lead, ts, end in lines))


_EXAMPLE = (ROOT / "src" / "kept" / "examples" / "vcloudpoint" / "kept.yaml").read_text(
    encoding="utf-8"
)


@settings(SETTINGS, max_examples=60)
@given(
    edits=st.lists(
        st.tuples(
            st.integers(0, len(_EXAMPLE)),
            st.integers(0, 3),
            st.one_of(st.sampled_from(_TOKENS), st.text(max_size=4)),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_mutated_manifests_load_the_same(
    edits: list[tuple[int, int, str]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    text = _EXAMPLE
    for at, cut, insert in edits:
        text = text[:at] + insert + text[at + cut :]
    same_tree(text)
    path = tmp_path_factory.mktemp("mutated") / "kept.yaml"
    path.write_text(text, encoding="utf-8")
    same_load(path)


EDGE_DOCUMENTS = [
    "--- |\n#\n",
    ">\n#\n",
    "|\r\n#",
    "a: &x |\n  b\nc: *x\n",
    "a: &x   >-\n  b\n",
    "- &x |#\n  b\n",
    "a: &x\n  |\n  b\n",
    "a: &x|\n  b\n",
    "k" * 1100 + ": v\n",
    "'" + "k" * 1100 + "': v\n",
    "a: " + "x" * 5000 + "\n",
    '"a\nb": c\n',
    "a: b\n  c\n  d\n",
    "a: 'b\n\n  c'\n",
    'a: "x\\/y\\U0001F600\\N\\_\\L\\P\\e\\a\\0"\n',
    "{a: b:c}\n",
    "[a:b]\n",
    '{"a":b}\n',
    '["a":b]\n',
    "{a: 1, b}\n",
    "[a, b: c]\n",
    "[? a]\n",
    "--- a\n",
    "--- |\n  x\n",
    "--- >-\n  x\n  y\n\n  z\n",
    "a: |+\n  x\n\n\n",
    "a: >2\n   x\n  y\n",
    "a:\n- b\n- c\n",
    "a:\n  - b\n  -   c\n",
    "- - a\n  - b\n- c\n",
    "-a: b\n",
    ":a: b\n",
    "a: -b\n",
    "a: b#c\n",
    "a: b #c\n",
    "a: [b, #c\n  d]\n",
    "a: {b: c,\n d: e}\n",
    "a: [b,\nc]\n",
    "a:\n  [b,\n  c]\n",
    "a: 'it''s'\n",
    'a: ""\n',
    "a: ''\n",
    "'': x\n",
    "? \n",
    "a: !!null\n",
    "a: &x\nb: *x\n",
    "a: &x\n  b: 1\nc: *x\n",
    "- &x a\n- *x\n",
    "a: *x\n",
    "%TAG ! tag:x,2000:\n---\na: 1\n",
    "a: 1\n...\n",
    "a: 1\n...\n---\nb: 2\n",
    "a:  \n  b\n",
    "a: \n\n  b\n",
    "a: |\n\n  b\n",
    "a: >\n  b\n\n\n  c\n",
    "a: |-\n  b\n  \n",
    "a: 1\r\nb:\r\nc: 3\r\n",
    "a: 1\rb:\rc: 3\r",
    "a: [1, 2,]\n",
    "a: {b: 1,}\n",
    "[a, , b]\n",
    "a: [\n]\n",
    "a: b: c\n",
    "a:\n b\nc: d\n",
    "a: -\n",
    "a: - b\n",
    "- a\n -b\n",
    "a: @b\n",
    "a: `b\n",
    "a: %b\n",
    "a: !b\n",
    "a: |x\n  b\n",
    "a: | x\n  b\n",
    "a: 'b\n c'\n",
    'a: "b\\\n  c"\n',
    "a:\n  # c\n  b: 1\n",
    "#c\na: 1\n",
    "a: 1 # c\n# d\n",
    "\n\n\na: 1",
    "a: 1\n\n\n",
    "a: [b, c]d\n",
    "a: {b}\n",
    "{a}\n",
    "a: {b: }\n",
    "{: a}\n",
    "[: a]\n",
    "a: b\n- c\n",
    "- a\nb: c\n",
    "a:\n  b: 1\n c: 2\n",
    "a: 0x\n",
    "a: .\n",
    "a: +\n",
    "a: --\n",
    "a: ---\n",
    "a: ...\n",
    "... \n",
    "--- \n...\n",
    "a: 'x'y\n",
    'a: "x"y\n',
    "a: x\n  - y\n",
    "a: &b c: d\n",
    "&a a: b\n",
    "*a: b\n",
    "&a [a]: b\n",
    "a: &a\n",
    "a: [&x b, *x]\n",
    "{&x a: 1, *x : 2}\n",
    "[*x]\n",
    "a: 1\n---\n",
    "---\n---\n",
    "",
    "\n",
    "---\n",
    "#c",
    "a",
    "- \n  a: 1\n",
    "-\n  a\n",
    "- |\n a\n",
    "a:\n-\n",
    "a:\n  -\n  -\n",
    "a: 1\n b: 2\n",
]


@pytest.mark.parametrize("text", EDGE_DOCUMENTS)
def test_edge_documents_read_the_same(text: str) -> None:
    """Corners where libyaml and ruamel differ (long keys, escapes, flow oddities, empty
    values, anchors, line ends, document markers): read alike, or left to ruamel."""
    same_tree(text)


def test_left_to_ruamel_and_still_read_the_same(tmp_path: Path) -> None:
    """What the fast reader leaves reaches ruamel, and the loader's answer does not change."""
    left = [
        "kept: 1\nx: &a {k: 1}\ny: {<<: *a, j: 2}\n",  # merge key
        "%YAML 1.1\n---\nkept: 1\nx: yes\n",  # ruamel reads YAML 1.1 then
        "kept: !!int 1\n",
        "kept: 1\nx: 0o17\n",
        "kept: 1\nkept: 2\n",  # duplicate key: ruamel's error
        "kept: 1\n---\nkept: 2\n",
        "kept: 1\nx: *nope\n",
        "kept: 1\nx: [a, b\n",  # syntax error: ruamel's message
        "kept: 1\nx: !!python/name:os.system ''\n",
        "kept: 1\nx: {a: }\n",  # ruamel places an empty flow value after the colon
        'kept: 1\nx: ["a":b]\n',  # libyaml reads it, ruamel does not
        "kept: 1\nx:\ty\n",
    ]
    for i, text in enumerate(left):
        with pytest.raises(UnsupportedError):
            fast_tree(text)
        path = tmp_path / f"k{i}.yaml"
        path.write_text(text, encoding="utf-8")
        same_load(path)


def test_includes_load_the_same(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "more.yaml").write_text("purposes:\n  - {key: a}\n", encoding="utf-8")
    (tmp_path / "kept.yaml").write_text(
        "kept: 1\ninclude:\n  - sub/more.yaml\n  - ../out.yaml\n  - missing.yaml\n  - [x]\n",
        encoding="utf-8",
    )
    same_load(tmp_path / "kept.yaml")


@pytest.mark.parametrize("aliases", [99, 100, 101])
def test_the_alias_limit_is_ruamels(aliases: int, tmp_path: Path) -> None:
    """99 scalars in the anchored list: it stands for 100 values, so 100 aliases to it make
    exactly the limit (10,000): read; one more is the alias bomb ruamel refuses."""
    text = (
        "kept: 1\na: &a [" + ", ".join(["x"] * 99) + "]\nb: [" + ", ".join(["*a"] * aliases) + "]\n"
    )
    if aliases <= 100:
        assert same_tree(text)
    else:
        with pytest.raises(UnsupportedError):
            fast_tree(text)
    path = tmp_path / "kept.yaml"
    path.write_text(text, encoding="utf-8")
    same_load(path)
    if aliases > 100:
        assert "alias bomb" in read(path, fast=True)[2][0]


@pytest.mark.parametrize("depth", [96, 97, 98, 99, 100, 101])
@pytest.mark.parametrize("style", ["block", "flow"])
def test_the_depth_limit_is_ruamels(depth: int, style: str, tmp_path: Path) -> None:
    if style == "flow":
        text = "[" * depth + "x" + "]" * depth + "\n"
    else:
        text = (
            "".join(f"{'  ' * i}k{i}:\n" for i in range(depth - 1)) + f"{'  ' * (depth - 1)}k: x\n"
        )
    same_tree(text)
    path = tmp_path / "kept.yaml"
    path.write_text(text, encoding="utf-8")
    same_load(path)


def test_without_libyaml_ruamel_reads_everything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = ROOT / "src" / "kept" / "examples" / "vcloudpoint" / "kept.yaml"
    fast = read(path, fast=True)
    monkeypatch.setattr("kept.manifest.fastyaml.AVAILABLE", False)
    with pytest.raises(UnsupportedError):
        fast_tree("kept: 1\n")
    assert read(path, fast=True) == fast
