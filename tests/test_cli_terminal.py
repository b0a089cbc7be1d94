"""What the terminal shows a new user: usage lines, messages, widths (issue 17)."""

from datetime import date

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
    assert "Usage: sprintlog log [OPTIONS] TEXT" in lines
    assert "Usage: sprintlog entry edit [OPTIONS] ID [TEXT]" in lines
    assert "Usage: sprintlog goal add [OPTIONS] N TITLE" in lines
    assert [line for line in lines if "{" in line or "}" in line] == []


def test_a_usage_error_shows_the_plain_usage_line(run: Run) -> None:
    result = run("log")
    assert result.exit_code == 2
    assert result.stderr.startswith("Usage: sprintlog log [OPTIONS] TEXT\n")


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
