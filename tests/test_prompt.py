"""Confirmation prompts on a real (pseudo-)terminal: yes, no, end of input, Ctrl-C."""

import os
import pty
import sys
import time

import pytest
from helpers import Run


def _on_a_terminal(args: list[str], keys: bytes, journal) -> tuple[int, str]:
    """Run sprintlog with a pty as its terminal, type ``keys`` at the prompt."""
    pid, master = pty.fork()
    if pid == 0:  # the child: its stdin, stdout and stderr are the terminal
        os.environ["SPRINTLOG_DB"] = journal.url
        os.execv(sys.executable, [sys.executable, "-m", "sprintlog", *args])
    screen = b""
    deadline = time.monotonic() + 60
    while b"[y/N]" not in screen and time.monotonic() < deadline:
        screen += os.read(master, 4096)
    os.write(master, keys)
    while time.monotonic() < deadline:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the child has gone and closed the terminal
            break
        if not chunk:
            break
        screen += chunk
    _, status = os.waitpid(pid, 0)
    os.close(master)
    return os.waitstatus_to_exitcode(status), screen.decode("utf-8", "replace")


@pytest.mark.parametrize(
    ("keys", "code", "said", "left"),
    [
        (b"y\r", 0, "Removed entry #1.", []),
        (b"yes\r", 0, "Removed entry #1.", []),
        (b"\r", 0, "Nothing changed.", ["keep"]),
        (b"n\r", 0, "Nothing changed.", ["keep"]),
        (b"\x04", 0, "Nothing changed.", ["keep"]),
        (b"\x03", 130, "Interrupted.", ["keep"]),
    ],
    ids=["y", "yes", "enter", "n", "ctrl-d", "ctrl-c"],
)
def test_entry_rm_prompt(ok: Run, journal, keys, code, said, left) -> None:
    ok("log", "keep")
    exit_code, screen = _on_a_terminal(["entry", "rm", "1"], keys, journal)
    assert "Remove entry #1" in screen
    assert (exit_code, said in screen) == (code, True), screen
    assert "Error" not in screen  # an answer of no is not an error
    assert [e["text"] for e in ok("entries", "--json").json()] == left


def test_the_prompt_does_not_hold_the_write_lock(ok: Run, journal) -> None:
    """While one terminal waits at a prompt, another can still log."""
    ok("sprint", "start")
    ok("goal", "add", "1", "Write")
    pid, master = pty.fork()
    if pid == 0:
        os.environ["SPRINTLOG_DB"] = journal.url
        os.execv(sys.executable, [sys.executable, "-m", "sprintlog", "goal", "rm", "1"])
    screen = b""
    while b"[y/N]" not in screen:
        screen += os.read(master, 4096)
    try:
        ok("log", "logged while the other terminal asks")
    finally:
        os.write(master, b"n\r")
        os.waitpid(pid, 0)
        os.close(master)
    assert len(ok("entries", "--json").json()) == 1
