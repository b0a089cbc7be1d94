"""Completion in zsh and fish: the fast path's answers, the installed scripts, real shells.

The real shells run where they are installed (CI installs them; elsewhere those tests
skip): fish answers ``complete -C LINE`` without a terminal; zsh completes only in its
line editor, so it runs in tmux, typed into like a person, its screen read back.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from helpers import Run, sprintlog_process

from sprintlog import completion
from sprintlog.cli import shells

# One backend: the shells' completion scripts and real shells; the journal reads are sqlite_only
pytestmark = pytest.mark.one_backend

needs_zsh = pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is not installed")

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
    "sprintlog report --by ",
    "sprintlog sprint start ",
    "sprintlog config set ",
    "sprintlog log #",
    "sprintlog import ",
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


def described(shell: str, line: str) -> list[tuple[str, str]] | None:
    """What the shell is offered for ``line``: (value, description) pairs, in order; None
    where it is told to offer file names. zsh's answer is evaluated by a real zsh, with a
    ``_describe`` that prints what it was given."""
    result = answer(shell, line)
    assert result.stderr == "", result.stderr
    if shell == "zsh":
        assert result.returncode == 0
        if result.stdout == "_files\n":
            return None
        return [_split(item, ":") for item in _zsh_evaluated(result.stdout)]
    if result.returncode == completion.FILES:
        assert result.stdout == ""
        return None
    assert result.returncode == 0
    if shell == "bash":
        # (\#tag: bash's escape, which it removes; tests/test_completion.py checks it)
        return [(value.removeprefix("\\"), "") for value in result.stdout.split()]
    return [_split(item, "\t") for item in result.stdout.splitlines()]


def _split(item: str, separator: str) -> tuple[str, str]:
    value, _, help = item.replace("\\:", "\0").partition(separator)
    return value.replace("\0", ":").replace("\\\\", "\\"), help


def _zsh_evaluated(answer: str) -> list[str]:
    """The items ``_describe`` gets when the installed script evaluates ``answer``."""
    if answer == "":
        return []
    script = (
        '_describe() { print -rl -- "${(@P)${@[-1]}}"; }\n'  # the array named last
        'eval $(cat "$1")\n'  # as the installed script does: eval $(sprintlog …)
    )
    with tempfile.NamedTemporaryFile("w", suffix=".txt") as file:
        file.write(answer)
        file.flush()
        done = subprocess.run(
            ["zsh", "-f", "-c", script, "zsh", file.name],
            capture_output=True,
            text=True,
            timeout=30,
        )
    assert done.returncode == 0 and done.stderr == "", done.stderr
    return done.stdout.splitlines()


def offered(shell: str, line: str) -> list[str]:
    found = described(shell, line)
    return [] if found is None else [value for value, _ in found]


@needs_zsh
@pytest.mark.sqlite_only
def test_zsh_and_fish_are_offered_what_bash_is(ok: Run, sprint: None) -> None:
    ok("log", "x #rare #often")
    ok("log", "y #often")
    for line in LINES:
        expected = described("bash", line)
        for shell in ("zsh", "fish"):
            found = described(shell, line)
            if expected is None:
                assert found is None, (shell, line)
            else:
                assert found is not None, (shell, line)
                assert [value for value, _ in found] == [v for v, _ in expected], (shell, line)
    assert offered("zsh", "sprintlog goal done S") == ["SSJ--1", "SSJ--3", "SSJ--3a", "SSJ--3b"]
    assert offered("fish", "sprintlog log #") == ["#often", "#rare"]  # the most used first


@needs_zsh
@pytest.mark.sqlite_only
def test_zsh_and_fish_say_what_each_offer_is(ok: Run, sprint: None) -> None:
    for shell in ("zsh", "fish"):
        assert ("week", "a row per week (the default)") in described(
            shell, "sprintlog report --by "
        )
        assert ("week_start", "the first day of a week") in described(
            shell, "sprintlog config set "
        )
        assert ("--no-carry", offered_help("--no-carry")) in described(
            shell, "sprintlog sprint start --n"
        )
        assert described(shell, "sprintlog st")[0] == (
            "status",
            "Where you are: the sprint, its goals, this week, your streak.",
        )
        assert described(shell, "sprintlog goal done 3") == [
            ("3", "Math"),
            ("3a", "Email two professors"),
            ("3b", "Topoi ch.1"),
        ]


def offered_help(option: str) -> str:
    return completion.TREE["sprint start"]["help"][option]


@needs_zsh
@pytest.mark.sqlite_only
def test_what_a_journal_holds_reaches_zsh_as_text(ok: Run, tmp_path: Path) -> None:
    """A goal's title is the description of its reference: evaluated by zsh, it stays text."""
    hostile = """it's $(touch PWNED) `touch PWNED` "q" a:b \\ $HOME"""
    ok("sprint", "start")
    ok("goal", "add", "2", hostile)
    found = described("zsh", "sprintlog goal done ")
    assert found is not None and found[0] == ("2", hostile)
    assert not (Path.cwd() / "PWNED").exists()


