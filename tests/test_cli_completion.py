"""Shell completion: ``kept --show-completion`` / ``--install-completion`` with the lazy CLI.

``kept`` imports only the module of the command a line names; completion must still offer
every command and, under a group, its subcommands. The bash script is produced, sourced in a
real bash and asked, as bash asks on TAB.
"""

from __future__ import annotations

import os
import pkgutil
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import kept.cli

KEPT = Path(sys.executable).parent / "kept"
ENV = {
    **{k: v for k, v in os.environ.items() if not k.startswith(("_KEPT", "COMP_", "_TYPER"))},
    # the shell is named on the command line, not detected from the parent process (pytest)
    "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1",
}
COMMANDS = {m.name for m in pkgutil.iter_modules(kept.cli.__path__) if not m.name.startswith("_")}


def script(shell: str) -> str:
    done = subprocess.run(
        [str(KEPT), "--show-completion", shell], env=ENV, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def complete_in_bash(tmp_path: Path, typed: list[str]) -> list[str]:
    """What bash offers after ``typed`` (the last word being completed, "" for a new one)."""
    source = tmp_path / "kept.bash"
    source.write_text(script("bash"), encoding="utf-8")
    words = " ".join(f"'{w}'" for w in ["kept", *typed])
    probe = (
        f"source {source}\n"
        f"COMP_WORDS=({words}); COMP_CWORD={len(typed)}\n"
        "_kept_completion kept\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    env = {**ENV, "PATH": f"{KEPT.parent}{os.pathsep}{ENV.get('PATH', '')}"}
    done = subprocess.run(["bash", "--norc", "-c", probe], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_the_bash_script_calls_kept_back() -> None:
    text = script("bash")
    assert "_KEPT_COMPLETE=complete_bash" in text
    assert "complete -o default -F _kept_completion kept" in text


@pytest.mark.parametrize("shell", ["zsh", "fish", "powershell"])
def test_other_shells_have_a_script(shell: str) -> None:
    assert "_KEPT_COMPLETE" in script(shell)


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_bash_completes_every_command(tmp_path: Path) -> None:
    offered = complete_in_bash(tmp_path, [""])
    assert set(offered) >= COMMANDS, COMMANDS - set(offered)
    assert set(complete_in_bash(tmp_path, ["ret"])) == {"retention"}


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_bash_completes_subcommands_of_a_lazily_loaded_group(tmp_path: Path) -> None:
    assert set(complete_in_bash(tmp_path, ["retention", "hold", ""])) == {
        "place",
        "list",
        "release",
    }
    assert "create" in complete_in_bash(tmp_path, ["example", ""])
    assert "--dry-run" in complete_in_bash(tmp_path, ["request", "erase", "--dr"])


def test_the_root_help_names_the_completion_options() -> None:
    done = subprocess.run([str(KEPT), "--help"], env=ENV, capture_output=True, text=True)
    assert "--install-completion" in done.stdout
    assert "--show-completion" in done.stdout
