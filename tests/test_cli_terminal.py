"""What the terminal shows a new user: usage lines, messages, widths (issue 17)."""

from collections.abc import Callable, Iterator
from datetime import date

import pytest
import typer
from helpers import Run

from sprintlog.cli import app


def _usage_lines(command, ctx: typer.Context) -> list[str]:
    """The usage line of ``command`` and of every command under it."""
    lines = [command.get_usage(ctx)]
    for name, sub in getattr(command, "commands", {}).items():
        with typer.Context(sub, info_name=name, parent=ctx) as sub_ctx:
            lines += _usage_lines(sub, sub_ctx)
    return lines


def test_usage_lines_show_arguments_without_braces() -> None:
    root = typer.main.get_command(app)
    with typer.Context(root, info_name="sprintlog") as ctx:
        lines = _usage_lines(root, ctx)
    assert "Usage: sprintlog log [OPTIONS] [TEXT]" in lines
    assert "Usage: sprintlog note [OPTIONS] REF [TEXT]" in lines
    assert "Usage: sprintlog entry edit [OPTIONS] ID [TEXT]" in lines
    assert "Usage: sprintlog goal add [OPTIONS] N [TITLE]" in lines
    assert [line for line in lines if "{" in line or "}" in line] == []


def test_a_usage_error_shows_the_plain_usage_line(run: Run) -> None:
    result = run("log")
    assert result.exit_code == 2
    assert result.stderr.startswith("Usage: sprintlog log [OPTIONS] [TEXT]\n")


def test_log_with_zero_minutes_says_it_stored_none(ok: Run) -> None:
    result = ok("log", "read a chapter", "--minutes", "0")
    assert result.stderr.endswith("; --minutes 0 stores no minutes.\n")
    assert ok("entries", "--json").json()[0]["minutes"] is None
    assert "minutes" not in ok("log", "again", "--minutes", "5").stderr


def test_calendar_by_minutes_shades_a_study_day_without_minutes(ok: Run) -> None:
    ok("log", "no minutes today")
    ok("log", "an hour a week ago", "--date", "-7d", "--minutes", "60")
    rows = ok("streak", "--calendar", "--by", "minutes").stdout.splitlines()[1:8]
    today_row = rows[date.today().weekday()]  # weeks start on Monday: rows Mo … Su
    assert today_row[3 + 52] == "░"  # the last week's column: the lightest shade, not blank
    assert today_row[3 + 51] == "█"


FRIDAY = date(2025, 11, 14)


@pytest.fixture
def friday(monkeypatch: pytest.MonkeyPatch) -> None:
    from sprintlog.cli import common

    monkeypatch.setattr(common, "today", lambda: FRIDAY)


def test_streak_on_a_new_journal_lists_no_missed_weeks_before_it(ok: Run, friday: None) -> None:
    for day in ("2025-11-05", "2025-11-06", "2025-11-07"):  # from the Wednesday of last week
        ok("log", "a day", "--date", day)
    text = ok("streak", "--weeks", "8").stdout
    table = text.split("Last 2 weeks\n")[1].splitlines()
    assert [row.split()[:3] for row in table[1:]] == [
        ["2025-11-03", "3", "met"],  # 3 of 3: its days from Wednesday on
        ["2025-11-10", "0", "missed"],  # Friday, 0 of 4: out of reach
    ]
    assert "Longest streak: 1 week (2025-11-03 – 2025-11-09)" in text
    weeks = ok("streak", "--json").json()["weeks"]
    assert [(week["start"], week["target"]) for week in weeks] == [
        ("2025-11-03", 3),  # Wednesday to Sunday: 5 days, prorated
        ("2025-11-10", 4),
    ]


