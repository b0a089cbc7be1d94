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
from sprintlog.completion.tree import tree_of

# One backend: the completion tree and its values, not the journal (its reads are sqlite_only;
# test_completion_loads_nothing_heavy runs on both: what a server URL makes it import)
one_backend = pytest.mark.one_backend


@one_backend
def test_the_tree_matches_the_cli() -> None:
    """If this fails, regenerate: python -m sprintlog.completion (rewrites completion/tree.json)"""
    assert tree_of(typer.main.get_command(app)) == completion.TREE


def _bash(line: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    words = line.split()
    current = len(words) if line.endswith(" ") else len(words) - 1
    environment = {
        **os.environ,
        **(env or {}),
        "_SPRINTLOG_COMPLETE": "complete_bash",
        "COMP_WORDS": line,
        "COMP_CWORD": str(current),
    }
    return sprintlog_process(env=environment)


def tab(line: str, env: dict[str, str] | None = None) -> list[str]:
    """What bash would offer for ``line`` (the cursor at its end); [] means nothing at all
    (exit code 0: no file names either)."""
    result = _bash(line, env)
    assert result.returncode == 0 and result.stderr == "", (result.returncode, result.stderr)
    return result.stdout.split()


def wants_files(line: str) -> bool:
    """Whether the answer for ``line`` asks the shell for file names (exit code 1, nothing)."""
    result = _bash(line)
    assert result.stderr == ""
    return result.returncode == completion.FILES and result.stdout == ""


@one_backend
def test_the_default_prefix_is_the_settings_default() -> None:
    from sprintlog.rules.setting_specs import SPECS

    assert SPECS["prefix"].default == completion.DEFAULT_PREFIX


@pytest.mark.sqlite_only
def test_a_journal_without_a_prefix_setting_completes_with_the_default(
    ok: Run, sprint: None
) -> None:
    assert tab("sprintlog log x -g ssj--1") == ["SSJ--1"]


@one_backend
def test_every_command_option_and_value_says_what_it_is() -> None:
    """zsh and fish show these beside each offer: none may be missing (a Choice with no
    ``autocompletion=common.choices(...)`` would give values without a word)."""
    for path, node in completion.TREE.items():
        named = [*node["commands"], *node["options"]]
        assert all(node["help"].get(name) for name in named), path
        for key, values in node["values"].items():
            assert values and all(value and help for value, help in values), (path, key)
        for key, kind in [*node["options"].items(), *enumerate(node["arguments"])]:
            assert (kind == "choice") == (str(key) in node["values"]), (path, key)


@one_backend
def test_values_come_from_where_the_commands_read_them() -> None:
    from sprintlog.cli.report import By
    from sprintlog.rules.setting_specs import SPECS
    from sprintlog.services.exchange.formats import detect
    from sprintlog.services.publish import SITE_ENGINES

    def values(path: str, key: str) -> list[str]:
        return [value for value, _ in completion.TREE[path]["values"][key]]

    assert values("report", "--by") == [by.value for by in By]
    assert values("config set", "0") == values("config get", "0") == list(SPECS)
    assert values("import", "--format") == values("import", "-f") == list(detect.FORMATS)
    assert values("publish", "--engine") == list(SITE_ENGINES)


@one_backend
def test_choice_values_complete() -> None:
    assert tab("sprintlog report --by ") == ["goal", "task", "tag", "week", "month", "sprint"]
    assert tab("sprintlog report --by m") == ["month"]
    assert tab("sprintlog report --by = ") == tab("sprintlog report --by ")  # bash's --by=
    assert tab("sprintlog report --by=s") == ["--by=sprint"]
    assert tab("sprintlog streak --calendar --by ") == ["entries", "minutes"]
    assert tab("sprintlog publish --engine ") == ["jekyll", "hugo", "quartz", "obsidian"]
    assert tab("sprintlog export -f ") == ["json", "csv", "jrnl", "posts"]
    assert tab("sprintlog import x.json --format j") == ["jrnl"]
    assert tab("sprintlog import x.json --prefer ") == ["mine", "theirs"]
    assert tab("sprintlog import x.csv --amount h") == ["hours"]
    assert tab("sprintlog read list --status r") == ["reading", "read"]
    assert tab("sprintlog config set week") == ["week_start"]
    assert tab("sprintlog config get post_") == [
        "post_title",
        "post_url",
        "post_tags",
        "post_layout",
        "post_categories",
        "post_images",
        "post_image_url",
    ]
    assert tab("sprintlog config set prefix ") == []  # a value of one's own: nothing


@one_backend
def test_a_command_that_takes_only_options_offers_options_not_files() -> None:
    assert tab("sprintlog sprint start ") == [
        "--end",
        "--help",
        "--length",
        "--next",
        "--no-carry",
        "--start",
        "--title",
    ]
    assert tab("sprintlog status ") == ["--help", "--json"]
    assert tab("sprintlog report --by week ")[:3] == ["--by", "--csv", "--help"]
    assert tab("sprintlog sprint start x") == []  # not an option: nothing, no file names
    assert tab("sprintlog config set prefix LRN ") == ["--help"]


@one_backend
def test_file_names_only_where_a_file_or_folder_is_asked_for() -> None:
    for line in (
        "sprintlog import ",
        "sprintlog render review -o ",
        "sprintlog render review --template ",
        "sprintlog streak --calendar --svg ",
        "sprintlog --db ",
        "sprintlog db restore ",
        "sprintlog export -f posts -o ",
        "sprintlog db copy --to ",
    ):
        assert wants_files(line), line
    for line in (
        "sprintlog log ",
        "sprintlog sprint start --title ",
        "sprintlog sprint start --start ",
        "sprintlog goal add 2 ",
        "sprintlog entries --grep ",
    ):
        assert tab(line) == [] and not wants_files(line), line


@one_backend
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


@one_backend
def test_other_shells_are_said_to_be_unsupported() -> None:
    env = {**os.environ, "_SPRINTLOG_COMPLETE": "complete_tcsh", "_TYPER_COMPLETE_ARGS": "x"}
    result = sprintlog_process(env=env)
    assert (result.returncode, result.stdout) == (1, "")
    assert "tcsh not supported" in result.stderr
