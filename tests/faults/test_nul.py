"""A NUL character in text is exit 2 wherever the text comes from, as the manual says."""

import re
import sys
from pathlib import Path

import pytest
from helpers import Run

from sprintlog.cli.display import terminal

EXIT_CODES = Path(__file__).parent.parent.parent / "docs" / "index.md"  # the manual's
WRITE_NUL = "import sys; open(sys.argv[-1], 'wb').write(b'half\\x00way\\n')"


@pytest.mark.parametrize(
    "args",
    [
        ["log", "-"],
        ["note", "1", "-"],
        ["note", "3a", "-"],
        ["sprint", "note", "1", "-"],
        ["question", "add", "-"],
        ["entry", "edit", "1", "-"],
    ],
    ids=" ".join,
)
def test_nul_on_standard_input_is_a_usage_error(run: Run, ok: Run, sprint: None, args) -> None:
    ok("log", "An entry to edit")
    result = run(*args, input=b"half\x00way\n")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].endswith(
        "contains a NUL character, which cannot be stored"
    )


def test_nul_from_the_editor_is_a_usage_error_and_kept(
    run: Run, sprint: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = tmp_path / "nul.py"
    script.write_text(WRITE_NUL, encoding="utf-8")
    monkeypatch.setenv("EDITOR", f'"{sys.executable}" "{script}"')
    monkeypatch.setattr(terminal, "interactive", lambda: True)  # a person at a terminal
    result = run("note", "1")
    assert result.exit_code == 2
    assert "Your text is kept in" in result.stderr


def test_nul_in_a_template_file_is_a_usage_error(run: Run, tmp_path: Path) -> None:
    template = tmp_path / "mine.md.j2"
    template.write_bytes(b"{{ title }}\x00\n")
    result = run("config", "set", "template", str(template))
    assert result.exit_code == 2 and "NUL" in result.stderr


def test_the_manual_says_refused_text_is_exit_2() -> None:
    codes = EXIT_CODES.read_text(encoding="utf-8").split("## Exit codes", 1)[1].split("\n## ")[0]
    two = re.search(r"`2`(.*?)`130`", codes, re.DOTALL)
    assert two is not None
    said = " ".join(two.group(1).split())
    assert "NUL" in said and "standard input" in said and "editor" in said
