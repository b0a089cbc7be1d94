"""The editor open while something else happens (issue 12, items 2 and 5).

The fake editor runs other sprintlog commands itself while "editing", so what happens
meanwhile is certain, not a matter of timing: no sleeps.
"""

import stat
import sys
from pathlib import Path

import pytest
from helpers import Run

from sprintlog.cli.display import terminal

# argv: the text to type, then sprintlog commands (each one string, words split on "|")
# to run while the editor is open, then the draft file.
EDITOR = """
import subprocess, sys
from pathlib import Path
typed, commands, target = sys.argv[1], sys.argv[2:-1], Path(sys.argv[-1])
for command in commands:
    done = subprocess.run([sys.executable, "-m", "sprintlog", *command.split("|")])
    assert done.returncode == 0, command
raw = target.read_bytes()
body = typed.encode("utf-8").decode("unicode_escape").encode("latin-1")
target.write_bytes(body + b"\\n\\n" + raw)
sys.exit(3 if body.startswith(b"FAIL") else 0)
"""


@pytest.fixture
def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """editor(TEXT, *commands): the next editor types TEXT after running ``commands``."""
    script = tmp_path / "editor.py"
    script.write_text(EDITOR, encoding="utf-8")
    monkeypatch.delenv("VISUAL", raising=False)
    # A person at a terminal (without one, no editor is started at all).
    monkeypatch.setattr(terminal, "interactive", lambda: True)

    def use(typed: str, *commands: str) -> None:
        words = " ".join(f'"{word}"' for word in (typed, *commands))
        monkeypatch.setenv("EDITOR", f'"{sys.executable}" "{script}" {words}')

    return use


def kept_draft(stderr: str) -> Path:
    """The draft whose path the command printed; checked to be private."""
    [line] = [line for line in stderr.splitlines() if "kept in" in line]
    path = Path(line.split("kept in ", 1)[1].split(";")[0].strip())
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    return path


def outcomes(ok: Run) -> dict[str, str | None]:
    found = {}
    for goal in ok("goal", "list", "--json").json():
        found[str(goal["number"])] = goal["outcome"]
        for task in goal["tasks"]:
            found[f"{goal['number']}{task['letter']}"] = task["outcome"]
    return found


def test_a_note_changed_while_the_editor_is_open_is_not_overwritten(
    run: Run, ok: Run, sprint: None, editor
) -> None:
    editor("A's note", "note|3a|B's note")
    result = run("note", "3a")
    assert result.exit_code == 1, result.stderr
    assert result.stderr.endswith(
        "Error: the note of SSJ--3a was changed by another command while the editor was "
        "open; nothing was saved\n"
    )
    assert outcomes(ok)["3a"] == "B's note"
    assert kept_draft(result.stderr).read_text(encoding="utf-8").startswith("A's note")


def test_a_goal_replaced_while_the_editor_is_open_gets_nothing(
    run: Run, ok: Run, sprint: None, editor
) -> None:
    editor("A's note", "goal|rm|1|--yes", "goal|add|1|Something else")
    result = run("note", "1")
    assert result.exit_code == 1, result.stderr
    assert result.stderr.endswith(
        "Error: SSJ--1 was removed or replaced while the editor was open; nothing was saved\n"
    )
    assert outcomes(ok)["1"] is None
    assert kept_draft(result.stderr).read_text(encoding="utf-8").startswith("A's note")


def test_a_goal_removed_while_the_editor_is_open_is_exit_1(
    run: Run, ok: Run, sprint: None, editor
) -> None:
    editor("A's note", "goal|rm|3b|--yes")
    result = run("note", "3b")
    assert result.exit_code == 1, result.stderr
    assert "SSJ--3b was removed or replaced while the editor was open" in result.stderr
    kept_draft(result.stderr)


def test_sprint_notes_changed_while_the_editor_is_open_are_not_overwritten(
    run: Run, ok: Run, sprint: None, editor
) -> None:
    editor("A's intro", "sprint|note|1|B's intro")
    result = run("sprint", "note")
    assert result.exit_code == 1, result.stderr
    assert result.stderr.endswith(
        "Error: the notes of sprint 1 were changed by another command while the editor was "
        "open; nothing was saved\n"
    )
    assert "B's intro" in ok("render", "review").stdout
    assert kept_draft(result.stderr).read_text(encoding="utf-8").startswith("A's intro")


def test_an_unchanged_note_is_saved_after_other_commands(ok: Run, sprint: None, editor) -> None:
    editor("A's note", "note|3b|Another task's note", "log|Meanwhile|--goal|3a")
    ok("note", "3a")
    assert outcomes(ok)["3a"] == "A's note"


def test_a_draft_of_one_journal_is_never_offered_in_another(
    run: Run, ok: Run, sprint: None, editor, tmp_path: Path
) -> None:
    editor("FAIL: journal A's text")
    failed = run("note", "1")
    assert failed.exit_code == 1
    draft_a = kept_draft(failed.stderr)
    other = str(tmp_path / "other.db")
    for command in (["sprint", "start"], ["goal", "add", "1", "Write"]):
        ok("--db", other, *command)
    editor("Journal B's own text")
    result = ok("--db", other, "note", "1")
    assert "draft" not in result.stderr
    assert ok("--db", other, "goal", "list", "--json").json()[0]["outcome"] == (
        "Journal B's own text"
    )
    assert draft_a.exists()  # still waiting for journal A
    editor("")  # journal A: the user saves the offered draft as it is
    result = ok("note", "1")
    assert f"Starting from the draft kept in {draft_a}" in result.stderr
    assert outcomes(ok)["1"] == "FAIL: journal A's text"


def test_a_draft_that_is_not_utf8_is_set_aside(run: Run, ok: Run, sprint: None, editor) -> None:
    editor("FAIL \\xff\\xfe not UTF-8")
    failed = run("note", "1")
    assert failed.exit_code == 1
    bad = kept_draft(failed.stderr)
    editor("Written again")
    result = ok("note", "1")
    aside = Path(f"{bad}.not-utf8")
    assert f"The draft {bad} is not UTF-8 text; it was set aside as {aside}" in result.stderr
    assert aside.read_bytes().startswith(b"FAIL \xff\xfe")
    assert outcomes(ok)["1"] == "Written again"


def test_text_that_is_not_utf8_from_the_editor_is_exit_2(run: Run, ok: Run, sprint: None, editor):
    """Text that cannot be stored is a usage error (exit 2), from the editor as from stdin."""
    editor("bad \\xff\\xfe bytes")
    result = run("note", "1")
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("Error: the editor left text that is not UTF-8; nothing was saved")
    kept = Path(line.rsplit("kept as the draft ", 1)[1])
    assert kept.read_bytes().startswith(b"bad \xff\xfe bytes")
    assert outcomes(ok)["1"] is None
