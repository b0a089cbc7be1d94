"""sprintlog typed into a real 80x24 terminal (tmux): what the screen shows (issue 26).

No header wraps in the listings, and a listing longer than the screen opens the pager
(less, as by default), which `q` quits, back to the shell with exit code 0.
"""

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from helpers import Run

pytestmark = [
    pytest.mark.one_backend,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux"),
    pytest.mark.skipif(shutil.which("less") is None, reason="needs less"),
]

Screen = Callable[[], list[str]]


class Terminal:
    def __init__(self, socket: str) -> None:
        self.socket = socket

    def tmux(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", *args],
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout

    def type(self, line: str) -> None:
        self.tmux("send-keys", "-t", "t", line, "Enter")

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "t", *keys)

    def screen(self) -> list[str]:
        return self.tmux("capture-pane", "-t", "t", "-p").splitlines()

    def wait_for(self, found: Callable[[list[str]], bool], seconds: float = 30) -> list[str]:
        deadline = time.monotonic() + seconds
        while True:
            screen = self.screen()
            if found(screen):
                return screen
            if time.monotonic() > deadline:
                raise AssertionError("the screen never showed it:\n" + "\n".join(screen))
            time.sleep(0.2)


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    socket = f"sprintlog-test-{uuid.uuid4().hex[:8]}"
    term = Terminal(socket)
    bin_dir = Path(sys.executable).parent
    env = {
        "PATH": f"{bin_dir}:/usr/bin:/bin",
        "HOME": str(tmp_path),
        "TERM": "xterm-256color",
        "SPRINTLOG_DB": os.environ["SPRINTLOG_DB"],
        "PS1": "$ ",
        "NO_COLOR": "1",
    }
    command = "env -i " + " ".join(f"{k}='{v}'" for k, v in env.items())
    command += " bash --norc --noprofile"
    term.tmux("new-session", "-d", "-x", "80", "-y", "24", "-s", "t", command)
    term.wait_for(lambda screen: any(line.startswith("$") for line in screen))
    try:
        yield term
    finally:
        subprocess.run(["tmux", "-L", socket, "kill-server"], capture_output=True)


def _prompt_back(screen: list[str]) -> bool:
    shown = [line for line in screen if line.strip()]
    return len(shown) > 1 and shown[-1] == "$"  # some output, then the prompt again


def test_quick_start_in_80x24_listings_fit_and_a_long_one_pages(
    ok: Run, terminal: Terminal
) -> None:
    ok("sprint", "start", "--title", "Category theory for programmers, slowly and twice over")
    ok("goal", "add", "1", "Write", "--task", "Draft the introduction with three examples")
    for number in range(1, 41):
        ok("log", f"entry {number}: read a chapter and drew the diagrams", "--goal", "1a")

    terminal.type("sprintlog status")
    screen = terminal.wait_for(lambda s: any(line.startswith("Streak") for line in s))
    first = next(i for i, line in enumerate(screen) if line.startswith("Sprint 1:"))
    assert screen[first] == "Sprint 1: Category theory for programmers, slowly and twice over"
    assert " – " in screen[first + 1]  # the dates on a line of their own, not wrapped into

    terminal.type("clear; sprintlog config list")  # 19 settings: more than a screen
    screen = terminal.wait_for(lambda s: s[-1].startswith(":"))
    assert screen[0].split() == ["Setting", "Value", "Meaning"]
    terminal.keys("q")
    terminal.wait_for(_prompt_back)

    terminal.type("clear; sprintlog entries")
    screen = terminal.wait_for(lambda s: s[-1].startswith(":"))  # less waits for a key
    assert screen[0].split() == ["#", "Day", "Goals", "What", "I", "focused", "on", "Min"]
    assert "entry 1:" in screen[1] and not any("entry 40:" in line for line in screen)
    terminal.keys("q")
    terminal.wait_for(_prompt_back)
    terminal.type("echo exit=$?")
    assert "exit=0" in terminal.wait_for(lambda s: "exit=" in "".join(s))

    terminal.type("clear; sprintlog entries | grep -c entry")  # piped: no pager
    # (the prompt of the command before is still on the screen until `clear` has run:
    # wait for the count itself)
    screen = terminal.wait_for(lambda s: "40" in s)
    assert "40" in screen
