"""Long output through the pager on a terminal, as git does; never in a pipe (issue 26, item 4).

sprintlog runs as a real process with its standard output on a pseudo-terminal of 80x24;
the "pager" is a shell command that saves what it is given, so the tests see exactly what
a pager would show.
"""

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import Run

pytestmark = pytest.mark.one_backend

TITLE_ESCAPE = "\x1b]0;owned\x07"  # would retitle the terminal if it were obeyed


def on_terminal(*args: str, env: dict[str, str]) -> tuple[int, str]:
    """Run sprintlog with stdout and stderr on a pseudo-terminal; its exit code and screen."""
    master, slave = pty.openpty()
    child = subprocess.Popen(
        [sys.executable, "-m", "sprintlog", *args],
        stdin=subprocess.DEVNULL,
        stdout=slave,
        stderr=slave,
        env={**env, "LINES": "24", "COLUMNS": "80"},
    )
    os.close(slave)
    screen = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the other end closed: the child is done
            break
        if not chunk:
            break
        screen += chunk
    os.close(master)
    return child.wait(timeout=60), screen.decode()


@pytest.fixture
def pager_env(tmp_path: Path) -> tuple[dict[str, str], Path]:
    saved = tmp_path / "paged.txt"
    env = {**os.environ, "SPRINTLOG_PAGER": f"cat > {saved}"}
    env.pop("PAGER", None)
    return env, saved


def _log_many(ok: Run, count: int) -> None:
    ok("log", f"the first {TITLE_ESCAPE} entry", "--date", "-1d")
    for number in range(2, count + 1):
        ok("log", f"entry {number}")


def test_a_listing_longer_than_the_screen_goes_through_the_pager_escaped(
    ok: Run, pager_env: tuple[dict[str, str], Path]
) -> None:
    env, saved = pager_env
    _log_many(ok, 30)
    code, screen = on_terminal("entries", env=env)
    assert code == 0
    paged = saved.read_text()
    assert paged.splitlines()[0].split() == [
        "#",
        "Day",
        "Goals",
        "What",
        "I",
        "focused",
        "on",
        "Min",
    ]
    assert len(paged.splitlines()) == 31
    assert "entry 30" in paged and "entry 30" not in screen
    # The sanitizer is kept in front of the pager: the escape shown, never obeyed.
    assert "the first \\x1b]0;owned\\x07 entry" in paged
    assert "\x1b" not in paged and "\x07" not in paged


def test_output_that_fits_the_screen_is_not_paged(
    ok: Run, pager_env: tuple[dict[str, str], Path]
) -> None:
    env, saved = pager_env
    _log_many(ok, 5)
    code, screen = on_terminal("entries", env=env)
    assert code == 0
    assert not saved.exists()
    assert "entry 5" in screen and "\\x1b]0;owned\\x07" in screen


@pytest.mark.parametrize("how", ["--no-pager", "SPRINTLOG_PAGER=", "SPRINTLOG_PAGER=cat", "piped"])
def test_no_pager_when_asked_for_none_or_piped(
    ok: Run, pager_env: tuple[dict[str, str], Path], how: str
) -> None:
    env, saved = pager_env
    _log_many(ok, 30)
    args = ["entries"]
    if how == "--no-pager":
        args.insert(0, how)
    elif how.startswith("SPRINTLOG_PAGER="):
        env["SPRINTLOG_PAGER"] = how.partition("=")[2]
    if how == "piped":
        result = subprocess.run(
            [sys.executable, "-m", "sprintlog", *args], env=env, capture_output=True, text=True
        )
        code, screen = result.returncode, result.stdout
        assert not screen.startswith("\x1b")  # no pager, no colours: the listing alone
    else:
        code, screen = on_terminal(*args, env=env)
    assert code == 0
    assert not saved.exists()
    assert "entry 30" in screen


def test_pager_is_chosen_as_git_chooses_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from sprintlog.cli.display import pager

    monkeypatch.delenv("SPRINTLOG_PAGER", raising=False)
    monkeypatch.delenv("PAGER", raising=False)
    assert pager.command() == "less -FRX"
    monkeypatch.setenv("PAGER", "more")
    assert pager.command() == "more"
    monkeypatch.setenv("SPRINTLOG_PAGER", "most")
    assert pager.command() == "most"
    monkeypatch.setenv("SPRINTLOG_PAGER", "")
    assert pager.command() is None


def test_a_pager_that_cannot_run_is_said_and_the_output_written(
    ok: Run, pager_env: tuple[dict[str, str], Path]
) -> None:
    env, _ = pager_env
    env["SPRINTLOG_PAGER"] = "no-such-pager-here -R"
    _log_many(ok, 30)
    code, screen = on_terminal("entries", env=env)
    assert code == 0
    assert "cannot run the pager 'no-such-pager-here'" in screen
    assert "entry 30" in screen
