"""Outcome notes and sprint notes, from the command line, stdin and a (fake) editor."""

import os
import pty
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import Run

from sprintlog.cli.display import terminal

FAKE_EDITOR = """
import sys
from pathlib import Path
mode, target = sys.argv[1], Path(sys.argv[-1])
# keep a copy of what the editor was given, for the test to inspect
Path(sys.argv[-2]).write_text(target.read_text(encoding="utf-8"), encoding="utf-8")
text = target.read_text(encoding="utf-8")
if mode == "write":
    target.write_text("It went well.\\n# Markdown heading kept\\n\\n" + text, encoding="utf-8")
elif mode == "fail":
    target.write_text("Half a thought" + text, encoding="utf-8")
    sys.exit(3)
elif mode == "exit":
    sys.exit(4)
elif mode == "blank":
    target.write_text("   \\n\\n" + text[text.index("-----"):], encoding="utf-8")
"""


@pytest.fixture
def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A scripted editor in a folder with a space in its name, taking arguments."""
    folder = tmp_path / "my editor"
    folder.mkdir()
    script = folder / "fake editor.py"
    script.write_text(FAKE_EDITOR, encoding="utf-8")
    monkeypatch.delenv("VISUAL", raising=False)
    # A person at a terminal (without one, no editor is started at all).
    monkeypatch.setattr(terminal, "interactive", lambda: True)
    seen = tmp_path / "seen.md"

    def use(mode: str) -> Path:
        monkeypatch.setenv("EDITOR", f'"{sys.executable}" "{script}" {mode} "{seen}"')
        return seen

    return use


def drafts(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "data" / "sprintlog" / "drafts"
    return sorted(folder.iterdir()) if folder.exists() else []


def test_note_from_the_command_line_and_stdin(ok: Run, sprint: None) -> None:
    ok("note", "3a", "Emailed both; one said yes.")
    ok("note", "SSJ--1", "-", input="Line one\nLine two\n")
    data = ok("goal", "list", "--json").json()
    assert data[0]["outcome"] == "Line one\nLine two\n"
    assert data[1]["tasks"][0]["outcome"] == "Emailed both; one said yes."
    ok("note", "3a", "")
    assert ok("goal", "list", "--json").json()[1]["tasks"][0]["outcome"] is None


def test_note_with_the_editor(ok: Run, sprint: None, editor, tmp_path: Path) -> None:
    ok("log", "Wrote to Prof. K", "--goal", "3a")
    seen = editor("write")
    result = ok("note", "3a")
    assert result.stderr.endswith("Saved the note of SSJ--3a.\n")
    prefilled = seen.read_text(encoding="utf-8")
    assert "SSJ--3a: Email two professors" in prefilled and "Status: open" in prefilled
    assert "Wrote to Prof. K" in prefilled and ">8" in prefilled
    outcome = ok("goal", "list", "--json").json()[1]["tasks"][0]["outcome"]
    assert outcome == "It went well.\n# Markdown heading kept"
    assert drafts(tmp_path) == []
    ok("note", "3a")  # editing starts from the existing note
    assert seen.read_text(encoding="utf-8").startswith("It went well.\n# Markdown heading kept\n")


def test_an_untitled_goal_in_the_editor_is_its_reference(ok: Run, sprint: None, editor) -> None:
    ok("goal", "add", "2", "--task", "Read ch.1")
    seen = editor("write")
    ok("note", "2")
    assert "\nSSJ--2\nStatus: open\n" in seen.read_text(encoding="utf-8")


def test_a_goal_with_tasks_shows_the_status_its_tasks_add_up_to(
    ok: Run, sprint: None, editor
) -> None:
    ok("goal", "done", "3a")
    seen = editor("write")
    ok("note", "3")
    assert "Status: partial" in seen.read_text(encoding="utf-8")


def test_editor_failing_without_new_text_keeps_no_draft(
    run: Run, ok: Run, sprint: None, editor, tmp_path: Path
) -> None:
    ok("note", "1", "Saved before")
    editor("exit")
    result = run("note", "1")
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: the editor exited with status 4; nothing was saved\n",
    )
    assert drafts(tmp_path) == []


def test_editor_failing_saves_nothing_and_keeps_the_draft(
    run: Run, ok: Run, sprint: None, editor, tmp_path: Path
) -> None:
    editor("fail")
    result = run("note", "1")
    assert result.exit_code == 1
    [draft] = drafts(tmp_path)
    assert result.stderr == (
        f"Error: the editor exited with status 3; nothing was saved; your text is kept in {draft}\n"
    )
    assert stat.S_IMODE(draft.stat().st_mode) == 0o600
    assert stat.S_IMODE(draft.parent.stat().st_mode) == 0o700
    assert draft.read_text(encoding="utf-8").startswith("Half a thought")
    assert ok("goal", "list", "--json").json()[0]["outcome"] is None


@pytest.mark.parametrize(("mode", "word"), [("blank", "empty"), ("unchanged", "unchanged")])
def test_empty_or_unchanged_saves_nothing(
    run: Run, ok: Run, sprint: None, editor, tmp_path: Path, mode: str, word: str
) -> None:
    ok("note", "1", "Already written")
    editor(mode)
    result = run("note", "1")
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: the text was left {word}; nothing was saved\n",
    )
    assert ok("goal", "list", "--json").json()[0]["outcome"] == "Already written"
    assert drafts(tmp_path) == []


def test_a_missing_editor_is_a_clear_error(run: Run, sprint: None, monkeypatch) -> None:
    monkeypatch.setenv("VISUAL", "no-such-editor-anywhere --wait")
    monkeypatch.setattr(terminal, "interactive", lambda: True)
    result = run("note", "1")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: cannot start the editor 'no-such-editor-anywhere'")


def test_bad_reference_fails_before_the_editor(run: Run, sprint: None, editor) -> None:
    seen = editor("write")
    result = run("note", "3z")
    assert result.exit_code == 2
    assert not seen.exists()


def test_sprint_notes(ok: Run, sprint: None, editor) -> None:
    ok("sprint", "note", "1", "An intro paragraph.")
    assert "An intro paragraph." in ok("render", "review").stdout
    editor("write")
    ok("sprint", "note")
    assert "It went well." in ok("render", "review").stdout


@pytest.mark.skipif(os.geteuid() != 0, reason="chattr needs root")
@pytest.mark.sqlite_only
def test_read_only_journal_fails_before_the_editor(
    ok: Run, run: Run, sprint: None, editor, journal_path: Path
) -> None:

    seen = editor("write")
    if subprocess.run(["chattr", "+i", str(journal_path)], capture_output=True).returncode:
        pytest.skip("cannot make the journal immutable here")
    try:
        result = run("note", "1")
    finally:
        subprocess.run(["chattr", "-i", str(journal_path)], check=True)
    assert result.exit_code == 1 and "read-only" in result.stderr
    assert not seen.exists()  # the editor never opened


KILLER = """
import os, signal, sys
from pathlib import Path
target = Path(sys.argv[-1])
target.write_text("Typed, then the terminal closed\\n" + target.read_text(encoding="utf-8"))
os.kill(os.getppid(), signal.SIGKILL)  # sprintlog dies with its editor
"""


def _on_a_terminal(args: list[str], *, env: dict[str, str]) -> int:
    """Run sprintlog with a terminal (a pty) as its standard input and output."""
    master, slave = pty.openpty()
    try:
        child = subprocess.run(
            [sys.executable, "-m", "sprintlog", *args],
            env=env,
            stdin=slave,
            stdout=slave,
            stderr=subprocess.PIPE,
            timeout=60,
        )
    finally:
        os.close(slave)
        os.close(master)
    return child.returncode


def test_an_editor_killed_with_sprintlog_leaves_a_draft_that_is_offered(
    ok: Run, sprint: None, editor, tmp_path: Path, journal
) -> None:
    killer = tmp_path / "killer.py"
    killer.write_text(KILLER, encoding="utf-8")
    env = {**os.environ, "EDITOR": f'"{sys.executable}" "{killer}"', "SPRINTLOG_DB": journal.url}
    died = _on_a_terminal(["note", "1"], env=env)
    assert died == -9
    [draft] = drafts(tmp_path)
    assert stat.S_IMODE(draft.stat().st_mode) == 0o600
    assert ok("goal", "list", "--json").json()[0]["outcome"] is None  # nothing half-saved
    editor("unchanged")  # the next run: the user saves the offered draft as it is
    result = ok("note", "1")
    assert f"Starting from the draft kept in {draft}" in result.stderr
    assert ok("goal", "list", "--json").json()[0]["outcome"] == "Typed, then the terminal closed"
    assert drafts(tmp_path) == []


@pytest.mark.parametrize("args", [["note", "1"], ["sprint", "note"], ["sprint", "note", "1"]])
def test_without_a_terminal_no_editor_is_started(
    run: Run, sprint: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, args: list[str]
) -> None:
    started = tmp_path / "started"
    monkeypatch.setenv("VISUAL", f'"{sys.executable}" -c "open({str(started)!r}, \'w\')"')
    result = run(*args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "Error: there is no terminal to open an editor on; give the text instead "
        "(- reads standard input)\n"
    )
    assert not started.exists()
    assert drafts(tmp_path) == []


def test_sprint_note_takes_the_text_without_a_number(ok: Run, run: Run, sprint: None, db) -> None:
    assert ok("sprint", "note", "An intro").stderr == "Saved the notes of sprint 1.\n"
    assert db("SELECT notes FROM sprint") == [("An intro",)]
    ok("sprint", "note", "-", input="From a pipe\n")
    assert db("SELECT notes FROM sprint") == [("From a pipe\n",)]
    ok("sprint", "note", "1", "Numbered")
    assert db("SELECT notes FROM sprint") == [("Numbered",)]
    bad = run("sprint", "note", "0", "x")
    assert bad.exit_code == 2 and "0 is too small: give 1 or more" in bad.stderr
