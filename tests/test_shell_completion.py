"""Completion in zsh and fish: the fast path's answers, the installed scripts, real shells.

The real shells run where they are installed (CI installs them; elsewhere those tests
skip): fish answers ``complete -C LINE`` without a terminal; zsh completes only in its
line editor, so it runs in tmux, typed into like a person, its screen read back.
"""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import Run, sprintlog_process

from sprintlog.cli import shells

BIN = str(Path(sys.executable).parent)  # where the `sprintlog` command is installed
LINES = [
    "sprintlog st",
    "sprintlog lo",
    "sprintlog goal d",
    "sprintlog log --",
    "sprintlog goal done ",
    "sprintlog log x -g 3",
    "sprintlog start --goal ssj--3",
    "sprintlog log ",
    'sprintlog log "unclosed',
]


def answer(shell: str, line: str, action: str = "get-args") -> subprocess.CompletedProcess:
    """What ``sprintlog`` says to the shell's script for ``line`` (the cursor at its end)."""
    if shell == "bash":
        words = line.split()
        current = len(words) if line.endswith(" ") else len(words) - 1
        protocol = {"COMP_WORDS": line, "COMP_CWORD": str(current)}
    else:
        protocol = {"_TYPER_COMPLETE_ARGS": line, "_TYPER_COMPLETE_FISH_ACTION": action}
    env = {**os.environ, **protocol, "_SPRINTLOG_COMPLETE": f"complete_{shell}"}
    return sprintlog_process(env=env)


def offered(shell: str, line: str) -> list[str]:
    result = answer(shell, line)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    if shell != "zsh":
        return result.stdout.split()
    if result.stdout == "_files\n":
        return []
    head, _, rest = result.stdout.partition("'*: :((")
    assert head == "_arguments " and rest.endswith("))'\n"), result.stdout
    return [item.strip('"') for item in rest[: -len("))'\n")].split("\n")]


@pytest.mark.sqlite_only
def test_zsh_and_fish_are_offered_what_bash_is(ok: Run, sprint: None) -> None:
    for line in LINES:
        expected = offered("bash", line)
        assert offered("zsh", line) == expected, line
        assert offered("fish", line) == expected, line
    assert offered("zsh", "sprintlog goal done S") == ["SSJ--1", "SSJ--3", "SSJ--3a", "SSJ--3b"]


def test_fish_asks_first_whether_there_is_anything(ok: Run) -> None:
    assert answer("fish", "sprintlog st", "is-args").returncode == 0
    nothing = answer("fish", "sprintlog log ", "is-args")  # TEXT: fish offers file names
    assert (nothing.returncode, nothing.stdout) == (1, "")


def test_zsh_values_are_escaped_for_its_eval() -> None:
    from sprintlog.completion import _zsh_escaped

    assert _zsh_escaped("""a:b "c" 'd' $e `f`""") == r"""a\\:b ""c"" ''d'' \$e \`f\`"""


def install(shell_words: list[str], home: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "HOME": str(home), "PATH": f"{BIN}:{os.environ['PATH']}"}
    env.pop("XDG_CONFIG_HOME", None)
    return subprocess.run(shell_words, env=env, capture_output=True, text=True, timeout=60)


def test_install_completion_for_a_named_shell(tmp_path: Path) -> None:
    home = tmp_path / "home"
    for _ in range(2):  # twice: the start-up files get their line once
        for shell in ("zsh", "fish", "bash"):
            result = install(
                [sys.executable, "-m", "sprintlog", "--install-completion", shell], home
            )
            assert result.returncode == 0, result.stderr
            assert result.stderr.startswith(f"{shell} completion installed in {home}")
    assert (home / ".zfunc" / "_sprintlog").read_text() == shells.SCRIPTS["zsh"]
    fish = home / ".config" / "fish" / "completions" / "sprintlog.fish"
    assert fish.read_text() == shells.SCRIPTS["fish"]
    assert (home / ".zshrc").read_text() == "fpath+=~/.zfunc; autoload -Uz compinit; compinit\n"
    assert (home / ".bashrc").read_text().count("source ") == 1
    shown = sprintlog_process("--show-completion", "zsh", env=dict(os.environ))
    assert shown.stdout == shells.SCRIPTS["zsh"]


def test_an_unknown_shell_is_a_usage_error(tmp_path: Path) -> None:
    result = install([sys.executable, "-m", "sprintlog", "--install-completion", "tcsh"], tmp_path)
    assert result.returncode == 2
    assert "the shell tcsh has no completion here; name one of bash, zsh, fish" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(shutil.which("fish") is None, reason="fish is not installed")
@pytest.mark.sqlite_only
def test_real_fish_completes_through_the_installed_script(
    ok: Run, sprint: None, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    # Run from fish, the shell is found as Typer finds it (the parent process).
    result = install(["fish", "--no-config", "-c", "sprintlog --install-completion"], home)
    assert result.stderr.startswith("fish completion installed"), result.stderr
    asked = 'complete -C "sprintlog lo"; complete -C "sprintlog goal done SSJ--3"'
    result = install(["fish", "-c", asked], home)
    assert result.stdout.split() == ["log", "SSJ--3", "SSJ--3a", "SSJ--3b"], result.stderr


def _screen(server: list[str]) -> str:
    return subprocess.run(
        [*server, "capture-pane", "-p", "-t", "zsh"], capture_output=True, text=True, timeout=30
    ).stdout


def _wait_for(server: list[str], text: str, timeout: float = 60) -> str:
    """The screen, once ``text`` is on it (polled: zsh answers when it answers)."""
    deadline = time.monotonic() + timeout
    while text not in (screen := _screen(server)):
        if time.monotonic() > deadline:
            raise AssertionError(f"{text!r} never appeared on the screen:\n{screen}")
        time.sleep(0.2)
    return screen


@pytest.mark.skipif(
    shutil.which("zsh") is None or shutil.which("tmux") is None, reason="needs zsh and tmux"
)
@pytest.mark.sqlite_only
def test_real_zsh_completes_from_the_first_tab(ok: Run, sprint: None, tmp_path: Path) -> None:
    home = tmp_path / "home"
    result = install(["zsh", "-f", "-c", "sprintlog --install-completion; true"], home)
    assert result.stderr.startswith("zsh completion installed"), result.stderr
    server = ["tmux", "-L", f"sprintlog-test-{os.getpid()}", "-f", "/dev/null"]
    env = {**os.environ, "HOME": str(home), "PATH": f"{BIN}:{os.environ['PATH']}", "PS1": "READY> "}
    subprocess.run(
        [*server, "new-session", "-d", "-s", "zsh", "-x", "100", "-y", "20", "zsh", "-i"],
        env=env,
        check=True,
        timeout=30,
    )
    try:
        _wait_for(server, "READY>")  # (the screen is read without its trailing spaces)
        subprocess.run([*server, "send-keys", "-t", "zsh", "sprintlog lo", "Tab"], check=True)
        _wait_for(server, "READY> sprintlog log")  # the first TAB of the shell completed it
        keys = ["C-u", "sprintlog goal done S", "Tab"]
        subprocess.run([*server, "send-keys", "-t", "zsh", *keys], check=True)
        _wait_for(server, "READY> sprintlog goal done SSJ--")
    finally:
        subprocess.run([*server, "kill-server"], timeout=30, check=False)