def test_fish_asks_first_whether_there_is_anything(ok: Run) -> None:
    assert answer("fish", "sprintlog st", "is-args").returncode == 0
    text = answer("fish", "sprintlog log ", "is-args")  # TEXT: nothing, and no file names
    assert (text.returncode, text.stdout) == (0, "")
    files = answer("fish", "sprintlog import ", "is-args")  # FILE: fish offers file names
    assert (files.returncode, files.stdout) == (1, "")


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
    assert result.stdout.splitlines() == [
        "log\tLog what you studied today (or on --date); #words in TEXT are its tags.",
        "SSJ--3\tMath",
        "SSJ--3a\tEmail two professors",
        "SSJ--3b\tTopoi ch.1",
    ], result.stderr
    ok("log", "x #rare #often")
    ok("log", "y #often")
    (tmp_path / "a-file.txt").write_text("")
    asked = (
        f"cd {tmp_path}; "  # where a file could be offered
        'complete -C "sprintlog report --by "; complete -C "sprintlog sprint start "; '
        'complete -C "sprintlog entries --tag "; complete -C "sprintlog log "; '
        'complete -C "sprintlog import a-"'
    )
    result = install(["fish", "-c", asked], home)
    lines = result.stdout.splitlines()
    by = ["goal", "task", "tag", "week", "month", "sprint"]  # in the CLI's order
    assert [line.split("\t")[0] for line in lines[:6]] == by, result.stderr
    assert lines[3] == "week\ta row per week (the default)"
    options = [line.split("\t")[0] for line in lines[6:-3]]
    assert options == [
        "--end",
        "--help",
        "--length",
        "--next",
        "--no-carry",
        "--start",
        "--title",
    ]
    assert lines[-3:] == ["often", "rare", "a-file.txt"]  # the most used tag first; a FILE


class Terminal:
    """A shell in a real 100x20 terminal (tmux), typed into like a person, its screen read back."""

    def __init__(self, shell: list[str], home: Path, cwd: Path) -> None:
        self.server = ["tmux", "-L", f"sprintlog-test-{os.getpid()}", "-f", "/dev/null"]
        env = {
            **os.environ,
            "HOME": str(home),
            "PATH": f"{BIN}:{os.environ['PATH']}",
            "PS1": "READY> ",
        }
        subprocess.run(
            [*self.server, "new-session", "-d", "-s", "t", "-x", "100", "-y", "20", *shell],
            env=env,
            cwd=cwd,
            check=True,
            timeout=30,
        )

    def type(self, *keys: str) -> None:
        subprocess.run([*self.server, "send-keys", "-t", "t", *keys], check=True, timeout=30)

    def screen(self) -> str:
        return subprocess.run(
            [*self.server, "capture-pane", "-p", "-t", "t"],
            capture_output=True,
            text=True,
            timeout=30,
        ).stdout

    def wait_for(self, text: str, timeout: float = 60) -> str:
        """The screen, once ``text`` is on it (polled: the shell answers when it answers)."""
        deadline = time.monotonic() + timeout
        while text not in (screen := self.screen()):
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} never appeared on the screen:\n{screen}")
            time.sleep(0.2)
        return screen

    def close(self) -> None:
        subprocess.run([*self.server, "kill-server"], timeout=30, check=False)


