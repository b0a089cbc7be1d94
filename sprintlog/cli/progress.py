"""sprintlog streak / status: the weekly target, streaks, and where you are."""

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from sprintlog.cli import common
from sprintlog.cli.common import JsonOption
from sprintlog.cli.display import charts as streak_charts
from sprintlog.cli.display import tables
from sprintlog.cli.display.terminal import console, message, print_json
from sprintlog.rules.text import plural
from sprintlog.rules.weeks import Weeks

if TYPE_CHECKING:
    from datetime import date

    from sprintlog.services.status import Dashboard
    from sprintlog.services.streaks import StreakReport
    from sprintlog.shown.streak_weeks import CalendarDay


class Measure(StrEnum):
    entries = "entries"
    minutes = "minutes"


def streak(
    ctx: typer.Context,
    weeks: Annotated[
        int, typer.Option("--weeks", "-w", min=1, max=520, metavar="N", help="Weeks to list.")
    ] = 8,
    calendar: Annotated[
        bool, typer.Option("--calendar", "-c", help="Draw the last year as a heatmap.")
    ] = False,
    by: Annotated[
        Measure,
        typer.Option(
            "--by",
            help="What the heatmap shades: entries or minutes.",
            autocompletion=common.choices(
                lambda: {"entries": "entries logged a day", "minutes": "minutes logged a day"}
            ),
        ),
    ] = Measure.entries,
    json: JsonOption = False,
    svg: Annotated[
        Path | None,
        typer.Option("--svg", metavar="FILE", help="With --calendar: write the heatmap as SVG."),
    ] = None,
) -> None:
    # Its help line is in COMMANDS (sprintlog/cli/__init__.py), as for every command.
    from sprintlog.services import breaks, settings, streaks

    if svg is not None and (not calendar or json):
        raise typer.BadParameter("--svg goes with --calendar (and not --json)", param_hint="--svg")
    today = common.today()
    with common.reader(ctx) as reader:
        config = settings.read(reader)
        if calendar:
            first, last = streaks.last_year(today, Weeks(config.week_start))
            days = streaks.calendar(reader, since=first, until=last)
            off = breaks.load(reader, since=first, until=last).days(first, last)
        else:
            report = streaks.report(reader, settings=config, today=today, recent_weeks=weeks)
    if calendar and svg is not None:
        from sprintlog.cli import pictures

        pictures.write_year(svg, days, Weeks(config.week_start), first, last, by.value, off)
        message(f"Wrote {svg}.")
    elif calendar:
        with common.paged(ctx):
            _show_calendar(
                days, Weeks(config.week_start), (first, last, today), by.value, json, off
            )
    elif json:
        print_json(streak_charts.streak_dict(report))
    else:
        with common.paged(ctx):
            _show_streak(report)


def _show_streak(report: "StreakReport") -> None:
    from rich.text import Text

    weeks = Weeks(report.week_start)
    week = report.this_week
    out = console()
    out.print(Text(f"This week ({week.start.isoformat()} – {week.end.isoformat()})", style="bold"))
    out.print(f"  {streak_charts.week_dots(week, weeks)}")
    out.print(f"  {streak_charts.week_progress(week)}")
    out.print()
    if (on_break := streak_charts.on_break_text(report.on_break)) is not None:
        out.print(on_break)
    out.print(f"Current streak: {streak_charts.streak_text(report.current)}")
    out.print(f"Longest streak: {streak_charts.longest_text(report.longest)}")
    out.print()
    out.print(Text(f"Last {plural(len(report.recent), 'week')}", style="bold"))
    out.print(streak_charts.weeks_table(report))


def _show_calendar(
    days: "dict[date, CalendarDay]",
    weeks: Weeks,
    span: "tuple[date, date, date]",
    by: str,
    json: bool,
    off: frozenset["date"],
) -> None:
    first, last, today = span
    if json:
        print_json(
            {
                "since": first.isoformat(),
                "until": last.isoformat(),
                "days": [
                    {"day": day.isoformat(), "entries": item.entries, "minutes": item.minutes}
                    for day, item in sorted(days.items())
                ],
                "break_days": [day.isoformat() for day in sorted(off)],
            }
        )
        return
    console().print(streak_charts.heatmap(days, weeks, first, last, by, off, today=today))
    until = min(last, today)
    console().print(f"   {len(days)} study days from {first.isoformat()} to {until.isoformat()}")


def status(ctx: typer.Context, json: JsonOption = False) -> None:
    from sprintlog.services import settings
    from sprintlog.services.status import dashboard

    today = common.today()
    with common.reader(ctx) as reader:
        config = settings.read(reader)
        board = dashboard(reader, settings=config, today=today)
    if json:
        print_json(_status_dict(board, config.prefix))
        return
    _show_status(board, config.prefix)


def _show_status(board: "Dashboard", prefix: str) -> None:

    out = console()
    if board.sprint is None:
        out.print("No sprint is running today. Start one with: sprintlog sprint start")
    else:
        sprint = board.sprint
        left = (sprint.end_day - board.today).days
        state = tables.sprint_state(sprint, board.today)
        heading = tables.sprint_heading(sprint, board.today, f"{state}, {plural(left, 'day')} left")
        out.print(heading)
        out.print(
            tables.goals_table(board.goals, prefix, board=board)
            if board.goals
            else "  No goals yet."
        )
    week = board.streak.this_week
    weeks = Weeks(board.streak.week_start)
    out.print()
    out.print(f"This week  {streak_charts.week_dots(week, weeks)}")
    out.print(f"           {streak_charts.week_progress(week)}")
    out.print(f"Streak     {streak_charts.streak_text(board.streak.current)}")
    if (on_break := streak_charts.on_break_text(board.streak.on_break)) is not None:
        out.print(on_break)
    elif not board.logged_today:
        example = f" --goal {board.goals[0].number}" if board.goals else ""
        message(f'Nothing logged today. Log it with: sprintlog log "what you studied"{example}')


def _status_dict(board: "Dashboard", prefix: str) -> dict:
    week = streak_charts.streak_dict(board.streak)
    sprint = None
    if board.sprint is not None:
        sprint = tables.sprint_dict(board.sprint, board.today)
        sprint["days_left"] = (board.sprint.end_day - board.today).days
    return {
        "today": board.today.isoformat(),
        "sprint": sprint,
        "goals": [tables.goal_activity_dict(goal, board, prefix) for goal in board.goals],
        "this_week": week["this_week"],
        "target": week["target"],
        "current_streak": week["current_streak"],
        "on_break": week["on_break"],
        "logged_today": board.logged_today,
    }
