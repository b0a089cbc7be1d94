"""TAB completion: commands, options and the current sprint's goal references, fast."""

import os
import subprocess
import sys
from datetime import date, timedelta

import pytest
import typer
from helpers import Run, sprintlog_process

from sprintlog import completion
from sprintlog.cli import app


def test_the_tree_matches_the_cli() -> None:
    """If this fails, regenerate: python -m sprintlog.completion (rewrites completion/tree.json)"""
    assert completion.tree_of(typer.main.get_command(app)) == completion.TREE


def tab(line: str, env: dict[str, str] | None = None) -> list[str]:
    """What bash would offer for ``line`` (the cursor at its end)."""
    words = line.split()
    current = len(words) if line.endswith(" ") else len(words) - 1
    environment = {
        **os.environ,
        **(env or {}),
        "_SPRINTLOG_COMPLETE": "complete_bash",
        "COMP_WORDS": line,
        "COMP_CWORD": str(current),
    }
    result = sprintlog_process(env=environment)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    return result.stdout.split()


def test_the_default_prefix_is_the_settings_default() -> None:
    from sprintlog.rules.setting_specs import SPECS

    assert SPECS["prefix"].default == completion.DEFAULT_PREFIX


@pytest.mark.sqlite_only
def test_a_journal_without_a_prefix_setting_completes_with_the_default(
    ok: Run, sprint: None
) -> None:
    assert tab("sprintlog log x -g ssj--1") == ["SSJ--1"]


def test_commands_and_options() -> None:
    assert tab("sprintlog st") == ["status", "streak", "start", "stop"]
    assert tab("sprintlog timer ") == ["cancel"]
    assert tab("sprintlog goal d") == ["done", "drop", "defer"]
    assert tab("sprintlog log --") == [
        "--closed",
        "--date",
        "--goal",
        "--help",
        "--minutes",
        "--tag",
    ]
    assert "--no-carry" in tab("sprintlog sprint start --")


@pytest.mark.sqlite_only
def test_goal_references_of_the_current_sprint(ok: Run, sprint: None, journal_path) -> None:
    ok("config", "set", "prefix", "LRN")
    assert tab("sprintlog goal done ") == [
        "1",
        "3",
        "3a",
        "3b",
        "LRN--1",
        "LRN--3",
        "LRN--3a",
        "LRN--3b",
    ]
    assert tab("sprintlog log x --goal 3") == ["3", "3a", "3b"]
    assert tab("sprintlog start -g 3") == ["3", "3a", "3b"]
    assert tab("sprintlog log x -g lrn--3") == ["LRN--3", "LRN--3a", "LRN--3b"]
    assert tab("sprintlog note ") == tab("sprintlog goal done ")
    assert tab("sprintlog log ") == []  # TEXT is not a reference
    other = journal_path.parent / "other.db"
    assert tab(f"sprintlog --db {other} goal done ") == []


@pytest.mark.sqlite_only
def test_goal_references_of_the_sprint_that_sprint_names(ok: Run, sprint: None) -> None:
    upcoming = (date.today() + timedelta(days=11)).isoformat()
    ok("sprint", "start", "--start", upcoming, "--length", "7", "--next")  # sprint 2, upcoming
    ok("goal", "add", "2", "Read", "--sprint", "2", "--task", "SICP")
    # Sprint 2 got sprint 1's unfinished goals when it started, and goal 2 of its own.
    assert "2a" in tab("sprintlog goal done --sprint 2 ")
    assert tab("sprintlog goal done -s 2 2") == ["2", "2a"]
    assert tab("sprintlog goal done --sprint=1 2") == []  # sprint 1 has no goal 2
    assert tab("sprintlog goal done --sprint 9 ") == []  # no such sprint: nothing to offer
    assert "2a" not in tab("sprintlog goal done ")  # the current sprint is sprint 1


@pytest.mark.sqlite_only
def test_tags_in_use_complete_after_a_hash_and_after_tag(ok: Run, journal_path) -> None:
    ok("log", "Topoi ch.1 #math #category-theory")
    ok("log", "more #Math", "--tag", "reading")
    # Most used first; escaped, since bash reads a word starting with # as a comment.
    assert tab("sprintlog log #") == ["\\#math", "\\#category-theory", "\\#reading"]
    assert tab("sprintlog log #ma") == ["\\#math"]
    assert tab("sprintlog log \\#ma") == ["\\#math"]  # typed on after a first TAB
    assert tab("sprintlog entries --tag ") == ["math", "category-theory", "reading"]
    assert tab("sprintlog entries -t CAT") == ["category-theory"]
    assert tab("sprintlog log x --tag r") == ["reading"]
    assert tab("sprintlog log ") == []  # text is not a tag


@pytest.mark.sqlite_only
def test_completion_never_creates_a_journal(journal_path) -> None:
    assert tab("sprintlog goal done ") == []
    assert not journal_path.exists()


SHELL_ENVIRONMENTS = {
    "bash": "_SPRINTLOG_COMPLETE='complete_bash', COMP_WORDS='sprintlog goal done ', "
    "COMP_CWORD='3'",
    "zsh": "_SPRINTLOG_COMPLETE='complete_zsh', _TYPER_COMPLETE_ARGS='sprintlog goal done '",
    "fish": "_SPRINTLOG_COMPLETE='complete_fish', _TYPER_COMPLETE_ARGS='sprintlog goal done ', "
    "_TYPER_COMPLETE_FISH_ACTION='get-args'",
}


@pytest.mark.parametrize("shell", sorted(SHELL_ENVIRONMENTS))
def test_completion_loads_nothing_heavy(journal, shell: str) -> None:
    code = (
        "import os, sys\n"
        f"os.environ.update({SHELL_ENVIRONMENTS[shell]})\n"
        "from sprintlog.__main__ import main\n"
        "main()\n"
        "heavy = ('typer', 'pydantic', 'sqlalchemy', 'sqlmodel', 'alembic', 'rich')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "SPRINTLOG_DB": journal.url},
    )
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_other_shells_are_said_to_be_unsupported() -> None:
    env = {**os.environ, "_SPRINTLOG_COMPLETE": "complete_tcsh", "_TYPER_COMPLETE_ARGS": "x"}
    result = sprintlog_process(env=env)
    assert (result.returncode, result.stdout) == (1, "")
    assert "tcsh not supported" in result.stderr
