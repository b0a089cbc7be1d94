"""Absurd numbers, lengths and patterns (issue 12, items 9 and 10): usage errors, no traceback."""

from datetime import date, timedelta

import pytest
import typer
from helpers import Run

from sprintlog.cli import app

HUGE = ("2147483648", "9223372036854775808", str(2**64))


def _commands(command, path=()):
    yield path, command
    for name, sub in getattr(command, "commands", {}).items():
        yield from _commands(sub, (*path, name))


def _integer_parameters() -> list[tuple[tuple[str, ...], object]]:
    found = []
    for path, command in _commands(typer.main.get_command(app)):
        for param in command.params:
            if getattr(param, "bare_type", lambda: None)() == "int":
                found.append((path, param))
    return found


INTEGERS = _integer_parameters()


def _args(path: tuple[str, ...], param, value: str) -> list[str]:
    """A command line giving ``value`` to ``param`` (and what else the command needs)."""
    needed = {"goal add": ["Title"], "goal task": ["1", "Task"], "goal edit": ["1"]}
    words = " ".join(path)
    if param.param_type_name == "argument":
        return [*path, value, *needed.get(words, [])]
    return [*path, *needed.get(words, []), param.opts[0], value]


@pytest.mark.parametrize(
    ("path", "param"),
    INTEGERS,
    ids=[f"{' '.join(path)} {param.name}" for path, param in INTEGERS],
)
def test_every_integer_argument_is_range_checked(run: Run, sprint: None, path, param) -> None:
    for value in HUGE:
        result = run(*_args(path, param, value))
        assert result.exit_code == 2, (path, param.name, value, result.stderr)
        assert "Traceback" not in result.stderr
        assert "range" in result.stderr or "less than or equal" in result.stderr


def test_the_integer_parameters_are_all_found() -> None:
    named = {(" ".join(path), param.name) for path, param in INTEGERS}
    assert {("entry show", "entry_id"), ("goal add", "number"), ("read start", "item_id")} <= named
    assert len(INTEGERS) > 20


def test_a_sprint_is_at_most_366_days_however_its_end_is_given(run: Run, ok: Run) -> None:
    start = date(2026, 1, 1)
    too_far = (start + timedelta(days=366)).isoformat()
    result = run("sprint", "start", "--start", start.isoformat(), "--end", too_far)
    assert result.exit_code == 2
    assert result.stderr.endswith(
        f"Error: a sprint is at most 366 days; 2026-01-01 to {too_far} is 367\n"
    )
    assert run("sprint", "start", "--start", "2026-01-01", "--end", "9999-12-31").exit_code == 2
    assert run("sprint", "start", "--length", "367").exit_code == 2
    assert ok("sprint", "list", "--json").json() == []
    last = (start + timedelta(days=365)).isoformat()
    ok("sprint", "start", "--start", start.isoformat(), "--end", last)
    ok("sprint", "show", "1")
    ok("render", "review", "1")
