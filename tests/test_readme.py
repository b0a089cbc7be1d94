"""The README's examples run as written."""

import re
import shlex
from pathlib import Path

import pytest
from helpers import Run

# One backend: the README's prose (its examples run on both)
one_backend = pytest.mark.one_backend

README = Path(__file__).parent.parent / "README.md"


def _quick_start(heading: str = "## Quick start") -> list[list[str]]:
    text = README.read_text(encoding="utf-8")
    section = text.split(heading, 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert block is not None
    return [shlex.split(line, comments=True) for line in block.group(1).splitlines() if line]


@pytest.mark.skipif(not README.exists(), reason="the README is not beside the tests")
def test_quick_start_runs_as_written(ok: Run) -> None:
    commands = _quick_start()
    assert len(commands) >= 8
    for words in commands:
        assert words[0] == "sprintlog"
        ok(*words[1:])
    assert [e["goals"] for e in ok("entries", "--json").json()] == [["SSJ--3a"], ["SSJ--3b"]]
    assert ok("goal", "list", "--json").json()[1]["tasks"][0]["status"] == "done"


@pytest.mark.skipif(not README.exists(), reason="the README is not beside the tests")
def test_the_review_walkthrough_runs_after_the_quick_start(ok: Run) -> None:
    for words in _quick_start():
        ok(*words[1:])
    posts = []
    for words in _quick_start("### The sprint review post"):
        assert words[0] == "sprintlog"
        if ">" in words:  # the shell's redirection: the test keeps the output itself
            words = words[: words.index(">")]
        posts.append(ok(*words[1:]).stdout)
    post = next(text for text in posts if "## Review of the 1st sprint" in text)
    post = post.replace("-\\-", "--")  # goal references as Jekyll is given them: SSJ-\-1a
    assert "The first draft took longer than planned." in post
    assert "#### SSJ--1a — Finish the first draft of the definitions section · partial" in post


@one_backend
@pytest.mark.skipif(not README.exists(), reason="the README is not beside the tests")
def test_every_command_is_in_the_readme() -> None:
    import typer

    from sprintlog.cli import app

    text = README.read_text(encoding="utf-8")
    root = typer.main.get_command(app)
    for name, command in root.commands.items():
        for sub in getattr(command, "commands", {None: None}):
            words = f"sprintlog {name}" + (f" {sub}" if sub else "")
            assert words in text or f"{name} {sub}" in text or f"|{sub}" in text, words
