"""Absurd numbers, lengths and patterns (issue 12, items 9 and 10): usage errors, no traceback."""

from datetime import date, timedelta

import pytest
import typer
from helpers import Run, store_setting

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
            # Click's int types: Typer is pinned to the releases that vendor Click (pyproject).
            if param.type.name in ("integer", "int range"):
                found.append((path, param))
    return found


INTEGERS = _integer_parameters()


def _args(path: tuple[str, ...], param, value: str) -> list[str]:
    """A command line giving ``value`` to ``param`` (and what else the command needs)."""
    needed = {
        "goal add": ["Title"],
        "goal task": ["1", "Task"],
        "goal edit": ["1"],
        "publish": ["--site", "."],
    }
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
        # Said in words, with the bound (not Click's "is not in the range 1<=x<=…").
        assert "is too large: give at most " in result.stderr, result.stderr


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


@pytest.mark.parametrize("key", ["post_title", "post_url"])
@pytest.mark.parametrize(
    "pattern", ["{n:>99999999999}", "{n.__class__}", "{n!r}", "{0}", "{n:{n}}", "{n[0]}", "{n:10}"]
)
def test_a_title_or_url_pattern_allows_n_and_nothing_else(run: Run, key: str, pattern) -> None:
    result = run("config", "set", key, pattern)
    assert result.exit_code == 2, result.stderr
    assert result.stderr.endswith(
        f"Error: {key} must be text with {{n}} (or {{n:3}} and the like, under 10 wide) where "
        "the sprint number goes, and nothing else in braces (other braces doubled)\n"
    )


def test_allowed_patterns_render(ok: Run, sprint: None) -> None:
    ok("config", "set", "post_title", "Journal {{#{n:03}}}")
    ok("config", "set", "post_url", "/ssj-{n:>2}")
    assert 'title: "Journal {#001}"' in ok("render", "review").stdout
    assert ok("config", "get", "post_url").stdout == "/ssj-{n:>2}\n"


def test_a_bad_pattern_stored_in_the_journal_is_a_clean_error(
    run: Run, sprint: None, journal
) -> None:
    store_setting(journal, "post_title", "{n.__class__}")
    result = run("render", "review")
    assert result.exit_code == 1
    assert result.stderr.endswith(
        "Error: the journal's setting post_title holds '{n.__class__}', which is not valid; "
        "fix it with `sprintlog config set post_title VALUE`\n"
    )
    assert "class" not in result.stdout