def test_status_and_sprint_show_judge_a_partial_first_week_alike(ok: Run, friday: None) -> None:
    ok("sprint", "start", "--start", "2025-11-13")  # a Thursday: 4 days of its first week
    ok("log", "day one", "--date", "2025-11-13")
    ok("log", "day two")
    words = "2 of 2 days (4-day week) · target met"
    assert (
        f"This week  Mo · Tu · We · Th ● Fr ● Sa · Su ·\n           {words}\n"
        in ok("status").stdout
    )
    assert f"2025-11-13 – 11-16: {words}\n" in ok("sprint", "show").stdout
    assert ok("streak", "--json").json()["this_week"]["target"] == 2


LONG_GOAL = "Write the essay on category theory for the reading group and get feedback"
LONG_TASK = "Draft the introduction with the three running examples from chapter one"


@pytest.fixture
def columns(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[int], None]]:
    """Set the terminal's width (Rich reads COLUMNS once, when the console is made)."""
    from sprintlog.cli.display import terminal

    def set_width(width: int) -> None:
        monkeypatch.setenv("COLUMNS", str(width))
        terminal.console.cache_clear()

    yield set_width
    terminal.console.cache_clear()


@pytest.fixture
def carried_goals(ok: Run) -> None:
    """Sprint 2 with a long goal and task carried from sprint 1, logged against today."""
    ok("sprint", "start", "--start", "-20d", "--length", "14")
    ok("goal", "add", "1", LONG_GOAL, "--task", LONG_TASK, "--task", "short")
    ok("sprint", "start", "--start", "-6d", "--length", "14")
    ok("log", "worked", "--goal", "1a", "--minutes", "30")


def test_status_uses_the_width_there_is(ok: Run, carried_goals: None, columns) -> None:
    columns(120)
    lines = ok("status").stdout.splitlines()
    assert any(LONG_GOAL in line and "1 d" in line for line in lines)  # one line, not wrapped
    assert any(LONG_TASK in line and "30 min" in line for line in lines)
    columns(60)
    narrow = ok("status").stdout.splitlines()
    assert all(len(line.rstrip()) <= 60 for line in narrow)
    assert narrow[1].startswith("SSJ--1     Write the")  # wrapped, in the space left


@pytest.mark.parametrize("width", [120, 60, 40])
def test_goal_list_never_splits_a_reference(
    ok: Run, carried_goals: None, columns, width: int
) -> None:
    columns(width)
    listing = ok("goal", "list").stdout
    for ref in ("SSJ--1", "SSJ--1a", "SSJ--1b"):
        assert f"(from {ref})" in listing
    assert all(len(line.rstrip()) <= width for line in listing.splitlines())
    if width == 120:
        assert any(LONG_GOAL in line and "(from SSJ--1)" in line for line in listing.splitlines())


def test_a_running_partial_week_reads_the_same_in_status_and_sprint_show(
    ok: Run, friday: None
) -> None:
    ok("sprint", "start", "--start", "2025-11-13")
    ok("log", "day one", "--date", "2025-11-13")
    words = "1 of 2 days (4-day week) · 1 more day needed, 3 days left"
    assert f"           {words}\n" in ok("status").stdout
    assert f"2025-11-13 – 11-16: {words}\n" in ok("sprint", "show").stdout
    ok("log", "day two")  # today: met, in both
    met = "2 of 2 days (4-day week) · target met"
    assert f"           {met}\n" in ok("status").stdout
    assert f"2025-11-13 – 11-16: {met}\n" in ok("sprint", "show").stdout


def test_sprint_show_fits_a_running_partial_week_in_80_columns(
    ok: Run, friday: None, columns
) -> None:
    columns(80)
    ok("sprint", "start", "--start", "2025-11-13", "--end", "2026-01-05", "--title", "Winter")
    ok("log", "day one", "--date", "2025-11-13")
    lines = ok("sprint", "show").stdout.splitlines()
    assert (
        "  2025-11-13 – 11-16: 1 of 2 days (4-day week) · 1 more day needed, 3 days left" in lines
    )
    assert "  2025-12-29 – 2026-01-04: 0 of 4 days · to come" in lines  # across a new year