def _in_order(screen: str, after: str, *words: str) -> bool:
    """Whether ``words`` are all on the screen below ``after`` (what was typed), in this
    order (as read, line by line)."""
    listing = screen.split(after, 1)[-1]
    found = [re.search(rf"(?<![-\w]){re.escape(word)}(?![-\w])", listing) for word in words]
    places = [match.start() for match in found if match]
    return len(places) == len(words) and places == sorted(places)


@pytest.mark.skipif(
    shutil.which("zsh") is None or shutil.which("tmux") is None, reason="needs zsh and tmux"
)
@pytest.mark.sqlite_only
def test_real_zsh_completes_from_the_first_tab(ok: Run, sprint: None, tmp_path: Path) -> None:
    home = tmp_path / "home"
    result = install(["zsh", "-f", "-c", "sprintlog --install-completion; true"], home)
    assert result.stderr.startswith("zsh completion installed"), result.stderr
    ok("log", "x #rare #often")
    ok("log", "y #often")
    (tmp_path / "a-file.txt").write_text("")
    terminal = Terminal(["zsh", "-i"], home, tmp_path)
    try:
        terminal.wait_for("READY>")  # (the screen is read without its trailing spaces)
        terminal.type("sprintlog lo", "Tab")
        terminal.wait_for("READY> sprintlog log")  # the first TAB of the shell completed it
        terminal.type("C-u", "sprintlog goal done S", "Tab")
        terminal.wait_for("READY> sprintlog goal done SSJ--")
        terminal.type("C-u", "sprintlog report --by ", "Tab")
        screen = terminal.wait_for("a row per week (the default)")  # with what each means
        assert _in_order(screen, "--by", "goal", "task", "tag", "week", "month", "sprint")
        terminal.type("C-u", "sprintlog entries --tag ", "Tab")
        screen = terminal.wait_for("rare")
        assert _in_order(screen, "--tag", "often", "rare")  # the most used first
        terminal.type("C-u", "sprintlog sprint start ", "Tab")
        terminal.wait_for("READY> sprintlog sprint start --")  # what the options share
        terminal.type("Tab")
        screen = terminal.wait_for("--no-carry")
        assert "a-file.txt" not in screen  # options, not file names
    finally:
        terminal.close()


@pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")
@pytest.mark.sqlite_only
def test_real_bash_completes_report_by(ok: Run, sprint: None, tmp_path: Path) -> None:
    home = tmp_path / "home"
    result = install(["bash", "-c", "sprintlog --install-completion bash"], home)
    assert result.stderr.startswith("bash completion installed"), result.stderr
    ok("log", "x #rare #often")
    ok("log", "y #often")
    (tmp_path / "a-file.txt").write_text("")
    rc = home / ".bashrc"  # where the install put the line that reads the script
    rc.write_text(rc.read_text() + "PS1='READY> '\n")
    terminal = Terminal(["bash", "--rcfile", str(rc), "-i"], home, tmp_path)
    try:
        terminal.wait_for("READY>")
        terminal.type("sprintlog report --by ", "Tab", "Tab")
        screen = terminal.wait_for("month")
        assert _in_order(screen, "--by", "goal", "task", "tag", "week", "month", "sprint")
        terminal.type("w", "Tab")
        terminal.wait_for("READY> sprintlog report --by week")
        terminal.type("C-u", "sprintlog entries --tag ", "Tab", "Tab")
        screen = terminal.wait_for("rare")
        assert _in_order(screen, "--tag", "often", "rare")  # the most used first
        terminal.type("C-u", "sprintlog sprint start ", "Tab")
        terminal.wait_for("READY> sprintlog sprint start --")  # what the options share
        terminal.type("Tab", "Tab")
        screen = terminal.wait_for("--no-carry")
        assert "a-file.txt" not in screen  # options, not file names
        terminal.type("C-u", "sprintlog import a-", "Tab")
        terminal.wait_for("READY> sprintlog import a-file.txt")  # a FILE: file names
    finally:
        terminal.close()
