"""Usage that matches behaviour: numbers read as the rest of the messages, -goal is not -g."""

from datetime import date

import pytest
import typer
from helpers import Run

from sprintlog.cli import app


def _commands(command, path=()):
    yield path
    for name, sub in getattr(command, "commands", {}).items():
        yield from _commands(sub, (*path, name))


def test_no_help_shows_a_click_range(run: Run) -> None:
    for path in _commands(typer.main.get_command(app)):
        shown = run(*path, "--help").stdout
        assert "<=x" not in shown and "x<=" not in shown and "x>=" not in shown, path


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["entry", "rm", "abc"], "'abc' is not a whole number (write it like 3)"),
        (["entry", "rm", "0"], "0 is too small: give 1 or more"),
        (["entry", "rm", "9999999999"], "9,999,999,999 is too large: give at most 2,147,483,647"),
        (["log", "x", "--minutes", "1441"], "1,441 is too large: give at most 1,440"),
        (["sprint", "show", "٣"], "'٣' is not a whole number"),
    ],
)
def test_numbers_are_refused_in_words(run: Run, args: list[str], said: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert said in result.stderr
    assert "valid int" not in result.stderr and "range" not in result.stderr


def test_a_long_option_with_one_dash_is_not_read_as_a_short_one(ok: Run, run: Run) -> None:
    ok("sprint", "start")
    ok("goal", "add", "3", "Math")
    result = run("log", "-goal", "3", "Topoi")
    assert result.exit_code == 2
    assert "No such option: -goal (did you mean --goal?)" in result.stderr
    assert ok("entries", "--json").json() == []
    # A value that starts with a dash is still a value.
    ok("log", "three days ago", "--date", "-3d")
    ok("entries", "--grep", "-goal")


def test_an_unknown_command_of_a_group_lists_the_group_s_commands(run: Run) -> None:
    result = run("goal", "finish", "1")
    assert result.exit_code == 2
    assert (
        "No such command 'finish'. The commands of `sprintlog goal` are: add, task, edit, "
        "renumber, rm, list, done, partial, drop, defer, reopen (see `sprintlog goal --help`)"
    ) in result.stderr


def test_next_weekday_plans_a_sprint(ok: Run) -> None:
    assert "Started sprint 1: Mon " in ok("sprint", "start", "--start", "next monday").stderr
    [sprint] = ok("sprint", "list", "--json").json()
    first = date.fromisoformat(sprint["start"])
    assert first.weekday() == 0 and 1 <= (first - date.today()).days <= 7
    assert (sprint["state"], sprint["day"]) == ("upcoming", None)


def test_a_missing_goal_says_how_to_add_it(ok: Run, run: Run) -> None:
    ok("sprint", "start")
    result = run("log", "x", "--goal", "4")
    assert result.stderr.endswith(
        "Error: sprint 1 has no goal SSJ--4; add it with `sprintlog goal add 4 TITLE --sprint 1`\n"
    )
