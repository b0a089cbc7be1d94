"""Bytes bound for a terminal (issue 23.2): under a real pseudo-terminal, no control
character a journal holds reaches the screen raw; piped, every command gives its bytes
exactly.

The texts hold what a terminal obeys: OSC 52 (sets the clipboard), OSC 0 (the window's
title), CSI (colours, cursor moves), ``ESC c`` (resets the terminal), a BEL, a lone CR
and a C1 CSI (``\\x9b``). Each command runs twice, as a person at a terminal and into a
pipe, in a process of its own (standard output is guarded in ``__main__``).
"""

import json
import os
import pty
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import Run

pytestmark = pytest.mark.one_backend  # the terminal, not the database

HOSTILE = "clip \x1b]52;c;aGk=\x07 title \x1b]0;pwned\x07 csi \x1b[31mred\x1b[0m reset \x1bc"
MORE = " lone\rCR c1 \x9b2J end"
RAW = ("\x1b]52;", "\x1b]0;", "\x1b[31m", "\x1bc", "\x07", "\x9b")


def _on_a_terminal(args: list[str]) -> tuple[int, bytes]:
    """Run sprintlog with a pty as its stdin, stdout and stderr: (exit code, the screen)."""
    pid, master = pty.fork()
    if pid == 0:  # the child (its environment names the test's journal)
        os.execv(sys.executable, [sys.executable, "-m", "sprintlog", *args])
    screen = b""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the child has gone and closed the terminal
            break
        if not chunk:
            break
        screen += chunk
    _, status = os.waitpid(pid, 0)
    os.close(master)
    return os.waitstatus_to_exitcode(status), screen


def _piped(args: list[str]) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "sprintlog", *args], capture_output=True, check=False, timeout=60
    )


@pytest.fixture
def hostile(ok: Run, tmp_path: Path) -> Path:
    """A sprint whose goal title, note and entry hold the sequences; a jrnl file too."""
    ok("sprint", "start", "--start", "2025-03-03", "--length", "14")
    ok("goal", "add", "1", f"Write {HOSTILE}", "--task", f"task {HOSTILE}")
    ok("log", "--date", "2025-03-04", "--goal", "1a", "--", HOSTILE + MORE)
    ok("note", "1a", f"note {HOSTILE}{MORE}")
    jrnl = tmp_path / "hostile.json"
    entry = {"title": f"jrnl {HOSTILE}", "body": "", "date": "2025-03-05", "time": "09:00"}
    jrnl.write_text(json.dumps({"tags": {}, "entries": [entry]}), encoding="utf-8")
    return jrnl


COMMANDS = {
    "render": ["render", "review", "1"],
    "export csv": ["export", "--format", "csv"],
    "report csv": ["report", "--in", "sprint 1", "--by", "task", "--csv"],
    "report json": ["report", "--in", "sprint 1", "--by", "task", "--json"],
    "entry show": ["entry", "show", "1"],
    "entries json": ["entries", "--json", "--since", "2025-03-01"],
}


@pytest.mark.parametrize("name", COMMANDS)
def test_no_control_character_reaches_the_screen(hostile: Path, name: str) -> None:
    code, screen = _on_a_terminal(COMMANDS[name])
    assert code == 0, screen
    text = screen.decode("utf-8")
    assert [raw for raw in RAW if raw in text] == [], screen
    shown = "\\u001b]52;c;aGk=\\u0007" if name.endswith("json") else "\\x1b]52;c;aGk=\\x07"
    assert shown in text.replace("\\]", "]")  # (render escapes ] for Markdown too)
    piped = _piped(COMMANDS[name])
    assert piped.returncode == 0, piped.stderr
    assert b"\x1b]52;c;aGk=\x07" in piped.stdout or name.endswith("json")


@pytest.mark.parametrize("name", ["render", "export csv"])
def test_piped_or_written_to_a_file_the_bytes_are_exact(hostile: Path, name: str) -> None:
    out = hostile.parent / "out"
    piped = _piped(COMMANDS[name])
    _piped([*COMMANDS[name], "-o", str(out)])
    assert piped.stdout == out.read_bytes(), (piped.stdout[480:600], out.read_bytes()[480:600])
    assert HOSTILE.encode() in piped.stdout and b"\rCR" in piped.stdout  # CR not CRLF


def test_the_import_report_and_errors_are_shown_escaped(hostile: Path, ok: Run) -> None:
    code, screen = _on_a_terminal(["import", str(hostile), "--dry-run"])
    assert code == 0 and b"\x1b" not in screen and b"\x07" not in screen, screen
    missing = str(hostile.parent / f"gone {HOSTILE}.json")
    code, screen = _on_a_terminal(["import", missing])
    assert code == 2 and b"\x1b" not in screen and b"\x07" not in screen, screen
    assert b"Error: " in screen and b"gone clip \\x1b]52;c;aGk=\\x07" in screen
    piped = _piped(["import", missing])
    assert piped.returncode == 2 and HOSTILE.encode() in piped.stderr


def test_listings_keep_their_colours_on_a_terminal(hostile: Path) -> None:
    """Rich's own codes still reach the terminal; the text in its tables is escaped (goal
    list is a Rich table; entries, a listing written row by row, escapes its text too)."""
    code, screen = _on_a_terminal(["goal", "list", "--sprint", "1"])
    assert code == 0 and b"\x1b[1m" in screen  # the header, in bold
    assert b"\x1b]" not in screen and b"\x07" not in screen and b"\x1bc" not in screen
    code, screen = _on_a_terminal(["entries", "--since", "2025-03-01"])
    assert code == 0 and b"\\x1b]0;pwned" in screen
    assert b"\x1b]" not in screen and b"\x07" not in screen and b"\x1bc" not in screen
