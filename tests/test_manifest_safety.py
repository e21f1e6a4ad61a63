"""Hostile manifests are refused, located, quickly and without running anything."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kept.check import run_check
from kept.cli import _register, app
from kept.errors import ManifestError
from kept.manifest import load_manifest

runner = CliRunner()
_register()


def alias_bomb(levels: int = 9) -> str:
    text = 'kept: 1\nlol0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for i in range(1, levels + 1):
        text += f"lol{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]\n"
    return text


def problems(path: Path) -> list[str]:
    with pytest.raises(ManifestError) as info:
        load_manifest(path)
    return [str(p) for p in info.value.problems]


def write(tmp_path: Path, text: str | bytes, name: str = "kept.yaml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_alias_bomb_is_refused_at_its_line(tmp_path: Path) -> None:
    # Expanded, this document would hold 9**10 strings; it is refused at the alias that
    # crosses the limit (a hang would be caught by the fuzz test's subprocess guard).
    found = problems(write(tmp_path, alias_bomb()))
    assert len(found) == 1
    assert found[0].startswith(f"{tmp_path / 'kept.yaml'}:6:")
    assert "alias bomb" in found[0]


def test_a_few_aliases_are_fine(tmp_path: Path) -> None:
    text = (
        "kept: 1\n"
        "purposes:\n"
        "  - &p {key: a, name: a, data_use: essential.service, legal_basis: contract}\n"
        "  - {<<: *p, key: b, name: b}\n"
    )
    loaded = load_manifest(write(tmp_path, text))
    assert [p.name for p in loaded.manifest.purposes] == ["a", "b"]


@pytest.mark.parametrize(
    ("text", "line", "tag"),
    [
        ('kept: 1\nx: !!python/object/apply:os.system ["touch pwned"]\n', 2, "!!python/object"),
        ("kept: 1\norganization:\n  name: !!python/name:os.system ''\n", 3, "!!python/name"),
        ("kept: 1\norganization: !custom {name: a}\n", 2, "!custom"),
        ("kept: 1\norganization:\n  name: !!binary aGVsbG8=\n", 3, "!!binary"),
        ("kept: 1\nstores: !!set {a, b}\n", 2, "!!set"),
    ],
)
def test_unknown_tags_are_refused_with_their_line(
    tmp_path: Path, text: str, line: int, tag: str
) -> None:
    found = problems(write(tmp_path, text))
    assert len(found) == 1
    assert found[0].startswith(f"{tmp_path / 'kept.yaml'}:{line}:")
    assert tag in found[0] and "not allowed" in found[0]
    assert not (tmp_path / "pwned").exists()


def test_core_tags_are_accepted(tmp_path: Path) -> None:
    text = "kept: !!int 1\npurposes:\n  - {key: a, name: !!str 42, data_use: essential.service}\n"
    loaded = load_manifest(write(tmp_path, text))
    assert loaded.manifest.purposes[0].name == "42"


@pytest.mark.parametrize(
    "nesting",
    [
        "[" * 5000 + "]" * 5000,
        "{a: " * 3000 + "1" + "}" * 3000,
        "".join(f"\n{'  ' * (i + 1)}k{i}:" for i in range(300)) + " 1",
    ],
    ids=["flow-lists", "flow-maps", "block"],
)
def test_deep_nesting_is_refused(tmp_path: Path, nesting: str) -> None:
    found = problems(write(tmp_path, "kept: 1\nx: " + nesting + "\n"))
    assert len(found) == 1
    assert found[0].startswith(f"{tmp_path / 'kept.yaml'}:")
    assert "deep" in found[0] or "depth" in found[0]


def test_non_utf8_is_located(tmp_path: Path) -> None:
    found = problems(write(tmp_path, b"kept: 1\norganization:\n  name: caf\xe9\n"))
    assert found == [f"{tmp_path / 'kept.yaml'}:3:12: not UTF-8: byte 0xe9 cannot be decoded"]


def test_control_characters_are_located(tmp_path: Path) -> None:
    found = problems(write(tmp_path, "kept: 1\norganization:\n  name: a\x07b\n"))
    assert found == [
        f"{tmp_path / 'kept.yaml'}:3:10: invalid YAML: character U+0007 is not allowed"
    ]


def test_duplicate_keys_are_located(tmp_path: Path) -> None:
    found = problems(write(tmp_path, "kept: 1\norganization:\n  name: a\n  name: b\n"))
    assert len(found) == 1
    assert found[0].startswith(f"{tmp_path / 'kept.yaml'}:4:")
    assert "duplicate key" in found[0]


def test_includes_stay_in_the_manifest_folder(tmp_path: Path) -> None:
    outside = write(tmp_path, "purposes: []\n", "outside.yaml")
    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "sub").mkdir()
    write(folder / "sub", "purposes: []\n", "inside.yaml")
    (folder / "link.yaml").symlink_to(outside)
    main = write(
        folder,
        f"kept: 1\ninclude:\n  - sub/inside.yaml\n  - ../outside.yaml\n  - {outside}\n"
        "  - link.yaml\n  - /etc/passwd\n",
    )
    found = problems(main)
    assert [p.split(": ", 1)[0] for p in found] == [f"{main}:{n}:5" for n in (4, 5, 6, 7)]
    assert all("inside the manifest's folder" in p for p in found)


def test_an_include_inside_the_folder_works(tmp_path: Path) -> None:
    write(tmp_path, "purposes:\n  - {key: a, name: a, data_use: essential.service}\n", "more.yaml")
    loaded = load_manifest(write(tmp_path, "kept: 1\ninclude: [more.yaml]\n"))
    assert [p.name for p in loaded.manifest.purposes] == ["a"]


@pytest.mark.parametrize("text", ["", "# nothing here yet\n", "kept: 1\n"])
def test_an_empty_manifest_is_a_finding(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, text)
    report = run_check(load_manifest(path))
    assert [f.code for f in report.findings] == ["empty-manifest"]
    result = runner.invoke(app, ["check", "-m", str(path)])
    assert result.exit_code == 1
    assert "empty-manifest" in result.output


def test_cli_reports_a_hostile_manifest_with_exit_2(tmp_path: Path) -> None:
    path = write(tmp_path, alias_bomb())
    result = runner.invoke(app, ["check", "-m", str(path)])
    assert result.exit_code == 2
    assert f"{path}:6:" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("key", ["~", "", "1", "true"])
def test_a_top_level_key_that_is_not_a_string_is_located(tmp_path: Path, key: str) -> None:
    found = problems(write(tmp_path, f"kept: 1\n{key}: x\n"))
    assert len(found) == 1
    assert found[0].startswith(f"{tmp_path / 'kept.yaml'}:2:1: unknown key"), found[0]


@pytest.mark.parametrize("value", ["2026-02-30", "1" * 5000, "-_"])
def test_a_value_yaml_resolves_but_cannot_build_is_an_error(tmp_path: Path, value: str) -> None:
    found = problems(write(tmp_path, f"kept: 1\nx: {value}\n"))
    assert len(found) == 1
    assert found[0].startswith(f"{tmp_path / 'kept.yaml'}:1: invalid YAML: a value cannot be read")
