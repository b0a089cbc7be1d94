"""`log` without TEXT: the editor on a terminal (as `note`), a usage error without one."""

import sys
from pathlib import Path

import pytest
from helpers import Run

from sprintlog.cli.display import terminal

EDITOR = """
import sys
from pathlib import Path
mode, seen, target = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
text = target.read_text(encoding="utf-8")
seen.write_text(text, encoding="utf-8")  # what the editor was given, for the test
if mode == "write":
    target.write_text("Topoi ch.1, drew the diagrams\\n#topos\\n" + text, encoding="utf-8")
elif mode == "fail":
    target.write_text("Half a thought" + text, encoding="utf-8")
    sys.exit(3)
"""


@pytest.fixture
def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """editor(mode) makes $EDITOR a script; the test's process passes for a terminal."""
    script = tmp_path / "editor.py"
    script.write_text(EDITOR, encoding="utf-8")
    seen = tmp_path / "seen.md"
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setattr(terminal, "interactive", lambda: True)

    def use(mode: str) -> Path:
        monkeypatch.setenv("EDITOR", f'"{sys.executable}" "{script}" {mode} "{seen}"')
        return seen

    return use


def drafts(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "data" / "sprintlog" / "drafts"
    return sorted(folder.iterdir()) if folder.exists() else []


def test_log_without_text_opens_the_editor(ok: Run, sprint: None, editor, tmp_path: Path) -> None:
    seen = editor("write")
    result = ok("log", "--goal", "3b", "--minutes", "40", "--date", "yesterday")
    assert result.stderr.endswith("(SSJ--3b) #topos.\n")
    [entry] = ok("entries", "--json").json()
    assert entry["text"] == "Topoi ch.1, drew the diagrams\n#topos"
    assert (entry["goals"], entry["minutes"]) == (["SSJ--3b"], 40)
    given = seen.read_text(encoding="utf-8")
    assert given.startswith("\n-----") and "An entry of the log for " in given
    assert f"{entry['day']} · 3b · 40 min" in given
    assert drafts(tmp_path) == []


def test_an_editor_that_fails_saves_nothing_and_keeps_the_draft(
    ok: Run, run: Run, editor, tmp_path: Path
) -> None:
    editor("fail")
    result = run("log")
    assert result.exit_code == 1
    [draft] = drafts(tmp_path)
    assert result.stderr.endswith(
        f"Error: the editor exited with status 3; nothing was saved; your text is kept in {draft}\n"
    )
    assert draft.read_text(encoding="utf-8").startswith("Half a thought")
    editor("write")  # the next `log` starts from the draft, and saves
    assert "Starting from the draft kept in" in ok("log").stderr
    assert ok("entries", "--json").json()[0]["text"].startswith("Topoi ch.1, drew the")
    assert drafts(tmp_path) == []


def test_an_empty_text_saves_nothing(run: Run, ok: Run, editor, tmp_path: Path) -> None:
    editor("leave")
    result = run("log")
    assert (result.exit_code, result.stderr.splitlines()[-1]) == (
        1,
        "Error: the text was left empty; nothing was saved",
    )
    assert ok("entries", "--json").json() == [] and drafts(tmp_path) == []


def test_a_goal_that_does_not_exist_is_refused_before_the_editor_opens(
    run: Run, sprint: None, editor
) -> None:
    seen = editor("write")
    result = run("log", "--goal", "3c")
    assert result.exit_code == 2 and "SSJ--3c does not exist in sprint 1" in result.stderr
    assert not seen.exists()


def test_without_a_terminal_and_without_text_it_is_a_usage_error(run: Run, ok: Run) -> None:
    result = run("log", input="")
    assert result.exit_code == 2
    assert result.stderr.startswith("Usage: sprintlog log [OPTIONS] [TEXT]\n")
    assert result.stderr.endswith(
        "Error: Missing argument 'TEXT'. With no terminal to open an editor on, give the "
        "text (- reads standard input).\n"
    )
    ok("log", "-", input="from standard input\n")
    assert ok("entries", "--json").json()[0]["text"] == "from standard input"


def test_the_log_command_imports_the_editor_only_to_use_it() -> None:
    """Not at the top of cli/log.py: `log TEXT` has no use for it.

    (The root app still loads it for `note` today; a lazy CLI then skips it for `log`.)
    """
    import ast

    import sprintlog.cli.log

    tree = ast.parse(Path(sprintlog.cli.log.__file__).read_text(encoding="utf-8"))
    top = [node for node in tree.body if isinstance(node, ast.Import | ast.ImportFrom)]
    names = {
        f"{node.module}.{alias.name}"
        for node in top
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert "sprintlog.cli.editor" not in names
    inside = [node for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    assert any(alias.name == "editor" for node in inside for alias in node.names)
